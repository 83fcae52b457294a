import Foundation

/// Word's automatic numbering (`word/numbering.xml`), computed for every paragraph of `word/document.xml` in
/// document order, as Word shows it: the numbering of a paragraph comes from its own `w:numPr` or from its style's,
/// through `w:basedOn`; a `w:num` points to a `w:abstractNum` whose `w:lvl`s give the start, the format and the
/// text (`%1.%2.`, `ARTICLE %1 –`); `w:lvlOverride` restarts or redefines a level; `w:lvlRestart` and `w:isLgl`
/// are followed.
enum WordNumbering {
    typealias Element = OfficeXML.Element

    /// One level of a list definition.
    struct Level {
        var start = 1
        var format = "decimal"
        var text: String?
        /// Restarts after a level at most this (1-based); 0 never; nil: after any higher level.
        var restart: Int?
        var legal = false
        var style: String?

        init(_ element: Element) {
            if let v = element.at("start")?["val"], let n = Int(v) { start = n }
            if let v = element.at("numFmt")?["val"] { format = v }
            text = element.at("lvlText")?["val"]
            if let v = element.at("lvlRestart")?["val"], let n = Int(v) { restart = n }
            if let legal = element.child("isLgl") { self.legal = WordNumbering.on(legal) }
            style = element.at("pStyle")?["val"]
        }
    }

    struct Definition {
        var levels: [Int: Level] = [:]
        var styleLink: String?
        var numStyleLink: String?
    }

    struct Instance {
        var abstract: String
        var starts: [Int: Int] = [:]
        var levels: [Int: Level] = [:]
    }

    struct Style {
        var name: String
        var basedOn: String?
        var numID: String?
        var level: Int?
        var outline: Int?
        /// The paragraph style of paragraphs that name none.
        var isDefault = false
    }

    /// The heading paragraphs of the .docx at `path`, in order, with the number Word shows before each.
    static func headings(ofFile path: String) throws -> [OfficeNumbering.Heading] {
        let parts = try OfficeXML.members(["word/document.xml", "word/styles.xml", "word/numbering.xml"], ofZip: path)
        guard let documentData = parts["word/document.xml"] else { throw OfficeXML.ReadError(description: "no word/document.xml") }
        // No list definitions: nothing is numbered, and the body need not be read.
        guard parts["word/numbering.xml"] != nil else { return [] }
        let document = try OfficeXML.parse(documentData, name: "word/document.xml")
        let styles = try parts["word/styles.xml"].map { try OfficeXML.parse($0, name: "word/styles.xml") }
        let numbering = try parts["word/numbering.xml"].map { try OfficeXML.parse($0, name: "word/numbering.xml") }
        return headings(document: document, styles: styles, numbering: numbering)
    }

    /// The heading paragraphs of word/document.xml, with word/styles.xml and word/numbering.xml when the file has them.
    static func headings(document: Element, styles: Element?, numbering: Element?) -> [OfficeNumbering.Heading] {
        var state = State(styles: styles.map(readStyles) ?? [:], numbering: numbering)
        var out: [OfficeNumbering.Heading] = []
        walk(document) { paragraph in
            let label = state.label(of: paragraph)
            if state.isHeading(paragraph) {
                out.append(.init(text: text(of: paragraph), label: label))
            }
        }
        return out
    }

    /// Every paragraph of the body in document order (in tables and content controls too; not in text boxes,
    /// whose content Word also keeps as a fallback).
    static func walk(_ element: Element, _ visit: (Element) -> Void) {
        for child in element.children {
            switch child.name {
            case "p": visit(child)
            case "txbxContent", "Fallback", "#text": continue
            default: walk(child, visit)
            }
        }
    }

    /// The visible text of a paragraph: runs, hyperlinks, insertions, field results; not deletions or field codes.
    static func text(of paragraph: Element) -> String {
        var out = ""
        func collect(_ element: Element) {
            for child in element.children {
                switch child.name {
                case "t": out += child.children.filter { $0.name == "#text" }.map(\.text).joined()
                case "tab", "br", "cr": out += " "
                case "pPr", "rPr", "del", "instrText", "delText", "txbxContent", "Fallback", "footnoteReference", "endnoteReference":
                    continue
                default: collect(child)
                }
            }
        }
        collect(paragraph)
        return out
    }

    /// An on/off property: present and not `0`, `false` or `off`.
    static func on(_ element: Element) -> Bool {
        guard let v = element["val"] else { return true }
        return !["0", "false", "off"].contains(v)
    }

    static func readStyles(_ root: Element) -> [String: Style] {
        var styles: [String: Style] = [:]
        for element in root.children("style") {
            guard let id = element["styleId"] else { continue }
            var style = Style(name: element.at("name")?["val"] ?? id, basedOn: element.at("basedOn")?["val"])
            if let numPr = element.at("pPr", "numPr") {
                style.numID = numPr.at("numId")?["val"]
                style.level = numPr.at("ilvl")?["val"].flatMap { Int($0) }
            }
            style.outline = element.at("pPr", "outlineLvl")?["val"].flatMap { Int($0) }
            style.isDefault = element["type"] == "paragraph" && element["default"].map { ["1", "true", "on"].contains($0) } == true
            styles[id] = style
        }
        return styles
    }

    struct State {
        let styles: [String: Style]
        var definitions: [String: Definition] = [:]
        var instances: [String: Instance] = [:]
        /// The counters of each list, by abstract definition (or by instance when it overrides levels), per level.
        var counters: [String: [Int: Int]] = [:]
        var startedInstances: Set<String> = []

        init(styles: [String: Style], numbering: Element?) {
            self.styles = styles
            guard let numbering else { return }
            for element in numbering.children("abstractNum") {
                guard let id = element["abstractNumId"] else { continue }
                var definition = Definition()
                for lvl in element.children("lvl") {
                    guard let n = lvl["ilvl"].flatMap({ Int($0) }) else { continue }
                    definition.levels[n] = Level(lvl)
                }
                definition.styleLink = element.at("styleLink")?["val"]
                definition.numStyleLink = element.at("numStyleLink")?["val"]
                definitions[id] = definition
            }
            for element in numbering.children("num") {
                guard let id = element["numId"], let abstract = element.at("abstractNumId")?["val"] else { continue }
                var instance = Instance(abstract: abstract)
                for override in element.children("lvlOverride") {
                    guard let n = override["ilvl"].flatMap({ Int($0) }) else { continue }
                    if let v = override.at("startOverride")?["val"], let start = Int(v) { instance.starts[n] = start }
                    if let lvl = override.child("lvl") { instance.levels[n] = Level(lvl) }
                }
                instances[id] = instance
            }
        }

        /// The style chain of a paragraph, its own style first (Word's default paragraph style when it names none).
        func chain(_ paragraph: Element) -> [Style] {
            var id = paragraph.at("pPr", "pStyle")?["val"] ?? styles.first { $0.value.isDefault }?.key
            var out: [Style] = []
            var seen: Set<String> = []
            while let current = id, !seen.contains(current), let style = styles[current] {
                seen.insert(current)
                out.append(style)
                id = style.basedOn
            }
            return out
        }

        /// A paragraph pandoc reads as a heading: a style named «heading N» (or «Titre N»), or based on one.
        func isHeading(_ paragraph: Element) -> Bool {
            chain(paragraph).contains { style in
                let name = style.name.lowercased()
                return name.contains(#/^(heading|titre) [1-9]$/#)
            }
        }

        /// The levels of the definition behind `abstract`, following a numbering style link.
        func levels(of abstract: String) -> [Int: Level] {
            guard let definition = definitions[abstract] else { return [:] }
            if let link = definition.numStyleLink, let numID = styles[link]?.numID, let linked = instances[numID]?.abstract,
                linked != abstract
            {
                return definitions[linked]?.levels ?? definition.levels
            }
            return definition.levels
        }

        /// The number Word shows before `paragraph`, counting it; nil when it is not numbered (or a bullet).
        mutating func label(of paragraph: Element) -> String? {
            let own = paragraph.at("pPr", "numPr")
            let chain = chain(paragraph)
            var numID = own?.at("numId")?["val"]
            var level = own?.at("ilvl")?["val"].flatMap { Int($0) }
            if numID == nil, let styled = chain.first(where: { $0.numID != nil }) {
                numID = styled.numID
                if level == nil { level = styled.level }
            }
            guard let numID, numID != "0", let instance = instances[numID] else { return nil }
            var levels = levels(of: instance.abstract)
            for (n, lvl) in instance.levels { levels[n] = lvl }
            let styleID = paragraph.at("pPr", "pStyle")?["val"]
            let ilvl = level ?? levels.first { $0.value.style != nil && $0.value.style == styleID }?.key ?? 0
            guard let definition = levels[ilvl] else { return nil }
            // Lists that restart their levels count on their own; the others continue their definition's count.
            let key = instance.starts.isEmpty && instance.levels.isEmpty ? "a" + instance.abstract : "n" + numID
            if !startedInstances.contains(numID) {
                startedInstances.insert(numID)
                if !instance.starts.isEmpty || !instance.levels.isEmpty { counters[key] = [:] }
            }
            var count = counters[key] ?? [:]
            let start = instance.starts[ilvl] ?? definition.start
            let value = count[ilvl].map { $0 + 1 } ?? start
            count[ilvl] = value
            for deeper in levels.keys where deeper > ilvl {
                let after = levels[deeper]?.restart ?? deeper
                if after != 0 && ilvl <= after - 1 { count[deeper] = nil }
            }
            counters[key] = count
            guard definition.format != "bullet", let pattern = definition.text else { return nil }
            var label = ""
            var chars = pattern.makeIterator()
            while let c = chars.next() {
                guard c == "%" else {
                    label.append(c)
                    continue
                }
                guard let d = chars.next(), let n = d.wholeNumberValue, n >= 1 else { continue }
                let referenced = n - 1
                let lvl = levels[referenced]
                let v = count[referenced] ?? instance.starts[referenced] ?? lvl?.start ?? 1
                label += format(v, as: definition.legal ? "decimal" : (lvl?.format ?? "decimal"))
            }
            let trimmed = label.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }

        func format(_ value: Int, as format: String) -> String {
            switch format {
            case "upperRoman": return NumberFormat.roman(value)
            case "lowerRoman": return NumberFormat.roman(value).lowercased()
            case "upperLetter": return NumberFormat.letter(value)
            case "lowerLetter": return NumberFormat.letter(value).lowercased()
            case "decimalZero": return value < 10 ? "0\(value)" : String(value)
            case "none": return ""
            default: return String(value)
            }
        }
    }
}
