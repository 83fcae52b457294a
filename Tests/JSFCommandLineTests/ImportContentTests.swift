import Foundation
import JeSaisFaire
import Testing

/// A CCTP with what real ones carry besides headings: footnotes in several clauses, nested and adjacent lists, a
/// code block after a list.
let contentCCTP = """
    # Article 1 — Objet

    Le marché porte sur la TMA[^tma] des applications métier.

    Les prestations suivent le RGAA[^rgaa].

    # Article 2 — Exécution

    ## 2.1 Prestations

    Le titulaire assure :

    - la maintenance corrective :
        - anomalies bloquantes ;
        - anomalies mineures ;
    - la maintenance évolutive :
        1. petites évolutions ;
        2. lots annuels.

    ## 2.2 Pénalités

    Les pénalités sont plafonnées[^plafond].

    1. Retard de livraison.
    2. Retard de correction.

    <!-- -->

    1. Première relance.
    2. Seconde relance.

    - Un point.

    <!-- -->

    - Un autre point.

    <!-- -->

        commande --exemple

    [^tma]: Tierce maintenance applicative.

        Elle comprend la maintenance corrective et évolutive.

    [^rgaa]: Référentiel général d'amélioration de l'accessibilité.

    [^plafond]: À 10 % du montant du marché.

    """

/// The bytes of a 2×1 PNG (red, blue).
let twoPixelPNG = Data(
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02,
        0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7B, 0x40, 0xE8, 0xDD, 0x00, 0x00, 0x00, 0x0F, 0x49, 0x44, 0x41,
        0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0xC0, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x06, 0x02, 0x01, 0x62, 0x09, 0x3A, 0x6B,
        0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ] as [UInt8])

/// A python3 with python-docx (its real executable, found on the PATH of the tests), for documents styled as Word
/// users style them; nil when there is none.
let pythonDocx: String? = {
    let environment = ProcessInfo.processInfo.environment
    guard let run = try? spawn("/usr/bin/env", ["python3", "-c", "import docx, sys; print(sys.executable)"], in: "/", environment: environment),
        run.status == 0
    else { return nil }
    let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

@Suite("jsf import: footnotes, nested lists and images of real CCTPs")
struct ImportContentTests {
    /// The body of each clause of `markdown`, by number.
    func bodies(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
        let clauses = try CCTPText(parsing: markdown).clauses()
        return Dictionary(clauses.map { ($0.number, $0.body) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("a footnote stays in the clause that cites it, with a label unique in the document", arguments: ["docx", "odt"])
    func footnotesStay(format: String) throws {
        let box = try Sandbox()
        try OfficeTools.make(box, "cctp.\(format)", markdown: contentCCTP)
        let run = try box.jsf("import", "cctp.\(format)")
        #expect(run.status == 0, "\(run)")
        let md = run.stdout
        let body = try bodies(md)
        #expect(try CCTPText(parsing: md).clauses().map(\.number) == ["1", "2", "2.1", "2.2"], "\(md)")
        // Article 1 cites two notes and holds both definitions; 2.2 holds its own; 2.1 holds none.
        let one = try #require(body["1"])
        #expect(one.contains("TMA[^1]") && one.contains("\n[^1]: Tierce maintenance applicative."), "\(one)")
        #expect(one.contains("\n    Elle comprend la maintenance corrective et évolutive."), "a note's second paragraph stays in it: \(one)")
        #expect(one.contains("RGAA[^2]") && one.contains("\n[^2]: Référentiel général"), "\(one)")
        #expect(try #require(body["2.2"]).contains("plafonnées[^3]") && body["2.2"]!.contains("[^3]: À 10 % du montant du marché."))
        #expect(!(body["2.1"] ?? "").contains("[^"), "\(body["2.1"] ?? "")")
        let notes = Footnotes(scanning: md)
        #expect(notes.definitions.map(\.label) == ["1", "2", "3"])
        #expect(Set(notes.definitions.map(\.label)).count == notes.definitions.count)
    }

    @Test("footnotes go through init, publish and export: real footnotes in docx and odt, in their clause in md")
    func footnotesExported() throws {
        let box = try Sandbox()
        try box.setUpAgent()
        try OfficeTools.make(box, "cctp.docx", markdown: contentCCTP)
        try box.ok("init", "c", "--id", "tma-2027", "--title", "TMA", "--buyer", "Ministère", "--cpv", "72000000-5", "--from", "cctp.docx")
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 0, "\(check)")
        #expect(!check.stdout.contains("footnote") && !check.stderr.contains("footnote"), "\(check)")
        try box.ok("publish", "--until", "2027-01-20", in: "c")

        let md = try box.ok("export", "--format", "md", "-o", "-", in: "c").stdout
        let article1 = try #require(md.range(of: "# Article 1 — Objet").map { String(md[$0.lowerBound...]) }?.components(separatedBy: "\n# ").first)
        #expect(article1.contains("[^1]: Tierce maintenance applicative."), "\(md)")
        let penalties = try #require(md.components(separatedBy: "## 2.2 Pénalités").last)
        #expect(penalties.contains("[^3]: À 10 % du montant du marché."))

        try box.ok("export", "--format", "docx", "-o", "tma.docx", in: "c")
        let notes = OfficeTools.text(ofXML: try OfficeTools.unzip(box, "c/tma.docx", member: "word/footnotes.xml"))
        #expect(notes.contains("Tierce maintenance applicative.") && notes.contains("À 10 % du montant du marché."), "\(notes)")
        let document = OfficeTools.text(ofXML: try OfficeTools.unzip(box, "c/tma.docx", member: "word/document.xml"))
        #expect(!document.contains("[^") && !document.contains("Tierce maintenance applicative."), "notes are not body text")

        try box.ok("export", "--format", "odt", "-o", "tma.odt", in: "c")
        let content = try OfficeTools.unzip(box, "c/tma.odt", member: "content.xml")
        #expect(content.components(separatedBy: "<text:note ").count - 1 == 3, "three notes in the odt")
        #expect(content.contains("text:note-class=\"footnote\""))
    }

    @Test(
        "jsf check: a note defined twice is an error that blocks publish; one defined in another clause, cited without definition or unused, warnings"
    )
    func footnoteRules() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        let original = try box.read("c/cctp.md")
        try box.edit(
            "c/cctp.md", replacing: "Il peut être reconduit deux fois",
            with: "Il peut[^a] être reconduit[^b] deux fois[^c]\n\n[^a]: Une note.\n\n[^a]: La même étiquette.\n\n[^z]: Personne ne la cite.\n\nEt")
        try box.edit("c/cctp.md", replacing: "# Article 2 — Contexte", with: "[^c]: Définie trop loin.\n\n# Article 2 — Contexte")
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 1, "\(check)")
        let all = check.stdout + check.stderr
        #expect(all.contains("footnote [^a] is defined twice"), "\(all)")
        #expect(all.contains("footnote [^b] has no definition"), "\(all)")
        #expect(all.contains("footnote [^z] is defined but never cited"), "\(all)")
        #expect(all.contains("footnote [^c] is cited in"), "\(all)")
        #expect(all.contains("move its definition to the end of"), "\(all)")
        let french = try box.jsf(["check"], in: "c", environment: ["LANG": "fr_FR.UTF-8"])
        #expect((french.stdout + french.stderr).contains("la note [^a] est définie deux fois"), "\(french)")
        let publish = try box.jsf("publish", "--until", "2027-01-20", in: "c")
        #expect(publish.status == 1, "\(publish)")
        #expect(try box.git("rev-parse", "--verify", "-q", "refs/tags/v1", in: "c").status != 0, "nothing published")
        try box.write("c/cctp.md", original)
        #expect(try box.jsf("check", in: "c").status == 0)
    }

    @Test("an alternative's text carries its footnote; revise --apply renames a label already used elsewhere")
    func alternativeFootnote() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut[^1] être reconduit deux fois")
        try box.edit("c/cctp.md", replacing: "## 1.3 Forme des prix", with: "[^1]: Par décision expresse.\n\n## 1.3 Forme des prix")
        let draft = try box.read("c/cctp.md")
        let target = try #require(try CCTPText(parsing: draft).clauses().first { !$0.body.contains("[^") && $0.kind == .clause && $0.level == 2 })
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        try box.write("proposed.md", "Les repas sont livrés en liaison froide[^1].\n\n[^1]: Entre 0 et 3 °C.\n")
        let id = try box.ok(
            "propose", target.id, "--kind", "alternative", "--cost", "down", "-m", "La liaison froide coûte moins.",
            "--text-file", box.path("proposed.md"), as: "company", in: "co"
        ).trimmed
        let shown = try box.ok("show", id, as: "company", in: "co")
        #expect(shown.stdout.contains("froide[^1].") && shown.stdout.contains("[^1]: Entre 0"), "the note is in the proposed text: \(shown)")
        try box.ok("push", as: "company", in: "co")
        try box.ok("fetch", in: "c")
        try box.ok("comment", id, "--status", "accepted", "-m", "Retenue.", in: "c")
        try box.ok("revise", "--apply", id, in: "c")
        let revised = try box.read("c/cctp.md")
        let body = try #require(try CCTPText(parsing: revised).clauses().first { $0.id == target.id }?.body)
        #expect(body == "Les repas sont livrés en liaison froide[^1-1].\n\n[^1-1]: Entre 0 et 3 °C.", "\(body)")
        #expect(revised.contains("Il peut[^1] être reconduit") && revised.contains("[^1]: Par décision expresse."))
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 0 && !(check.stdout + check.stderr).contains("footnote"), "\(check)")
    }

    @Test("nested lists stay nested, and no <!-- --> separator reaches cctp.md or the md export", arguments: ["docx", "odt"])
    func nestedLists(format: String) throws {
        let box = try Sandbox()
        try box.setUpAgent()
        try OfficeTools.make(box, "cctp.\(format)", markdown: contentCCTP)
        try box.ok("import", "cctp.\(format)", "--into", "d")
        let md = try box.read("d/cctp.md")
        #expect(!md.contains("<!--"), "\(md)")
        // Tight in Word, loose in LibreOffice: the same nesting either way.
        let lines = md.split(separator: "\n").joined(separator: "\n")
        #expect(
            lines.contains(
                "-   la maintenance corrective :\n    -   anomalies bloquantes ;\n    -   anomalies mineures ;\n-   la maintenance évolutive :\n    1.  petites évolutions ;\n    2.  lots annuels."
            ), "\(md)")
        // pandoc reads the lists back as they were: two ordered lists, then the bullet points, then the code.
        let pandoc = try #require(OfficeTools.pandoc)
        let native = try spawn(pandoc, ["-f", "markdown", "-t", "native", "d/cctp.md"], in: box.root, environment: box.environment()).stdout
        let flat = native.replacingOccurrences(of: "\n", with: " ").replacing(#/\s+/#, with: " ")
        #expect(flat.contains("Str \"corrective\" , Space , Str \":\" ] , BulletList [ [ Plain [ Str \"anomalies\""), "\(flat)")
        #expect(flat.components(separatedBy: "OrderedList").count - 1 == 3, "the nested one and the two of 2.2: \(flat)")
        #expect(
            flat.contains("Str \"correction.\" ] ] ] , OrderedList ( 1 , Decimal , OneParen )")
                && flat.contains("Str \"Un\" , Space , Str \"autre\""), "\(flat)")

        try box.ok("init", "c", "--id", "tma-2027", "--title", "TMA", "--buyer", "Ministère", "--cpv", "72000000-5", "--from", box.path("d/cctp.md"))
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        let exported = try box.ok("export", "--format", "md", "-o", "-", in: "c").stdout
        #expect(!exported.contains("<!--"), "\(exported)")
        #expect(exported.contains("\n    -   anomalies bloquantes ;"), "\(exported)")
        // Round trip: exported to Word and imported again, the lists are still nested.
        try box.ok("export", "--format", format, "-o", box.path("again.\(format)"), in: "c")
        let again = try box.ok("import", "again.\(format)").stdout
        #expect(again.contains("\n    -   anomalies bloquantes ;") && again.contains("\n    1.  petites évolutions ;"), "\(again)")
        #expect(!again.contains("<!--"))
    }

    @Test("images are kept under assets/, named by content, committed with the draft and embedded by export", arguments: ["docx", "odt"])
    func imagesKept(format: String) throws {
        let box = try Sandbox()
        try box.setUpAgent()
        try box.writeData("plan.png", twoPixelPNG)
        let source = "# Article 1 — Locaux\n\nLe plan :\n\n![Plan des locaux](plan.png)\n\nEt encore ![Plan](plan.png) le même.\n"
        try OfficeTools.make(box, "cctp.\(format)", markdown: source)
        let imported = try box.jsf("import", "cctp.\(format)", "--into", "d")
        #expect(imported.status == 0, "\(imported)")
        let md = try box.read("d/cctp.md")
        let paths = Assets.paths(shownIn: md)
        #expect(paths.count == 1, "one picture shown twice is one file: \(md)")
        let path = try #require(paths.first)
        #expect(path.firstMatch(of: #/^assets\/[0-9a-f]{16}\.png$/#) != nil, "\(path)")
        #expect(FileManager.default.contents(atPath: box.path("d/" + path)).map { Assets.kind(of: $0) } == .png)
        // Word keeps the alternative text; LibreOffice makes it the caption under the picture.
        #expect(md.contains(format == "docx" ? "![Plan des locaux](\(path))" : "](\(path))"), "\(md)")
        #expect(md.contains("Plan des locaux"))
        #expect(imported.stderr.contains("Wrote 1 image(s) under"), "\(imported)")
        #expect(!imported.stderr.contains("dropped"), "\(imported)")
        // The same document again: the same name.
        let printed = try box.jsf("import", "cctp.\(format)")
        #expect(Assets.paths(shownIn: printed.stdout) == [path])
        #expect(printed.stderr.contains("1 image(s) not written: with --into DIR"), "\(printed)")

        try box.ok("init", "c", "--id", "locaux-2027", "--title", "Locaux", "--buyer", "Commune", "--cpv", "72000000-5", "--from", "cctp.\(format)")
        #expect(box.exists("c/" + path))
        let tree = try box.gitOutput("ls-tree", "-r", "--name-only", "main", in: "c")
        #expect(tree.split(separator: "\n").contains(Substring(path)), "\(tree)")
        #expect(try box.git("fsck", "--strict", in: "c").status == 0)
        #expect(try box.jsf("check", in: "c").status == 0)
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        #expect(try box.gitOutput("ls-tree", "-r", "--name-only", "v1", in: "c").contains(path))
        #expect(try box.gitOutput("status", "--porcelain", in: "c").isEmpty, "the working tree is the commit")

        try box.ok("export", "--format", "docx", "-o", "l.docx", in: "c")
        let docx = try OfficeTools.unzip(box, "c/l.docx", member: "word/document.xml")
        #expect(docx.contains("<a:blip"), "the picture is in the docx")
        try box.ok("export", "--format", "odt", "-o", "l.odt", in: "c")
        let odt = try OfficeTools.unzip(box, "c/l.odt", member: "content.xml")
        #expect(odt.contains("<draw:image") && odt.contains("Pictures/"), "the picture is in the odt")
        let html = try box.ok("export", "--format", "html", "-o", "-", in: "c").stdout
        #expect(html.contains("src=\"data:image/png;base64,"), "html embeds the picture")
        #expect(!html.contains("src=\"assets/"))
        let exported = try box.ok("export", "--format", "md", "-o", "-", in: "c").stdout
        #expect(exported.contains("](\(path))"))
        if ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains(where: FileManager.default.isExecutableFile(atPath:)) {
            try box.ok("export", "--format", "pdf", "-o", "l.pdf", in: "c")
            let pdf = try #require(FileManager.default.contents(atPath: box.path("c/l.pdf")))
            #expect(String(decoding: pdf, as: UTF8.self).contains("/Subtype /Image"), "the picture is in the pdf")
        }
    }

    @Test("images jsf cannot keep are dropped with a warning naming them: SVG, a web address")
    func imagesDropped() throws {
        let box = try Sandbox()
        try box.write("dessin.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><script>alert(1)</script></svg>\n")
        try box.write("cctp.md", "# Article 1 — Objet\n\n![Dessin](dessin.svg)\n\n![Carte](https://example.org/carte.png)\n\nTexte.\n")
        let run = try box.jsf("import", "cctp.md", "--into", "d")
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("image 'dessin.svg' is a SVG file: dropped"), "\(run.stderr)")
        #expect(run.stderr.contains("image 'https://example.org/carte.png' is on the web"), "\(run.stderr)")
        #expect(run.stderr.contains("2 image(s) dropped"), "\(run.stderr)")
        let md = try box.read("d/cctp.md")
        #expect(!md.contains("!["), "\(md)")
        #expect(!box.exists("d/assets"))
    }

    @Test("the checks on assets/: names, types, sizes, shown images; publish refuses and writes nothing")
    func assetRules() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try FileManager.default.createDirectory(atPath: box.path("c/assets"), withIntermediateDirectories: true)
        try box.writeData("c/assets/plan.png", twoPixelPNG)
        try box.write("c/assets/faux.png", "pas une image\n")
        try box.write("c/assets/dessin.svg", "<svg/>\n")
        try box.writeData("c/assets/grand.gif", Data("GIF89a".utf8) + Data(count: Assets.maximumSize))
        try box.edit(
            "c/cctp.md", replacing: "Il peut être reconduit deux fois",
            with:
                "![Plan](assets/plan.png) ![Faux](assets/faux.png) ![Web](https://example.org/x.png) ![Absent](assets/absent.png) Il peut être reconduit deux fois"
        )
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 1, "\(check)")
        let all = check.stdout + check.stderr
        #expect(all.contains("'assets/dessin.svg' is not a valid image name"), "\(all)")
        #expect(all.contains("'assets/faux.png' is not a PNG image"), "\(all)")
        #expect(all.contains("'assets/grand.gif' weighs 5.0 MiB, more than the 5.0 MiB an image may"), "\(all)")
        #expect(all.contains("image 'https://example.org/x.png' is not in the consultation"), "\(all)")
        #expect(all.contains("image 'assets/absent.png' is not among the consultation's images"), "\(all)")
        #expect(all.contains("'assets/grand.gif' is shown nowhere in cctp.md"), "\(all)")
        #expect(!all.contains("'assets/plan.png'"), "the good one is fine: \(all)")
        let tip = try box.gitOutput("rev-parse", "main", in: "c")
        #expect(try box.jsf("publish", "--until", "2027-01-30", in: "c").status == 1)
        #expect(try box.gitOutput("rev-parse", "main", in: "c") == tip, "nothing committed")

        // Fixed: only the good image, shown; published with it; removed later, it leaves the next draft.
        for bad in ["faux.png", "dessin.svg", "grand.gif"] { try FileManager.default.removeItem(atPath: box.path("c/assets/" + bad)) }
        try box.edit(
            "c/cctp.md", replacing: " ![Faux](assets/faux.png) ![Web](https://example.org/x.png) ![Absent](assets/absent.png)", with: "")
        #expect(try box.jsf("check", in: "c").status == 0)
        try box.ok("publish", "--until", "2027-01-30", in: "c")
        #expect(try box.gitOutput("ls-tree", "-r", "--name-only", "v2", in: "c").contains("assets/plan.png"))
        try box.edit("c/cctp.md", replacing: "![Plan](assets/plan.png) ", with: "")
        try FileManager.default.removeItem(atPath: box.path("c/assets"))
        box.now = "2027-01-10T09:00:00+01:00"
        try box.ok("publish", "--until", "2027-02-10", in: "c")
        #expect(!(try box.gitOutput("ls-tree", "-r", "--name-only", "v3", in: "c")).contains("assets/"))
    }

    @Test("a company's proposed text may show the draft's images only")
    func proposalImages() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try FileManager.default.createDirectory(atPath: box.path("c/assets"), withIntermediateDirectories: true)
        try box.writeData("c/assets/plan.png", twoPixelPNG)
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "![Plan](assets/plan.png)\n\nIl peut être reconduit deux fois")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        let target = try #require(try CCTPText(parsing: box.read("c/cctp.md")).clauses().first { $0.body.contains("assets/plan.png") })
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        #expect(box.exists("co/assets/plan.png"), "a clone has the draft's images")
        for foreign in ["![Pixel](https://tracker.example/p.gif)", "![Autre](assets/autre.png)", "![Fichier](../../etc/x.png)"] {
            try box.write("proposed.md", "Texte.\n\n\(foreign)\n")
            let refused = try box.jsf(
                ["propose", target.id, "--kind", "alternative", "--cost", "down", "-m", "Mieux.", "--text-file", box.path("proposed.md")],
                as: "company", in: "co")
            expectRefusal(
                refused, status: 1, ["error: the proposed text shows the image", "which v1 does not have", "hint: a proposal brings no file"])
        }
        try box.write("proposed.md", "Texte.\n\n![Plan](assets/plan.png)\n")
        try box.ok(
            "propose", target.id, "--kind", "alternative", "--cost", "down", "-m", "Mieux.", "--text-file", box.path("proposed.md"),
            as: "company", in: "co")
        try box.ok("push", as: "company", in: "co")
    }

    @Test("a code block right after a list is fenced, and lists in a row stay apart, without <!-- -->")
    func codeAfterList() throws {
        let box = try Sandbox()
        try box.write(
            "cctp.md",
            "# Article 1 — Objet\n\n- un\n- deux\n\n<!-- -->\n\n    commande --exemple\n\n1. a\n2. b\n\n<!-- -->\n\n1. c\n\n<!-- -->\n\n2. d\n")
        let md = try box.ok("import", "cctp.md").stdout
        #expect(!md.contains("<!--"), "\(md)")
        #expect(md.contains("-   deux\n\n``` text\ncommande --exemple\n```"), "\(md)")
        #expect(
            md.contains("2.  b\n\n1)  c\n2)  d") || md.contains("2.  b\n\n1)  c\n\n2)  d"),
            "the restart keeps its own list, the continuation joins it: \(md)")
        let pandoc = try #require(OfficeTools.pandoc)
        try box.write("out.md", md)
        let native = try spawn(pandoc, ["-f", "markdown", "-t", "native", "out.md"], in: box.root, environment: box.environment()).stdout
        #expect(native.components(separatedBy: "OrderedList").count - 1 == 2 && native.contains("CodeBlock"), "\(native)")
    }

    @Test(
        "Word's list styles nest: «List Bullet 2» and «List Number 2» go under the item before them",
        .enabled(if: pythonDocx != nil, "python3 with python-docx is not installed"))
    func wordListStyles() throws {
        let box = try Sandbox()
        let script = """
            import docx, sys
            d = docx.Document()
            d.add_heading('Article 1 — Objet', level=1)
            d.add_paragraph('Le titulaire assure :')
            for text, style in [('la maintenance corrective :', 'List Bullet'), ('anomalies bloquantes ;', 'List Bullet 2'),
                                ('anomalies mineures ;', 'List Bullet 2'), ('la maintenance évolutive :', 'List Bullet'),
                                ('petites évolutions ;', 'List Number 2'), ('lots annuels.', 'List Number 2'),
                                ('la réversibilité.', 'List Bullet')]:
                d.add_paragraph(text, style=style)
            d.add_paragraph('Texte.')
            d.add_paragraph('Une liste simple :', style='List Bullet')
            d.add_paragraph('sans niveau.', style='List Bullet')
            d.save(sys.argv[1])
            """
        try box.write("make.py", script)
        let made = try spawn(try #require(pythonDocx), ["make.py", box.path("word.docx")], in: box.root, environment: box.environment())
        try #require(made.status == 0, "\(made)")
        let md = try box.ok("import", "word.docx").stdout
        let lines = md.split(separator: "\n").joined(separator: "\n")
        #expect(
            lines.contains(
                "-   la maintenance corrective :\n    -   anomalies bloquantes ;\n    -   anomalies mineures ;\n-   la maintenance évolutive :\n    1.  petites évolutions ;\n    2.  lots annuels.\n-   la réversibilité.\nTexte.\n-   Une liste simple :\n-   sans niveau."
            ), "\(md)")
        #expect(!md.contains("<!--"), "\(md)")
    }

    @Test("the hub's hook refuses a proposal pushed with plain git that shows an image from the web, or that brings a file")
    func hubRefusesSmuggledImages() throws {
        let world = try AttackWorld.make()
        let box = world.box
        try world.refreshForge()
        let genuine = try world.forgeFile("refs/hub/heads/proposals/\(world.attacker)", "1.md")
        var alternative = replacingProposalID(genuine, with: "id: \"\(world.attacker)-2\"")
        alternative = alternative.replacingOccurrences(of: "kind: clarification", with: "kind: alternative")
        try #require(alternative.contains("kind: alternative"), "\(alternative)")
        alternative += "\n## Texte proposé\n\nLa durée est d'un an.\n\n![Pixel](https://tracker.example/p.gif)\n"
        let before = try world.hubRefs()
        let pixel = try world.forgeCommit(
            on: "refs/hub/heads/proposals/\(world.attacker)", write: ["2.md": alternative], message: "Proposition", key: world.derivedKey)
        let refused = try box.git(["push", "--porcelain", world.hub, "\(pixel):\(world.attackerBranch)"], in: "forge")
        #expect(refused.status != 0, "\(refused)")
        #expect(
            refusalLines(refused, ref: world.attackerBranch, rules: ["file"]).contains {
                $0.contains("shows the image 'https://tracker.example/p.gif'")
            },
            "\(refused)")
        let honest = alternative.replacingOccurrences(of: "\n\n![Pixel](https://tracker.example/p.gif)", with: "")
        let smuggled = try world.forgeCommit(
            on: "refs/hub/heads/proposals/\(world.attacker)",
            write: ["2.md": honest, "assets/plan.png": String(decoding: twoPixelPNG, as: UTF8.self)],
            message: "Proposition", key: world.derivedKey)
        let file = try box.git(["push", "--porcelain", world.hub, "\(smuggled):\(world.attackerBranch)"], in: "forge")
        #expect(file.status != 0 && !refusalLines(file, ref: world.attackerBranch, rules: ["tree"]).isEmpty, "\(file)")
        #expect(try world.hubRefs() == before, "the hub did not change")
    }

    @Test("the md export of a cctp.md an older import left with <!-- --> separators has none")
    func olderSeparatorsLeaveTheExport() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        try box.edit(
            "c/cctp.md", replacing: "Il peut être reconduit deux fois",
            with:
                "Il peut être reconduit :\n\n-   une fois\n\n<!-- -->\n\n-   deux fois\n\n```text\n<!-- -->\n```\n\nIl peut être reconduit deux fois")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        let md = try box.ok("export", "--format", "md", "-o", "-", in: "c").stdout
        #expect(md.contains("-   une fois\n\n-   deux fois\n\n```text\n<!-- -->\n```"), "\(md)")
        #expect(md.components(separatedBy: "<!-- -->").count == 2, "only the one in the code block stays: \(md)")
    }

    @Test(
        "a docx saved by LibreOffice (Word's numbering, each sub-item its own list for pandoc) keeps one nested list, and its note",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"), "LibreOffice (soffice) is not installed"))
    func libreOfficeDocx() throws {
        let box = try Sandbox()
        try OfficeTools.make(
            box, "s.odt",
            markdown:
                "# Article 1 — Objet\n\nLe titulaire assure :\n\n- la maintenance corrective :\n    - anomalies bloquantes ;\n    - anomalies mineures ;\n- la maintenance évolutive :\n    1. petites évolutions ;\n    2. lots annuels.\n\nTexte[^1].\n\n[^1]: Une note.\n"
        )
        let converted = try spawn(
            "/usr/bin/soffice", ["--headless", "--convert-to", "docx", "--outdir", box.path("lo"), box.path("s.odt")], in: box.root,
            environment: box.environment())
        try #require(converted.status == 0 && box.exists("lo/s.docx"), "\(converted)")
        let md = try box.ok("import", "lo/s.docx").stdout
        let lines = md.split(separator: "\n").joined(separator: "\n")
        #expect(
            lines.contains(
                "-   la maintenance corrective :\n    -   anomalies bloquantes ;\n    -   anomalies mineures ;\n-   la maintenance évolutive :\n    1.  petites évolutions ;\n    2.  lots annuels.\nTexte[^1].\n[^1]: Une note."
            ), "\(md)")
        #expect(!md.contains("<!--"))
    }
}
