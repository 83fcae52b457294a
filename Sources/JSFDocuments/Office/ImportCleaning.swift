import Foundation
import JeSaisFaire

/// Cleaning pandoc's AST: anchors, empty spans, images, raw code, tables of contents and wrappers go.
extension Converter {
    /// The document's title, subtitle, author and date (Word's Title style) become the first paragraphs.
    func coverFromMeta() -> [A.Block] {
        var blocks: [A.Block] = []
        for key in ["title", "subtitle", "author", "date"] {
            for inlines in A.metaInlines(meta[key]) where !inlines.isEmpty {
                blocks.append(.para(key == "title" ? [.strong(inlines)] : inlines))
            }
        }
        if case .blocks(let abstract) = meta["abstract"] {
            blocks += abstract
        }
        return blocks
    }

    /// Removes anchors, empty spans, images, raw code and tables of contents; unwraps divs and (at top level) block
    /// quotes, which pandoc makes of indented paragraphs.
    mutating func clean(_ block: A.Block, topLevel: Bool) -> [A.Block] {
        switch block {
        case .para(let original), .plain(let original):
            let inlines = cleanInlines(original)
            if isTableOfContentsLine(original) || HeadingDetection.endsWithPageNumber(A.stringify(inlines)) {
                droppedTOCLines += 1
                return []
            }
            if A.stringify(inlines).isEmpty
                && !inlines.contains(where: {
                    switch $0 {
                    case .note, .math, .image: true
                    default: false
                    }
                })
            {
                return []
            }
            if case .para = block { return [.para(inlines)] }
            return [.plain(inlines)]
        case .header(let level, let attr, let original):
            let inlines = cleanInlines(original)
            if A.stringify(inlines).isEmpty { return [] }
            return [.header(level: level, format != "md" ? .empty : attr, inlines)]
        case .rawBlock:
            return []
        case .div(let attr, let blocks):
            if Converter.isTableOfContents(attr) {
                droppedTOCLines += max(1, blocks.count)
                return []
            }
            return blocks.flatMap { clean($0, topLevel: topLevel) }
        case .blockQuote(let blocks):
            let inner = blocks.flatMap { clean($0, topLevel: topLevel) }
            return topLevel ? inner : (inner.isEmpty ? [] : [.blockQuote(inner)])
        case .bulletList(let items):
            let items = items.map { item in item.flatMap { clean($0, topLevel: false) } }
            return items.allSatisfy(\.isEmpty) ? [] : [.bulletList(items)]
        case .orderedList(let attributes, let items):
            let items = items.map { item in item.flatMap { clean($0, topLevel: false) } }
            if items.allSatisfy(\.isEmpty) { return [] }
            return [.orderedList(attributes, items)]
        case .lineBlock(let lines):
            return [.lineBlock(lines.map { cleanInlines($0) })]
        case .table:
            return [Converter.simplifyTable(cleanDeep(block))]
        case .definitionList:
            return [cleanDeep(block)]
        case .figure:
            return [cleanDeep(block)]
        case .codeBlock, .horizontalRule, .unknown:
            return [block]
        }
    }

    /// A table whose cells are single lines loses its column widths, so that pandoc writes it as a pipe table
    /// (grid tables stay for cells with several paragraphs, lists or merged cells).
    static func simplifyTable(_ block: A.Block) -> A.Block {
        guard case .table(var table) = block else { return block }
        let simple = table.allRows.allSatisfy { row in
            row.cells.allSatisfy { cell in
                guard cell.rowSpan == 1, cell.colSpan == 1, cell.blocks.count <= 1 else { return false }
                guard let first = cell.blocks.first else { return true }
                guard let inlines = A.paragraphInlines(first) else { return false }
                return !inlines.contains { if case .lineBreak = $0 { true } else if case .note = $0 { true } else { false } }
            }
        }
        guard simple else { return block }
        for n in table.colSpecs.indices { table.colSpecs[n].width = .default }
        return .table(table)
    }

    /// Cleans the inlines of every paragraph found anywhere inside a block (tables, definition lists); the rest stays.
    mutating func cleanDeep(_ block: A.Block) -> A.Block {
        func blocks(_ list: [A.Block]) -> [A.Block] { list.map { cleanDeep($0) } }
        func inlines(_ list: [A.Inline]) -> [A.Inline] { list.map { cleanDeep($0) } }
        func caption(_ c: A.Caption) -> A.Caption { A.Caption(short: c.short.map(inlines), blocks: blocks(c.blocks)) }
        func rows(_ list: [A.Row]) -> [A.Row] {
            list.map { row in
                var row = row
                for n in row.cells.indices { row.cells[n].blocks = blocks(row.cells[n].blocks) }
                return row
            }
        }
        switch block {
        case .para(let list): return .para(cleanInlines(list))
        case .plain(let list): return .plain(cleanInlines(list))
        case .lineBlock(let lines): return .lineBlock(lines.map(inlines))
        case .blockQuote(let list): return .blockQuote(blocks(list))
        case .orderedList(let attributes, let items): return .orderedList(attributes, items.map(blocks))
        case .bulletList(let items): return .bulletList(items.map(blocks))
        case .definitionList(let list): return .definitionList(list.map { (inlines($0.term), $0.definitions.map(blocks)) })
        case .header(let level, let attr, let list): return .header(level: level, attr, inlines(list))
        case .table(var table):
            table.caption = caption(table.caption)
            table.head.rows = rows(table.head.rows)
            for n in table.bodies.indices {
                table.bodies[n].head = rows(table.bodies[n].head)
                table.bodies[n].rows = rows(table.bodies[n].rows)
            }
            table.foot.rows = rows(table.foot.rows)
            return .table(table)
        case .figure(let attr, let c, let list): return .figure(attr, caption(c), blocks(list))
        case .div(let attr, let list): return .div(attr, blocks(list))
        case .codeBlock, .rawBlock, .horizontalRule, .unknown: return block
        }
    }

    /// The paragraphs inside an inline (a note's) cleaned; a citation's prefix and suffix stay as they are.
    mutating func cleanDeep(_ inline: A.Inline) -> A.Inline {
        func inlines(_ list: [A.Inline]) -> [A.Inline] { list.map { cleanDeep($0) } }
        switch inline {
        case .emph(let list): return .emph(inlines(list))
        case .underline(let list): return .underline(inlines(list))
        case .strong(let list): return .strong(inlines(list))
        case .strikeout(let list): return .strikeout(inlines(list))
        case .superscript(let list): return .superscript(inlines(list))
        case .subscript(let list): return .subscript(inlines(list))
        case .smallCaps(let list): return .smallCaps(inlines(list))
        case .quoted(let type, let list): return .quoted(type, inlines(list))
        case .cite(let citations, let list): return .cite(citations, inlines(list))
        case .link(let attr, let list, let target): return .link(attr, inlines(list), target)
        case .image(let attr, let list, let target):
            guard let path = keepImage(target.url) else { return .span(.empty, []) }
            return .image(A.Attr(attributes: attr.attributes.filter { $0.key == "width" || $0.key == "height" }), inlines(list), A.Target(url: path))
        case .note(let list): return .note(list.map { cleanDeep($0) })
        case .span(let attr, let list): return .span(attr, inlines(list))
        case .str, .code, .space, .softBreak, .lineBreak, .math, .rawInline, .unknown: return inline
        }
    }

    mutating func cleanInlines(_ inlines: [A.Inline]) -> [A.Inline] {
        var out: [A.Inline] = []
        for inline in inlines {
            switch inline {
            case .span(_, let inner):
                out += cleanInlines(inner)
            case .image(let attr, let alt, let target):
                guard let path = keepImage(target.url) else { continue }
                let size = attr.attributes.filter { $0.key == "width" || $0.key == "height" }
                out.append(.image(A.Attr(attributes: size), cleanInlines(alt), A.Target(url: path)))
            case .rawInline:
                break
            case .underline(let inner):
                let inner = cleanInlines(inner)
                if !inner.isEmpty { out.append(.emph(inner)) }
            case .link(_, let inner, let target):
                let inner = cleanInlines(inner)
                if target.url.hasPrefix("#") || target.url.isEmpty {
                    out += inner
                } else if !inner.isEmpty {
                    out.append(.link(.empty, inner, target))
                }
            case .strong(let inner), .emph(let inner), .smallCaps(let inner), .strikeout(let inner), .superscript(let inner), .subscript(let inner):
                let inner = cleanInlines(inner)
                if !A.stringify(inner).isEmpty || inner.contains(where: { if case .note = $0 { true } else { false } }) {
                    out.append(Self.rewrapped(inline, inner))
                } else if !inner.isEmpty {
                    out += inner
                }
            case .note(let blocks):
                let blocks = blocks.flatMap { clean($0, topLevel: false) }
                if !blocks.isEmpty { out.append(.note(blocks)) }
            case .quoted(let type, let inner):
                out.append(.quoted(type, cleanInlines(inner)))
            case .str, .cite, .code, .space, .softBreak, .lineBreak, .math, .unknown:
                out.append(inline)
            }
        }
        // Spaces around removed anchors: no leading, trailing or doubled spaces.
        var tidy: [A.Inline] = []
        for inline in out {
            if inline == .space && (tidy.isEmpty || tidy.last == .space || tidy.last == .lineBreak) { continue }
            tidy.append(inline)
        }
        while let last = tidy.last, last == .space || last == .lineBreak || last == .softBreak { tidy.removeLast() }
        return tidy
    }

    /// Keeps the image at `url` (relative to `imageBase`) as an asset and returns its path under assets/; nil when it is
    /// dropped (not a PNG, JPEG or GIF image, too large, or from the web), with a warning saying why.
    mutating func keepImage(_ url: String) -> String? {
        droppedImages += 1
        let name = (url as NSString).lastPathComponent
        if url.contains("://") || url.hasPrefix("data:") || url.hasPrefix("//") {
            warnings.append(
                Text(
                    en: "image '\(String(url.prefix(80)))' is on the web, not in the document: dropped (save it into the document to keep it)",
                    fr:
                        "l'image '\(String(url.prefix(80)))' est sur le web, pas dans le document : retirée (enregistrez-la dans le document pour la garder)"
                ))
            return nil
        }
        let file = url.hasPrefix("/") ? url : imageBase + "/" + (url.removingPercentEncoding ?? url)
        guard let data = FileManager.default.contents(atPath: file) else {
            warnings.append(Text(en: "image '\(name)' cannot be read: dropped", fr: "l'image '\(name)' est illisible : retirée"))
            return nil
        }
        guard let path = Assets.path(for: data) else {
            let type = (name as NSString).pathExtension.uppercased()
            warnings.append(
                Text(
                    en:
                        "image '\(name)' is \(type.isEmpty ? "not PNG, JPEG or GIF" : "a " + type + " file"): dropped (jsf keeps PNG, JPEG and GIF images; save it as PNG in the document)",
                    fr:
                        "l'image '\(name)' \(type.isEmpty ? "n'est pas en PNG, JPEG ou GIF" : "est un fichier " + type) : retirée (jsf garde les images PNG, JPEG et GIF ; enregistrez-la en PNG dans le document)"
                ))
            return nil
        }
        guard data.count <= Assets.maximumSize else {
            warnings.append(
                Text(
                    en:
                        "image '\(name)' weighs \(data.count / 1024) KiB, more than the \(Assets.maximumSize / 1024 / 1024) MiB jsf keeps: dropped (compress it in the document)",
                    fr:
                        "l'image '\(name)' pèse \(data.count / 1024) Kio, plus que les \(Assets.maximumSize / 1024 / 1024) Mio que jsf garde : retirée (compressez-la dans le document)"
                ))
            return nil
        }
        if assets[path] == nil {
            let total = assets.values.reduce(0) { $0 + $1.count } + data.count
            guard total <= Assets.maximumTotal, assets.count < Assets.maximumCount else {
                warnings.append(
                    Text(
                        en:
                            "image '\(name)' goes beyond what a consultation holds (\(Assets.maximumCount) images, \(Assets.maximumTotal / 1024 / 1024) MiB): dropped",
                        fr:
                            "l'image '\(name)' dépasse ce qu'une consultation contient (\(Assets.maximumCount) images, \(Assets.maximumTotal / 1024 / 1024) Mio) : retirée"
                    ))
                return nil
            }
            assets[path] = data
        }
        droppedImages -= 1
        return path
    }

    /// The same kind of emphasis as `inline`, around `inner`.
    static func rewrapped(_ inline: A.Inline, _ inner: [A.Inline]) -> A.Inline {
        switch inline {
        case .strong: .strong(inner)
        case .smallCaps: .smallCaps(inner)
        case .strikeout: .strikeout(inner)
        case .superscript: .superscript(inner)
        case .subscript: .subscript(inner)
        default: .emph(inner)
        }
    }

    /// A Word table of contents field or its paragraphs, as pandoc keeps them: a div or span of class `toc`
    /// or `TOC…`, or with a custom style «TOC 1», «TM 1» (French Word), «Table of Contents», «Contents 1».
    static func isTableOfContents(_ attr: A.Attr) -> Bool {
        let names = attr.classes + attr.attributes.filter { $0.key == "custom-style" }.map(\.value)
        return names.contains { name in
            let n = name.lowercased()
            return n == "toc" || n.hasPrefix("toc ") || n.hasPrefix("toc-") || n.hasPrefix("toc_") || n.contains(#/^toc\d/#)
                || n.contains(#/^tm \d/#) || n.hasPrefix("table of contents") || n.hasPrefix("contents ") || n == "toc heading"
                || n == "en-tête de table des matières" || n == "tocheading"
        }
    }

    /// The block under «Sommaire» / «Table des matières», the title included: entries (numbered or not, with page
    /// numbers or not, in lists) up to the first heading-like line followed by body text.
    mutating func droppingTableOfContents(_ blocks: [A.Block]) -> [A.Block] {
        func text(_ block: A.Block) -> String? {
            switch block {
            case .para(let inlines), .plain(let inlines), .header(_, _, let inlines): A.stringify(inlines)
            default: nil
            }
        }
        func isEntry(_ block: A.Block) -> Bool {
            switch block {
            case .header: return true
            case .bulletList(let items), .orderedList(_, let items):
                return items.allSatisfy { item in item.allSatisfy { block in isEntry(block) || isEntryList(block) } }
            default:
                guard let t = text(block), t.count <= HeadingDetection.maximumLength else { return false }
                return HeadingDetection.candidate(t) != nil || HeadingDetection.endsWithPageNumber(t)
            }
        }
        func isEntryList(_ block: A.Block) -> Bool {
            guard let t = text(block) else { return false }
            return t.count <= HeadingDetection.maximumLength && !HeadingDetection.endsLikeSentence(t)
        }
        func isHeadingLike(_ block: A.Block) -> Bool {
            if case .header = block { return true }
            guard let t = text(block) else { return false }
            return HeadingDetection.candidate(t) != nil && !HeadingDetection.endsWithPageNumber(t)
        }
        var out: [A.Block] = []
        var n = 0
        while n < blocks.count {
            guard let t = text(blocks[n]), HeadingDetection.isTableOfContentsTitle(t) else {
                out.append(blocks[n])
                n += 1
                continue
            }
            // An unnumbered entry of a typed table of contents without page numbers («Prophylaxie» under 5.2) is
            // a line that comes again later as a heading.
            func repeatsLater(_ index: Int) -> Bool {
                guard let t = text(blocks[index]), t.count <= HeadingDetection.maximumLength else { return false }
                return blocks[(index + 1)...].contains { block in
                    if case .header(_, _, let inlines) = block { return A.stringify(inlines) == t }
                    return false
                }
            }
            var end = n + 1
            while end < blocks.count, isEntry(blocks[end]) || repeatsLater(end) {
                if isHeadingLike(blocks[end]), !repeatsLater(end), end + 1 < blocks.count, !isEntry(blocks[end + 1]), !repeatsLater(end + 1) { break }
                end += 1
            }
            droppedTOCLines += end - n
            n = end
        }
        return out
    }

    /// A line of a table of contents: only links to bookmarks of the document ("#_Toc…"), usually ending with a page number.
    func isTableOfContentsLine(_ inlines: [A.Inline]) -> Bool {
        var sawInternalLink = false
        for inline in inlines {
            switch inline {
            case .link(_, _, let target):
                guard target.url.hasPrefix("#") else { return false }
                if target.url.lowercased().hasPrefix("#_toc") || target.url.hasPrefix("#__RefHeading") {
                    sawInternalLink = true
                } else {
                    return false
                }
            case .space, .softBreak, .lineBreak, .span: continue
            case .str(let s):
                // A page number after the link.
                if !s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "\t" }) { return false }
            default: return false
            }
        }
        return sawInternalLink
    }
}

/// Lists written so that pandoc needs no `<!-- -->` between them: the Markdown of cctp.md has no HTML comment.
extension Converter {
    /// Adjacent bullet (or definition) lists become one list, as Word shows them; an ordered list that continues the
    /// previous one's numbering joins it, one that restarts gets the other delimiter (`1)` after `1.`), which starts
    /// a new list in CommonMark and in pandoc; a code block right after a list is fenced (class `text`), not indented.
    /// Inside a list item (`inItem`), numbered lists in a row always join: that is a sub-list pandoc read item by item
    /// (LibreOffice's docx), shown by Word as one.
    static func separatingLists(_ blocks: [A.Block], inItem: Bool = false) -> [A.Block] {
        var out: [A.Block] = []
        for block in blocks.map(separatingListsInside) {
            switch (out.last, block) {
            case (.bulletList(let first)?, .bulletList(let second)):
                out[out.count - 1] = .bulletList(first + second)
            case (.definitionList(let first)?, .definitionList(let second)):
                out[out.count - 1] = .definitionList(first + second)
            case (.orderedList(let a, let first)?, .orderedList(var b, let second)):
                if (b.start == a.start + first.count || inItem) && b.style == a.style {
                    out[out.count - 1] = .orderedList(a, first + second)
                } else {
                    b.delimiter = a.delimiter == .oneParen ? .period : .oneParen
                    out.append(.para([]))
                    out.append(.orderedList(b, second))
                }
            case (.bulletList?, .codeBlock(let attr, let code)), (.orderedList?, .codeBlock(let attr, let code)),
                (.definitionList?, .codeBlock(let attr, let code)):
                out.append(attr == .empty ? .codeBlock(A.Attr(classes: ["text"]), code) : .codeBlock(attr, code))
            default:
                out.append(block)
            }
        }
        return out
    }

    private static func separatingListsInside(_ block: A.Block) -> A.Block {
        switch block {
        case .bulletList(let items): .bulletList(items.map { separatingLists($0, inItem: true) })
        case .orderedList(let attributes, let items): .orderedList(attributes, items.map { separatingLists($0, inItem: true) })
        case .definitionList(let list): .definitionList(list.map { ($0.term, $0.definitions.map { separatingLists($0, inItem: true) }) })
        case .blockQuote(let blocks): .blockQuote(separatingLists(blocks))
        case .div(let attr, let blocks): .div(attr, separatingLists(blocks))
        default: block
        }
    }
}

/// Word's nested lists by style: paragraphs styled «List Bullet 2», «Liste à puces 2», «List Number 3»… carry their
/// level in the style's name only, and pandoc (docx+styles) reads each run of them as a list of its own.
extension Converter {
    /// The list level a Word paragraph style gives (2 for «List Bullet 2», «Liste numéro 2», «Liste 2»), nil for others.
    static func listLevel(ofStyle style: String) -> Int? {
        let s = style.lowercased()
        guard s.hasPrefix("list") || s.hasPrefix("liste"), let match = s.firstMatch(of: #/\s([2-9])$/#) else {
            return s.hasPrefix("list bullet") || s.hasPrefix("list number") || s.hasPrefix("liste à puces") || s.hasPrefix("liste numéro")
                ? 1 : nil
        }
        return Int(match.output.1)
    }

    /// The level of a list item: its first block's custom style, 1 when it has none.
    static func itemLevel(_ item: [A.Block]) -> Int {
        guard case .div(let attr, _)? = item.first, let style = attr.attributes.first(where: { $0.key == "custom-style" })?.value else { return 1 }
        return listLevel(ofStyle: style) ?? 1
    }

    /// Runs of adjacent lists whose items have style levels above 1 become one nested list: an item of a deeper level
    /// goes into the previous item of a shallower one.
    static func nestingListsByStyle(_ blocks: [A.Block]) -> [A.Block] {
        enum Kind: Equatable {
            case bullet
            case ordered(A.ListAttributes)
        }
        struct Entry {
            var level: Int
            var kind: Kind
            var item: [A.Block]
        }
        func entries(_ block: A.Block) -> [Entry]? {
            switch block {
            case .bulletList(let items): items.map { Entry(level: itemLevel($0), kind: .bullet, item: $0) }
            case .orderedList(let attributes, let items): items.map { Entry(level: itemLevel($0), kind: .ordered(attributes), item: $0) }
            default: nil
            }
        }
        func list(_ kind: Kind, _ items: [[A.Block]]) -> A.Block {
            switch kind {
            case .bullet: .bulletList(items)
            case .ordered(let attributes): .orderedList(attributes, items)
            }
        }
        // The lists of entries[i...] at `level` or deeper, and where they end.
        func build(_ run: [Entry], _ start: Int, level: Int) -> ([A.Block], Int) {
            var lists: [(kind: Kind, items: [[A.Block]])] = []
            var i = start
            while i < run.count, run[i].level >= level {
                if run[i].level == level || lists.isEmpty {
                    let here = run[i]
                    if let last = lists.last, last.kind == here.kind || (here.kind != .bullet && last.kind != .bullet) {
                        lists[lists.count - 1].items.append(here.item)
                    } else {
                        lists.append((here.kind, [here.item]))
                    }
                    i += 1
                } else {
                    let (nested, end) = build(run, i, level: run[i].level)
                    let l = lists.count - 1
                    lists[l].items[lists[l].items.count - 1] += nested
                    i = end
                }
            }
            return (lists.map { list($0.kind, $0.items) }, i)
        }
        var out: [A.Block] = []
        var run: [Entry] = []
        var originals: [A.Block] = []
        func flush() {
            if run.contains(where: { $0.level > 1 }) {
                var i = 0
                while i < run.count {
                    let (lists, end) = build(run, i, level: run[i].level)
                    out += lists
                    i = end
                }
            } else {
                out += originals
            }
            run = []
            originals = []
        }
        for block in blocks {
            if let listEntries = entries(block) {
                run += listEntries
                originals.append(block)
                continue
            }
            flush()
            if case .div(let attr, let inner) = block {
                out.append(.div(attr, nestingListsByStyle(inner)))
            } else {
                out.append(block)
            }
        }
        flush()
        return out
    }
}
