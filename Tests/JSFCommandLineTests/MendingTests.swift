import Foundation
import JSFCommandLine
import Testing

/// Mistakes that can be mended: dry runs that write nothing, errata that keep history, integration with changes,
/// the date of the last fetch, a catalogue registered later, and what an approval leaves unresolved.
@Suite("Mending: dry runs, errata, integration with changes, last fetch, approval review")
struct MendingTests {
    struct Answers: Decodable {
        struct Group: Decodable { var proposals: [Item] }
        struct Item: Decodable {
            var id: String
            var status: String
            var state: String
            var answers: [Answer]
        }
        struct Answer: Decodable {
            var created: String
            var status: String
            var text: String
            var erratum: Bool
            var correctedOn: String?
            var withChanges: Bool
            var signedBy: String?
        }
        var lastFetch: String?
        var clauses: [Group]
        var proposals: [Item] { clauses.flatMap(\.proposals) }
    }

    /// Every ref with its target, in the clone and the hub, and the clone's working tree and git state files.
    func fingerprint(_ world: DialogueWorld) throws -> String {
        let box = world.box
        var print = try box.gitOutput("for-each-ref", "--format=%(refname) %(objectname)", in: DialogueWorld.agentDir)
        print += "\n" + (try box.gitOutput("for-each-ref", "--format=%(refname) %(objectname)", in: DialogueWorld.hub))
        print += "\n" + (try box.gitOutput("status", "--porcelain", "--untracked-files=all", in: DialogueWorld.agentDir))
        print += "\n" + (try box.gitOutput("ls-files", "--stage", in: DialogueWorld.agentDir))
        print += "\n" + (try box.read("\(DialogueWorld.agentDir)/cctp.md"))
        print += "\n" + ((try? box.read("\(DialogueWorld.agentDir)/.git/jsf/integrates")) ?? "")
        return print
    }

    @Test("comment --dry-run prints the file a comment then writes, and writes nothing")
    func commentDryRun() throws {
        let world = try DialogueWorld.answered()
        let before = try fingerprint(world)
        let dry = try world.agentOK("comment", world.a(1), "--status", "accepted", "--signed-by", "Marie Dupont", "-m", "Bonne idée.", "--dry-run")
        #expect(try fingerprint(world) == before, "a dry run writes nothing")
        #expect(dry.stderr.contains("Dry run: would commit responses/\(world.a(1)).md on branch dialogue (\(world.a(1)): accepted)"), "\(dry)")
        #expect(
            dry.stderr.contains("Would push to \(world.box.path(DialogueWorld.hub)): refs/heads/main refs/tags/v1 refs/heads/dialogue."), "\(dry)")
        try world.agentOK("comment", world.a(1), "--status", "accepted", "--signed-by", "Marie Dupont", "-m", "Bonne idée.")
        let written = try world.box.gitOutput("show", "dialogue:responses/\(world.a(1)).md", in: DialogueWorld.hub)
        #expect(dry.stdout == written + "\n", "the dry run printed exactly the file written")
        #expect(written.contains("— accepted {signed-by=\"Marie Dupont\"}"), "\(written)")
    }

    @Test("comment --erratum corrects an answer: both in the file, in git log and in show, dated; refused with nothing to correct")
    func erratum() throws {
        let world = try DialogueWorld.answered()
        let b2 = world.b(2)
        world.box.now = "2027-01-07T08:00:00+01:00"
        let run = try world.agentOK("comment", b2, "--erratum", "-m", "Oui, la reconduction est tacite, une fois au plus.")
        #expect(run.stderr.contains("Corrected the answer to \(b2): answered; the previous answer stays in the thread (2 message(s))."), "\(run)")
        let file = try world.box.gitOutput("show", "dialogue:responses/\(b2).md", in: DialogueWorld.hub)
        #expect(file.contains("## 2027-01-06T09:00:00+00:00 — answered\n\nOui, la reconduction est tacite, deux fois au plus."), "\(file)")
        #expect(file.contains("## 2027-01-07T07:00:00+00:00 — answered {.erratum}\n\nOui, la reconduction est tacite, une fois au plus."), "\(file)")
        // Both versions in the history of the dialogue branch.
        let log = try world.box.gitOutput("log", "--format=%s", "dialogue", "--", "responses/\(b2).md", in: DialogueWorld.hub).lines
        #expect(log == ["\(b2): answered (erratum)", "\(b2): answered"], "\(log)")
        let first = try world.box.gitOutput("show", "dialogue~1:responses/\(b2).md", in: DialogueWorld.hub)
        #expect(!first.contains("une fois au plus"))

        // The company sees the correction after its fetch, verified.
        try world.companyOK(DialogueWorld.traiteur, "fetch")
        let page = try world.companyOK(DialogueWorld.traiteur, "show", b2).stdout
        #expect(page.contains("6 January 2027, 10:00 (Europe/Paris) — answered  [corrected on 7 January 2027, 08:00 (Europe/Paris)]"), "\(page)")
        #expect(
            page.contains("7 January 2027, 08:00 (Europe/Paris) — answered — erratum of the answer of 6 January 2027, 10:00 (Europe/Paris)"),
            "\(page)")
        let inbox = try decode(Answers.self, from: world.companyOK(DialogueWorld.traiteur, "inbox", "--json"))
        let answers = try #require(inbox.proposals.first { $0.id == b2 }?.answers)
        #expect(answers.map(\.erratum) == [false, true])
        #expect(answers.map(\.correctedOn) == ["2027-01-07T07:00:00+00:00", nil])
        let human = try world.companyOK(DialogueWorld.traiteur, "inbox").stdout
        #expect(human.contains("[answer corrected on 7 January 2027, 08:00 (Europe/Paris)]"), "\(human)")
        // jsf verify on the hub accepts the file.
        #expect(try world.box.jsf(["verify"], in: DialogueWorld.hub).status == 0)

        // The report annexed to the tender file shows both answers, dated: the thread and the register.
        let report = try world.agentOK("report", "--lang", "en").stdout
        #expect(report.contains("*answered* — corrected on "), "\(report)")
        #expect(report.contains("*answered* — erratum to the answer of "), "\(report)")
        #expect(report.contains("Erratum to the answer of "), "\(report)")
        #expect(report.contains("deux fois au plus") && report.contains("une fois au plus"), "\(report)")

        // Nothing to correct on a proposal never answered.
        let never = try world.agent("comment", world.a(1), "--erratum", "-m", "Correction.")
        expectRefusal(
            never, status: 1,
            ["error: \(world.a(1)) has no answer yet: there is nothing to correct", "hint: answer it first: jsf comment \(world.a(1)) -m"])
        #expect(try world.box.git("cat-file", "-e", "dialogue:responses/\(world.a(1)).md", in: DialogueWorld.agentDir).status != 0)
    }

    @Test("an alternative applied then adjusted by hand, and one named by --integrates, are integrated with changes")
    func integratedWithChanges() throws {
        let world = try DialogueWorld.answered()
        let (a4, b6, b3) = (world.a(4), world.b(6), world.b(3))
        world.box.now = "2027-01-07T09:00:00+01:00"
        try world.agentOK("comment", a4, "--status", "partially-accepted", "-m", "Une analyse, mais plus souvent.")
        try world.agentOK("comment", b6, "--status", "partially-accepted", "-m", "Des sondes, sans connexion.")
        try world.agentOK("revise", "--apply", a4)
        // The agent adjusts the applied text, and writes b6's idea by hand.
        try world.box.edit("\(DialogueWorld.agentDir)/cctp.md", replacing: "chaque trimestre", with: "chaque bimestre")
        try world.box.edit(
            "\(DialogueWorld.agentDir)/cctp.md", replacing: "Le transport est réalisé",
            with: "Des sondes enregistrent la température. Le transport est réalisé")

        expectRefusal(
            try world.agent("publish", "--until", "2027-01-25", "--integrates", b3), status: 1,
            ["error: --integrates \(b3): it is not accepted (status: rejected)", "hint: record the decision first"])
        let before = try fingerprint(world)
        let dry = try world.agentOK("publish", "--until", "2027-01-25", "--integrates", b6, "--dry-run")
        #expect(try fingerprint(world) == before, "a dry run writes nothing")
        #expect(dry.stdout.contains("tag v2 on a new commit of main, message:\n    Version 2\n"), "\(dry)")
        #expect(dry.stdout.contains("    Integrates: \(a4) \(b6)\n    Integrates-With-Changes: \(a4) \(b6)\n"), "\(dry)")
        #expect(dry.stdout.contains("    modified: cctp.md\n") && dry.stdout.contains("    modified: consultation.yml\n"), "\(dry)")
        #expect(
            dry.stdout.contains("push to \(world.box.path(DialogueWorld.hub)): refs/heads/main refs/tags/v1 refs/heads/dialogue refs/tags/v2\n"),
            "\(dry)")

        let run = try world.agentOK("publish", "--until", "2027-01-25", "--integrates", b6)
        #expect(run.trimmed == "v2")
        let message = try world.box.gitOutput("log", "-1", "--format=%B", "v2", in: DialogueWorld.hub)
        let indented = message.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        #expect(dry.stdout.contains(indented + "\n"), "the dry run showed the tag's message: \(message)")
        let file = try world.box.gitOutput("show", "dialogue:responses/\(a4).md", in: DialogueWorld.hub)
        #expect(file.contains("status: integrated\nversion: 2\nwith_changes: true\n"), "\(file)")
        #expect(file.contains("— integrated v2 {.with-changes}"), "\(file)")

        // The company is told it is integrated with changes, not that it is outdated.
        try world.companyOK(DialogueWorld.cuisine, "fetch")
        let status = try world.companyOK(DialogueWorld.cuisine, "status").stdout
        let line = try #require(status.lines.first { $0.hasPrefix("  \(a4)") }, "\(status)")
        #expect(line.hasSuffix("  analyses  v1  integrated (with changes) in v2"), "\(line)")
        let page = try world.companyOK(DialogueWorld.cuisine, "show", a4).stdout
        #expect(
            page.contains("integrated (with changes) in v2") && page.contains("\n  state    resolved\n") || page.contains("\nstate    resolved\n"),
            "\(page)")
        let inbox = try decode(Answers.self, from: world.companyOK(DialogueWorld.cuisine, "inbox", "--json"))
        let item = try #require(inbox.proposals.first { $0.id == b6 })
        #expect(item.status == "integrated" && item.state == "resolved")
        let report = try world.agentOK("report", "--lang", "fr").stdout
        #expect(report.contains("*intégrée* (v2), avec des modifications"), "\(report)")
        #expect(try world.box.jsf(["verify"], in: DialogueWorld.hub).status == 0)
    }

    @Test("inbox and status say when the clone last fetched, and hint 'jsf fetch' when never or long ago")
    func lastFetch() throws {
        let world = try DialogueWorld.cloned()
        // The agent never fetched: no proposal, and a hint.
        let never = try world.agentOK("inbox")
        #expect(
            never.stderr.contains("No proposal yet.\nNever fetched from the hub.\nhint: this clone has never fetched from the hub: 'jsf fetch'"),
            "\(never)")
        #expect(try world.agentOK("status").stdout.contains("fetched: never\n"))
        // A company's clone is its first fetch; two days later the hub may hold more.
        let fresh = try world.companyOK(DialogueWorld.cuisine, "inbox")
        #expect(fresh.stderr.contains("Last fetched from the hub just now.") && !fresh.stderr.contains("hint:"), "\(fresh)")
        world.box.now = "2027-01-06T12:00:00+01:00"
        let old = try world.companyOK(DialogueWorld.cuisine, "status")
        #expect(old.stdout.contains("fetched: 2 days ago (4 January 2027, 09:00 (Europe/Paris))\n"), "\(old)")
        #expect(old.stderr.contains("hint: the hub may hold more since then: run 'jsf fetch'"), "\(old)")
        let french = try world.box.jsf(["inbox"], as: DialogueWorld.cuisine, in: DialogueWorld.cuisineDir, environment: ["LANG": "fr_FR.UTF-8"])
        #expect(french.stderr.contains("Dernière récupération depuis le hub il y a 2 jours."), "\(french)")
        try world.agentOK("fetch")
        let fetched = try world.agentOK("inbox")
        #expect(fetched.stderr.contains("Last fetched from the hub just now.") && !fetched.stderr.contains("hint:"), "\(fetched)")
        let json = try decode(Answers.self, from: world.agentOK("inbox", "--json"))
        #expect(json.lastFetch == "2027-01-06T11:00:00+00:00")
        // Recorded in .git only, never in the work tree.
        #expect(try world.box.gitOutput("status", "--porcelain", "--untracked-files=all", in: DialogueWorld.agentDir) == "")
    }

    @Test("approve lists what stays unresolved on stderr, and on a terminal asks before approving")
    func approveReview() throws {
        let world = try DialogueWorld.published()
        let box = world.box
        try box.setUpBuyer(agentDir: DialogueWorld.agentDir)
        box.now = "2027-01-26T09:00:00+01:00"
        try box.ok("clone", "hub.git", "b", as: "buyer")
        // b7 (a clarification) blocks until answered.
        try world.agentOK("comment", world.b(7), "-m", "Oui, dès 7 h.")
        try box.ok("fetch", as: "buyer", in: "b")

        // On a terminal, "n" approves nothing.
        var environment = box.environment(user: "buyer")
        environment["PWD"] = box.path("b")
        let streams = BufferStreams(input: Data("n\n".utf8), terminals: [.input])
        let status = JSF.main(
            ["approve", "-m", "Texte conforme."],
            invocation: Invocation(environment: environment, directory: box.path("b"), streams: streams, executable: try jsfBinary.get()))
        #expect(status == 1, "\(streams.error)")
        #expect(
            streams.error.contains("Approving v2 leaves unresolved:\n  - outdated (their clause changed since, no company re-examined them): "),
            "\(streams.error)")
        let lines = streams.error.lines
        #expect(lines.contains { $0.hasPrefix("  - outdated") && $0.contains(world.a(4)) }, "\(streams.error)")
        #expect(lines.contains { $0.hasPrefix("  - orphaned (their clause was removed): ") && $0.contains(world.a(5)) }, "\(streams.error)")
        #expect(lines.contains { $0.hasPrefix("  - without an answer: ") && $0.contains(world.a(1)) }, "\(streams.error)")
        #expect(streams.error.contains("Approve v2 all the same? [y/N]") && streams.error.contains("error: nothing approved"), "\(streams.error)")
        #expect(try box.git("rev-parse", "--verify", "-q", "refs/tags/final", in: "b").status != 0)

        // Not on a terminal (or with --yes): the list, then the approval.
        let approved = try box.ok("approve", "-m", "Texte conforme.", as: "buyer", in: "b")
        #expect(approved.stdout == "final\n")
        #expect(approved.stderr.contains("Approving v2 leaves unresolved:") && !approved.stderr.contains("[y/N]"), "\(approved)")
    }
}
