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
        var counters: [Int: Int] = [:]
        var out: [OfficeNumbering.Heading] = []
        walk(content, outline: outlineName) { heading, inOtherList in
            let level = heading["outline-level"].flatMap { Int($0) } ?? 1
            let text = text(of: heading)
            // A heading in a list of another style is numbered by that list (not computed), not by the outline.
            if heading["is-list-header"] == "true" || inOtherList {
                out.append(.init(text: text, label: nil))
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

    /// Every `text:h` of the document body in order (in sections, lists and tables; not in notes, tables of
    /// contents or frames), and whether it is in a list of a style other than the outline's.
    static func walk(_ element: Element, outline: String, inOtherList: Bool = false, _ visit: (Element, Bool) -> Void) {
        for child in element.children {
            switch child.name {
            case "h": visit(child, inOtherList)
            case "note", "table-of-content", "frame", "#text", "automatic-styles", "font-face-decls", "scripts": continue
            case "list":
                let other = inOtherList || (child["style-name"].map { $0 != outline } ?? false)
                walk(child, outline: outline, inOtherList: other, visit)
            default: walk(child, outline: outline, inOtherList: inOtherList, visit)
            }
        }
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
