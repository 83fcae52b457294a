import Foundation
import JeSaisFaire
import Testing

@testable import JSFCommandLine

@Suite("the console and in-process runs: injected streams, colour, leading options")
struct ConsoleTests {
    @Test("a terminal redline: deletions red and struck through, insertions green and underlined")
    func terminalRedline() {
        let old = "Le délai d'intervention est de 4 heures."
        let new = "Le délai d'intervention est de 8 heures ouvrées."
        // jsf's own escapes are marks until the line is written: as the console writes it on a terminal.
        func written(_ text: String) -> String { Neutralise.line(text, ownEscapes: true) }
        let coloured = written(WordDiff.redline(old, new, style: .terminal))
        #expect(coloured == "Le délai d'intervention est de \u{1B}[31;9m4 heures.\u{1B}[0m\u{1B}[32;4m8 heures ouvrées.\u{1B}[0m")
        #expect(written(WordDiff.render([.delete("un\ndeux")], style: .terminal)) == "\u{1B}[31;9mun\ndeux\u{1B}[0m")
        #expect(WordDiff.redline(old, old, style: .terminal) == old)
        // Off a terminal the marks vanish; a company's own ESC never becomes an escape.
        #expect(Neutralise.line(WordDiff.redline(old, new, style: .terminal), ownEscapes: false).contains("\u{1B}") == false)
        #expect(written("a\u{1B}[31;9mb") == "a^[[31;9mb")
    }

    @Test("data goes to the output stream, chatter to the error stream; colour only on a terminal, never under NO_COLOR or TERM=dumb")
    func streamsAndColour() {
        let streams = BufferStreams(terminals: [.output])
        let console = Console(language: .fr, color: .auto, environment: [:], streams: streams)
        console.out("v1")
        console.warning(Text(en: "late", fr: "en retard"))
        #expect(streams.output == "v1\n")
        #expect(streams.error == "avertissement : en retard\n")
        #expect(console.colorOut && !console.colorErr)
        #expect(console.redlineStyle == .terminal)
        for environment in [["NO_COLOR": "1"], ["TERM": "dumb"]] {
            let quiet = Console(language: .en, color: .auto, environment: environment, streams: BufferStreams(terminals: [.output, .error]))
            #expect(!quiet.colorOut && !quiet.colorErr, "\(environment)")
            #expect(quiet.redlineStyle == .plain)
        }
        let forced = Console(language: .en, color: .always, environment: ["NO_COLOR": "1"], streams: BufferStreams())
        #expect(forced.colorOut && forced.colorErr)
    }

    @Test("JSF.main returns the exit status and writes only to the streams it is given")
    func mainInProcess() {
        let version = BufferStreams()
        #expect(JSF.main(["--version"], invocation: Invocation(environment: [:], directory: "/", streams: version)) == 0)
        #expect(version.output == "jsf version \(JSF.version)\n" && version.error.isEmpty)
        let usage = BufferStreams()
        #expect(
            JSF.main(["publish", "--no-such-option"], invocation: Invocation(environment: ["LANG": "fr_FR.UTF-8"], directory: "/", streams: usage))
                == 64)
        #expect(usage.output.isEmpty)
        #expect(usage.error.hasPrefix("erreur : "), "\(usage.error)")
        let help = BufferStreams()
        #expect(JSF.main(["status", "--help"], invocation: Invocation(environment: [:], directory: "/", streams: help)) == 0)
        #expect(help.output.contains("USAGE: jsf status"), "\(help.output)")
    }

    @Test("runs at once on several threads keep their own -C, --color and language")
    func concurrentRunsAreIsolated() {
        let count = 24
        let results = Mutex(Array(repeating: (status: Int32(-1), error: ""), count: count))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let streams = BufferStreams()
            var arguments = ["-C", "missing-\(i)", "status"]
            if i % 2 == 0 { arguments.insert(contentsOf: ["--color", "always"], at: 0) }
            let environment = ["LANG": i % 3 == 0 ? "fr_FR.UTF-8" : "C"]
            let status = JSF.main(arguments, invocation: Invocation(environment: environment, directory: "/nonexistent", streams: streams))
            results.withLock { $0[i] = (status, streams.error) }
        }
        let all = results.withLock { $0 }
        for (i, result) in all.enumerated() {
            #expect(result.status == 64, "run \(i): \(result.error)")
            #expect(result.error.contains("'missing-\(i)'"), "run \(i) saw another's -C: \(result.error)")
            #expect(result.error.contains("\u{1B}[") == (i % 2 == 0), "run \(i) saw another's --color: \(result.error)")
            #expect(result.error.contains(i % 3 == 0 ? "impossible d'aller dans" : "cannot change to"), "run \(i): \(result.error)")
        }
    }
}

/// A value behind a lock, for results gathered from several threads.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
