import Foundation
import JeSaisFaire

/// A few helpers over pandoc's JSON AST (pandoc-types 1.22), kept as Foundation JSON values: blocks and inlines are
/// `{"t": tag, "c": content}` dictionaries. Only what import needs to look at is interpreted; the rest is passed through.
enum PandocAST {
    typealias Node = [String: Any]

    static func tag(_ node: Any) -> String? { (node as? Node)?["t"] as? String }
    static func content(_ node: Any) -> Any? { (node as? Node)?["c"] }

    static func make(_ tag: String, _ content: Any? = nil) -> Node {
        var node: Node = ["t": tag]
        if let content { node["c"] = content }
        return node
    }

    /// Inlines for a plain string: words as Str, separated by Space.
    static func inlines(_ text: String) -> [Any] {
        var out: [Any] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if !out.isEmpty { out.append(make("Space")) }
            out.append(make("Str", String(word)))
        }
        return out
    }

    static func para(_ inlines: [Any]) -> Node { make("Para", inlines) }

    static func header(level: Int, id: String = "", classes: [String] = [], attributes: [(String, String)] = [], _ inlines: [Any]) -> Node {
        make("Header", [level, [id, classes, attributes.map { [$0.0, $0.1] }], inlines] as [Any])
    }

    /// The inlines of a Para or Plain block, nil for any other block.
    static func paragraphInlines(_ block: Any) -> [Any]? {
        guard let t = tag(block), t == "Para" || t == "Plain" else { return nil }
        return content(block) as? [Any]
    }

    /// Plain text of inlines, spaces collapsed, trimmed.
    static func stringify(_ inlines: [Any]) -> String {
        var out = ""
        appendText(inlines, to: &out)
        return out.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{A0}" }).joined(separator: " ")
    }

    private static func appendText(_ inlines: [Any], to out: inout String) {
        for inline in inlines {
            switch tag(inline) {
            case "Str": out += (content(inline) as? String) ?? ""
            case "Space", "SoftBreak", "LineBreak": out += " "
            case "Code": out += ((content(inline) as? [Any])?.last as? String) ?? ""
            case "Math": out += ((content(inline) as? [Any])?.last as? String) ?? ""
            case "Quoted":
                let parts = content(inline) as? [Any] ?? []
                let double = tag(parts.first ?? "") == "DoubleQuote"
                out += double ? "« " : "'"
                appendText(parts.last as? [Any] ?? [], to: &out)
                out += double ? " »" : "'"
            case "Note", "Image", "RawInline": break
            case "Span", "Link", "Cite":
                let parts = content(inline) as? [Any] ?? []
                let index = tag(inline) == "Cite" ? parts.count - 1 : 1
                if index >= 0, index < parts.count { appendText(parts[index] as? [Any] ?? [], to: &out) }
            default:
                if let children = content(inline) as? [Any] { appendText(children, to: &out) }
            }
        }
    }

    /// Share of the visible characters of `inlines` that are bold (inside Strong), from 0 to 1.
    static func boldShare(_ inlines: [Any]) -> Double {
        var bold = 0, total = 0
        func walk(_ inlines: [Any], inStrong: Bool) {
            for inline in inlines {
                switch tag(inline) {
                case "Str":
                    let n = ((content(inline) as? String) ?? "").filter { !$0.isWhitespace }.count
                    total += n
                    if inStrong { bold += n }
                case "Strong": walk(content(inline) as? [Any] ?? [], inStrong: true)
                case "Span", "Link":
                    let parts = content(inline) as? [Any] ?? []
                    if parts.count > 1 { walk(parts[1] as? [Any] ?? [], inStrong: inStrong) }
                case "Emph", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript":
                    walk(content(inline) as? [Any] ?? [], inStrong: inStrong)
                default: break
                }
            }
        }
        walk(inlines, inStrong: false)
        return total == 0 ? 0 : Double(bold) / Double(total)
    }

    /// Inlines fit for a heading: Strong unwrapped (a heading is bold anyway), breaks turned into spaces, trimmed.
    static func headingInlines(_ inlines: [Any]) -> [Any] {
        var out: [Any] = []
        for inline in inlines {
            switch tag(inline) {
            case "Strong": out += headingInlines(content(inline) as? [Any] ?? [])
            case "SoftBreak", "LineBreak": out.append(make("Space"))
            case "Note": break
            default: out.append(inline)
            }
        }
        while let f = out.first, tag(f) == "Space" { out.removeFirst() }
        while let l = out.last, tag(l) == "Space" { out.removeLast() }
        // Collapse runs of spaces.
        var collapsed: [Any] = []
        for inline in out {
            if tag(inline) == "Space", let last = collapsed.last, tag(last) == "Space" { continue }
            collapsed.append(inline)
        }
        return collapsed
    }

    /// Inline text of a metadata value (MetaInlines, MetaString, or one paragraph of MetaBlocks).
    static func metaInlines(_ value: Any?) -> [[Any]] {
        guard let value else { return [] }
        switch tag(value) {
        case "MetaInlines": return [content(value) as? [Any] ?? []]
        case "MetaString": return [inlines((content(value) as? String) ?? "")]
        case "MetaBlocks": return (content(value) as? [Any] ?? []).compactMap { paragraphInlines($0) }
        case "MetaList": return (content(value) as? [Any] ?? []).flatMap { metaInlines($0) }
        default: return []
        }
    }
}
