import Foundation
import Testing

@testable import JSFDocuments

/// pandoc's JSON AST, typed: every block, inline and metadata kind decodes, and encodes back to what pandoc wrote.
@Suite struct PandocASTTests {
    typealias A = PandocAST

    /// What pandoc 2.17 (pandoc-types 1.22) writes for a small document using every kind, plus a Figure (pandoc-types 1.23)
    /// and a column width.
    static let document = #"""
        {"pandoc-api-version":[1,22,2,1],
        "meta":{"abstract":{"t":"MetaBlocks","c":[{"t":"Para","c":[{"t":"Str","c":"Résumé."}]}]},"draft":{"t":"MetaBool","c":true},"extra":{"t":"MetaMap","c":{"k":{"t":"MetaInlines","c":[{"t":"Str","c":"v"}]}}},"keywords":{"t":"MetaList","c":[{"t":"MetaInlines","c":[{"t":"Str","c":"a"}]},{"t":"MetaInlines","c":[{"t":"Str","c":"b"}]}]},"title":{"t":"MetaInlines","c":[{"t":"Str","c":"Le"},{"t":"Space"},{"t":"Emph","c":[{"t":"Str","c":"titre"}]}]}},
        "blocks":[
        {"t":"Header","c":[1,["t1",["c1"],[["k","v"]]],[{"t":"Str","c":"Titre"}]]},
        {"t":"Para","c":[
            {"t":"Str","c":"Para"},
            {"t":"Space"},
            {"t":"Emph","c":[{"t":"Str","c":"emph"}]},
            {"t":"Space"},
            {"t":"Underline","c":[{"t":"Str","c":"souligné"}]},
            {"t":"Space"},
            {"t":"Strong","c":[{"t":"Str","c":"strong"}]},
            {"t":"Space"},
            {"t":"Strikeout","c":[{"t":"Str","c":"barré"}]},
            {"t":"Space"},
            {"t":"Superscript","c":[{"t":"Str","c":"sup"}]},
            {"t":"Space"},
            {"t":"Subscript","c":[{"t":"Str","c":"sub"}]},
            {"t":"Space"},
            {"t":"SmallCaps","c":[{"t":"Str","c":"sc"}]},
            {"t":"Space"},
            {"t":"Quoted","c":[{"t":"DoubleQuote"},[{"t":"Str","c":"dq"}]]},
            {"t":"Space"},
            {"t":"Quoted","c":[{"t":"SingleQuote"},[{"t":"Str","c":"sq"}]]},
            {"t":"Space"},
            {"t":"Cite","c":[[{"citationId":"cle","citationPrefix":[],"citationSuffix":[],"citationMode":{"t":"AuthorInText"},"citationNoteNum":1,"citationHash":0},{"citationId":"cle2","citationPrefix":[{"t":"Str","c":"voir"}],"citationSuffix":[{"t":"Str","c":","},{"t":"Space"},{"t":"Str","c":"p. 3"}],"citationMode":{"t":"NormalCitation"},"citationNoteNum":1,"citationHash":0}],[{"t":"Str","c":"@cle"},{"t":"Space"},{"t":"Str","c":"[voir"},{"t":"Space"},{"t":"Str","c":"@cle2,"},{"t":"Space"},{"t":"Str","c":"p."},{"t":"Space"},{"t":"Str","c":"3]"}]]},
            {"t":"Space"},
            {"t":"Code","c":[["",["x"],[]],"code"]},
            {"t":"Space"},
            {"t":"Math","c":[{"t":"InlineMath"},"x^2"]},
            {"t":"Space"},
            {"t":"Math","c":[{"t":"DisplayMath"},"y"]},
            {"t":"Space"},
            {"t":"RawInline","c":["html","<b>"]},
            {"t":"Space"},
            {"t":"Link","c":[["",[],[]],[{"t":"Str","c":"lien"}],["https://e.org","T"]]},
            {"t":"Space"},
            {"t":"Image","c":[["",[],[["width","5"]]],[{"t":"Str","c":"img"}],["i.png",""]]},
            {"t":"Space"},
            {"t":"Str","c":"note"},
            {"t":"Note","c":[{"t":"Para","c":[{"t":"Str","c":"La"},{"t":"Space"},{"t":"Str","c":"note."}]}]},
            {"t":"Space"},
            {"t":"Span","c":[["s",["k"],[]],[{"t":"Str","c":"span"}]]},
            {"t":"SoftBreak"},
            {"t":"Str","c":"ligne"},
            {"t":"LineBreak"},
            {"t":"Str","c":"suivante"}]},
        {"t":"LineBlock","c":[[{"t":"Str","c":"l1"}],[{"t":"Str","c":"l2"}]]},
        {"t":"BlockQuote","c":[{"t":"Para","c":[{"t":"Str","c":"quote"}]}]},
        {"t":"CodeBlock","c":[["",["sh"],[]],"echo"]},
        {"t":"RawBlock","c":["html","<hr>"]},
        {"t":"BulletList","c":[[{"t":"Plain","c":[{"t":"Str","c":"a"}]}],[{"t":"Plain","c":[{"t":"Str","c":"b"}]}]]},
        {"t":"OrderedList","c":[[3,{"t":"Decimal"},{"t":"OneParen"}],[[{"t":"Plain","c":[{"t":"Str","c":"c"}]}],[{"t":"Plain","c":[{"t":"Str","c":"d"}]}]]]},
        {"t":"DefinitionList","c":[[[{"t":"Str","c":"Terme"}],[[{"t":"Plain","c":[{"t":"Str","c":"Déf."}]}]]]]},
        {"t":"HorizontalRule"},
        {"t":"Div","c":[["",["d"],[]],[{"t":"Para","c":[{"t":"Str","c":"Div."}]}]]},
        {"t":"Table","c":[["",[],[]],[null,[{"t":"Plain","c":[{"t":"Str","c":"Légende"}]}]],[[{"t":"AlignLeft"},{"t":"ColWidthDefault"}],[{"t":"AlignRight"},{"t":"ColWidth","c":0.25}]],[["",[],[]],[[["",[],[]],[[["",[],[]],{"t":"AlignDefault"},1,1,[{"t":"Plain","c":[{"t":"Str","c":"A"}]}]],[["",[],[]],{"t":"AlignDefault"},1,1,[{"t":"Plain","c":[{"t":"Str","c":"B"}]}]]]]]],[[["",[],[]],0,[],[[["",[],[]],[[["",[],[]],{"t":"AlignDefault"},1,1,[{"t":"Plain","c":[{"t":"Str","c":"1"}]}]],[["",[],[]],{"t":"AlignDefault"},1,1,[{"t":"Plain","c":[{"t":"Str","c":"2"}]}]]]]]]],[["",[],[]],[]]]},
        {"t":"Figure","c":[["fig",[],[]],[null,[{"t":"Plain","c":[{"t":"Str","c":"Plan"}]}]],[{"t":"Plain","c":[{"t":"Image","c":[["",[],[]],[{"t":"Str","c":"Plan"}],["plan.png",""]]}]}]]}
        ]}
        """#

    static func decode(_ json: String) throws -> A.Document {
        try A.decode(Data(json.utf8))
    }

    /// The JSON as Foundation values, to compare documents whatever the order of keys and the spacing.
    static func value(_ data: Data) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSObject)
    }

    @Test func decodesEveryBlockKind() throws {
        let document = try Self.decode(Self.document)
        #expect(document.apiVersion == [1, 22, 2, 1])
        let blocks = document.blocks
        try #require(blocks.count == 13)
        #expect(blocks[0] == .header(level: 1, A.Attr(id: "t1", classes: ["c1"], attributes: [(key: "k", value: "v")]), [.str("Titre")]))
        guard case .para = blocks[1] else {
            Issue.record("\(blocks[1])")
            return
        }
        #expect(blocks[2] == .lineBlock([[.str("l1")], [.str("l2")]]))
        #expect(blocks[3] == .blockQuote([.para([.str("quote")])]))
        #expect(blocks[4] == .codeBlock(A.Attr(classes: ["sh"]), "echo"))
        #expect(blocks[5] == .rawBlock(format: "html", "<hr>"))
        #expect(blocks[6] == .bulletList([[.plain([.str("a")])], [.plain([.str("b")])]]))
        #expect(
            blocks[7]
                == .orderedList(A.ListAttributes(start: 3, style: .decimal, delimiter: .oneParen), [[.plain([.str("c")])], [.plain([.str("d")])]]))
        #expect(blocks[8] == .definitionList([(term: [.str("Terme")], definitions: [[.plain([.str("Déf.")])]])]))
        #expect(blocks[9] == .horizontalRule)
        #expect(blocks[10] == .div(A.Attr(classes: ["d"]), [.para([.str("Div.")])]))
        let cell = { (text: String) in A.Cell(blocks: [.plain([.str(text)])]) }
        #expect(
            blocks[11]
                == .table(
                    A.Table(
                        caption: A.Caption(blocks: [.plain([.str("Légende")])]),
                        colSpecs: [A.ColSpec(alignment: .left), A.ColSpec(alignment: .right, width: .width(0.25))],
                        head: A.TableSection(rows: [A.Row(cells: [cell("A"), cell("B")])]),
                        bodies: [A.TableBody(rows: [A.Row(cells: [cell("1"), cell("2")])])])))
        #expect(
            blocks[12]
                == .figure(
                    A.Attr(id: "fig"), A.Caption(blocks: [.plain([.str("Plan")])]),
                    [.plain([.image(.empty, [.str("Plan")], A.Target(url: "plan.png"))])]))
    }

    @Test func decodesEveryInlineKind() throws {
        let document = try Self.decode(Self.document)
        guard case .para(let inlines) = document.blocks[1] else {
            Issue.record("\(document.blocks[1])")
            return
        }
        let words = inlines.filter { $0 != .space }
        #expect(
            Array(words.prefix(10)) == [
                .str("Para"), .emph([.str("emph")]), .underline([.str("souligné")]), .strong([.str("strong")]),
                .strikeout([.str("barré")]), .superscript([.str("sup")]), .subscript([.str("sub")]),
                .smallCaps([.str("sc")]), .quoted(.doubleQuote, [.str("dq")]), .quoted(.singleQuote, [.str("sq")]),
            ])
        guard case .cite(let citations, let text) = words[10] else {
            Issue.record("\(words[10])")
            return
        }
        #expect(citations.map(\.citationId) == ["cle", "cle2"])
        #expect(citations.map(\.citationMode) == [.authorInText, .normal])
        #expect(citations[1].citationPrefix == [.str("voir")] && citations[1].citationSuffix == [.str(","), .space, .str("p.\u{A0}3")])
        #expect(citations[1].citationNoteNum == 1 && citations[1].citationHash == 0)
        #expect(text.first == .str("@cle"))
        #expect(
            Array(words[11...]) == [
                .code(A.Attr(classes: ["x"]), "code"), .math(.inlineMath, "x^2"), .math(.displayMath, "y"), .rawInline(format: "html", "<b>"),
                .link(.empty, [.str("lien")], A.Target(url: "https://e.org", title: "T")),
                .image(A.Attr(attributes: [(key: "width", value: "5")]), [.str("img")], A.Target(url: "i.png")),
                .str("note"), .note([.para([.str("La"), .space, .str("note.")])]), .span(A.Attr(id: "s", classes: ["k"]), [.str("span")]),
                .softBreak, .str("ligne"), .lineBreak, .str("suivante"),
            ])
    }

    @Test func decodesMetadata() throws {
        let meta = try Self.decode(Self.document).meta
        #expect(meta["title"] == .inlines([.str("Le"), .space, .emph([.str("titre")])]))
        #expect(meta["abstract"] == .blocks([.para([.str("Résumé.")])]))
        #expect(meta["draft"] == .bool(true))
        #expect(meta["keywords"] == .list([.inlines([.str("a")]), .inlines([.str("b")])]))
        #expect(meta["extra"] == .map(["k": .inlines([.str("v")])]))
        #expect(A.metaInlines(meta["title"]).map(A.stringify) == ["Le titre"])
    }

    /// Import writes the AST back for pandoc to turn into Markdown: the JSON must be what pandoc wrote.
    @Test func encodesBackWhatPandocWrote() throws {
        let document = try Self.decode(Self.document)
        let encoded = try A.encode(document)
        #expect(try Self.value(encoded) == Self.value(Data(Self.document.utf8)))
        #expect(try A.decode(encoded) == document)
    }

    /// A constructor of a newer pandoc (or pandoc-types 1.22's Null) is kept as read, so that the import goes on.
    @Test func keepsUnknownConstructors() throws {
        let json = #"""
            {"pandoc-api-version":[1,24],"meta":{"when":{"t":"MetaDate","c":{"y":2027,"exact":true}}},
             "blocks":[{"t":"Null"},{"t":"Aside","c":[["",[],[]],[{"t":"Para","c":[{"t":"Str","c":"x"}]}],null,2.5]},
                       {"t":"Para","c":[{"t":"Str","c":"a"},{"t":"Sparkle","c":[1,"b"]},{"t":"Str","c":"c"}]}]}
            """#
        let document = try Self.decode(json)
        #expect(document.apiVersion == [1, 24])
        #expect(document.blocks[0] == .unknown("Null", nil))
        #expect(
            document.blocks[1]
                == .unknown(
                    "Aside",
                    .array([
                        .array([.string(""), .array([]), .array([])]),
                        .array([.object(["t": .string("Para"), "c": .array([.object(["t": .string("Str"), "c": .string("x")])])])]),
                        .null, .double(2.5),
                    ])))
        #expect(document.blocks[2] == .para([.str("a"), .unknown("Sparkle", .array([.int(1), .string("b")])), .str("c")]))
        #expect(document.meta["when"] == .unknown("MetaDate", .object(["y": .int(2027), "exact": .bool(true)])))
        #expect(A.stringify([.str("a"), .unknown("Sparkle", nil), .str("c")]) == "ac")
        #expect(try Self.value(A.encode(document)) == Self.value(Data(json.utf8)))
    }

    @Test(arguments: [
        ("", "not JSON"),
        ("[1, 2]", "expected Dictionary"),
        (#"{"pandoc-api-version":[1,22],"meta":{}}"#, "missing 'blocks' at the top"),
        (#"{"pandoc-api-version":[1,22],"meta":{},"blocks":[{"c":[]}]}"#, "missing 't' at blocks[0]"),
        (#"{"pandoc-api-version":[1,22],"meta":{},"blocks":[{"t":"Header","c":["1",["",[],[]],[]]}]}"#, "expected Int at blocks[0].c[0]"),
        (#"{"pandoc-api-version":[1,22],"meta":{},"blocks":[{"t":"Para"}]}"#, "missing 'c' at blocks[0]"),
        (
            #"{"pandoc-api-version":[1,22],"meta":{},"blocks":[{"t":"Para","c":[{"t":"Quoted","c":[{"t":"GuillemetQuote"},[]]}]}]}"#,
            "unknown constructor 'GuillemetQuote' at blocks[0].c[0].c[0].t"
        ),
        (
            #"{"pandoc-api-version":[1,22],"meta":{},"blocks":[{"t":"Div","c":[["",[],[["k"]]],[]]}]}"#,
            "an attribute is not a key and a value at blocks[0].c[0]"
        ),
    ])
    func refusesMalformedJSON(json: String, expected: String) {
        #expect {
            _ = try Self.decode(json)
        } throws: { error in
            let description = (error as? A.Malformed)?.description ?? ""
            return description.contains(expected)
                ? true
                : {
                    Issue.record("\(description)")
                    return false
                }()
        }
    }

    @Test func textOfInlines() throws {
        let inlines: [A.Inline] = [
            .strong([.str("ARTICLE"), .space, .str("3")]), .softBreak, .str("–"), .space,
            .quoted(.doubleQuote, [.str("Prix")]), .note([.para([.str("note")])]), .space, .code(.empty, "x"),
        ]
        #expect(A.stringify(inlines) == "ARTICLE 3 – « Prix » x")
        #expect(A.boldShare(inlines) == 8.0 / 9.0) // a quotation does not count
        #expect(
            A.headingInlines(inlines) == [
                .str("ARTICLE"), .space, .str("3"), .space, .str("–"), .space,
                .quoted(.doubleQuote, [.str("Prix")]), .space, .code(.empty, "x"),
            ])
        #expect(A.inlines(" Prix  total ") == [.str("Prix"), .space, .str("total")])
    }
}
