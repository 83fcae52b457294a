import Foundation
import Testing

/// A full disk (issue 12): clones on a small tmpfs, filled up; propose and publish fail with "no space left on
/// device" named in both languages, write nothing half-way, and work once space is freed. Needs mount (root);
/// skipped with a message where the machine does not allow it.
@Suite("full disk", .serialized)
struct FullDiskTests {
    @Test("propose and publish on a full tmpfs: a clear error, nothing half-written, fine once space is freed")
    func fullDisk() throws {
        let box = try Sandbox()
        let disk = box.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let mount = try runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", disk])
        guard mount.status == 0 else {
            print(
                "skipped: cannot mount a tmpfs here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines))); the full-disk test needs root")
            return
        }
        defer { _ = try? runTool("/bin/umount", ["-l", disk]) }

        try box.setUpConsultation("disk/c", hub: box.path("hub.git"))
        try box.ok("publish", "--until", "2027-01-20", in: "disk/c")
        try box.ok(
            "identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35",
            as: "company")
        try box.ok("clone", box.path("hub.git"), "disk/co", as: "company")
        let pseudonym = try box.gitOutput("config", "jsf.pseudonym", in: "disk/co")
        try box.ok("propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", "Une.", as: "company", in: "disk/co")
        try box.edit("disk/c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")

        let refsBefore = try box.gitOutput("for-each-ref", in: "disk/co")
        let agentRefsBefore = try box.gitOutput("for-each-ref", in: "disk/c")
        let cctpBefore = try box.read("disk/c/cctp.md")
        let filler = disk + "/filler"
        try fill(filler)

        let proposal = "Nous proposons une livraison entre 7 h et 9 h, en véhicule électrique."
        let refused = try box.jsf("propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", proposal, as: "company", in: "disk/co")
        expectRefusal(refused, status: 128, ["no space left on device", "free some space"])
        box.language = "fr_FR.UTF-8"
        let french = try box.jsf("propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", proposal, as: "company", in: "disk/co")
        expectRefusal(french, status: 128, ["plus d'espace disponible sur le périphérique", "libérez de la place"])
        let publishRefused = try box.jsf("publish", "-m", "v2", "--until", "2027-02-20", in: "disk/c")
        expectRefusal(publishRefused, status: 128, ["plus d'espace disponible sur le périphérique"])
        box.language = "C.UTF-8"
        let publishEnglish = try box.jsf("publish", "-m", "v2", "--until", "2027-02-20", in: "disk/c")
        expectRefusal(publishEnglish, status: 128, ["no space left on device"])

        // Nothing half-written: the refs and the work tree as they were, nothing left behind, the repositories sound.
        #expect(try box.gitOutput("for-each-ref", in: "disk/co") == refsBefore)
        #expect(try box.gitOutput("for-each-ref", in: "disk/c") == agentRefsBefore)
        #expect(try box.read("disk/c/cctp.md") == cctpBefore)
        #expect(KillLab.leftovers(in: box.path("disk/co")).isEmpty, "\(KillLab.leftovers(in: box.path("disk/co")))")
        #expect(KillLab.leftovers(in: box.path("disk/c")).isEmpty, "\(KillLab.leftovers(in: box.path("disk/c")))")

        try FileManager.default.removeItem(atPath: filler)
        #expect(try box.git("fsck", "--strict", in: "disk/co").status == 0)
        #expect(try box.git("fsck", "--strict", in: "disk/c").status == 0)
        try box.ok("propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", proposal, as: "company", in: "disk/co")
        let files = try box.gitOutput("ls-tree", "--name-only", "proposals/\(pseudonym)", in: "disk/co").lines.filter { $0.hasSuffix(".md") }
        #expect(files.count == 2, "one proposal more, exactly: \(files)")
        #expect(try box.ok("publish", "-m", "v2", "--until", "2027-02-20", in: "disk/c").trimmed == "v2")
    }

    /// Writes `path` until the file system has no byte left.
    func fill(_ path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw HarnessError.unreadable(path) }
        defer { try? handle.close() }
        for size in [1 << 20, 1 << 16, 1 << 12, 1 << 9, 1] {
            let chunk = Data(repeating: 0x41, count: size)
            while (try? handle.write(contentsOf: chunk)) != nil {}
        }
    }

    func runTool(_ executable: String, _ arguments: [String]) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return Run(status: 127, stdout: "", stderr: "no \(executable)") }
        return try spawn(executable, arguments, in: "/", environment: ["PATH": "/usr/bin:/bin"])
    }
}
