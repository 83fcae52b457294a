import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Lock files left by a killed jsf or git (issue 12): the error names the file and `jsf repair`, never the network;
/// a lock a live program holds gets "run again" and is never removed; `jsf repair` clears the stale ones.
@Suite("stale locks and jsf repair")
struct RepairTests {
    /// v1 on a hub on a local path, and a company's clone "co" with one proposal pushed.
    func world() throws -> (box: Sandbox, pseudonym: String) {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.ok(
            "identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35",
            as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        try box.ok("propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", "Une.", as: "company", in: "co")
        try box.ok("push", as: "company", in: "co")
        return (box, try box.gitOutput("config", "jsf.pseudonym", in: "co"))
    }

    func propose(_ box: Sandbox, _ text: String) throws -> Run {
        try box.jsf("propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", text, as: "company", in: "co")
    }

    /// Makes a file as a killed writer leaves it: empty, `age` seconds old.
    func leave(_ box: Sandbox, _ relative: String, age: TimeInterval = 120) throws {
        try box.write(relative, "")
        let when = Date().addingTimeInterval(-age)
        try FileManager.default.setAttributes([.modificationDate: when], ofItemAtPath: box.path(relative))
    }

    @Test("a stale ref lock in the clone: the error names it and 'jsf repair'; --dry-run lists it; repair removes it")
    func staleRefLock() throws {
        let (box, pseudonym) = try world()
        let lock = ".git/refs/heads/proposals/\(pseudonym).lock"
        try leave(box, "co/" + lock)
        let before = try box.gitOutput("rev-parse", "proposals/\(pseudonym)", in: "co")

        let refused = try propose(box, "Deux.")
        expectRefusal(refused, status: 128, [box.path("co/" + lock), "left behind", "run 'jsf repair' to remove it"])
        #expect(!refused.stderr.contains("network"), "\(refused)")
        #expect(!refused.stderr.contains("another jsf"), "\(refused)")
        #expect(try box.gitOutput("rev-parse", "proposals/\(pseudonym)", in: "co") == before, "nothing written")

        box.language = "fr_FR.UTF-8"
        let french = try propose(box, "Deux.")
        expectRefusal(french, status: 128, ["a été laissé par un jsf ou un git interrompu", "lancez 'jsf repair' pour le supprimer"])
        box.language = "C.UTF-8"

        let listed = try box.ok("repair", "--dry-run", as: "company", in: "co")
        #expect(listed.stdout == "stale    \(lock)\n", "\(listed)")
        #expect(box.exists("co/" + lock), "--dry-run removes nothing")

        let repaired = try box.ok("repair", "--json", as: "company", in: "co")
        let output = try decode(RepairJSON.self, from: repaired)
        #expect(output.files.map(\.path) == [lock])
        #expect(output.files.first?.removed == true && output.files.first?.stale == true && output.files.first?.kind == "lock")
        #expect((output.files.first?.ageSeconds ?? 0) >= 100)
        #expect(!box.exists("co/" + lock))

        #expect(try propose(box, "Deux.").status == 0)
        let nothing = try box.ok("repair", as: "company", in: "co")
        #expect(nothing.stdout.isEmpty && nothing.stderr.contains("Nothing to repair."), "\(nothing)")
    }

    @Test("a stale lock in a hub on a local path: push names it and 'jsf repair --hub', not the network")
    func staleHubLock() throws {
        let (box, pseudonym) = try world()
        #expect(try propose(box, "Deux.").status == 0)
        let lock = box.path("hub.git/refs/heads/proposals/\(pseudonym).lock")
        try leave(box, lock)

        let refused = try box.jsf("push", as: "company", in: "co")
        expectRefusal(refused, status: 128, [lock, "run 'jsf repair --hub' to remove it"])
        #expect(!refused.stderr.contains("network"), "\(refused)")

        // Without --hub, the hub is not touched.
        let local = try box.ok("repair", as: "company", in: "co")
        #expect(local.stdout.isEmpty, "\(local)")
        #expect(box.exists(lock))
        let repaired = try box.ok("repair", "--hub", as: "company", in: "co")
        #expect(repaired.stdout == "removed  \(lock)\n", "\(repaired)")
        #expect(try box.jsf("push", as: "company", in: "co").status == 0)
        #expect(
            try box.gitOutput("rev-parse", "proposals/\(pseudonym)", in: "hub.git") == box.gitOutput("rev-parse", "proposals/\(pseudonym)", in: "co"))
    }

    @Test("a lock a live program holds open: 'run again', and jsf repair keeps it until the program ends")
    func heldLock() throws {
        let (box, pseudonym) = try world()
        let lock = box.path("co/.git/refs/heads/proposals/\(pseudonym).lock")
        try box.write(lock, "")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 3<>\"$0\"; exec sleep 60", lock]
        try holder.run()
        defer {
            if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }
            holder.waitUntilExit()
        }
        // The holder has opened the file once its program is sleep.
        for _ in 0..<200 where (try? String(contentsOfFile: "/proc/\(holder.processIdentifier)/comm", encoding: .utf8)) != "sleep\n" {
            usleep(10_000)
        }

        let refused = try propose(box, "Deux.")
        expectRefusal(
            refused, status: 128, ["sleep (process \(holder.processIdentifier))", "holds '\(lock)'", "run the command again when it is done"])
        #expect(!refused.stderr.contains("jsf repair"), "\(refused)")

        let kept = try box.ok("repair", as: "company", in: "co")
        #expect(
            kept.stdout.contains("kept     .git/refs/heads/proposals/\(pseudonym).lock (held by sleep (process \(holder.processIdentifier)))"),
            "\(kept)")
        #expect(kept.stderr.contains("still held by a running program"), "\(kept)")
        #expect(box.exists(lock))

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(try box.ok("repair", as: "company", in: "co").stdout.contains("removed  .git/refs/heads/proposals/"))
        #expect(try propose(box, "Deux.").status == 0)
    }

    @Test("another jsf holding the repository: a lock newer than it is its own ('run again'); jsf repair removes nothing")
    func liveJSF() throws {
        guard let python = lookUp("python3") else {
            print("skipped: no python3 to hold the writer lock as another jsf would")
            return
        }
        let (box, pseudonym) = try world()
        // Another jsf, as far as the lock goes: a process holding a shared fcntl lock on .git/jsf/writer.lock.
        let writer = box.path("co/.git/jsf/writer.lock")
        let ready = box.path("ready")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: python)
        holder.arguments = [
            "-c",
            "import fcntl,os,sys,time\nf=os.open(sys.argv[1],os.O_RDWR|os.O_CREAT)\nfcntl.lockf(f,fcntl.LOCK_SH)\nopen(sys.argv[2],'w').close()\ntime.sleep(60)",
            writer, ready,
        ]
        try holder.run()
        defer {
            if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }
            holder.waitUntilExit()
        }
        for _ in 0..<500 where !box.exists("ready") { usleep(10_000) }
        try #require(box.exists("ready"), "the holder started")

        // A lock written after the other jsf started may be its own.
        let lock = ".git/refs/heads/proposals/\(pseudonym).lock"
        try box.write("co/" + lock, "")
        let fresh = try propose(box, "Deux.")
        expectRefusal(fresh, status: 128, ["jsf (process \(holder.processIdentifier))", "run the command again when it is done"])

        // One older than every live jsf is not: stale, even while the other runs.
        try leave(box, "co/" + lock, age: 3600)
        let stale = try propose(box, "Deux.")
        expectRefusal(stale, status: 128, ["left behind", "'jsf repair'"])

        let busy = try box.jsf("repair", as: "company", in: "co")
        expectRefusal(busy, status: 1, ["jsf (process \(holder.processIdentifier)) is running in this repository: nothing was removed"])
        #expect(box.exists("co/" + lock))

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(try box.ok("repair", as: "company", in: "co").stdout == "removed  \(lock)\n")
        #expect(try propose(box, "Deux.").status == 0)
    }

    @Test("a stale index.lock: publish names it and 'jsf repair', and leaves v1 the latest draft")
    func staleIndexLock() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")
        try leave(box, "c/.git/index.lock")
        let refused = try box.jsf("publish", "-m", "v2", "--until", "2027-02-20", in: "c")
        expectRefusal(refused, status: 128, [box.path("c/.git/index.lock"), "'jsf repair'"])
        #expect(try box.gitOutput("tag", "-l", "v*", in: "c") == "v1", "no v2 half-made")
        #expect(try box.gitOutput("rev-parse", "main", in: "c") == box.gitOutput("rev-parse", "v1^{commit}", in: "c"))
        try box.ok("repair", in: "c")
        #expect(try box.ok("publish", "-m", "v2", "--until", "2027-02-20", in: "c").trimmed == "v2")
    }

    @Test("temporaries a kill leaves: AtomicFile's of a dead process and a transfer's are removed, a live writer's kept")
    func temporaries() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let dead = ".cctp.md.jsf-\(Int32.max - 7)-\(UUID().uuidString).tmp"
        let live = ".clauses.yml.jsf-\(getpid())-\(UUID().uuidString).tmp"
        try box.write("c/" + dead, "half")
        try box.write("c/" + live, "being written")
        try FileManager.default.createDirectory(atPath: box.path("c/.git/objects/pack"), withIntermediateDirectories: true)
        try leave(box, "c/.git/objects/pack/tmp_pack_Xy12Ab")
        try leave(box, "c/.git/jsf/.verified.jsf-\(Int32.max - 7)-\(UUID().uuidString).tmp")

        let listed = try box.ok("repair", "--dry-run", "--json", in: "c")
        let files = try decode(RepairJSON.self, from: listed).files
        #expect(files.count == 4, "\(files)")
        #expect(files.filter(\.stale).count == 3)
        #expect(files.first { $0.path == live }?.owner?.pid == getpid())
        #expect(files.allSatisfy { !$0.removed })

        let repaired = try box.ok("repair", in: "c")
        #expect(repaired.stdout.lines.filter { $0.hasPrefix("removed  ") }.count == 3, "\(repaired)")
        #expect(!box.exists("c/" + dead) && box.exists("c/" + live))
        #expect(!box.exists("c/.git/objects/pack/tmp_pack_Xy12Ab"))
        #expect(try box.git("fsck", "--strict", in: "c").status == 0)
    }
}

/// What `jsf repair --json` prints.
struct RepairJSON: Decodable {
    struct Owner: Decodable {
        var program: String
        var pid: Int32?
    }
    struct File: Decodable {
        var path: String
        var kind: String
        var place: String
        var ageSeconds: Int
        var stale: Bool
        var removed: Bool
        var owner: Owner?
    }
    var dryRun: Bool
    var files: [File]
}

/// A program on PATH, nil when there is none.
func lookUp(_ program: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let candidate = "\(folder)/\(program)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
