import Foundation

/// Reads the SSH wire encoding (RFC 4251 §5): every length is bounds-checked, a failure is nil, never a crash.
struct SSHReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ data: Data) { self.bytes = Array(data) }

    /// Whether every byte has been read (trailing bytes make a structure malformed).
    var isAtEnd: Bool { offset == bytes.count }

    /// The bytes not read yet.
    var remaining: [UInt8] { Array(bytes[offset...]) }

    /// `count` raw bytes.
    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// A big-endian uint32.
    mutating func uint32() -> UInt32? {
        guard let four = bytes(4) else { return nil }
        return four.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A length-prefixed byte string.
    mutating func string() -> [UInt8]? {
        // The length is checked against what is left before anything is allocated.
        guard let length = uint32(), UInt64(length) <= UInt64(bytes.count - offset) else { return nil }
        return bytes(Int(length))
    }

    /// A length-prefixed string that must be valid UTF-8 (names such as "ssh-ed25519", namespaces).
    mutating func text() -> String? {
        guard let raw = string() else { return nil }
        return String(validating: raw, as: UTF8.self)
    }
}

/// Writes the SSH wire encoding.
struct SSHWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }

    mutating func uint32(_ value: UInt32) {
        bytes.append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)])
    }

    mutating func string(_ data: some Collection<UInt8>) {
        uint32(UInt32(data.count))
        bytes.append(contentsOf: data)
    }

    mutating func string(_ text: String) { string(Array(text.utf8)) }

    var data: Data { Data(bytes) }
}

/// The PEM-like armor OpenSSH uses for private keys and signatures: base64 wrapped at 70 columns like ssh-keygen.
enum SSHArmor {
    static func wrap(_ data: Data, label: String) -> String {
        let base64 = Array(data.base64EncodedString())
        var lines = ["-----BEGIN \(label)-----"]
        var start = 0
        while start < base64.count {
            let end = min(start + 70, base64.count)
            lines.append(String(base64[start..<end]))
            start = end
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The decoded body; nil unless the text is exactly a BEGIN line, base64 lines, an END line and optional
    /// trailing newlines (surrounding blank space tolerated, since keys and signatures travel through files and headers).
    static func unwrap(_ text: String, label: String) -> Data? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard lines.count >= 3, lines.first == "-----BEGIN \(label)-----", lines.last == "-----END \(label)-----" else {
            return nil
        }
        let body = lines.dropFirst().dropLast()
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        guard body.allSatisfy({ !$0.isEmpty && $0.allSatisfy(alphabet.contains) }) else { return nil }
        guard let data = Data(base64Encoded: body.joined()), !data.isEmpty else { return nil }
        return data
    }
}
