import Foundation
import Testing

@testable import JeSaisFaire

@Suite struct TextCCTPTests {
    // MARK: Parsing

    @Test func headingsInFencedAndIndentedCodeAreNotClauses() {
        let md = """
            # Objet {#objet}

            ```markdown
            ## Pas une clause {#faux}
            ```

            ~~~
            # Toujours pas
            ~~~

                ## Indenté

            <div>
            ## Dans du HTML
            </div>

            ## Vraie clause {#vraie}
            """
        let t = CCTPText(parsing: md)
        #expect(t.headings.map(\.id) == ["objet", "vraie"])
        #expect(t.headings.map(\.line) == [1, 17])
    }

    @Test func setextHeadingsCountAtBothLevels() throws {
        let md = """
            Objet du marché {#objet}
            ========================

            Texte.

            Délais
            ------

            Corps
            sur deux lignes.

            ## Suite {#suite}
            """
        let t = CCTPText(parsing: md)
        #expect(t.headings.count == 3)
        #expect(t.headings[0].level == 1 && t.headings[0].isSetext)
        #expect(t.headings[0].line == 1 && t.headings[0].lastLine == 2)
        #expect(t.headings[0].text == "Objet du marché" && t.headings[0].id == "objet")
        #expect(t.headings[1].level == 2 && t.headings[1].isSetext)
        #expect(t.headings[1].line == 6 && t.headings[1].lastLine == 7)
        #expect(t.headings[1].id == nil)
        #expect(!t.headings[2].isSetext && t.headings[2].lastLine == 12)

        let (text, assigned) = t.assigningIDs()
        #expect(assigned == ["delais"])
        #expect(text.contains("Délais {#delais}\n------\n"))
        let clauses = try CCTPText(parsing: text).clauses()
        #expect(clauses[1].body == "Corps\nsur deux lignes.")
        #expect(clauses[0].body == "Texte.")
    }

    @Test func multiLineSetextHeadingTakesAttributesFromLastTextLine() {
        let md = "Première ligne\nseconde ligne {#deux .x}\n===\n\ncorps\n"
        let t = CCTPText(parsing: md)
        #expect(t.headings.count == 1)
        #expect(t.headings[0].text == "Première ligne seconde ligne")
        #expect(t.headings[0].id == "deux" && t.headings[0].classes == ["x"])
        #expect(t.headings[0].line == 1 && t.headings[0].lastLine == 3)
    }

    @Test func headingsInBlockQuotesAndListsAreNotClauses() throws {
        let md = """
            # A {#a}

            > ## Citée {#citee}
            > texte

            - ## Dans une liste {#liste}
            - item

            1. ### Numérotée

            ## B {#b}
            """
        let t = CCTPText(parsing: md)
        #expect(t.headings.map(\.id) == ["a", "b"])
        let c = try t.clauses()
        #expect(c[0].body.contains("> ## Citée {#citee}"))
        #expect(c[0].body.contains("- ## Dans une liste"))
    }

    @Test func headingTextWithInlineMarkup() {
        let md = """
            ## Article 2 — Norme `NF EN 1090` et *exigences* **fortes** {#norme}
            ## Voir [le site](https://example.org) \\* &amp; <b>gras</b> {#voir}
            ## Fermé {#ferme} ##
            ## Pandoc ## {#pandoc}
            ### Sans id ###
            """
        let h = CCTPText(parsing: md).headings
        #expect(
            h.map(\.text) == [
                "Article 2 — Norme NF EN 1090 et exigences fortes",
                "Voir le site * & gras",
                "Fermé",
                "Pandoc",
                "Sans id",
            ])
        #expect(h.map(\.id) == ["norme", "voir", "ferme", "pandoc", nil])
    }

    @Test func attributesParsed() {
        let md = #"## Valeur technique {#valeur-technique .criterion .important weight=60 note="a b \"c\""}"#
        let h = CCTPText(parsing: md).headings[0]
        #expect(h.id == "valeur-technique")
        #expect(h.classes == ["criterion", "important"])
        #expect(h.attributes == ["weight": "60", "note": #"a b "c""#])
        #expect(h.text == "Valeur technique")
    }

    @Test func bracesThatAreNotAttributesStayInTheText() {
        let h = CCTPText(parsing: "## Ensemble {a, b}\n").headings[0]
        #expect(h.text == "Ensemble {a, b}")
        #expect(h.id == nil)
        #expect(CCTPText(parsing: "## Ensemble {a, b}\n").problems.isEmpty)
        let (text, ids) = CCTPText(parsing: "## Ensemble {a, b}\n").assigningIDs()
        #expect(ids == ["ensemble-a-b"])
        #expect(text == "## Ensemble {a, b} {#ensemble-a-b}\n")
        #expect(CCTPText(parsing: text).headings[0].text == "Ensemble {a, b}")
    }

    @Test func parentAndNumbering() throws {
        let md = """
            # Article 1 — Objet {#objet}
            ## 1.1 Périmètre {#perimetre}
            ## 1.2 Allotissement {#allotissement}
            ### Lot technique {#lot-technique}
            # Article 2 — Exigences {#exigences}
            ### Sous-détail {#sous-detail}
            ## Sans numéro {#sans-numero}
            ## Autre {#autre}
            # Annexes {#annexes}
            """
        let c = try CCTPText(parsing: md).clauses()
        #expect(c.map(\.parent) == [nil, "objet", "objet", "allotissement", nil, "exigences", "exigences", "exigences", nil])
        #expect(c.map(\.number) == ["1", "1.1", "1.2", "1.2.1", "2", "2.1", "2.2", "2.3", "3"])
        #expect(
            c.map(\.title) == [
                "Objet", "Périmètre", "Allotissement", "Lot technique", "Exigences",
                "Sous-détail", "Sans numéro", "Autre", "Annexes",
            ])
        #expect(c[0].heading == "Article 1 — Objet")
        #expect(c.map(\.level) == [1, 2, 2, 3, 1, 3, 2, 2, 1])
        #expect(c.map(\.line) == Array(1...9))
    }

    @Test func bodiesAreTrimmedAndExact() throws {
        let md = "# A {#a}\n\n\nPara 1  \nligne 2\n\n- x\n\n\n# B {#b}\n# C {#c}\n\n  \nfin\n\n"
        let c = try CCTPText(parsing: md).clauses()
        #expect(c[0].body == "Para 1  \nligne 2\n\n- x")
        #expect(c[1].body == "")
        #expect(c[2].body == "fin")
    }

    @Test func criteriaWeightsParsed() throws {
        let md = """
            # Critères {#criteres}
            ## Prix {#prix .criterion weight=40}
            ## Valeur technique {#valeur-technique .criterion weight="60"}
            Corps.
            """
        let c = try CCTPText(parsing: md).clauses()
        #expect(c.map(\.kind) == [.clause, .criterion, .criterion])
        #expect(c.map(\.weight) == [nil, 40, 60])
        #expect(c[2].parent == "criteres")
    }

    // MARK: Ids

    @Test func duplicateTitlesGetDistinctIDs() {
        let md = "## Délais\n\n## Délais\n\n## Délais {#delais-2}\n\n## Délais\n"
        let (text, ids) = CCTPText(parsing: md).assigningIDs()
        #expect(ids == ["delais", "delais-3", "delais-4"])
        #expect(text == "## Délais {#delais}\n\n## Délais {#delais-3}\n\n## Délais {#delais-2}\n\n## Délais {#delais-4}\n")
        #expect(CCTPText(parsing: text).problems(requireIDs: true).isEmpty)
    }

    @Test func accentsAndApostrophesMakeCleanIDs() {
        #expect(slug("Délais d'exécution") == "delais-d-execution")
        #expect(slug("Qualité de l’œuvre") == "qualite-de-l-oeuvre")
        #expect(slug("Article 3 — Exigences techniques") == "exigences-techniques")
        #expect(slug("ARTICLE 3 – Objet du marché") == "objet-du-marche")
        #expect(slug("3.2. Réception / admission") == "reception-admission")
        #expect(slug("Chapitre II : Cæcum & Straße") == "caecum-strasse")
        #expect(slug("A) Çà et là — «ÉTÉ»") == "ca-et-la-ete")
        #expect(slug("   ") == "section")
        #expect(slug("!!!") == "section")
        #expect(slug("2024 : bilan") == "bilan")
        #expect(slug("Article 3") == "article-3")
        #expect(slug("3D et réalité virtuelle") == "s-3d-et-realite-virtuelle")
        let long = slug("Prescriptions relatives à la gestion des déchets de chantier et au réemploi des matériaux")
        #expect(long.count <= 48)
        #expect(long == "prescriptions-relatives-a-la-gestion-des-dechets")
        #expect(!long.hasSuffix("-"))
        #expect(slug(String(repeating: "x", count: 100)).count == 48)
    }

    @Test func slugsAreAlwaysValidIDs() {
        for title in [
            "Délais d'exécution", "", "§", "9", "Œuvre", "ÀÉÎÕÜ ÿ", "L’Île-de-France", "x--y",
            String(repeating: "abc def ", count: 20), "日本語", "Article 1er — Objet",
        ] {
            #expect(isValidClauseID(slug(title)), "\(title) → \(slug(title))")
        }
    }

    @Test func existingIDsKeptAndAttributesPreserved() {
        let md = """
            # Article 1 — Objet {#mon-objet}
            ## Valeur technique {.criterion weight=60}
            ## Prix {  .criterion   weight=40 }
            ## Vide {}
            """
        let (text, ids) = CCTPText(parsing: md).assigningIDs()
        #expect(ids == ["valeur-technique", "prix", "vide"])
        #expect(
            text == """
                # Article 1 — Objet {#mon-objet}
                ## Valeur technique {#valeur-technique .criterion weight=60}
                ## Prix {#prix   .criterion   weight=40 }
                ## Vide {#vide}
                """)
        let h = CCTPText(parsing: text).headings
        #expect(h[2].classes == ["criterion"] && h[2].attributes["weight"] == "40")
    }

    @Test func assigningIDsIsIdempotent() {
        let md = "# Objet\n\nTexte\n\nDélais\n===\n\n## Délais ##\n\n## Qualité {.criterion weight=10}\n"
        let once = CCTPText(parsing: md).assigningIDs()
        let twice = CCTPText(parsing: once.text).assigningIDs()
        #expect(once.assigned == ["objet", "delais", "delais-2", "qualite"])
        #expect(twice.assigned.isEmpty)
        #expect(twice.text == once.text)
        #expect(once.text.contains("## Délais {#delais-2} ##\n"))
    }

    @Test func idsAgainstLaterExistingIDs() {
        let (_, ids) = CCTPText(parsing: "## Prix\n## Autre {#prix}\n").assigningIDs()
        #expect(ids == ["prix-2"])
    }

    @Test func crlfAndUTF8Preserved() {
        let md = "# Été à l’œuvre\r\n\r\nCorps é\r\n## Süß {#suss}\r\n"
        let (text, ids) = CCTPText(parsing: md).assigningIDs()
        #expect(ids == ["ete-a-l-oeuvre"])
        #expect(text == "# Été à l’œuvre {#ete-a-l-oeuvre}\r\n\r\nCorps é\r\n## Süß {#suss}\r\n")
    }

    // MARK: Hashes

    @Test func renumberingKeepsIDAndHashRetitlingChangesHash() throws {
        let v1 = "## Article 3 — Exigences techniques {#exigences}\n\nLe titulaire fournit.\n"
        let v2 = "## Article 4 — Exigences techniques {#exigences}\n\nLe titulaire fournit.   \n"
        let v3 = "## Article 4 — Exigences de performance {#exigences}\n\nLe titulaire fournit.\n"
        let v4 = "## Article 3 — Exigences techniques {#exigences}\n\nLe titulaire fournira.\n"
        let c = try [v1, v2, v3, v4].map { try CCTPText(parsing: $0).clauses()[0] }
        #expect(c.allSatisfy { $0.id == "exigences" })
        #expect(c[0].number == "3" && c[1].number == "4")
        #expect(c[0].contentHash == c[1].contentHash)
        #expect(c[0].contentHash != c[2].contentHash)
        #expect(c[0].contentHash != c[3].contentHash)
        #expect(c[0].contentHash.count == 40)
        #expect(c[0].contentHash == Clause.contentHash(title: "Exigences techniques", weight: nil, body: "Le titulaire fournit."))
    }

    @Test func contentHashIsTheGitBlobIDOfTheCanonicalText() throws {
        // `printf 'Prix\n40\nLe prix.' | git hash-object --stdin`
        let c = try CCTPText(parsing: "## Prix {#prix .criterion weight=40}\nLe prix.\n").clauses()[0]
        #expect(Clause.canonicalText(title: "Prix", weight: 40, body: "Le prix.") == "Prix\n40\nLe prix.")
        #expect(c.contentHash == "c5387ca3405052469df6d536aacb9029f124060d")
    }

    @Test func weightChangeChangesHash() throws {
        let a = try CCTPText(parsing: "## Prix {#prix .criterion weight=40}\nx\n").clauses()[0]
        let b = try CCTPText(parsing: "## Prix {#prix .criterion weight=45}\nx\n").clauses()[0]
        #expect(a.contentHash != b.contentHash)
    }

    // MARK: Problems

    @Test func eachProblemKindDetectedOnTheRightLine() {
        let md = """
            # Objet {#objet}

            ## Délais {#delais}

            ## Délais bis {#delais}

            ## Mauvais {#Bad_Id}

            ## Vide {#}

            ## Sans id

            ## Prix {#prix .criterion}

            ## Technique {#technique .criterion weight=abc}

            ## Trop {#trop .criterion weight=101}

            ## Pondéré {#pondere weight=20}

            ## Cassé {#casse weight}

            ## {#rien}

            ## Deux {#un #deux}
            """
        let t = CCTPText(parsing: md)
        let strict = t.problems(requireIDs: true)
        let got = strict.map { "\($0.code.dropFirst("cctp.".count))@\($0.line ?? 0)" }
        #expect(
            got == [
                "duplicateID@5", "malformedID@7", "malformedID@9", "missingID@11", "missingWeight@13",
                "badWeight@15", "badWeight@17", "weightOutsideCriterion@19", "malformedAttributes@21",
                "emptyHeading@23", "malformedAttributes@25",
            ])
        #expect(strict[0].message.en.contains("duplicate id 'delais'"))
        #expect(strict[0].message.en.contains("also on line 3"))
        #expect(strict[1].message.en.contains("'Bad_Id'"))
        #expect(strict[0].description.hasPrefix("cctp.md:5: "))
        #expect(t.problems.map(\.code).contains("cctp.missingID") == false)
        #expect(t.problems.count == strict.count - 1)
        #expect(throws: JSFError.self) { try t.clauses() }
        do { _ = try t.clauses() } catch { #expect(error.problems == strict) }
    }

    @Test func tooLongIDIsMalformed() {
        let id = String(repeating: "a", count: 65)
        let p = CCTPText(parsing: "## X {#\(id)}\n").problems
        #expect(p.map(\.code) == ["cctp.malformedID"])
        #expect(CCTPText(parsing: "## X {#\(id.dropLast())}\n").problems.isEmpty)
    }

    @Test func problemLinesOfSetextHeadings() {
        let p = CCTPText(parsing: "intro\n\nTitre {#A}\n-----\n").problems
        #expect(p.map(\.code) == ["cctp.malformedID"])
        #expect(p.first?.line == 3)
    }

    @Test func missingIDMakesClausesThrow() {
        let t = CCTPText(parsing: "# A {#a}\n## B\n")
        #expect(t.problems.isEmpty)
        #expect(t.problems(requireIDs: true).map(\.code) == ["cctp.missingID"])
        #expect(t.problems(requireIDs: true).first?.line == 2)
        #expect(throws: JSFError.self) { try t.clauses() }
    }

    // MARK: Editing

    @Test func replacingBody() throws {
        let md = "# A {#a}\nancien\ncorps\n## B {#b}\n\nb\n"
        let t = CCTPText(parsing: md)
        #expect(t.replacingBody(ofClause: "a", with: "\nnouveau\n\n") == "# A {#a}\n\nnouveau\n\n## B {#b}\n\nb\n")
        #expect(t.replacingBody(ofClause: "b", with: "x\ny") == "# A {#a}\nancien\ncorps\n## B {#b}\n\nx\ny\n")
        #expect(t.replacingBody(ofClause: "a", with: "") == "# A {#a}\n\n## B {#b}\n\nb\n")
        #expect(t.replacingBody(ofClause: "zz", with: "x") == nil)
        let edited = t.replacingBody(ofClause: "a", with: "nouveau")!
        let c = try CCTPText(parsing: edited).clauses()
        #expect(c.map(\.body) == ["nouveau", "b"])
    }

    @Test func replacingBodyAtEndOfFileWithoutNewline() throws {
        let t = CCTPText(parsing: "# A {#a}")
        #expect(t.replacingBody(ofClause: "a", with: "corps") == "# A {#a}\n\ncorps\n")
        let s = CCTPText(parsing: "Titre {#t}\n=====\nx")
        #expect(s.replacingBody(ofClause: "t", with: "y") == "Titre {#t}\n=====\n\ny\n")
    }

    @Test func settingWeight() throws {
        let md = "## Prix {#prix .criterion weight=40}\n## Tech {#tech .criterion}\n## Objet {#objet}\n"
        let t = CCTPText(parsing: md)
        let a = t.settingWeight(ofCriterion: "prix", to: 35)
        #expect(a == "## Prix {#prix .criterion weight=35}\n## Tech {#tech .criterion}\n## Objet {#objet}\n")
        let b = t.settingWeight(ofCriterion: "tech", to: 65)
        #expect(b == "## Prix {#prix .criterion weight=40}\n## Tech {#tech .criterion weight=65}\n## Objet {#objet}\n")
        #expect(t.settingWeight(ofCriterion: "objet", to: 1) == nil)
        #expect(t.settingWeight(ofCriterion: "nope", to: 1) == nil)
        let c = try CCTPText(parsing: b!).clauses()
        #expect(c.map(\.weight) == [40, 65, nil])
    }

    @Test func edgeCasesOfAssignment() {
        let md = "## Article 3\n\n##\n\n## Fermé ##\n\n## Cassé {#x weight}\n"
        let t = CCTPText(parsing: md)
        #expect(t.headings.map(\.text) == ["Article 3", "", "Fermé", "Cassé"])
        let (text, ids) = t.assigningIDs()
        #expect(ids == ["article-3", "ferme"]) // empty heading and broken attributes are left alone
        #expect(text == "## Article 3 {#article-3}\n\n##\n\n## Fermé {#ferme} ##\n\n## Cassé {#x weight}\n")
        #expect(CCTPText(parsing: text).problems.map(\.code) == ["cctp.emptyHeading", "cctp.malformedAttributes"])
        let unchanged = CCTPText(parsing: "# A {#a}\r\n")
        #expect(unchanged.assigningIDs().text == "# A {#a}\r\n")
    }

    @Test func emptyDocument() throws {
        let t = CCTPText(parsing: "")
        #expect(t.headings.isEmpty)
        #expect(try t.clauses().isEmpty)
        #expect(t.assigningIDs().text == "")
        #expect(CCTPText(parsing: "Juste du texte.\n").headings.isEmpty)
    }

    // MARK: Scale

    @Test func twoThousandClausesParse() throws {
        var md = ""
        for i in 1...2000 {
            md += i % 10 == 1 ? "# Article \(i) — Titre \(i)\n\n" : "## \(i).1 Sous-titre numéro \(i)\n\n"
            md += "Le titulaire s’engage à respecter l’exigence \(i).\n\n"
        }
        let (text, ids) = CCTPText(parsing: md).assigningIDs()
        #expect(ids.count == 2000)
        let clauses = try CCTPText(parsing: text).clauses()
        #expect(clauses.count == 2000)
        #expect(Set(clauses.map(\.id)).count == 2000)
        #expect(clauses[1].parent == clauses[0].id)
    }
}
