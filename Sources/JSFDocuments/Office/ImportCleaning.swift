import Foundation
import JeSaisFaire

/// Cleaning pandoc's AST: anchors, empty spans, images, raw code, tables of contents and wrappers go.
extension Converter {
    /// The document's title, subtitle, author and date (Word's Title style) become the first paragraphs.
    func coverFromMeta() -> [Any] {
        var blocks: [Any] = []
        for key in ["title", "subtitle", "author", "date"] {
            for inlines in A.metaInlines(meta[key]) where !inlines.isEmpty {
                blocks.append(A.para(key == "title" ? [A.make("Strong", inlines)] : inlines))
            }
        }
        if let abstract = meta["abstract"], A.tag(abstract) == "MetaBlocks" {
            blocks += A.content(abstract) as? [Any] ?? []
        }
        return blocks
    }

    /// Removes anchors, empty spans, images, raw code and tables of contents; unwraps divs and (at top level) block
    /// quotes, which pandoc makes of indented paragraphs.
    mutating func clean(_ block: Any, topLevel: Bool) -> [Any] {
        guard let t = A.tag(block) else { return [block] }
        switch t {
        case "Para", "Plain":
            let inlines = cleanInlines(A.content(block) as? [Any] ?? [])
            if isTableOfContentsLine(A.content(block) as? [Any] ?? []) {
                droppedTOCLines += 1
                return []
            }
            if A.stringify(inlines).isEmpty && !inlines.contains(where: { A.tag($0) == "Note" || A.tag($0) == "Math" }) { return [] }
            return [A.make(t, inlines)]
        case "Header":
            guard var c = A.content(block) as? [Any], c.count == 3 else { return [block] }
            let inlines = cleanInlines(c[2] as? [Any] ?? [])
            if A.stringify(inlines).isEmpty { return [] }
            c[2] = inlines
            if format != "md" { c[1] = ["", [String](), [Any]()] as [Any] }
            return [A.make("Header", c)]
        case "RawBlock":
            return []
        case "Div":
            let c = A.content(block) as? [Any] ?? []
            return (c.last as? [Any] ?? []).flatMap { clean($0, topLevel: topLevel) }
        case "BlockQuote":
            let inner = (A.content(block) as? [Any] ?? []).flatMap { clean($0, topLevel: topLevel) }
            return topLevel ? inner : (inner.isEmpty ? [] : [A.make("BlockQuote", inner)])
        case "BulletList":
            let items = (A.content(block) as? [Any] ?? []).map { item in (item as? [Any] ?? []).flatMap { clean($0, topLevel: false) } }
            return items.allSatisfy(\.isEmpty) ? [] : [A.make("BulletList", items)]
        case "OrderedList":
            var c = A.content(block) as? [Any] ?? []
            guard c.count == 2 else { return [block] }
            let items = (c[1] as? [Any] ?? []).map { item in (item as? [Any] ?? []).flatMap { clean($0, topLevel: false) } }
            if items.allSatisfy(\.isEmpty) { return [] }
            c[1] = items
            return [A.make("OrderedList", c)]
        case "LineBlock":
            let lines = (A.content(block) as? [Any] ?? []).map { cleanInlines($0 as? [Any] ?? []) }
            return [A.make("LineBlock", lines)]
        case "Table":
            return [Converter.simplifyTable(cleanDeep(block))]
        case "DefinitionList":
            return [cleanDeep(block)]
        default:
            return [block]
        }
    }

    /// A table whose cells are single lines loses its column widths, so that pandoc writes it as a pipe table
    /// (grid tables stay for cells with several paragraphs, lists or merged cells).
    static func simplifyTable(_ table: Any) -> Any {
        guard var c = A.content(table) as? [Any], c.count == 6, let specs = c[2] as? [Any] else { return table }
        var simple = true
        func rows(_ list: Any?) -> [Any] { list as? [Any] ?? [] }
        func check(row: Any) {
            guard let r = row as? [Any], r.count == 2 else { simple = false; return }
            for cell in rows(r[1]) {
                guard let parts = cell as? [Any], parts.count == 5 else { simple = false; return }
                if (parts[2] as? Int ?? 1) != 1 || (parts[3] as? Int ?? 1) != 1 { simple = false }
                let blocks = rows(parts[4])
                if blocks.count > 1 { simple = false }
                if let b = blocks.first {
                    guard let inlines = A.paragraphInlines(b) else { simple = false; continue }
                    if inlines.contains(where: { A.tag($0) == "LineBreak" || A.tag($0) == "Note" }) { simple = false }
                }
            }
        }
        if let head = c[3] as? [Any], head.count == 2 { rows(head[1]).forEach(check) }
        for body in rows(c[4]) {
            guard let b = body as? [Any], b.count == 4 else { simple = false; continue }
            rows(b[2]).forEach(check)
            rows(b[3]).forEach(check)
        }
        if let foot = c[5] as? [Any], foot.count == 2 { rows(foot[1]).forEach(check) }
        guard simple else { return table }
        c[2] = specs.map { spec -> Any in
            guard var s = spec as? [Any], s.count == 2 else { return spec }
            s[1] = A.make("ColWidthDefault")
            return s
        }
        return A.make("Table", c)
    }

    /// Cleans every inline list found anywhere inside a block (tables, definition lists).
    mutating func cleanDeep(_ value: Any) -> Any {
        if let node = value as? [String: Any], let t = node["t"] as? String {
            if ["Para", "Plain"].contains(t) {
                return A.make(t, cleanInlines(node["c"] as? [Any] ?? []))
            }
            if let c = node["c"] { return A.make(t, cleanDeep(c)) }
            return node
        }
        if let array = value as? [Any] { return array.map { cleanDeep($0) } }
        return value
    }

    mutating func cleanInlines(_ inlines: [Any]) -> [Any] {
        var out: [Any] = []
        for inline in inlines {
            switch A.tag(inline) {
            case "Span":
                let c = A.content(inline) as? [Any] ?? []
                out += cleanInlines(c.count > 1 ? (c[1] as? [Any] ?? []) : [])
            case "Image":
                droppedImages += 1
            case "RawInline":
                break
            case "Underline":
                let inner = cleanInlines(A.content(inline) as? [Any] ?? [])
                if !inner.isEmpty { out.append(A.make("Emph", inner)) }
            case "Link":
                var c = A.content(inline) as? [Any] ?? []
                guard c.count == 3 else { out.append(inline); continue }
                let inner = cleanInlines(c[1] as? [Any] ?? [])
                let target = ((c[2] as? [Any])?.first as? String) ?? ""
                if target.hasPrefix("#") || target.isEmpty {
                    out += inner
                } else if !inner.isEmpty {
                    c[0] = ["", [String](), [Any]()] as [Any]
                    c[1] = inner
                    out.append(A.make("Link", c))
                }
            case "Strong", "Emph", "SmallCaps", "Strikeout", "Superscript", "Subscript":
                let inner = cleanInlines(A.content(inline) as? [Any] ?? [])
                if !A.stringify(inner).isEmpty || inner.contains(where: { A.tag($0) == "Note" }) {
                    out.append(A.make(A.tag(inline)!, inner))
                } else if !inner.isEmpty {
                    out += inner
                }
            case "Note":
                let blocks = (A.content(inline) as? [Any] ?? []).flatMap { clean($0, topLevel: false) }
                if !blocks.isEmpty { out.append(A.make("Note", blocks)) }
            case "Quoted":
                var c = A.content(inline) as? [Any] ?? []
                if c.count == 2 { c[1] = cleanInlines(c[1] as? [Any] ?? []) }
                out.append(A.make("Quoted", c))
            default:
                out.append(inline)
            }
        }
        // Spaces around removed anchors: no leading, trailing or doubled spaces.
        var tidy: [Any] = []
        for inline in out {
            let isSpace = A.tag(inline) == "Space"
            if isSpace && (tidy.isEmpty || A.tag(tidy.last!) == "Space" || A.tag(tidy.last!) == "LineBreak") { continue }
            tidy.append(inline)
        }
        while let last = tidy.last, ["Space", "LineBreak", "SoftBreak"].contains(A.tag(last) ?? "") { tidy.removeLast() }
        return tidy
    }

    /// A line of a table of contents: only links to bookmarks of the document ("#_Toc…"), usually ending with a page number.
    func isTableOfContentsLine(_ inlines: [Any]) -> Bool {
        var sawInternalLink = false
        for inline in inlines {
            switch A.tag(inline) {
            case "Link":
                let c = A.content(inline) as? [Any] ?? []
                let target = ((c.last as? [Any])?.first as? String) ?? ""
                guard target.hasPrefix("#") else { return false }
                if target.lowercased().hasPrefix("#_toc") || target.hasPrefix("#__RefHeading") { sawInternalLink = true } else { return false }
            case "Space", "SoftBreak", "LineBreak", "Span": continue
            case "Str":
                // A page number after the link.
                let s = (A.content(inline) as? String) ?? ""
                if !s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "\t" }) { return false }
            default: return false
            }
        }
        return sawInternalLink
    }
}
