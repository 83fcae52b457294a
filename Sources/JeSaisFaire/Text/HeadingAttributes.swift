/// One token of a pandoc attribute block `{#id .class key=value}`.
enum AttributeToken: Sendable, Equatable {
    case id(String)
    case cls(String)
    case pair(key: String, value: String, raw: String)

    var raw: String {
        switch self {
        case .id(let s): return "#" + s
        case .cls(let s): return "." + s
        case .pair(_, _, let raw): return raw
        }
    }
}

/// Where the attributes of a heading live in its source line (ATX line, or last text line of a setext
/// heading) and where a new block would go.
struct HeadingLineLayout: Sendable {
    /// Range of `{…}` in the line (valid or malformed).
    var blockRange: Range<String.Index>?
    var tokens: [AttributeToken]? // nil when there is no block or it is malformed
    var malformed: AttributeError? // why the block is malformed
    /// Where ` {#id}` is inserted when there is no block: end of the heading text (before closing #s).
    var insertAt: String.Index
    /// A closing `#` sequence sits between the text and the block (`## Foo ## {#x}`).
    var closingBeforeBlock: Bool
}

enum HeadingAttributes {
    /// Parses the content of a block (between the braces). Returns tokens or an error message.
    static func parse(_ content: Substring) -> Result<[AttributeToken], AttributeError> {
        var tokens: [AttributeToken] = []
        var i = content.startIndex
        let end = content.endIndex
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" }
        while i < end {
            while i < end, isSpace(content[i]) { i = content.index(after: i) }
            if i >= end { break }
            let c = content[i]
            let start = i
            if c == "#" || c == "." {
                i = content.index(after: i)
                let nameStart = i
                while i < end, !isSpace(content[i]) { i = content.index(after: i) }
                let name = String(content[nameStart..<i])
                if c == "#" {
                    tokens.append(.id(name))
                } else {
                    if name.isEmpty { return .failure(AttributeError("empty class name")) }
                    tokens.append(.cls(name))
                }
            } else if c == "-" && (content.index(after: i) == end || isSpace(content[content.index(after: i)])) {
                i = content.index(after: i)
                tokens.append(.cls("unnumbered"))
            } else {
                while i < end, !isSpace(content[i]), content[i] != "=" { i = content.index(after: i) }
                let key = String(content[start..<i])
                guard i < end, content[i] == "=" else {
                    return .failure(AttributeError("attribute '\(key)' has no value", key: key))
                }
                guard isValidKey(key) else { return .failure(AttributeError("bad attribute name '\(key)'", key: key)) }
                i = content.index(after: i)
                var value = ""
                if i < end, content[i] == "\"" || content[i] == "'" {
                    let quote = content[i]
                    i = content.index(after: i)
                    var closed = false
                    while i < end {
                        let ch = content[i]
                        if ch == "\\", content.index(after: i) < end {
                            i = content.index(after: i)
                            value.append(content[i])
                        } else if ch == quote {
                            closed = true
                            i = content.index(after: i)
                            break
                        } else {
                            value.append(ch)
                        }
                        i = content.index(after: i)
                    }
                    if !closed { return .failure(AttributeError("unterminated quoted value for '\(key)'", key: key)) }
                    if i < end, !isSpace(content[i]) {
                        return .failure(AttributeError("garbage after quoted value of '\(key)'", key: key))
                    }
                } else {
                    let vs = i
                    while i < end, !isSpace(content[i]) { i = content.index(after: i) }
                    value = String(content[vs..<i])
                }
                tokens.append(.pair(key: key, value: value, raw: String(content[start..<i])))
            }
        }
        return .success(tokens)
    }

    static func isValidKey(_ key: String) -> Bool {
        guard let f = key.unicodeScalars.first, f.properties.isAlphabetic || f == "_" else { return false }
        return key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.:".unicodeScalars.contains($0) }
    }

    /// Analyses a heading line. `contentStart` is where the heading text starts (after the opening #s
    /// for ATX, after indentation for setext).
    static func layout(of line: String, contentStart: String.Index, atx: Bool) -> HeadingLineLayout {
        let e1 = trimEnd(line, contentStart, line.endIndex)
        var e2 = e1
        if atx, let c = closingSequenceStart(line, contentStart, e1) { e2 = trimEnd(line, contentStart, c) }

        var layout = HeadingLineLayout(
            blockRange: nil, tokens: nil, malformed: nil, insertAt: e2,
            closingBeforeBlock: false)
        guard e2 > contentStart, line[line.index(before: e2)] == "}" else { return layout }
        let closeBrace = line.index(before: e2)
        // Candidate opening braces, last first; the first one that parses wins.
        var candidates: [String.Index] = []
        var i = contentStart
        while i < closeBrace {
            if line[i] == "{" && (i == contentStart || line[line.index(before: i)] != "\\") { candidates.append(i) }
            i = line.index(after: i)
        }
        guard !candidates.isEmpty else { return layout }
        var found: (Range<String.Index>, [AttributeToken])?
        var firstError: AttributeError?
        for open in candidates.reversed() {
            let content = line[line.index(after: open)..<closeBrace]
            switch parse(content) {
            case .success(let toks): found = (open..<e2, toks)
            case .failure(let err): if firstError == nil { firstError = err }
            }
            if found != nil { break }
        }
        let range: Range<String.Index>
        if let (r, toks) = found {
            range = r
            layout.tokens = toks
        } else {
            // Only treat it as a broken attribute block when it looks like one.
            let open = candidates.last!
            let content = line[line.index(after: open)..<closeBrace].drop { $0 == " " || $0 == "\t" }
            guard content.first == "#" || content.first == "." || content.contains("=") else { return layout }
            range = open..<e2
            layout.malformed = firstError ?? AttributeError("malformed attribute block")
        }
        layout.blockRange = range
        var textEnd = trimEnd(line, contentStart, range.lowerBound)
        if atx, let c = closingSequenceStart(line, contentStart, textEnd) {
            layout.closingBeforeBlock = true
            textEnd = trimEnd(line, contentStart, c)
        }
        layout.insertAt = textEnd
        return layout
    }

    private static func trimEnd(_ line: String, _ start: String.Index, _ end: String.Index) -> String.Index {
        var e = end
        while e > start {
            let p = line.index(before: e)
            if line[p] == " " || line[p] == "\t" { e = p } else { break }
        }
        return e
    }

    /// Start of a CommonMark closing sequence of #s ending at `end` (preceded by a space/tab or at `start`).
    private static func closingSequenceStart(_ line: String, _ start: String.Index, _ end: String.Index) -> String.Index? {
        var s = end
        while s > start, line[line.index(before: s)] == "#" { s = line.index(before: s) }
        guard s < end else { return nil }
        if s == start { return s }
        let p = line[line.index(before: s)]
        return (p == " " || p == "\t") ? s : nil
    }
}

/// Why an attribute block does not parse; caught and reported as a `Problem` by `CCTPText`.
struct AttributeError: Error, Sendable {
    var message: String
    /// The attribute or class name concerned, quoted in both languages.
    var key: String?
    init(_ m: String, key: String? = nil) {
        message = m
        self.key = key
    }
}
