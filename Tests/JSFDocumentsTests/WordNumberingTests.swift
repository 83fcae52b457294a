import Foundation
import JeSaisFaire
import Testing

@testable import JSFDocuments

/// Word's and LibreOffice's automatic heading numbers, computed from the XML parts as Word and LibreOffice show them.
@Suite struct WordNumberingTests {
    static let ns = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#

    func parse(_ xml: String) throws -> OfficeXML.Element { try OfficeXML.parse(Data(xml.utf8), name: "test.xml") }

    func style(_ id: String, name: String, basedOn: String? = nil, numID: Int? = nil, level: Int? = nil, isDefault: Bool = false) -> String {
        var pPr = ""
        if let numID {
            pPr = "<w:pPr><w:numPr>\(level.map { #"<w:ilvl w:val="\#($0)"/>"# } ?? "")<w:numId w:val=\"\(numID)\"/></w:numPr></w:pPr>"
        }
        return #"<w:style w:type="paragraph" w:styleId="\#(id)"\#(isDefault ? #" w:default="1""# : "")><w:name w:val="\#(name)"/>"#
            + (basedOn.map { #"<w:basedOn w:val="\#($0)"/>"# } ?? "") + pPr + "</w:style>"
    }

    var headingStyles: String {
        "<w:styles \(Self.ns)>" + style("Normal", name: "Normal", isDefault: true)
            + style("Heading1", name: "heading 1", basedOn: "Normal", numID: 1, level: 0)
            + style("Heading2", name: "heading 2", basedOn: "Normal", numID: 1, level: 1)
            + style("Heading3", name: "heading 3", basedOn: "Normal", numID: 1, level: 2)
            + style("Article", name: "Titre article", basedOn: "Heading2") + style("ListParagraph", name: "List Paragraph", basedOn: "Normal")
            + "</w:styles>"
    }

    func level(_ n: Int, _ text: String, format: String = "decimal", start: Int = 1, extra: String = "") -> String {
        #"<w:lvl w:ilvl="\#(n)"><w:start w:val="\#(start)"/><w:numFmt w:val="\#(format)"/>\#(extra)<w:lvlText w:val="\#(text)"/></w:lvl>"#
    }

    func numbering(_ levels: [String], nums: String = #"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#) -> String {
        #"<w:numbering \#(Self.ns)><w:abstractNum w:abstractNumId="0">"# + levels.joined() + "</w:abstractNum>" + nums + "</w:numbering>"
    }

    /// A paragraph of style `style`, with its own numbering when `numID` is given.
    func p(_ style: String, _ text: String, numID: Int? = nil, level: Int = 0) -> String {
        let numPr = numID.map { #"<w:numPr><w:ilvl w:val="\#(level)"/><w:numId w:val="\#($0)"/></w:numPr>"# } ?? ""
        return #"<w:p><w:pPr><w:pStyle w:val="\#(style)"/>\#(numPr)</w:pPr><w:r><w:t xml:space="preserve">\#(text)</w:t></w:r></w:p>"#
    }

    func labels(_ body: [String], numbering: String) throws -> [String] {
        let document = try parse("<w:document \(Self.ns)><w:body>" + body.joined() + "</w:body></w:document>")
        return WordNumbering.headings(document: document, styles: try parse(headingStyles), numbering: try parse(numbering))
            .map { ($0.label ?? "-") + " " + $0.text }
    }

    @Test("heading styles number their paragraphs through basedOn; list paragraphs are not headings; numId 0 turns it off")
    func styles() throws {
        let numbering = numbering([level(0, "ARTICLE %1 –"), level(1, "%1.%2."), level(2, "%1.%2.%3.")])
        let got = try labels(
            [
                p("Heading1", "Objet"), p("Heading2", "Périmètre"), p("ListParagraph", "un site", numID: 1, level: 2),
                p("Article", "Durée"), p("Heading3", "Reconduction"), p("Heading1", "Prix"), p("Heading2", "Révision"),
                #"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Annexes</w:t></w:r></w:p>"#,
            ], numbering: numbering)
        // The list paragraph counts (1.1.1), so the next level-3 heading is 1.2.1 only after 1.2 restarts it.
        #expect(
            got == ["ARTICLE 1 – Objet", "1.1. Périmètre", "1.2. Durée", "1.2.1. Reconduction", "ARTICLE 2 – Prix", "2.1. Révision", "- Annexes"])
    }

    @Test("roman and letter formats, legal numbering, a level that never restarts")
    func formats() throws {
        let numbering = numbering([
            level(0, "CHAPITRE %1 :", format: "upperRoman"), level(1, "%1.%2", extra: "<w:isLgl/>"),
            level(2, "%3)", format: "lowerLetter", extra: #"<w:lvlRestart w:val="0"/>"#),
        ])
        let got = try labels(
            [
                p("Heading1", "Généralités"), p("Heading2", "Objet"), p("Heading3", "Sites"), p("Heading1", "Prestations"),
                p("Heading2", "Nettoyage"), p("Heading3", "Vitres"),
            ], numbering: numbering)
        #expect(got == ["CHAPITRE I : Généralités", "1.1 Objet", "a) Sites", "CHAPITRE II : Prestations", "2.1 Nettoyage", "b) Vitres"])
        let state = WordNumbering.State(styles: [:], numbering: nil)
        #expect(
            ["upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "decimalZero", "none"].map { state.format(14, as: $0) }
                == ["XIV", "xiv", "N", "n", "14", ""])
        #expect(state.format(28, as: "upperLetter") == "BB")
    }

    @Test("a list restarted in Word (startOverride) counts on its own; one without override continues its definition")
    func overrides() throws {
        let nums =
            #"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#
            + #"<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#
            + #"<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#
        let numbering = numbering([level(0, "Article %1 -"), level(1, "%1.%2")], nums: nums)
        let got = try labels(
            [
                p("Heading1", "Objet"), p("Heading1", "Durée"), p("Heading1", "Produits", numID: 2), p("Heading2", "Écolabel", numID: 2, level: 1),
                p("Heading1", "Contrôle", numID: 2), p("Heading1", "Prix", numID: 3),
            ], numbering: numbering)
        #expect(
            got == ["Article 1 - Objet", "Article 2 - Durée", "Article 5 - Produits", "5.1 Écolabel", "Article 6 - Contrôle", "Article 3 - Prix"])
    }

    @Test("numbers go in front of the headings pandoc read, matched by text; a heading pandoc changed is reported, the next still match")
    func matching() {
        typealias A = PandocAST
        let headings: [OfficeNumbering.Heading] = [
            .init(text: "Objet du\tmarché", label: "ARTICLE 1 –"), .init(text: "", label: "1.1."), .init(text: "Durée", label: "1.2."),
            .init(text: "Prix", label: "ARTICLE 2 –"), .init(text: "1.1 Révision", label: "1.1"),
        ]
        var matcher = OfficeNumbering.Matcher(headings: headings)
        let blocks: [A.Block] = [
            .header(level: 1, .empty, [.str("Objet"), .space, .str("du"), .space, .str("marché")]),
            .header(level: 2, .empty, [.str("Dur"), .str("ée")]), .header(level: 2, .empty, [.str("Inconnu")]),
            .header(level: 1, .empty, [.str("Prix")]), .para([.str("Prix")]),
            .header(level: 2, .empty, [.str("1.1"), .space, .str("Révision")]),
        ]
        let texts = matcher.visit(blocks).map { block -> String in
            if case .header(_, _, let inlines) = block { return A.stringify(inlines) }
            return "para"
        }
        #expect(texts == ["ARTICLE 1 – Objet du marché", "1.2. Durée", "Inconnu", "ARTICLE 2 – Prix", "para", "1.1 Révision"])
        #expect(matcher.unmatched == ["Inconnu"])
    }

    @Test("a heading pandoc has and the file has only later does not take the later one's number from the headings between")
    func alignment() {
        #expect(OfficeNumbering.Matcher.align(["x", "a", "b"], ["a", "b", "c", "x"]) == [nil, 0, 1])
        #expect(OfficeNumbering.Matcher.align(["a", "g", "c", "g"], ["a", "b", "g", "c", "g"]) == [0, 2, 3, 4])
        #expect(OfficeNumbering.Matcher.align(["", "a"], ["", "a"]) == [nil, 1])
        #expect(OfficeNumbering.Matcher.align([], ["a"]) == [])
    }

    @Test("a file whose parts cannot be read keeps pandoc's headings, with a warning naming it", arguments: ["docx", "odt"])
    func unreadable(format: String) throws {
        let path = NSTemporaryDirectory() + "/jsf-numbering-\(UUID().uuidString).\(format)"
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let blocks: [PandocAST.Block] = [.header(level: 1, .empty, [.str("Objet")])]
        let result = OfficeNumbering.numberingHeadings(blocks, file: path, format: format)
        #expect(result.blocks == blocks)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.en.contains("cannot read the automatic numbering of 'jsf-numbering-") == true, "\(result.warnings)")
        #expect(result.warnings.first?.fr.contains("impossible de lire la numérotation automatique") == true)
    }

    @Test("LibreOffice's outline numbering: prefix, suffix, displayed levels, start values, a list header, a heading of another list")
    func openDocument() throws {
        let ns =
            #"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0""#
        let styles = try parse(
            #"<office:document-styles \#(ns)><office:styles><text:outline-style style:name="Outline">"#
                + #"<text:outline-level-style text:level="1" style:num-format="I" style:num-prefix="TITRE " style:num-suffix=" –"/>"#
                + #"<text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2" text:start-value="3"/>"#
                + #"<text:outline-level-style text:level="3" style:num-format="a" loext:num-list-format="%3%)"/>"#
                + "</text:outline-style></office:styles></office:document-styles>")
        func h(_ level: Int, _ text: String, _ extra: String = "") -> String {
            #"<text:h text:outline-level="\#(level)"\#(extra)>\#(text)</text:h>"#
        }
        let content = try parse(
            "<office:document-content \(ns)><office:body><office:text>"
                + h(1, "Généralités") + h(2, "Objet<text:note><text:note-body><text:p>note</text:p></text:note-body></text:note>")
                + h(3, "Sites<text:s/>et<text:tab/>locaux") + h(2, "Sommaire", #" text:is-list-header="true""#) + h(2, "Durée")
                + h(1, "Prix")
                + #"<text:list text:style-name="WWNum21"><text:list-item>"#
                + h(1, "Produits", #" text:restart-numbering="true" text:start-value="5""#)
                + "</text:list-item></text:list>" + h(1, "Annexes", #" text:restart-numbering="true" text:start-value="9""#)
                + h(1, "Lexique")
                + "</office:text></office:body></office:document-content>")
        let got = OpenDocumentNumbering.headings(content: content, styles: styles).map { ($0.label ?? "-") + " " + $0.text }
        #expect(
            got == [
                "TITRE I – Généralités", "I.3 Objet", "a) Sites et locaux", "- Sommaire", "I.4 Durée", "TITRE II – Prix", "- Produits",
                "TITRE IX – Annexes", "TITRE X – Lexique",
            ])
    }
}
