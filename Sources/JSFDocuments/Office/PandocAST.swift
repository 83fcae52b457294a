import Foundation
import JeSaisFaire

/// pandoc's JSON AST, typed: what `pandoc -t json` writes and `pandoc -f json` reads (pandoc-types 1.22 as Debian's
/// pandoc 2.17 emits it, and 1.23, which adds Figure). Every node is `{"t": constructor, "c": content}`; the content
/// of a constructor with several fields is an array of them.
///
/// A block, inline or metadata value whose constructor is not known here decodes as `.unknown(constructor, content)`
/// and is written back as it was read, so that a newer pandoc does not stop imports: import passes it through untouched.
/// The small enumerations (alignments, list styles, quote and math types, citation modes) have been stable for years;
/// an unknown value there is refused, naming it. `decode` reports any error as `Malformed`, which import turns into a
/// `JSFError`.
enum PandocAST {
    /// A whole document: `{"pandoc-api-version": [1, 22, 2, 1], "meta": {…}, "blocks": […]}`.
    struct Document: Codable, Equatable {
        var apiVersion: [Int]
        var meta: [String: MetaValue]
        var blocks: [Block]

        enum CodingKeys: String, CodingKey {
            case apiVersion = "pandoc-api-version"
            case meta, blocks
        }
    }

    /// Identifier, classes and key-value pairs: `["id", ["class"], [["key", "value"]]]`.
    struct Attr: Codable, Equatable {
        var id = ""
        var classes: [String] = []
        var attributes: [(key: String, value: String)] = []

        static let empty = Attr()

        init(id: String = "", classes: [String] = [], attributes: [(key: String, value: String)] = []) {
            self.id = id
            self.classes = classes
            self.attributes = attributes
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            id = try c.decode(String.self)
            classes = try c.decode([String].self)
            attributes = try c.decode([[String]].self).map { pair in
                guard pair.count == 2 else {
                    throw DecodingError.dataCorrupted(
                        .init(codingPath: decoder.codingPath, debugDescription: "an attribute is not a key and a value"))
                }
                return (pair[0], pair[1])
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(id)
            try c.encode(classes)
            try c.encode(attributes.map { [$0.key, $0.value] })
        }

        static func == (a: Attr, b: Attr) -> Bool {
            a.id == b.id && a.classes == b.classes && a.attributes.map(\.key) == b.attributes.map(\.key)
                && a.attributes.map(\.value) == b.attributes.map(\.value)
        }
    }

    /// A link's or image's target: `["url", "title"]`.
    struct Target: Codable, Equatable {
        var url: String
        var title: String

        init(url: String, title: String = "") {
            self.url = url
            self.title = title
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            url = try c.decode(String.self)
            title = try c.decode(String.self)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(url)
            try c.encode(title)
        }
    }

    enum QuoteType: String, Equatable, Codable { case singleQuote = "SingleQuote", doubleQuote = "DoubleQuote" }
    enum MathType: String, Equatable, Codable { case displayMath = "DisplayMath", inlineMath = "InlineMath" }
    enum Alignment: String, Equatable, Codable { case left = "AlignLeft", right = "AlignRight", center = "AlignCenter", `default` = "AlignDefault" }
    enum CitationMode: String, Equatable, Codable { case authorInText = "AuthorInText", suppressAuthor = "SuppressAuthor", normal = "NormalCitation" }
    enum ListNumberStyle: String, Equatable, Codable {
        case `default` = "DefaultStyle", example = "Example", decimal = "Decimal", lowerRoman = "LowerRoman", upperRoman = "UpperRoman"
        case lowerAlpha = "LowerAlpha", upperAlpha = "UpperAlpha"
    }
    enum ListNumberDelim: String, Equatable, Codable {
        case `default` = "DefaultDelim", period = "Period", oneParen = "OneParen", twoParens = "TwoParens"
    }

    /// An ordered list's start number, numbering style and delimiter: `[1, {"t": "Decimal"}, {"t": "Period"}]`.
    struct ListAttributes: Codable, Equatable {
        var start: Int
        var style: ListNumberStyle
        var delimiter: ListNumberDelim

        init(start: Int = 1, style: ListNumberStyle = .default, delimiter: ListNumberDelim = .default) {
            self.start = start
            self.style = style
            self.delimiter = delimiter
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            start = try c.decode(Int.self)
            style = try c.decode(Tagged<ListNumberStyle>.self).value
            delimiter = try c.decode(Tagged<ListNumberDelim>.self).value
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(start)
            try c.encode(Tagged(style))
            try c.encode(Tagged(delimiter))
        }
    }

    /// One citation of a Cite: an object, not a tagged node.
    struct Citation: Codable, Equatable {
        var citationId: String
        var citationPrefix: [Inline]
        var citationSuffix: [Inline]
        var citationMode: CitationMode
        var citationNoteNum: Int
        var citationHash: Int

        init(id: String, prefix: [Inline] = [], suffix: [Inline] = [], mode: CitationMode = .normal, noteNum: Int = 0, hash: Int = 0) {
            citationId = id
            citationPrefix = prefix
            citationSuffix = suffix
            citationMode = mode
            citationNoteNum = noteNum
            citationHash = hash
        }

        enum CodingKeys: String, CodingKey { case citationId, citationPrefix, citationSuffix, citationMode, citationNoteNum, citationHash }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            citationId = try c.decode(String.self, forKey: .citationId)
            citationPrefix = try c.decode([Inline].self, forKey: .citationPrefix)
            citationSuffix = try c.decode([Inline].self, forKey: .citationSuffix)
            citationMode = try c.decode(Tagged<CitationMode>.self, forKey: .citationMode).value
            citationNoteNum = try c.decode(Int.self, forKey: .citationNoteNum)
            citationHash = try c.decode(Int.self, forKey: .citationHash)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(citationId, forKey: .citationId)
            try c.encode(citationPrefix, forKey: .citationPrefix)
            try c.encode(citationSuffix, forKey: .citationSuffix)
            try c.encode(Tagged(citationMode), forKey: .citationMode)
            try c.encode(citationNoteNum, forKey: .citationNoteNum)
            try c.encode(citationHash, forKey: .citationHash)
        }
    }

    /// A caption: an optional short caption and blocks, `[null, […]]`.
    struct Caption: Codable, Equatable {
        var short: [Inline]?
        var blocks: [Block]

        init(short: [Inline]? = nil, blocks: [Block] = []) {
            self.short = short
            self.blocks = blocks
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            short = try c.decodeNil() ? nil : c.decode([Inline].self)
            blocks = try c.decode([Block].self)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            if let short { try c.encode(short) } else { try c.encodeNil() }
            try c.encode(blocks)
        }
    }

    /// A column's width: a fraction of the text width, or left to the writer.
    enum ColWidth: Codable, Equatable {
        case width(Double)
        case `default`

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: NodeKey.self)
            switch try c.decode(String.self, forKey: .t) {
            case "ColWidth": self = .width(try c.decode(Double.self, forKey: .c))
            case "ColWidthDefault": self = .default
            case let other: throw DecodingError.dataCorruptedError(forKey: .t, in: c, debugDescription: "unknown column width '\(other)'")
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: NodeKey.self)
            switch self {
            case .width(let w):
                try c.encode("ColWidth", forKey: .t)
                try c.encode(w, forKey: .c)
            case .default:
                try c.encode("ColWidthDefault", forKey: .t)
            }
        }
    }

    /// A column: its alignment and width, `[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]`.
    struct ColSpec: Codable, Equatable {
        var alignment: Alignment
        var width: ColWidth

        init(alignment: Alignment = .default, width: ColWidth = .default) {
            self.alignment = alignment
            self.width = width
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            alignment = try c.decode(Tagged<Alignment>.self).value
            width = try c.decode(ColWidth.self)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(Tagged(alignment))
            try c.encode(width)
        }
    }

    /// A table cell: `[attr, alignment, row span, column span, blocks]`.
    struct Cell: Codable, Equatable {
        var attr: Attr
        var alignment: Alignment
        var rowSpan: Int
        var colSpan: Int
        var blocks: [Block]

        init(attr: Attr = .empty, alignment: Alignment = .default, rowSpan: Int = 1, colSpan: Int = 1, blocks: [Block]) {
            self.attr = attr
            self.alignment = alignment
            self.rowSpan = rowSpan
            self.colSpan = colSpan
            self.blocks = blocks
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            attr = try c.decode(Attr.self)
            alignment = try c.decode(Tagged<Alignment>.self).value
            rowSpan = try c.decode(Int.self)
            colSpan = try c.decode(Int.self)
            blocks = try c.decode([Block].self)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(attr)
            try c.encode(Tagged(alignment))
            try c.encode(rowSpan)
            try c.encode(colSpan)
            try c.encode(blocks)
        }
    }

    /// A table row: `[attr, cells]`.
    struct Row: Codable, Equatable {
        var attr: Attr
        var cells: [Cell]

        init(attr: Attr = .empty, cells: [Cell]) {
            self.attr = attr
            self.cells = cells
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            attr = try c.decode(Attr.self)
            cells = try c.decode([Cell].self)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(attr)
            try c.encode(cells)
        }
    }

    /// A table's head or foot: `[attr, rows]`.
    struct TableSection: Codable, Equatable {
        var attr: Attr
        var rows: [Row]

        init(attr: Attr = .empty, rows: [Row] = []) {
            self.attr = attr
            self.rows = rows
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            attr = try c.decode(Attr.self)
            rows = try c.decode([Row].self)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(attr)
            try c.encode(rows)
        }
    }

    /// A table body: `[attr, row head columns, head rows, body rows]`.
    struct TableBody: Codable, Equatable {
        var attr: Attr
        var rowHeadColumns: Int
        var head: [Row]
        var rows: [Row]

        init(attr: Attr = .empty, rowHeadColumns: Int = 0, head: [Row] = [], rows: [Row]) {
            self.attr = attr
            self.rowHeadColumns = rowHeadColumns
            self.head = head
            self.rows = rows
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            attr = try c.decode(Attr.self)
            rowHeadColumns = try c.decode(Int.self)
            head = try c.decode([Row].self)
            rows = try c.decode([Row].self)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(attr)
            try c.encode(rowHeadColumns)
            try c.encode(head)
            try c.encode(rows)
        }
    }

    /// A table (pandoc-types 1.22 and later): `[attr, caption, colspecs, head, bodies, foot]`.
    struct Table: Equatable {
        var attr: Attr
        var caption: Caption
        var colSpecs: [ColSpec]
        var head: TableSection
        var bodies: [TableBody]
        var foot: TableSection

        init(
            attr: Attr = .empty, caption: Caption = Caption(), colSpecs: [ColSpec], head: TableSection = TableSection(), bodies: [TableBody],
            foot: TableSection = TableSection()
        ) {
            self.attr = attr
            self.caption = caption
            self.colSpecs = colSpecs
            self.head = head
            self.bodies = bodies
            self.foot = foot
        }

        /// Every row: the head's, each body's head and body rows, the foot's.
        var allRows: [Row] { head.rows + bodies.flatMap { $0.head + $0.rows } + foot.rows }
    }

    indirect enum Block: Equatable {
        case plain([Inline])
        case para([Inline])
        case lineBlock([[Inline]])
        case codeBlock(Attr, String)
        case rawBlock(format: String, String)
        case blockQuote([Block])
        case orderedList(ListAttributes, [[Block]])
        case bulletList([[Block]])
        case definitionList([(term: [Inline], definitions: [[Block]])])
        case header(level: Int, Attr, [Inline])
        case horizontalRule
        case table(Table)
        case figure(Attr, Caption, [Block])
        case div(Attr, [Block])
        /// A constructor this model does not know (pandoc-types 1.22's Null, or one of a later pandoc), kept as read.
        case unknown(String, JSONValue?)

        static func == (a: Block, b: Block) -> Bool {
            switch (a, b) {
            case (.plain(let x), .plain(let y)), (.para(let x), .para(let y)): x == y
            case (.lineBlock(let x), .lineBlock(let y)): x == y
            case (.codeBlock(let a1, let t1), .codeBlock(let a2, let t2)): a1 == a2 && t1 == t2
            case (.rawBlock(let f1, let t1), .rawBlock(let f2, let t2)): f1 == f2 && t1 == t2
            case (.blockQuote(let x), .blockQuote(let y)): x == y
            case (.orderedList(let l1, let x), .orderedList(let l2, let y)): l1 == l2 && x == y
            case (.bulletList(let x), .bulletList(let y)): x == y
            case (.definitionList(let x), .definitionList(let y)):
                x.count == y.count && zip(x, y).allSatisfy { $0.term == $1.term && $0.definitions == $1.definitions }
            case (.header(let l1, let a1, let x), .header(let l2, let a2, let y)): l1 == l2 && a1 == a2 && x == y
            case (.horizontalRule, .horizontalRule): true
            case (.table(let x), .table(let y)): x == y
            case (.figure(let a1, let c1, let x), .figure(let a2, let c2, let y)): a1 == a2 && c1 == c2 && x == y
            case (.div(let a1, let x), .div(let a2, let y)): a1 == a2 && x == y
            case (.unknown(let t1, let c1), .unknown(let t2, let c2)): t1 == t2 && c1 == c2
            default: false
            }
        }
    }

    indirect enum Inline: Equatable {
        case str(String)
        case emph([Inline])
        case underline([Inline])
        case strong([Inline])
        case strikeout([Inline])
        case superscript([Inline])
        case `subscript`([Inline])
        case smallCaps([Inline])
        case quoted(QuoteType, [Inline])
        case cite([Citation], [Inline])
        case code(Attr, String)
        case space
        case softBreak
        case lineBreak
        case math(MathType, String)
        case rawInline(format: String, String)
        case link(Attr, [Inline], Target)
        case image(Attr, [Inline], Target)
        case note([Block])
        case span(Attr, [Inline])
        /// A constructor this model does not know, kept as read.
        case unknown(String, JSONValue?)
    }

    /// A metadata value (the document's title, author, date, abstract…).
    indirect enum MetaValue: Equatable {
        case map([String: MetaValue])
        case list([MetaValue])
        case bool(Bool)
        case string(String)
        case inlines([Inline])
        case blocks([Block])
        case unknown(String, JSONValue?)
    }

    /// Any JSON value, for the content of constructors this model does not know.
    indirect enum JSONValue: Codable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int.self) {
                self = .int(i)
            } else if let d = try? c.decode(Double.self) {
                self = .double(d)
            } else if let s = try? c.decode(String.self) {
                self = .string(s)
            } else if let a = try? c.decode([JSONValue].self) {
                self = .array(a)
            } else {
                self = .object(try c.decode([String: JSONValue].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .null: try c.encodeNil()
            case .bool(let b): try c.encode(b)
            case .int(let i): try c.encode(i)
            case .double(let d): try c.encode(d)
            case .string(let s): try c.encode(s)
            case .array(let a): try c.encode(a)
            case .object(let o): try c.encode(o)
            }
        }
    }

    /// The keys of a node: its constructor and its content.
    enum NodeKey: String, CodingKey { case t, c }

    /// A constructor without content, `{"t": "AlignDefault"}`, as one of the small enumerations.
    struct Tagged<Value: RawRepresentable<String>>: Codable {
        var value: Value

        init(_ value: Value) { self.value = value }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: NodeKey.self)
            let tag = try c.decode(String.self, forKey: .t)
            guard let value = Value(rawValue: tag) else {
                throw DecodingError.dataCorruptedError(forKey: .t, in: c, debugDescription: "unknown constructor '\(tag)'")
            }
            self.value = value
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: NodeKey.self)
            try c.encode(value.rawValue, forKey: .t)
        }
    }

    /// What is wrong with JSON that is not a pandoc document, and where (`not JSON: …`, `missing 'c' at blocks[3]`).
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads pandoc's JSON output (`pandoc -t json`).
    static func decode(_ data: Data) throws(Malformed) -> Document {
        do {
            return try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw Malformed(description: describe(error))
        }
    }

    /// Writes a document as pandoc reads it (`pandoc -f json`).
    static func encode(_ document: Document) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    /// A decoding error in a line: what went wrong, and at which path of the JSON (`blocks[3].c[2]`).
    static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? "the top" : out
        }
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not JSON: \(context.debugDescription)" }
            return "\(context.debugDescription) at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath))"
        case .valueNotFound(let type, let context):
            return "expected \(type) at \(path(context.codingPath)), found null"
        @unknown default:
            return "\(error)"
        }
    }
}
