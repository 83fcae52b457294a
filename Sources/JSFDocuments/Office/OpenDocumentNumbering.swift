import Foundation

/// LibreOffice's outline numbering (Tools › Heading Numbering): the `text:outline-style` of styles.xml (or
/// content.xml) numbers the `text:h` headings of content.xml by their `text:outline-level`, each level with its
/// `style:num-format` (1, I, i, A, a or none), `style:num-prefix` and `style:num-suffix`, `text:display-levels`
/// and `text:start-value`; LibreOffice's own `loext:num-list-format` (`%1%.%2%.`) wins when present.
enum OpenDocumentNumbering {
    typealias Element = OfficeXML.Element

    struct Level {
        var format = ""
        var prefix = ""
        var suffix = ""
        var display = 1
        var start = 1
        var listFormat: String?

        init() {}

        init(_ element: Element) {
            format = element["num-format"] ?? ""
            prefix = element["num-prefix"] ?? ""
            suffix = element["num-suffix"] ?? ""
            display = element["display-levels"].flatMap { Int($0) } ?? 1
            start = element["start-value"].flatMap { Int($0) } ?? 1
            listFormat = element["num-list-format"]
        }
    }

    /// The headings of the .odt at `path`, in order, with the number LibreOffice shows before each.
    static func headings(ofFile path: String) throws -> [OfficeNumbering.Heading] {
        let parts = try OfficeXML.members(["content.xml", "styles.xml"], ofZip: path)
        guard let contentData = parts["content.xml"] else { throw OfficeXML.ReadError(description: "no content.xml") }
        // LibreOffice's default outline style numbers nothing (every num-format empty): the body need not be read.
        let numbered = #/num-format="[1IiAa]"/#
        let texts = [contentData, parts["styles.xml"]].compactMap { $0.map { String(decoding: $0, as: UTF8.self) } }
        guard texts.contains(where: { $0.contains(numbered) }) else { return [] }
        let content = try OfficeXML.parse(contentData, name: "content.xml")
        let styles = try parts["styles.xml"].map { try OfficeXML.parse($0, name: "styles.xml") }
        return headings(content: content, styles: styles)
    }

    /// The headings of content.xml, numbered by the outline style of styles.xml (or of content.xml).
    static func headings(content: Element, styles: Element?) -> [OfficeNumbering.Heading] {
        var levels: [Int: Level] = [:]
        var outlineName = "Outline"
        for root in [styles, content].compactMap({ $0 }) {
            guard let outline = first("outline-style", in: root) else { continue }
            outlineName = outline["name"] ?? outlineName
            for element in outline.children("outline-level-style") {
                if let n = element["level"].flatMap({ Int($0) }) { levels[n] = Level(element) }
            }
        }
        var listStyles: [String: [Int: Level]] = [:]
        for root in [styles, content].compactMap({ $0 }) {
            for style in all("list-style", in: root) {
                guard let name = style["name"] else { continue }
                var styleLevels: [Int: Level] = [:]
                for element in style.children("list-level-style-number") {
                    if let n = element["level"].flatMap({ Int($0) }) { styleLevels[n] = Level(element) }
                }
                listStyles[name] = styleLevels
            }
        }
        var counters: [Int: Int] = [:]
        var out: [OfficeNumbering.Heading] = []
        walk(content, outline: outlineName, listStyles: listStyles) { heading, list in
            let level = heading["outline-level"].flatMap { Int($0) } ?? 1
            let text = text(of: heading)
            // A heading in a list of another style is numbered by that list, as LibreOffice shows it, not by the outline.
            if heading["is-list-header"] == "true" || list != nil {
                let label = list.flatMap { list in
                    heading["is-list-header"] == "true" ? nil : Self.label(level: list.depth, counters: list.counters, levels: list.levels)
                }
                out.append(.init(text: text, label: label))
                return
            }
            let definition = levels[level] ?? Level()
            if heading["restart-numbering"] == "true" { counters[level] = nil }
            let start = heading["start-value"].flatMap { Int($0) } ?? definition.start
            counters[level] = counters[level].map { $0 + 1 } ?? start
            for deeper in counters.keys where deeper > level { counters[deeper] = nil }
            out.append(.init(text: text, label: label(level: level, counters: counters, levels: levels)))
        }
        return out
    }

    static func label(level: Int, counters: [Int: Int], levels: [Int: Level]) -> String? {
        let definition = levels[level] ?? Level()
        func value(_ n: Int) -> String {
            let lvl = levels[n] ?? Level()
            return format(counters[n] ?? lvl.start, as: lvl.format)
        }
        var label: String
        if let pattern = definition.listFormat {
            label = pattern.replacing(#/%(\d+)%/#) { match in Int(match.output.1).map { value($0) } ?? "" }
        } else {
            guard !definition.format.isEmpty else { return nil }
            let first = max(1, level - definition.display + 1)
            let numbers = (first...level).map(value).filter { !$0.isEmpty }
            label = definition.prefix + numbers.joined(separator: ".") + definition.suffix
        }
        label = label.trimmingCharacters(in: .whitespaces)
        return label.isEmpty || definition.format.isEmpty ? nil : label
    }

    static func format(_ value: Int, as format: String) -> String {
        switch format {
        case "1": return String(value)
        case "I": return NumberFormat.roman(value)
        case "i": return NumberFormat.roman(value).lowercased()
        case "A": return NumberFormat.letter(value)
        case "a": return NumberFormat.letter(value).lowercased()
        default: return ""
        }
    }

    static func first(_ name: String, in element: Element) -> Element? {
        for child in element.children {
            if child.name == name { return child }
            if let found = first(name, in: child) { return found }
        }
        return nil
    }

    /// Where a heading in a list of another style than the outline's stands: the list's levels, its depth (1 for
    /// the outermost list) and the counters of its chain of lists at that point.
    struct ListPosition {
        var levels: [Int: Level]
        var depth: Int
        var counters: [Int: Int]
    }

    /// The counters of the chains of lists: a `text:list` starts a chain unless it continues one
    /// (`text:continue-list`, or `text:continue-numbering` for the last list of its style).
    struct ListChains {
        var counters: [String: [Int: Int]] = [:]
        var lastOfStyle: [String: String] = [:]
        /// The chain of each list by its `xml:id`, for the lists that continue it.
        var chainOfList: [String: String] = [:]
    }

    /// Every `text:h` of the document body in order (in sections, lists and tables; not in notes, tables of
    /// contents or frames), with its place in a list of a style other than the outline's (nil outside one). Each
    /// `text:list-item` counts at its depth, whatever paragraph it holds, as LibreOffice counts; one that only wraps a
    /// deeper list does not.
    static func walk(
        _ element: Element, outline: String, listStyles: [String: [Int: Level]], _ visit: (Element, ListPosition?) -> Void
    ) {
        var chains = ListChains()
        walk(element, outline: outline, listStyles: listStyles, list: nil, chains: &chains, visit)
    }

    /// A list being walked: its chain, its style (nil for the outline's), its depth.
    struct OpenList {
        var chain: String
        var style: String?
        var depth: Int
    }

    static func walk(
        _ element: Element, outline: String, listStyles: [String: [Int: Level]], list: OpenList?, chains: inout ListChains,
        _ visit: (Element, ListPosition?) -> Void
    ) {
        for child in element.children {
            switch child.name {
            case "h":
                if let list, let style = list.style {
                    visit(child, ListPosition(levels: listStyles[style] ?? [:], depth: list.depth, counters: chains.counters[list.chain] ?? [:]))
                } else {
                    visit(child, nil)
                }
            case "note", "table-of-content", "frame", "#text", "automatic-styles", "font-face-decls", "scripts": continue
            case "list":
                var inner: OpenList
                if let list {
                    inner = OpenList(chain: list.chain, style: list.style, depth: list.depth + 1)
                } else {
                    let named = child["style-name"]
                    let style = named == outline ? nil : named
                    let id = child["id"] ?? "list-\(chains.counters.count)-\(chains.lastOfStyle.count)"
                    var chain = id
                    if let continued = child["continue-list"].flatMap({ chains.chainOfList[$0] }) {
                        chain = continued
                    } else if child["continue-numbering"] == "true", let style, let last = chains.lastOfStyle[style] {
                        chain = last
                    } else {
                        chains.counters[chain] = [:]
                    }
                    if let style { chains.lastOfStyle[style] = chain }
                    chains.chainOfList[id] = chain
                    inner = OpenList(chain: chain, style: style, depth: 1)
                }
                walk(child, outline: outline, listStyles: listStyles, list: inner, chains: &chains, visit)
            case "list-item", "list-header":
                // An item that only wraps a deeper list (its first element a text:list) has no label and does not count.
                let wrapper = child.children.first { $0.name != "#text" }?.name == "list"
                if let list, child.name == "list-item", !wrapper {
                    let levels = list.style.flatMap { listStyles[$0] } ?? [:]
                    var counters = chains.counters[list.chain] ?? [:]
                    if let start = child["start-value"].flatMap({ Int($0) }) {
                        counters[list.depth] = start
                    } else {
                        counters[list.depth] = counters[list.depth].map { $0 + 1 } ?? (levels[list.depth]?.start ?? 1)
                    }
                    for deeper in counters.keys where deeper > list.depth { counters[deeper] = nil }
                    chains.counters[list.chain] = counters
                }
                walk(child, outline: outline, listStyles: listStyles, list: list, chains: &chains, visit)
            default: walk(child, outline: outline, listStyles: listStyles, list: list, chains: &chains, visit)
            }
        }
    }

    static func all(_ name: String, in element: Element) -> [Element] {
        element.children.flatMap { child in child.name == name ? [child] : all(name, in: child) }
    }

    /// The text of a heading: spans, links and spaces (`text:s`, tabs, line breaks); not notes or bookmarks.
    static func text(of heading: Element) -> String {
        var out = ""
        func collect(_ element: Element) {
            for child in element.children {
                switch child.name {
                case "#text": out += child.text
                case "s": out += String(repeating: " ", count: child["c"].flatMap { Int($0) } ?? 1)
                case "tab", "line-break": out += " "
                case "note", "number", "frame": continue
                default: collect(child)
                }
            }
        }
        collect(heading)
        return out
    }
}
