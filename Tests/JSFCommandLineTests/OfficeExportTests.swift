import Foundation
import JeSaisFaire
import Testing

@Suite("jsf export: a version of the CCTP as a tender-file document")
struct OfficeExportTests {
    /// Ids of the example CCTP that must never show in an export (distinctive ones: never natural words).
    static let ids = [
        "objet-et-duree-du-marche", "composition-et-qualite-des-repas", "qualite-des-repas-et-des-produits",
        "performance-environnementale {", "criteres-d-attribution",
    ]

    func expectClean(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains("{#"), "\(what) shows an id block", sourceLocation: sourceLocation)
        #expect(!text.contains(".criterion"), "\(what) shows a class", sourceLocation: sourceLocation)
        #expect(text.firstMatch(of: #/weight="?\d/#) == nil, "\(what) shows a weight attribute", sourceLocation: sourceLocation)
        for id in Self.ids { #expect(!text.contains(id), "\(what) shows the id \(id)", sourceLocation: sourceLocation) }
    }

    /// What every format shows: the title page, numbered headings, the criteria table.
    func expectContent(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for piece in [
            "Restauration scolaire", "Commune de Val-d", "Cahier des clauses techniques particulières", "Version 1 du 4 janvier 2027",
            "Article 1 — Objet et durée du marché", "1.1 Objet", "Article 8 — Critères d", "8.1 Prix (40 %)",
            "8.3 Performance environnementale (20 %)", "Critère", "Pondération",
        ] {
            #expect(
                text.contains(piece) || text.contains(piece.replacingOccurrences(of: "'", with: "’")),
                "\(what) lacks '\(piece)'", sourceLocation: sourceLocation)
        }
    }

    @Test("md and html: clean, numbered, with the criteria table; html is one self-contained file")
    func textFormats() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let md = try box.jsf("export", "--format", "md", "-o", "-", in: "c")
        #expect(md.status == 0, "\(md)")
        expectContent(md.stdout, "md")
        expectClean(md.stdout, "md")
        #expect(
            md.stdout.contains(
                """
                | Critère | Pondération |
                |:--------|------------:|
                | Prix | 40 % |
                | Qualité des repas et des produits | 40 % |
                | Performance environnementale | 20 % |
                | **Total** | **100 %** |

                ## 8.1 Prix (40 %)
                """), "\(md.stdout)")
        #expect(md.stdout.hasPrefix("---\ntitle: 'Restauration scolaire'\n"))

        let html = try box.jsf("export", "--format", "html", in: "c")
        #expect(html.status == 0, "\(html)")
        let file = "c/restauration-val-d-orvenne-2027-v1.html"
        #expect(html.stdout == box.path(file) + "\n")
        #expect(html.stderr.contains("Exported v1 of restauration-val-d-orvenne-2027 as HTML."))
        let page = try box.read(file)
        expectContent(page.replacingOccurrences(of: "&#39;", with: "'"), "html")
        expectClean(page, "html")
        #expect(page.contains("<style>") && page.contains("page-break-after"))
        #expect(page.firstMatch(of: #/(src|href)\s*=\s*"(?!#)[^"]+"/#) == nil, "html refers to other files")
        #expect(page.contains("<td>Prix</td>") || page.contains("<td style=\"text-align: left;\">Prix</td>"), "\(page)")
    }

    @Test("odt and docx: title page, page break, numbered headings, criteria table, no ids", arguments: ["odt", "docx"])
    func officeFormats(format: String) throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let run = try box.jsf("export", "v1", "--format", format, "-o", "../cctp-v1.\(format)", in: "c")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == box.path("cctp-v1.\(format)") + "\n")
        let xml = try OfficeTools.unzip(box, "cctp-v1.\(format)", member: format == "odt" ? "content.xml" : "word/document.xml")
        let text = OfficeTools.text(ofXML: xml)
        expectContent(text, format)
        expectClean(xml, format)
        if format == "odt" {
            #expect(xml.contains("<text:p text:style-name=\"Pagebreak\"/>"))
            #expect(xml.contains("style:name=\"Pagebreak\"") && xml.contains("fo:break-after=\"page\""))
        } else {
            #expect(xml.contains("<w:br w:type=\"page\"/>"))
        }
        // The page break comes after the title page and before the text.
        let breakTag = format == "odt" ? "<text:p text:style-name=\"Pagebreak\"/>" : "<w:br w:type=\"page\"/>"
        let flat = OfficeTools.text(ofXML: xml.replacingOccurrences(of: breakTag, with: "@@PAGEBREAK@@")).replacing(#/\s+/#, with: " ")
        let breakAt = try #require(flat.range(of: "@@PAGEBREAK@@")).lowerBound
        #expect(try #require(flat.range(of: "Version 1 du 4 janvier 2027")).lowerBound < breakAt)
        #expect(try #require(flat.range(of: "Cahier des clauses techniques particulières")).lowerBound < breakAt)
        #expect(try #require(flat.range(of: "Objet et durée du marché")).lowerBound > breakAt)
        // The criteria table, weights in their cells.
        #expect(
            flat.contains("Critère Pondération Prix 40 % Qualité des repas et des produits 40 % Performance environnementale 20 % Total 100 %"),
            "\(flat)")
    }

    @Test("pdf through chromium: the text is there, ids are not")
    func pdf() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        guard
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
                || FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium-browser")
        else {
            Issue.record("chromium is not installed: the PDF export is not tested (apt-get install chromium)")
            return
        }
        let run = try box.jsf("export", "--format", "pdf", in: "c")
        #expect(run.status == 0, "\(run)")
        let pdf = box.path("c/restauration-val-d-orvenne-2027-v1.pdf")
        #expect(FileManager.default.contents(atPath: pdf)?.starts(with: Data("%PDF".utf8)) == true)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            Issue.record("pdftotext is not installed: the PDF's text is not checked (apt-get install poppler-utils)")
            return
        }
        let text = try spawn("/usr/bin/pdftotext", ["-layout", pdf, "-"], in: box.root, environment: box.environment())
        #expect(text.status == 0)
        let flat = text.stdout.replacing(#/\s+/#, with: " ")
        for piece in [
            "Restauration scolaire", "CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES", "Version 1 du 4 janvier 2027",
            "1.1 Objet", "8.1 Prix (40 %)", "Critère", "Pondération",
        ] {
            #expect(flat.contains(piece), "pdf lacks '\(piece)':\n\(text.stdout.prefix(800))")
        }
        expectClean(text.stdout, "pdf")
        // The title page is a page of its own.
        let pages = text.stdout.split(separator: "\u{0C}")
        #expect(pages.count > 2)
        #expect(pages.first?.contains("Version 1 du 4 janvier 2027") == true && pages.first?.contains("1.1 Objet") == false)
    }

    @Test("final: the approved text with its approval date; without approval, a refusal naming jsf approve")
    func final() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        expectRefusal(
            try box.jsf("export", "final", "--format", "md", "-o", "-", in: "c"), status: 1,
            ["error: there is no approved text: the tag 'final' does not exist", "jsf approve"])
        // Close the round, approve as a PFRA buyer.
        box.now = "2027-01-25T10:00:00+01:00"
        try box.setUpBuyer(push: false)
        try box.ok("approve", "-m", "Texte conforme.", "--no-push", as: "buyer", in: "c")
        let md = try box.jsf("export", "final", "--format", "md", "-o", "-", in: "c")
        #expect(md.status == 0, "\(md)")
        #expect(md.stdout.contains("Version 1 du 4 janvier 2027\\\n  Version approuvée le 25 janvier 2027 par PFRA Bretagne"), "\(md.stdout)")
        expectClean(md.stdout, "md final")
        let odt = try box.jsf("export", "final", in: "c")
        #expect(odt.status == 0, "\(odt)")
        #expect(odt.stdout == box.path("c/restauration-val-d-orvenne-2027-final.odt") + "\n")
        let text = OfficeTools.text(ofXML: try OfficeTools.unzip(box, "c/restauration-val-d-orvenne-2027-final.odt", member: "content.xml"))
        #expect(text.contains("Version approuvée le 25 janvier 2027"), "\(text.prefix(600))")
    }

    @Test("refusals: unknown version, unknown format, binary to stdout, missing pandoc, nothing published, outside a consultation")
    func refusals() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        expectRefusal(try box.jsf("export", in: "c"), status: 1, ["error: nothing is published yet", "hint: publish the draft with 'jsf publish"])
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        expectRefusal(try box.jsf("export", "v9", in: "c"), status: 1, ["error: no draft 'v9' (drafts: v1)"])
        expectRefusal(try box.jsf("export", "--format", "rtf", in: "c"), status: 64, ["rtf"])
        expectRefusal(
            try box.jsf("export", "--format", "docx", "-o", "-", in: "c"), status: 64,
            ["error: a .docx file cannot be written to standard output"])
        let noPandoc = try box.jsf(["export", "--format", "docx"], in: "c", environment: ["PATH": try OfficeTools.emptyPath(box)])
        expectRefusal(noPandoc, status: 1, ["error: pandoc is needed to write .docx files and was not found on PATH", "apt-get install pandoc"])
        let noChromium = try box.jsf(["export", "--format", "pdf"], in: "c", environment: ["PATH": try OfficeTools.emptyPath(box)])
        expectRefusal(noChromium, status: 1, ["pandoc is needed"])
        #expect(!box.exists("c/restauration-val-d-orvenne-2027-v1.docx"), "nothing half-written")
        // md needs no external program.
        let md = try box.jsf(["export", "--format", "md"], in: "c", environment: ["PATH": try OfficeTools.emptyPath(box)])
        #expect(md.status == 0, "\(md)")
        #expect(box.exists("c/restauration-val-d-orvenne-2027-v1.md"))
        expectRefusal(try box.jsf("export"), status: 1, ["error: not a consultation"])
    }

    @Test("pdf without chromium: a message naming the Debian package")
    func pdfWithoutChromium() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let bin = try OfficeTools.emptyPath(box)
        let pandoc = try #require(OfficeTools.pandoc)
        try FileManager.default.createSymbolicLink(atPath: bin + "/pandoc", withDestinationPath: pandoc)
        let run = try box.jsf(["export", "--format", "pdf"], in: "c", environment: ["PATH": bin])
        expectRefusal(run, status: 1, ["error: PDF export needs chromium", "hint: install it: apt-get install chromium"])
    }
}
