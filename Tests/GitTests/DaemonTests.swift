import Foundation
import Testing

@testable import Git

/// Pushes and fetches over git:// against a real `git daemon` (receive-pack enabled) on a random local port.
@Suite struct DaemonTests {
    /// Starts `git daemon` serving `base`; nil when it could not start (port taken three times).
    private func startDaemon(serving base: String, logDirectory: String) throws -> (Process, Int)? {
        for attempt in 0..<3 {
            let port = Int.random(in: 20_000..<60_000)
            let log = logDirectory + "/daemon-\(attempt).log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            let process = Process()
            // git-daemon itself, not the `git` wrapper, so that the pid we kill is the listening process
            process.executableURL = URL(fileURLWithPath: "/usr/lib/git-core/git-daemon")
            process.arguments = [
                "--verbose", "--reuseaddr", "--export-all", "--enable=receive-pack",
                "--listen=127.0.0.1", "--port=\(port)", "--base-path=\(base)", base,
            ]
            process.environment = [
                "PATH": "/usr/bin:/bin", "HOME": logDirectory, "GIT_CONFIG_GLOBAL": "/dev/null",
                "GIT_CONFIG_NOSYSTEM": "1",
            ]
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            for _ in 0..<100 {
                if let text = try? String(contentsOfFile: log, encoding: .utf8), text.contains("Ready to rumble") {
                    return (process, port)
                }
                if !process.isRunning { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            stop(process)
        }
        return nil
    }

    /// SIGKILL: the daemon inherits an ignored SIGTERM from the test process and would never exit.
    private func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    @Test func pushRefusedByTheServerNamesTheRefAndReason() throws {
        try inScratch { scratch in
            let hubPath = scratch.path("served/hub.git")
            let hub = try Repository.create(at: hubPath, bare: true)
            let seed = try hub.commitFiles(["a.md": "a\n".data], parent: nil, ref: "refs/heads/main", message: "A")
            try hub.setConfigValue("receive.denyNonFastForwards", "true")
            let hook = hubPath + "/hooks/pre-receive"
            try
                "#!/bin/sh\nwhile read old new ref; do case \"$ref\" in refs/heads/locked/*) echo \"$ref is locked\" >&2; exit 1;; esac; done\nexit 0\n"
                .write(toFile: hook, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)

            guard let (daemon, port) = try startDaemon(serving: scratch.path("served"), logDirectory: scratch.url.path) else {
                Issue.record("git daemon did not start")
                return
            }
            defer { stop(daemon) }

            let url = "git://127.0.0.1:\(port)/hub.git"
            var progressCalls = 0
            let clone = try Repository.clone(from: url, to: scratch.path("clone"), progress: { _ in progressCalls += 1 })
            #expect(try clone.resolveCommit("HEAD") == seed)
            #expect(progressCalls > 0)

            let next = try clone.commitFiles(["a.md": "b\n".data], parent: seed, ref: "refs/heads/main", message: "B")
            try clone.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
            #expect(try hub.resolveCommit("refs/heads/main") == next)

            let declined = expectGitError(.other(-1)) {
                try clone.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/locked/x"])
            }
            #expect(declined?.message.contains("refs/heads/locked/x") == true)
            #expect(declined?.message.contains("declined") == true)
            #expect(try hub.reference(named: "refs/heads/locked/x") == nil)

            // a forced rewrite passes libgit2's own check; the server refuses it
            let rewrite = try clone.commitFiles(["a.md": "c\n".data], parent: seed, ref: nil, message: "C")
            try clone.updateReference("refs/heads/main", to: rewrite, expected: next, message: "rewrite")
            let refused = expectGitError(.nonFastForward) {
                try clone.push(remote: "origin", refspecs: ["+refs/heads/main:refs/heads/main"])
            }
            #expect(refused?.message.contains("refs/heads/main") == true)
            #expect(try hub.resolveCommit("refs/heads/main") == next)

            let updates = try Repository.clone(from: url, to: scratch.path("other"), bare: true).fetch(remote: "origin")
            #expect(updates.isEmpty)
        }
    }

    @Test func unreachableSSHRemoteFailsInsteadOfHanging() throws {
        try inScratch { scratch in
            let repository = try Repository.create(at: scratch.path("r"), bare: true)
            try repository.addRemote(name: "origin", url: "ssh://git@127.0.0.1:1/hub.git")
            let error = expectGitError(.other(-1)) { _ = try repository.fetch(remote: "origin") }
            // The network phase of the fetch (connect and download) is git_remote_download; nobody listens on port 1.
            #expect(error?.function == "git_remote_download")
            #expect(error?.networkFault == .refused, "\(String(describing: error))")
        }
    }
}
