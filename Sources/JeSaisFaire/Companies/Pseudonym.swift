import Crypto
import Foundation

/// A company's key and pseudonym for one consultation (DESIGN.md §3): the same company and consultation give
/// the same pseudonym on every machine holding the identity; two consultations give unlinkable ones.
public struct CompanyKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey
    public let pseudonym: Pseudonym

    /// Ed25519 seed = HKDF-SHA256(secret, salt: none, info: consultation id), 32 bytes.
    public init(secret: Data, consultationID: String) {
        let seed = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Data(consultationID.utf8),
            outputByteCount: 32)
        let raw = seed.withUnsafeBytes { Data($0) }
        // A 32-byte seed is always a valid Ed25519 private key.
        privateKey = try! Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        pseudonym = Pseudonym(publicKey: privateKey.publicKey.rawRepresentation)
    }

    public var publicKey: Data { privateKey.publicKey.rawRepresentation }

    /// The key that signs the company's commits on its proposal branch.
    public var signingKey: SSHSigningKey { SSHSigningKey(privateKey: privateKey) }

    var signer: SSHSigner { SSHSigner(key: signingKey) }

    /// The public key in OpenSSH format ("ssh-ed25519 AAAA… 7F3K9Q2M"), as written in key.pub.
    public var openSSHPublicKey: String {
        func string(_ bytes: Data) -> Data {
            var length = UInt32(bytes.count).bigEndian
            return Data(bytes: &length, count: 4) + bytes
        }
        let blob = string(Data("ssh-ed25519".utf8)) + string(publicKey)
        return "ssh-ed25519 \(blob.base64EncodedString()) \(pseudonym.code)\n"
    }
}

/// Eight characters of Crockford base32 over the first 40 bits of SHA-256(public key).
public struct Pseudonym: Sendable, Hashable, CustomStringConvertible, Comparable {
    public let code: String

    public init(publicKey: Data) {
        let digest = Array(SHA256.hash(data: publicKey))
        code = Pseudonym.crockford(Array(digest.prefix(5)))
    }

    /// A pseudonym read back from a branch or file name; nil unless it is 8 Crockford base32 characters.
    public init?(code: String) {
        guard code.count == 8, code.unicodeScalars.allSatisfy({ Pseudonym.alphabet.unicodeScalars.contains($0) }) else { return nil }
        self.code = code
    }

    public var description: String { code }

    public static func < (lhs: Pseudonym, rhs: Pseudonym) -> Bool { lhs.code < rhs.code }

    /// "Entreprise 7F3K9Q2M" / "Company 7F3K9Q2M".
    public var displayName: Text { Text(en: "Company \(code)", fr: "Entreprise \(code)") }

    static let alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

    /// Crockford base32 (no padding), 5 bits per character, most significant first.
    static func crockford(_ bytes: [UInt8]) -> String {
        let symbols = Array(alphabet)
        var out = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(symbols[(buffer >> bits) & 31])
            }
        }
        if bits > 0 { out.append(symbols[(buffer << (5 - bits)) & 31]) }
        return out
    }
}
