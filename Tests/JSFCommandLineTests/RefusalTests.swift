import Foundation
import Testing

/// These run the built binary (`Sandbox(spawning: true)`): the exit status is the one the operating system reports.
@Suite("refusals: message, hint and exit status")
struct RefusalTests {
    @Test("publish refuses when nothing changed since the last draft")
    func publishNothingChanged() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpPublished()
        let run = try box.jsf("publish", in: "c")
        expectRefusal(
            run, status: 1,
            [
                "error: nothing changed since v1: there is no new draft to publish",
                "hint: edit cctp.md, then run 'jsf publish'",
            ])
        #expect(run.stdout.isEmpty)
        #expect(try box.gitOutput("tag", in: "c") == "v1")
        // A round date alone is no change either.
        expectRefusal(try box.jsf("publish", "--until", "2027-02-01", in: "c"), status: 1, ["nothing changed since v1"])
    }

    @Test("publish --until in the past is refused (1); garbage is a usage error (64)")
    func publishUntil() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation()
        let past = try box.jsf("publish", "--until", "2027-01-02", in: "c")
        expectRefusal(
            past, status: 1,
            [
                "error: the round would close on 2 January 2027, 23:59 (Europe/Paris), which is not after now: 4 January 2027, 09:00 (Europe/Paris)",
                "hint: give a later date: --until 2027-01-15 (the end of that day) or 2027-01-15T17:00",
            ])
        let now = try box.jsf("publish", "--until", "2027-01-04T09:00:00+01:00", in: "c")
        expectRefusal(now, status: 1, ["which is not after now"])
        for garbage in ["garbage", "2027-02-30", "15/01/2027"] {
            let run = try box.jsf("publish", "--until", garbage, in: "c")
            expectRefusal(
                run, status: 64, ["error: --until '\(garbage)' is not a date: write 2027-01-15, 2027-01-15T17:00 or 2027-01-15T17:00:00+01:00"])
        }
        // Nothing was published by any of them.
        #expect(try box.gitOutput("tag", in: "c") == "")
        #expect(try box.gitOutput("rev-list", "--count", "main", in: "c") == "1")
    }

    @Test("publish refuses off branch main; push refuses without a hub")
    func publishOffMain() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation()
        #expect(try box.git("switch", "-q", "-c", "brouillon", in: "c").status == 0)
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")
        let run = try box.jsf("publish", in: "c")
        expectRefusal(run, status: 1, ["error: drafts are published from branch main, and HEAD is on ", "hint: run 'git switch main' first"])
        #expect(run.stderr.contains("HEAD is on brouillon\n"), "\(run)")
        #expect(try box.gitOutput("tag", in: "c") == "")
        #expect(try box.git("switch", "-q", "main", in: "c").status == 0)
        expectRefusal(
            try box.jsf("push", in: "c"), status: 1,
            [
                "error: this consultation has no hub (no remote 'origin')",
                "hint: add one with 'git remote add origin URL'",
            ])
    }

    @Test("init refuses a bad id, CPV, division or territory, and writes nothing")
    func initBadInput() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpAgent()
        func initRun(_ extra: [String], id: String = "good-id") throws -> Run {
            try box.jsf(["init", "x", "--id", id, "--title", "T", "--buyer", "B"] + extra)
        }
        expectRefusal(
            try initRun(["--cpv", "50312000-5"], id: "Bad_Id"), status: 1,
            ["error: 'Bad_Id' is not a valid consultation id", "hint: for example --id maintenance-informatique-2027"])
        expectRefusal(
            try initRun(["--cpv", "5031200"]), status: 1,
            ["error: '5031200' is not a CPV code: expected 8 digits", "hint: "])
        expectRefusal(
            try initRun(["--cpv", "04000000"]), status: 1,
            ["error: '04000000' is not a CPV code: division 04 does not exist"])
        expectRefusal(
            try initRun(["--cpv", "50312000-5", "--territory", "20"]), status: 1,
            [
                "error: '20' is not a département code: Corsica is 2A (Corse-du-Sud) or 2B (Haute-Corse)",
                "hint: départements are INSEE codes (67, 2A, 971); régions take a prefix (region:44)",
            ])
        expectRefusal(
            try initRun(["--cpv", "50312000-5", "--territory", "region:99"]), status: 1,
            ["error: 'region:99' is not an INSEE région code"])
        expectRefusal(try initRun([]), status: 64, ["error: at least one --cpv code is needed"])
        #expect(!box.exists("x"))

        // French, too.
        box.language = "fr_FR.UTF-8"
        expectRefusal(
            try initRun(["--cpv", "50312000-5"], id: "Bad_Id"), status: 1,
            ["erreur : 'Bad_Id' n'est pas un identifiant de consultation valide", "astuce : "])
        #expect(!box.exists("x"))
    }

    @Test("init refuses an existing git repository and a --from with duplicate ids; nothing half-written")
    func initNothingHalfWritten() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation("c")
        let again = try box.jsf("init", "c", "--id", "other-id", "--title", "T", "--buyer", "B", "--cpv", "50312000-5")
        expectRefusal(
            again, status: 1,
            [
                "error: '\(box.path("c"))' is already a git repository",
                "hint: choose another directory: 'jsf init DIR --id …'",
            ])

        try box.write("dup.md", "# Article 1 — Objet {#objet}\n\nTexte.\n\n# Article 2 — Objet bis {#objet}\n\nAutre texte.\n")
        let dup = try box.jsf(
            "init", "d", "--id", "dup-test", "--title", "T", "--buyer", "B", "--cpv", "50312000-5",
            "--from", "dup.md", "--hub", "dup-hub.git")
        expectRefusal(
            dup, status: 1,
            [
                "error: the CCTP has problems to fix first", ":5: error: duplicate id 'objet'",
                "hint: edit the document and run 'jsf init' again",
            ])
        #expect(!box.exists("d"), "the target directory was created")
        #expect(!box.exists("dup-hub.git"), "the hub was created")

        // An existing empty directory stays as it was.
        try FileManager.default.createDirectory(atPath: box.path("e"), withIntermediateDirectories: true)
        let dupInto = try box.jsf(
            "init", "e", "--id", "dup-test", "--title", "T", "--buyer", "B", "--cpv", "50312000-5",
            "--from", "dup.md")
        #expect(dupInto.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.path("e")).isEmpty)

        // Existing files are never overwritten.
        try box.write("g/cctp.md", "# Mon brouillon\n")
        expectRefusal(
            try box.jsf("init", "g", "--id", "keep-test", "--title", "T", "--buyer", "B", "--cpv", "50312000-5"),
            status: 1, ["'\(box.path("g"))/cctp.md' already exists; jsf will not overwrite it"])
        #expect(try box.read("g/cctp.md") == "# Mon brouillon\n")
        #expect(!box.exists("g/.git") && !box.exists("g/consultation.yml"))

        // A hub that exists and is not a bare repository.
        try box.write("notahub/file", "x")
        expectRefusal(
            try box.jsf(
                "init", "h", "--id", "hub-test", "--title", "T", "--buyer", "B", "--cpv", "50312000-5",
                "--hub", "notahub"),
            status: 1, ["'\(box.path("notahub"))' exists and is not a bare git repository"])
        #expect(!box.exists("h"))

        // A broken office document is refused with pandoc's reason, and nothing is created.
        try box.write("cctp.docx", "PK")
        expectRefusal(
            try box.jsf(
                "init", "f", "--id", "docx-test", "--title", "T", "--buyer", "B", "--cpv", "50312000-5",
                "--from", "cctp.docx"),
            status: 1, ["error: pandoc could not read 'cctp.docx' as docx", "Caused by: "])
        #expect(!box.exists("f"))
    }

    @Test("the problem lines of a refused --from name the file given, not cctp.md")
    func initProblemsNameTheSource() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpAgent()
        try box.write("dup.md", "# A {#a}\n\nx\n\n# B {#a}\n\ny\n")
        let run = try box.jsf("init", "d", "--id", "dup-test", "--title", "T", "--buyer", "B", "--cpv", "50312000-5", "--from", "dup.md")
        #expect(run.status == 1)
        #expect(run.stderr.contains("dup.md:5: error: duplicate id 'a'"), "\(run)")
    }

    @Test("commands that need an identity refuse without one and name 'jsf identity init'")
    func noIdentity() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation()
        for arguments in [["publish"], ["push"], ["identity", "show"]] {
            let run = try box.jsf(arguments, as: "nobody", in: "c")
            expectRefusal(
                run, status: 1,
                [
                    "error: no identity yet",
                    "hint: create one with 'jsf identity init --role agent|company|buyer --name …'",
                ])
        }
        let initRun = try box.jsf("init", "x", "--id", "good-id", "--title", "T", "--buyer", "B", "--cpv", "50312000-5", as: "nobody")
        expectRefusal(initRun, status: 1, ["no identity yet", "jsf identity init"])
        #expect(!box.exists("x"))
        // Reading needs no identity; status says there is none.
        let status = try box.jsf("status", as: "nobody", in: "c")
        #expect(status.status == 0)
        #expect(status.stdout.contains("you:     no identity (jsf identity init)\n"))
        box.language = "fr_FR.UTF-8"
        expectRefusal(
            try box.jsf("publish", as: "nobody", in: "c"), status: 1,
            ["erreur : aucune identité pour l'instant", "astuce : créez-en une avec 'jsf identity init"])
    }

    @Test("a company cannot publish or init")
    func companyCannotPublish() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation()
        try box.setUpCompany()
        let run = try box.jsf("publish", as: "company", in: "c")
        expectRefusal(
            run, status: 1,
            [
                "error: this command is for the agent role; your identity is company",
                "hint: use another JSF_HOME for another role",
            ])
        let initRun = try box.jsf("init", "x", "--id", "good-id", "--title", "T", "--buyer", "B", "--cpv", "50312000-5", as: "company")
        expectRefusal(initRun, status: 1, ["this command is for the agent role"])
        #expect(!box.exists("x"))
    }

    @Test("identity init twice needs --force; a bad SIRET is refused")
    func identityRefusals() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpAgent()
        let twice = try box.jsf("identity", "init", "--role", "agent", "--name", "Paul", "--organisation", "Mairie")
        expectRefusal(
            twice, status: 1,
            [
                "error: an identity already exists in '\(box.path("jsf-agent"))'",
                "hint: 'jsf identity show' displays it; add --force to replace it",
            ])
        #expect(try box.read("jsf-agent/identity.yml").contains("Marie Dupont"))

        let checksum = try box.jsf("identity", "init", "--role", "company", "--name", "X", "--siret", "12345678901234", as: "co")
        expectRefusal(
            checksum, status: 1,
            [
                "error: '12345678901234' is not a valid SIRET: its check digit is wrong (Luhn)",
                "hint: a SIRET is the 9-digit SIREN followed by the 5-digit NIC",
            ])
        let short = try box.jsf("identity", "init", "--role", "company", "--name", "X", "--siret", "1234", as: "co")
        expectRefusal(short, status: 1, ["'1234' is not a SIRET"])
        #expect(!box.exists("jsf-co/identity.yml"))
        box.language = "fr_FR.UTF-8"
        expectRefusal(
            try box.jsf("identity", "init", "--role", "company", "--name", "X", "--siret", "12345678901234", as: "co"),
            status: 1, ["erreur : '12345678901234' n'est pas un SIRET valide : sa clé de contrôle est fausse (Luhn)"])
    }

    @Test("an agent or buyer identity needs an organisation, with a correct article")
    func organisationRequired() throws {
        let box = try Sandbox(spawning: true)
        let agent = try box.jsf("identity", "init", "--role", "agent", "--name", "Marie")
        expectRefusal(agent, status: 1, ["error: an agent identity needs --organisation"])
        let buyer = try box.jsf("identity", "init", "--role", "buyer", "--name", "Paul", as: "buyer")
        #expect(buyer.status == 1)
        #expect(buyer.stderr.contains("error: a buyer identity needs --organisation"), "\(buyer)")
    }

    @Test("usage errors exit 64: unknown option, -C to a missing directory")
    func usage() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation()
        let unknown = try box.jsf("status", "--bogus", in: "c")
        #expect(unknown.status == 64, "\(unknown)")
        #expect(unknown.stderr.contains("Unknown option '--bogus'"))
        #expect(unknown.stderr.contains("Usage: jsf status"))
        let subcommand = try box.jsf("frobnicate", in: "c")
        #expect(subcommand.status == 64, "\(subcommand)")

        for arguments in [["-C", "missing", "status"], ["status", "-C", "missing"]] {
            let run = try box.jsf(arguments)
            expectRefusal(run, status: 64, ["error: cannot change to 'missing': no such directory"])
        }
        box.language = "fr_FR.UTF-8"
        expectRefusal(try box.jsf("-C", "missing", "status"), status: 64, ["erreur : impossible d'aller dans 'missing' : dossier inexistant"])
    }

    @Test("a bare repository or no repository at all is refused")
    func notAConsultation() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation(hub: "hub.git")
        let bare = try box.jsf("status", in: "hub.git")
        expectRefusal(bare, status: 1, ["is a bare repository (a hub): jsf works in a clone"])
        expectRefusal(try box.jsf("-C", "hub.git", "log"), status: 1, ["bare repository"])

        try FileManager.default.createDirectory(atPath: box.path("elsewhere"), withIntermediateDirectories: true)
        let outside = try box.jsf("status", in: "elsewhere")
        expectRefusal(
            outside, status: 1,
            [
                "error: not a consultation: no git repository at or above '\(box.path("elsewhere"))'",
                "hint: create one with 'jsf init --id …'",
            ])
        for command in [["check"], ["log"], ["clauses"], ["show"], ["publish"]] {
            #expect(try box.jsf(command, in: "elsewhere").status == 1, "\(command)")
        }

        // A git repository that is not a consultation.
        #expect(try box.git("init", "-q", "plain").status == 0)
        expectRefusal(try box.jsf("status", in: "plain"), status: 1, ["is a git repository but not a consultation (no consultation.yml)"])
    }

    @Test("--version names a draft that exists; unknown clauses list the closest clauses")
    func unknownVersionAndClause() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpPublished()
        for command in [["clauses", "--version", "v9"], ["show", "--version", "v9"], ["show", "duree", "--version", "v9"]] {
            expectRefusal(try box.jsf(command, in: "c"), status: 1, ["error: no draft 'v9' (drafts: v1)", "hint: 'jsf log' lists the drafts"])
        }
        let show = try box.jsf("show", "dureee", in: "c")
        expectRefusal(
            show, status: 1, ["error: no clause 'dureee' in HEAD", "hint: closest clauses: 1.2 Durée (duree), ", "'jsf clauses' lists them all"])
        #expect(show.stdout.isEmpty)
        let old = try box.jsf("show", "nope", "--version", "v1", in: "c")
        expectRefusal(old, status: 1, ["no clause 'nope' in v1"])
        box.language = "fr_FR.UTF-8"
        expectRefusal(
            try box.jsf("show", "dureee", in: "c"), status: 1,
            ["erreur : pas de clause 'dureee' dans HEAD", "astuce : clauses les plus proches : 1.2 Durée (duree)", "'jsf clauses' les liste toutes"])

        // Before any draft.
        let fresh = try Sandbox()
        try fresh.setUpConsultation()
        expectRefusal(try fresh.jsf("clauses", "--version", "v1", in: "c"), status: 1, ["no draft 'v1' (nothing published yet)"])
    }

    @Test("a failed push leaves the draft published locally: exit 128 and a hint to run 'jsf push'")
    func pushFails() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation()
        #expect(try box.git("remote", "add", "origin", box.path("missing-hub.git"), in: "c").status == 0)
        let run = try box.jsf("publish", in: "c")
        #expect(run.status == 128, "\(run)")
        #expect(run.stdout == "v1\n")
        #expect(run.stderr.contains("Published v1: "))
        #expect(run.stderr.contains("error: v1 is published locally but could not be pushed to \(box.path("missing-hub.git"))"))
        #expect(run.stderr.contains("Caused by: "))
        #expect(run.stderr.contains("hint: run 'jsf push' when the hub is reachable"))
        #expect(try box.gitOutput("cat-file", "-t", "v1", in: "c") == "tag")
        #expect(try box.gitOutput("status", "--porcelain", in: "c") == "")
        #expect(!box.exists("missing-hub.git"))

        // jsf push fails the same way until the hub exists, then pushes main and v1.
        expectRefusal(
            try box.jsf("push", in: "c"), status: 128,
            [
                "error: the hub '\(box.path("missing-hub.git"))' does not exist",
                "hint: fix it with 'git remote set-url origin PATH', then run 'jsf push'",
            ])
        #expect(try box.git("init", "-q", "--bare", "missing-hub.git").status == 0)
        let push = try box.jsf("push", in: "c")
        #expect(push.status == 0, "\(push)")
        #expect(push.stdout.lines == ["refs/heads/main", "refs/tags/v1"])
        #expect(push.stderr.contains("Pushed 2 ref(s) to origin."))
        #expect(try box.gitOutput("rev-parse", "v1", in: "missing-hub.git") == (try box.gitOutput("rev-parse", "v1", in: "c")))
    }

    @Test("the cause of a push to a missing local path says what is wrong")
    func pushCauseWording() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpConsultation()
        #expect(try box.git("remote", "add", "origin", box.path("missing-hub.git"), in: "c").status == 0)
        let run = try box.jsf("publish", in: "c")
        #expect(run.status == 128)
        #expect(!run.stderr.contains("unsupported URL protocol"), "\(run)")
    }
}
