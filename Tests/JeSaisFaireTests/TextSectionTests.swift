import Foundation
import Testing

@testable import JeSaisFaire

/// A clause's section (the clause and its sub-clauses), its content hash, and replacing it with an alternative's text.
@Suite struct TextSectionTests {
    static let source = """
        # 1 Objet {#objet}

        Texte de l'objet.

        # 2 Exécution {#execution}

        Texte propre de l'article 2.

        ## 2.1 Commandes {#commandes}

        Les commandes.

        ## 2.2 Livraison {#livraison}

        La livraison.

        ### 2.2.1 Horaires {#horaires}

        Les horaires.

        ## 2.3 Critères {#criteres}

        ### Prix {#prix .criterion weight=60}

        Le prix.

        ### Valeur technique {#valeur .criterion weight=40}

        La valeur.

        # 3 Fin {#fin}

        La fin.

        """

    func clauses(_ source: String) throws -> [Clause] { try CCTPText(parsing: source).clauses() }

    @Test func theSectionGoesToTheNextHeadingOfItsLevelOrAbove() throws {
        let section = try #require(Reading.clauseSource(Self.source, id: "execution", withSubclauses: true))
        #expect(section.hasPrefix("# 2 Exécution {#execution}\n\nTexte propre"))
        #expect(section.hasSuffix("La valeur.\n"))
        #expect(Reading.clauseSource(Self.source, id: "execution") == "# 2 Exécution {#execution}\n\nTexte propre de l'article 2.\n")
        #expect(Reading.clauseSource(Self.source, id: "livraison", withSubclauses: true)?.hasSuffix("Les horaires.\n") == true)
        #expect(Dialogue.sectionBody(Self.source, id: "livraison") == "La livraison.\n\n### 2.2.1 Horaires {#horaires}\n\nLes horaires.")
    }

    @Test func theSectionHashFollowsEveryClauseOfItButNotTheNumbers() throws {
        let before = try clauses(Self.source)
        let hash = try #require(before.sectionHash(of: "execution"))
        #expect(before.sectionHash(of: "objet") == nil, "a clause without sub-clauses has no section hash")
        #expect(before.sectionHash(of: "livraison") != hash)
        let index = ClauseIndex.derive(from: before, previous: nil, version: 1)
        #expect(index.sectionHash(of: "execution") == hash)
        #expect(index.subclauses(of: "execution").map(\.id) == ["commandes", "livraison", "horaires", "criteres", "prix", "valeur"])
        #expect(index.subclauses(of: "objet").isEmpty)
        let edits = [
            ("Les horaires.", "Les horaires d'été."), // a sub-sub-clause's text
            ("## 2.1 Commandes {#commandes}", "## 2.1 Bons de commande {#commandes}"), // a retitle
            ("weight=60", "weight=70"), // a weight
            ("### 2.2.1 Horaires {#horaires}", "## 2.2.1 Horaires {#horaires}"), // a move up a level
            ("## 2.2 Livraison {#livraison}\n\nLa livraison.\n\n", ""), // a removal
        ]
        for (old, new) in edits {
            let edited = try clauses(Self.source.replacingOccurrences(of: old, with: new))
            #expect(edited.sectionHash(of: "execution") != hash, "\(old) → \(new)")
        }
        // Renumbering the whole section, or editing outside it, changes nothing.
        let renumbered = try clauses(
            Self.source.replacingOccurrences(of: "# 2 Exécution", with: "# 4 Exécution").replacingOccurrences(of: "## 2.", with: "## 4.")
                .replacingOccurrences(of: "La fin.", with: "La fin du marché."))
        #expect(renumbered.first { $0.id == "commandes" }?.number == "4.1")
        #expect(renumbered.sectionHash(of: "execution") == hash)
    }

    @Test func headingsKeepIDsByIDOrTitleNewOnesGetIDsLeftOutOnesAreRemoved() throws {
        let proposed = """
            Nouveau texte propre.

            ## 2.1 Passation des commandes {#commandes}

            Par courriel.

            ## 2.2 Livraison

            La livraison, reformulée.

            ## 2.3 Réversibilité

            En fin de marché.

            ## 2.4 Critères

            ### Prix

            Le prix.

            ### Valeur technique {.criterion weight=40}

            La valeur.
            """
        let text = CCTPText(parsing: Self.source)
        let (result, replacement) = try #require(try text.replacingSection(ofClause: "execution", with: proposed))
        #expect(replacement.kept == ["commandes", "livraison", "criteres", "prix", "valeur"])
        #expect(replacement.added == ["reversibilite"])
        #expect(replacement.removed.map(\.id) == ["horaires"])
        #expect(replacement.before.map(\.number) == ["2.1", "2.2", "2.2.1", "2.3", "2.3.1", "2.3.2"])
        // Matched by title: the id is written, with the criterion's attributes when the heading has none.
        #expect(result.contains("## 2.2 Livraison {#livraison}\n\nLa livraison, reformulée."))
        #expect(result.contains("## 2.3 Réversibilité {#reversibilite}\n"))
        #expect(result.contains("### Prix {#prix .criterion weight=60}\n"))
        #expect(result.contains("### Valeur technique {#valeur .criterion weight=40}\n"))
        #expect(result.contains("# 2 Exécution {#execution}\n\nNouveau texte propre.\n\n## 2.1 Passation des commandes {#commandes}"))
        #expect(result.hasSuffix("La valeur.\n\n# 3 Fin {#fin}\n\nLa fin.\n"))
        #expect(result.hasPrefix("# 1 Objet {#objet}\n\nTexte de l'objet.\n\n# 2 Exécution"))
        let after = try clauses(result)
        #expect(after.map(\.id) == ["objet", "execution", "commandes", "livraison", "reversibilite", "criteres", "prix", "valeur", "fin"])
        #expect(after.first { $0.id == "commandes" }?.title == "Passation des commandes")
        #expect(after.first { $0.id == "criteres" }?.number == "2.4")
        // What publish compares: the applied section, headings' ids aside, is the proposed text.
        #expect(CCTPText(parsing: result).plainSection(ofClause: "execution") == CCTPText(parsing: proposed).plainText())
        #expect(try text.sectionReplacement(ofClause: "execution", with: proposed) == replacement)
    }

    @Test func aTitleSharedBySeveralSubclausesPrefersTheSameNumberAndIsNewOtherwise() throws {
        let source = "# 1 A {#a}\n\n## 1.1 Suivi {#suivi-1}\n\nx\n\n## 1.2 Suivi {#suivi-2}\n\ny\n"
        let text = CCTPText(parsing: source)
        let numbered = try #require(try text.sectionReplacement(ofClause: "a", with: "## 1.2 Suivi\n\nz\n"))
        #expect(numbered.kept == ["suivi-2"] && numbered.removed.map(\.id) == ["suivi-1"])
        let unnumbered = try #require(try text.sectionReplacement(ofClause: "a", with: "## Suivi\n\nz\n"))
        #expect(unnumbered.kept.isEmpty && unnumbered.added == ["suivi"] && unnumbered.removed.count == 2)
        // Case, accents and spacing do not matter.
        let loose = try #require(
            try CCTPText(parsing: "# 1 A {#a}\n\n## 1.1 Contrôle  à réception {#c}\n").sectionReplacement(
                ofClause: "a", with: "## 1.1 CONTROLE A RECEPTION\n"))
        #expect(loose.kept == ["c"])
    }

    @Test func headingsInTheTextOfALeafBecomeItsSubclausesInOrder() throws {
        let text = CCTPText(parsing: Self.source)
        let (result, replacement) = try #require(try text.replacingSection(ofClause: "objet", with: "Objet.\n\n## 1.1 Périmètre\n\nLe périmètre.\n"))
        #expect(replacement.before.isEmpty && replacement.added == ["perimetre"] && replacement.isStructured)
        #expect(result.hasPrefix("# 1 Objet {#objet}\n\nObjet.\n\n## 1.1 Périmètre {#perimetre}\n\nLe périmètre.\n\n# 2 Exécution {#execution}\n"))
        let after = try clauses(result)
        #expect(after.first { $0.id == "perimetre" }.map { "\($0.number) \($0.parent ?? "")" } == "1.1 objet")
        #expect(try text.sectionReplacement(ofClause: "objet", with: "Objet seul.")?.isStructured == false)
        // The bug revise --apply had: the own text replaced, a heading of it lands before the first sub-clause.
        let bodyOnly = try clauses(try #require(text.replacingBody(ofClause: "execution", with: "x\n\n## 2.4 Nouveau {#nouveau}\n\ny")))
        #expect(bodyOnly.map(\.id).prefix(4) == ["objet", "execution", "nouveau", "commandes"])
        let section = try #require(try text.replacingSection(ofClause: "execution", with: "x\n\n## 2.4 Nouveau\n\ny"))
        #expect(section.replacement.removed.count == 6 && section.replacement.added == ["nouveau"])
        let replaced = try clauses(section.text)
        #expect(replaced.map(\.id) == ["objet", "execution", "nouveau", "fin"])
    }

    @Test func refusedHeadingsOutsideTheSectionAndForeignIDs() {
        let text = CCTPText(parsing: Self.source)
        func refusal(_ id: String, _ proposed: String) -> String {
            do {
                _ = try text.replacingSection(ofClause: id, with: proposed)
                return "accepted"
            } catch {
                return ([error.message.en] + error.hints.map(\.en) + error.problems.map(\.message.en)).joined(separator: "\n")
            }
        }
        #expect(
            refusal("commandes", "x\n\n## 2.1 bis Autre\n\ny").contains(
                "heading '2.1 bis Autre' is of level 2, not inside the section of 'commandes' (level 2)"))
        #expect(refusal("commandes", "x\n\n# Autre\n").contains("write sub-clauses as '### …' headings"))
        #expect(refusal("execution", "## Objet {#objet}\n").contains("'{#objet}' is the id of 1 Objet, outside the section of 'execution'"))
        #expect(refusal("execution", "## Moi {#execution}\n").contains("'{#execution}' is the id of the clause itself"))
        #expect(refusal("execution", "## A {#x}\n\n## B {#x}\n").contains("duplicate id 'x'"))
        #expect(refusal("execution", "## A {#Bad_Id}\n").contains("malformed id 'Bad_Id'"))
        #expect(refusal("absent", "x") == "accepted", "no such clause: nil, not an error")
        #expect((try? text.replacingSection(ofClause: "absent", with: "x")) ?? nil == nil)
    }
}
