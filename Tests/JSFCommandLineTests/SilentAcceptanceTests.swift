import Foundation
import Testing

/// What jsf used to accept without a word (issue 12): each is now a clear error or warning, and nothing is written.
@Suite("no silent acceptance: emptied texts, ids, links, bytes, addresses, clocks, collisions, unpushed drafts")
struct SilentAcceptanceTests {
    /// Refs, index and HEAD's tree of a repository: what a refused command must leave as it was.
    func fingerprint(_ box: Sandbox, _ dir: String) throws -> String {
        try box.gitOutput("for-each-ref", in: dir) + (try box.gitOutput("status", "--porcelain", "--untracked-files=all", in: dir))
    }

    @Test("an emptied cctp.md, or one without a heading, is refused unless --allow-removing-all; the refusal writes nothing")
    func emptiedText() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let original = try box.read("c/cctp.md")
        for text in ["", "Juste un paragraphe, sans titre.\n"] {
            try box.write("c/cctp.md", text)
            let before = try fingerprint(box, "c")
            expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["cctp.md has no heading", "remove all", "of v1", "--allow-removing-all"])
            #expect(try fingerprint(box, "c") == before)
        }
        box.language = "fr_FR.UTF-8"
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["cctp.md n'a aucun titre", "retirerait les"])
        box.language = "C.UTF-8"
        // Headings that are all new: every clause of v1 would go.
        try box.write("c/cctp.md", "# Tout autre chose\n\nTexte.\n")
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["would remove all", "clauses of v1"])
        let forced = try box.jsf("publish", "--allow-removing-all", in: "c")
        #expect(forced.status == 0 && forced.trimmed == "v2", "\(forced)")
        try box.write("c/cctp.md", original)
    }

    @Test("the consultation id edited in consultation.yml: check names the line, publish refuses, the hook refuses it too")
    func immutableID() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.edit("c/consultation.yml", replacing: "id: restauration-val-d-orvenne-2027", with: "id: autre-chose")
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 1)
        #expect(
            check.stdout.contains("consultation.yml:")
                && check.stdout.contains("the id changed from 'restauration-val-d-orvenne-2027' to 'autre-chose'"), "\(check)")
        let before = try box.gitOutput("for-each-ref", in: "c")
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["'jsf check' fails"])
        #expect(try box.gitOutput("for-each-ref", in: "c") == before)
        // Committed by hand and pushed with plain git: the hub's rules refuse it (a local hub is reviewed by jsf).
        try box.git(["commit", "-q", "-am", "autre id"], in: "c")
        let pushed = try box.jsf("push", in: "c")
        #expect(pushed.status != 0, "\(pushed)")
        #expect(pushed.stderr.contains("changes the consultation id"), "\(pushed)")
    }

    @Test("publish never follows a symbolic link: cctp.md, consultation.yml or assets/ linked elsewhere are refused")
    func links() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        try box.write("secret.md", "# Secret {#secret}\n\nmot de passe\n")
        let original = try box.read("c/cctp.md")
        try FileManager.default.removeItem(atPath: box.path("c/cctp.md"))
        try FileManager.default.createSymbolicLink(atPath: box.path("c/cctp.md"), withDestinationPath: box.path("secret.md"))
        let before = try box.gitOutput("for-each-ref", in: "c")
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["'cctp.md' is a symbolic link", "secret.md", "plain file"])
        expectRefusal(try box.jsf("check", in: "c"), status: 1, ["symbolic link"])
        #expect(try box.gitOutput("for-each-ref", in: "c") == before)
        #expect(!(try box.gitOutput("log", "--all", "-p", in: "c")).contains("mot de passe"))
        try FileManager.default.removeItem(atPath: box.path("c/cctp.md"))
        try box.write("c/cctp.md", original)
        // A FIFO in place of consultation.yml would block a reader forever: refused at once.
        try FileManager.default.moveItem(atPath: box.path("c/consultation.yml"), toPath: box.path("consultation.yml"))
        #expect(mkfifo(box.path("c/consultation.yml"), 0o600) == 0)
        expectRefusal(try box.jsf("check", in: "c"), status: 1, ["'consultation.yml' is a device or special file"])
        try FileManager.default.removeItem(atPath: box.path("c/consultation.yml"))
        try FileManager.default.moveItem(atPath: box.path("consultation.yml"), toPath: box.path("c/consultation.yml"))
        try FileManager.default.createDirectory(atPath: box.path("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: box.path("c/assets"), withDestinationPath: box.path("elsewhere"))
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["'assets' is not a folder of the working tree"])
    }

    @Test("a symbolic link committed on main by hand is refused by the hook's rules and by jsf check")
    func committedLink() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try FileManager.default.createSymbolicLink(atPath: box.path("c/lien"), withDestinationPath: "/etc/passwd")
        try box.git(["add", "lien"], in: "c")
        try box.git(["commit", "-q", "-m", "un lien"], in: "c")
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 1 && check.stdout.contains("HEAD:lien") && check.stdout.contains("symbolic link"), "\(check)")
        let pushed = try box.jsf("push", in: "c")
        #expect(pushed.status != 0 && pushed.stderr.contains("symbolic link"), "\(pushed)")
        #expect(try box.gitOutput("ls-tree", "-r", "main", in: "hub.git").contains("lien") == false)
    }

    @Test("NUL bytes in cctp.md are an error on their line; a byte order mark is a warning and no change by itself")
    func bytes() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let original = try box.read("c/cctp.md")
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).count
        try box.writeData("c/cctp.md", Data(original.utf8) + Data([0x61, 0x00, 0x62, 0x0A]))
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 1 && check.stdout.contains("cctp.md:\(lines): error: holds a NUL byte"), "\(check)")
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["'jsf check' fails"])
        try box.writeData("c/cctp.md", Data([0xEF, 0xBB, 0xBF]) + Data(original.utf8))
        let bom = try box.jsf("check", in: "c")
        #expect(bom.status == 0 && bom.stdout.contains("cctp.md:1: warning: starts with a byte order mark"), "\(bom)")
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["nothing changed since v1", "byte order mark"])
        try box.writeData(
            "c/cctp.md",
            Data([0xEF, 0xBB, 0xBF])
                + Data(original.replacingOccurrences(of: "Objet et durée du marché", with: "Objet et durée du présent marché").utf8))
        #expect(try box.jsf("publish", in: "c").trimmed == "v2")
        #expect(try box.gitOutput("show", "v2:cctp.md", in: "c").utf8.starts(with: [0xEF, 0xBB, 0xBF]) == false)
    }

    @Test("an email address with two '@', no domain or a space is refused, in both languages; a good one is kept")
    func email() throws {
        let box = try Sandbox()
        for bad in ["pas@@adresse", "pas-d-arobase", "a b@exemple.fr", "contact@exemple", "@exemple.fr", "x@-exemple.fr"] {
            let run = try box.jsf(
                ["identity", "init", "--role", "company", "--name", "X", "--cpv", "55524000-9", "--departement", "35", "--email", bad], as: "x")
            expectRefusal(run, status: 64, ["--email '\(bad)' is not an email address"])
            #expect(!box.exists("jsf-x/identity.yml"))
        }
        box.language = "fr_FR.UTF-8"
        let french = try box.jsf(["identity", "init", "--role", "agent", "--name", "A", "--organisation", "O", "--commit-email", "a@@b.fr"], as: "y")
        expectRefusal(french, status: 64, ["--commit-email 'a@@b.fr' n'est pas une adresse électronique", "il y a plus d'un « @ »"])
        let good = try box.jsf(
            [
                "identity", "init", "--role", "company", "--name", "X", "--cpv", "55524000-9", "--departement", "35", "--email",
                "contact@cantine-bretonne.fr",
            ], as: "z")
        #expect(good.status == 0, "\(good)")
    }

    @Test("JSF_NOW without an offset is a usage error naming the value")
    func clockWithoutOffset() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        for value in ["2027-01-05", "2027-01-05T09:00", "2027-01-05T09:00:00"] {
            expectRefusal(try box.jsf(["status"], in: "c", environment: ["JSF_NOW": value]), status: 64, ["JSF_NOW='\(value)' has no offset"])
        }
        #expect(try box.jsf(["status"], in: "c", environment: ["JSF_NOW": "2027-01-05T08:00:00Z"]).status == 0)
    }

    @Test("a draft published here but never pushed: status says so and publish says 'run jsf push', not 'edit cctp.md'")
    func unpushedDraft() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.edit("c/cctp.md", replacing: "Objet et durée du marché", with: "Objet et durée du présent marché")
        try box.ok("publish", "--until", "2027-01-20", "--no-push", in: "c")
        let status = try box.ok("status", in: "c")
        #expect(status.stdout.contains("v2 is not on the hub yet: run 'jsf push'") && !status.stdout.contains("Nothing unpublished"), "\(status)")
        let json = try box.ok("status", "--json", in: "c")
        #expect(json.stdout.contains("\"notOnHub\" : [\n    \"v2\"\n  ]"), "\(json)")
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["v2 is not on the hub yet", "jsf push"])
        box.language = "fr_FR.UTF-8"
        #expect(try box.ok("status", in: "c").stdout.contains("La v2 n'est pas encore sur le hub : lancez 'jsf push'"))
        box.language = "C.UTF-8"
        try box.ok("push", in: "c")
        let after = try box.ok("status", in: "c")
        #expect(after.stdout.contains("Nothing unpublished") && !after.stdout.contains("not on the hub"), "\(after)")
    }

    @Test("a hub holding proposals/<P>/x cannot block a company silently: the push names the ref and who removes it")
    func hubCollision() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git", territory: "67")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.setUpCompany()
        try box.ok("clone", "hub.git", "co", as: "company")
        let id = try box.ok("propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Quels horaires ?", as: "company", in: "co")
            .trimmed
        let pseudonym = String(id.prefix(8))
        let main = try box.gitOutput("rev-parse", "main", in: "hub.git").trimmingCharacters(in: .whitespacesAndNewlines)
        try box.git(["update-ref", "refs/heads/proposals/\(pseudonym)/x", main], in: "hub.git")
        try box.ok("fetch", as: "company", in: "co")
        let blocked = try box.jsf(["push"], as: "company", in: "co")
        expectRefusal(blocked, status: 1, ["the hub holds refs/heads/proposals/\(pseudonym)/x", "ask the hub's host", "update-ref -d"])
        #expect(!(try box.gitOutput("for-each-ref", in: "co")).contains("refs/jsf/collision"))
        try box.git(["update-ref", "-d", "refs/heads/proposals/\(pseudonym)/x"], in: "hub.git")
        let pushed = try box.jsf(["push"], as: "company", in: "co")
        #expect(pushed.status == 0, "\(pushed)")
        #expect(try box.gitOutput("for-each-ref", "refs/heads/proposals", in: "hub.git").contains("refs/heads/proposals/\(pseudonym)"))
    }

    @Test("jsf verify of a ref that does not exist fails instead of passing on nothing")
    func verifyUnknownRef() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        expectRefusal(try box.jsf("verify", "nulle-part", in: "c"), status: 1, ["no ref 'nulle-part'"])
        #expect(try box.jsf("verify", "main", in: "c").status == 0)
    }

    @Test("a company's escape sequences reach the agent's terminal as visible text, colours on or off; JSON keeps them exact")
    func terminalEscapes() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git", territory: "67")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.setUpCompany()
        try box.ok("clone", "hub.git", "co", as: "company")
        let evil =
            "Effacé \u{1B}[2J\u{1B}]0;TITRE\u{07} \u{1B}]8;;http://piège.example\u{1B}\\lien\u{1B}]8;;\u{1B}\\ \r\u{1B}[31merror: faux\u{202E}txet"
        let proposed = try box.jsf(["propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", evil], as: "company", in: "co")
        try #require(proposed.status == 0, "\(proposed)")
        let id = proposed.trimmed
        try box.ok("push", as: "company", in: "co")
        try box.ok("fetch", in: "c")
        for color in ["never", "always"] {
            for command in [["show", id], ["inbox"]] {
                let run = try box.jsf(["--color", color] + command, in: "c")
                #expect(run.status == 0, "\(run)")
                let controls = run.stdout.unicodeScalars.filter {
                    ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}"
                }
                let own = run.stdout.components(separatedBy: "\u{1B}[").count - 1
                if color == "never" {
                    #expect(controls.isEmpty, "\(command): \(controls.map { $0.value })")
                } else {
                    // Only jsf's own colours: every ESC starts one of its SGR sequences, none of the company's.
                    #expect(controls.count == own, "\(command)")
                    #expect(!run.stdout.contains("\u{1B}[2J") && !run.stdout.contains("\u{1B}]") && !run.stdout.contains("\u{1B}[31merror"))
                }
                if command[0] == "show" { #expect(run.stdout.contains("^[[2J^[]0;TITRE^G") && run.stdout.contains("<U+202E>")) }
            }
        }
        let json = try box.jsf(["inbox", "--json"], in: "c")
        #expect(json.status == 0, "\(json)")
        #expect(json.stdout.contains("\\u001b[2J"), "\(json.stdout.prefix(400))")
    }
}
