import Foundation
import JeSaisFaire

/// What import reads off pandoc's AST: plain text, how bold a paragraph is, heading inlines, metadata text.
extension PandocAST {
    /// Inlines for a plain string: words as Str, separated by Space.
    static func inlines(_ text: String) -> [Inline] {
        var out: [Inline] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if !out.isEmpty { out.append(.space) }
            out.append(.str(String(word)))
        }
        return out
    }

    static func header(level: Int, id: String = "", classes: [String] = [], attributes: [(String, String)] = [], _ inlines: [Inline]) -> Block {
        .header(level: level, Attr(id: id, classes: classes, attributes: attributes.map { (key: $0.0, value: $0.1) }), inlines)
    }

    /// The inlines of a Para or Plain block, nil for any other block.
    static func paragraphInlines(_ block: Block) -> [Inline]? {
        switch block {
        case .para(let inlines), .plain(let inlines): inlines
        default: nil
        }
    }

    /// Plain text of inlines, spaces collapsed, trimmed.
    static func stringify(_ inlines: [Inline]) -> String {
        var out = ""
        appendText(inlines, to: &out)
        return out.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{A0}" }).joined(separator: " ")
    }

    private static func appendText(_ inlines: [Inline], to out: inout String) {
        for inline in inlines {
            switch inline {
            case .str(let text): out += text
            case .space, .softBreak, .lineBreak: out += " "
            case .code(_, let text), .math(_, let text): out += text
            case .quoted(let type, let inner):
                let double = type == .doubleQuote
                out += double ? "« " : "'"
                appendText(inner, to: &out)
                out += double ? " »" : "'"
            case .note, .image, .rawInline, .unknown: break
            case .span(_, let inner), .link(_, let inner, _), .cite(_, let inner): appendText(inner, to: &out)
            case .emph(let inner), .underline(let inner), .strong(let inner), .strikeout(let inner), .superscript(let inner),
                .subscript(let inner), .smallCaps(let inner):
                appendText(inner, to: &out)
            }
        }
    }

    /// Share of the visible characters of `inlines` that are bold (inside Strong), from 0 to 1.
    static func boldShare(_ inlines: [Inline]) -> Double {
        var bold = 0
        var total = 0
        func walk(_ inlines: [Inline], inStrong: Bool) {
            for inline in inlines {
                switch inline {
                case .str(let text):
                    let n = text.filter { !$0.isWhitespace }.count
                    total += n
                    if inStrong { bold += n }
                case .strong(let inner): walk(inner, inStrong: true)
                case .span(_, let inner), .link(_, let inner, _): walk(inner, inStrong: inStrong)
                case .emph(let inner), .underline(let inner), .smallCaps(let inner), .strikeout(let inner), .superscript(let inner),
                    .subscript(let inner):
                    walk(inner, inStrong: inStrong)
                default: break
                }
            }
        }
        walk(inlines, inStrong: false)
        return total == 0 ? 0 : Double(bold) / Double(total)
    }

    /// Inlines fit for a heading: Strong unwrapped (a heading is bold anyway), breaks turned into spaces, trimmed.
    /// The inlines with a space after a number glued to the title in their first word ("1.1.TERMINOLOGIE").
    static func ungluingNumber(_ inlines: [Inline]) -> [Inline] {
        guard let first = inlines.first else { return inlines }
        let rest = Array(inlines.dropFirst())
        switch first {
        case .str(let text):
            guard let split = HeadingDetection.gluedSplit(text) else { return inlines }
            return [.str(split.number), .space] + (split.rest.isEmpty ? [] : [.str(split.rest)]) + rest
        case .strong(let inner): return [.strong(ungluingNumber(inner))] + rest
        case .emph(let inner): return [.emph(ungluingNumber(inner))] + rest
        case .underline(let inner): return [.underline(ungluingNumber(inner))] + rest
        case .span(let attr, let inner): return [.span(attr, ungluingNumber(inner))] + rest
        default: return inlines
        }
    }

    static func headingInlines(_ inlines: [Inline]) -> [Inline] {
        var out: [Inline] = []
        for inline in inlines {
            switch inline {
            case .strong(let inner): out += headingInlines(inner)
            case .softBreak, .lineBreak: out.append(.space)
            case .note: break
            default: out.append(inline)
            }
        }
        while out.first == .space { out.removeFirst() }
        while out.last == .space { out.removeLast() }
        // Collapse runs of spaces.
        var collapsed: [Inline] = []
        for inline in out {
            if inline == .space, collapsed.last == .space { continue }
            collapsed.append(inline)
        }
        return collapsed
    }

    /// Inline text of a metadata value (MetaInlines, MetaString, or one paragraph of MetaBlocks).
    static func metaInlines(_ value: MetaValue?) -> [[Inline]] {
        switch value {
        case .inlines(let inlines): [inlines]
        case .string(let text): [inlines(text)]
        case .blocks(let blocks): blocks.compactMap { paragraphInlines($0) }
        case .list(let values): values.flatMap { metaInlines($0) }
        default: []
        }
    }
}
