import Foundation
import JeSaisFaire
import Testing

/// The exported documents as a reader of the tender file sees them: each printed (DOCX and ODT by LibreOffice, the
/// PDF as jsf writes it) and read back page by page with poppler.
@Suite("jsf export: documents an agent sends as they are")
struct ExportTenderTests {
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/opt/libreoffice/program/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A PDF read back: its pages' text (pdftotext per page) and the share of ink on its first pages.
    struct Printed {
        var pages: [String]
        var path: String

        var flat: [String] { pages.map { $0.replacing(#/\s+/#, with: " ") } }
    }

    static func read(_ box: Sandbox, pdf: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Printed {
        let pdfinfo = try #require(tool("pdfinfo"), sourceLocation: sourceLocation)
        let pdftotext = try #require(tool("pdftotext"), sourceLocation: sourceLocation)
        let info = try spawn(pdfinfo, [pdf], in: box.root, environment: box.environment())
        try #require(info.status == 0, "pdfinfo failed: \(info)", sourceLocation: sourceLocation)
        let count = try #require(
            info.stdout.firstMatch(of: #/Pages:\s+(\d+)/#).flatMap { Int($0.output.1) }, "no page count in \(info.stdout)",
            sourceLocation: sourceLocation)
        var pages: [String] = []
        for k in 1...count {
            let text = try spawn(pdftotext, ["-layout", "-f", "\(k)", "-l", "\(k)", pdf, "-"], in: box.root, environment: box.environment())
            try #require(text.status == 0, "pdftotext failed: \(text)", sourceLocation: sourceLocation)
            pages.append(text.stdout)
        }
        return Printed(pages: pages, path: pdf)
    }

    /// The share of non-white pixels of page `k`, rendered in grey at 30 dpi by pdftoppm (a PGM: a header, then a byte a pixel).
    static func ink(_ box: Sandbox, pdf: String, page k: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
        let pdftoppm = try #require(tool("pdftoppm"), sourceLocation: sourceLocation)
        let prefix = box.path("page-\(UUID().uuidString)")
        let run = try spawn(
            pdftoppm, ["-gray", "-r", "30", "-f", "\(k)", "-l", "\(k)", "-singlefile", pdf, prefix], in: box.root, environment: box.environment())
        try #require(run.status == 0, "pdftoppm failed: \(run)", sourceLocation: sourceLocation)
        let data = try #require(FileManager.default.contents(atPath: prefix + ".pgm"), "no \(prefix).pgm", sourceLocation: sourceLocation)
        // P5, width, height, maximum, each followed by one white-space byte.
        var fields: [String] = []
        var i = 0
        var field = ""
        while fields.count < 4, i < data.count {
            let c = Character(Unicode.Scalar(data[i]))
            i += 1
            if c.isWhitespace {
                if !field.isEmpty { fields.append(field) }
                field = ""
            } else {
                field.append(c)
            }
        }
        try #require(fields.first == "P5" && fields.count == 4, "not a PGM: \(fields)", sourceLocation: sourceLocation)
        let pixels = data[i...]
        try #require(!pixels.isEmpty, sourceLocation: sourceLocation)
        return Double(pixels.filter { $0 < 200 }.count) / Double(pixels.count)
    }

    static let header = "Restauration scolaire — Version 1 du 4 janvier 2027"

    /// What every printed export must show: a title page with the count of pages and no header, «Page k / N» and the
    /// header on each other page, no empty page, one cover, a sommaire whose pages are where the headings are.
    func expectTenderReady(_ printed: Printed, _ what: String, box: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pages = printed.flat
        let n = pages.count
        #expect(n >= 4, "\(what): \(n) pages", sourceLocation: sourceLocation)
        for (k, page) in pages.enumerated() {
            #expect(!page.trimmingCharacters(in: .whitespaces).isEmpty, "\(what): page \(k + 1) is blank", sourceLocation: sourceLocation)
            #expect(
                page.contains("Page \(k + 1) / \(n)"), "\(what): page \(k + 1) lacks «Page \(k + 1) / \(n)»:\n\(page)", sourceLocation: sourceLocation
            )
            if k > 0 {
                #expect(page.contains(Self.header), "\(what): page \(k + 1) lacks the header:\n\(page)", sourceLocation: sourceLocation)
                // The old cover is not printed again after jsf's title page.
                #expect(
                    !page.localizedCaseInsensitiveContains("Cahier des clauses techniques particulières")
                        && !page.contains("Fourniture et livraison de repas en liaison froide pour le restaurant"),
                    "\(what): page \(k + 1) repeats the cover:\n\(page)", sourceLocation: sourceLocation)
            }
        }
        let title = pages[0]
        #expect(!title.contains(Self.header), "\(what): the title page has the header", sourceLocation: sourceLocation)
        for piece in [
            "Restauration scolaire", "Commune de Val-d", "Version 1 du 4 janvier 2027", "Le présent document comporte \(n) pages.",
            // The cover's own lines that say more than jsf's page.
            "Fourniture et livraison de repas en liaison froide", "procédure adaptée",
        ] {
            #expect(title.contains(piece), "\(what): the title page lacks «\(piece)»:\n\(title)", sourceLocation: sourceLocation)
        }
        #expect(
            title.localizedCaseInsensitiveContains("Cahier des clauses techniques particulières"), "\(what): title page:\n\(title)",
            sourceLocation: sourceLocation)
        #expect(!title.contains("1.1 Objet"), "\(what): the text starts on the title page", sourceLocation: sourceLocation)
        // The sommaire, on page 2: each entry's page holds its heading.
        let sommaire = pages[1]
        #expect(sommaire.localizedCaseInsensitiveContains("Sommaire"), "\(what): page 2:\n\(sommaire)", sourceLocation: sourceLocation)
        var checked = 0
        for heading in ["Article 1 — Objet et durée du marché", "8.1 Prix (40 %)", "8.3 Performance environnementale (20 %)"] {
            let escaped = heading.replacing(#/[()%.]/#) { "\\" + $0.output }
            let pattern = try Regex(escaped + #"[ .…]*(\d+)\b"#)
            guard let match = sommaire.firstMatch(of: pattern), let page = Int(match.output[1].substring ?? "") else {
                Issue.record("\(what): the sommaire has no page for «\(heading)»:\n\(sommaire)", sourceLocation: sourceLocation)
                continue
            }
            #expect((3...n).contains(page), "\(what): «\(heading)» on page \(page)", sourceLocation: sourceLocation)
            if (1...n).contains(page) {
                #expect(pages[page - 1].contains(heading), "\(what): «\(heading)» is not on page \(page)", sourceLocation: sourceLocation)
                checked += 1
            }
        }
        #expect(checked == 3, sourceLocation: sourceLocation)
        #expect(pages.joined().contains("Critère Pondération"), "\(what): no criteria table", sourceLocation: sourceLocation)
        if Self.tool("pdftoppm") != nil {
            for k in 1...2 {
                let ink = try Self.ink(box, pdf: printed.path, page: k)
                #expect(ink > 0.003, "\(what): page \(k) renders blank (\(ink) of its pixels are not white)", sourceLocation: sourceLocation)
            }
        } else {
            Issue.record("pdftoppm is not installed: the pages are not rendered (apt-get install poppler-utils)")
        }
    }

    @Test("docx and odt, printed by LibreOffice: title page, header, «Page X / Y», sommaire with pages, no blank page", arguments: ["docx", "odt"])
    func office(format: String) throws {
        guard let soffice = Self.tool("soffice"), Self.tool("pdftotext") != nil, Self.tool("pdfinfo") != nil else {
            Issue.record(
                "soffice or pdftotext is not installed: the \(format) export is not printed (apt-get install libreoffice-writer-nogui poppler-utils)")
            return
        }
        let box = try Sandbox(spawning: true)
        try box.setUpPublished()
        let run = try box.jsf("export", "--format", format, "-o", "../cctp.\(format)", in: "c")
        #expect(run.status == 0, "\(run)")
        let profile = URL(fileURLWithPath: box.path("lo-profile")).absoluteString
        let converted = try spawn(
            soffice, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", box.root, box.path("cctp.\(format)")],
            in: box.root, environment: box.environment())
        try #require(converted.status == 0 && box.exists("cctp.pdf"), "soffice failed: \(converted)")
        try expectTenderReady(try Self.read(box, pdf: box.path("cctp.pdf")), format, box: box)
    }

    @Test("pdf through chromium: the same pages, counted by a first printing")
    func pdf() throws {
        guard Self.tool("chromium") != nil || Self.tool("chromium-browser") != nil, Self.tool("pdftotext") != nil, Self.tool("pdfinfo") != nil else {
            Issue.record("chromium or pdftotext is not installed: the PDF export is not read back (apt-get install chromium poppler-utils)")
            return
        }
        let box = try Sandbox(spawning: true)
        try box.setUpPublished()
        let run = try box.jsf("export", "--format", "pdf", "-o", "../cctp.pdf", in: "c")
        #expect(run.status == 0, "\(run)")
        try expectTenderReady(try Self.read(box, pdf: box.path("cctp.pdf")), "pdf", box: box)
    }

    @Test("html: the title page, the cover's lines once, a sommaire of links, the header and footer for printing")
    func html() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let run = try box.jsf("export", "--format", "html", "-o", "-", in: "c")
        #expect(run.status == 0, "\(run)")
        let page = run.stdout
        #expect(page.contains("<nav class=\"sommaire\""), "\(page.prefix(2000))")
        #expect(page.contains("<a href=\"#s1\"><span class=\"titre\">Article 1 — Objet et durée du marché</span></a>"), "\(page.prefix(3000))")
        #expect(page.contains("id=\"s1\""))
        #expect(page.contains("@bottom-center { content: \"Page \" counter(page) \" / \" counter(pages)"))
        #expect(page.contains("@top-center { content: \"\(Self.header)\""))
        #expect(!page.contains("JSFPAGE"), "a stand-in of the PDF is left")
        #expect(page.components(separatedBy: "Fourniture et livraison de repas en liaison froide pour le restaurant").count == 2)
        #expect(!page.contains("Le présent document comporte"), "html has no pages to count")
    }

    @Test("final: the header says when it was approved; the French note says «du texte approuvé»")
    func finalHeader() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        box.language = "fr_FR.UTF-8"
        let draft = try box.jsf("export", "--format", "md", "-o", "../v1.md", in: "c")
        #expect(draft.status == 0 && draft.stderr.contains("Export en MD de la v1 de restauration-val-d-orvenne-2027."), "\(draft)")
        box.now = "2027-01-25T10:00:00+01:00"
        try box.setUpBuyer(push: false)
        try box.ok("approve", "-m", "Texte conforme.", "--no-push", as: "buyer", in: "c")
        let final = try box.jsf("export", "final", "--format", "html", "-o", "../final.html", in: "c")
        #expect(final.status == 0, "\(final)")
        #expect(final.stderr.contains("Export en HTML du texte approuvé (v1) de restauration-val-d-orvenne-2027."), "\(final)")
        let page = try box.read("final.html")
        #expect(page.contains("@top-center { content: \"Restauration scolaire — Version 1 du 4 janvier 2027, approuvée le 25 janvier 2027\""))
    }

    @Test("an imported cover with its old date: its reference stays on the title page, its date and title go")
    func importedCover() throws {
        let box = try Sandbox()
        try box.setUpAgent()
        try box.write(
            "imported.md",
            """
            **CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES**

            **RESTAURATION SCOLAIRE**

            Commune de Val-d’Orvenne (Ille-et-Vilaine)

            Marché n° 2024-RS-07 — Service de la vie scolaire

            Version du 12/03/2024

            Mars 2024

            # Article 1 — Objet

            Le présent marché a pour objet la fourniture de repas.

            # Article 2 — Prix {.criterion weight=100}

            Le prix est jugé sur le bordereau.

            """)
        let made = try box.jsf(
            "init", "c", "--id", "restauration-2027", "--title", "Restauration scolaire", "--buyer", "Commune de Val-d'Orvenne",
            "--cpv", "55524000-9", "--territory", "35", "--from", box.path("imported.md"))
        try #require(made.status == 0, "\(made)")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        let md = try box.jsf("export", "--format", "md", "-o", "-", in: "c")
        #expect(md.status == 0, "\(md)")
        let body = try #require(md.stdout.components(separatedBy: "\n---\n").last)
        #expect(body.hasPrefix("\n::: {custom-style=\"Couverture\"}\nMarché n° 2024-RS-07 — Service de la vie scolaire\n:::\n"), "\(body)")
        for gone in ["12/03/2024", "Mars 2024", "CAHIER DES CLAUSES", "RESTAURATION SCOLAIRE", "Ille-et-Vilaine"] {
            #expect(!md.stdout.contains(gone), "«\(gone)» stays:\n\(md.stdout)")
        }
    }

    @Test("--reference-doc and --template: the ministry's files are used; bad ones are refused, naming them")
    func charte() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let pandoc = try #require(OfficeTools.pandoc, "pandoc is not installed")
        // The ministry's model: pandoc's plain reference.docx, without jsf's header and footer.
        let printed = try spawn(
            pandoc, ["-o", box.path("charte.docx"), "--print-default-data-file", "reference.docx"], in: box.root, environment: box.environment())
        try #require(printed.status == 0, "\(printed)")
        let own = try box.jsf("export", "--format", "docx", "--reference-doc", "../charte.docx", "-o", "../own.docx", in: "c")
        #expect(own.status == 0, "\(own)")
        let rels = try OfficeTools.unzip(box, "own.docx", member: "word/_rels/document.xml.rels")
        #expect(!rels.contains("jsf-footer.xml"), "the charte's page is replaced by jsf's")
        let builtIn = try box.jsf("export", "--format", "docx", "-o", "../jsf.docx", in: "c")
        #expect(builtIn.status == 0, "\(builtIn)")
        let footer = try OfficeTools.unzip(box, "jsf.docx", member: "word/jsf-footer.xml")
        #expect(footer.contains(" PAGE ") && footer.contains(" NUMPAGES "), "\(footer)")
        let document = try OfficeTools.unzip(box, "jsf.docx", member: "word/document.xml")
        #expect(document.contains(" PAGEREF s1 \\h ") && document.contains(" NUMPAGES "))

        try box.write(
            "charte.html",
            "<!DOCTYPE html>\n<html><head><title>$pagetitle$</title>$for(header-includes)$$header-includes$$endfor$</head><body><p class=\"charte\">MINISTÈRE — CHARTE</p>$body$</body></html>\n"
        )
        let html = try box.jsf("export", "--format", "html", "--template", "../charte.html", "-o", "-", in: "c")
        #expect(html.status == 0, "\(html)")
        #expect(html.stdout.contains("MINISTÈRE — CHARTE") && html.stdout.contains("Objet et durée du marché"), "\(html.stdout.prefix(600))")

        // Refusals name the file and leave nothing written.
        try box.write("notes.txt", "not a document\n")
        try box.write("nobody.html", "<html><body>$title$</body></html>\n")
        let odt = try box.jsf("export", "--format", "odt", "-o", "../jsf.odt", in: "c")
        #expect(odt.status == 0, "\(odt)")
        // jsf's look rules the tables (pandoc's cells have no borders).
        #expect(try OfficeTools.unzip(box, "jsf.odt", member: "content.xml").contains("fo:border=\"0.5pt solid #000000\""))
        #expect(try OfficeTools.unzip(box, "jsf.docx", member: "word/styles.xml").contains("<w:tblBorders>"))
        for (arguments, words) in [
            (["--format", "docx", "--reference-doc", "../missing.docx"], ["cannot use '\(box.path("missing.docx"))'", "no such file"]),
            (["--format", "docx", "--reference-doc", "../notes.txt"], ["cannot use '\(box.path("notes.txt"))'", "not a zip file"]),
            (["--format", "docx", "--reference-doc", "../jsf.odt"], ["cannot use '\(box.path("jsf.odt"))'", "not a Word (.docx) document"]),
            (["--format", "odt", "--reference-doc", "../jsf.docx"], ["cannot use '\(box.path("jsf.docx"))'", "it is a Word document"]),
            (["--format", "html", "--template", "../nobody.html"], ["cannot use '\(box.path("nobody.html"))'", "no $body$"]),
            (["--format", "pdf", "--template", "../charte.docx"], ["cannot use '\(box.path("charte.docx"))'", "UTF-8"]),
        ] {
            let run = try box.jsf(["export"] + arguments + ["-o", "../refused.out"], in: "c")
            expectRefusal(run, status: 1, words)
            #expect(!box.exists("refused.out"), "half-written after \(arguments)")
        }
        expectRefusal(
            try box.jsf("export", "--format", "pdf", "--reference-doc", "../charte.docx", in: "c"), status: 64,
            ["--reference-doc is for docx and odt"])
        expectRefusal(try box.jsf("export", "--format", "docx", "--template", "../charte.html", in: "c"), status: 64, ["--reference-doc"])
        box.language = "fr_FR.UTF-8"
        expectRefusal(
            try box.jsf("export", "--format", "docx", "--reference-doc", "../notes.txt", in: "c"), status: 1,
            ["impossible d'utiliser '\(box.path("notes.txt"))' : ce n'est pas un document Word (.docx) (pas un fichier zip)"])
    }
}
