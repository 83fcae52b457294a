import Foundation
import Testing

/// The agent reads the proposals: `jsf fetch`, `jsf inbox` (text, JSON, filters) and `jsf show ID`.
@Suite("Dialogue: the agent's inbox and proposal pages")
struct DialogueInboxTests {
    @Test("fetch then inbox: grouped by clause in document order, counts per kind, cost tally, withdrawn resolved")
    func inboxText() throws {
        let world = try DialogueWorld.proposed()
        let (a, b) = (world.a, world.b)
        let run = try world.agentOK("inbox")
        // Within a group, proposals come branch by branch (pseudonyms sorted), then by number.
        let livraison = [
            ("\(a(1))  solution  neutral  v1  open", a(1)), ("\(b(6))  solution  down  v1  open", b(6)),
            ("\(b(7))  clarification  unknown  v1  open", b(7)),
        ].sorted { $0.1 < $1.1 }.map { "  " + $0.0 }
        let expected =
            [
                "duree  1.2 Durée  — 1 clarification; cost ↑0 ↓0 =0 ?1",
                "  \(b(2))  clarification  unknown  v1  open",
                "plan-alimentaire-et-menus  3.2 Plan alimentaire et menus  — 1 solution; cost ↑1 ↓0 =0",
                "  \(b(3))  solution  up  v1  open",
                "allergenes-et-regimes-particuliers  3.4 Allergènes et régimes particuliers  — 1 alternative; cost ↑1 ↓0 =0",
                "  \(b(5))  alternative  up  v1  open",
                "commandes  4.1 Commandes  — 1 clarification; cost ↑0 ↓0 =0 ?1",
                "  \(a(2))  clarification  unknown  v1  open",
                "livraison  4.2 Livraison  — 2 solutions, 1 clarification; cost ↑0 ↓1 =1 ?1",
            ] + livraison + [
                "contenants  4.4 Contenants  — 1 alternative; cost ↑1 ↓0 =0",
                "  \(a(3))  alternative  up  v1  open",
                "hygiene-et-securite-sanitaire  4.5 Hygiène et sécurité sanitaire  — 1 solution; cost ↑0 ↓0 =1",
                "  \(b(4))  solution  neutral  v1  withdrawn  [resolved]",
                "analyses  5.2 Analyses  — 1 alternative; cost ↑0 ↓1 =0",
                "  \(a(4))  alternative  down  v1  open",
                "biodechets  6.3 Biodéchets  — 1 solution; cost ↑0 ↓0 =1",
                "  \(a(5))  solution  neutral  v1  open",
                "prix  8.1 Prix  — 1 alternative; cost ↑0 ↓0 =1",
                "  \(b(1))  alternative  neutral  v1  open",
            ]
        #expect(run.stdout.lines == expected, "\(run)")
        #expect(run.stderr.contains("12 proposal(s)."), "\(run)")
        #expect(!run.output.contains("\u{1B}["), "no colour when not a terminal")

        // A company sees the same inbox after its own fetch.
        try world.companyOK(DialogueWorld.cuisine, "fetch")
        let theirs = try world.companyOK(DialogueWorld.cuisine, "inbox")
        #expect(theirs.stdout == run.stdout, "\(theirs)")
    }

    @Test("inbox --json: every field, the counts, weights, proposed text, withdrawal")
    func inboxJSON() throws {
        let world = try DialogueWorld.proposed()
        let (a, b) = (world.a, world.b)
        let inbox = try world.inbox()
        #expect(inbox.draft == "v1")
        #expect(inbox.total == 12)
        #expect(
            inbox.clauses.map(\.id) == [
                "duree", "plan-alimentaire-et-menus", "allergenes-et-regimes-particuliers", "commandes", "livraison",
                "contenants", "hygiene-et-securite-sanitaire", "analyses", "biodechets", "prix",
            ])
        let livraison = try #require(inbox.group("livraison"))
        #expect(livraison.number == "4.2" && livraison.title == "Livraison" && livraison.kind == "clause" && !livraison.removed)
        #expect(livraison.counts == .init(solution: 2, clarification: 1, alternative: 0, up: 0, down: 1, neutral: 1, unknown: 1))
        #expect(Set(livraison.proposals.map(\.id)) == [a(1), b(6), b(7)])
        let prixGroup = try #require(inbox.group("prix"))
        #expect(prixGroup.kind == "criterion" && prixGroup.number == "8.1")

        let a3 = try #require(inbox.proposal(a(3)))
        #expect(a3.pseudonym == world.pa && a3.kind == "alternative" && a3.target == "contenants" && a3.version == 1)
        #expect(a3.cost == "up" && a3.estimate == "+3 % sur le prix du repas")
        #expect(a3.status == "open" && a3.state == "current" && a3.created == "2027-01-05T09:00:00+00:00")
        #expect(a3.justification == "L'inox seul est éprouvé ; un matériau « équivalent » reste flou.")
        #expect(a3.proposedText == DialogueWorld.contenantsText.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(a3.weights == nil && a3.supersedes == nil && a3.withdrawn == nil && a3.answers.isEmpty)

        let b1 = try #require(inbox.proposal(b(1)))
        #expect(b1.kind == "alternative" && b1.target == "prix" && b1.cost == "neutral" && b1.proposedText == nil)
        #expect(b1.weights == ["prix": 30, "qualite-des-repas-et-des-produits": 47, "performance-environnementale": 23])
        #expect(b1.weights.map { $0.values.reduce(0, +) } == 100)

        let b4 = try #require(inbox.proposal(b(4)))
        #expect(b4.status == "withdrawn" && b4.state == "resolved" && b4.withdrawn != nil)
        let a2 = try #require(inbox.proposal(a(2)))
        #expect(a2.kind == "clarification" && a2.cost == "unknown" && a2.estimate == nil)
        // Every other proposal is open and current on v1.
        for item in inbox.proposals where item.id != b(4) {
            #expect(item.status == "open" && item.state == "current" && item.version == 1, "\(item.id)")
        }
    }

    @Test("inbox filters: --clause (id or prefix), --kind, --cost, --status, --round, --outdated, combined")
    func inboxFilters() throws {
        let world = try DialogueWorld.proposed()
        let (a, b) = (world.a, world.b)
        #expect(Set(try world.inboxIDs("--clause", "livraison")) == [a(1), b(6), b(7)])
        #expect(try world.inboxIDs("--clause", "ana") == [a(4)])
        #expect(try world.inboxIDs("--kind", "clarification") == [b(2), a(2), b(7)])
        #expect(try world.inboxIDs("--kind", "alternative") == [b(5), a(3), a(4), b(1)])
        #expect(try world.inboxIDs("--cost", "up") == [b(3), b(5), a(3)])
        #expect(try world.inboxIDs("--cost", "down") == [b(6), a(4)])
        #expect(try world.inboxIDs("--status", "withdrawn") == [b(4)])
        #expect(try world.inboxIDs("--status", "open").count == 11)
        #expect(try world.inboxIDs("--round", "1").count == 12)
        #expect(try world.inboxIDs("--round", "2").isEmpty)
        #expect(try world.inboxIDs("--outdated").isEmpty)
        #expect(try world.inboxIDs("--kind", "solution", "--cost", "down") == [b(6)])
        #expect(try world.inboxIDs("--clause", "livraison", "--kind", "clarification") == [b(7)])
        // Filtered JSON counts only what is shown.
        let filtered = try world.inbox("agent", ["--clause", "livraison", "--kind", "solution"])
        #expect(filtered.total == 2)
        #expect(filtered.group("livraison")?.counts == .init(solution: 2, clarification: 0, alternative: 0, up: 0, down: 1, neutral: 1, unknown: 0))
        // Nothing matches: a note, not an error.
        let none = try world.agentOK("inbox", "--round", "2")
        #expect(none.stdout.isEmpty && none.stderr.contains("No proposal matches."), "\(none)")
        let bad = try world.agent("inbox", "--kind", "amendment")
        #expect(bad.status == 64, "\(bad)")
    }

    @Test("show ID: header, justification, target as in the draft seen, plain redline, weights; any case")
    func showProposal() throws {
        let world = try DialogueWorld.proposed()
        let (a, b) = (world.a, world.b)
        let page = try world.agentOK("show", a(3)).stdout
        #expect(!page.contains("\u{1B}["), "no colour when not a terminal")
        let header = """
            Proposal \(a(3)) — Company \(world.pa)
            kind     alternative
            target   contenants (4.4 Contenants)
            draft    v1
            cost     up — +3 % sur le prix du repas
            status   open
            state    current
            created  5 January 2027, 10:00 (Europe/Paris)

            Justification
            L'inox seul est éprouvé ; un matériau « équivalent » reste flou.

            The target in v1
            ## 4.4 Contenants {#contenants}

            Conformément à l'article L541-15-10 du code de l'environnement, aucun contenant
            """
        #expect(page.hasPrefix(header), "\(page)")
        let redline = try #require(page.components(separatedBy: "Proposed text (redline against v1)\n").last)
        #expect(page.contains("Proposed text (redline against v1)\n"), "\(page)")
        // Plain markers: what was deleted and inserted, the kept words unmarked.
        #expect(redline.contains("[-"), "\(redline)")
        #expect(redline.contains("{+"), "\(redline)")
        #expect(
            redline.contains(
                "Les repas sont livrés en bacs gastronormes en [-inox ou en tout matériau équivalent apte au contact alimentaire et à la remise en température,-]{+inox,+} consignés et repris par le titulaire."
            ), "\(redline)")
        #expect(redline.contains("[-proscrits, sauf pour les produits laitiers lorsqu'aucune alternative n'existe.-]{+proscrits.+}"), "\(redline)")
        #expect(!page.contains("Answers"), "no answer yet:\n\(page)")

        // A weighting: the weights of the draft the company saw, then the proposed ones.
        let weights = try world.agentOK("show", b(1)).stdout
        #expect(weights.contains("kind     alternative\ntarget   prix (8.1 Prix)\n"), "\(weights)")
        #expect(weights.contains("The target in v1\n## Prix {#prix .criterion weight=40}\n"), "\(weights)")
        #expect(
            weights.hasSuffix(
                """
                Proposed weights (v1 → proposed)
                  prix: 40 → 30
                  qualite-des-repas-et-des-produits: 40 → 47
                  performance-environnementale: 20 → 23

                """), "\(weights)")

        // A clarification, its id typed in lower case; a withdrawn one.
        let question = try world.agentOK("show", a(2).lowercased()).stdout
        #expect(
            question.hasPrefix("Proposal \(a(2)) — Company \(world.pa)\nkind     clarification\ntarget   commandes (4.1 Commandes)\n"), "\(question)")
        #expect(question.contains("cost     unknown\n"), "\(question)")
        #expect(question.contains("Justification\nLes commandes du mercredi suivent-elles le même délai ?\n"), "\(question)")
        let withdrawn = try world.agentOK("show", b(4)).stdout
        #expect(withdrawn.contains("status     withdrawn\nstate      resolved\n"), "\(withdrawn)")
        #expect(withdrawn.contains("withdrawn  5 January 2027, 10:00 (Europe/Paris)"), "\(withdrawn)")

        // An unknown proposal: the closest ids.
        let unknown = try world.agent("show", "\(world.pa)-9")
        expectRefusal(unknown, status: 1, ["no proposal '\(world.pa)-9'", "closest ids: "])
    }
}
