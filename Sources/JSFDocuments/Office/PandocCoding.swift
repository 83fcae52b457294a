import Foundation

/// pandoc's JSON for blocks, inlines and metadata: `{"t": constructor, "c": content}`, several fields as an array.
extension PandocAST.Table: Codable {
    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        attr = try c.decode(PandocAST.Attr.self)
        caption = try c.decode(PandocAST.Caption.self)
        colSpecs = try c.decode([PandocAST.ColSpec].self)
        head = try c.decode(PandocAST.TableSection.self)
        bodies = try c.decode([PandocAST.TableBody].self)
        foot = try c.decode(PandocAST.TableSection.self)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(attr)
        try c.encode(caption)
        try c.encode(colSpecs)
        try c.encode(head)
        try c.encode(bodies)
        try c.encode(foot)
    }
}

extension PandocAST.Block: Codable {
    typealias A = PandocAST

    init(from decoder: any Decoder) throws {
        let node = try decoder.container(keyedBy: A.NodeKey.self)
        let tag = try node.decode(String.self, forKey: .t)
        func fields() throws -> any UnkeyedDecodingContainer { try node.nestedUnkeyedContainer(forKey: .c) }
        switch tag {
        case "Plain": self = .plain(try node.decode([A.Inline].self, forKey: .c))
        case "Para": self = .para(try node.decode([A.Inline].self, forKey: .c))
        case "LineBlock": self = .lineBlock(try node.decode([[A.Inline]].self, forKey: .c))
        case "CodeBlock":
            var c = try fields()
            self = .codeBlock(try c.decode(A.Attr.self), try c.decode(String.self))
        case "RawBlock":
            var c = try fields()
            self = .rawBlock(format: try c.decode(String.self), try c.decode(String.self))
        case "BlockQuote": self = .blockQuote(try node.decode([A.Block].self, forKey: .c))
        case "OrderedList":
            var c = try fields()
            self = .orderedList(try c.decode(A.ListAttributes.self), try c.decode([[A.Block]].self))
        case "BulletList": self = .bulletList(try node.decode([[A.Block]].self, forKey: .c))
        case "DefinitionList":
            var items = try fields()
            var list: [(term: [A.Inline], definitions: [[A.Block]])] = []
            while !items.isAtEnd {
                var item = try items.nestedUnkeyedContainer()
                list.append((try item.decode([A.Inline].self), try item.decode([[A.Block]].self)))
            }
            self = .definitionList(list)
        case "Header":
            var c = try fields()
            self = .header(level: try c.decode(Int.self), try c.decode(A.Attr.self), try c.decode([A.Inline].self))
        case "HorizontalRule": self = .horizontalRule
        case "Table": self = .table(try node.decode(A.Table.self, forKey: .c))
        case "Figure":
            var c = try fields()
            self = .figure(try c.decode(A.Attr.self), try c.decode(A.Caption.self), try c.decode([A.Block].self))
        case "Div":
            var c = try fields()
            self = .div(try c.decode(A.Attr.self), try c.decode([A.Block].self))
        default:
            self = .unknown(tag, node.contains(.c) ? try node.decode(A.JSONValue.self, forKey: .c) : nil)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var node = encoder.container(keyedBy: A.NodeKey.self)
        switch self {
        case .plain(let inlines):
            try node.encode("Plain", forKey: .t)
            try node.encode(inlines, forKey: .c)
        case .para(let inlines):
            try node.encode("Para", forKey: .t)
            try node.encode(inlines, forKey: .c)
        case .lineBlock(let lines):
            try node.encode("LineBlock", forKey: .t)
            try node.encode(lines, forKey: .c)
        case .codeBlock(let attr, let text):
            try node.encode("CodeBlock", forKey: .t)
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(attr)
            try c.encode(text)
        case .rawBlock(let format, let text):
            try node.encode("RawBlock", forKey: .t)
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(format)
            try c.encode(text)
        case .blockQuote(let blocks):
            try node.encode("BlockQuote", forKey: .t)
            try node.encode(blocks, forKey: .c)
        case .orderedList(let attributes, let items):
            try node.encode("OrderedList", forKey: .t)
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(attributes)
            try c.encode(items)
        case .bulletList(let items):
            try node.encode("BulletList", forKey: .t)
            try node.encode(items, forKey: .c)
        case .definitionList(let list):
            try node.encode("DefinitionList", forKey: .t)
            var items = node.nestedUnkeyedContainer(forKey: .c)
            for entry in list {
                var item = items.nestedUnkeyedContainer()
                try item.encode(entry.term)
                try item.encode(entry.definitions)
            }
        case .header(let level, let attr, let inlines):
            try node.encode("Header", forKey: .t)
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(level)
            try c.encode(attr)
            try c.encode(inlines)
        case .horizontalRule:
            try node.encode("HorizontalRule", forKey: .t)
        case .table(let table):
            try node.encode("Table", forKey: .t)
            try node.encode(table, forKey: .c)
        case .figure(let attr, let caption, let blocks):
            try node.encode("Figure", forKey: .t)
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(attr)
            try c.encode(caption)
            try c.encode(blocks)
        case .div(let attr, let blocks):
            try node.encode("Div", forKey: .t)
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(attr)
            try c.encode(blocks)
        case .unknown(let tag, let content):
            try node.encode(tag, forKey: .t)
            if let content { try node.encode(content, forKey: .c) }
        }
    }
}

extension PandocAST.Inline: Codable {
    typealias A = PandocAST

    /// The constructors whose content is just inlines.
    static let containers: [String: @Sendable ([A.Inline]) -> A.Inline] = [
        "Emph": { .emph($0) }, "Underline": { .underline($0) }, "Strong": { .strong($0) }, "Strikeout": { .strikeout($0) },
        "Superscript": { .superscript($0) }, "Subscript": { .subscript($0) }, "SmallCaps": { .smallCaps($0) },
    ]

    init(from decoder: any Decoder) throws {
        let node = try decoder.container(keyedBy: A.NodeKey.self)
        let tag = try node.decode(String.self, forKey: .t)
        func fields() throws -> any UnkeyedDecodingContainer { try node.nestedUnkeyedContainer(forKey: .c) }
        if let make = Self.containers[tag] {
            self = make(try node.decode([A.Inline].self, forKey: .c))
            return
        }
        switch tag {
        case "Str": self = .str(try node.decode(String.self, forKey: .c))
        case "Space": self = .space
        case "SoftBreak": self = .softBreak
        case "LineBreak": self = .lineBreak
        case "Quoted":
            var c = try fields()
            self = .quoted(try c.decode(A.Tagged<A.QuoteType>.self).value, try c.decode([A.Inline].self))
        case "Cite":
            var c = try fields()
            self = .cite(try c.decode([A.Citation].self), try c.decode([A.Inline].self))
        case "Code":
            var c = try fields()
            self = .code(try c.decode(A.Attr.self), try c.decode(String.self))
        case "Math":
            var c = try fields()
            self = .math(try c.decode(A.Tagged<A.MathType>.self).value, try c.decode(String.self))
        case "RawInline":
            var c = try fields()
            self = .rawInline(format: try c.decode(String.self), try c.decode(String.self))
        case "Link":
            var c = try fields()
            self = .link(try c.decode(A.Attr.self), try c.decode([A.Inline].self), try c.decode(A.Target.self))
        case "Image":
            var c = try fields()
            self = .image(try c.decode(A.Attr.self), try c.decode([A.Inline].self), try c.decode(A.Target.self))
        case "Note": self = .note(try node.decode([A.Block].self, forKey: .c))
        case "Span":
            var c = try fields()
            self = .span(try c.decode(A.Attr.self), try c.decode([A.Inline].self))
        default:
            self = .unknown(tag, node.contains(.c) ? try node.decode(A.JSONValue.self, forKey: .c) : nil)
        }
    }

    /// The constructor's name in pandoc's JSON.
    var tag: String {
        switch self {
        case .str: "Str"
        case .emph: "Emph"
        case .underline: "Underline"
        case .strong: "Strong"
        case .strikeout: "Strikeout"
        case .superscript: "Superscript"
        case .subscript: "Subscript"
        case .smallCaps: "SmallCaps"
        case .quoted: "Quoted"
        case .cite: "Cite"
        case .code: "Code"
        case .space: "Space"
        case .softBreak: "SoftBreak"
        case .lineBreak: "LineBreak"
        case .math: "Math"
        case .rawInline: "RawInline"
        case .link: "Link"
        case .image: "Image"
        case .note: "Note"
        case .span: "Span"
        case .unknown(let tag, _): tag
        }
    }

    func encode(to encoder: any Encoder) throws {
        var node = encoder.container(keyedBy: A.NodeKey.self)
        try node.encode(tag, forKey: .t)
        switch self {
        case .str(let text):
            try node.encode(text, forKey: .c)
        case .emph(let inlines), .underline(let inlines), .strong(let inlines), .strikeout(let inlines), .superscript(let inlines),
            .subscript(let inlines), .smallCaps(let inlines):
            try node.encode(inlines, forKey: .c)
        case .space, .softBreak, .lineBreak:
            break
        case .quoted(let type, let inlines):
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(A.Tagged(type))
            try c.encode(inlines)
        case .cite(let citations, let inlines):
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(citations)
            try c.encode(inlines)
        case .code(let attr, let text):
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(attr)
            try c.encode(text)
        case .math(let type, let text):
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(A.Tagged(type))
            try c.encode(text)
        case .rawInline(let format, let text):
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(format)
            try c.encode(text)
        case .link(let attr, let inlines, let target), .image(let attr, let inlines, let target):
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(attr)
            try c.encode(inlines)
            try c.encode(target)
        case .note(let blocks):
            try node.encode(blocks, forKey: .c)
        case .span(let attr, let inlines):
            var c = node.nestedUnkeyedContainer(forKey: .c)
            try c.encode(attr)
            try c.encode(inlines)
        case .unknown(_, let content):
            if let content { try node.encode(content, forKey: .c) }
        }
    }
}

extension PandocAST.MetaValue: Codable {
    typealias A = PandocAST

    init(from decoder: any Decoder) throws {
        let node = try decoder.container(keyedBy: A.NodeKey.self)
        let tag = try node.decode(String.self, forKey: .t)
        switch tag {
        case "MetaMap": self = .map(try node.decode([String: A.MetaValue].self, forKey: .c))
        case "MetaList": self = .list(try node.decode([A.MetaValue].self, forKey: .c))
        case "MetaBool": self = .bool(try node.decode(Bool.self, forKey: .c))
        case "MetaString": self = .string(try node.decode(String.self, forKey: .c))
        case "MetaInlines": self = .inlines(try node.decode([A.Inline].self, forKey: .c))
        case "MetaBlocks": self = .blocks(try node.decode([A.Block].self, forKey: .c))
        default: self = .unknown(tag, node.contains(.c) ? try node.decode(A.JSONValue.self, forKey: .c) : nil)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var node = encoder.container(keyedBy: A.NodeKey.self)
        switch self {
        case .map(let map):
            try node.encode("MetaMap", forKey: .t)
            try node.encode(map, forKey: .c)
        case .list(let list):
            try node.encode("MetaList", forKey: .t)
            try node.encode(list, forKey: .c)
        case .bool(let bool):
            try node.encode("MetaBool", forKey: .t)
            try node.encode(bool, forKey: .c)
        case .string(let string):
            try node.encode("MetaString", forKey: .t)
            try node.encode(string, forKey: .c)
        case .inlines(let inlines):
            try node.encode("MetaInlines", forKey: .t)
            try node.encode(inlines, forKey: .c)
        case .blocks(let blocks):
            try node.encode("MetaBlocks", forKey: .t)
            try node.encode(blocks, forKey: .c)
        case .unknown(let tag, let content):
            try node.encode(tag, forKey: .t)
            if let content { try node.encode(content, forKey: .c) }
        }
    }
}
