/// A strict reader of clauses.yml exactly as `ClauseIndex.yaml()` writes it: the same keys in the same order, the
/// same indentation, every text plain or double-quoted as the writer quotes it, one "\n" after every line. It reads
/// an index of 2,000 clauses without building a YAML tree; anything else (a comment, a key moved, a blank line, a
/// single-quoted text, CRLF line ends, a text the writer would have quoted) is not its business: it answers nil and
/// the YAML reader (Yams, with every check and message) reads the file.
enum ClauseIndexLines {
    /// The entries of `text`, nil when it is not exactly in the writer's shape.
    static func entries(_ text: String) -> [IndexEntry]? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.entries()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func entries() -> [IndexEntry]? {
            guard let format = line(), equal(format, "format: 1"), let clauses = line() else { return nil }
            if equal(clauses, "clauses: []") { return position == bytes.count ? [] : nil }
            guard equal(clauses, "clauses:"), position < bytes.count else { return nil }
            var entries: [IndexEntry] = []
            while position < bytes.count {
                guard let id = string("  - id: "), let number = string("    number: "), let title = string("    title: "),
                    let level = int("    level: "), var next = line()
                else { return nil }
                var parent: String?
                if let value = suffix(next, after: "    parent: ") {
                    guard let text = text(value) else { return nil }
                    parent = text
                    guard let following = line() else { return nil }
                    next = following
                }
                let kind: ClauseKind
                if equal(next, "    kind: clause") {
                    kind = .clause
                } else if equal(next, "    kind: criterion") {
                    kind = .criterion
                } else {
                    return nil
                }
                guard var after = line() else { return nil }
                var weight: Int?
                if let value = suffix(after, after: "    weight: ") {
                    guard let number = integer(value), let following = line() else { return nil }
                    weight = number
                    after = following
                }
                guard let hashValue = suffix(after, after: "    hash: "), let hash = text(hashValue), let introduced = int("    introduced: "),
                    let changed = int("    changed: ")
                else { return nil }
                entries.append(
                    IndexEntry(
                        id: id, number: number, title: title, level: level, parent: parent, kind: kind, weight: weight, hash: hash,
                        introduced: introduced, changed: changed))
            }
            return entries
        }

        /// The next line, without its "\n"; nil at the end or on a last line without one.
        mutating func line() -> Range<Int>? {
            guard position < bytes.count else { return nil }
            var end = position
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            guard end < bytes.count else { return nil }
            defer { position = end + 1 }
            return position..<end
        }

        func equal(_ range: Range<Int>, _ expected: StaticString) -> Bool {
            range.count == expected.utf8CodeUnitCount && suffix(range, after: expected) != nil
        }

        /// The part of `range` after `prefix`, nil when it does not start with it.
        func suffix(_ range: Range<Int>, after prefix: StaticString) -> Range<Int>? {
            let count = prefix.utf8CodeUnitCount
            guard range.count >= count else { return nil }
            let start = prefix.utf8Start
            for k in 0..<count where bytes[range.lowerBound + k] != start[k] { return nil }
            return (range.lowerBound + count)..<range.upperBound
        }

        mutating func string(_ prefix: StaticString) -> String? {
            guard let line = line(), let value = suffix(line, after: prefix) else { return nil }
            return text(value)
        }

        mutating func int(_ prefix: StaticString) -> Int? {
            guard let line = line(), let value = suffix(line, after: prefix) else { return nil }
            return integer(value)
        }

        /// A whole number as the writer writes it: an optional '-' and at most 18 digits.
        func integer(_ range: Range<Int>) -> Int? {
            var k = range.lowerBound
            let negative = k < range.upperBound && bytes[k] == UInt8(ascii: "-")
            if negative { k += 1 }
            guard k < range.upperBound, range.upperBound - k <= 18 else { return nil }
            var value = 0
            while k < range.upperBound {
                let digit = bytes[k] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                k += 1
            }
            return negative ? -value : value
        }

        /// A text, double-quoted or plain.
        func text(_ range: Range<Int>) -> String? {
            guard !range.isEmpty else { return nil }
            return bytes[range.lowerBound] == UInt8(ascii: "\"") ? quoted(range) : plain(range)
        }

        /// Bytes libyaml does not read as one printable character of a text: C1 controls (NEL among them), the line
        /// and paragraph separators, a byte order mark, the non-characters U+FFFE and U+FFFF. `k` starts a character.
        func unusual(at k: Int, end: Int) -> Bool {
            let b = bytes[k]
            guard b >= 0x80 else { return false }
            let next = k + 1 < end ? bytes[k + 1] : 0
            let third = k + 2 < end ? bytes[k + 2] : 0
            switch b {
            case 0xC2: return next < 0xA0
            case 0xE2: return next == 0x80 && (third == 0xA8 || third == 0xA9)
            case 0xEF: return (next == 0xBB && third == 0xBF) || (next == 0xBF && (third == 0xBE || third == 0xBF))
            default: return false
            }
        }

        /// A plain text the writer writes plain (`YAMLValue.quoteIfNeeded` leaves it as it is), read more narrowly:
        /// whatever it is unsure of it leaves to Yams.
        func plain(_ range: Range<Int>) -> String? {
            let first = bytes[range.lowerBound]
            let last = bytes[range.upperBound - 1]
            // Indicators, a space, what reads as a number, a date or a time.
            switch first {
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
                UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"),
                UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return nil
            default: break
            }
            if last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return nil }
            var previous: UInt8 = 0
            for k in range {
                let b = bytes[k]
                if b < 0x20 || b == 0x7F || unusual(at: k, end: range.upperBound) { return nil }
                if previous == UInt8(ascii: ":") && b == UInt8(ascii: " ") { return nil }
                if previous == UInt8(ascii: " ") && b == UInt8(ascii: "#") { return nil }
                previous = b
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            if range.count <= 5, ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(text.lowercased()) { return nil }
            if first >= 0x80, text.first?.isNumber != false { return nil }
            return text
        }

        /// A double-quoted text with the writer's escapes (\" \\ \n \t \r \xNN), on its line, as the fast composer reads it.
        func quoted(_ range: Range<Int>) -> String? {
            guard let (text, after) = YAMLFastComposer.unquoted(bytes, from: range.lowerBound, to: range.upperBound),
                after == range.upperBound
            else { return nil }
            return text
        }
    }
}
