/// Composes, without libyaml, the YAML that jsf's own writer emits (YAMLValue.render): block mappings and sequences
/// indented by two spaces, one-line plain or double-quoted scalars, short flow lists of scalars, `[]` and `{}`.
/// It gives the very nodes `Yams.compose` gives — strings, styles, order and lines — or nil for anything outside
/// that shape (a comment, a tab, an anchor, a folded or single-quoted scalar, a duplicate key, an escape jsf never
/// writes…), which YAMLReader then hands to Yams, so a hand-edited file gets the same reading and the same
/// messages. Reading 20,000 proposals' front matter through libyaml and Yams' node building dominated `jsf inbox`
/// (DESIGN.md §5); the differential tests (YAMLFastComposerTests) hold it to Yams on jsf's files and their mutations.
enum YAMLFastComposer {
    static func compose(_ text: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes in
            var composer = Composer(bytes)
            return composer.document()
        }
    }

    /// Whether libyaml reads `s`, written plain on one line in block context, back as exactly `s` (the writer's
    /// rule for plain strings, YAMLValue.quoteIfNeeded, adds that no string looking like a keyword or a number is
    /// written plain; a reader takes those as the strings they are).
    static func readsBackPlain(_ s: some StringProtocol) -> Bool {
        var copy = String(s)
        return copy.withUTF8 { Composer.plain($0[...], flow: false) }
    }

    /// A double-quoted scalar whose opening quote is at `start`, on one line ending at `end`, with the escapes jsf
    /// writes (\" \\ \n \t \r \xNN) and no character YAML would not take as it is: its string and the position after
    /// the closing quote; nil for anything else (another escape, a raw control character, no closing quote).
    static func unquoted(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (String, Int)? {
        var out: [UInt8] = []
        var i = start + 1
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                guard Composer.printable(bytes[(start + 1)..<i]) else { return nil }
                return (String(decoding: out, as: UTF8.self), i + 1)
            }
            if byte == UInt8(ascii: "\\") {
                guard i + 1 < end else { return nil }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "x"):
                    guard i + 3 < end, let high = Composer.hex(bytes[i + 2]), let low = Composer.hex(bytes[i + 3]) else { return nil }
                    // \x80 and above are one scalar each, two bytes in UTF-8.
                    out += Array(String(Unicode.Scalar(high << 4 | low)).utf8)
                    i += 2
                default: return nil
                }
                i += 2
                continue
            }
            if byte < 0x20 || byte == 0x7F { return nil }
            out.append(byte)
            i += 1
        }
        return nil
    }
}

private struct Composer {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The lines that hold something: where their content starts and ends (the newline excluded), their indent,
    /// their number (1-based).
    var lines: [(start: Int, end: Int, indent: Int, number: Int)] = []
    var next = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func document() -> YAMLNode? {
        guard Self.printable(bytes[...]) else { return nil }
        var start = 0
        var number = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if end > start {
                var indent = 0
                while start + indent < end, bytes[start + indent] == 0x20 { indent += 1 }
                // A line of spaces, a comment, a document marker or a directive: left to libyaml.
                guard start + indent < end else { return nil }
                let first = bytes[start + indent]
                if first == UInt8(ascii: "#") || (indent == 0 && (first == UInt8(ascii: "%") || Self.marker(bytes[start..<end]))) {
                    return nil
                }
                lines.append((start + indent, end, indent, number))
            }
            start = end + 1
            number += 1
        }
        guard let first = lines.first, first.indent == 0, !isItem(first.start, first.end) else { return nil }
        guard let root = mapping(indent: 0), next == lines.count else { return nil }
        return root
    }

    private static func marker(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard line.count >= 3 else { return false }
        let head = Array(line.prefix(3))
        guard head == Array("---".utf8) || head == Array("...".utf8) else { return false }
        return line.count == 3 || line[line.startIndex + 3] == 0x20
    }

    private func isItem(_ start: Int, _ end: Int) -> Bool {
        bytes[start] == UInt8(ascii: "-") && (start + 1 == end || bytes[start + 1] == 0x20)
    }

    /// A block mapping whose keys start at `indent`; the first may be inline after a sequence's dash (`at`).
    private mutating func mapping(indent: Int, at inline: Int? = nil) -> YAMLNode? {
        var pairs: [YAMLPair] = []
        var keys: Set<String> = []
        var mapLine: Int?
        var position = inline
        while next < lines.count {
            let line = lines[next]
            let start: Int
            if let inline = position {
                start = inline
                position = nil
            } else {
                guard line.indent == indent else {
                    if line.indent > indent { return nil }
                    break
                }
                start = line.start
            }
            guard !isItem(start, line.end) else { return nil }
            // The key runs to the first ':'; it must be followed by a space or end the line.
            var colon = start
            while colon < line.end, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < line.end, colon - start < 1000, Self.plain(bytes[start..<colon], flow: false) else { return nil }
            let key = String(decoding: bytes[start..<colon], as: UTF8.self)
            guard keys.insert(key).inserted else { return nil }
            let keyLine = lines[next].number
            if mapLine == nil { mapLine = keyLine }
            let keyNode = YAMLNode.scalar(key, plain: true, line: keyLine)
            let value: YAMLNode
            if colon + 1 == line.end {
                // The value is the block below, two spaces further in.
                next += 1
                guard next < lines.count, lines[next].indent == indent + 2 else { return nil }
                if isItem(lines[next].start, lines[next].end) {
                    guard let sequence = sequence(indent: indent + 2) else { return nil }
                    value = sequence
                } else {
                    guard let inner = mapping(indent: indent + 2) else { return nil }
                    value = inner
                }
            } else {
                guard bytes[colon + 1] == 0x20, colon + 2 < line.end, let scalar = inlineValue(colon + 2, line: next) else { return nil }
                value = scalar
                next += 1
            }
            pairs.append(YAMLPair(key: keyNode, value: value))
        }
        return .map(pairs, line: mapLine)
    }

    /// A block sequence whose dashes are at `indent`.
    private mutating func sequence(indent: Int) -> YAMLNode? {
        var items: [YAMLNode] = []
        let sequenceLine = lines[next].number
        while next < lines.count, lines[next].indent == indent {
            let line = lines[next]
            guard isItem(line.start, line.end), line.start + 2 < line.end else { return nil }
            let content = line.start + 2
            guard bytes[content] != 0x20 else { return nil }
            if opensMapping(content, line.end) {
                guard let item = mapping(indent: indent + 2, at: content) else { return nil }
                items.append(item)
            } else {
                guard let item = inlineValue(content, line: next) else { return nil }
                items.append(item)
                next += 1
            }
        }
        if next < lines.count, lines[next].indent > indent { return nil }
        return .list(items, line: sequenceLine)
    }

    /// Whether the rest of a line after a dash is a mapping's first pair (`id: x`, `clause:`), not a scalar.
    private func opensMapping(_ start: Int, _ end: Int) -> Bool {
        let first = bytes[start]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return false }
        for i in start..<end where bytes[i] == UInt8(ascii: ":") && (i + 1 == end || bytes[i + 1] == 0x20) { return true }
        return false
    }

    /// A value on the rest of a line: a double-quoted or plain scalar, a flow list of scalars, `[]` or `{}`.
    private func inlineValue(_ start: Int, line: Int) -> YAMLNode? {
        let end = lines[line].end
        switch bytes[start] {
        case UInt8(ascii: "\""):
            guard let (string, after) = quoted(start, end), after == end else { return nil }
            return .scalar(string, plain: false, line: lines[line].number)
        case UInt8(ascii: "{"):
            guard end - start == 2, bytes[start + 1] == UInt8(ascii: "}") else { return nil }
            return .map([], line: lines[line].number)
        case UInt8(ascii: "["):
            var items: [YAMLNode] = []
            var i = start + 1
            guard i < end else { return nil }
            if bytes[i] != UInt8(ascii: "]") {
                while true {
                    guard i < end else { return nil }
                    if bytes[i] == UInt8(ascii: "\"") {
                        guard let (string, after) = quoted(i, end) else { return nil }
                        items.append(.scalar(string, plain: false, line: lines[line].number))
                        i = after
                    } else {
                        var j = i
                        while j < end, bytes[j] != UInt8(ascii: ","), bytes[j] != UInt8(ascii: "]") { j += 1 }
                        guard Self.plain(bytes[i..<j], flow: true) else { return nil }
                        items.append(.scalar(String(decoding: bytes[i..<j], as: UTF8.self), plain: true, line: lines[line].number))
                        i = j
                    }
                    guard i < end else { return nil }
                    if bytes[i] == UInt8(ascii: "]") { break }
                    guard bytes[i] == UInt8(ascii: ","), i + 1 < end, bytes[i + 1] == 0x20 else { return nil }
                    i += 2
                }
            }
            guard i + 1 == end else { return nil }
            return .list(items, line: lines[line].number)
        default:
            guard Self.plain(bytes[start..<end], flow: false) else { return nil }
            return .scalar(String(decoding: bytes[start..<end], as: UTF8.self), plain: true, line: lines[line].number)
        }
    }

    private func quoted(_ start: Int, _ end: Int) -> (String, Int)? {
        YAMLFastComposer.unquoted(bytes, from: start, to: end)
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Whether libyaml reads these bytes, plain on one line, as exactly themselves; in a flow list (`flow`), none of
    /// `,[]{}` either.
    static func plain(_ s: Slice<UnsafeBufferPointer<UInt8>>, flow: Bool) -> Bool {
        guard let first = s.first, let last = s.last, first != 0x20, last != 0x20, last != UInt8(ascii: ":") else { return false }
        // An indicator cannot start a plain scalar, but a dash followed by more (-1, -x) does.
        if "?:,[]{}#&*!|>'\"%@`".utf8.contains(first) { return false }
        if first == UInt8(ascii: "-"), s.count < 2 || s[s.startIndex + 1] == 0x20 { return false }
        var previous: UInt8 = 0
        for byte in s {
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == UInt8(ascii: "#") && previous == 0x20 { return false }
            if previous == UInt8(ascii: ":") && byte == 0x20 { return false }
            if flow && ",[]{}".utf8.contains(byte) { return false }
            previous = byte
        }
        return printable(s)
    }

    /// Whether every character is one YAML allows as it is and none breaks a line: no control character (but the
    /// newline), no C1 control, no byte order mark, no line or paragraph separator, no non-character U+FFFE/U+FFFF.
    static func printable(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var i = s.startIndex
        while i < s.endIndex {
            let byte = s[i]
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return false }
                i += 1
                continue
            }
            // Swift strings are valid UTF-8: the lead byte gives the length.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            guard i + length <= s.endIndex else { return false }
            if length == 2, byte == 0xC2, s[i + 1] < 0xA0 { return false } // U+0080–U+009F
            if length == 3 {
                let second = s[i + 1]
                let third = s[i + 2]
                if byte == 0xE2, second == 0x80, third == 0xA8 || third == 0xA9 { return false } // U+2028, U+2029
                if byte == 0xEF, second == 0xBB, third == 0xBF { return false } // U+FEFF
                if byte == 0xEF, second == 0xBF, third == 0xBE || third == 0xBF { return false } // U+FFFE, U+FFFF
            }
            i += length
        }
        return true
    }
}
