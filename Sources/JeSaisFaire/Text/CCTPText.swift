import Foundation
internal import Git

public enum ClauseKind: String, Codable, Sendable { case clause, criterion }

/// A heading of cctp.md as cmark-gfm parsed it (source positions).
public struct ClauseHeading: Sendable, Equatable {
    public var level: Int
    /// Plain text of the heading, attribute block removed, numbering kept ("Article 3 — Exigences techniques").
    public var text: String
    /// From `{#id}` (the last one if several; several is a `malformedAttributes` problem).
    public var id: String?
    /// From `{.criterion}`.
    public var classes: [String]
    /// From `{weight=60}`.
    public var attributes: [String: String]
    /// 1-based first source line.
    public var line: Int
    /// Last source line (the underline for setext headings).
    public var lastLine: Int
    public var isSetext: Bool

    public init(
        level: Int, text: String, id: String?, classes: [String], attributes: [String: String],
        line: Int, lastLine: Int, isSetext: Bool
    ) {
        self.level = level
        self.text = text
        self.id = id
        self.classes = classes
        self.attributes = attributes
        self.line = line
        self.lastLine = lastLine
        self.isSetext = isSetext
    }
}

public struct Clause: Sendable, Equatable {
    public var id: String
    /// Numbering prefix of the heading ("3", "3.2", "II", "A") if any, else the parent's number and the
    /// clause's 1-based position among its siblings joined with a dot ("2.1"; top level: "2").
    public var number: String
    /// Heading text without the numbering prefix and its separator ("Exigences techniques").
    public var title: String
    /// Full heading text (== ClauseHeading.text).
    public var heading: String
    public var level: Int
    /// Id of the enclosing heading of lower level.
    public var parent: String?
    public var kind: ClauseKind
    /// Criteria only.
    public var weight: Int?
    /// The clause's own Markdown source between its heading and the next heading (any level), trimmed of
    /// leading/trailing blank lines, lines joined with "\n".
    public var body: String
    /// Git blob id of `title + "\n" + (weight or "") + "\n" + body` with trailing spaces/tabs stripped per line.
    public var contentHash: String
    public var line: Int

    public init(
        id: String, number: String, title: String, heading: String, level: Int, parent: String?,
        kind: ClauseKind, weight: Int?, body: String, contentHash: String, line: Int
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.heading = heading
        self.level = level
        self.parent = parent
        self.kind = kind
        self.weight = weight
        self.body = body
        self.contentHash = contentHash
        self.line = line
    }

    /// The canonical text hashed into `contentHash`.
    public static func canonicalText(title: String, weight: Int?, body: String) -> String {
        let stripped = body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var l = line
            while let c = l.last, c == " " || c == "\t" || c == "\r" { l.removeLast() }
            return l
        }.joined(separator: "\n")
        return title + "\n" + (weight.map(String.init) ?? "") + "\n" + stripped
    }

    public static func contentHash(title: String, weight: Int?, body: String) -> String {
        ObjectID.hashBlob(
            canonicalBytes(title: title, weight: weight, body: body) ?? Data(canonicalText(title: title, weight: weight, body: body).utf8)
        )
        .hex
    }

    /// `canonicalText` as UTF-8, built byte by byte; nil when a line of the body ends with blanks after a
    /// character outside ASCII, or the body holds a carriage return: there `canonicalText` decides, character by
    /// character (a blank may belong to the character before it).
    static func canonicalBytes(title: String, weight: Int?, body: String) -> Data? {
        var body = body
        return body.withUTF8 { bytes -> Data? in
            var out = Data()
            out.reserveCapacity(title.utf8.count + bytes.count + 6)
            out.append(contentsOf: title.utf8)
            out.append(0x0A)
            if let weight { out.append(contentsOf: String(weight).utf8) }
            out.append(0x0A)
            var start = 0
            var ascii = true
            var k = 0
            while k <= bytes.count {
                guard k < bytes.count, bytes[k] != 0x0A else {
                    var end = k
                    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                    if end < k && !ascii { return nil }
                    out.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    if k < bytes.count { out.append(0x0A) }
                    k += 1
                    start = k
                    ascii = true
                    continue
                }
                if bytes[k] == 0x0D { return nil }
                if bytes[k] >= 0x80 { ascii = false }
                k += 1
            }
            return out
        }
    }
}

/// The rules of cctp.md's headings a finding breaks; its `Problem.code` is "cctp." and the raw value.
public enum TextRule: String, Sendable {
    case duplicateID, malformedID, missingID, missingWeight, badWeight, weightOutsideCriterion,
        malformedAttributes, emptyHeading
}

/// Valid clause id: `[a-z0-9][a-z0-9-]*`, at most 64 characters.
public func isValidClauseID(_ id: String) -> Bool {
    guard !id.isEmpty, id.utf8.count <= 64 else { return false }
    for (n, b) in id.utf8.enumerated() {
        let alnum = (0x61...0x7A).contains(b) || (0x30...0x39).contains(b)
        if !(alnum || (n > 0 && b == 0x2D)) { return false }
    }
    return true
}

public struct CCTPText: Sendable {
    public let source: String
    public let headings: [ClauseHeading]

    /// Internal per-heading layout (parallel to `headings`).
    struct Record: Sendable {
        var attrLine: Int // 0-based index of the line carrying the attributes
        var layout: HeadingLineLayout
        var idCount: Int
    }
    let records: [Record]
    let lines: [String] // without terminators
    let terms: [String] // terminator of each line ("\n", "\r\n", "\r" or "" for the last)

    public init(parsing source: String) {
        self.source = source
        let (lines, terms) = CCTPText.splitLines(source)
        self.lines = lines
        self.terms = terms
        var headings: [ClauseHeading] = []
        var records: [Record] = []
        for raw in CMark.topLevelHeadings(source) {
            guard raw.startLine >= 1, raw.startLine <= lines.count else { continue }
            let isSetext = raw.endLine > raw.startLine
            var lastLine = raw.startLine
            if isSetext {
                // The underline is the first line below the heading's text that is one: no line of that text can be
                // (it would end the heading there), and cmark's end may reach past it ("Titre\n-\n----": a thematic
                // break right below), which put the id on the underline.
                lastLine = raw.startLine + 1
                while lastLine < lines.count && !CCTPText.isSetextUnderline(lines[lastLine - 1]) { lastLine += 1 }
                lastLine = min(lastLine, lines.count)
            }
            let attrLine = isSetext ? lastLine - 2 : raw.startLine - 1
            let line = lines[attrLine]
            var contentStart = line.startIndex
            while contentStart < line.endIndex, line[contentStart] == " " || line[contentStart] == "\t" || line[contentStart] == "\u{FEFF}" {
                contentStart = line.index(after: contentStart)
            }
            if !isSetext {
                while contentStart < line.endIndex, line[contentStart] == "#" { contentStart = line.index(after: contentStart) }
            }
            let layout = HeadingAttributes.layout(of: line, contentStart: contentStart, atx: !isSetext)

            // Heading text: cmark's plain text minus the attribute block.
            var text = raw.text.clauseTrimmed()
            if let r = layout.blockRange {
                let rawBlock = String(line[r])
                if text.hasSuffix(rawBlock) {
                    text = String(text.dropLast(rawBlock.count))
                } else if let b = text.lastIndex(of: "{") {
                    text = String(text[..<b])
                }
                text = text.clauseTrimmed()
                if layout.closingBeforeBlock {
                    while text.last == "#" { text.removeLast() }
                    text = text.clauseTrimmed()
                }
            }
            var id: String?
            var classes: [String] = []
            var attributes: [String: String] = [:]
            var idCount = 0
            for t in layout.tokens ?? [] {
                switch t {
                case .id(let s):
                    id = s
                    idCount += 1
                case .cls(let c): classes.append(c)
                case .pair(let k, let v, _): if attributes[k] == nil { attributes[k] = v }
                }
            }
            headings.append(
                ClauseHeading(
                    level: raw.level, text: text, id: id, classes: classes,
                    attributes: attributes, line: raw.startLine, lastLine: lastLine,
                    isSetext: isSetext))
            records.append(Record(attrLine: attrLine, layout: layout, idCount: idCount))
        }
        self.headings = headings
        self.records = records
    }

    // MARK: Problems

    public var problems: [Problem] { problems(requireIDs: false) }

    /// What breaks the rules of headings (ids, attributes, weights), as findings in `file`, in both languages.
    public func problems(requireIDs: Bool, file: String = Layout.cctpFile) -> [Problem] {
        var out: [Problem] = []
        var seen: [String: Int] = [:]
        for (h, r) in zip(headings, records) {
            func add(_ rule: TextRule, en: String, fr: String) {
                out.append(Problem(file: file, line: h.line, code: "cctp.\(rule.rawValue)", en: en, fr: fr))
            }
            let subject = h.id ?? h.text
            let place = "heading '\(subject)'"
            let attributes = "{#id .classe clé=valeur}"
            if h.text.isEmpty {
                add(.emptyHeading, en: "empty heading on line \(h.line)", fr: "titre vide")
            }
            if let m = r.layout.malformed {
                add(
                    .malformedAttributes, en: "malformed attributes on line \(h.line): \(m.message)",
                    fr: "attributs mal formés\(m.key.map { " '\($0)'" } ?? "") : \(attributes)")
            }
            if r.layout.malformed == nil, h.text.contains("{#") || h.text.contains("{.") {
                add(
                    .malformedAttributes, en: "attributes opened but never closed on line \(h.line): end them with '}'",
                    fr: "attributs ouverts mais jamais fermés : terminez-les par « } » \(attributes)")
            }
            if r.idCount > 1 {
                add(.malformedAttributes, en: "several ids on line \(h.line)", fr: "attributs mal formés : \(attributes)")
            }
            let weightKeys = (r.layout.tokens ?? []).filter {
                if case .pair("weight", _, _) = $0 { return true }
                return false
            }
            if weightKeys.count > 1 {
                add(.malformedAttributes, en: "several weights on line \(h.line)", fr: "attributs mal formés : \(attributes)")
            }
            if let id = h.id {
                if !isValidClauseID(id) {
                    add(
                        .malformedID, en: "malformed id '\(id)' on line \(h.line) (expected [a-z0-9][a-z0-9-]*, at most 64 characters)",
                        fr: "identifiant mal formé '\(id)' : minuscules, chiffres et tirets, 64 caractères au plus")
                }
                if !id.isEmpty {
                    if let first = seen[id] {
                        add(.duplicateID, en: "duplicate id '\(id)' on line \(h.line) (also on line \(first))", fr: "identifiant en double '\(id)'")
                    } else {
                        seen[id] = h.line
                    }
                }
            } else if requireIDs && r.layout.malformed == nil {
                add(
                    .missingID, en: "heading '\(h.text)' on line \(h.line) has no id",
                    fr: "titre sans identifiant{#…} '\(h.text)' : 'jsf publish' l'attribue")
            }
            let isCriterion = h.classes.contains("criterion")
            if isCriterion {
                if let w = h.attributes["weight"] {
                    if CCTPText.parseWeight(w) == nil {
                        add(
                            .badWeight, en: "bad weight '\(w)' for \(place) on line \(h.line) (expected an integer 0…100)",
                            fr: "pondération invalide '\(w)' : un entier de 0 à 100")
                    }
                } else {
                    add(
                        .missingWeight, en: "criterion \(place) on line \(h.line) has no weight",
                        fr: "critère sans pondération '\(subject)' : ajoutez weight=N")
                }
            } else if h.attributes["weight"] != nil {
                add(
                    .weightOutsideCriterion, en: "weight on \(place) on line \(h.line), which is not a .criterion",
                    fr: "pondération sur un titre qui n'est pas un critère '\(subject)' : ajoutez la classe .criterion ou retirez weight")
            }
        }
        return out
    }

    static func parseWeight(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 3, s.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let v = Int(s), (0...100).contains(v)
        else { return nil }
        return v
    }

    // MARK: Clauses

    /// The clauses, in document order; refused with `problems(requireIDs: true)` when there are any
    /// (missing, malformed or duplicate ids, bad attributes or weights, empty headings).
    public func clauses() throws(JSFError) -> [Clause] {
        let problems = problems(requireIDs: true)
        if !problems.isEmpty {
            throw JSFError(
                .refused, Text(en: "cctp.md has headings jsf cannot index", fr: "cctp.md a des titres que jsf ne sait pas indexer"),
                problems: problems)
        }
        var result: [Clause] = []
        var stack: [(level: Int, index: Int)] = [] // open ancestors
        var childCount: [Int: Int] = [:] // parent index (-1 = root) -> children so far
        for (n, h) in headings.enumerated() {
            while let top = stack.last, top.level >= h.level { stack.removeLast() }
            let parentIndex = stack.last?.index
            let position = (childCount[parentIndex ?? -1] ?? 0) + 1
            childCount[parentIndex ?? -1] = position
            let split = splitNumbering(h.text)
            let number: String
            if let explicit = split.number {
                number = explicit
            } else if let p = parentIndex {
                number = result[p].number + "." + String(position)
            } else {
                number = String(position)
            }
            let isCriterion = h.classes.contains("criterion")
            let weight = isCriterion ? h.attributes["weight"].flatMap(CCTPText.parseWeight) : nil
            let body = bodyText(ofHeadingAt: n)
            result.append(
                Clause(
                    id: h.id!, number: number, title: split.title, heading: h.text, level: h.level,
                    parent: parentIndex.map { headings[$0].id! }, kind: isCriterion ? .criterion : .clause,
                    weight: weight, body: body,
                    contentHash: Clause.contentHash(title: split.title, weight: weight, body: body),
                    line: h.line))
            stack.append((h.level, n))
        }
        return result
    }

    /// 0-based half-open range of the body lines of heading `n`.
    func bodyRange(ofHeadingAt n: Int) -> Range<Int> {
        let start = min(headings[n].lastLine, lines.count)
        let end = n + 1 < headings.count ? headings[n + 1].line - 1 : lines.count
        return start..<max(start, end)
    }

    func bodyText(ofHeadingAt n: Int) -> String {
        var body = Array(lines[bodyRange(ofHeadingAt: n)])
        while let f = body.first, CCTPText.isBlank(f) { body.removeFirst() }
        while let l = body.last, CCTPText.isBlank(l) { body.removeLast() }
        return body.joined(separator: "\n")
    }

    // MARK: Editing

    /// This text with ids given to the headings that have none, as `assigningIDs` gives them; itself (not parsed
    /// again) when every heading has one.
    public func withIDsAssigned() -> CCTPText {
        let (text, assigned) = assigningIDs()
        return assigned.isEmpty ? self : CCTPText(parsing: text)
    }

    public func assigningIDs() -> (text: String, assigned: [String]) {
        var used = Set(headings.compactMap(\.id))
        var lines = self.lines
        var assigned: [String] = []
        for (h, r) in zip(headings, records) {
            guard h.id == nil, r.layout.malformed == nil, !h.text.isEmpty else { continue }
            let base = clauseSlug(h.text)
            var candidate = base
            var k = 2
            while used.contains(candidate) {
                candidate = "\(base)-\(k)"
                k += 1
            }
            used.insert(candidate)
            assigned.append(candidate)
            var line = self.lines[r.attrLine]
            if let range = r.layout.blockRange, let tokens = r.layout.tokens {
                line.insert(contentsOf: "#" + candidate + (tokens.isEmpty ? "" : " "), at: line.index(after: range.lowerBound))
            } else {
                line.insert(contentsOf: " {#\(candidate)}", at: r.layout.insertAt)
            }
            lines[r.attrLine] = line
        }
        if assigned.isEmpty { return (source, []) }
        return (CCTPText.join(lines, terms), assigned)
    }

    /// The source with the body of clause `id` replaced (heading kept); nil when the id is absent.
    /// The new body is trimmed of blank lines and separated from the headings by one blank line.
    public func replacingBody(ofClause id: String, with body: String) -> String? {
        guard let n = headings.firstIndex(where: { $0.id == id }) else { return nil }
        let body = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
        return replacingLines(bodyRange(ofHeadingAt: n), with: body)
    }

    /// The source with the weight attribute of criterion `id` set to `weight`; nil when no `.criterion`
    /// heading has that id.
    public func settingWeight(ofCriterion id: String, to weight: Int) -> String? {
        guard let n = headings.firstIndex(where: { $0.id == id && $0.classes.contains("criterion") }),
            let range = records[n].layout.blockRange, var tokens = records[n].layout.tokens
        else { return nil }
        let newToken = AttributeToken.pair(key: "weight", value: String(weight), raw: "weight=\(weight)")
        var replaced = false
        tokens = tokens.compactMap { t in
            guard case .pair("weight", _, _) = t else { return t }
            if replaced { return nil }
            replaced = true
            return newToken
        }
        if !replaced { tokens.append(newToken) }
        var lines = self.lines
        var line = lines[records[n].attrLine]
        line.replaceSubrange(range, with: "{" + tokens.map(\.raw).joined(separator: " ") + "}")
        lines[records[n].attrLine] = line
        return CCTPText.join(lines, terms)
    }

    // MARK: Lines

    static func splitLines(_ s: String) -> ([String], [String]) {
        var lines: [String] = []
        var terms: [String] = []
        let u = s.utf8
        var start = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            let b = u[i]
            if b == 0x0A || b == 0x0D {
                lines.append(String(s[start..<i]))
                var next = u.index(after: i)
                if b == 0x0D, next < u.endIndex, u[next] == 0x0A {
                    next = u.index(after: next)
                    terms.append("\r\n")
                } else {
                    terms.append(b == 0x0A ? "\n" : "\r")
                }
                i = next
                start = next
            } else {
                i = u.index(after: i)
            }
        }
        if start < u.endIndex {
            lines.append(String(s[start..<u.endIndex]))
            terms.append("")
        }
        return (lines, terms)
    }

    static func join(_ lines: [String], _ terms: [String]) -> String {
        var out = ""
        out.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 2 })
        for (l, t) in zip(lines, terms) {
            out += l
            out += t
        }
        return out
    }

    static func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }

    static func isSetextUnderline(_ s: String) -> Bool {
        var t = Substring(s)
        var indent = 0
        while t.first == " ", indent < 4 {
            t.removeFirst()
            indent += 1
        }
        guard indent < 4, let c = t.first, c == "=" || c == "-" else { return false }
        while t.first == c { t.removeFirst() }
        return t.allSatisfy { $0 == " " || $0 == "\t" }
    }
}
