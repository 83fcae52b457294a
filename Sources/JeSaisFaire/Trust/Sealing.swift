import Crypto
import Foundation

/// An X25519 public key (RFC 7748), written "x25519 <base64 of its 32 bytes>".
public struct EncryptionPublicKey: Sendable, Hashable, CustomStringConvertible {
    public static let keyType = "x25519"
    /// The 32 bytes of the key.
    public let raw: Data

    public init?(raw: Data) {
        guard raw.count == 32, (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)) != nil else { return nil }
        self.raw = raw
    }

    /// Reads "x25519 <base64>" (the first two words of a line).
    public init?(text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard words.count >= 2, words[0] == Self.keyType, let raw = Data(base64Encoded: String(words[1])) else { return nil }
        self.init(raw: raw)
    }

    public var text: String { "\(Self.keyType) \(raw.base64EncodedString())" }
    public var description: String { text }

    /// "SHA256:…": the SHA-256 of the 32 bytes, base64 without padding, as OpenSSH writes fingerprints.
    public var fingerprint: String {
        "SHA256:" + Data(SHA256.hash(data: raw)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    var agreementKey: Curve25519.KeyAgreement.PublicKey {
        // `raw` was checked by the initialiser.
        try! Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)
    }
}

/// An X25519 key pair that opens sealed files. Agents and buyers derive theirs from their identity secret (one key per
/// person, listed in every consultation.yml that lists them); a company derives one per consultation, unlinkable to
/// its others, that opens its own confidential proposals only.
public struct EncryptionKey: Sendable {
    let privateKey: Curve25519.KeyAgreement.PrivateKey

    /// X25519 scalar = HKDF-SHA256(secret, salt: none, info: "jsf x25519 encryption key" [+ " " + consultation id]).
    /// The info holds spaces, which no consultation id does: it never meets the info of a company's signing key.
    public init(secret: Data, consultationID: String? = nil) {
        let info = "jsf x25519 encryption key" + (consultationID.map { " " + $0 } ?? "")
        let scalar = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secret), info: Data(info.utf8), outputByteCount: 32)
        // Any 32 bytes are an X25519 private key (RFC 7748 clamps them).
        privateKey = scalar.withUnsafeBytes { try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: Data($0)) }
    }

    init(privateKey: Curve25519.KeyAgreement.PrivateKey) { self.privateKey = privateKey }

    public var publicKey: EncryptionPublicKey {
        // An X25519 public key is always 32 valid bytes.
        EncryptionPublicKey(raw: privateKey.publicKey.rawRepresentation)!
    }

    /// The key as consultation.yml lists it: the public key and its holder's signature over it.
    public func listed(signedBy signer: SSHSigningKey) -> ListedEncryptionKey {
        let proof = (try? signer.privateKey.signature(for: ListedEncryptionKey.message(publicKey))) ?? Data()
        return ListedEncryptionKey(key: publicKey, proof: proof)
    }
}

/// An encryption key as consultation.yml lists it beside a signing key: "x25519 <key> <proof>", where the proof is the
/// Ed25519 signature, by the holder's signing key, of "jsf encryption key v1\n" followed by the 32 bytes. The agent
/// writes consultation.yml, but cannot swap a buyer's encryption key for its own without the buyer's signing key.
public struct ListedEncryptionKey: Sendable, Hashable {
    public var key: EncryptionPublicKey
    public var proof: Data

    public init(key: EncryptionPublicKey, proof: Data) {
        self.key = key
        self.proof = proof
    }

    /// Reads "x25519 <key> <proof>", and what follows (a comment, as in encryption_key.pub).
    public init?(text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard words.count >= 3, let key = EncryptionPublicKey(text: text), let proof = Data(base64Encoded: String(words[2])), proof.count == 64
        else { return nil }
        self.init(key: key, proof: proof)
    }

    public var text: String { "\(key.text) \(proof.base64EncodedString())" }

    static func message(_ key: EncryptionPublicKey) -> Data { Data("jsf encryption key v1\n".utf8) + key.raw }

    /// True when `holder` signed this key.
    public func isSigned(by holder: SSHPublicKey) -> Bool {
        holder.signingKey?.isValidSignature(proof, for: Self.message(key)) ?? false
    }
}

/// Why a sealed file cannot be opened.
public struct SealError: Error, Sendable {
    public var message: Text
}

/// A sealed file (`identity.sealed`, `<n>.sealed`): a payload encrypted once with a random file key
/// (ChaCha20-Poly1305), and that file key sealed to each recipient with HPKE (RFC 9180, base mode,
/// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305). The HPKE info and the payload's associated data are
/// both the file's context (what it is, for which consultation, pseudonym and path): a sealed file copied to another
/// branch or path no longer opens. docs/format.md describes it byte by byte.
public struct SealedFile: Sendable, Equatable {
    /// What a sealed file holds.
    public enum Kind: String, Sendable { case identity, proposal }

    /// Where a sealed file belongs; bound into its encryption.
    public struct Context: Sendable, Equatable {
        public var kind: Kind
        public var consultationID: String
        public var pseudonym: String
        public var path: String

        public init(kind: Kind, consultationID: String, pseudonym: String, path: String) {
            self.kind = kind
            self.consultationID = consultationID
            self.pseudonym = pseudonym
            self.path = path
        }

        /// "jsf sealed v1\nkind: identity\nconsultation: <id>\npseudonym: <code>\npath: identity.sealed\n".
        var bytes: Data {
            Data("jsf sealed v1\nkind: \(kind.rawValue)\nconsultation: \(consultationID)\npseudonym: \(pseudonym)\npath: \(path)\n".utf8)
        }
    }

    /// One recipient: its public key, HPKE's encapsulated key, and the file key sealed to it (32 bytes + 16 of tag).
    public struct Recipient: Sendable, Equatable {
        public var key: EncryptionPublicKey
        public var encapsulated: Data
        public var wrapped: Data
    }

    public static let suite = "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305"
    static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    /// A payload above this is refused (a proposal file is at most 256 KiB; an identity is a few hundred bytes).
    public static let maximumPayloadBytes = 1 << 20

    public var kind: Kind
    public var recipients: [Recipient]
    /// The payload sealed with the file key: ciphertext then the 16-byte tag.
    public var ciphertext: Data

    /// Seals `payload` to every key of `recipients` (duplicates sealed once), bound to `context`.
    public static func seal(_ payload: Data, to recipients: [EncryptionPublicKey], context: Context) throws(SealError) -> SealedFile {
        var unique: [EncryptionPublicKey] = []
        for key in recipients where !unique.contains(key) { unique.append(key) }
        guard !unique.isEmpty else {
            throw SealError(message: Text(en: "there is no key to seal to", fr: "il n'y a aucune clé à qui sceller"))
        }
        let fileKey = SymmetricKey(size: .bits256)
        let info = context.bytes
        do {
            var stanzas: [Recipient] = []
            for key in unique {
                var sender = try HPKE.Sender(recipientKey: key.agreementKey, ciphersuite: ciphersuite, info: info)
                let wrapped = fileKey.withUnsafeBytes { bytes in Data(bytes) }
                // Copied into Data of their own: what swift-crypto returns may be a slice of a larger buffer.
                stanzas.append(
                    Recipient(key: key, encapsulated: Data(sender.encapsulatedKey), wrapped: Data(try sender.seal(wrapped, authenticating: Data()))))
            }
            // The file key is fresh for each file and used once: a zero nonce is safe.
            let box = try ChaChaPoly.seal(payload, using: fileKey, nonce: ChaChaPoly.Nonce(data: Data(count: 12)), authenticating: info)
            return SealedFile(kind: context.kind, recipients: stanzas, ciphertext: Data(box.ciphertext) + Data(box.tag))
        } catch {
            throw SealError(message: Text(en: "cannot seal: \(error)", fr: "impossible de sceller : \(error)"))
        }
    }

    /// True when `key` is among the recipients.
    public func isSealed(to key: EncryptionPublicKey) -> Bool { recipients.contains { $0.key == key } }

    /// Opens the payload with `key`; fails when the file is not sealed to it, or was altered or moved.
    public func open(with key: EncryptionKey, context: Context) throws(SealError) -> Data {
        guard let stanza = recipients.first(where: { $0.key == key.publicKey }) else {
            throw SealError(
                message: Text(
                    en: "it is not sealed to your key (\(key.publicKey.fingerprint)); it is sealed to \(recipientList)",
                    fr: "il n'est pas scellé à votre clé (\(key.publicKey.fingerprint)) ; il est scellé à \(recipientList)"))
        }
        let info = context.bytes
        let fileKey: SymmetricKey
        do {
            var recipient = try HPKE.Recipient(
                privateKey: key.privateKey, ciphersuite: Self.ciphersuite, info: info, encapsulatedKey: stanza.encapsulated)
            fileKey = SymmetricKey(data: try recipient.open(stanza.wrapped, authenticating: Data()))
        } catch {
            throw SealError(
                message: Text(
                    en: "its key for you does not open: the file was altered, or copied from another branch or path",
                    fr: "sa clé pour vous ne s'ouvre pas : le fichier a été modifié, ou copié d'une autre branche ou d'un autre chemin"))
        }
        do {
            guard ciphertext.count >= 16 else { throw SealError(message: Text(en: "", fr: "")) }
            let box = try ChaChaPoly.SealedBox(
                nonce: ChaChaPoly.Nonce(data: Data(count: 12)), ciphertext: ciphertext.dropLast(16), tag: ciphertext.suffix(16))
            return try ChaChaPoly.open(box, using: fileKey, authenticating: info)
        } catch {
            throw SealError(
                message: Text(
                    en: "its content does not open: the file was altered, or copied from another branch or path",
                    fr: "son contenu ne s'ouvre pas : le fichier a été modifié, ou copié d'une autre branche ou d'un autre chemin"))
        }
    }

    var recipientList: String { recipients.map(\.key.fingerprint).joined(separator: ", ") }

    /// The file's text: YAML, `format: 1`.
    public func text() -> String {
        YAMLValue.map([
            ("format", .int(1)),
            ("sealed", .string(kind.rawValue)),
            ("suite", .string(Self.suite)),
            (
                "recipients",
                .list(
                    recipients.map {
                        .map([
                            ("key", .string($0.key.text)), ("enc", .string($0.encapsulated.base64EncodedString())),
                            ("wrapped", .string($0.wrapped.base64EncodedString())),
                        ])
                    })
            ),
            ("ciphertext", .string(ciphertext.base64EncodedString())),
        ]).render()
    }

    /// Reads a sealed file as strictly as `text()` writes one; `expected` is the kind its path calls for.
    public static func parse(_ text: String, file: String, expected: Kind) -> (SealedFile?, [Problem]) {
        guard text.utf8.count <= maximumPayloadBytes * 2 else {
            return (
                nil,
                [
                    Problem(
                        file: file, code: "sealed.too-large", en: "a sealed file holds at most \(maximumPayloadBytes * 2) bytes",
                        fr: "un fichier scellé fait au plus \(maximumPayloadBytes * 2) octets")
                ]
            )
        }
        let reader = YAMLReader(file: file)
        guard let root = reader.root(text) else { return (nil, reader.problems) }
        root.rejectUnknownKeys(["format", "sealed", "suite", "recipients", "ciphertext"])
        root.checkFormat()
        if let kind = root.string("sealed"), kind != expected.rawValue {
            root.report(
                "sealed", code: "sealed.kind", en: "'sealed' must be \(expected.rawValue) in \(file), not '\(kind)'",
                fr: "'sealed' doit valoir \(expected.rawValue) dans \(file), pas '\(kind)'")
        }
        if let suite = root.string("suite"), suite != Self.suite {
            root.report(
                "suite", code: "sealed.suite", en: "unknown suite '\(suite)' (jsf seals with \(Self.suite))",
                fr: "suite '\(suite)' inconnue (jsf scelle avec \(Self.suite))")
        }
        var recipients: [Recipient] = []
        for map in root.maps("recipients") ?? [] {
            map.rejectUnknownKeys(["key", "enc", "wrapped"])
            guard let keyText = map.string("key"), let encText = map.string("enc"), let wrappedText = map.string("wrapped") else { continue }
            guard let key = EncryptionPublicKey(text: keyText), keyText.split(separator: " ").count == 2 else {
                map.report(
                    "key", code: "sealed.bad-key", en: "'\(keyText.prefix(60))' is not an x25519 key",
                    fr: "'\(keyText.prefix(60))' n'est pas une clé x25519")
                continue
            }
            guard let enc = Data(base64Encoded: encText), enc.count == 32 else {
                map.report("enc", code: "sealed.bad-enc", en: "'enc' must be 32 bytes in base64", fr: "'enc' doit faire 32 octets en base64")
                continue
            }
            guard let wrapped = Data(base64Encoded: wrappedText), wrapped.count == 48 else {
                map.report(
                    "wrapped", code: "sealed.bad-wrapped", en: "'wrapped' must be 48 bytes in base64", fr: "'wrapped' doit faire 48 octets en base64")
                continue
            }
            if recipients.contains(where: { $0.key == key }) {
                map.report(
                    "key", code: "sealed.duplicate", en: "the key \(key.fingerprint) is listed twice",
                    fr: "la clé \(key.fingerprint) figure deux fois")
            }
            recipients.append(Recipient(key: key, encapsulated: enc, wrapped: wrapped))
        }
        if root.node("recipients") != nil, recipients.isEmpty, reader.problems.isEmpty {
            root.report("recipients", code: "sealed.no-recipient", en: "'recipients' is empty", fr: "'recipients' est vide")
        }
        var ciphertext = Data()
        if let text = root.string("ciphertext") {
            if let data = Data(base64Encoded: text), data.count >= 16 {
                ciphertext = data
            } else {
                root.report(
                    "ciphertext", code: "sealed.bad-ciphertext", en: "'ciphertext' must be base64 of at least 16 bytes",
                    fr: "'ciphertext' doit être du base64 d'au moins 16 octets")
            }
        }
        guard reader.problems.allSatisfy({ $0.severity != .error }) else { return (nil, reader.problems) }
        return (SealedFile(kind: expected, recipients: recipients, ciphertext: ciphertext), reader.problems)
    }
}

/// What `identity.sealed` holds once opened: who the company is, as it declared itself with its first proposal.
public struct SealedIdentity: Sendable, Equatable {
    public var pseudonym: String
    public var consultationID: String
    public var name: String
    public var organisation: String?
    public var siret: String?
    public var email: String?
    public var phone: String?
    public var website: String?
    /// The establishment's street address, postal code and town, when the identity has them.
    public var address: String?
    public var postalCode: String?
    public var city: String?
    public var cpv: [String]
    public var departements: [String]
    /// When it was sealed (rounded down to the hour, UTC, like every time a company writes).
    public var sealed: String

    public init(identity: Identity, pseudonym: String, consultationID: String, sealed: String) {
        self.pseudonym = pseudonym
        self.consultationID = consultationID
        name = identity.name
        organisation = identity.organisation
        siret = identity.siret
        email = identity.email
        phone = identity.phone
        website = identity.website
        address = identity.address
        postalCode = identity.postalCode
        city = identity.city
        cpv = identity.cpv.map(\.description)
        departements = identity.departements
        self.sealed = sealed
    }

    static let path = "identity.sealed"

    public static func context(consultationID: String, pseudonym: String) -> SealedFile.Context {
        SealedFile.Context(kind: .identity, consultationID: consultationID, pseudonym: pseudonym, path: path)
    }

    public func yaml() -> String {
        var pairs: [(String, YAMLValue)] = [
            ("format", .int(1)), ("pseudonym", .string(pseudonym)), ("consultation", .string(consultationID)), ("name", .string(name)),
        ]
        if let organisation { pairs.append(("organisation", .string(organisation))) }
        if let siret { pairs.append(("siret", .string(siret))) }
        if let email { pairs.append(("email", .string(email))) }
        if let phone { pairs.append(("phone", .string(phone))) }
        if let website { pairs.append(("website", .string(website))) }
        if let address { pairs.append(("address", .string(address))) }
        if let postalCode { pairs.append(("postal_code", .string(postalCode))) }
        if let city { pairs.append(("city", .string(city))) }
        pairs.append(("cpv", .list(cpv.map { .string($0) })))
        pairs.append(("departements", .list(departements.map { .string($0) })))
        pairs.append(("sealed", .string(sealed)))
        return YAMLValue.map(pairs).render()
    }

    /// Reads an opened identity; nil with problems when it is not one.
    public static func parse(_ text: String, file: String) -> (SealedIdentity?, [Problem]) {
        let reader = YAMLReader(file: file)
        guard let root = reader.root(text) else { return (nil, reader.problems) }
        root.rejectUnknownKeys([
            "format", "pseudonym", "consultation", "name", "organisation", "siret", "email", "phone", "website", "address",
            "postal_code", "city", "cpv", "departements", "sealed",
        ])
        root.checkFormat()
        guard let pseudonym = root.string("pseudonym"), let consultation = root.string("consultation"), let name = root.string("name"),
            let sealed = root.string("sealed")
        else { return (nil, reader.problems) }
        var identity = SealedIdentity(
            identity: Identity(role: .company, name: name), pseudonym: pseudonym, consultationID: consultation, sealed: sealed)
        identity.organisation = root.string("organisation", required: false)
        identity.siret = root.string("siret", required: false)
        identity.email = root.string("email", required: false)
        identity.phone = root.string("phone", required: false)
        identity.website = root.string("website", required: false)
        identity.address = root.string("address", required: false)
        identity.postalCode = root.string("postal_code", required: false)
        identity.city = root.string("city", required: false)
        identity.cpv = (root.strings("cpv", required: false) ?? []).map(\.0)
        identity.departements = (root.strings("departements", required: false) ?? []).map(\.0)
        guard reader.problems.allSatisfy({ $0.severity != .error }) else { return (nil, reader.problems) }
        return (identity, reader.problems)
    }
}

extension IdentityStore {
    /// `encryption_key.pub` beside `signing_key.pub`: the signed encryption key, as add-buyer --encryption-key reads it.
    public var encryptionKeyPath: String { directory + "/encryption_key.pub" }

    /// Writes encryption_key.pub ("x25519 KEY PROOF name", mode 0644) for an agent or buyer; returns the key.
    @discardableResult
    public func writeEncryptionKey(for identity: Identity) throws(JSFError) -> ListedEncryptionKey {
        let listed = try listedEncryptionKey(for: identity)
        do {
            try AtomicFile.write(Data((listed.text + " " + identity.authorName + "\n").utf8), to: encryptionKeyPath, permissions: 0o644)
        } catch {
            throw JSFError(
                .refused, Text(en: "cannot write '\(encryptionKeyPath)'", fr: "impossible d'écrire '\(encryptionKeyPath)'"), cause: "\(error)")
        }
        return listed
    }

    /// The X25519 key of an agent or buyer (derived from the secret) as consultation.yml lists it, signed by their
    /// signing key.
    public func listedEncryptionKey(for identity: Identity) throws(JSFError) -> ListedEncryptionKey {
        EncryptionKey(secret: try secret()).listed(signedBy: try signingKey(for: identity))
    }
}
