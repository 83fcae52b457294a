import Foundation
import Testing

/// The four ways a hub is reached, each with a real server started by the test (Servers.swift).
enum Transport: String, CaseIterable, Sendable, CustomStringConvertible {
    case localPath = "local path"
    case gitDaemon = "git daemon"
    case apacheHTTP = "apache http-backend"
    case sshd = "sshd"

    var description: String { rawValue }

    /// Starts the server for this transport in the sandbox, serving `served/`; nil (with the reason printed)
    /// when this machine cannot run it. A server that starts but does not work throws.
    func start(in box: Sandbox) throws -> GitServer? {
        let served = box.path("served")
        let directory = box.path("server")
        do {
            switch self {
            case .localPath: return try LocalPath(serving: served)
            case .gitDaemon: return try GitDaemon.launch(serving: served, logDirectory: directory)
            case .apacheHTTP: return try ApacheGitHTTP.start(serving: served, directory: directory)
            case .sshd: return try SSHGitServer.start(serving: served, directory: directory)
            }
        } catch ServerError.unavailable(let reason) {
            // Not a failure of jsf: this machine cannot run the server. Skipped, and said so.
            print("TransportTests: skipping \(self): \(reason)")
            return nil
        }
    }
}

/// A pre-receive hook that refuses refs under refs/heads/locked/ the way `jsf hook pre-receive` words its
/// refusals, and records in hook.log (in the bare repository, its working directory) the quarantine it ran in
/// and whether it could read each pushed object.
let lockedHook = """
    #!/bin/sh
    log="$PWD/hook.log"
    echo "quarantine=${GIT_QUARANTINE_PATH:-}" >> "$log"
    echo "quarantine-files=$(find "${GIT_QUARANTINE_PATH:-/nonexistent}" -type f 2>/dev/null | wc -l)" >> "$log"
    status=0
    while read old new ref; do
        if git cat-file -e "$new" 2>/dev/null; then echo "sees $ref $new" >> "$log"; else echo "misses $ref $new" >> "$log"; fi
        case "$ref" in
        refs/heads/locked/*)
            echo "error: $ref is refused (rule: nothing is pushed under refs/heads/locked/)" >&2
            status=1 ;;
        esac
    done
    exit $status

    """

@Suite("transports: local path, git daemon, Apache http-backend and sshd, each with a pre-receive hook")
struct TransportTests {
    /// A working repository `w` with one commit on main; returns the commit.
    private func makeWork(_ box: Sandbox) throws -> String {
        _ = try box.gitOutput("init", "--quiet", "--initial-branch=main", "w")
        try box.write("w/a.txt", "one\n")
        _ = try box.gitOutput("add", "a.txt", in: "w")
        _ = try box.gitOutput("commit", "--quiet", "-m", "One", in: "w")
        return try box.gitOutput("rev-parse", "HEAD", in: "w")
    }

    private func expectFsckClean(_ box: Sandbox, hub: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fsck = try box.gitOnHub("fsck", "--strict", "--no-dangling", hub: hub)
        #expect(fsck.status == 0, "\(fsck)", sourceLocation: sourceLocation)
        #expect(
            fsck.output.lines.filter { !$0.hasPrefix("notice:") && !$0.hasPrefix("Checking") }.isEmpty, "\(fsck)",
            sourceLocation: sourceLocation)
    }

    @Test("plain git push to refs/heads/main of a bare hub, fsck clean", arguments: Transport.allCases)
    func plainPush(_ transport: Transport) throws {
        let box = try Sandbox()
        guard let server = try transport.start(in: box) else { return }
        defer { server.stop() }
        let hub = try server.createBareRepository("hub.git")
        let commit = try makeWork(box)

        let push = try box.git(["push", server.url("hub.git"), "HEAD:refs/heads/main"], in: "w", environment: server.gitEnvironment)
        try #require(push.status == 0, "push to \(server.url("hub.git")) failed:\n\(push)\n--- server log\n\(server.log)")
        let main = try box.gitOnHub("rev-parse", "refs/heads/main", hub: hub)
        #expect(main.trimmed == commit, "\(main)")
        try expectFsckClean(box, hub: hub)

        // And back: a plain clone through the same transport.
        let clone = try box.git(["clone", "--quiet", server.url("hub.git"), "back"], environment: server.gitEnvironment)
        #expect(clone.status == 0, "\(clone)\n--- server log\n\(server.log)")
        #expect(try box.gitOutput("rev-parse", "HEAD", in: "back") == commit)
    }

    @Test(
        "a pre-receive hook refuses refs/heads/locked/x; its error reaches the pusher; it ran in quarantine",
        arguments: Transport.allCases)
    func hookRefuses(_ transport: Transport) throws {
        let box = try Sandbox()
        guard let server = try transport.start(in: box) else { return }
        defer { server.stop() }
        let hub = try server.createBareRepository("hub.git")
        try server.installHook("hub.git", script: lockedHook)
        _ = try makeWork(box)

        let accepted = try box.git(["push", server.url("hub.git"), "HEAD:refs/heads/main"], in: "w", environment: server.gitEnvironment)
        try #require(accepted.status == 0, "push of main failed:\n\(accepted)\n--- server log\n\(server.log)")

        try box.write("w/b.txt", "two\n")
        _ = try box.gitOutput("add", "b.txt", in: "w")
        _ = try box.gitOutput("commit", "--quiet", "-m", "Two", in: "w")
        let second = try box.gitOutput("rev-parse", "HEAD", in: "w")
        let refused = try box.git(["push", server.url("hub.git"), "HEAD:refs/heads/locked/x"], in: "w", environment: server.gitEnvironment)
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.stderr.contains("remote: error: refs/heads/locked/x is refused"), "\(refused)\n--- server log\n\(server.log)")
        #expect(refused.stderr.contains("pre-receive hook declined"), "\(refused)")

        // Neither the ref nor its objects reached the hub: the quarantine was dropped.
        #expect(try box.gitOnHub("rev-parse", "--verify", "--quiet", "refs/heads/locked/x", hub: hub).status != 0)
        #expect(try box.gitOnHub("cat-file", "-e", second, hub: hub).status != 0)
        #expect(try box.gitOnHub("rev-parse", "refs/heads/main", hub: hub).trimmed != second)

        // The hook ran twice, each time in a quarantine that held the pushed objects, and could read them.
        let log = try box.read(hub + "/hook.log")
        let quarantines = log.lines.filter { $0.hasPrefix("quarantine=") }
        #expect(quarantines.count == 2, "\(log)")
        #expect(quarantines.allSatisfy { $0.count > "quarantine=".count && $0.contains("incoming") }, "\(log)")
        #expect(log.lines.filter { $0.hasPrefix("quarantine-files=") }.allSatisfy { $0 != "quarantine-files=0" }, "\(log)")
        #expect(log.contains("sees refs/heads/locked/x \(second)"), "\(log)")
        #expect(!log.contains("misses"), "\(log)")
        try expectFsckClean(box, hub: hub)
    }

    @Test("jsf publishes to the hub and a company clones it back", arguments: Transport.allCases)
    func jsfPublishAndClone(_ transport: Transport) throws {
        let box = try Sandbox()
        guard let server = try transport.start(in: box) else { return }
        defer { server.stop() }
        let hub = try server.createBareRepository("hub.git")
        try server.installHook("hub.git", script: lockedHook)
        let url = server.url("hub.git")

        try box.setUpConsultation("c")
        _ = try box.gitOutput("remote", "add", "origin", url, in: "c")
        try server.trust(home: box.path("home-agent"))
        let publish = try box.boundedJSF(["publish", "--until", "2027-01-20"], in: "c", environment: server.jsfEnvironment)
        try #require(publish.status == 0, "jsf publish to \(url) failed:\n\(publish)\n--- server log\n\(server.log)")
        #expect(publish.stdout == "v1\n")
        #expect(publish.stderr.contains("Pushed main and v1 to"), "\(publish)")
        #expect(
            try box.gitOnHub("rev-parse", "refs/tags/v1^{commit}", hub: hub).trimmed
                == (try box.gitOutput("rev-parse", "v1^{commit}", in: "c")))
        #expect(try box.gitOnHub("rev-parse", "refs/heads/main", hub: hub).trimmed == (try box.gitOutput("rev-parse", "main", in: "c")))
        try expectFsckClean(box, hub: hub)

        // Whether the hook saw jsf's push: receive-pack runs it behind every server; libgit2's local transport
        // writes into a path hub directly and runs no hook (recorded, not required).
        let hookLog = (try? box.read(hub + "/hook.log")) ?? ""
        if transport == .localPath {
            print("TransportTests: jsf push to a local path \(hookLog.isEmpty ? "ran no hook" : "ran the hook:\n\(hookLog)")")
        } else {
            #expect(hookLog.contains("sees refs/heads/main"), "\(hookLog)")
            #expect(hookLog.contains("sees refs/tags/v1"), "\(hookLog)")
            #expect(hookLog.lines.filter { $0.hasPrefix("quarantine=") }.allSatisfy { $0.count > "quarantine=".count }, "\(hookLog)")
        }

        try box.setUpCompany()
        try server.trust(home: box.path("home-company"))
        let clone = try box.boundedJSF(["clone", url, "d"], as: "company", environment: server.jsfEnvironment)
        try #require(clone.status == 0, "jsf clone \(url) failed:\n\(clone)\n--- server log\n\(server.log)")
        #expect(try box.gitOutput("tag", "--list", in: "d").lines.contains("v1"))
        #expect(try box.gitOutput("rev-parse", "v1^{commit}", in: "d") == (try box.gitOutput("rev-parse", "v1^{commit}", in: "c")))
        #expect(box.exists("d/cctp.md"))
    }
}
