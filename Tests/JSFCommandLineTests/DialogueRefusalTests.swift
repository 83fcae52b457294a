import Foundation
import Testing

/// What the agent's side of the dialogue refuses, each with its words and exit code, and with nothing written.
@Suite("Dialogue: refusals")
struct DialogueRefusalTests {
    @Test("comment: unknown id (closest ids hinted), withdrawn proposal, --status integrated (64), empty answer")
    func commentRefusals() throws {
        let world = try DialogueWorld.answered()
        let (a, b) = (world.a, world.b)
        let dialogue = try world.box.gitOutput("rev-parse", "dialogue", in: DialogueWorld.hub)
        let localDialogue = try world.box.gitOutput("rev-parse", "dialogue", in: DialogueWorld.agentDir)

        let unknown = try world.agent("comment", "\(world.pa)-9", "-m", "Réponse.")
        expectRefusal(unknown, status: 1, ["no proposal '\(world.pa)-9'", "closest ids: ", "'jsf inbox' lists them all"])
        #expect(unknown.stdout.isEmpty)
        // The three closest are the same company's.
        let hint = try #require(unknown.stderr.lines.first { $0.contains("closest ids: ") })
        let closest = hint.components(separatedBy: "closest ids: ").last?.components(separatedBy: ";").first?.components(separatedBy: ", ") ?? []
        #expect(closest.count == 3 && closest.allSatisfy { $0.hasPrefix(world.pa + "-") }, "\(hint)")
        // A typo in the pseudonym: still hinted.
        let typo = try world.agent("comment", String(world.b(7).dropFirst()), "-m", "Réponse.")
        expectRefusal(typo, status: 1, ["no proposal", "closest ids: "])

        let withdrawn = try world.agent("comment", b(4), "-m", "Merci.")
        expectRefusal(withdrawn, status: 1, ["\(b(4)) was withdrawn by its company", "nothing to answer"])

        let integrated = try world.agent("comment", a(1), "--status", "integrated", "-m", "Intégrée.")
        expectRefusal(integrated, status: 64, ["'integrated' is set by 'jsf publish'", "'jsf revise --apply'"])

        let empty = try world.agent("comment", a(1), "-m", "  \n ")
        expectRefusal(empty, status: 1, ["the answer is empty"])

        let badStatus = try world.agent("comment", a(1), "--status", "maybe", "-m", "Peut-être.")
        #expect(badStatus.status == 64, "\(badStatus)")

        // Nothing was written, locally or on the hub.
        #expect(try world.box.gitOutput("rev-parse", "dialogue", in: DialogueWorld.hub) == dialogue)
        #expect(try world.box.gitOutput("rev-parse", "dialogue", in: DialogueWorld.agentDir) == localDialogue)
        #expect(try world.box.git("cat-file", "-e", "dialogue:responses/\(b(4)).md", in: DialogueWorld.hub).status != 0)
        #expect(try world.box.git("cat-file", "-e", "dialogue:responses/\(a(1)).md", in: DialogueWorld.hub).status != 0)
    }

    @Test("revise --apply: not accepted, a solution, unknown, stale (the redline of what changed), all or nothing")
    func reviseRefusals() throws {
        let world = try DialogueWorld.answered()
        let (a, b) = (world.a, world.b)
        let cctp = "\(DialogueWorld.agentDir)/cctp.md"
        let pendingFile = "\(DialogueWorld.agentDir)/.git/jsf/integrates"
        world.box.now = "2027-01-07T10:00:00+01:00"
        let original = try world.box.read(cctp)

        let noted = try world.agent("revise", "--apply", b(5))
        expectRefusal(noted, status: 1, ["\(b(5)) is not accepted (status: noted)", "accept it first: jsf comment \(b(5)) --status accepted"])
        let openSolution = try world.agent("revise", "--apply", a(1))
        expectRefusal(openSolution, status: 1, ["\(a(1)) is a solution, not an alternative", "no text or weight to apply"])
        let solution = try world.agent("revise", "--apply", b(6))
        expectRefusal(solution, status: 1, ["\(b(6)) is a solution, not an alternative"])
        let unknown = try world.agent("revise", "--apply", "\(world.pb)-42")
        expectRefusal(unknown, status: 1, ["no proposal '\(world.pb)-42'", "closest ids: "])
        #expect(try world.box.read(cctp) == original && !world.box.exists(pendingFile))

        // Stale: the agent edited the clause in the working tree since the company saw it.
        try world.box.edit(cctp, replacing: "Le titulaire fait réaliser chaque mois,", with: "Le titulaire fait réaliser chaque quinzaine,")
        let edited = try world.box.read(cctp)
        let stale = try world.agent("revise", "--apply", a(4))
        expectRefusal(
            stale, status: 1,
            [
                "'analyses' changed since Company \(world.pa) saw it in v1", "\(a(4)) cannot be applied as is",
                "what changed:\nLe titulaire fait réaliser chaque [-mois,-]{+quinzaine,+} par un laboratoire",
                "edit cctp.md by hand, or ask the company to amend its proposal",
            ])
        #expect(stale.stdout.isEmpty)
        // All or nothing: an applicable one beside the stale one is not applied either.
        let mixed = try world.agent("revise", "--apply", a(3), "--apply", a(4))
        expectRefusal(mixed, status: 1, ["'analyses' changed since"])
        #expect(try world.box.read(cctp) == edited, "cctp.md untouched by refused runs")
        #expect(!world.box.exists(pendingFile), "nothing recorded for the next draft")
        // Still listed as applicable.
        let listing = try world.agentOK("revise")
        #expect(listing.stderr.contains(a(4)), "\(listing)")
    }

    @Test("round close: nothing published yet; a proposal cannot target an old draft")
    func roundAndDraftRefusals() throws {
        let box = try Sandbox()
        try box.setUpConsultation("c")
        let nothing = try box.jsf(["round", "close"], in: "c")
        expectRefusal(nothing, status: 1, ["no round to close: nothing is published yet"])

        // A company proposes on the current draft only: there is no option to choose another.
        let world = try DialogueWorld.published()
        world.box.now = "2027-01-08T12:00:00+01:00"
        try world.companyOK(DialogueWorld.cuisine, "fetch")
        let removed = try world.company(DialogueWorld.cuisine, "propose", "biodechets", "--kind", "solution", "--cost", "neutral", "-m", "Compost.")
        expectRefusal(removed, status: 1, ["no clause 'biodechets' in v2", "hint: 'jsf clauses' lists them all"])
        let id = try world.propose(
            DialogueWorld.cuisine, ["prix", "--kind", "alternative", "--cost", "down", "--weight", "50", "-m", "Le prix d'abord."])
        let file = try world.box.gitOutput("show", "proposals/\(world.pa):6.md", in: DialogueWorld.cuisineDir)
        #expect(id == world.a(6) && file.contains("\nversion: 2\n"), "\(file)")
        // The weights start from v2's (30/47/23), not v1's.
        #expect(file.contains("prix: 50"), "\(file)")
        let listed = try world.inbox(DialogueWorld.cuisine, ["--mine", "--round", "2"])
        #expect(listed.proposals.map(\.id) == [world.a(6)] && listed.proposals.first?.version == 2)
        #expect(listed.proposals.first?.weights == ["prix": 50, "qualite-des-repas-et-des-produits": 34, "performance-environnementale": 16])
    }
}
