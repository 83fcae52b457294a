import Foundation
import Testing

/// `jsf audit-anonymity --json`.
struct AuditJSON: Decodable {
    struct Finding: Decodable {
        var kind: String
        var location: String
        var object: String?
        var ref: String?
        var commit: String?
        var path: String?
        var line: Int?
        var field: String?
        var identity: String?
        var message: String
    }
    struct Scanned: Decodable {
        var objects: Int
        var refs: Int
        var reflogLines: Int
        var configEntries: Int
        var files: Int
        var binaryBlobs: Int
    }
    var ok: Bool
    var repository: String
    var identities: [String]
    var scanned: Scanned
    var findings: [Finding]
}

extension Sandbox {
    /// Plain git fed `input` on standard input, in the scrubbed environment of `git(…)`; its stdout, trimmed, requiring success.
    func gitOutput(_ arguments: String..., in directory: String, input: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let extra: [String: String?] = [
            "GIT_AUTHOR_NAME": "Someone", "GIT_AUTHOR_EMAIL": "someone@example.invalid",
            "GIT_COMMITTER_NAME": "Someone", "GIT_COMMITTER_EMAIL": "someone@example.invalid",
            "GIT_AUTHOR_DATE": "2027-01-05T10:00:00+00:00", "GIT_COMMITTER_DATE": "2027-01-05T10:00:00+00:00", "LC_ALL": "C",
        ]
        let run = try spawnWithInput(
            "/usr/bin/git", arguments, in: path(directory), environment: environment(user: "git", extra: extra), input: input)
        try #require(run.status == 0, "git \(arguments.joined(separator: " ")) failed:\n\(run)", sourceLocation: sourceLocation)
        return run.trimmed
    }
}

@Suite("audit-anonymity: nothing names a company, and what does is found")
struct AuditAnonymityTests {
    /// The company scenario's consultation, Alsace's proposals pushed, the agent fetched.
    static func alsaceProposed() throws -> Sandbox {
        let box = try Sandbox()
        try box.setUpMaintenance()
        try box.setUpCompanies()
        try box.companyOK(["clone", box.path("hub.git"), "alsace-c"], as: "alsace")
        try box.companyOK(
            [
                "propose", "niveaux-de-service", "--kind", "solution", "--cost", "down", "--estimate", "-5 %",
                "-m", "Un rétablissement sous 8 h ouvrées suffit pour les postes de travail.",
            ], as: "alsace", in: "alsace-c")
        try box.write("pieces.md", "Les pièces détachées sont neuves ou reconditionnées, garanties un an.\n")
        try box.companyOK(
            [
                "propose", "pieces-detachees", "--kind", "alternative", "--cost", "down", "--text-file", box.path("pieces.md"),
                "-m", "Les pièces reconditionnées coûtent moins cher.",
            ], as: "alsace", in: "alsace-c")
        try box.companyOK(["push"], as: "alsace", in: "alsace-c")
        try box.ok("fetch", in: "agent-c")
        try box.companyOK(["fetch"], as: "alsace", in: "alsace-c")
        return box
    }

    @Test("after the dialogue (proposals, answers, v2) the hub, the agent's clone and both companies' clones name neither company")
    func fullDialogueClean() throws {
        let world = try DialogueWorld.published()
        let box = world.box
        try world.companyOK(DialogueWorld.cuisine, "fetch")
        try world.companyOK(DialogueWorld.traiteur, "fetch")
        let identities = ["--identity", box.path("jsf-cuisine/identity.yml"), "--identity", box.path("jsf-traiteur/identity.yml")]
        for repository in [DialogueWorld.hub, DialogueWorld.agentDir, DialogueWorld.cuisineDir, DialogueWorld.traiteurDir] {
            let run = try box.jsf(["audit-anonymity", "--json"] + identities + [box.path(repository)], as: "agent")
            let report = try decode(AuditJSON.self, from: run)
            // «cuisine centrale» starts a company's trade name and is a word of school catering that the agent's CCTP
            // uses: as for jsf propose, a prefix the consultation writes itself is no finding.
            #expect(run.status == 0 && report.ok, "\(repository): \(report.findings.map { "\($0.location): \($0.message)" })")
            #expect(report.identities == ["Cuisine Centrale de Vilaine SAS", "Traiteur du Golfe SARL"])
            // It did read the dialogue: the proposals' commits, trees and blobs, the answers, the refs.
            #expect(report.scanned.objects > 60, "\(repository): \(report.scanned)")
            #expect(report.scanned.refs >= 4, "\(repository): \(report.scanned)")
        }
        // A company's own clone, audited as that company (its JSF_HOME), in text.
        let own = try world.company(DialogueWorld.cuisine, "audit-anonymity")
        #expect(own.status == 0 && own.stdout.isEmpty, "\(own)")
        #expect(
            own.stderr.contains("looking for the identity of \(box.path("jsf-cuisine/identity.yml")) (Cuisine Centrale de Vilaine SAS)"), "\(own)")
        let traiteur = try world.company(DialogueWorld.traiteur, "audit-anonymity")
        #expect(traiteur.status == 0, "\(traiteur)")
        #expect(traiteur.stderr.contains("jsf audit-anonymity: nothing names Traiteur du Golfe SARL in"), "\(traiteur)")
    }

    @Test("companies with their real git identity live: hub, agent's clone and the company's own clone are clean")
    func realGitIdentityClean() throws {
        let box = try Self.alsaceProposed()
        for repository in ["hub.git", "agent-c", "alsace-c"] {
            // As Alsace, whose global git configuration names Claire Weber-Kientz: that identity is looked for too.
            let run = try box.company(["audit-anonymity", "--json", box.path(repository)], as: "alsace")
            #expect(run.status == 0, "\(repository):\n\(run)")
            let report = try decode(AuditJSON.self, from: run)
            #expect(report.findings.isEmpty, "\(repository): \(report.findings.map { "\($0.location): \($0.message)" })")
            #expect(report.identities == ["Informatique Rhénane SAS", "Claire Weber-Kientz <cweber@informatique-rhenane.fr>"], "\(run)")
            #expect(
                run.stderr.contains(
                    "also looking for your git identity Claire Weber-Kientz <cweber@informatique-rhenane.fr> (global git configuration)"))
        }
    }

    @Test("a company in Europe/Paris: nothing in its clone names it, and no reflog line carries its offset")
    func localTimeReflogs() throws {
        let box = try Sandbox()
        try box.setUpMaintenance()
        try box.setUpCompanies()
        let paris: [String: String?] = ["TZ": "Europe/Paris"]
        for arguments in [
            ["clone", box.path("hub.git"), "alsace-c"],
            ["propose", "niveaux-de-service", "--kind", "solution", "--cost", "down", "-m", "Un rétablissement sous 8 h ouvrées."],
            ["push"], ["fetch"],
        ] {
            let run = try box.company(arguments, as: "alsace", in: arguments[0] == "clone" ? nil : "alsace-c", environment: paris)
            try #require(run.status == 0, "\(run)")
        }
        let run = try box.company(["audit-anonymity", "--json", box.path("alsace-c")], as: "alsace", environment: paris)
        let report = try decode(AuditJSON.self, from: run)
        // Whatever is found is a time zone on a reflog line, never a name, a number or an address.
        for finding in report.findings {
            #expect(finding.identity == nil && finding.kind == "reflog" && finding.field == "time", "\(finding)")
            #expect(finding.message == "time zone +0100 on a company's write (jsf writes them in UTC, +0000)", "\(finding)")
        }
        // libgit2 writes the clone's own reflog lines (clone, fetch) at the machine's local time and offset.
        // jsf writes the clone's own reflog lines in UTC too (branch hourly).
        #expect(report.ok, "\(report.findings.map(\.location))")
    }

    @Test("leaks planted with plain git are each found where they are: message, file, author, tag, branch, time zone")
    func plantedLeaks() throws {
        let box = try Self.alsaceProposed()
        try box.copy("alsace-c", to: "planted")
        let before = try decode(
            AuditJSON.self, from: box.jsf(["audit-anonymity", "--json", "--identity", box.path("jsf-alsace/identity.yml"), "planted"]))
        #expect(before.ok, "\(before.findings.map(\.location))")

        try box.gitOutput("checkout", "-q", "-b", "notes", in: "planted")
        // A file: the phone, written another way than in the identity.
        try box.write("planted/contact.md", "# Contact\n\nAppelez le 03.88.41.27.90 aux heures ouvrées.\n")
        try box.gitOutput("add", "contact.md", in: "planted")
        try box.gitOutput("commit", "-q", "-m", "Ajoute le contact", in: "planted")
        // A commit message: the SIRET with spaces.
        try box.gitOutput("commit", "-q", "--allow-empty", "-m", "Suivi du dossier\n\nSIRET 415 720 838 00127", in: "planted")
        let messageCommit = try box.gitOutput("rev-parse", "HEAD", in: "planted")
        // An author line: the person's name and address.
        try box.gitOutput(
            "commit", "-q", "--allow-empty", "--author", "Claire Weber <claire.weber@informatique-rhenane.fr>", "-m", "Relecture", in: "planted")
        let authorCommit = try box.gitOutput("rev-parse", "HEAD", in: "planted")
        // A tag naming the organisation.
        try box.gitOutput("tag", "-a", "relu", "-m", "Relu par Informatique Rhénane SAS", in: "planted")
        // A branch named after the company.
        try box.gitOutput("branch", "informatique-rhenane", "main", in: "planted")
        // The company's branch, one commit in its pseudonym's name but at +0100.
        try box.gitOutput("checkout", "-q", "proposals/BDKH3X4Q", in: "planted")
        try box.gitOutput(
            "commit", "-q", "--allow-empty", "--author", "BDKH3X4Q <bdkh3x4q@pseudonym.jsf.invalid>", "--date", "2027-01-05T10:00:00+01:00",
            "-m", "BDKH3X4Q: note", in: "planted")
        let offsetCommit = try box.gitOutput("rev-parse", "HEAD", in: "planted")

        let run = try box.jsf(["audit-anonymity", "--json", "--identity", box.path("jsf-alsace/identity.yml"), "planted"])
        #expect(run.status == 1, "\(run)")
        let report = try decode(AuditJSON.self, from: run)
        #expect(!report.ok)
        let found = report.findings
        func has(_ description: String, _ test: (AuditJSON.Finding) -> Bool) {
            let present = found.contains(where: test)
            #expect(present, "no \(description) in:\n\(found.map { "\($0.location): \($0.message)" }.joined(separator: "\n"))")
        }
        has("phone in contact.md line 3") {
            $0.kind == "blob" && $0.path == "contact.md" && $0.line == 3 && $0.ref == "refs/heads/notes" && $0.message.contains("phone")
        }
        has("SIRET in the message") {
            $0.kind == "commit" && $0.object == messageCommit && $0.field == "message" && $0.message.contains("SIRET 41572083800127")
        }
        has("name in the author line") {
            $0.kind == "commit" && $0.object == authorCommit && $0.field == "author" && $0.message.contains("your name")
        }
        has("email in the author line") {
            $0.kind == "commit" && $0.object == authorCommit && $0.field == "author" && $0.message.contains("claire.weber@informatique-rhenane.fr")
        }
        has("organisation in the tag") {
            $0.kind == "tag" && $0.ref == "refs/tags/relu" && $0.field == "message" && $0.message.contains("Informatique Rhénane SAS")
        }
        has("organisation in the branch name") { $0.kind == "ref" && $0.ref == "refs/heads/informatique-rhenane" }
        has("time zone of the company's commit") {
            $0.kind == "commit" && $0.object == offsetCommit && $0.field == "author" && $0.identity == nil && $0.message.contains("+0100")
        }
        for finding in found where finding.identity != nil { #expect(finding.identity == "Informatique Rhénane SAS", "\(finding)") }
        // The agent's commits carry the consultation's time zone by design: never reported.
        #expect(!found.contains { $0.message.contains("time zone") && $0.object != offsetCommit }, "\(found.map(\.location))")

        // The same in text, one line per finding with its place, in English and in French.
        let text = try box.jsf(["audit-anonymity", "--identity", box.path("jsf-alsace/identity.yml"), "planted"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("blob "), "\(text)")
        #expect(text.stdout.contains(" at notes:contact.md line 3: your phone number +33 3 88 41 27 90 [Informatique Rhénane SAS]"), "\(text)")
        #expect(text.stdout.contains("commit \(messageCommit.prefix(7)) (refs/heads/notes) message: your SIRET 41572083800127"), "\(text)")
        #expect(text.stdout.contains("ref refs/heads/informatique-rhenane: your name"), "\(text)")
        #expect(text.stdout.contains("commit \(offsetCommit.prefix(7)) (refs/heads/proposals/BDKH3X4Q) author: time zone +0100"), "\(text)")
        #expect(text.stderr.contains("jsf audit-anonymity: \(found.count) finding(s) in \(box.path("planted/.git"))"), "\(text)")
        box.language = "fr_FR.UTF-8"
        let french = try box.jsf(["audit-anonymity", "--identity", box.path("jsf-alsace/identity.yml"), "planted"])
        #expect(french.status == 1)
        #expect(french.stdout.contains(" à notes:contact.md ligne 3 : votre numéro de téléphone"), "\(french)")
        #expect(french.stdout.contains("(refs/heads/proposals/BDKH3X4Q) auteur : fuseau horaire +0100"), "\(french)")
        #expect(french.stderr.contains("jsf audit-anonymity : \(found.count) trouvaille(s) dans"), "\(french)")
    }

    @Test("a hub copy with a leak pushed by plain git, and a git identity given on the command line")
    func hubAndGitIdentity() throws {
        let box = try Self.alsaceProposed()
        // A bare copy of the hub, a leak added with plain git's plumbing (no hook runs).
        try box.copy("hub.git", to: "copy.git")
        let blob = try box.gitOutput("hash-object", "-w", "--stdin", in: "copy.git", input: "Relecture : C. W. Kientz, ck@kientz.example\n")
        let tree = try box.gitOutput("mktree", in: "copy.git", input: "100644 blob \(blob)\tnotes.md\n")
        let commit = try box.gitOutput("commit-tree", tree, "-m", "notes", in: "copy.git")
        try box.gitOutput("update-ref", "refs/heads/notes", commit, in: "copy.git")
        // Not found without that identity: it is a git identity, not the company's jsf identity.
        let without = try box.jsf(["audit-anonymity", "--identity", box.path("jsf-alsace/identity.yml"), box.path("copy.git")])
        #expect(without.status == 0, "\(without)")
        let with = try box.jsf(
            [
                "audit-anonymity", "--json", "--identity", box.path("jsf-alsace/identity.yml"), "--git-identity", "C. W. Kientz <ck@kientz.example>",
                box.path("copy.git"),
            ])
        #expect(with.status == 1, "\(with)")
        let report = try decode(AuditJSON.self, from: with)
        #expect(report.repository == box.path("copy.git"))
        #expect(
            report.findings.map { "\($0.kind) \($0.object ?? "") \($0.ref ?? "") \($0.path ?? "") \($0.line ?? 0) \($0.identity ?? "")" } == [
                "blob \(blob) refs/heads/notes notes.md 1 C. W. Kientz <ck@kientz.example>",
                "blob \(blob) refs/heads/notes notes.md 1 C. W. Kientz <ck@kientz.example>",
            ], "\(with)")
        #expect(Set(report.findings.map(\.message)) == ["your name 'C. W. Kientz'", "your email ck@kientz.example"], "\(with)")
    }

    @Test("refusals: no identity, an agent's identity, a bad git identity, a missing file, no repository")
    func refusals() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        // The agent has an identity, but not a company's.
        expectRefusal(try box.jsf("audit-anonymity", in: "c"), status: 1, ["is the identity of", "--identity FILE"])
        expectRefusal(
            try box.jsf("audit-anonymity", "--identity", box.path("jsf-agent/identity.yml"), in: "c"), status: 1,
            ["error: '\(box.path("jsf-agent/identity.yml"))' is the identity of"])
        // No identity at all.
        expectRefusal(
            try box.jsf("audit-anonymity", as: "nobody", in: "c"), status: 1,
            ["error: no identity to look for", "hint: give a company's identity file"])
        expectRefusal(
            try box.jsf("audit-anonymity", "--identity", "absent.yml", in: "c"), status: 1, ["error: --identity: cannot read 'absent.yml'"])
        try box.write("bad.yml", "format: 1\nrole: company\nname: X\nsiret: \"123\"\n")
        let bad = try box.jsf("audit-anonymity", "--identity", box.path("bad.yml"), in: "c")
        expectRefusal(bad, status: 1, ["is not a valid identity file", "is not a valid SIRET"])
        expectRefusal(
            try box.jsf("audit-anonymity", "--git-identity", "Claire <claire@x", in: "c"), status: 64,
            ["error: --git-identity: 'Claire <claire@x' is not a git identity"])
        // With a git identity only, the agent's own identity is left aside; a directory that is no repository: 128.
        try FileManager.default.createDirectory(atPath: box.path("empty"), withIntermediateDirectories: true)
        expectRefusal(
            try box.jsf("audit-anonymity", "--git-identity", "Claire Weber <claire@example.fr>", box.path("empty")), status: 128,
            ["error: cannot read a git repository at or above '\(box.path("empty"))'"])
        box.language = "fr_FR.UTF-8"
        expectRefusal(try box.jsf("audit-anonymity", as: "nobody", in: "c"), status: 1, ["erreur : aucune identité à rechercher"])
        let clean = try box.jsf("audit-anonymity", "--git-identity", "Claire Weber <claire@example.fr>", in: "c")
        #expect(clean.status == 0, "\(clean)")
        #expect(clean.stderr.contains("jsf audit-anonymity : rien ne nomme Claire Weber <claire@example.fr> dans"), "\(clean)")
    }
}
