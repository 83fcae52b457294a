import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// A hub made by 'jsf hub init', served by git daemon, Apache's git http-backend and sshd (Servers.swift), with its
// pre-receive hook running jsf as the server's user: a whole dialogue through each, everything it wrote verified
// by jsf and by plain git, an attack refused; and 50 companies pushing at once through git daemon.

/// The three network servers, started with the hub's clock in the hooks' environment.
enum HubTransport: String, CaseIterable, Sendable, CustomStringConvertible {
    case gitDaemon = "git daemon"
    case apacheHTTP = "apache http-backend"
    case sshd = "sshd"

    var description: String { rawValue }

    /// The server for this transport, or nil (the reason printed) when this machine cannot run it.
    func start(in box: Sandbox, hubEnvironment: [String: String]) throws -> GitServer? {
        let served = box.path("served")
        let directory = box.path("server")
        do {
            switch self {
            case .gitDaemon: return try GitDaemon.launch(serving: served, logDirectory: directory, hubEnvironment: hubEnvironment)
            case .apacheHTTP: return try ApacheGitHTTP.start(serving: served, directory: directory, hubEnvironment: hubEnvironment)
            case .sshd: return try SSHGitServer.start(serving: served, directory: directory, hubEnvironment: hubEnvironment)
            }
        } catch ServerError.unavailable(let reason) {
            print("TrustTransportTests: skipping \(self): \(reason)")
            return nil
        }
    }
}

/// Creates `served/name` with 'jsf hub init' and gives it to the server's user; returns its path.
func jsfHub(_ box: Sandbox, on server: GitServer, name: String = "hub.git", sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let path = server.served + "/" + name
    let made = try box.jsf(["hub", "init", path])
    try #require(made.status == 0, "jsf hub init failed:\n\(made)", sourceLocation: sourceLocation)
    try #require(FileManager.default.isExecutableFile(atPath: path + "/hooks/pre-receive"), sourceLocation: sourceLocation)
    if let user = server.serverUser {
        let chown = try spawn("/bin/chown", ["-R", "\(user):", path], in: "/", environment: ["PATH": "/usr/bin:/bin"])
        try #require(chown.status == 0, "\(chown)", sourceLocation: sourceLocation)
    }
    return path
}

@Suite("trust through transports: a jsf hub behind git daemon, Apache and sshd, its hook active")
struct TrustTransportTests {
    @Test(
        "a whole dialogue through the transport; jsf verify and plain git verify every signature; an attack is refused",
        arguments: HubTransport.allCases)
    func dialogue(_ transport: HubTransport) throws {
        let box = try Sandbox()
        // The hub's clock is fixed when the server starts: inside the round, for the proposals. The approval is
        // judged by the buyer's clock (its client refuses while the round is open); the hook does not date it.
        guard let server = try transport.start(in: box, hubEnvironment: ["JSF_NOW": box.now]) else { return }
        defer { server.stop() }
        let hub = try jsfHub(box, on: server)
        let url = server.url("hub.git")
        let env = server.jsfEnvironment
        @discardableResult
        func run(_ arguments: [String], as user: String = "agent", in dir: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
            let result = try box.boundedJSF(arguments, as: user, in: dir, environment: env)
            try #require(
                result.status == 0,
                "jsf \(arguments.joined(separator: " ")) as \(user) through \(transport) failed:\n\(result)\n--- server log\n\(server.log)",
                sourceLocation: sourceLocation)
            return result
        }

        // The agent: consultation, a buyer listed, v1 published to the served hub.
        try box.setUpConsultation("c")
        try box.setUpBuyer(organisation: "PFRA Bretagne", push: false)
        _ = try box.gitOutput("remote", "add", "origin", url, in: "c")
        for user in ["agent", "buyer", "co1", "co2"] { try server.trust(home: box.path("home-\(user)")) }
        try run(["publish", "--until", "2027-01-20"], in: "c")
        #expect(try box.gitOnHub("rev-parse", "refs/heads/main", hub: hub).trimmed == (try box.gitOutput("rev-parse", "main", in: "c")))

        // Two companies clone, propose and push.
        var ids: [String] = []
        for (user, name) in [("co1", "Cantine Bretonne"), ("co2", "Repas d'Ille")] {
            try box.ok("identity", "init", "--role", "company", "--name", name, "--cpv", "55524000-9", "--departement", "35", as: user)
            try run(["clone", url, user], as: user, in: ".")
            ids.append(
                try box.ok(
                    "propose", "duree", "--kind", "clarification", "--cost", "neutral",
                    "-m", "Question de \(user) ?", as: user, in: user
                ).trimmed)
            try run(["push"], as: user, in: user)
        }
        #expect(try box.gitOnHub("for-each-ref", "--format=%(refname)", "refs/heads/proposals/", hub: hub).trimmed.lines.count == 2)

        // The agent fetches and answers both (each comment pushes dialogue).
        try run(["fetch"], in: "c")
        for id in ids { try run(["comment", id, "--status", "answered", "-m", "Réponse à \(id)."], in: "c") }
        #expect(try box.gitOnHub("ls-tree", "--name-only", "refs/heads/dialogue:responses", hub: hub).trimmed.lines.count == 2)

        // The buyer, after the round closed, approves.
        try run(["clone", url, "b"], as: "buyer", in: ".")
        box.now = "2027-01-21T10:00:00+01:00"
        try run(["fetch"], as: "buyer", in: "b")
        let approved = try run(["approve", "-m", "Texte conforme."], as: "buyer", in: "b")
        #expect(approved.stdout == "final\n", "\(approved)")
        #expect(try box.gitOnHub("cat-file", "-t", "refs/tags/final", hub: hub).trimmed == "tag")

        // Every clone fetches and verifies clean.
        for (user, dir) in [("agent", "c"), ("co1", "co1"), ("co2", "co2"), ("buyer", "b")] {
            try run(["fetch"], as: user, in: dir)
            let verify = try box.jsf(["verify"], as: user, in: dir)
            #expect(verify.status == 0, "jsf verify in \(dir) after a dialogue through \(transport):\n\(verify)")
            #expect(!verify.stdout.contains("FAILED"), "\(verify)")
        }
        // On the hub itself, as an administrator: a hub the server's user owns needs safe.directory in the
        // administrator's $HOME/.gitconfig (libgit2 1.5 reads it there, ignores GIT_CONFIG_GLOBAL, and takes no '*').
        // libgit2 reads that file from the process's own $HOME: this run needs a process of its own.
        try box.write("home-hubadmin/.gitconfig", "[safe]\n\tdirectory = \(hub)\n")
        box.spawning = true
        let hubVerify = try box.jsf(["verify"], as: "hubadmin", in: hub)
        box.spawning = false
        #expect(hubVerify.status == 0, "jsf verify on the served hub:\n\(hubVerify)")
        #expect(hubVerify.stdout.lines.filter { $0.hasPrefix("ok") }.count == 7, "main, v1, dialogue, 2 proposals, published, final:\n\(hubVerify)")

        // Plain git verifies every commit of every ref of the hub, and every tag, with jsf's allowed-signers file.
        let signers = box.path("allowed-signers")
        try box.ok("allowed-signers", "-o", signers, in: "c")
        let ssh = ["-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(signers)"]
        let commits = try box.gitOnHub("rev-list", "--all", hub: hub).trimmed.lines
        #expect(commits.count >= 7, "\(commits)")
        for commit in commits {
            let verified = try box.git(["-c", "safe.directory=*", "-C", hub] + ssh + ["verify-commit", commit])
            #expect(verified.status == 0, "git verify-commit \(commit) on the hub through \(transport):\n\(verified)")
        }
        let tags = try box.gitOnHub("tag", "--list", hub: hub).trimmed.lines
        #expect(Set(tags) == ["v1", "final"], "\(tags)")
        for tag in tags {
            let verified = try box.git(["-c", "safe.directory=*", "-C", hub] + ssh + ["tag", "-v", tag])
            #expect(verified.status == 0, "git tag -v \(tag) through \(transport):\n\(verified)")
        }
        let fsck = try box.gitOnHub("fsck", "--strict", "--no-dangling", hub: hub)
        #expect(fsck.status == 0, "\(fsck)")

        // An attack through the transport: a company's plain git pushes a forged answer (unsigned) and a rewritten main.
        let before = try box.gitOnHub("for-each-ref", "--format=%(objectname) %(refname)", hub: hub).trimmed
        let cloned = try box.git(["clone", "--quiet", url, "forge"], environment: server.gitEnvironment)
        try #require(cloned.status == 0, "\(cloned)\n--- server log\n\(server.log)")
        _ = try box.gitOutput("checkout", "--quiet", "--detach", "origin/dialogue", in: "forge")
        try box.write("forge/responses/\(ids[0]).md", try box.read("forge/responses/\(ids[0]).md") + "\nAcceptée (forgé).\n")
        _ = try box.gitOutput("commit", "--quiet", "-a", "--no-gpg-sign", "-m", "Réponse", in: "forge")
        let pushed = try box.git(["push", url, "HEAD:refs/heads/dialogue"], in: "forge", environment: server.gitEnvironment)
        #expect(pushed.status != 0, "\(pushed)")
        #expect(
            !refusalLines(pushed, ref: "refs/heads/dialogue", rules: ["signature"]).isEmpty,
            "no 'remote: error: refs/heads/dialogue … (rule: signature)' through \(transport):\n\(pushed)\n--- server log\n\(server.log)")
        _ = try box.gitOutput("checkout", "--quiet", "--detach", "origin/main~1", in: "forge")
        _ = try box.gitOutput("commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", "Réécriture", in: "forge")
        let forced = try box.git(["push", "--force", url, "HEAD:refs/heads/main"], in: "forge", environment: server.gitEnvironment)
        #expect(forced.status != 0, "\(forced)")
        #expect(!refusalLines(forced, ref: "refs/heads/main", rules: ["fast-forward"]).isEmpty, "\(forced)")
        #expect(try box.gitOnHub("for-each-ref", "--format=%(objectname) %(refname)", hub: hub).trimmed == before, "the hub changed")
    }

    @Test("50 companies push at once through git daemon with the hook active: every proposal lands on its own branch")
    func fiftyAtOnce() throws {
        let started = Date()
        let box = try Sandbox()
        let server: GitDaemon
        do {
            server = try GitDaemon.launch(serving: box.path("served"), logDirectory: box.path("server"), hubEnvironment: ["JSF_NOW": box.now])
        } catch ServerError.unavailable(let reason) {
            print("TrustTransportTests: skipping the load test: \(reason)")
            return
        }
        defer { server.stop() }
        let hub = try jsfHub(box, on: server)
        let url = server.url("hub.git")
        try box.setUpConsultation("c")
        _ = try box.gitOutput("remote", "add", "origin", url, in: "c")
        let published = try box.boundedJSF(["publish", "--until", "2027-01-20"], in: "c")
        try #require(published.status == 0, "\(published)\n--- server log\n\(server.log)")

        // 50 identities (each with its own secret), clones and proposals, one after the other.
        let count = 50
        var pseudonyms: [String] = []
        for n in 0..<count {
            let user = "co\(n)"
            try box.ok(
                "identity", "init", "--role", "company", "--name", "Entreprise numéro \(n)", "--cpv", "55524000-9",
                "--departement", "35", as: user)
            let clone = try box.boundedJSF(["clone", url, user], as: user)
            try #require(clone.status == 0, "\(clone)\n--- server log\n\(server.log)")
            let id = try box.ok(
                "propose", "duree", "--kind", "clarification", "--cost", "neutral",
                "-m", "Question \(n) de l'entreprise \(n) ?", as: user, in: user
            ).trimmed
            try #require(id.hasSuffix("-1"), "\(id)")
            pseudonyms.append(String(id.dropLast(2)))
        }
        #expect(Set(pseudonyms).count == count, "two companies share a pseudonym: \(pseudonyms)")
        print("TrustTransportTests: 50 companies set up in \(Int(Date().timeIntervalSince(started))) s")

        // The 50 pushes at once, each a process of its own, bounded by timeout(1).
        let binary = try jsfBinary.get()
        let pushStart = Date()
        var processes: [(Process, String)] = []
        for n in 0..<count {
            let user = "co\(n)"
            let log = box.path("push-\(n).log")
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Sandbox.timeout)
            process.arguments = ["--kill-after=5", "90", binary, "push"]
            process.currentDirectoryURL = URL(fileURLWithPath: box.path(user))
            process.environment = box.environment(user: user)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = handle
            process.standardError = handle
            processes.append((process, log))
        }
        for (process, _) in processes { try process.run() }
        var failures: [String] = []
        for (n, (process, log)) in processes.enumerated() {
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                failures.append("co\(n) exit \(process.terminationStatus): \((try? box.read(log)) ?? "")")
            }
        }
        print("TrustTransportTests: 50 concurrent pushes in \(String(format: "%.1f", Date().timeIntervalSince(pushStart))) s")
        #expect(
            failures.isEmpty,
            "\(failures.count) pushes failed:\n\(failures.joined(separator: "\n"))\n--- server log (tail)\n\(server.log.suffix(4000))")

        // Every proposal landed on its own branch and nothing is mixed up.
        let branches = try box.gitOnHub("for-each-ref", "--format=%(refname)", "refs/heads/proposals/", hub: hub).trimmed.lines
        #expect(Set(branches) == Set(pseudonyms.map { "refs/heads/proposals/\($0)" }), "\(branches)")
        for code in pseudonyms {
            let files = try box.gitOnHub("ls-tree", "--name-only", "refs/heads/proposals/\(code)", hub: hub).trimmed.lines
            #expect(files == ["1.md", "key.pub"], "\(code): \(files)")
            let proposal = try box.gitOnHub("show", "refs/heads/proposals/\(code):1.md", hub: hub).stdout
            #expect(proposalID(proposal) == "\(code)-1", "\(code):\n\(proposal)")
            let key = try box.gitOnHub("show", "refs/heads/proposals/\(code):key.pub", hub: hub).stdout
            #expect(key.hasSuffix(" \(code)\n"), "\(code): \(key)")
            #expect(try box.gitOnHub("rev-list", "--count", "refs/heads/proposals/\(code)", hub: hub).trimmed == "1")
        }
        let fsck = try box.gitOnHub("fsck", "--strict", "--no-dangling", hub: hub)
        #expect(fsck.status == 0, "\(fsck)")
        // The agent's clone sees all fifty, verified.
        let fetched = try box.boundedJSF(["fetch"], in: "c")
        #expect(fetched.status == 0, "\(fetched)")
        let verify = try box.jsf(["verify"], in: hub)
        #expect(verify.status == 0, "\(verify)")
        #expect(Date().timeIntervalSince(started) < 120, "the load test took \(Int(Date().timeIntervalSince(started))) s")
    }
}
