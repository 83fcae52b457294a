import Foundation
import JeSaisFaire
import Testing

@testable import JSFDocuments

/// The pieces of `jsf export` that need no program: the cover merged into the title page, and the reading of a
/// PDF's pages and named destinations.
@Suite struct ExportPiecesTests {
    @Test("a cover's lines: what jsf's title page says, and old dates and versions, go; the rest stays")
    func coverLines() {
        let cover = [
            "**CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES (CCTP)**", "", "**RESTAURATION SCOLAIRE**", "",
            "COMMUNE DE VAL-D’ORVENNE (Ille-et-Vilaine)", "", "Marché n° 2024-RS-07", "<!-- -->", "Version du 12/03/2024", "",
            "Mars 2024", "", "Indice B", "", "Direction des affaires scolaires — 15 mars 2024, réunion de lancement et visite des sites du marché",
        ]
        #expect(
            ExportCover.lines(cover, title: "Restauration scolaire", buyer: "Commune de Val-d'Orvenne")
                == ["Marché n° 2024-RS-07", "Direction des affaires scolaires — 15 mars 2024, réunion de lancement et visite des sites du marché"])
    }

    @Test("a cover may hold a sentence; «(C.C.T.P.)» is the subtitle again")
    func coverWithASentence() {
        let cover = [
            "Commune de Sailly-lez-Lannoy", "", "Département du Nord", "", "**C.C.T.P**", "", "(C.C.T.P.)", "",
            "Marché à Procédure Adaptée selon les articles 28 et 30 du Code des Marchés publics.", "", "Lieu d'exécution : Sailly",
        ]
        #expect(
            ExportCover.lines(cover, title: "Repas", buyer: "Commune de Sailly-lez-Lannoy")
                == [
                    "Département du Nord", "Marché à Procédure Adaptée selon les articles 28 et 30 du Code des Marchés publics.",
                    "Lieu d'exécution : Sailly",
                ])
    }

    @Test(
        "a preamble is no cover: sentences, lists, tables, several lines in a paragraph",
        arguments: [
            ["Le présent document précise les prestations attendues du titulaire."],
            ["**Préambule**", "", "Le présent document précise les prestations.", "", "Il complète le CCAP."],
            ["**Préambule**", "", "- premier point", "- second point"],
            ["| a | b |", "|---|---|", "| 1 | 2 |"],
            ["Marché n° 2024-RS-07", "suite du même paragraphe"],
        ])
    func preamble(lines: [String]) {
        #expect(ExportCover.lines(lines, title: "T", buyer: "B") == nil)
    }

    @Test("a PDF's page tree (nested) and named destinations, as Skia writes them")
    func pdfReading() {
        let pdf = """
            %PDF-1.4
            1 0 obj
            <</Type /Catalog /Pages 2 0 R /Dests 9 0 R>>
            endobj
            2 0 obj
            <</Type /Pages /Count 3 /Kids [3 0 R 4 0 R]>>
            endobj
            3 0 obj
            <</Type /Pages /Count 2 /Kids [5 0 R 6 0 R]>>
            endobj
            5 0 obj
            <</Type /Page /Parent 3 0 R>>
            endobj
            6 0 obj
            <</Type /Page /Parent 3 0 R /Contents 7 0 R>>
            endobj
            7 0 obj
            <</Length 12 /Filter /FlateDecode>> stream
            \u{00}\u{FF}endobj 4 0 R
            endstream
            endobj
            4 0 obj
            <</Type /Page /Parent 2 0 R>>
            endobj
            9 0 obj
            <</s1 [5 0 R /XYZ 6 826 0]
            /s12 [4 0 R /XYZ 6 400 0]>>
            endobj
            """
        let reading = PDFReading(Data(pdf.utf8))
        #expect(reading.pageCount == 3)
        #expect(reading.destinationPages == ["s1": 1, "s12": 3])
    }
}
