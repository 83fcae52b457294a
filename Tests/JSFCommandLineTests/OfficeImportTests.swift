import Foundation
import JeSaisFaire
import Testing

/// pandoc and unzip for the office tests: documents are made from Markdown, outputs unzipped.
enum OfficeTools {
    static let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Makes `relative` (a .docx or .odt) in the sandbox from Markdown.
    static func make(_ box: Sandbox, _ relative: String, markdown: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pandoc = try #require(pandoc, "pandoc is not installed", sourceLocation: sourceLocation)
        try box.write(relative + ".src.md", markdown)
        let run = try spawn(pandoc, ["-f", "markdown", relative + ".src.md", "-o", relative], in: box.root, environment: box.environment())
        try #require(run.status == 0, "pandoc failed: \(run)", sourceLocation: sourceLocation)
    }

    /// One member of a zip file (word/document.xml, content.xml).
    static func unzip(_ box: Sandbox, _ relative: String, member: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run: Run
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            run = try spawn("/usr/bin/unzip", ["-p", box.path(relative), member], in: box.root, environment: box.environment())
        } else {
            run = try spawn(
                "/usr/bin/env",
                [
                    "python3", "-c", "import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
                    box.path(relative), member,
                ], in: box.root, environment: box.environment())
        }
        try #require(run.status == 0, "cannot unzip \(member) of \(relative): \(run)", sourceLocation: sourceLocation)
        return run.stdout
    }

    /// The text of XML, tags removed (paragraphs on their own lines).
    static func text(ofXML xml: String) -> String {
        var s = xml.replacingOccurrences(of: "</w:p>", with: "\n").replacingOccurrences(of: "</text:p>", with: "\n")
            .replacingOccurrences(of: "</text:h>", with: "\n")
        s = s.replacing(#/<[^>]+>/#, with: "")
        return s.replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A directory holding nothing: a PATH without pandoc (jsf needs no other program to import or export).
    static func emptyPath(_ box: Sandbox) throws -> String {
        let dir = box.path("empty-bin")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// A CCTP as agents write it in Word: no heading styles, bold numbered paragraphs, a plain "Article 4 : Prix" line.
let boldCCTP = """
    **COMMUNE DE VAL-D'ORVENNE**

    CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES

    **ARTICLE 1 – OBJET DU MARCHÉ**

    Le présent marché a pour objet l'entretien des locaux communaux.

    **1.1 Périmètre**

    Les locaux sont les suivants :

    | Bâtiment | Surface (m²) |
    |----------|-------------:|
    | Mairie   | 850          |
    | École    | 1 200        |

    **1.2 Durée**

    1. Une première période d'un an.
    2. Deux reconductions possibles.

    **ARTICLE 2 – PRESTATIONS**

    2 agents interviennent chaque jour pendant la période scolaire, selon le planning fourni par la commune.

    **2.1 Délais d'exécution**

    Les interventions ont lieu avant 8 heures :

    - dans les bureaux ;
    - dans les salles de classe.

    **5.3 Pénalités de retard**

    Ce paragraphe en gras rompt la numérotation.

    **Dispositions diverses**

    Un paragraphe ordinaire.

    **2.2 Produits**

    Les produits sont écolabellisés.

    ![Plan des locaux](plan.png)

    Article 3 : Prix

    Le prix est forfaitaire.

    **ARTICLE 4 – CRITÈRES D'ATTRIBUTION**

    Les offres sont jugées selon les critères suivants :

    - Prix : 40 %
    - Valeur technique (60 points)

    """

/// The same kind of text with real heading styles and a chapter above the articles.
let styledCCTP = """
    # CHAPITRE I – DISPOSITIONS GÉNÉRALES

    ## Article 1 — Objet

    Le marché porte sur la maintenance du parc informatique.

    ### 1.1 Périmètre

    Environ 450 postes.

    ## Article 2 — Critères de jugement des offres

    1. Prix : 30 %
    2. Valeur technique : 50 %
    3. Délai d'intervention : 20 %

    # CHAPITRE II – EXÉCUTION

    ## Article 3 — Réception

    La réception est prononcée après vérification.

    """

@Suite("jsf import: Word and LibreOffice CCTPs to cctp.md")
struct OfficeImportTests {
    func png(_ box: Sandbox) throws {
        // A 1×1 PNG.
        let bytes: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
            0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41,
            0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00,
            0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ]
        try box.writeData("plan.png", Data(bytes))
    }

    @Test(
        "bold numbered paragraphs become headings; numbering breaks, unwritten images and unnumbered bold lines are reported",
        arguments: ["docx", "odt"])
    func boldParagraphs(format: String) throws {
        let box = try Sandbox()
        try png(box)
        try OfficeTools.make(box, "cctp.\(format)", markdown: boldCCTP)
        let run = try box.jsf("import", "cctp.\(format)")
        #expect(run.status == 0, "\(run)")
        let md = run.stdout
        let text = CCTPText(parsing: md)
        #expect(text.headings.map(\.level) == [1, 2, 2, 1, 2, 2, 1, 1, 2, 2], "\(md)")
        let clauses = try text.clauses()
        #expect(clauses.map(\.number) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "4", "4.1", "4.2"])
        #expect(
            clauses.map(\.title)
                == [
                    "OBJET DU MARCHÉ", "Périmètre", "Durée", "PRESTATIONS", "Délais d'exécution", "Produits",
                    "Prix", "CRITÈRES D'ATTRIBUTION", "Prix", "Valeur technique",
                ].map { $0.replacingOccurrences(of: "'", with: "’") }
                || clauses.map(\.title) == [
                    "OBJET DU MARCHÉ", "Périmètre", "Durée", "PRESTATIONS", "Délais d'exécution", "Produits",
                    "Prix", "CRITÈRES D'ATTRIBUTION", "Prix", "Valeur technique",
                ], "\(clauses.map(\.title))")
        #expect(
            clauses.map(\.id) == [
                "objet-du-marche", "perimetre", "duree", "prestations", "delais-d-execution", "produits",
                "prix", "criteres-d-attribution", "prix-2", "valeur-technique",
            ])
        #expect(clauses.filter { $0.kind == .criterion }.map(\.weight) == [40, 60])
        // Tables and lists kept: a pipe table, the ordered and bullet lists.
        #expect(md.contains("| Mairie"), "\(md)")
        #expect(md.contains("|--"), "\(md)")
        #expect(md.contains("1.  Une première période"), "\(md)")
        #expect(md.contains("-   dans les bureaux"), "\(md)")
        // Body paragraphs stay paragraphs.
        #expect(md.contains("\n2 agents interviennent chaque jour"))
        #expect(md.contains("\n**5.3 Pénalités de retard**\n"))
        #expect(!md.contains("{#_") && !md.contains(".anchor") && !md.replacingOccurrences(of: "![](", with: "").contains("[]"), "\(md)")
        #expect(md.contains("](assets/"), "the image is kept (ImportContentTests): \(md)")
        // The structure and the warnings on stderr.
        #expect(run.stderr.contains("Structure of cctp.\(format): 10 headings, 2 criteria."), "\(run.stderr)")
        #expect(run.stderr.contains("  1.1  Périmètre  [level 2, bold]"), "\(run.stderr)")
        #expect(run.stderr.contains("  3      Prix  [level 1, pattern]"), "\(run.stderr)")
        #expect(run.stderr.contains("Valeur technique  [level 2, criterion, weight 60]"), "\(run.stderr)")
        #expect(
            run.stderr.contains("warning: '5.3 Pénalités de retard' looks like a heading but breaks the numbering (after 2.1): kept as a paragraph"),
            "\(run.stderr)")
        #expect(run.stderr.contains("warning: 'Dispositions diverses' is in bold or capitals but has no number"), "\(run.stderr)")
        #expect(run.stderr.contains("warning: 1 image(s) not written: with --into DIR"), "\(run.stderr)")
    }

    @Test("heading styles are kept, chapters above articles, a numbered list of weights becomes criteria", arguments: ["docx", "odt"])
    func styles(format: String) throws {
        let box = try Sandbox()
        try OfficeTools.make(box, "cctp.\(format)", markdown: styledCCTP)
        let run = try box.jsf("import", "cctp.\(format)", "--into", "draft")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty)
        let md = try box.read("draft/cctp.md")
        let clauses = try CCTPText(parsing: md).clauses()
        #expect(clauses.map(\.level) == [1, 2, 3, 2, 3, 3, 3, 1, 2], "\(md)")
        #expect(clauses.map(\.number) == ["I", "1", "1.1", "2", "2.1", "2.2", "2.3", "II", "3"])
        #expect(
            clauses.filter { $0.kind == .criterion }.map(\.title) == ["Prix", "Valeur technique", "Délai d’intervention"]
                || clauses.filter { $0.kind == .criterion }.map(\.title) == ["Prix", "Valeur technique", "Délai d'intervention"])
        #expect(clauses.filter { $0.kind == .criterion }.map(\.weight) == [30, 50, 20])
        #expect(run.stderr.contains("  1      Objet  [level 2, style]"), "\(run.stderr)")
        #expect(run.stderr.contains("Wrote \(box.path("draft/cctp.md"))."))
        #expect(!run.stderr.contains("warning:"), "\(run.stderr)")

        // The result makes a consultation that passes jsf check.
        try box.setUpAgent()
        let created = try box.jsf(
            "init", "c", "--id", "maintenance-parc-2027", "--title", "Maintenance du parc", "--buyer", "Préfecture",
            "--cpv", "50312000-5", "--territory", "67", "--from", "draft/cctp.md")
        #expect(created.status == 0, "\(created)")
        #expect(created.stderr.contains("6 clauses and 3 criteria"), "\(created)")
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 0, "\(check)")

        // --into refuses to overwrite a cctp.md outside a consultation, and replaces it in one.
        expectRefusal(
            try box.jsf("import", "cctp.\(format)", "--into", "draft"), status: 1,
            ["error: 'draft/cctp.md' already exists; jsf will not overwrite it"])
        let replaced = try box.jsf("import", "cctp.\(format)", "--into", "c")
        #expect(replaced.status == 0, "\(replaced)")
        #expect(replaced.stderr.contains("hint: review the changes with 'jsf diff'"))
        #expect(try box.jsf("check", in: "c").status == 0)
    }

    @Test("bold numbered paragraphs from a Word CCTP make a consultation that passes jsf check")
    func boldToConsultation() throws {
        let box = try Sandbox()
        try png(box)
        try OfficeTools.make(box, "cctp.docx", markdown: boldCCTP)
        try box.ok("import", "cctp.docx", "--into", "draft")
        try box.setUpAgent()
        let created = try box.jsf(
            "init", "c", "--id", "entretien-locaux-2027", "--title", "Entretien des locaux", "--buyer", "Commune",
            "--cpv", "90919200-4", "--territory", "35", "--from", "draft/cctp.md")
        #expect(created.status == 0, "\(created)")
        #expect(created.stderr.contains("8 clauses and 2 criteria"), "\(created)")
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 0, "\(check)")
    }

    @Test("criteria whose weights do not sum to 100 stay text, with a warning")
    func criteriaNotHundred() throws {
        let box = try Sandbox()
        try OfficeTools.make(
            box, "cctp.docx",
            markdown: """
                **ARTICLE 1 – OBJET**

                Texte.

                **ARTICLE 2 – CRITÈRES DE JUGEMENT DES OFFRES**

                - Prix : 40 %
                - Valeur technique : 50 %

                """)
        let run = try box.jsf("import", "cctp.docx")
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("weigh 90 in all, not 100: left as they are"), "\(run.stderr)")
        #expect(!run.stdout.contains(".criterion"))
        #expect(run.stdout.contains("-   Prix : 40 %"), "\(run.stdout)")
    }

    @Test("a Markdown file keeps its ids and criteria")
    func markdownInput() throws {
        let box = try Sandbox()
        let run = try box.jsf("import", exampleCCTP("restauration-collective"))
        #expect(run.status == 0, "\(run)")
        let clauses = try CCTPText(parsing: run.stdout).clauses()
        #expect(clauses.count == 29)
        #expect(clauses.filter { $0.kind == .criterion }.map(\.weight) == [40, 40, 20])
        #expect(run.stdout.contains("## Prix {#prix .criterion weight=40}"), "\(run.stdout)")
    }

    @Test("refusals: not an office file, missing file, missing pandoc, a broken document")
    func refusals() throws {
        let box = try Sandbox()
        try box.write("notes.txt", "hello")
        expectRefusal(
            try box.jsf("import", "notes.txt"), status: 1,
            [
                "error: 'notes.txt' is not a .docx, .odt or .md file",
                "hint: jsf imports .docx (Word), .odt (LibreOffice) and .md (Markdown) files",
            ])
        try box.write("old.pdf", "%PDF-1.4")
        expectRefusal(try box.jsf("import", "old.pdf"), status: 1, ["is not a .docx, .odt or .md file", "save it as .odt or .docx"])
        expectRefusal(try box.jsf("import", "absent.docx"), status: 1, ["error: cannot read '\(box.path("absent.docx"))'"])
        try box.write("broken.docx", "not a zip")
        expectRefusal(try box.jsf("import", "broken.docx"), status: 1, ["error: pandoc could not read 'broken.docx' as docx"])
        try OfficeTools.make(box, "cctp.odt", markdown: styledCCTP)
        let noPandoc = try box.jsf(["import", "cctp.odt"], environment: ["PATH": try OfficeTools.emptyPath(box)])
        expectRefusal(
            noPandoc, status: 1,
            [
                "error: pandoc is needed to read .odt files and was not found on PATH",
                "hint: install it: apt-get install pandoc",
            ])
        #expect(noPandoc.stdout.isEmpty)
        expectRefusal(try box.jsf("import"), status: 64, [])
        box.language = "fr_FR.UTF-8"
        expectRefusal(try box.jsf("import", "notes.txt"), status: 1, ["erreur : 'notes.txt' n'est pas un fichier .docx, .odt ou .md"])
    }
}

/// A CCTP as Word writes it: a title page, a typed SOMMAIRE with dot leaders and page numbers, numbers glued to titles.
let wordCoverCCTP = """
    # Cahier des Clauses Techniques Particulières

    ## Tierce maintenance applicative

    Ministère de l'Intérieur

    Décembre 2026

    **SOMMAIRE**

    ARTICLE 1 – OBJET ........................ 2

    1.1.TERMINOLOGIE ........................ 2

    ARTICLE 2 – PRESTATIONS ........................ 3

    2.1.Standards Web ........................ 3

    **ARTICLE 1 – OBJET**

    Le marché porte sur la maintenance des applications.

    **1.1.TERMINOLOGIE**

    Les termes suivants sont employés.

    **ARTICLE 2 – PRESTATIONS**

    Le titulaire assure la maintenance corrective.

    **2.1.Standards Web**

    Le titulaire respecte le RGAA.

    **2.1.1.Accessibilité**

    Les pages sont accessibles.

    """

@Suite("jsf import: tables of contents, cover blocks and glued numbers")
struct OfficeImportStructureTests {
    @Test("a typed SOMMAIRE and a title page are kept out of the clauses; glued numbers are accepted", arguments: ["docx", "odt", "md"])
    func wordCover(format: String) throws {
        let box = try Sandbox()
        if format == "md" {
            try box.write("cctp.md", wordCoverCCTP)
        } else {
            try OfficeTools.make(box, "cctp.\(format)", markdown: wordCoverCCTP)
        }
        let run = try box.jsf("import", "cctp.\(format)")
        #expect(run.status == 0, "\(run)")
        let text = CCTPText(parsing: run.stdout)
        let clauses = try text.clauses()
        #expect(clauses.map(\.number) == ["1", "1.1", "2", "2.1", "2.1.1"], "\(run.stdout)")
        #expect(clauses.map(\.title) == ["OBJET", "TERMINOLOGIE", "PRESTATIONS", "Standards Web", "Accessibilité"], "\(run.stdout)")
        #expect(clauses.map(\.level) == [1, 2, 1, 2, 3], "\(run.stdout)")
        // The cover stays as text above the first clause.
        let firstHeading = try #require(run.stdout.range(of: "# ARTICLE 1"))
        let cover = run.stdout[..<firstHeading.lowerBound]
        #expect(cover.contains("Cahier des Clauses Techniques Particulières"), "\(run.stdout)")
        #expect(cover.contains("Tierce maintenance applicative"), "\(run.stdout)")
        #expect(!run.stdout.contains("SOMMAIRE") && !run.stdout.contains("....."), "\(run.stdout)")
        #expect(!run.stderr.contains("has no number"), "\(run.stderr)")
        #expect(!run.stderr.contains("breaks the numbering"), "\(run.stderr)")
    }

    @Test("a Word TOC field and a «Table des matières» block with heading styles are no clauses")
    func tableOfContentsField() throws {
        let box = try Sandbox()
        let pandoc = try #require(OfficeTools.pandoc, "pandoc is not installed")
        try box.write(
            "cctp.src.md",
            """
            # Cahier des Clauses Techniques Particulières

            Commune de Val-d'Orvenne

            # Table des matières

            1 Objet

            2 Prestations

            2.1 Délais

            # 1 Objet

            Le marché porte sur l'entretien.

            # 2 Prestations

            Le ménage.

            ## 2.1 Délais

            Sous 48 heures.

            """)
        // --toc: pandoc writes a Word table of contents field (read back as a «Table of Contents» heading).
        let make = try spawn(pandoc, ["-f", "markdown", "--toc", "cctp.src.md", "-o", "cctp.docx"], in: box.root, environment: box.environment())
        try #require(make.status == 0, "\(make)")
        let run = try box.jsf("import", "cctp.docx")
        #expect(run.status == 0, "\(run)")
        let clauses = try CCTPText(parsing: run.stdout).clauses()
        #expect(clauses.map(\.number) == ["1", "2", "2.1"], "\(run.stdout)")
        #expect(clauses.map(\.title) == ["Objet", "Prestations", "Délais"], "\(run.stdout)")
        #expect(clauses.map(\.level) == [1, 1, 2], "\(run.stdout)")
        #expect(run.stdout.hasPrefix("**Cahier des Clauses Techniques Particulières**\n"), "\(run.stdout)")
        #expect(!run.stdout.contains("Table"), "\(run.stdout)")
        #expect(run.stderr.contains("Dropped the table of contents"), "\(run.stderr)")
    }
}
