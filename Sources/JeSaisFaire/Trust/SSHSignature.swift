import Crypto
import Foundation

/// Why a signature was refused: a short English reason such as "malformed armor", "wrong namespace 'x'", "bad signature".
public struct SSHSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason.
    public var reason: String

    /// Creates an error.
    public init(reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
}

/// git's SSH signatures (openssh PROTOCOL.sshsig): namespace "git", hash sha512, armored "-----BEGIN SSH SIGNATURE-----".
public enum SSHSignature {
    static let magic = Array("SSHSIG".utf8)
    static let label = "SSH SIGNATURE"

    /// The armored signature of `message`, base64 lines of 70 characters like ssh-keygen, ending in "-----END SSH SIGNATURE-----\n".
    public static func sign(_ message: Data, with key: SSHSigningKey, namespace: String = "git") -> String {
        let toSign = signedData(message: message, namespace: namespace, hash: "sha512")
        // Ed25519 signing with a well-formed key does not fail; CryptoKit only declares `throws`.
        guard let raw = try? key.privateKey.signature(for: toSign) else { preconditionFailure("Ed25519 signing failed") }
        var signature = SSHWriter()
        signature.string(SSHPublicKey.keyType)
        signature.string(Array(raw))
        var blob = SSHWriter()
        blob.raw(magic)
        blob.uint32(1)
        blob.string(Array(key.publicKey.blob))
        blob.string(namespace)
        blob.string([UInt8]())
        blob.string("sha512")
        blob.string(signature.bytes)
        return SSHArmor.wrap(blob.data, label: label)
    }

    /// Verifies `armored` over `message` and returns the key that made it; strict about every field.
    public static func verify(_ armored: String, message: Data, namespace: String = "git") throws(SSHSignatureError) -> SSHPublicKey {
        let parsed = try parse(armored)
        guard parsed.namespace == namespace else { throw SSHSignatureError(reason: "wrong namespace '\(parsed.namespace)'") }
        let toVerify = signedData(message: message, namespace: parsed.namespace, hash: parsed.hash)
        guard let publicKey = parsed.key.signingKey, publicKey.isValidSignature(parsed.signature, for: toVerify) else {
            throw SSHSignatureError(reason: "bad signature")
        }
        return parsed.key
    }

    /// The key a signature claims to be made by, without checking it; nil when unparsable.
    public static func claimedKey(_ armored: String) -> SSHPublicKey? {
        try? parse(armored).key
    }

    /// The fields of a signature blob, checked for shape but not verified.
    struct Parsed {
        var key: SSHPublicKey
        var namespace: String
        var hash: String
        var signature: Data
    }

    static func parse(_ armored: String) throws(SSHSignatureError) -> Parsed {
        guard let data = SSHArmor.unwrap(armored, label: label) else { throw SSHSignatureError(reason: "malformed armor") }
        var reader = SSHReader(data)
        guard reader.bytes(magic.count) == magic else { throw SSHSignatureError(reason: "not an SSH signature") }
        guard let version = reader.uint32() else { throw SSHSignatureError(reason: "truncated signature") }
        guard version == 1 else { throw SSHSignatureError(reason: "unsupported version \(version)") }
        // The reserved field is read and ignored, as ssh-keygen does (it signs and verifies with it empty).
        guard let keyBlob = reader.string(), let namespace = reader.text(), reader.string() != nil,
            let hash = reader.text(), let signatureBlob = reader.string()
        else {
            throw SSHSignatureError(reason: "truncated signature")
        }
        guard reader.isAtEnd else { throw SSHSignatureError(reason: "trailing data after the signature") }
        var keyReader = SSHReader(keyBlob)
        let keyType = keyReader.text() ?? "?"
        guard keyType == SSHPublicKey.keyType else { throw SSHSignatureError(reason: "unsupported key type '\(keyType)'") }
        guard let key = SSHPublicKey(blob: keyBlob) else { throw SSHSignatureError(reason: "malformed public key") }
        guard hash == "sha512" || hash == "sha256" else { throw SSHSignatureError(reason: "unsupported hash '\(hash)'") }
        var signatureReader = SSHReader(signatureBlob)
        let signatureType = signatureReader.text() ?? "?"
        guard signatureType == SSHPublicKey.keyType else {
            throw SSHSignatureError(reason: "unsupported signature type '\(signatureType)'")
        }
        guard let raw = signatureReader.string(), raw.count == 64, signatureReader.isAtEnd else {
            throw SSHSignatureError(reason: "malformed signature")
        }
        return Parsed(key: key, namespace: namespace, hash: hash, signature: Data(raw))
    }

    /// What the key actually signs: MAGIC, namespace, reserved (empty), hash name, H(message).
    static func signedData(message: Data, namespace: String, hash: String) -> Data {
        let digest: [UInt8] = hash == "sha256" ? Array(SHA256.hash(data: message)) : Array(SHA512.hash(data: message))
        var writer = SSHWriter()
        writer.raw(magic)
        writer.string(namespace)
        writer.string([UInt8]())
        writer.string(hash)
        writer.string(digest)
        return writer.data
    }
}
