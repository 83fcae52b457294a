/// Pandoc footnotes in cctp.md: a reference `[^label]` in the text and its definition `[^label]: …` (continuation
/// paragraphs indented by four spaces), placed in the clause that cites it (docs/format.md, «Footnotes»).
public struct Footnotes: Sendable, Equatable {
    public struct Mark: Sendable, Equatable {
        public var label: String
        /// 1-based line.
        public var line: Int
    }

    public var definitions: [Mark] = []
    public var references: [Mark] = []

    /// The footnotes of `source`, outside fenced code blocks and inline code. Lines are read as bytes and only
    /// those holding `[^` become strings: `jsf check` scans every clause of a 2,000-clause CCTP.
    public init(scanning source: String) {
        let space = UInt8(ascii: " ")
        let backtick = UInt8(ascii: "`")
        let tilde = UInt8(ascii: "~")
        var fence: UInt8?
        var n = 0
        for raw in source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            n += 1
            var bytes = raw[...]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            let trimmed = bytes.drop { $0 == space }
            let fenceMark = trimmed.count >= 3 && trimmed.prefix(3).allSatisfy { $0 == trimmed.first } ? trimmed.first : nil
            if let open = fence {
                if fenceMark == open { fence = nil }
                continue
            }
            if let mark = fenceMark, mark == backtick || mark == tilde {
                fence = mark
                continue
            }
            guard Footnotes.holdsCaret(bytes) else { continue }
            let line = String(decoding: bytes, as: UTF8.self)
            var rest = Substring(Footnotes.withoutInlineCode(line))
            if bytes.count - trimmed.count < 4, let match = rest.prefixMatch(of: Footnotes.definitionPattern) {
                definitions.append(Mark(label: String(match.output.1), line: n))
                rest = rest[match.range.upperBound...]
            }
            for match in rest.matches(of: Footnotes.referencePattern) {
                references.append(Mark(label: String(match.output.1), line: n))
            }
        }
    }

    /// Whether the bytes of a line hold `[^`.
    static func holdsCaret(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "^"), previous == UInt8(ascii: "[") { return true }
            previous = byte
        }
        return false
    }

    nonisolated(unsafe) static let definitionPattern = #/ {0,3}\[\^([^\]\s]+)\]:/#
    nonisolated(unsafe) static let referencePattern = #/\[\^([^\]\s]+)\]/#

    /// `line` with the contents of backtick code spans blanked (a `[^1]` shown as code is no footnote).
    static func withoutInlineCode(_ line: String) -> String {
        guard line.contains("`") else { return line }
        var out = ""
        var inCode = false
        for c in line {
            if c == "`" {
                inCode.toggle()
                out.append(c)
            } else {
                out.append(inCode ? " " : c)
            }
        }
        return out
    }

    /// Every label, defined or cited.
    public var labels: Set<String> { Set(definitions.map(\.label) + references.map(\.label)) }

    /// `body` with each footnote label that is in `taken` renamed to a free one ("2" → "2-1"), references and
    /// definitions alike: a clause's text brought from elsewhere (an alternative) keeps its own notes.
    public static func relabel(_ body: String, avoiding taken: Set<String>) -> String {
        let own = Footnotes(scanning: body).labels
        var used = taken.union(own)
        var renamed: [String: String] = [:]
        for label in own.sorted() where taken.contains(label) {
            var n = 1
            while used.contains("\(label)-\(n)") { n += 1 }
            renamed[label] = "\(label)-\(n)"
            used.insert("\(label)-\(n)")
        }
        guard !renamed.isEmpty else { return body }
        var fence: String?
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { raw -> String in
            let line = String(raw)
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                return line
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                return line
            }
            return line.replacing(referencePattern) { match in
                let label = String(match.output.1)
                return "[^\(renamed[label] ?? label)]"
            }
        }.joined(separator: "\n")
    }

    /// The findings of `text`: a label defined twice (one clause would show another's note), a note defined in
    /// another clause than the one citing it, a reference without definition, a definition nobody cites.
    static func problems(_ text: CCTPText, file: String) -> [Problem] {
        let notes = Footnotes(scanning: text.source)
        var problems: [Problem] = []
        func clause(at line: Int) -> ClauseHeading? { text.headings.last { $0.line <= line } }
        func name(_ heading: ClauseHeading?) -> String { heading.map { $0.id ?? $0.text } ?? "(before the first heading)" }
        func nom(_ heading: ClauseHeading?) -> String { heading.map { $0.id ?? $0.text } ?? "(avant le premier titre)" }
        var defined: [String: Mark] = [:]
        for mark in notes.definitions {
            if let first = defined[mark.label] {
                problems.append(
                    Problem(
                        file: file, line: mark.line, code: "cctp.duplicateFootnote",
                        en: "footnote [^\(mark.label)] is defined twice (lines \(first.line) and \(mark.line)): give each note its own label",
                        fr:
                            "la note [^\(mark.label)] est définie deux fois (lignes \(first.line) et \(mark.line)) : donnez à chaque note son propre libellé"
                    ))
            } else {
                defined[mark.label] = mark
            }
        }
        var cited = Set<String>()
        for mark in notes.references where !cited.contains(mark.label) {
            cited.insert(mark.label)
            guard let definition = defined[mark.label] else {
                problems.append(
                    Problem(
                        .warning, file: file, line: mark.line, code: "cctp.undefinedFootnote",
                        en: "footnote [^\(mark.label)] has no definition: add '[^\(mark.label)]: …' at the end of the clause",
                        fr: "la note [^\(mark.label)] n'a pas de définition : ajoutez « [^\(mark.label)]: … » à la fin de la clause"))
                continue
            }
            let citing = clause(at: mark.line)
            let holding = clause(at: definition.line)
            if citing?.line != holding?.line {
                problems.append(
                    Problem(
                        .warning, file: file, line: definition.line, code: "cctp.footnoteElsewhere",
                        en:
                            "footnote [^\(mark.label)] is cited in \(name(citing)) (line \(mark.line)) but defined in \(name(holding)): move its definition to the end of \(name(citing))",
                        fr:
                            "la note [^\(mark.label)] est citée dans \(nom(citing)) (ligne \(mark.line)) mais définie dans \(nom(holding)) : déplacez sa définition à la fin de \(nom(citing))"
                    ))
            }
        }
        for mark in notes.definitions where !cited.contains(mark.label) && defined[mark.label] == mark {
            problems.append(
                Problem(
                    .warning, file: file, line: mark.line, code: "cctp.unusedFootnote",
                    en: "footnote [^\(mark.label)] is defined but never cited", fr: "la note [^\(mark.label)] est définie mais jamais citée"))
        }
        return problems
    }
}
