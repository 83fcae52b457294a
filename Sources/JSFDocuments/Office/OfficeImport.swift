import Foundation
import JeSaisFaire

/// What `jsf import` found in a document: its structure and what it could not classify.
public struct ImportReport: Sendable {
    /// How a heading was recognised.
    public enum Source: String, Sendable, Equatable {
        /// A heading style of the document (Titre 1, Heading 2…).
        case style
        /// Its numbering ("Article 4 : Prix", "3.2 Délais", a numbered line in capitals).
        case pattern
        /// Its numbering in a bold paragraph.
        case bold
        /// A weighted line of the award criteria section.
        case criterion
    }

    public struct Heading: Sendable, Equatable {
        /// The number the heading carries or, when it has none, its position ("2.1").
        public var number: String
        public var numbered: Bool
        public var title: String
        public var level: Int
        public var source: Source?
        public var weight: Int?
        public var id: String
    }

    /// The input's format: docx, odt or md.
    public var format: String
    public var headings: [Heading] = []
    public var warnings: [Text] = []
    public var droppedImages = 0
    public var droppedTOCLines = 0

    public var criteria: [Heading] { headings.filter { $0.weight != nil } }
}

/// Office documents (.docx, .odt) and Markdown to cctp.md, through pandoc.
public enum OfficeImport {
    public static let formats = ["docx", "odt", "md"]

    /// Converts `path` (.docx, .odt, .md or .markdown) into a cctp.md with ids, and reports what it found.
    public static func markdown(fromFile path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(JSFError) -> (markdown: String, report: ImportReport)
    {
        let name = (path as NSString).lastPathComponent
        let ext = (path as NSString).pathExtension.lowercased()
        let format: String
        switch ext {
        case "docx", "odt": format = ext
        case "md", "markdown": format = "md"
        default:
            var hints = [Text(en: "jsf imports .docx (Word), .odt (LibreOffice) and .md (Markdown) files",
                              fr: "jsf importe les fichiers .docx (Word), .odt (LibreOffice) et .md (Markdown)")]
            if ["doc", "rtf", "pdf", "wpd"].contains(ext) {
                hints.append(Text(en: "open it in LibreOffice or Word and save it as .odt or .docx first",
                                  fr: "ouvrez-le dans LibreOffice ou Word et enregistrez-le d'abord en .odt ou .docx"))
            }
            throw JSFError(.refused, Text(en: "'\(name)' is not a .docx, .odt or .md file", fr: "'\(name)' n'est pas un fichier .docx, .odt ou .md"),
                           hints: hints)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: path) else {
            throw JSFError(.refused, Text(en: "cannot read '\(path)'", fr: "impossible de lire '\(path)'"),
                           hints: [Text(en: "check the path", fr: "vérifiez le chemin")])
        }
        let pandoc = try ExternalTool.pandoc(environment: environment,
                                             purpose: Text(en: "to read \(format == "md" ? "Markdown" : "." + format) files",
                                                           fr: "pour lire les fichiers \(format == "md" ? "Markdown" : "." + format)"))
        let reader = format == "md" ? "markdown-auto_identifiers" : format
        let read = try pandoc.run(["-f", reader, "-t", "json", path], environment: environment)
        guard read.status == 0, !read.timedOut,
              let root = try? JSONSerialization.jsonObject(with: read.stdout) as? [String: Any],
              let blocks = root["blocks"] as? [Any] else {
            throw JSFError(.refused, Text(en: "pandoc could not read '\(name)' as \(format)", fr: "pandoc n'a pas pu lire '\(name)' en \(format)"),
                           hints: [Text(en: "check that the file opens in LibreOffice or Word, and save it again",
                                        fr: "vérifiez que le fichier s'ouvre dans LibreOffice ou Word, et enregistrez-le de nouveau")],
                           cause: read.timedOut ? "timed out" : lastLines(read.stderr))
        }
        var converter = Converter(format: format, meta: root["meta"] as? [String: Any] ?? [:])
        let newBlocks = converter.convert(blocks)
        var document = root
        document["meta"] = [String: Any]()
        document["blocks"] = newBlocks
        guard let json = try? JSONSerialization.data(withJSONObject: document) else {
            throw JSFError(.refused, Text(en: "cannot convert '\(name)'", fr: "impossible de convertir '\(name)'"))
        }
        let scratch: String
        do { scratch = try ScratchDirectory.make() } catch {
            throw JSFError(.repository, Text(en: "cannot create a temporary directory", fr: "impossible de créer un dossier temporaire"), cause: "\(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let jsonPath = scratch + "/document.json"
        let mdPath = scratch + "/cctp.md"
        guard FileManager.default.createFile(atPath: jsonPath, contents: json) else {
            throw JSFError(.repository, Text(en: "cannot write a temporary file", fr: "impossible d'écrire un fichier temporaire"))
        }
        let write = try pandoc.run(["-f", "json", "-t", "markdown-smart-simple_tables-multiline_tables-raw_attribute-fenced_divs-bracketed_spans-native_divs-native_spans",
                                    "--wrap=none", "--markdown-headings=atx", "-o", mdPath, jsonPath], environment: environment)
        guard write.status == 0, let data = FileManager.default.contents(atPath: mdPath) else {
            throw JSFError(.refused, Text(en: "pandoc could not write Markdown for '\(name)'", fr: "pandoc n'a pas pu écrire le Markdown de '\(name)'"),
                           cause: lastLines(write.stderr))
        }
        var markdown = tidy(String(decoding: data, as: UTF8.self))
        markdown = CCTPText(parsing: markdown).assigningIDs().text

        var report = ImportReport(format: format)
        report.warnings = converter.warnings
        report.droppedImages = converter.droppedImages
        report.droppedTOCLines = converter.droppedTOCLines
        let text = CCTPText(parsing: markdown)
        if text.headings.count != converter.sources.count {
            report.warnings.append(Text(en: "\(converter.sources.count) headings were written but \(text.headings.count) are read back: check the result",
                                        fr: "\(converter.sources.count) titres ont été écrits mais \(text.headings.count) sont relus : vérifiez le résultat"))
        }
        if let clauses = try? text.clauses() {
            for (n, clause) in clauses.enumerated() {
                let source = text.headings.count == converter.sources.count ? converter.sources[n] : nil
                report.headings.append(.init(number: clause.number, numbered: splitNumbering(clause.heading).number != nil,
                                             title: clause.title, level: clause.level, source: source, weight: clause.weight, id: clause.id))
            }
        } else {
            for problem in text.problems(requireIDs: true) {
                report.warnings.append(Text(en: "cctp.md \(problem.description)", fr: "cctp.md \(problem.description)"))
            }
        }
        if text.headings.isEmpty {
            report.warnings.append(Text(en: "no heading found: number the articles (ARTICLE 1 – …, 1.1 …) or use heading styles, then import again",
                                        fr: "aucun titre trouvé : numérotez les articles (ARTICLE 1 – …, 1.1 …) ou utilisez des styles de titre, puis importez de nouveau"))
        }
        return (markdown, report)
    }

    /// Pandoc's Markdown, made stable: integer weights unquoted, no trailing blanks, one final newline.
    static func tidy(_ markdown: String) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var l = String(line)
            while let c = l.last, c == " " || c == "\t" || c == "\r" { l.removeLast() }
            if l.hasPrefix("#"), l.contains("weight=\"") {
                l = l.replacing(#/weight="(\d+)"/#) { "weight=\($0.output.1)" }
            }
            return l
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n") + "\n"
    }

    static func lastLines(_ text: String, count: Int = 5) -> String {
        text.split(separator: "\n").suffix(count).joined(separator: "\n")
    }
}

/// The AST transformation: clean pandoc's noise, turn heading-like paragraphs into headings, criteria into criterion headings.
struct Converter {
    typealias A = PandocAST
    let format: String
    let meta: [String: Any]
    var warnings: [Text] = []
    var droppedImages = 0
    var droppedTOCLines = 0
    /// How each heading of the output was recognised, in order.
    var sources: [ImportReport.Source] = []

    init(format: String, meta: [String: Any]) {
        self.format = format
        self.meta = meta
    }

    /// One top-level block on its way to the output.
    struct Item {
        var block: Any
        var heading: Planned?
        /// Index of the block in `items` whose paragraph is a heading title continuation (merged into the previous).
        var consumed = false
        var unnumberedEmphasis: String?
    }

    struct Planned {
        var candidate: HeadingCandidate?
        var styleLevel: Int?
        var source: ImportReport.Source
        var inlines: [Any]
        var level = 1
        var id = ""
        var classes: [String] = []
        var attributes: [(String, String)] = []
        var text: String
    }

    /// A private attribute carrying how a heading was recognised, removed before writing.
    static let sourceKey = "jsf-import-source"

    mutating func convert(_ blocks: [Any]) -> [Any] {
        var flat: [Any] = coverFromMeta()
        for block in blocks { flat += clean(block, topLevel: true) }
        var items = flat.map { Item(block: $0) }
        detectHeadings(&items)
        assignLevels(&items)
        var output: [Any] = []
        for item in items where !item.consumed {
            if let h = item.heading {
                output.append(A.header(level: h.level, id: h.id, classes: h.classes,
                                       attributes: h.attributes + [(Converter.sourceKey, h.source.rawValue)], h.inlines))
            } else {
                output.append(item.block)
            }
        }
        output = detectCriteria(output)
        // Sources out of the headings, in order.
        for (n, block) in output.enumerated() where A.tag(block) == "Header" {
            guard var c = A.content(block) as? [Any], c.count == 3, var attr = c[1] as? [Any], attr.count == 3 else { continue }
            var pairs = (attr[2] as? [[String]] ?? [])
            let source = pairs.first { $0.first == Converter.sourceKey }.flatMap { ImportReport.Source(rawValue: $0.last ?? "") } ?? .style
            pairs.removeAll { $0.first == Converter.sourceKey }
            attr[2] = pairs
            c[1] = attr
            output[n] = A.make("Header", c)
            sources.append(source)
        }
        for item in items where !item.consumed && item.heading == nil {
            guard let text = item.unnumberedEmphasis, !criteriaTexts.contains(text) else { continue }
            warnings.append(Text(en: "'\(text)' is in bold or capitals but has no number: kept as a paragraph (give it a heading style or a number to make it a clause)",
                                 fr: "« \(text) » est en gras ou en capitales mais sans numéro : gardé comme paragraphe (donnez-lui un style de titre ou un numéro pour en faire une clause)"))
        }
        return output
    }

    // MARK: Cleaning


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

    // MARK: Headings

    mutating func detectHeadings(_ items: inout [Item]) {
        var tracker = NumberingTracker()
        var seenHeading = false
        var n = 0
        while n < items.count {
            defer { n += 1 }
            let block = items[n].block
            if A.tag(block) == "Header", let c = A.content(block) as? [Any], c.count == 3 {
                let inlines = A.headingInlines(c[2] as? [Any] ?? [])
                let text = A.stringify(inlines)
                let candidate = HeadingDetection.candidate(text)
                var planned = Planned(candidate: candidate, styleLevel: c[0] as? Int ?? 1, source: .style, inlines: inlines, text: text)
                if let attr = c[1] as? [Any], attr.count == 3 {
                    planned.id = attr[0] as? String ?? ""
                    planned.classes = attr[1] as? [String] ?? []
                    planned.attributes = (attr[2] as? [[String]] ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
                }
                if let candidate { tracker.accept(candidate) }
                items[n].heading = planned
                seenHeading = true
                continue
            }
            guard let inlines = A.paragraphInlines(block) else { continue }
            let text = A.stringify(inlines)
            let bold = A.boldShare(inlines)
            switch HeadingDetection.classify(text, boldShare: bold) {
            case .body:
                continue
            case .unnumberedEmphasis:
                if seenHeading { items[n].unnumberedEmphasis = text }
                continue
            case .heading(var candidate, let isBold):
                var headingInlines = A.headingInlines(inlines)
                var mergedNext = false
                // "ARTICLE 3" alone, its title in the next paragraph.
                if candidate.title.isEmpty {
                    guard n + 1 < items.count, let next = A.paragraphInlines(items[n + 1].block) else { continue }
                    let nextText = A.stringify(next)
                    guard nextText.count <= 90, !HeadingDetection.endsLikeSentence(nextText),
                          A.boldShare(next) >= 0.6 || HeadingDetection.isCapitals(nextText) || isBold,
                          HeadingDetection.candidate(nextText) == nil else { continue }
                    headingInlines += [A.make("Space"), A.make("Str", "–"), A.make("Space")] + A.headingInlines(next)
                    candidate.title = nextText
                    items[n + 1].consumed = true
                    mergedNext = true
                }
                switch tracker.check(candidate) {
                case .fits:
                    tracker.accept(candidate)
                    items[n].heading = Planned(candidate: candidate, styleLevel: nil, source: isBold ? .bold : .pattern,
                                               inlines: headingInlines, text: A.stringify(headingInlines))
                    seenHeading = true
                case .breaks(let after):
                    if isBold || HeadingDetection.isCapitals(candidate.title) || candidate.hasKeyword {
                        warnings.append(Text(en: "'\(text)' looks like a heading but breaks the numbering (after \(after)): kept as a paragraph",
                                             fr: "« \(text) » ressemble à un titre mais rompt la numérotation (après \(after)) : gardé comme paragraphe"))
                    }
                    if mergedNext { items[n + 1].consumed = false }
                }
            }
        }
    }

    /// Levels: the kinds present are ranked (titre > partie > chapitre > roman > section > letter > article/1 > 1.1 > …)
    /// and the top kind present becomes level 1; heading styles keep their level, and set the offset of the
    /// detected kinds they share.
    mutating func assignLevels(_ items: inout [Item]) {
        let indices = items.indices.filter { items[$0].heading != nil && !items[$0].consumed }
        let ranks = Set(indices.compactMap { items[$0].heading?.candidate?.kind.rank }).sorted()
        func compressed(_ kind: HeadingKind) -> Int { (ranks.firstIndex(of: kind.rank) ?? 0) + 1 }
        var offsets: [Int: Int] = [:]
        var styledLevels: [Int] = []
        for i in indices {
            guard let h = items[i].heading, let style = h.styleLevel else { continue }
            styledLevels.append(style)
            if let kind = h.candidate?.kind { offsets[style - compressed(kind), default: 0] += 1 }
        }
        let offset: Int
        if let best = offsets.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            offset = best.key
        } else if let deepest = styledLevels.max() {
            // Styled headings without numbers: numbered paragraphs sit below them.
            offset = deepest
        } else {
            offset = 0
        }
        for i in indices {
            guard var h = items[i].heading else { continue }
            if let style = h.styleLevel {
                h.level = style
            } else if let kind = h.candidate?.kind {
                h.level = compressed(kind) + offset
            }
            items[i].heading = h
        }
        let minimum = indices.compactMap { items[$0].heading?.level }.min() ?? 1
        for i in indices {
            items[i].heading!.level = min(6, max(1, items[i].heading!.level - minimum + 1))
        }
    }

    // MARK: Criteria

    /// Finds the award criteria section and, when its items carry weights summing to 100, makes them criterion headings.
    mutating func detectCriteria(_ blocks: [Any]) -> [Any] {
        // Already criteria (Markdown input with .criterion headings): nothing to do.
        if blocks.contains(where: { Self.headerClasses($0).contains("criterion") }) { return blocks }
        var found = false
        var b = 0
        while b < blocks.count {
            guard A.tag(blocks[b]) == "Header", let c = A.content(blocks[b]) as? [Any], c.count == 3 else { b += 1; continue }
            let level = c[0] as? Int ?? 1
            let sectionTitle = A.stringify(c[2] as? [Any] ?? [])
            guard CriteriaDetection.isCriteriaTitle(splitNumbering(sectionTitle).title) else { b += 1; continue }
            found = true
            // The section: up to the next heading of the same or a higher level.
            var end = b + 1
            while end < blocks.count {
                if A.tag(blocks[end]) == "Header", let l = (A.content(blocks[end]) as? [Any])?.first as? Int, l <= level { break }
                end += 1
            }
            switch criteriaFromSubheadings(blocks, section: b, end: end, title: sectionTitle) {
            case .converted(let result): return result
            case .refused: return blocks
            case .none: break
            }
            switch criteriaFromItems(blocks, section: b, end: end, level: level, title: sectionTitle) {
            case .converted(let result): return result
            case .refused: return blocks
            case .none: break
            }
            warnings.append(Text(en: "no weighted criteria (\"Prix : 40 %\") found under '\(sectionTitle)': no criteria imported",
                                 fr: "aucun critère pondéré (« Prix : 40 % ») trouvé sous « \(sectionTitle) » : aucun critère importé"))
            return blocks
        }
        if !found {
            let mentions = blocks.contains { block in
                guard let inlines = A.paragraphInlines(block) else { return false }
                return CriteriaDetection.fold(A.stringify(inlines)).contains("criteres d'attribution")
            }
            if mentions {
                warnings.append(Text(en: "the award criteria are mentioned but no heading 'Critères d'attribution' was found: no criteria imported",
                                     fr: "les critères d'attribution sont mentionnés mais aucun titre « Critères d'attribution » n'a été trouvé : aucun critère importé"))
            }
        }
        return blocks
    }

    enum CriteriaOutcome { case converted([Any]), refused, none }

    static func headerClasses(_ block: Any) -> [String] {
        guard A.tag(block) == "Header", let c = A.content(block) as? [Any], c.count == 3, let attr = c[1] as? [Any], attr.count == 3 else { return [] }
        return attr[1] as? [String] ?? []
    }

    static func headerAttributes(_ block: Any) -> [(String, String)] {
        guard A.tag(block) == "Header", let c = A.content(block) as? [Any], c.count == 3, let attr = c[1] as? [Any], attr.count == 3 else { return [] }
        return (attr[2] as? [[String]] ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
    }

    mutating func refuseTotal(_ total: Int, title: String) {
        warnings.append(Text(en: "the criteria under '\(title)' weigh \(total) in all, not 100: left as they are; set weights with {.criterion weight=N} by hand",
                             fr: "les critères sous « \(title) » pèsent \(total) au total, et non 100 : laissés tels quels ; indiquez les pondérations avec {.criterion weight=N} à la main"))
    }

    /// Sub-headings of the section that state a weight ("8.1 Prix : 40 %").
    mutating func criteriaFromSubheadings(_ blocks: [Any], section: Int, end: Int, title: String) -> CriteriaOutcome {
        var subs: [(index: Int, item: CriteriaDetection.Item, number: String?, level: Int)] = []
        var childLevel: Int?
        for i in (section + 1)..<end where A.tag(blocks[i]) == "Header" {
            guard let c = A.content(blocks[i]) as? [Any], let l = c[0] as? Int else { continue }
            if childLevel == nil { childLevel = l }
            guard l == childLevel else { continue }
            let split = splitNumbering(A.stringify(c[2] as? [Any] ?? []))
            guard let item = CriteriaDetection.item(split.title) else { return .none }
            subs.append((i, item, split.number, l))
        }
        guard !subs.isEmpty else { return .none }
        let total = subs.reduce(0) { $0 + $1.item.weight }
        guard total == 100 else { refuseTotal(total, title: title); return .refused }
        var blocks = blocks
        for sub in subs {
            let label = (sub.number.map { $0 + " " } ?? "") + sub.item.label
            let source = Self.headerAttributes(blocks[sub.index]).first { $0.0 == Converter.sourceKey }?.1 ?? ImportReport.Source.style.rawValue
            blocks[sub.index] = A.header(level: sub.level, classes: ["criterion"],
                                         attributes: [("weight", String(sub.item.weight)), (Converter.sourceKey, source)], A.inlines(label))
        }
        return .converted(blocks)
    }

    /// List items or paragraphs of the section that state a weight ("- Prix : 40 %").
    mutating func criteriaFromItems(_ blocks: [Any], section: Int, end: Int, level: Int, title: String) -> CriteriaOutcome {
        struct Found { var item: CriteriaDetection.Item; var body: [Any]; var text: String }
        // Candidate groups: a list of the section whose every item has a weight, or a run of weighted paragraphs.
        var groups: [(range: Range<Int>, found: [Found])] = []
        var i = section + 1
        while i < end {
            let block = blocks[i]
            if A.tag(block) == "BulletList" || A.tag(block) == "OrderedList" {
                let rawItems: [Any] = A.tag(block) == "BulletList" ? (A.content(block) as? [Any] ?? [])
                                                                    : ((A.content(block) as? [Any])?.last as? [Any] ?? [])
                var found: [Found] = []
                var all = true
                for raw in rawItems {
                    let parts = raw as? [Any] ?? []
                    guard let first = parts.first, let inlines = A.paragraphInlines(first),
                          let item = CriteriaDetection.item(A.stringify(inlines)) else { all = false; break }
                    var body: [Any] = []
                    if item.hasMore { body.append(A.para(inlines)) }
                    body += parts.dropFirst()
                    found.append(Found(item: item, body: body, text: A.stringify(inlines)))
                }
                if all, !found.isEmpty { groups.append((i..<(i + 1), found)) }
                i += 1
            } else if let inlines = A.paragraphInlines(block), CriteriaDetection.item(A.stringify(inlines)) != nil {
                var j = i
                var found: [Found] = []
                while j < end, let inl = A.paragraphInlines(blocks[j]), let item = CriteriaDetection.item(A.stringify(inl)) {
                    found.append(Found(item: item, body: item.hasMore ? [A.para(inl)] : [], text: A.stringify(inl)))
                    j += 1
                }
                groups.append((i..<j, found))
                i = j
            } else {
                i += 1
            }
        }
        guard !groups.isEmpty else { return .none }
        guard let group = groups.first(where: { $0.found.reduce(0) { $0 + $1.item.weight } == 100 }) else {
            refuseTotal(groups[0].found.reduce(0) { $0 + $1.item.weight }, title: title)
            return .refused
        }
        // The section's other blocks stay first; the criteria come last, each a heading followed by its text.
        let before = Array(blocks[(section + 1)..<group.range.lowerBound])
        let after = Array(blocks[group.range.upperBound..<end])
        if !after.isEmpty {
            warnings.append(Text(en: "the text that followed the criteria of '\(title)' was moved before them",
                                 fr: "le texte qui suivait les critères de « \(title) » a été placé avant eux"))
        }
        var criteria: [Any] = []
        for found in group.found {
            criteria.append(A.header(level: level + 1, classes: ["criterion"],
                                     attributes: [("weight", String(found.item.weight)), (Converter.sourceKey, ImportReport.Source.criterion.rawValue)],
                                     A.inlines(found.item.label)))
            criteria += found.body
            criteriaTexts.insert(found.text)
        }
        return .converted(Array(blocks[...section]) + before + after + criteria + Array(blocks[end...]))
    }

    /// Lines that became criteria (no "bold without number" warning for them).
    var criteriaTexts = Set<String>()
}
