import Foundation
import TestSupport
import Testing

/// `jsf diff` between drafts: the golden text of v1 → v2, the JSON, one clause, the working tree.
@Suite("Dialogue: clause diff between drafts")
struct DialogueDiffTests {
    @Test("jsf diff v1 v2 matches Tests/Golden/diff-v1-v2.txt (JSF_UPDATE_GOLDEN=1 rewrites it)")
    func goldenText() throws {
        let world = try DialogueWorld.published()
        let run = try world.agentOK("diff", "v1", "v2")
        #expect(!run.stdout.contains("\u{1B}["), "plain markers when not a terminal")
        try Golden.expect(run.stdout, equals: "diff-v1-v2.txt", what: "jsf diff v1 v2")
    }

    @Test("jsf diff --json: every kind of change, both sides, the redline of modified clauses only")
    func json() throws {
        let world = try DialogueWorld.published()
        let diff = try decode(DialogueDiffJSON.self, from: try world.agentOK("diff", "v1", "v2", "--json"))
        #expect(diff.from == "v1" && diff.to == "v2")
        #expect(
            diff.clauses.map(\.id) == [
                "forme-des-prix", "allergenes-et-regimes-particuliers", "plan-alimentaire-et-menus",
                "qualite-et-origine-des-produits", "contenants", "analyses", "education-au-gout", "prix",
                "qualite-des-repas-et-des-produits", "performance-environnementale", "biodechets",
            ])
        #expect(
            diff.kinds == [
                "forme-des-prix": ["retitled"],
                "allergenes-et-regimes-particuliers": ["moved", "renumbered"],
                "plan-alimentaire-et-menus": ["renumbered"],
                "qualite-et-origine-des-produits": ["renumbered"],
                "contenants": ["modified"],
                "analyses": ["modified"],
                "education-au-gout": ["added"],
                "prix": ["reweighted"],
                "qualite-des-repas-et-des-produits": ["reweighted"],
                "performance-environnementale": ["reweighted"],
                "biodechets": ["removed"],
            ])
        func change(_ id: String) -> DialogueDiffJSON.Change? { diff.clauses.first { $0.id == id } }
        #expect(change("forme-des-prix")?.old?.title == "Forme des prix" && change("forme-des-prix")?.new?.title == "Forme et révision des prix")
        let moved = try #require(change("allergenes-et-regimes-particuliers"))
        #expect(moved.old?.number == "3.4" && moved.new?.number == "3.2")
        #expect(moved.old?.parent == "composition-et-qualite-des-repas" && moved.new?.parent == "composition-et-qualite-des-repas")
        #expect(change("prix")?.old?.weight == 40 && change("prix")?.new?.weight == 30)
        #expect(change("qualite-des-repas-et-des-produits")?.new?.weight == 47 && change("performance-environnementale")?.new?.weight == 23)
        #expect(
            change("education-au-gout")?.old == nil
                && change("education-au-gout")?.new
                    == .init(number: "6.3", title: "Éducation au goût", level: 2, parent: "developpement-durable", weight: nil)
        )
        #expect(change("biodechets")?.new == nil && change("biodechets")?.old?.number == "6.3")
        #expect(
            change("analyses")?.redline
                == "Le titulaire fait réaliser chaque [-mois,-]{+quinzaine,+} par un laboratoire accrédité COFRAC ou équivalent, une analyse microbiologique sur un plat livré à la commune, dont il transmet le résultat. La commune peut faire procéder, à ses frais, à des analyses complémentaires ; si elles révèlent une non-conformité, leur coût est mis à la charge du titulaire."
        )
        #expect(change("contenants")?.redline?.contains("{+proscrits.+}") == true)
        for item in diff.clauses where !item.changes.contains("modified") {
            #expect(item.redline == nil, "\(item.id)")
        }
        // --clause with --json, and the reverse direction.
        let one = try decode(DialogueDiffJSON.self, from: try world.agentOK("diff", "v1", "v2", "--json", "--clause", "prix"))
        #expect(one.clauses.map(\.id) == ["prix"])
        let back = try decode(DialogueDiffJSON.self, from: try world.agentOK("diff", "v2", "v1", "--json"))
        #expect(back.kinds["biodechets"] == ["added"] && back.kinds["education-au-gout"] == ["removed"])
        #expect(back.kinds["allergenes-et-regimes-particuliers"]?.contains("renumbered") == true)
        #expect(back.clauses.first { $0.id == "prix" }?.new?.weight == 40)
    }

    @Test("jsf diff --clause (id or prefix), one draft against the working tree, no difference")
    func clauseAndWorkingTree() throws {
        let world = try DialogueWorld.published()
        let analyses = try world.agentOK("diff", "v1", "v2", "--clause", "analyses")
        #expect(
            analyses.stdout == """
                v1 → v2
                ~ analyses  5.2 Analyses  (modified)

                ## analyses
                Le titulaire fait réaliser chaque [-mois,-]{+quinzaine,+} par un laboratoire accrédité COFRAC ou équivalent, une analyse microbiologique sur un plat livré à la commune, dont il transmet le résultat. La commune peut faire procéder, à ses frais, à des analyses complémentaires ; si elles révèlent une non-conformité, leur coût est mis à la charge du titulaire.

                """, "\(analyses)")
        let prefix = try world.agentOK("diff", "v1", "v2", "--clause", "qualite")
        #expect(
            prefix.stdout.lines == [
                "v1 → v2",
                "~ qualite-et-origine-des-produits  3.4 Qualité et origine des produits  (renumbered 3.3 → 3.4)",
                "~ qualite-des-repas-et-des-produits  8.2 Qualité des repas et des produits  (weight 40 → 47)",
            ], "\(prefix)")
        let unchanged = try world.agentOK("diff", "v1", "v2", "--clause", "livraison")
        #expect(unchanged.stdout.isEmpty && unchanged.stderr.contains("No difference between v1 and v2."), "\(unchanged)")

        // The working tree: nothing since v2; then a hand edit, against the last draft and against v1.
        let clean = try world.agentOK("diff")
        #expect(clean.stdout.isEmpty && clean.stderr.contains("No difference between v2 and working tree."), "\(clean)")
        try world.box.edit("\(DialogueWorld.agentDir)/cctp.md", replacing: "entre 7 h 30 et 9 h 30", with: "entre 7 h et 9 h")
        let edited = try world.agentOK("diff")
        #expect(
            edited.stdout == """
                v2 → working tree
                ~ livraison  4.2 Livraison  (modified)

                ## livraison
                Les repas sont livrés chaque jour de service entre 7 h [-30 -]et 9 h [-30 -]au restaurant scolaire, 2, allée des Tilleuls, Val-d'Orvenne. Le cas échéant, les repas du lundi peuvent être livrés le vendredi précédent, sous réserve des dates limites de consommation.

                Le transport est réalisé en véhicule réfrigéré. La chaîne du froid est respectée de la cuisine centrale jusqu'à la remise des repas, à une température comprise entre 0 °C et +3 °C. Le livreur range les repas dans les armoires froides en présence d'un agent communal et remporte les contenants vides de la veille.

                """, "\(edited)")
        let fromV1 = try world.agentOK("diff", "v1", "--clause", "livraison")
        #expect(fromV1.stdout.hasPrefix("v1 → working tree\n~ livraison  4.2 Livraison  (modified)\n"), "\(fromV1)")
        let unknown = try world.agent("diff", "v7")
        expectRefusal(unknown, status: 1, ["no draft 'v7'"])
    }
}
