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
