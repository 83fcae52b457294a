import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// Network faults against a hub on 127.0.0.1 (issue 12): the hub is down (nothing listens), a proxy stalls in the
// middle of a pack (it stops forwarding and keeps the connection open), a proxy cuts the connection in the middle of a
// pack. For clone, fetch, push and discover: a clear error naming the hub and what happened, within a bounded time,
// a non-zero exit, refs (the quarantine's included) as before, no lock left, git fsck clean; and the same command
// succeeds once the hub or the proxy behaves. The proxy is Tests/Network/fault-proxy.py, in front of git daemon.

/// A running fault-proxy.py in front of 127.0.0.1:`target`; its behaviour for new connections is `mode`.
final class FaultProxy {
    let port: Int
    private let modeFile: String
    private let process: ServerProcess

    static let script = packageRoot.appendingPathComponent("Tests/Network/fault-proxy.py").path
    static let python = "/usr/bin/python3"

    /// Starts the proxy; `port` 0 takes a free one. Throws `ServerError.unavailable` without python3.
    init(in box: Sandbox, forwardingTo target: Int, port wanted: Int = 0, name: String = "proxy") throws {
        guard FileManager.default.isExecutableFile(atPath: FaultProxy.python) else {
            throw ServerError.unavailable("\(FaultProxy.python) is not installed")
        }
        modeFile = box.path("\(name).mode")
        let portFile = box.path("\(name).port")
        try? FileManager.default.removeItem(atPath: portFile)
        process = try ServerProcess(
            FaultProxy.python, [FaultProxy.script, "\(target)", modeFile, portFile, "\(wanted)"],
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], log: box.path("\(name).log"))
        let ready = process.wait(until: { FileManager.default.fileExists(atPath: portFile) })
        guard ready, let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) else {
            process.stop()
            throw ServerError.failed("fault-proxy.py did not start\n--- log\n\(process.logText)")
        }
        self.port = port
    }

    /// "pass", "stall N" or "cut N" (N bytes of the pack forwarded first), for the connections made from now on.
    func set(_ mode: String) throws {
        try Data((mode + "\n").utf8).write(to: URL(fileURLWithPath: modeFile), options: .atomic)
    }

    func url(_ repository: String) -> String { "git://127.0.0.1:\(port)/\(repository)" }
    var log: String { process.logText }
    func stop() { process.stop(grace: 1) }
    deinit { stop() }
}

@Suite("network faults: the hub down, a proxy that stalls or cuts mid-pack; clear errors, nothing changed, a retry that works")
struct NetworkFaultTests {
    /// The bound of one jsf run: far above what a case takes (its --timeout is 2 s), far below a hang.
    static let bound = "30"

    /// jsf as a process of its own (the watchdog may end it), killed by timeout(1) after `bound` seconds.
    private func net(
        _ box: Sandbox, _ arguments: [String], as user: String, in directory: String = "."
    ) throws -> (run: Run, seconds: TimeInterval) {
        let binary = try jsfBinary.get()
        try FileManager.default.createDirectory(atPath: box.path("home-\(user)"), withIntermediateDirectories: true)
        let started = Date()
        let run = try spawn(
            Sandbox.timeout, ["--kill-after=2", Self.bound, binary] + arguments, in: box.path(directory), environment: box.environment(user: user))
        return (run, Date().timeIntervalSince(started))
    }

    /// A run that must succeed.
    @discardableResult
    private func ok(
        _ box: Sandbox, _ arguments: [String], as user: String, in directory: String = ".", _ context: @autoclosure () -> String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Run {
        let (run, _) = try net(box, arguments, as: user, in: directory)
        try #require(run.status == 0, "jsf \(arguments.joined(separator: " ")) failed:\n\(run)\n\(context())", sourceLocation: sourceLocation)
        return run
    }

    /// A run that must fail the network way: exit 128 within a bounded time (not killed by timeout(1)), the URL
    /// and `words` on stderr, a next step, nothing on stdout.
    private func expectNetworkError(
        _ box: Sandbox, _ arguments: [String], as user: String, in directory: String = ".", url: String, words: [String],
        _ context: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (run, seconds) = try net(box, arguments, as: user, in: directory)
        let what = "jsf \(arguments.joined(separator: " "))"
        #expect(run.status == 128, "\(what): expected exit 128 (124 or 137: it hung):\n\(run)\n\(context())", sourceLocation: sourceLocation)
        #expect(seconds < 20, "\(what) took \(Int(seconds)) s", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(url), "\(what) does not name \(url):\n\(run)", sourceLocation: sourceLocation)
        for word in words { #expect(run.stderr.contains(word), "\(what): no «\(word)»:\n\(run)", sourceLocation: sourceLocation) }
        #expect(run.stderr.contains("hint: ") || run.stderr.contains("astuce : "), "\(what): no next step:\n\(run)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "\(what) printed data:\n\(run)", sourceLocation: sourceLocation)
    }

    /// Every ref of a repository (the quarantine's included), its HEAD, and any lock file under .git.
    private func state(_ box: Sandbox, _ directory: String) throws -> String {
        let refs = try box.gitOutput("for-each-ref", "--format=%(objectname) %(refname)", in: directory)
        let head = try box.gitOutput("symbolic-ref", "HEAD", in: directory)
        let gitDir = box.path(directory + "/.git")
        let locks = (FileManager.default.enumerator(atPath: gitDir)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".lock") }
        return "HEAD \(head)\n\(refs)\nlocks: \(locks.sorted())"
    }

    private func expectFsckClean(_ box: Sandbox, _ directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fsck = try box.git("fsck", "--strict", "--no-dangling", in: directory)
        #expect(fsck.status == 0, "git fsck --strict in \(directory):\n\(fsck)", sourceLocation: sourceLocation)
        #expect(!fsck.output.contains("error"), "git fsck --strict in \(directory):\n\(fsck)", sourceLocation: sourceLocation)
    }

    /// git daemon serving a jsf hub with v1 published (listed in the served catalogue.git when `catalogue`), and
    /// company co1 cloned through `url(server)` with a proposal not pushed yet; nil when git daemon cannot run here.
    private func world(_ box: Sandbox, catalogue: Bool, cloneURL: (GitDaemon) throws -> String) throws -> (GitDaemon, hub: String)? {
        let server: GitDaemon
        do {
            server = try GitDaemon.launch(serving: box.path("served"), logDirectory: box.path("server"), hubEnvironment: ["JSF_NOW": box.now])
        } catch ServerError.unavailable(let reason) {
            print("NetworkFaultTests: skipping: \(reason)")
            return nil
        }
        let hub = try jsfHub(box, on: server)
        try box.setUpConsultation("c")
        _ = try box.gitOutput("remote", "add", "origin", server.url("hub.git"), in: "c")
        var publish = ["publish", "--until", "2027-01-20"]
        if catalogue {
            #expect(try box.git("init", "-q", "--bare", "--initial-branch=main", "served/catalogue.git").status == 0)
            publish += ["--catalogue", box.path("served/catalogue.git")]
        }
        try ok(box, publish, as: "agent", in: "c", "--- server log\n\(server.log)")
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "co1")
        try ok(box, ["clone", try cloneURL(server), "co1"], as: "co1", "--- server log\n\(server.log)")
        try box.ok("propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Question ?", as: "co1", in: "co1")
        return (server, hub)
    }

    @Test("the hub is down: clone, fetch, push and discover say the connection was refused, change nothing; each works once it is up")
    func hubDown() throws {
        let box = try Sandbox()
        guard let (server, hub) = try world(box, catalogue: true, cloneURL: { $0.url("hub.git") }) else { return }
        defer { server.stop() }
        guard let port = freePort() else { return }
        let down = "git://127.0.0.1:\(port)/hub.git"
        _ = try box.gitOutput("remote", "set-url", "origin", down, in: "co1")
        let before = try state(box, "co1")
        let hubBefore = try box.gitOnHub("for-each-ref", "--format=%(objectname) %(refname)", hub: hub).trimmed
        let refused = ["connection refused", "nothing listens at that address", "nothing changed"]

        for url in [down, "http://127.0.0.1:\(port)/hub.git", "ssh://git@127.0.0.1:\(port)/hub.git"] {
            try expectNetworkError(
                box, ["clone", url, "x"], as: "co1", url: url, words: ["cannot clone", "connection refused", "nothing was created"])
            #expect(!box.exists("x"), "a failed clone of \(url) left its directory")
        }
        try expectNetworkError(box, ["fetch"], as: "co1", in: "co1", url: down, words: ["cannot fetch from the hub"] + refused)
        #expect(try state(box, "co1") == before)
        try expectNetworkError(box, ["push"], as: "co1", in: "co1", url: down, words: ["cannot push to the hub"] + refused)
        #expect(try state(box, "co1") == before)
        let catalogue = "git://127.0.0.1:\(port)/catalogue.git"
        try expectNetworkError(box, ["discover", catalogue], as: "co1", url: catalogue, words: ["cannot fetch the catalogue", "connection refused"])
        // In French too.
        box.language = "fr_FR.UTF-8"
        try expectNetworkError(
            box, ["fetch"], as: "co1", in: "co1", url: down,
            words: ["impossible de récupérer depuis le hub", "connexion refusée", "rien n'a changé ici"])
        box.language = "C.UTF-8"
        #expect(try state(box, "co1") == before)
        #expect(try box.gitOnHub("for-each-ref", "--format=%(objectname) %(refname)", hub: hub).trimmed == hubBefore)
        try expectFsckClean(box, "co1")

        // The hub comes up on that port (a proxy that behaves, in front of git daemon): every command works.
        let proxy = try FaultProxy(in: box, forwardingTo: server.port, port: port)
        defer { proxy.stop() }
        try ok(box, ["clone", down, "x"], as: "co1", "--- proxy\n\(proxy.log)")
        try ok(box, ["fetch"], as: "co1", in: "co1")
        let pushed = try ok(box, ["push"], as: "co1", in: "co1")
        #expect(pushed.stdout.hasPrefix("refs/heads/proposals/"), "\(pushed)")
        #expect(try box.gitOnHub("for-each-ref", "--format=%(refname)", "refs/heads/proposals/", hub: hub).trimmed.lines.count == 1)
        let listed = try ok(box, ["discover", catalogue], as: "co1")
        #expect(listed.stdout.contains("restauration-val-d-orvenne-2027"), "\(listed)")
    }

    @Test(
        "a proxy that stalls, or cuts, mid-pack: clone, fetch, push and discover stop with a clear error, change nothing; a retry works",
        arguments: ["stall", "cut"])
    func midPack(_ fault: String) throws {
        let box = try Sandbox()
        var proxy: FaultProxy?
        guard
            let (server, hub) = try world(
                box, catalogue: true,
                cloneURL: { server in
                    proxy = try FaultProxy(in: box, forwardingTo: server.port)
                    return proxy!.url("hub.git")
                })
        else { return }
        defer { server.stop() }
        guard let proxy else { return }
        defer { proxy.stop() }
        let url = proxy.url("hub.git")
        // Something for co1's fetch to download: co2's proposal, pushed straight to git daemon.
        try box.ok("identity", "init", "--role", "company", "--name", "Repas d'Ille", "--cpv", "55524000-9", "--departement", "35", as: "co2")
        try ok(box, ["clone", server.url("hub.git"), "co2"], as: "co2")
        try box.ok("propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Autre question ?", as: "co2", in: "co2")
        try ok(box, ["push"], as: "co2", in: "co2")

        let before = try state(box, "co1")
        let hubBefore = try box.gitOnHub("for-each-ref", "--format=%(objectname) %(refname)", hub: hub).trimmed
        // 10 bytes of the pack: its header and 2 bytes of the first object.
        try proxy.set("\(fault) 10")
        let what = fault == "stall" ? ["no data from the hub for 2 s", "the transfer was stopped", "--timeout"] : ["the connection was cut"]
        let log = { "--- proxy log\n\(proxy.log)\n--- server log\n\(server.log)" }

        try expectNetworkError(box, ["clone", url, "x", "--timeout", "2"], as: "co1", url: url, words: ["cannot clone"] + what, log())
        #expect(!box.exists("x"), "a failed clone left its directory")
        try expectNetworkError(
            box, ["fetch", "--timeout", "2"], as: "co1", in: "co1", url: url, words: ["cannot fetch from the hub", "nothing changed here"] + what,
            log())
        #expect(try state(box, "co1") == before, "the fetch changed refs or left a lock")
        try expectNetworkError(box, ["push", "--timeout", "2"], as: "co1", in: "co1", url: url, words: ["cannot push to the hub"] + what, log())
        #expect(try state(box, "co1") == before, "the push changed refs or left a lock")
        let catalogue = proxy.url("catalogue.git")
        try expectNetworkError(
            box, ["discover", catalogue, "--timeout", "2"], as: "co1", url: catalogue, words: ["cannot fetch the catalogue"] + what, log())
        // The proxy did stop each transfer in the middle of a pack.
        #expect(proxy.log.lines.filter { $0.contains(": \(fault) after 10 bytes of the pack") }.count == 4, "\(log())")
        #expect(try box.gitOnHub("for-each-ref", "--format=%(objectname) %(refname)", hub: hub).trimmed == hubBefore, "the hub changed")
        try expectFsckClean(box, "co1")
        try expectFsckClean(box, "served/hub.git")
        // What the stopped downloads left (a temporary pack is harmless: git ignores it, 'git gc' removes it).
        let packs = (try? FileManager.default.contentsOfDirectory(atPath: box.path("co1/.git/objects/pack"))) ?? []
        print("NetworkFaultTests: \(fault): temporary packs left in the clone: \(packs.filter { $0.hasPrefix("tmp_") }.count)")

        // The proxy behaves again: each command works, from the same clone and the same URL.
        try proxy.set("pass")
        try ok(box, ["clone", url, "x", "--timeout", "2"], as: "co1", log())
        let fetched = try ok(box, ["fetch", "--timeout", "2"], as: "co1", in: "co1", log())
        #expect(fetched.stdout.contains("updated"), "\(fetched)")
        #expect(try box.gitOutput("for-each-ref", "--format=%(refname)", "refs/remotes/origin/proposals/", in: "co1").lines.count == 1)
        try ok(box, ["push", "--timeout", "2"], as: "co1", in: "co1", log())
        #expect(try box.gitOnHub("for-each-ref", "--format=%(refname)", "refs/heads/proposals/", hub: hub).trimmed.lines.count == 2)
        let listed = try ok(box, ["discover", catalogue, "--timeout", "2"], as: "co1", log())
        #expect(listed.stdout.contains("restauration-val-d-orvenne-2027"), "\(listed)")
        try expectFsckClean(box, "co1")
    }

    @Test(
        "a hub that accepts the connection and never answers, over git://, http:// and ssh://: the clone stops after --timeout",
        arguments: ["git://", "http://", "ssh://git@"])
    func silentHub(_ scheme: String) throws {
        let box = try Sandbox()
        try box.setUpCompany()
        let proxy: FaultProxy
        do {
            proxy = try FaultProxy(in: box, forwardingTo: 9)
        } catch ServerError.unavailable(let reason) {
            print("NetworkFaultTests: skipping: \(reason)")
            return
        }
        defer { proxy.stop() }
        try proxy.set("silent")
        let url = "\(scheme)127.0.0.1:\(proxy.port)/hub.git"
        try expectNetworkError(
            box, ["clone", url, "x", "--timeout", "2"], as: "company", url: url,
            words: ["cannot clone", "no data from the hub for 2 s", "the transfer was stopped", "nothing was created"], "--- proxy log\n\(proxy.log)")
        #expect(!box.exists("x"), "a failed clone left its directory")
        #expect(proxy.log.contains("#1 silent"), "\(proxy.log)")
    }

    @Test("--timeout and JSF_TIMEOUT take a number of seconds; anything else is refused before any transfer")
    func timeoutOption() throws {
        let box = try Sandbox()
        try box.setUpCompany()
        for value in ["soon", "-1", "1e9"] {
            let run = try box.jsf(["clone", "git://127.0.0.1:9/hub.git", "x", "--timeout=\(value)"], as: "company")
            expectRefusal(run, status: 64, ["--timeout takes a number of seconds", "'\(value)'"])
        }
        // A command that pushes takes it too, with its --no-push.
        let publish = try box.jsf(["publish", "--timeout", "soon"])
        expectRefusal(publish, status: 64, ["--timeout takes a number of seconds", "'soon'"])
        let run = try box.jsf(["fetch"], as: "company", environment: ["JSF_TIMEOUT": "later"])
        expectRefusal(run, status: 64, ["JSF_TIMEOUT takes a number of seconds", "'later'"])
        #expect(!box.exists("x"))
    }
}
