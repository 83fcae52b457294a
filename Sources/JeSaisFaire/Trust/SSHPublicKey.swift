import Crypto
import Foundation

/// An Ed25519 public key in OpenSSH form.
public struct SSHPublicKey: Sendable, Hashable {
    /// The 32-byte Ed25519 public key.
    public let raw: Data

    static let keyType = "ssh-ed25519"

    /// A key from its 32 raw bytes; nil for any other length.
    public init?(raw: Data) {
        guard raw.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else { return nil }
        self.raw = Data(raw)
    }

    /// Reads "ssh-ed25519 AAAA… [comment]"; nil for other key types, bad base64 or a wrong length.
    public init?(openSSH line: String) {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline })
        guard fields.count >= 2, fields[0] == Self.keyType, let blob = Data(base64Encoded: String(fields[1])) else { return nil }
        self.init(blob: blob)
    }

    /// Reads the wire blob string("ssh-ed25519") + string(32 bytes), with nothing after it.
    init?(blob: some Collection<UInt8>) {
        var reader = SSHReader(Array(blob))
        guard reader.text() == Self.keyType, let key = reader.string(), reader.isAtEnd else { return nil }
        self.init(raw: Data(key))
    }

    /// The SSH wire blob: string("ssh-ed25519") + string(raw).
    public var blob: Data {
        var writer = SSHWriter()
        writer.string(Self.keyType)
        writer.string(Array(raw))
        return writer.data
    }

    /// "ssh-ed25519 AAAA…", without comment or newline.
    public var openSSH: String { "\(Self.keyType) \(blob.base64EncodedString())" }

    /// "SHA256:…" as `ssh-keygen -l` prints it: base64 of SHA-256(blob) without padding.
    public var fingerprint: String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The pseudonym this key stands for (DESIGN.md §3).
    public var pseudonym: Pseudonym { Pseudonym(publicKey: raw) }

    /// The CryptoKit form, for verifying.
    var signingKey: Curve25519.Signing.PublicKey? { try? Curve25519.Signing.PublicKey(rawRepresentation: raw) }
}
