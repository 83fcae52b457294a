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
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 17)
        buffer += "{\n".utf8
        for (n, (key, member)) in present.enumerated() {
            buffer += "  ".utf8
            buffer += try encoder.encode(key)
            buffer += " : ".utf8
            switch member {
            case .value(let value):
                append(try encoder.encode(value), indentedBy: 2, to: &buffer)
            case .array(let elements) where elements.isEmpty:
                buffer += "[\n\n  ]".utf8
            case .array(let elements):
                buffer += "[\n".utf8
                for (i, element) in elements.enumerated() {
                    buffer += "    ".utf8
                    append(try encoder.encode(element), indentedBy: 4, to: &buffer)
                    buffer += (i < elements.count - 1 ? ",\n" : "\n").utf8
                    if buffer.count >= 1 << 16 {
                        write(Data(buffer))
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                buffer += "  ]".utf8
            }
            buffer += (n < present.count - 1 ? ",\n" : "\n").utf8
        }
        buffer += "}\n".utf8
        write(Data(buffer))
    }

    /// Encoded JSON moved in by `spaces`: every line but the first, and but the blank line of an empty array or
    /// object (a string holds no raw newline).
    private static func append(_ json: Data, indentedBy spaces: Int, to out: inout [UInt8]) {
        json.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while let newline = bytes[start...].firstIndex(of: 0x0A) {
                out += bytes[start...newline]
                start = newline + 1
                if start < bytes.count, bytes[start] != 0x0A { out += repeatElement(0x20, count: spaces) }
            }
            out += bytes[start...]
        }
    }
}
