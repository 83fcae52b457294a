import Crypto
import Foundation
import Testing

@testable import JeSaisFaire

/// Bytes from hexadecimal text.
private func hex(_ text: String) -> Data {
    var data = Data()
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        data.append(UInt8(text[index..<next], radix: 16)!)
        index = next
    }
    return data
}

@Suite("sealing: HPKE to the PFRA buyers' and the agent's X25519 keys")
struct SealingTests {
    static let context = SealedFile.Context(kind: .identity, consultationID: "voirie-67", pseudonym: "7F3K9Q2M", path: "identity.sealed")

    /// RFC 9180, appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305, base mode — the suite
    /// jsf seals with. The recipient's side is deterministic: its key opens the RFC's ciphertexts, in sequence.
    @Test func rfc9180VectorsOpen() throws {
        let skRm = hex("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb")
        let pkRm = hex("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a")
        let enc = hex("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a")
        let info = hex("4f6465206f6e2061204772656369616e2055726e")
        let plaintext = hex("4265617574792069732074727574682c20747275746820626561757479")
        let privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: skRm)
        #expect(privateKey.publicKey.rawRepresentation == pkRm)
        var recipient = try HPKE.Recipient(
            privateKey: privateKey, ciphersuite: SealedFile.ciphersuite, info: info, encapsulatedKey: enc)
        for (aad, ciphertext) in [
            ("436f756e742d30", "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28"),
            ("436f756e742d31", "6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e85285337cc95ba5f59992dc98c"),
            ("436f756e742d32", "71146bd6795ccc9c49ce25dda112a48f202ad220559502cef1f34271e0cb4b02b4f10ecac6f48c32f878fae86b"),
        ] {
            #expect(try recipient.open(hex(ciphertext), authenticating: hex(aad)) == plaintext)
        }
        // The exporter secret of the same context (RFC 9180 A.2.1.2, exporter_context "").
        let again = try HPKE.Recipient(privateKey: privateKey, ciphersuite: SealedFile.ciphersuite, info: info, encapsulatedKey: enc)
        let exported = try again.exportSecret(context: Data(), outputByteCount: 32).withUnsafeBytes { Data($0) }
        #expect(exported == hex("4bbd6243b8bb54cec311fac9df81841b6fd61f56538a775e7c80a9f40160606e"))
        // A ciphertext of the vector opened out of sequence fails: the nonce is the sequence's.
        var fresh = try HPKE.Recipient(privateKey: privateKey, ciphersuite: SealedFile.ciphersuite, info: info, encapsulatedKey: enc)
        #expect(throws: (any Error).self) {
            try fresh.open(
                hex("6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e85285337cc95ba5f59992dc98c"),
                authenticating: hex("436f756e742d31"))
        }
    }

    @Test func sealedToEachRecipientOpensForThemOnly() throws {
        let buyerA = EncryptionKey(secret: Data(repeating: 1, count: 32))
        let buyerB = EncryptionKey(secret: Data(repeating: 2, count: 32))
        let agent = EncryptionKey(secret: Data(repeating: 3, count: 32))
        let payload = Data("name: Alsace Info Services\nsiret: \"73282932000074\"\n".utf8)
        let sealed = try SealedFile.seal(payload, to: [buyerA.publicKey, buyerB.publicKey, buyerA.publicKey], context: Self.context)
        #expect(sealed.recipients.count == 2)
        #expect(try sealed.open(with: buyerA, context: Self.context) == payload)
        #expect(try sealed.open(with: buyerB, context: Self.context) == payload)
        let refused = #expect(throws: SealError.self) { try sealed.open(with: agent, context: Self.context) }
        #expect(refused?.message.en.contains("not sealed to your key") == true)
        #expect(refused?.message.fr.contains("pas scellé à votre clé") == true)
        // The text holds nothing of the payload, and reads back the same.
        let text = sealed.text()
        #expect(!text.contains("73282932000074") && !text.contains("Alsace"))
        let (parsed, problems) = SealedFile.parse(text, file: "identity.sealed", expected: .identity)
        #expect(problems.isEmpty)
        #expect(parsed == sealed)
        // Two seals of the same payload differ (fresh file key and ephemeral keys).
        #expect(try SealedFile.seal(payload, to: [buyerA.publicKey], context: Self.context).ciphertext != sealed.ciphertext)
    }

    @Test func movedOrAlteredFilesDoNotOpen() throws {
        let buyer = EncryptionKey(secret: Data(repeating: 1, count: 32))
        let sealed = try SealedFile.seal(Data("secret".utf8), to: [buyer.publicKey], context: Self.context)
        for moved in [
            SealedFile.Context(kind: .identity, consultationID: "voirie-68", pseudonym: "7F3K9Q2M", path: "identity.sealed"),
            SealedFile.Context(kind: .identity, consultationID: "voirie-67", pseudonym: "AAAAAAAA", path: "identity.sealed"),
            SealedFile.Context(kind: .proposal, consultationID: "voirie-67", pseudonym: "7F3K9Q2M", path: "identity.sealed"),
        ] {
            #expect(throws: SealError.self) { try sealed.open(with: buyer, context: moved) }
        }
        var altered = sealed
        altered.ciphertext[0] ^= 1
        #expect(throws: SealError.self) { try altered.open(with: buyer, context: Self.context) }
        var swapped = sealed
        swapped.recipients[0].wrapped[5] ^= 1
        #expect(throws: SealError.self) { try swapped.open(with: buyer, context: Self.context) }
    }

    @Test func parsingIsAsStrictAsTheWriter() throws {
        let buyer = EncryptionKey(secret: Data(repeating: 1, count: 32))
        let good = try SealedFile.seal(Data("x".utf8), to: [buyer.publicKey], context: Self.context).text()
        let cases: [(String, String)] = [
            (good.replacingOccurrences(of: "sealed: identity", with: "sealed: proposal"), "sealed.kind"),
            (good.replacingOccurrences(of: "format: 1", with: "format: 2"), "yaml.format"),
            (good + "extra: 1\n", "yaml.unknown-key"),
            (good.replacingOccurrences(of: "x25519 ", with: "x25519 !!"), "sealed.bad-key"),
            (good.replacingOccurrences(of: "ChaCha20-Poly1305", with: "AES-128-GCM"), "sealed.suite"),
            ("format: 1\nsealed: identity\n", "yaml.missing-key"),
            ("not: [yaml", "yaml"),
        ]
        for (text, code) in cases {
            let (file, problems) = SealedFile.parse(text, file: "identity.sealed", expected: .identity)
            #expect(file == nil, "accepted: \(code)")
            #expect(problems.contains { $0.code.hasPrefix(code) }, "\(code): \(problems)")
        }
    }

    @Test func derivedKeysAreStableAndSeparate() throws {
        let secret = Data((0..<32).map { UInt8($0) })
        #expect(EncryptionKey(secret: secret).publicKey == EncryptionKey(secret: secret).publicKey)
        let personal = EncryptionKey(secret: secret).publicKey
        let inA = EncryptionKey(secret: secret, consultationID: "voirie-67").publicKey
        let inB = EncryptionKey(secret: secret, consultationID: "voirie-68").publicKey
        #expect(Set([personal, inA, inB]).count == 3)
        // Not the company's signing key either.
        #expect(inA.raw != CompanyKey(secret: secret, consultationID: "voirie-67").publicKey)
        #expect(EncryptionPublicKey(text: personal.text) == personal)
        #expect(personal.fingerprint.hasPrefix("SHA256:") && !personal.fingerprint.hasSuffix("="))
    }

    @Test func listedKeysCarryTheirHoldersSignature() throws {
        let buyer = SSHSigningKey.generate()
        let agent = SSHSigningKey.generate()
        let listed = EncryptionKey(secret: Data(repeating: 9, count: 32)).listed(signedBy: buyer)
        #expect(listed.isSigned(by: buyer.publicKey))
        #expect(!listed.isSigned(by: agent.publicKey))
        #expect(ListedEncryptionKey(text: listed.text) == listed)
        // The agent swaps in its own encryption key under the buyer's name: the proof no longer matches.
        let swapped = ListedEncryptionKey(key: EncryptionKey(secret: Data(repeating: 8, count: 32)).publicKey, proof: listed.proof)
        #expect(!swapped.isSigned(by: buyer.publicKey))

        func consultation(buyerEncryption: String, agentEncryption: String) -> String {
            """
            format: 1
            id: voirie-67
            title: Voirie
            buyer: Ville
            cpv: ["72000000-5"]
            territory:
              departements: ["67"]
            keys:
              agent:
                - name: Ville
                  key: \(agent.publicKey.openSSH)
                  encryption: \(agentEncryption)
              buyers:
                - name: PFRA Grand Est
                  key: \(buyer.publicKey.openSSH)
                  encryption: \(buyerEncryption)

            """
        }
        let agentListed = EncryptionKey(secret: Data(repeating: 7, count: 32)).listed(signedBy: agent)
        let (good, goodProblems) = Consultation.parse(consultation(buyerEncryption: listed.text, agentEncryption: agentListed.text))
        #expect(!goodProblems.contains { $0.code.hasPrefix("keys.") }, "\(goodProblems)")
        #expect(good?.buyerKeys.first?.encryption == listed)
        let (_, unsigned) = Consultation.parse(consultation(buyerEncryption: swapped.text, agentEncryption: agentListed.text))
        #expect(unsigned.contains { $0.code == "keys.unsigned-encryption" && $0.line == 16 }, "\(unsigned)")
        let (_, garbled) = Consultation.parse(consultation(buyerEncryption: "x25519 AAAA", agentEncryption: agentListed.text))
        #expect(garbled.contains { $0.code == "keys.bad-encryption" }, "\(garbled)")
        // The agent's own encryption key listed for a buyer (signed by the buyer's key: the agent holds both).
        let agentKeyForBuyer = EncryptionKey(secret: Data(repeating: 7, count: 32)).listed(signedBy: buyer)
        let (_, shared) = Consultation.parse(consultation(buyerEncryption: agentKeyForBuyer.text, agentEncryption: agentListed.text))
        #expect(shared.contains { $0.code == "keys.shared-encryption" }, "\(shared)")
    }

    @Test func sealedIdentityReadsBack() throws {
        var identity = Identity(role: .company, name: "Alsace Info Services", organisation: "Alsace Info Services SAS", siret: "73282932000074")
        identity.email = "contact@alsace-info.example"
        identity.departements = ["67", "2A"]
        identity.address = "12 rue du Dôme"
        identity.postalCode = "67000"
        identity.city = "Strasbourg"
        identity.cpv = [try CPVCode("72000000-5")]
        let sealed = SealedIdentity(identity: identity, pseudonym: "7F3K9Q2M", consultationID: "voirie-67", sealed: "2027-01-05T09:00:00Z")
        let (read, problems) = SealedIdentity.parse(sealed.yaml(), file: "identity.sealed")
        #expect(problems.isEmpty)
        #expect(read == sealed)
        #expect(read?.departements == ["67", "2A"] && read?.cpv == ["72000000-5"])
        #expect(read?.address == "12 rue du Dôme" && read?.postalCode == "67000" && read?.city == "Strasbourg")
    }
}
