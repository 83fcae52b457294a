import Crypto
import Foundation

/// Why a private key file could not be used, in both languages.
public struct SSHKeyError: Error, Sendable, CustomStringConvertible {
    /// The reason, in English and French.
    public var message: Text

    /// Creates an error.
    public init(_ message: Text) { self.message = message }

    /// The English reason.
    public var description: String { message.en }

    static let malformed = SSHKeyError(
        Text(
            en: "not a valid OpenSSH private key file",
            fr: "ce n'est pas un fichier de clé privée OpenSSH valide"))
}

/// A signing key: an Ed25519 private key, read from or written as an unencrypted OpenSSH private key file.
public struct SSHSigningKey: Sendable {
    /// The Ed25519 private key.
    public let privateKey: Curve25519.Signing.PrivateKey

    /// The matching public key.
    public var publicKey: SSHPublicKey {
        // A CryptoKit Ed25519 public key is always 32 bytes.
        SSHPublicKey(checkedRaw: privateKey.publicKey.rawRepresentation)
    }

    /// Wraps an existing private key.
    public init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// A fresh random key.
    public static func generate() -> SSHSigningKey { SSHSigningKey(privateKey: .init()) }

    static let magic = Array("openssh-key-v1".utf8) + [0]
    static let label = "OPENSSH PRIVATE KEY"

    /// Parses "-----BEGIN OPENSSH PRIVATE KEY-----" (openssh-key-v1, cipher and kdf "none", one ed25519 key).
    public static func parse(openSSHPrivateKey text: String) throws(SSHKeyError) -> SSHSigningKey {
        guard let data = SSHArmor.unwrap(text, label: label) else { throw .malformed }
        var reader = SSHReader(data)
        guard reader.bytes(magic.count) == magic,
            let cipher = reader.text(), let kdf = reader.text(), reader.string() != nil,
            let count = reader.uint32()
        else { throw .malformed }
        guard cipher == "none", kdf == "none" else {
            throw SSHKeyError(
                Text(
                    en: "the private key is encrypted: remove the passphrase with ssh-keygen -p, or use another key",
                    fr: "la clé privée est chiffrée : retirez la phrase de passe avec ssh-keygen -p, ou utilisez une autre clé"))
        }
        guard count == 1 else {
            throw SSHKeyError(
                Text(
                    en: "the file holds \(count) keys, jsf needs exactly one",
                    fr: "le fichier contient \(count) clés, jsf en attend exactement une"))
        }
        guard let publicBlob = reader.string(), let privateSection = reader.string(), reader.isAtEnd else { throw .malformed }
        var publicReader = SSHReader(publicBlob)
        guard let type = publicReader.text() else { throw .malformed }
        guard type == SSHPublicKey.keyType else {
            throw SSHKeyError(
                Text(
                    en: "the key is of type \(type), jsf signs with ssh-ed25519 keys only (ssh-keygen -t ed25519)",
                    fr: "la clé est de type \(type), jsf ne signe qu'avec des clés ssh-ed25519 (ssh-keygen -t ed25519)"))
        }
        guard let outerKey = SSHPublicKey(blob: publicBlob) else { throw .malformed }
        return try parsePrivateSection(privateSection, expecting: outerKey)
    }

    /// checkint ×2, type, public key, seed‖public key, comment, padding 1, 2, 3… to a multiple of 8.
    private static func parsePrivateSection(_ section: [UInt8], expecting outerKey: SSHPublicKey) throws(SSHKeyError) -> SSHSigningKey {
        guard section.count % 8 == 0 else { throw .malformed }
        var reader = SSHReader(section)
        guard let check1 = reader.uint32(), let check2 = reader.uint32() else { throw .malformed }
        guard check1 == check2 else {
            throw SSHKeyError(
                Text(
                    en: "the private key is damaged (check numbers differ)",
                    fr: "la clé privée est endommagée (les nombres de contrôle diffèrent)"))
        }
        guard reader.text() == SSHPublicKey.keyType, let publicRaw = reader.string(), let secret = reader.string(),
            reader.string() != nil, publicRaw.count == 32, secret.count == 64
        else { throw .malformed }
        let padding = reader.remaining
        guard padding.count < 8, padding.enumerated().allSatisfy({ UInt8($0.offset + 1) == $0.element }) else { throw .malformed }
        guard let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: Data(secret[0..<32])) else { throw .malformed }
        let key = SSHSigningKey(privateKey: privateKey)
        // The seed must give the public key the file states, in both places it states it.
        guard key.publicKey.raw == Data(publicRaw), key.publicKey.raw == Data(secret[32..<64]), key.publicKey == outerKey else {
            throw SSHKeyError(
                Text(
                    en: "the private key does not match its public key",
                    fr: "la clé privée ne correspond pas à sa clé publique"))
        }
        return key
    }

    /// The key as an unencrypted OpenSSH private key file (what `ssh-keygen -y -f` reads), with `comment`.
    public func openSSHPrivateKey(comment: String) -> String {
        let publicRaw = Array(publicKey.raw)
        var section = SSHWriter()
        // The check number only detects a wrong passphrase; any value works for an unencrypted key.
        let check = UInt32.random(in: .min ... .max)
        section.uint32(check)
        section.uint32(check)
        section.string(SSHPublicKey.keyType)
        section.string(publicRaw)
        section.string(Array(privateKey.rawRepresentation) + publicRaw)
        section.string(comment)
        var pad: UInt8 = 1
        while section.bytes.count % 8 != 0 {
            section.raw([pad])
            pad += 1
        }
        var file = SSHWriter()
        file.raw(Self.magic)
        file.string("none")
        file.string("none")
        file.string([UInt8]())
        file.uint32(1)
        file.string(Array(publicKey.blob))
        file.string(section.bytes)
        return SSHArmor.wrap(file.data, label: Self.label)
    }
}

extension SSHPublicKey {
    /// A key from 32 bytes known to be valid (CryptoKit's own output).
    init(checkedRaw raw: Data) {
        guard let key = SSHPublicKey(raw: raw) else { preconditionFailure("Ed25519 public keys are 32 bytes") }
        self = key
    }
}
