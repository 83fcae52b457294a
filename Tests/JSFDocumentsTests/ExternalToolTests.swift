import Foundation
import Testing

@testable import JSFDocuments

@Suite struct ExternalToolTests {
    let environment = ["PATH": "/usr/bin:/bin"]

    @Test func capturesStatusAndBothStreams() throws {
        let sh = try #require(ExternalTool.find(["sh"], environment: environment))
        let outcome = try sh.run(["-c", "echo out; echo err >&2; exit 3"])
        #expect(outcome.status == 3 && !outcome.timedOut)
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "out\n" && outcome.stderr == "err\n")
    }

    /// Waiting on the process returns as soon as it exits, and a process that outlives its timeout is stopped.
    @Test func stopsAProcessAfterItsTimeout() throws {
        let sleep = try #require(ExternalTool.find(["sleep"], environment: environment))
        let start = Date()
        let outcome = try sleep.run(["30"], timeout: 0.3)
        #expect(outcome.timedOut)
        #expect(Date().timeIntervalSince(start) < 5)
        let quick = try sleep.run(["0"], timeout: 30)
        #expect(!quick.timedOut && quick.status == 0)
    }
}
