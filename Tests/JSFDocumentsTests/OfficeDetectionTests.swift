import JeSaisFaire
import Testing

@testable import JSFDocuments

@Suite struct OfficeDetectionTests {
    @Test(arguments: [
        ("ARTICLE 3 – EXIGENCES TECHNIQUES", 0.0, "3", "numbered(1)"),
        ("Article 3 : Objet", 0.0, "3", "numbered(1)"),
        ("3.2 Délais d'exécution", 0.0, "3.2", "numbered(2)"),
        ("3.2.1 Délais de livraison", 1.0, "3.2.1", "numbered(3)"),
        ("CHAPITRE II – DISPOSITIONS GÉNÉRALES", 0.0, "II", "chapitre"),
        ("TITRE I – Généralités", 0.0, "I", "titre"),
        ("1 OBJET DU MARCHÉ", 0.0, "1", "numbered(1)"),
        ("1. Objet du marché", 1.0, "1", "numbered(1)"),
        ("II. Organisation", 1.0, "II", "roman"),
        ("A) Lot 1", 1.0, "A", "letter"),
    ])
    func headings(text: String, bold: Double, number: String, kind: String) {
        guard case .heading(let candidate, _) = HeadingDetection.classify(text, boldShare: bold) else {
            Issue.record("'\(text)' should be a heading")
            return
        }
        #expect(candidate.number == number)
        #expect(candidate.kind.description == kind)
    }

    @Test(arguments: [
        ("2 agents interviennent chaque jour pendant la période scolaire.", 0.0),
        ("1. Première période.", 0.0),
        ("1. Objet du marché", 0.0), // a bare number needs bold or capitals
        ("3.2 le titulaire fournit les pièces", 0.0), // lower-case: a sentence
        ("Article 4 du CCAG-FCS est applicable.", 0.0),
        ("2027 Rapport annuel", 1.0),
        ("150 repas par jour", 1.0),
        ("II. Organisation", 0.0),
    ])
    func bodies(text: String, bold: Double) {
        if case .heading = HeadingDetection.classify(text, boldShare: bold) { Issue.record("'\(text)' is not a heading") }
    }

    @Test func unnumberedEmphasis() {
        #expect(HeadingDetection.classify("Dispositions particulières", boldShare: 1) == .unnumberedEmphasis)
        #expect(HeadingDetection.classify("PRÉAMBULE", boldShare: 0) == .unnumberedEmphasis)
        #expect(HeadingDetection.classify("Le titulaire fournit les pièces.", boldShare: 1) == .body)
    }

    @Test func numbering() {
        var tracker = NumberingTracker()
        let three = HeadingDetection.candidate("ARTICLE 3 – Exigences")!
        tracker.accept(three)
        #expect(tracker.check(HeadingDetection.candidate("3.1 Normes")!) == .fits)
        #expect(tracker.check(HeadingDetection.candidate("5.3 Normes")!) == .breaks(expectedAfter: "3"))
        #expect(tracker.check(HeadingDetection.candidate("Article 2 : Prix")!) == .breaks(expectedAfter: "3"))
        #expect(tracker.check(HeadingDetection.candidate("Article 4 : Prix")!) == .fits)
        tracker.accept(HeadingDetection.candidate("3.1 Normes")!)
        #expect(tracker.check(HeadingDetection.candidate("3.1.1 Détail")!) == .fits)
        #expect(tracker.check(HeadingDetection.candidate("3.1 Encore")!) == .breaks(expectedAfter: "3.1"))
        tracker.accept(HeadingDetection.candidate("CHAPITRE II – Suite")!)
        #expect(tracker.check(HeadingDetection.candidate("Article 1 : Reprise")!) == .fits)
    }

    @Test(arguments: [
        ("Prix : 40 %", "Prix", 40),
        ("Valeur technique (60 points)", "Valeur technique", 60),
        ("Prix des prestations – 40 pts", "Prix des prestations", 40),
        ("Performance environnementale : 20\u{A0}%", "Performance environnementale", 20),
        ("40 % : Prix", "Prix", 40),
        ("- Délai d'intervention pondéré à 10 %", "Délai d'intervention", 10),
    ])
    func criteria(line: String, label: String, weight: Int) {
        let item = CriteriaDetection.item(line)
        #expect(item?.label == label)
        #expect(item?.weight == weight)
    }

    @Test func criteriaTitles() {
        #expect(CriteriaDetection.isCriteriaTitle("Critères d'attribution"))
        #expect(CriteriaDetection.isCriteriaTitle("CRITÈRES DE JUGEMENT DES OFFRES"))
        #expect(CriteriaDetection.isCriteriaTitle("Jugement des offres"))
        #expect(!CriteriaDetection.isCriteriaTitle("Délais d'exécution"))
        #expect(CriteriaDetection.item("Le titulaire remet 3 exemplaires") == nil)
        #expect(CriteriaDetection.item("Prix : 12,5 %") == nil)
    }

    @Test func exportCleaning() {
        #expect(OfficeExport.stripAttributes("Voir [ici]{#ancre} le texte") == "Voir [ici] le texte")
        #expect(OfficeExport.stripAttributes("## Prix {#prix .criterion weight=40}") == "## Prix")
        #expect(OfficeExport.stripAttributes("Un ensemble {a, b}") == "Un ensemble {a, b}")
        #expect(OfficeExport.frenchDay("2027-01-04") == "4 janvier 2027")
        #expect(OfficeExport.frenchDay("2027-03-01") == "1er mars 2027")
    }
}

@Suite struct MarkdownInlineTests {
    @Test func escapesEveryMarkupSign() {
        #expect(
            MarkdownInline.escape("H~2~O & x^2^ <b> *a* [l](u) #1 {#id} $x$ a|b `c` \\")
                == "H\\~2\\~O \\& x\\^2\\^ \\<b\\> \\*a\\* \\[l\\](u) \\#1 \\{\\#id\\} \\$x\\$ a\\|b \\`c\\` \\\\")
        #expect(MarkdownInline.escape("two\nlines\r\nhere") == "two lines here")
    }

    /// The export's criteria table escaped a '|' twice ("a\\|b"), which pandoc reads as a backslash and a new cell.
    @Test func criteriaTableEscapesOnce() throws {
        let clauses = try CCTPText(parsing: "## Prix|coût ~ H~2~O {#prix .criterion weight=100}\n\nTexte.\n").clauses()
        #expect(OfficeExport.criteriaTable(clauses)[2] == "| Prix\\|coût \\~ H\\~2\\~O | 100 % |")
    }
}

@Suite struct GluedNumberAndTableOfContentsTests {
    @Test(arguments: [
        ("1.1.TERMINOLOGIE", 1.0, "1.1", "TERMINOLOGIE", "numbered(2)"),
        ("3.6.1.Standards Web", 1.0, "3.6.1", "Standards Web", "numbered(3)"),
        ("ARTICLE 3 :", 1.0, "3", "", "numbered(1)"),
        ("Art. 3 - Prix", 0.0, "3", "Prix", "numbered(1)"),
        ("Art.3 - Prix", 0.0, "3", "Prix", "numbered(1)"),
        ("3°) Délais", 1.0, "3", "Délais", "numbered(1)"),
        ("III. ORGANISATION", 0.0, "III", "ORGANISATION", "roman"),
        ("III.ORGANISATION", 0.0, "III", "ORGANISATION", "roman"),
        ("A. Lot 1", 1.0, "A", "Lot 1", "letter"),
    ])
    func gluedNumbers(text: String, bold: Double, number: String, title: String, kind: String) throws {
        let candidate = try #require(HeadingDetection.candidate(text), "'\(text)' has a number")
        #expect(candidate.number == number)
        #expect(candidate.title == title)
        #expect(candidate.kind.description == kind)
        if !title.isEmpty {
            guard case .heading = HeadingDetection.classify(text, boldShare: bold) else {
                Issue.record("'\(text)' should be a heading")
                return
            }
        }
    }

    @Test func ungluesOnlyNumbers() {
        #expect(HeadingDetection.unglued("1.1.TERMINOLOGIE") == "1.1 TERMINOLOGIE")
        #expect(HeadingDetection.unglued("V.R.D. – Travaux") == nil)
        #expect(HeadingDetection.unglued("III.ORGANISATION") == "III. ORGANISATION")
        #expect(HeadingDetection.unglued("Art.3 - Prix") == "Art. 3 - Prix")
        #expect(HeadingDetection.unglued("1.1 Objet") == nil)
        #expect(HeadingDetection.unglued("Le titulaire") == nil)
    }

    @Test func tableOfContentsLines() {
        #expect(HeadingDetection.endsWithPageNumber("1.1 Objet du marché ........................ 3"))
        #expect(HeadingDetection.endsWithPageNumber("Clauses environnementales\t18"))
        #expect(HeadingDetection.endsWithPageNumber("ARTICLE 2 – PRESTATIONS …… 12"))
        #expect(!HeadingDetection.endsWithPageNumber("Le délai est de 30"))
        #expect(!HeadingDetection.endsWithPageNumber("Forfait annuel ........ 1500"))
        #expect(!HeadingDetection.endsWithPageNumber("1.1 Objet du marché"))
        #expect(HeadingDetection.isTableOfContentsTitle("SOMMAIRE"))
        #expect(HeadingDetection.isTableOfContentsTitle("Table des matières :"))
        #expect(!HeadingDetection.isTableOfContentsTitle("Sommaire des prestations"))
    }

    typealias A = PandocAST

    func convert(_ blocks: [A.Block]) -> (blocks: [A.Block], converter: Converter) {
        var converter = Converter(format: "docx", meta: [:])
        let out = converter.convert(blocks)
        return (out, converter)
    }

    func words(_ text: String) -> [A.Inline] {
        var out: [A.Inline] = []
        for (n, w) in text.split(separator: " ").enumerated() {
            if n > 0 { out.append(.space) }
            out.append(.str(String(w)))
        }
        return out
    }

    func headings(_ blocks: [A.Block]) -> [String] {
        blocks.compactMap { block in
            guard case .header(let level, _, let inlines) = block else { return nil }
            return "\(level) \(A.stringify(inlines))"
        }
    }

    @Test func typedSommaireIsNotTheClauseStructure() {
        let blocks: [A.Block] = [
            .para([.strong(words("SOMMAIRE"))]),
            .para(words("ARTICLE 1 – OBJET ........ 2")),
            .para(words("1.1 Périmètre ........ 2")),
            .para(words("ARTICLE 2 – PRESTATIONS\t3")),
            .para([.strong(words("ARTICLE 1 – OBJET"))]),
            .para(words("Le marché porte sur l'entretien.")),
            .para([.strong(words("1.1.PÉRIMÈTRE"))]),
            .para(words("Les locaux de la mairie.")),
            .para([.strong(words("ARTICLE 2 – PRESTATIONS"))]),
            .para(words("Le ménage.")),
        ]
        let (out, converter) = convert(blocks)
        #expect(headings(out) == ["1 ARTICLE 1 – OBJET", "2 1.1 PÉRIMÈTRE", "1 ARTICLE 2 – PRESTATIONS"])
        #expect(converter.droppedTOCLines == 4)
        #expect(converter.warnings.isEmpty, "\(converter.warnings)")
    }

    /// As the CCTP of Sailly-lez-Lannoy (Tests/Corpus/reel-sailly-restauration.docx): a SOMMAIRE without page
    /// numbers, with entries that have no number, before headings in heading styles.
    @Test func typedSommaireWithoutPageNumbersKeepsItsUnnumberedEntries() {
        let blocks: [A.Block] = [
            .para([.strong(words("SOMMAIRE"))]),
            .para(words("ARTICLE 5 LIVRAISON - PERSONNEL")),
            .para(words("5.1 Livraison")),
            .para(words("Prophylaxie")),
            .para(words("ARTICLE 6 LITIGES")),
            .para(words("Lieu d'exécution des prestations : Ville de Sailly")),
            .header(level: 1, .empty, words("ARTICLE 5 LIVRAISON - PERSONNEL")),
            .header(level: 2, .empty, words("5.1 Livraison")),
            .header(level: 3, .empty, words("Prophylaxie")),
            .para(words("Le personnel est tenu à une hygiène rigoureuse.")),
            .header(level: 1, .empty, words("ARTICLE 6 LITIGES")),
        ]
        let (out, converter) = convert(blocks)
        #expect(
            headings(out) == ["1 ARTICLE 5 LIVRAISON - PERSONNEL", "2 5.1 Livraison", "3 Prophylaxie", "1 ARTICLE 6 LITIGES"])
        #expect(converter.droppedTOCLines == 5)
        #expect(!A.stringify(out.compactMap(A.paragraphInlines).flatMap { $0 }).contains("Prophylaxie"))
    }

    /// As LibreOffice saves a Word file numbered by its heading styles (Tests/Corpus/reel-montferrier-restauration.odt):
    /// each heading in a list, the level-2 ones in a list inside the article's item or in a list of a list.
    @Test func nestedListsOfHeadingsGiveTheirHeadings() {
        let blocks: [A.Block] = [
            .orderedList(
                A.ListAttributes(),
                [
                    [
                        .header(level: 1, .empty, words("OBJET DU MARCHÉ")),
                        .orderedList(A.ListAttributes(), [[.header(level: 2, .empty, words("GÉNÉRALITÉS"))]]),
                    ]
                ]),
            .para(words("Le titulaire assure la fabrication.")),
            .orderedList(A.ListAttributes(), [[.orderedList(A.ListAttributes(), [[.header(level: 2, .empty, words("TYPES DE CONVIVES"))]])]]),
            .para(words("Le restaurant scolaire sert les scolaires.")),
            .orderedList(A.ListAttributes(), [[.para(words("un item"))], [.para(words("un autre"))]]),
        ]
        let (out, _) = convert(blocks)
        #expect(headings(out) == ["1 OBJET DU MARCHÉ", "2 GÉNÉRALITÉS", "2 TYPES DE CONVIVES"])
        // A list of paragraphs stays a list.
        #expect(out.contains { if case .orderedList = $0 { true } else { false } })
    }

    /// The headings of a restarted numbering, saved by LibreOffice in a list with their text inside the item
    /// (Tests/Corpus/word-numerotation-reprise.odt): the headings come out, their text after them, in order; a list
    /// whose items do not all start with a heading stays.
    @Test func headingsOfAListKeepTheTextOfTheirItem() {
        let blocks: [A.Block] = [
            .header(level: 1, .empty, words("PRESTATIONS")),
            .orderedList(
                A.ListAttributes(start: 5),
                [
                    [.header(level: 2, .empty, words("Produits")), .para(words("Les produits sont écolabellisés."))],
                    [.header(level: 2, .empty, words("Contrôle qualité")), .bulletList([[.plain(words("visites"))]])],
                ]),
            .orderedList(A.ListAttributes(), [[.header(level: 2, .empty, words("Seul titre"))], [.para(words("un item"))]]),
        ]
        let (out, _) = convert(blocks)
        #expect(headings(out) == ["1 PRESTATIONS", "2 Produits", "2 Contrôle qualité"])
        let paragraphs = out.compactMap(A.paragraphInlines).map(A.stringify)
        #expect(paragraphs.first == "Les produits sont écolabellisés.")
        #expect(out.filter { if case .bulletList = $0 { true } else { false } }.count == 1, "the item's own list stays a list")
        #expect(out.filter { if case .orderedList = $0 { true } else { false } }.count == 1, "a list not all of headings stays")
    }

    @Test func wordTableOfContentsFieldIsDropped() {
        let toc = A.Attr(id: "", classes: [], attributes: [(key: "custom-style", value: "TM 1")])
        let blocks: [A.Block] = [
            .div(toc, [.para(words("Objet 2")), .para(words("Prestations 3"))]),
            .header(level: 1, .empty, words("1 Objet")),
            .para(words("Le marché.")),
        ]
        let (out, _) = convert(blocks)
        #expect(headings(out) == ["1 1 Objet"])
    }

    @Test func restartedNumberingPrefersTheSequenceWithText() {
        let blocks: [A.Block] = [
            .para([.strong(words("1 OBJET"))]),
            .para([.strong(words("2 PRESTATIONS"))]),
            .para([.strong(words("1 OBJET"))]),
            .para(words("Le marché.")),
            .para([.strong(words("2 PRESTATIONS"))]),
            .para(words("Le ménage.")),
        ]
        let (out, converter) = convert(blocks)
        #expect(headings(out) == ["1 1 OBJET", "1 2 PRESTATIONS"])
        #expect(converter.warnings.isEmpty, "\(converter.warnings)")
    }

    @Test func coverBlockIsNoClause() {
        let blocks: [A.Block] = [
            .header(level: 1, .empty, words("Cahier des Clauses Techniques Particulières")),
            .header(level: 2, .empty, words("Entretien des locaux")),
            .para(words("Commune de Val-d'Orvenne")),
            .header(level: 1, .empty, words("ARTICLE 1 – OBJET")),
            .para(words("Le marché.")),
            .header(level: 2, .empty, words("1.1 Périmètre")),
            .para(words("La mairie.")),
        ]
        let (out, _) = convert(blocks)
        #expect(headings(out) == ["1 ARTICLE 1 – OBJET", "2 1.1 Périmètre"])
        #expect(out.first == .para([.strong(words("Cahier des Clauses Techniques Particulières"))]))
    }
}
