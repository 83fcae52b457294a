import Foundation

/// One member of a JSON object written by JSONStream: a value encoded whole, or an array encoded element by element.
enum JSONMember {
    case value(any Encodable)
    case array([any Encodable])
}

/// Writes a JSON object byte for byte as `Console.json` writes it (JSONEncoder, pretty-printed, sorted keys, slashes
/// as they are), but member by member and an array element by element, each handed to `write` once encoded: what is
/// written is never held whole in memory, nor JSONEncoder's tree of it (`jsf inbox --json` of 200,000 proposals
/// held both, several times the proposals' size; DESIGN.md §5).
enum JSONStream {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The object of `members` (nil ones left out, as an absent optional), then a newline.
    static func object(_ members: [String: JSONMember?], write: (Data) -> Void) throws {
        let encoder = encoder()
        let present = members.compactMapValues { $0 }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        guard !present.isEmpty else {
            write(Data("{\n\n}\n".utf8))
            return
        }
        var buffer = Data("{\n".utf8)
        for (n, (key, member)) in present.enumerated() {
            buffer += Data("  ".utf8) + (try encoder.encode(key)) + Data(" : ".utf8)
            switch member {
            case .value(let value):
                buffer += indented(try encoder.encode(value), by: 2)
            case .array(let elements) where elements.isEmpty:
                buffer += Data("[\n\n  ]".utf8)
            case .array(let elements):
                buffer += Data("[\n".utf8)
                for (i, element) in elements.enumerated() {
                    buffer += Data("    ".utf8) + indented(try encoder.encode(element), by: 4)
                    buffer += Data((i < elements.count - 1 ? ",\n" : "\n").utf8)
                    if buffer.count >= 1 << 16 {
                        write(buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                buffer += Data("  ]".utf8)
            }
            buffer += Data((n < present.count - 1 ? ",\n" : "\n").utf8)
        }
        buffer += Data("}\n".utf8)
        write(buffer)
    }

    /// Encoded JSON moved in by `spaces`: every line but the first, and but the blank line of an empty array or
    /// object (a string holds no raw newline).
    private static func indented(_ json: Data, by spaces: Int) -> Data {
        guard json.contains(0x0A) else { return json }
        let pad = [UInt8](repeating: 0x20, count: spaces)
        var out = Data(capacity: json.count + json.count / 8)
        var lineStart = false
        for byte in json {
            if lineStart, byte != 0x0A { out.append(contentsOf: pad) }
            out.append(byte)
            lineStart = byte == 0x0A
        }
        return out
    }
}
