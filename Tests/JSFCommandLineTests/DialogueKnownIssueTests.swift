import Foundation
import Testing

/// Bugs and rough edges of the agent's side of the dialogue, each shown by the commands that reveal it.
@Suite("Dialogue: known issues")
struct DialogueKnownIssueTests {
    @Test("a follow-up comment on an integrated proposal keeps its integration and counts as an answer")
    func commentAfterIntegration() throws {
        let world = try DialogueWorld.published()
        let a3 = world.a(3)
        world.box.now = "2027-01-09T10:00:00+01:00"
        let run = try world.agentOK("comment", a3, "-m", "Merci encore pour cette proposition.")
        let file = try world.box.gitOutput("show", "dialogue:responses/\(a3).md", in: DialogueWorld.hub)
        #expect(!run.stderr.contains(": integrated ("), "\(run)")
        #expect(file.contains("\nversion: 2\n"), "\(file)")
        // The next draft does not list it among its answers, since the new entry's status is 'integrated'.
        try world.box.edit("\(DialogueWorld.agentDir)/cctp.md", replacing: "une semaine du goût", with: "la semaine du goût")
        world.box.now = "2027-01-10T10:00:00+01:00"
        try world.agentOK("publish", "--until", "2027-01-30")
        let tag = try world.box.tagMessage("v3", in: DialogueWorld.agentDir)
        #expect(tag.contains("Answers: \(a3)"), "\(tag)")
    }

    @Test("publish integrates only what the draft contains: revise --apply then the edit undone")
    func integrationUndone() throws {
        let world = try DialogueWorld.answered()
        let cctp = "\(DialogueWorld.agentDir)/cctp.md"
        world.box.now = "2027-01-07T10:00:00+01:00"
        try world.agentOK("revise", "--apply", world.a(3))
        // The agent changes its mind and restores the text, then edits another clause.
        try world.box.gitOutput("checkout", "--", "cctp.md", in: DialogueWorld.agentDir)
        try world.box.edit(cctp, replacing: "entre 7 h 30 et 9 h 30", with: "entre 7 h et 9 h")
        world.box.now = "2027-01-08T10:00:00+01:00"
        let published = try world.agent("publish", "--until", "2027-01-25")
        let tag = try world.box.tagMessage("v2", in: DialogueWorld.agentDir)
        #expect(!tag.contains("contenants"), "contenants did not change:\n\(tag)")
        #expect(published.status != 0 || !tag.contains("Integrates: \(world.a(3))"), "\(tag)")
    }

    @Test("a company that has not fetched v2 cannot react to v1 any more: the hub refuses the late proposal")
    func staleCloneProposesOnOldDraft() throws {
        let world = try DialogueWorld.published()
        // The traiteur has not fetched since v2 (whose publication closed v1's round at 2027-01-08T09:00Z).
        world.box.now = "2027-01-09T10:00:00+01:00"
        let proposed = try world.company(
            DialogueWorld.traiteur, "propose", "analyses", "--kind", "solution", "--cost", "neutral",
            "-m", "Une analyse par mois nous convient.")
        let pushed = try world.company(DialogueWorld.traiteur, "push")
        try world.agentOK("fetch")
        let late = try world.inbox().proposals.filter { $0.created > "2027-01-08T09:00:00+00:00" && $0.version == 1 }
        // The clone's last fetch let propose through; the hub's rules (by its clock) refuse it, and the agent never gets it.
        #expect(proposed.status == 0, "\(proposed)")
        #expect(pushed.status != 0, "\(pushed)")
        #expect(pushed.stderr.contains("(rule: late)"), "\(pushed)")
        #expect(late.isEmpty, "\(late.map(\.id))")
    }

    @Test("rough edges: unchecked filter values and clause ids, --version swallowed by propose")
    func roughEdges() throws {
        let world = try DialogueWorld.proposed()
        let status = try world.agent("inbox", "--status", "acepted")
        #expect(status.status == 64, "\(status)")
        let clause = try world.agent("diff", "v1", "--clause", "livrasion")
        #expect(clause.status == 1 && clause.stderr.contains("livraison"), "\(clause)")
        world.box.now = "2027-01-05T11:00:00+01:00"
        let before = try world.box.gitOutput("rev-parse", "proposals/\(world.pa)", in: DialogueWorld.cuisineDir)
        let version = try world.company(
            DialogueWorld.cuisine, "propose", "livraison", "--version", "1", "--kind", "solution", "--cost", "up", "-m", "Sur la v1.")
        #expect(try world.box.gitOutput("rev-parse", "proposals/\(world.pa)", in: DialogueWorld.cuisineDir) == before, "nothing recorded")
        #expect(version.status != 0, "\(version)")
    }

    @Test("the last fetch is dated by JSF_NOW like everything else")
    func lastFetchDate() throws {
        let world = try DialogueWorld.answered()
        // The companies fetched at 2027-01-06T12:00:00+01:00.
        let json = try decode(DialogueStatusJSON.self, from: try world.companyOK(DialogueWorld.cuisine, "status", "--json"))
        #expect(json.lastFetch?.date == "2027-01-06T11:00:00+00:00", "\(String(describing: json.lastFetch))")
    }

    @Test("revise --apply works while the working tree has a new heading without an id (publish assigns it)")
    func reviseWithNewHeading() throws {
        let world = try DialogueWorld.answered()
        world.box.now = "2027-01-07T10:00:00+01:00"
        try world.box.edit(
            "\(DialogueWorld.agentDir)/cctp.md", replacing: "## 6.3 Biodéchets {#biodechets}",
            with: "## 6.3 Éducation au goût\n\nUne semaine du goût par an.\n\n## 6.4 Biodéchets {#biodechets}")
        #expect(try world.agentOK("check").status == 0, "jsf check accepts a heading whose id publish will assign")
        let run = try world.agent("revise", "--apply", world.a(3))
        #expect(run.status == 0, "\(run)")
        #expect(!run.stderr.contains("no longer in cctp.md"), "\(run)")
    }
}
