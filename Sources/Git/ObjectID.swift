import CLibGit2
import Foundation

/// A SHA-1 object id, stored inline as 20 bytes (big-endian words, so ordering follows the bytes).
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    /// Parses 40 hexadecimal digits (either case); nil for anything else.
    public init?(hex: String) {
        var bytes = [UInt8](repeating: 0, count: 20)
        var count = 0
        for unit in hex.utf8 {
            guard count < 40 else { return nil }
            let nibble: UInt8
            switch unit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = unit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = unit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = unit - UInt8(ascii: "A") + 10
            default: return nil
            }
            bytes[count / 2] |= count % 2 == 0 ? nibble << 4 : nibble
            count += 1
        }
        guard count == 40 else { return nil }
        self.init(bytes: bytes)
    }

    /// Builds an id from its 20 raw bytes.
    init(bytes: some Collection<UInt8>) {
        precondition(bytes.count == 20)
        var high: UInt64 = 0
        var middle: UInt64 = 0
        var low: UInt32 = 0
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 0..<8: high = high << 8 | UInt64(byte)
            case 8..<16: middle = middle << 8 | UInt64(byte)
            default: low = low << 8 | UInt32(byte)
            }
        }
        self.high = high
        self.middle = middle
        self.low = low
    }

    /// Copies a libgit2 oid.
    init(_ oid: git_oid) {
        var oid = oid
        self = withUnsafeBytes(of: &oid.id) { ObjectID(bytes: $0) }
    }

    /// Copies the oid a libgit2 pointer designates.
    init(_ oid: UnsafePointer<git_oid>) {
        self.init(oid.pointee)
    }

    /// The 20 raw bytes.
    var bytes: [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(20)
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: middle >> UInt64(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: low >> UInt32(shift))) }
        return result
    }

    /// The libgit2 form of this id.
    var oid: git_oid {
        var oid = git_oid()
        let bytes = self.bytes
        withUnsafeMutableBytes(of: &oid.id) { buffer in
            for index in 0..<20 { buffer[index] = bytes[index] }
        }
        return oid
    }

    /// The all-zero id libgit2 uses for "no object".
    public var isZero: Bool { high == 0 && middle == 0 && low == 0 }

    /// 40 lowercase hexadecimal digits.
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        let bytes = self.bytes
        return String(unsafeUninitializedCapacity: 40) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[2 * index] = digits[Int(byte >> 4)]
                buffer[2 * index + 1] = digits[Int(byte & 0x0f)]
            }
            return 40
        }
    }

    /// The first 7 hexadecimal digits.
    public var short: String { String(hex.prefix(7)) }

    /// The full hexadecimal form.
    public var description: String { hex }

    /// Byte-wise ordering, the same as the hexadecimal strings' ordering.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }

    /// The id git gives `data` as a blob (`git hash-object`), computed without a repository.
    public static func hashBlob(_ data: Data) -> ObjectID {
        LibGit2.ensure()
        var oid = git_oid()
        let result = data.withUnsafeBytesOrEmpty { pointer, count in
            git_odb_hash(&oid, pointer, count, GIT_OBJECT_BLOB)
        }
        precondition(result == 0, "git_odb_hash failed: \(GitError.last("git_odb_hash", result))")
        return ObjectID(oid)
    }
}

extension Data {
    /// Calls `body` with a valid pointer even for empty data (libgit2 rejects NULL buffers).
    @discardableResult
    func withUnsafeBytesOrEmpty<R, E: Error>(_ body: (UnsafeRawPointer, Int) throws(E) -> R) throws(E) -> R {
        if isEmpty {
            var zero: UInt8 = 0
            return try withUnsafePointer(to: &zero) { (pointer) throws(E) in try body(UnsafeRawPointer(pointer), 0) }
        }
        // Data.withUnsafeBytes only rethrows: the typed error travels out in a Result.
        return try withUnsafeBytes { buffer in Result { () throws(E) in try body(buffer.baseAddress!, buffer.count) } }.get()
    }
}
