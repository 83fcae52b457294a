import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGKILL at random moments during every writing command (issue 12): after each kill the repository is sound
/// (`git fsck --strict`, no ref to a missing object), each file of the work tree and the index is as before or as
/// after (nothing half-written), and running the command again — after `jsf repair` when its error says so —
/// succeeds with nothing lost or doubled.
///
/// JSF_KILL_SEED replays a run (the seed is printed); JSF_KILLS sets how many kills in all (305 by default, shared out
/// among the commands, the quick ones getting more).
@Suite("crash safety: SIGKILL during writes", .serialized)
struct CrashSafetyTests {
    @Test("SIGKILL at random moments in propose, withdraw, push, fetch, comment, revise --apply, publish, approve")
    func killAtRandom() throws {
        let seed = ProcessInfo.processInfo.environment["JSF_KILL_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max / 2)
        // Kills per command, the quick commands more than the slow ones: 305 in all unless JSF_KILLS says otherwise.
        let total = ProcessInfo.processInfo.environment["JSF_KILLS"].flatMap { Int($0) } ?? 305
        let shares = [
            "propose": 50, "withdraw": 50, "comment": 50, "revise --apply": 45, "publish": 35, "push": 30, "fetch": 25, "approve": 20,
        ]
        let kills = shares.mapValues { max(1, Int((Double($0 * total) / 305).rounded())) }
        print("crash safety: seed \(seed) (JSF_KILL_SEED=\(seed) replays it), \(kills.values.reduce(0, +)) kills planned")
        let lab = try KillLab(seed: seed)
        try lab.setUp()
        let box = lab.box
        let pseudonym = lab.pseudonym
        let branch = "refs/heads/proposals/\(pseudonym)"
        var question = 0
        func newProposal() throws {
            question += 1
            try lab.run(["propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", "Proposition \(question)."], as: "company", in: "co")
        }

        // propose: one proposal more, exactly.
        try lab.scenario(
            "propose", user: "company", in: "co", kills: kills["propose"]!,
            prepare: {
                question += 1
                return ["propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", "Proposition \(question)."]
            },
            measure: { try box.count("ls-tree", "--name-only", branch, in: "co", where: { $0.hasSuffix(".md") }) },
            verify: { try #require(try box.occurrences("Proposition \(question).", on: branch, in: "co") == 1) })

        // withdraw: one commit more on the branch; each of the proposals just made, in turn.
        var withdrawn = 1
        try lab.scenario(
            "withdraw", user: "company", in: "co", kills: kills["withdraw"]!,
            prepare: {
                withdrawn += 1
                let made = try box.count("ls-tree", "--name-only", branch, in: "co", where: { $0.hasSuffix(".md") })
                if withdrawn > made { try newProposal() }
                return ["withdraw", "\(pseudonym)-\(withdrawn)"]
            },
            measure: { try box.commits(branch, in: "co") },
            verify: {})

        // fetch: the agent's copy of the company's branch moves to the hub's, which moves one commit of the company's
        // at a time (plain git brings them to the hub).
        _ = try box.gitOutput("fetch", "-q", box.path("co"), branch, in: "hub.git")
        try lab.scenario(
            "fetch", user: "agent", in: "c", kills: kills["fetch"]!,
            prepare: {
                let hub = try box.gitOutput("rev-parse", branch, in: "hub.git")
                var ahead = try box.gitOutput("rev-list", "--reverse", "\(hub)..\(branch)", in: "co").lines
                if ahead.isEmpty {
                    try newProposal()
                    _ = try box.gitOutput("fetch", "-q", box.path("co"), branch, in: "hub.git")
                    ahead = try box.gitOutput("rev-list", "--reverse", "\(hub)..\(branch)", in: "co").lines
                }
                try box.gitOutput("update-ref", branch, ahead[0], hub, in: "hub.git")
                return ["fetch"]
            },
            measure: {
                try box.gitOutput("rev-parse", "refs/remotes/origin/proposals/\(pseudonym)", in: "c")
                    == box.gitOutput("rev-parse", branch, in: "hub.git") ? 1 : 0
            },
            verify: {})

        // push: the hub's branch moves to the clone's tip: a new proposal every other time, else the hub's branch
        // taken one commit back.
        var pushes = 0
        try lab.scenario(
            "push", user: "company", in: "co", kills: kills["push"]!, hub: true,
            prepare: {
                pushes += 1
                if pushes % 2 == 1 {
                    try newProposal()
                } else {
                    let hub = try box.gitOutput("rev-parse", branch, in: "hub.git")
                    try box.gitOutput("update-ref", branch, "\(hub)~1", hub, in: "hub.git")
                }
                return ["push"]
            },
            measure: { try box.gitOutput("rev-parse", branch, in: "hub.git") == box.gitOutput("rev-parse", branch, in: "co") ? 1 : 0 },
            verify: {})

        // comment: one answer more in the thread, exactly.
        var answer = 0
        let answered = "\(pseudonym)-1"
        try lab.scenario(
            "comment", user: "agent", in: "c", kills: kills["comment"]!,
            prepare: {
                answer += 1
                return ["comment", answered, "-m", "Réponse \(answer).", "--no-push"]
            },
            measure: { try box.commits("refs/heads/dialogue", in: "c") },
            verify: { try #require(try box.occurrences("Réponse \(answer).", on: "dialogue", in: "c") == 1) })

        // revise --apply: cctp.md gets the accepted text once; put back before the next kill.
        let alternative = try lab.acceptedAlternative()
        let original = try box.read("c/cctp.md")
        try lab.scenario(
            "revise --apply", user: "agent", in: "c", kills: kills["revise --apply"]!,
            prepare: {
                try box.write("c/cctp.md", original)
                try? FileManager.default.removeItem(atPath: box.path("c/.git/jsf/integrates"))
                return ["revise", "--apply", alternative.id]
            },
            measure: { try box.read("c/cctp.md").components(separatedBy: alternative.text).count - 1 },
            verify: {
                try #require(try box.read("c/cctp.md").components(separatedBy: alternative.text).count == 2, "the accepted text once")
            })
        try box.write("c/cctp.md", original)
        try? FileManager.default.removeItem(atPath: box.path("c/.git/jsf/integrates"))

        // publish: one draft more, exactly, on main.
        var sentence = 0
        try lab.scenario(
            "publish", user: "agent", in: "c", kills: kills["publish"]!,
            prepare: {
                sentence += 1
                let text = try box.read("c/cctp.md")
                try box.write("c/cctp.md", text + "\nPhrase ajoutée \(sentence).\n")
                return ["publish", "-m", "Phrase \(sentence)", "--until", "2027-03-01", "--no-push"]
            },
            measure: { try box.count("tag", "-l", "v*", in: "c") },
            verify: {
                let latest = try box.gitOutput("describe", "--tags", "--abbrev=0", "main", in: "c")
                try #require(try box.gitOutput("rev-parse", "main", in: "c") == box.gitOutput("rev-parse", "\(latest)^{commit}", in: "c"))
                try #require(try box.gitOutput("show", "\(latest):cctp.md", in: "c").contains("Phrase ajoutée \(sentence)."))
            })

        // approve: tag final once; taken back (final and published) before the next kill.
        try lab.readyForApproval()
        let publishedRun = try box.git("rev-parse", "-q", "--verify", "refs/heads/published", in: "b")
        let published = publishedRun.status == 0 ? publishedRun.trimmed : nil
        try lab.scenario(
            "approve", user: "buyer", in: "b", kills: kills["approve"]!,
            prepare: {
                _ = try box.git("tag", "-d", "final", in: "b")
                if let published {
                    try box.gitOutput("update-ref", "refs/heads/published", published, in: "b")
                } else {
                    _ = try box.git("update-ref", "-d", "refs/heads/published", in: "b")
                }
                return ["approve", "-m", "Texte conforme.", "--no-push"]
            },
            measure: { try box.git("rev-parse", "-q", "--verify", "refs/tags/final", in: "b").status == 0 ? 1 : 0 },
            verify: {
                try #require(try box.gitOutput("rev-parse", "final^{commit}", in: "b") == box.gitOutput("rev-parse", "published", in: "b"))
            })

        // What kills left behind, all cleared; then the whole story is still verifiable.
        for directory in ["c", "co", "b"] {
            let repaired = try lab.run(["repair"], as: directory == "co" ? "company" : directory == "b" ? "buyer" : "agent", in: directory)
            lab.leftoversAtEnd += repaired.stdout.lines.map { "\(directory): \($0)" }
            #expect(KillLab.leftovers(in: box.path(directory)).isEmpty, "left behind in \(directory)")
        }
        if !KillLab.leftovers(in: box.path("hub.git")).isEmpty { try lab.run(["repair", "--hub"], as: "agent", in: "c") }
        #expect(KillLab.leftovers(in: box.path("hub.git")).isEmpty, "left behind in the hub")
        #expect(try box.git("fsck", "--strict", in: "hub.git").status == 0)
        #expect(try lab.run(["verify"], as: "agent", in: "c").status == 0)
        lab.printFigures()
        #expect(lab.totalKills >= total * 9 / 10, "kills: \(lab.totalKills) of \(total)")
    }
}

/// The world of the kills and its bookkeeping: a consultation with a hub on a local path, a company's clone, and a
/// buyer's; every jsf run is a process of the built binary.
final class KillLab {
    let box: Sandbox
    var random: SplitMix
    var pseudonym = ""
    /// Per command: kills, runs that finished before their kill, repairs needed, reruns.
    var figures: [(command: String, kills: Int, finished: Int, repairs: Int, reruns: Int, typical: Double)] = []
    var repairedFiles: [String: Int] = [:]
    var leftoversAtEnd: [String] = []
    var totalKills: Int { figures.map(\.kills).reduce(0, +) }

    init(seed: UInt64) throws {
        box = try Sandbox(spawning: true)
        random = SplitMix(seed: seed)
    }

    func setUp() throws {
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.ok(
            "identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35",
            as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        pseudonym = try box.gitOutput("config", "jsf.pseudonym", in: "co")
        try box.ok("propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", "Première proposition.", as: "company", in: "co")
        try box.ok("push", as: "company", in: "co")
        try box.ok("fetch", in: "c")
    }

    /// A proposal of the company with a text, accepted by the agent: what `revise --apply` applies.
    func acceptedAlternative() throws -> (id: String, text: String) {
        let text = "Le titulaire fait réaliser chaque trimestre une analyse microbiologique par un laboratoire accrédité."
        try box.write("texts/analyses.md", text + "\n")
        let id = try run(
            [
                "propose", "analyses", "--kind", "alternative", "--cost", "down", "--text-file", box.path("texts/analyses.md"), "-m",
                "Une analyse par trimestre suffit.",
            ],
            as: "company", in: "co"
        ).trimmed
        try run(["push"], as: "company", in: "co")
        try run(["fetch"], as: "agent", in: "c")
        try run(["comment", id, "--status", "accepted", "-m", "Acceptée.", "--no-push"], as: "agent", in: "c")
        return (id, text)
    }

    /// The round of the latest draft closed and everything on the hub; a buyer listed, with a clone.
    func readyForApproval() throws {
        try run(["round", "close", "--no-push"], as: "agent", in: "c")
        try box.setUpBuyer(push: false)
        try run(["push"], as: "agent", in: "c")
        try box.ok("clone", "hub.git", "b", as: "buyer")
    }

    /// Runs jsf as `user`, requiring success.
    @discardableResult
    func run(_ arguments: [String], as user: String, in directory: String) throws -> Run {
        let run = try box.jsf(arguments, as: user, in: directory)
        try #require(run.status == 0, "jsf \(arguments.joined(separator: " ")) in \(directory) failed:\n\(run)")
        return run
    }

    /// One command killed `kills` times: a first run measures how long it takes; then each kill lands after a random
    /// delay within that time. `prepare` sets up one attempt and gives the command line; `measure` reads the state
    /// that one successful run moves by exactly one; `verify` checks, after success, what was written once.
    func scenario(
        _ name: String, user: String, in directory: String, kills: Int, hub: Bool = false,
        prepare: () throws -> [String], measure: () throws -> Int, verify: () throws -> Void
    ) throws {
        var entry = (command: name, kills: 0, finished: 0, repairs: 0, reruns: 0, typical: 0.0)
        // The measurement: one run, not killed.
        let arguments = try prepare()
        let before = try measure()
        let started = Date()
        let first = try box.jsf(arguments, as: user, in: directory)
        entry.typical = Date().timeIntervalSince(started)
        var typical = entry.typical
        try #require(first.status == 0, "jsf \(name) failed unkilled:\n\(first)")
        try #require(try measure() == before + 1, "\(name): one run moves the state by one")
        try verify()

        var attempts = 0
        while entry.kills < kills, attempts < kills * 3 {
            attempts += 1
            let arguments = try prepare()
            let state = try measure()
            let files = try Fingerprint(box.path(directory))
            let delay = random.unit() * typical
            let outcome = try killed(arguments, as: user, in: directory, after: delay)
            if outcome.killed {
                entry.kills += 1
            } else {
                entry.finished += 1
                // It ran faster than the first run: aim the next kills within what it takes now.
                if let ran = outcome.ran { typical = 0.6 * typical + 0.4 * ran }
            }

            // Sound at once, whatever the moment.
            try requireSound(directory, after: "\(name) killed after \(Int(delay * 1000)) ms (seed replay: attempt \(attempts))")
            if hub { try requireSound("hub.git", after: "\(name) killed (hub)") }
            let now = try measure()
            try #require(now == state || now == state + 1, "\(name): state \(now), expected \(state) or \(state + 1)")

            if now == state {
                // Not done: running it again succeeds, after 'jsf repair' when the error says so.
                entry.reruns += 1
                var rerun = try box.jsf(arguments, as: user, in: directory)
                var repairs = 0
                while rerun.status != 0, repairs < 3, let repair = KillLab.repairCommand(in: rerun.stderr) {
                    try #require(rerun.stderr.contains(".lock'"), "the error names the lock file:\n\(rerun)")
                    let repaired = try self.run(repair, as: user, in: directory)
                    for line in repaired.stdout.lines { repairedFiles[KillLab.kind(of: line), default: 0] += 1 }
                    try #require(
                        !repaired.stdout.isEmpty, "jsf \(repair.joined(separator: " ")) found nothing to remove:\n\(repaired)\nafter:\n\(rerun)")
                    repairs += 1
                    rerun = try box.jsf(arguments, as: user, in: directory)
                }
                entry.repairs += repairs
                try #require(rerun.status == 0, "\(name) again after a kill:\n\(rerun)")
                try #require(try measure() == state + 1, "\(name) again: nothing lost or doubled")
            }
            try verify()
            // Each file of the work tree and the index as before or as after.
            let after = try Fingerprint(box.path(directory))
            let mixed = files.halfWritten(outcome.state, after)
            try #require(mixed.isEmpty, "\(name): half-written after a kill: \(mixed)")
        }
        figures.append(entry)
    }

    /// Runs jsf and SIGKILLs it after `delay` seconds; what the kill left (work tree and index) is read at once.
    func killed(_ arguments: [String], as user: String, in directory: String, after delay: Double) throws -> (
        killed: Bool, ran: Double?, state: Fingerprint
    ) {
        let scratch = box.path("kill-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: scratch, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let sink = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch))
        defer { try? sink.close() }
        try FileManager.default.createDirectory(atPath: box.path("home-\(user)"), withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try jsfBinary.get())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: box.path(directory))
        process.environment = box.environment(user: user)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = sink
        process.standardError = sink
        let started = Date()
        try process.run()
        var ran: Double?
        while Date().timeIntervalSince(started) < delay {
            if !process.isRunning {
                ran = Date().timeIntervalSince(started)
                break
            }
            usleep(1000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let wasKilled = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return (wasKilled, ran, try Fingerprint(box.path(directory)))
    }

    /// git fsck --strict is clean and every ref names an object that exists.
    func requireSound(_ directory: String, after what: String) throws {
        let fsck = try box.git("fsck", "--strict", "--no-progress", "--no-dangling", in: directory)
        try #require(fsck.status == 0 && !fsck.output.contains("error"), "git fsck after \(what):\n\(fsck)")
        let refs = try box.gitOutput("for-each-ref", "--format=%(objectname) %(refname)", in: directory).lines
        let check = try spawnWithInput(
            "/usr/bin/git", ["cat-file", "--batch-check"], in: box.path(directory), environment: box.environment(user: "git"),
            input: refs.map { String($0.prefix(40)) }.joined(separator: "\n") + "\n")
        try #require(!check.stdout.contains("missing"), "a ref names a missing object after \(what):\n\(refs)\n\(check)")
    }

    /// The command a refusal says clears a lock ('jsf repair' or 'jsf repair --hub'), as arguments.
    static func repairCommand(in stderr: String) -> [String]? {
        if stderr.contains("'jsf repair --hub'") { return ["repair", "--hub"] }
        if stderr.contains("'jsf repair'") { return ["repair"] }
        return nil
    }

    /// "index.lock", "ref lock", "temporary"… for the figures.
    static func kind(of line: String) -> String {
        let name = (line as NSString).lastPathComponent
        if name.hasSuffix(".tmp") || name.hasPrefix("tmp_") || name.contains("_git2_") { return "temporary" }
        if line.contains("/refs/") || line.contains("logs/") { return line.contains("logs/") ? "reflog lock" : "ref lock" }
        return name
    }

    /// Lock and temporary files under a repository, but the writer lock jsf keeps.
    static func leftovers(in root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if relative.hasSuffix("jsf/writer.lock") { continue }
            if name.hasSuffix(".lock") || (name.hasPrefix(".") && name.hasSuffix(".tmp") && name.contains(".jsf-")) { found.append(relative) }
            if relative.contains("objects/"), name.hasPrefix("tmp_") || name.contains("_git2_") { found.append(relative) }
        }
        return found
    }

    func printFigures() {
        var lines = ["crash safety: \(totalKills) kills, \(figures.map(\.finished).reduce(0, +)) runs ended before their kill"]
        for f in figures {
            lines.append(
                "  \(f.command): \(f.kills) kills (typical run \(Int(f.typical * 1000)) ms), \(f.finished) finished first, \(f.reruns) reruns, \(f.repairs) repairs"
            )
        }
        lines.append(
            "  jsf repair when a rerun said so: "
                + (repairedFiles.isEmpty ? "never" : repairedFiles.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        )
        lines.append(
            "  left behind at the end, removed by jsf repair: " + (leftoversAtEnd.isEmpty ? "nothing" : leftoversAtEnd.joined(separator: "; ")))
        print(lines.joined(separator: "\n"))
    }
}

/// The work tree's files (contents) and the index's entries, apart from jsf's own temporaries, which `jsf repair` removes.
struct Fingerprint {
    var files: [String: Data] = [:]
    var index: Data?

    init(_ root: String) throws {
        let fm = FileManager.default
        if let walker = fm.enumerator(atPath: root) {
            while let relative = walker.nextObject() as? String {
                if relative == ".git" {
                    walker.skipDescendants()
                    continue
                }
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix("."), name.hasSuffix(".tmp"), name.contains(".jsf-") { continue }
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                files[relative] = fm.contents(atPath: root + "/" + relative)
            }
        }
        index = fm.contents(atPath: root + "/.git/index").map(Fingerprint.entries) ?? fm.contents(atPath: root + "/index").map(Fingerprint.entries)
    }

    /// The index's entries without their stat data, which git refreshes at will: (path, mode, object) in order.
    static func entries(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count > 12, bytes[0..<4] == [0x44, 0x49, 0x52, 0x43] else { return data }
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        let version = u32(4)
        var out = Data()
        var offset = 12
        for _ in 0..<u32(8) {
            guard version < 4, offset + 62 <= bytes.count else { return data }
            let mode = bytes[(offset + 24)..<(offset + 28)]
            let object = bytes[(offset + 40)..<(offset + 60)]
            let length = (Int(bytes[offset + 60]) << 8 | Int(bytes[offset + 61])) & 0xFFF
            let path = bytes[(offset + 62)..<min(bytes.count, offset + 62 + length)]
            out.append(contentsOf: mode)
            out.append(contentsOf: object)
            out.append(contentsOf: path)
            out.append(0)
            let entryLength = 62 + length
            offset += (entryLength + 8) & ~7
        }
        return out
    }

    /// The files (and the index) of `killed` that are neither as in `self` (before) nor as in `after`.
    func halfWritten(_ killed: Fingerprint, _ after: Fingerprint) -> [String] {
        var mixed: [String] = []
        for path in Set(files.keys).union(killed.files.keys).union(after.files.keys).sorted() {
            let now = killed.files[path]
            if now != files[path] && now != after.files[path] { mixed.append(path) }
        }
        if killed.index != index && killed.index != after.index { mixed.append("(index)") }
        return mixed
    }
}

/// A small seeded generator (SplitMix64), so that a seed replays the same delays.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension Sandbox {
    /// How many lines git prints (those `where` keeps).
    func count(_ arguments: String..., in directory: String, where keep: (String) -> Bool = { _ in true }) throws -> Int {
        let run = try git(arguments, in: directory)
        try #require(run.status == 0, "git \(arguments.joined(separator: " ")) failed:\n\(run)")
        return run.stdout.lines.filter(keep).count
    }

    /// How many commits `ref` has; 0 when it does not exist.
    func commits(_ ref: String, in directory: String) throws -> Int {
        guard try git("rev-parse", "-q", "--verify", ref, in: directory).status == 0 else { return 0 }
        return try count("rev-list", ref, in: directory)
    }

    /// How many files of `ref`'s tree contain `text`, counting each occurrence.
    func occurrences(_ text: String, on ref: String, in directory: String) throws -> Int {
        let run = try git("grep", "-c", "-F", text, ref, in: directory)
        return run.stdout.lines.compactMap { $0.split(separator: ":").last.flatMap { Int($0) } }.reduce(0, +)
    }
}
