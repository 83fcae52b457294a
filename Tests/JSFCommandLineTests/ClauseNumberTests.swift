import Foundation
import Testing

/// Clauses named as procurement people name them: "6.2", "art. 4.2", "Article 4", in every command that takes one.
@Suite("Clause targets by number")
struct ClauseNumberTests {
    @Test("show 6.2, show \"Article 4\", show \"ARTICLE 8.1\" are the clauses the draft numbers so, as by id")
    func showByNumber() throws {
        let world = try DialogueWorld.cloned()
        let byNumber = try world.agentOK("show", "6.2")
        let byID = try world.agentOK("show", "approvisionnement")
        #expect(byNumber.stdout == byID.stdout)
        #expect(byNumber.stdout.hasPrefix("## 6.2 Approvisionnement et transport"), "\(byNumber)")
        let article = try world.agentOK("show", "Article 4")
        #expect(article.stdout.hasPrefix("# Article 4 — Modalités d'exécution"), "\(article)")
        for spelling in ["4", "4.", "art. 4", "Art 4", "article 4", "ARTICLE 4"] {
            #expect(try world.agentOK("show", spelling).stdout == article.stdout, "\(spelling)")
        }
        #expect(try world.agentOK("show", "ARTICLE 8.1").stdout.hasPrefix("## Prix {"))
        // A company reads the same way, in an older draft too.
        #expect(try world.companyOK(DialogueWorld.cuisine, "show", "art. 6.2", "--version", "v1").stdout == byNumber.stdout)
    }

    @Test("propose \"art. 4.2\" as a company targets the clause numbered 4.2 (livraison)")
    func proposeByNumber() throws {
        let world = try DialogueWorld.cloned()
        world.box.now = "2027-01-05T10:00:00+01:00"
        let run = try world.companyOK(
            DialogueWorld.cuisine, "propose", "art. 4.2", "--kind", "solution", "--cost", "neutral", "-m", "Nous livrons entre 7 h et 9 h.")
        #expect(run.trimmed == world.a(1))
        #expect(run.stderr.contains("solution on livraison (4.2 Livraison)"), "\(run)")
        let file = try world.box.gitOutput("show", "proposals/\(world.pa):1.md", in: DialogueWorld.cuisineDir)
        #expect(file.contains("target: livraison\n"), "\(file)")
        // The inbox filters by number as well.
        try world.companyOK(DialogueWorld.cuisine, "push")
        try world.agentOK("fetch")
        #expect(try world.inboxIDs("--clause", "4.2") == [world.a(1)])
        #expect(try world.inboxIDs("--clause", "Article 4.2") == [world.a(1)])
        #expect(try world.inboxIDs("--clause", "4.3").isEmpty)
        #expect(try world.inboxIDs("--clause", "livr") == [world.a(1)])
    }

    @Test("a number that names nothing: the same article's clauses are hinted, in English and French")
    func missWithHints() throws {
        let world = try DialogueWorld.cloned()
        let miss = try world.agent("show", "6.9")
        expectRefusal(
            miss, status: 1,
            [
                "error: no clause '6.9' in HEAD",
                "hint: closest clauses: 6.3 Biodéchets (biodechets), 6.2 Approvisionnement et transport (approvisionnement-et-transport), 6.1 Lutte contre le gaspillage alimentaire (lutte-contre-le-gaspillage-alimentaire); 'jsf clauses' lists them all",
            ])
        #expect(miss.stdout.isEmpty)
        let article = try world.agent("show", "Article 9")
        expectRefusal(article, status: 1, ["error: no clause 'Article 9' in HEAD", "hint: closest clauses: 8 Critères d'attribution ("])
        let words = try world.company(DialogueWorld.cuisine, "propose", "gaspilage", "--kind", "solution", "--cost", "down", "-m", "Moins.")
        expectRefusal(
            words, status: 1,
            [
                "error: no clause 'gaspilage' in v1",
                "hint: closest clauses: 6.1 Lutte contre le gaspillage alimentaire (lutte-contre-le-gaspillage-alimentaire)",
            ])
        world.box.language = "fr_FR.UTF-8"
        expectRefusal(
            try world.agent("show", "art. 6.9"), status: 1,
            [
                "erreur : pas de clause 'art. 6.9' dans HEAD",
                "astuce : clauses les plus proches : 6.3 Biodéchets (biodechets), 6.2 Approvisionnement et transport (approvisionnement-et-transport), 6.1 Lutte contre le gaspillage alimentaire (lutte-contre-le-gaspillage-alimentaire) ; 'jsf clauses' les liste toutes",
            ])
        expectRefusal(
            try world.agent("show", "zzz"), status: 1, ["erreur : pas de clause 'zzz' dans HEAD", "astuce : 'jsf clauses' les liste toutes"])
    }

    @Test("diff --clause 3.2 selects the clauses numbered 3.2 in either draft; an unknown number is refused with hints")
    func diffByNumber() throws {
        let world = try DialogueWorld.published()
        let diff = try decode(DialogueDiffJSON.self, from: try world.agentOK("diff", "v1", "v2", "--clause", "3.2", "--json"))
        #expect(diff.clauses.map(\.id) == ["allergenes-et-regimes-particuliers", "plan-alimentaire-et-menus"])
        let replaced = try decode(DialogueDiffJSON.self, from: try world.agentOK("diff", "v1", "v2", "--clause", "Article 6.3", "--json"))
        #expect(replaced.clauses.map(\.id) == ["education-au-gout", "biodechets"])
        expectRefusal(
            try world.agent("diff", "v1", "v2", "--clause", "3.9"), status: 1,
            ["error: no clause '3.9' in v1 / v2", "hint: closest clauses: 3.4 "])
    }
}
