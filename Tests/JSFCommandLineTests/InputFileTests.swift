import Foundation
import Testing

/// Files named on the command line (-F, --text-file, --from, --key) are read as text or refused clearly, never crash.
@Suite("input files: directories, devices, missing files")
struct InputFileTests {
    @Test("-F and --text-file refuse a directory, /dev/zero, /proc/self/mem and a missing file with exit 1; nothing is written")
    func specialFiles() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        let before = try box.gitOutput("for-each-ref", in: "co")
        for (path, words) in [
            (box.root, "is a directory, not a text file"), ("/dev/zero", "is a device or special file"),
            ("/proc/self/mem", "cannot read '/proc/self/mem'"), (box.path("nothing.md"), "no such file"),
        ] {
            for option in [["-F", path], ["-m", "x", "--text-file", path]] {
                let kind = option[0] == "-F" ? "clarification" : "alternative"
                let run = try box.jsf(["propose", "duree", "--kind", kind, "--cost", "neutral"] + option, as: "company", in: "co")
                expectRefusal(run, status: 1, [words])
            }
            expectRefusal(try box.jsf(["comment", "X-1", "-F", path], in: "c"), status: 1, [words])
        }
        #expect(try box.gitOutput("for-each-ref", in: "co") == before)
    }
}
