import Foundation
import Testing

/// Parent articles and alternatives with structure: `jsf show` of a section, an alternative on a section through
/// propose, revise --apply and publish, headings in the text of a clause without sub-clauses, and carry-over of
/// proposals on a section.
@Suite("Sections: show, section alternatives, carry-over")
struct SectionTests {
    struct ShowJSON: Decodable {
        struct Clause: Decodable {
            var id: String
            var number: String
            var title: String
            var level: Int
            var parent: String?
            var kind: String
            var text: String
        }
        var version: String
        var clause: Clause
        var subclauses: [Clause]
    }

    struct ReviseJSON: Decodable {
        struct Subclause: Decodable {
            var id: String
            var number: String
            var title: String
        }
        struct Section: Decodable {
            var kept: [String]
            var added: [String]
            var removed: [Subclause]
        }
        struct Applied: Decodable {
            var id: String
            var target: String
            var section: Section?
        }
        var applied: [Applied]
        var pending: [String]
    }

    struct ClausesJSON: Decodable {
        struct Entry: Decodable {
            var id: String
            var number: String
            var title: String
            var level: Int
            var parent: String?
            var hash: String
        }
        var clauses: [Entry]
    }

    static let cctp = "\(DialogueWorld.agentDir)/cctp.md"

    /// Article 5 of the example and its three sub-clauses, as v1 has them.
    static let article5 = "suivi-controle-et-qualite"
    static let article5Subclauses = ["controle-a-reception", "analyses", "bilan-annuel"]

    func clauses(_ world: DialogueWorld, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [ClausesJSON.Entry] {
        let run = try world.box.jsf(["clauses", "--json"] + arguments, as: "agent", in: DialogueWorld.agentDir)
        try #require(run.status == 0, "\(run)", sourceLocation: sourceLocation)
        return try decode(ClausesJSON.self, from: run, sourceLocation: sourceLocation).clauses
    }

    /// The example's article 5 is what these tests rely on.
    func requireArticle5(_ world: DialogueWorld, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let entries = try clauses(world)
        try #require(entries.first { $0.number == "5" }?.id == Self.article5, sourceLocation: sourceLocation)
        try #require(entries.filter { $0.parent == Self.article5 }.map(\.id) == Self.article5Subclauses, sourceLocation: sourceLocation)
    }

    @Test("show CLAUSE shows the whole section; --own its own text; --json the clause and its sub-clauses apart")
    func showSection() throws {
        let world = try DialogueWorld.cloned()
        try requireArticle5(world)
        let section = try world.companyOK(DialogueWorld.cuisine, "show", "5").stdout
        #expect(section.hasPrefix("# Article 5 — Suivi, contrôle et qualité {#\(Self.article5)}\n"), "\(section)")
        for (number, id) in zip(["5.1", "5.2", "5.3"], Self.article5Subclauses) {
            #expect(section.contains("\n## \(number) "), "\(section)")
            #expect(section.contains("{#\(id)}"), "\(section)")
        }
        #expect(section.contains("dont il transmet le résultat"), "\(section)")
        #expect(!section.contains("Article 6"), "\(section)")
        #expect(section.hasSuffix("actions contre le gaspillage alimentaire.\n"), "\(section)")

        let own = try world.companyOK(DialogueWorld.cuisine, "show", "5", "--own").stdout
        #expect(own == "# Article 5 — Suivi, contrôle et qualité {#\(Self.article5)}\n", "\(own)")
        // A clause without sub-clauses is the same either way.
        #expect(try world.agentOK("show", "5.2").stdout == (try world.agentOK("show", "5.2", "--own").stdout))

        let json = try decode(ShowJSON.self, from: try world.agentOK("show", "article 5", "--json"))
        #expect(json.version == "HEAD")
        #expect(json.clause.id == Self.article5 && json.clause.number == "5" && json.clause.level == 1 && json.clause.kind == "clause")
        #expect(json.clause.text == "# Article 5 — Suivi, contrôle et qualité {#\(Self.article5)}")
        #expect(json.subclauses.map(\.id) == Self.article5Subclauses)
        #expect(json.subclauses.allSatisfy { $0.parent == Self.article5 && $0.level == 2 })
        #expect(json.subclauses[1].text.hasPrefix("## 5.2 Analyses {#analyses}\n\nLe titulaire fait réaliser chaque mois"))
        #expect(!json.subclauses[1].text.contains("5.3"), "\(json.subclauses[1].text)")
        // The whole section is the clause's text followed by its sub-clauses' texts.
        #expect(section == ([json.clause.text] + json.subclauses.map(\.text)).joined(separator: "\n\n") + "\n")
        let ownJSON = try decode(ShowJSON.self, from: try world.agentOK("show", "5", "--own", "--json", "--version", "v1"))
        #expect(ownJSON.version == "v1" && ownJSON.subclauses.isEmpty)

        expectRefusal(try world.agent("show", "--json"), status: 64, ["'jsf show --json' shows a clause", "jsf clauses --json"])
    }

    @Test("an alternative on a section: propose shows what it replaces, revise --apply keeps, adds and removes sub-clauses, publish")
    func sectionAlternative() throws {
        let world = try DialogueWorld.cloned()
        let box = world.box
        try requireArticle5(world)
        box.now = "2027-01-05T10:00:00+01:00"
        // Kept by its {#id} (and retitled), kept by its title (no id written), 5.3 left out, a new heading.
        try box.write(
            "texts/article5.md",
            """
            Le titulaire se soumet aux contrôles qui suivent.

            ## 5.1 Contrôle à la livraison {#controle-a-reception}

            L'agent communal contrôle la température à cœur d'un échantillon de bacs.

            ## 5.2 Analyses

            Le titulaire fait réaliser chaque trimestre une analyse microbiologique.

            ## 5.3 Audit annuel

            Un organisme indépendant audite la cuisine centrale une fois par an.

            """)
        let proposed = try world.companyOK(
            DialogueWorld.cuisine, "propose", "art. 5", "--kind", "alternative", "--cost", "down", "--text-file", box.path("texts/article5.md"),
            "-m", "Un audit indépendant remplace le bilan ; une analyse par trimestre suffit.")
        let id = proposed.trimmed
        #expect(id == world.a(1), "\(proposed)")
        #expect(
            proposed.stderr.contains(
                "It replaces the whole section 5 Suivi, contrôle et qualité: its own text and its 3 sub-clause(s). The section it replaces:"),
            "\(proposed)")
        #expect(proposed.stderr.contains("    ## 5.3 Bilan annuel {#bilan-annuel}"), "\(proposed)")
        #expect(proposed.stderr.contains("Kept: controle-a-reception, analyses"), "\(proposed)")
        #expect(proposed.stderr.contains("New: audit-annuel"), "\(proposed)")
        #expect(proposed.stderr.contains("Removed: 5.3 Bilan annuel (bilan-annuel)"), "\(proposed)")
        // The proposal records the section it saw: plain git's blob hash of its clauses' lines (docs/format.md).
        let file = try box.gitOutput("show", "refs/heads/proposals/\(world.pa):1.md", in: DialogueWorld.cuisineDir)
        let recorded = try #require(file.lines.first { $0.hasPrefix("section_hash: ") }, "\(file)").dropFirst("section_hash: ".count)
        let v1 = try clauses(world, "--version", "v1")
        let section = v1.filter { $0.id == Self.article5 || $0.parent == Self.article5 }
        try box.write("section-lines", section.map { "\($0.level - 1) \($0.id) \($0.hash)\n" }.joined())
        #expect(recorded.replacingOccurrences(of: "\"", with: "") == (try box.gitOutput("hash-object", box.path("section-lines"))))
        try world.companyOK(DialogueWorld.cuisine, "push")

        box.now = "2027-01-06T10:00:00+01:00"
        try world.agentOK("fetch")
        try world.agentOK("comment", id, "--status", "accepted", "-m", "D'accord pour l'audit.")
        let applied = try decode(ReviseJSON.self, from: try world.agentOK("revise", "--apply", id, "--json"))
        #expect(applied.pending == [id])
        let replaced = try #require(applied.applied.first?.section)
        #expect(applied.applied.map(\.target) == [Self.article5])
        #expect(replaced.kept == ["controle-a-reception", "analyses"])
        #expect(replaced.added == ["audit-annuel"])
        #expect(replaced.removed.map { "\($0.number) \($0.title) (\($0.id))" } == ["5.3 Bilan annuel (bilan-annuel)"])

        let text = try box.read(Self.cctp)
        let expected = """
            # Article 5 — Suivi, contrôle et qualité {#suivi-controle-et-qualite}

            Le titulaire se soumet aux contrôles qui suivent.

            ## 5.1 Contrôle à la livraison {#controle-a-reception}

            L'agent communal contrôle la température à cœur d'un échantillon de bacs.

            ## 5.2 Analyses {#analyses}

            Le titulaire fait réaliser chaque trimestre une analyse microbiologique.

            ## 5.3 Audit annuel {#audit-annuel}

            Un organisme indépendant audite la cuisine centrale une fois par an.

            # Article 6 — Développement durable {#developpement-durable}
            """
        #expect(text.contains(expected), "\(text)")
        #expect(!text.contains("Bilan annuel"))
        #expect(text.contains("## 4.5 Hygiène et sécurité sanitaire"))
        #expect(try world.agentOK("check").status == 0)

        box.now = "2027-01-08T10:00:00+01:00"
        let published = try world.agentOK("publish", "--until", "2027-01-25", "-m", "Version 2 : article 5")
        #expect(published.trimmed == "v2", "\(published)")
        let trailers = try box.tagTrailers("v2", in: DialogueWorld.agentDir)
        #expect(trailers.contains("Clauses-Added: audit-annuel"), "\(trailers)")
        #expect(trailers.contains("Clauses-Removed: bilan-annuel"), "\(trailers)")
        #expect(trailers.contains("Integrates: \(id)"), "\(trailers)")
        let v2 = try clauses(world, "--version", "v2")
        #expect(
            v2.filter { $0.parent == Self.article5 }.map { "\($0.number) \($0.id)" } == [
                "5.1 controle-a-reception", "5.2 analyses", "5.3 audit-annuel",
            ])
        #expect(v2.first { $0.id == "controle-a-reception" }?.title == "Contrôle à la livraison")
        let inbox = try world.inbox()
        #expect(inbox.proposal(id)?.status == "integrated", "\(inbox)")
        // Plain git agrees with what libgit2 wrote.
        for repository in [DialogueWorld.agentDir, DialogueWorld.hub] {
            let fsck = try box.git("fsck", "--strict", "--no-dangling", in: repository)
            #expect(fsck.status == 0, "\(repository): \(fsck)")
        }
        #expect(try box.gitOutput("show", "v2:cctp.md", in: DialogueWorld.hub).contains(expected))
    }

    @Test("headings in the text of a clause without sub-clauses become its sub-clauses in document order; a heading outside the section is refused")
    func headingsInLeafAlternative() throws {
        let world = try DialogueWorld.cloned()
        let box = world.box
        try requireArticle5(world)
        box.now = "2027-01-05T10:00:00+01:00"
        try box.write("texts/sibling.md", "Texte du bilan.\n\n## 5.4 Enquête de satisfaction\n\nUne enquête par an.\n")
        expectRefusal(
            try world.company(
                DialogueWorld.cuisine, "propose", "5.3", "--kind", "alternative", "--cost", "neutral", "--text-file", box.path("texts/sibling.md"),
                "-m", "Une enquête."),
            status: 1,
            [
                "line 3 of the proposed text: heading '5.4 Enquête de satisfaction' is of level 2, not inside the section of 'bilan-annuel' (level 2)",
                "hint: the proposed text replaces what follows the heading of 'bilan-annuel': leave its heading out, and write sub-clauses as '### …' headings",
            ])
        box.language = "fr_FR.UTF-8"
        expectRefusal(
            try world.company(
                DialogueWorld.cuisine, "propose", "5.3", "--kind", "alternative", "--cost", "neutral", "--text-file", box.path("texts/sibling.md"),
                "-m", "Une enquête."),
            status: 1,
            [
                "erreur : ligne 3 du texte proposé : le titre '5.4 Enquête de satisfaction' est de niveau 2, hors de la section de 'bilan-annuel' (niveau 2)",
                "astuce : le texte proposé remplace ce qui suit le titre de 'bilan-annuel' : omettez ce titre, et écrivez les sous-clauses en titres '### …'",
            ])
        box.language = "C.UTF-8"
        try box.write("texts/foreign.md", "Texte du bilan.\n\n### Détail {#analyses}\n\nUne enquête par an.\n")
        expectRefusal(
            try world.company(
                DialogueWorld.cuisine, "propose", "5.3", "--kind", "alternative", "--cost", "neutral", "--text-file", box.path("texts/foreign.md"),
                "-m", "Une enquête."),
            status: 1, ["'{#analyses}' is the id of 5.2 Analyses, outside the section of 'bilan-annuel'", "hint: remove '{#analyses}'"])
        #expect(try box.gitOutput("for-each-ref", "refs/heads/proposals", in: DialogueWorld.cuisineDir).isEmpty)

        try box.write(
            "texts/bilan.md",
            "Le titulaire remet un bilan en fin d'année scolaire.\n\n### 5.3.1 Contenu du bilan\n\nRepas livrés et non-conformités.\n\n### 5.3.2 Remise\n\nAvant le 15 juillet.\n"
        )
        let proposed = try world.companyOK(
            DialogueWorld.cuisine, "propose", "5.3", "--kind", "alternative", "--cost", "neutral", "--text-file", box.path("texts/bilan.md"),
            "-m", "Un bilan en deux parties.")
        let id = proposed.trimmed
        #expect(proposed.stderr.contains("Its headings become sub-clauses of 5.3 Bilan annuel, in the order written."), "\(proposed)")
        #expect(proposed.stderr.contains("New: contenu-du-bilan, remise"), "\(proposed)")
        try world.companyOK(DialogueWorld.cuisine, "push")
        box.now = "2027-01-06T10:00:00+01:00"
        try world.agentOK("fetch")
        try world.agentOK("comment", id, "--status", "accepted", "-m", "Oui.")
        let applied = try world.agentOK("revise", "--apply", id)
        #expect(applied.stdout.lines == [id], "\(applied)")
        #expect(applied.stderr.contains("Applied \(id): new text of the section bilan-annuel."), "\(applied)")
        #expect(applied.stderr.contains("  new: contenu-du-bilan, remise"), "\(applied)")
        let text = try box.read(Self.cctp)
        // After 5.3's own text, before article 6: not before the first sub-clause of the article.
        #expect(
            text.contains(
                """
                ## 5.3 Bilan annuel {#bilan-annuel}

                Le titulaire remet un bilan en fin d'année scolaire.

                ### 5.3.1 Contenu du bilan {#contenu-du-bilan}

                Repas livrés et non-conformités.

                ### 5.3.2 Remise {#remise}

                Avant le 15 juillet.

                # Article 6 — Développement durable
                """), "\(text)")
        #expect(text.contains("## 5.2 Analyses {#analyses}\n\nLe titulaire fait réaliser chaque mois"))
        #expect(try world.agentOK("check").status == 0)
        box.now = "2027-01-08T10:00:00+01:00"
        #expect(try world.agentOK("publish", "--until", "2027-01-25").trimmed == "v2")
        let v2 = try clauses(world, "--version", "v2")
        #expect(
            v2.filter { $0.parent == "bilan-annuel" }.map { "\($0.number) \($0.id) \($0.level)" } == ["5.3.1 contenu-du-bilan 3", "5.3.2 remise 3"])
        #expect(try world.inbox().proposal(id)?.status == "integrated")
    }

    @Test("a proposal on a section is outdated when any clause of it changes; revise --apply refuses a section changed since")
    func sectionCarryOver() throws {
        let world = try DialogueWorld.cloned()
        let box = world.box
        try requireArticle5(world)
        box.now = "2027-01-05T10:00:00+01:00"
        try box.write("texts/article5.md", "Le titulaire se soumet aux contrôles.\n\n## 5.1 Contrôle à réception\n\nÀ chaque livraison.\n")
        let onSection = try world.propose(DialogueWorld.cuisine, ["5", "--kind", "solution", "--cost", "neutral", "-m", "Nous contrôlons tout."])
        let onSibling = try world.propose(
            DialogueWorld.cuisine, ["6", "--kind", "clarification", "--cost", "unknown", "-m", "Le compostage est-il possible ?"])
        let onLeaf = try world.propose(DialogueWorld.cuisine, ["5.2", "--kind", "solution", "--cost", "neutral", "-m", "Un laboratoire local."])
        let alternative = try world.propose(
            DialogueWorld.traiteur,
            ["5", "--kind", "alternative", "--cost", "down", "--text-file", box.path("texts/article5.md"), "-m", "Plus simple."])
        try world.companyOK(DialogueWorld.cuisine, "push")
        try world.companyOK(DialogueWorld.traiteur, "push")
        box.now = "2027-01-06T10:00:00+01:00"
        try world.agentOK("fetch")
        try world.agentOK("comment", alternative, "--status", "accepted", "-m", "Oui.")

        // A sub-clause edited by hand: the section alternative cannot be applied as is.
        try box.edit(Self.cctp, replacing: "en fin d'année scolaire un bilan", with: "chaque trimestre un bilan")
        expectRefusal(
            try world.agent("revise", "--apply", alternative), status: 1,
            ["'\(Self.article5)' changed since Company \(world.pb) saw it in v1", "{+chaque"])
        #expect(try box.read(Self.cctp).contains("## 5.3 Bilan annuel {#bilan-annuel}\n\nLe titulaire remet chaque trimestre un bilan"))

        box.now = "2027-01-08T10:00:00+01:00"
        #expect(try world.agentOK("publish", "--until", "2027-01-25").trimmed == "v2")
        let states = try world.inbox().states
        #expect(states[onSection] == "outdated", "\(states)")
        #expect(states[alternative] == "outdated", "\(states)")
        #expect(states[onSibling] == "current", "\(states)")
        #expect(states[onLeaf] == "current", "\(states)")
        // The companies see it the same way once they fetch.
        try world.companyOK(DialogueWorld.cuisine, "fetch")
        let theirs = try world.inbox(DialogueWorld.cuisine).states
        #expect(theirs[onSection] == "outdated" && theirs[onLeaf] == "current", "\(theirs)")
    }
}
