import Foundation
import Testing

@testable import JeSaisFaire

/// Known answers computed independently with Python's `cryptography` 48.0.0 (see the report of the test author):
///   seed = HKDF(SHA256, length=32, salt=None, info=id).derive(secret)
///   pub  = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Raw, Raw)
///   pseudonym = Crockford base32 (0123456789ABCDEFGHJKMNPQRSTVWXYZ) of sha256(pub)[:5]
///   key.pub = public_bytes(OpenSSH, OpenSSH); its fingerprint = base64(sha256(blob)) without padding.
enum KnownAnswers {
    /// Bytes 0, 1, …, 31.
    static let secret = Data((0..<32).map { UInt8($0) })
    static let consultation = "maintenance-informatique-67"
    static let pseudonym = "BDKH3X4Q"
    static let publicKeyHex = "6bbc5ee40525e32f4419a9ae2638b5b9a42b7a8a63348569600e84bc701c0027"
    static let openSSH = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGu8XuQFJeMvRBmpriY4tbmkK3qKYzSFaWAOhLxwHAAn"
    static let fingerprint = "SHA256:KtlBlIQOKUpHn+W2vnY2Tm6w4V0KmT7eSPCvmXD5FHo"
    /// The same secret for another consultation.
    static let otherConsultation = "restauration-val-d-orvenne-2027"
    static let otherPseudonym = "448HJSXE"
    static let otherPublicKeyHex = "fb6737361201bc9a8f70f97ed27eaddad6bd76609d7b609d52afc0ff7dc203fe"
    /// 32 bytes of 0xFF, for the first consultation.
    static let ffPseudonym = "8ESNXP12"
    static let ffPublicKeyHex = "153d903ad4c1538f0ba61698a06a74971ade76c6e4a584271f7bc5108df14979"
}

private func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

@Suite("Companies: pseudonyms (known answers)")
struct CompaniesPseudonymTests {
    @Test("secret 0…31 and maintenance-informatique-67 give BDKH3X4Q and a fixed public key")
    func knownAnswer() {
        let key = CompanyKey(secret: KnownAnswers.secret, consultationID: KnownAnswers.consultation)
        #expect(key.pseudonym.code == KnownAnswers.pseudonym)
        #expect(hex(key.publicKey) == KnownAnswers.publicKeyHex)
        #expect(key.openSSHPublicKey == KnownAnswers.openSSH + " " + KnownAnswers.pseudonym + "\n")
        #expect(key.pseudonym.description == KnownAnswers.pseudonym)
        #expect(key.pseudonym.displayName.en == "Company BDKH3X4Q")
        #expect(key.pseudonym.displayName.fr == "Entreprise BDKH3X4Q")
    }

    @Test("the same secret for another consultation gives another, unrelated pseudonym and key")
    func otherConsultation() {
        let key = CompanyKey(secret: KnownAnswers.secret, consultationID: KnownAnswers.otherConsultation)
        #expect(key.pseudonym.code == KnownAnswers.otherPseudonym)
        #expect(hex(key.publicKey) == KnownAnswers.otherPublicKeyHex)
        #expect(key.pseudonym.code != KnownAnswers.pseudonym)
    }

    @Test("another secret for the same consultation gives another pseudonym")
    func otherSecret() {
        let key = CompanyKey(secret: Data(repeating: 0xFF, count: 32), consultationID: KnownAnswers.consultation)
        #expect(key.pseudonym.code == KnownAnswers.ffPseudonym)
        #expect(hex(key.publicKey) == KnownAnswers.ffPublicKeyHex)
    }

    @Test("derivation is deterministic, and pseudonyms are 8 Crockford characters")
    func deterministic() {
        for id in ["a", "maintenance-informatique-67", "x-2027", "nettoyage-locaux-strasbourg-2027"] {
            let a = CompanyKey(secret: KnownAnswers.secret, consultationID: id)
            let b = CompanyKey(secret: KnownAnswers.secret, consultationID: id)
            #expect(a.pseudonym == b.pseudonym)
            #expect(a.publicKey == b.publicKey)
            #expect(a.pseudonym.code.count == 8)
            #expect(Pseudonym(code: a.pseudonym.code) == a.pseudonym)
            #expect(a.pseudonym == Pseudonym(publicKey: a.publicKey))
        }
        // Four consultations, four different pseudonyms.
        let codes = Set(["a", "b", "c", "d"].map { CompanyKey(secret: KnownAnswers.secret, consultationID: $0).pseudonym.code })
        #expect(codes.count == 4)
    }

    @Test("Crockford base32 vectors (5 bits per symbol, most significant first, no padding)")
    func crockfordVectors() {
        let vectors: [([UInt8], String)] = [
            ([], ""),
            ([0x00], "00"),
            ([0xFF], "ZW"),
            (Array("f".utf8), "CR"),
            (Array("fo".utf8), "CSQG"),
            (Array("foo".utf8), "CSQPY"),
            (Array("foob".utf8), "CSQPYRG"),
            (Array("fooba".utf8), "CSQPYRK1"),
            (Array("foobar".utf8), "CSQPYRK1E8"),
            ([0, 0, 0, 0, 0], "00000000"),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "ZZZZZZZZ"),
            ([0x08, 0x86, 0x42, 0x98, 0xE8], "12345678"),
        ]
        for (bytes, expected) in vectors {
            #expect(Pseudonym.crockford(bytes) == expected, "\(bytes)")
        }
        // No I, L, O, U ever.
        #expect(!Pseudonym.alphabet.contains { "ILOU".contains($0) })
        #expect(Pseudonym.alphabet.count == 32)
    }

    @Test("pseudonym codes read back from names: only 8 Crockford characters")
    func pseudonymCodes() {
        #expect(Pseudonym(code: "BDKH3X4Q")?.code == "BDKH3X4Q")
        for bad in ["", "BDKH3X4", "BDKH3X4QQ", "bdkh3x4q", "BDKH3X4I", "BDKH3X4U", "BDKH3X4O", "BDKH3X4L", "BDKH-X4Q"] {
            #expect(Pseudonym(code: bad) == nil, "\(bad)")
        }
        #expect(Proposal.parseID("BDKH3X4Q-12").map { "\($0.0.code)-\($0.1)" } == "BDKH3X4Q-12")
        for bad in ["BDKH3X4Q", "BDKH3X4Q-0", "BDKH3X4Q-x", "bdkh3x4q-1", "BDKH3X4Q-1-2", "BDKH3X4Q-"] {
            #expect(Proposal.parseID(bad) == nil, "\(bad)")
        }
        for lenient in ["BDKH3X4Q-01", "BDKH3X4Q-+1"] {
            #expect(Proposal.parseID(lenient) == nil, "\(lenient)")
        }
        #expect(Proposal.parseID("BDKH3X4Q--1") == nil)
    }

    @Test("key.pub is OpenSSH: ssh-keygen reads it and prints the independent fingerprint")
    func openSSHParses() throws {
        let key = CompanyKey(secret: KnownAnswers.secret, consultationID: KnownAnswers.consultation)
        // The blob itself: string "ssh-ed25519" then string(32-byte key).
        let parts = key.openSSHPublicKey.split(separator: " ")
        #expect(parts.count == 3)
        let blob = try #require(Data(base64Encoded: String(parts[1])))
        #expect(blob.count == 4 + 11 + 4 + 32)
        #expect(blob.prefix(4) == Data([0, 0, 0, 11]))
        #expect(String(decoding: blob.dropFirst(4).prefix(11), as: UTF8.self) == "ssh-ed25519")
        #expect(Data(blob.dropFirst(15).prefix(4)) == Data([0, 0, 0, 32]))
        #expect(Data(blob.suffix(32)) == key.publicKey)

        let keygen = ["/usr/bin/ssh-keygen", "/bin/ssh-keygen", "/usr/local/bin/ssh-keygen"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let keygen else { return } // openssh-client not installed: the byte-level checks above stand.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jsf-keypub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("key.pub")
        try Data(key.openSSHPublicKey.utf8).write(to: file)
        let output = directory.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: keygen)
        process.arguments = ["-l", "-E", "sha256", "-f", file.path]
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "256 \(KnownAnswers.fingerprint) BDKH3X4Q (ED25519)")
    }
}

@Suite("Companies: criteria weights")
struct CompaniesWeightsTests {
    static let criteria: [(id: String, weight: Int)] = [("prix", 40), ("qualite", 40), ("environnement", 20)]

    @Test("the example of the CLI: prix 40 → 50 gives 50 / 33 / 17")
    func example() {
        let result = Weights.rebalanced(Self.criteria, setting: "prix", to: 50)
        #expect(result.map(\.id) == ["prix", "qualite", "environnement"])
        #expect(result.map(\.weight) == [50, 33, 17])
    }

    @Test("every value from 0 to 100 on every criterion keeps the total at 100, the order, and the value asked")
    func alwaysHundred() {
        let sets: [[(id: String, weight: Int)]] = [
            Self.criteria,
            [("a", 40), ("b", 45), ("c", 15)],
            [("a", 34), ("b", 33), ("c", 33)],
            [("a", 100), ("b", 0), ("c", 0)],
            [("a", 50), ("b", 50)],
            [("a", 10), ("b", 20), ("c", 30), ("d", 25), ("e", 15)],
        ]
        for weights in sets {
            for target in weights.map(\.id) {
                for value in 0...100 {
                    let result = Weights.rebalanced(weights, setting: target, to: value)
                    #expect(result.reduce(0) { $0 + $1.weight } == 100, "\(weights) \(target)=\(value): \(result)")
                    #expect(result.map(\.id) == weights.map(\.id))
                    #expect(result.first { $0.id == target }?.weight == value)
                    #expect(result.allSatisfy { $0.weight >= 0 })
                }
            }
        }
    }

    @Test("others at zero share what is left evenly; 100 leaves them nothing")
    func edges() {
        let zero: [(id: String, weight: Int)] = [("a", 100), ("b", 0), ("c", 0)]
        #expect(Weights.rebalanced(zero, setting: "a", to: 40).map(\.weight) == [40, 30, 30])
        #expect(Weights.rebalanced(Self.criteria, setting: "environnement", to: 100).map(\.weight) == [0, 0, 100])
        #expect(Weights.rebalanced([("a", 40), ("b", 45), ("c", 15)], setting: "a", to: 55).map(\.weight) == [55, 34, 11])
    }
}

@Suite("Companies: the proposal file")
struct CompaniesProposalFileTests {
    static let pseudonym = Pseudonym(code: "BDKH3X4Q")!

    static func sample(
        kind: ProposalKind = .alternative, estimate: String? = "-8 % sur le forfait",
        weights: [(id: String, weight: Int)]? = nil, proposedText: String? = nil,
        justification: String = "Le délai de 4 h est irréaliste en zone rurale.\n\nNous proposons 8 h ouvrées."
    ) -> Proposal {
        Proposal(
            pseudonym: pseudonym, number: 3, kind: kind, target: "niveaux-de-service", version: 2,
            targetHash: "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", cost: .down,
            estimate: estimate, created: "2027-01-05T08:30:00+00:00", supersedes: "BDKH3X4Q-1", withdrawn: nil,
            weights: weights, justification: justification, proposedText: proposedText)
    }

    static func roundTrip(_ proposal: Proposal, sourceLocation: SourceLocation = #_sourceLocation) throws -> Proposal {
        let text = proposal.markdown()
        let (parsed, problems) = Proposal.parse(text, file: "proposals/BDKH3X4Q:3.md")
        #expect(problems.isEmpty, "\(problems)\n\(text)", sourceLocation: sourceLocation)
        let result = try #require(parsed, "\(text)", sourceLocation: sourceLocation)
        #expect(result == proposal, "\(text)\n---- reparsed ----\n\(result.markdown())", sourceLocation: sourceLocation)
        #expect(result.markdown() == text, sourceLocation: sourceLocation)
        return result
    }

    @Test("an alternative clause with its proposed text survives markdown → parse")
    func proposedText() throws {
        let text = "Le titulaire rétablit le service sous 8 heures ouvrées.\n\n- niveau 1 : 8 h\n- niveau 2 : 2 jours ouvrés"
        let proposal = Self.sample(proposedText: text)
        let markdown = proposal.markdown()
        #expect(markdown.hasPrefix("---\nformat: 1\nid: BDKH3X4Q-3\nkind: alternative\ntarget: niveaux-de-service\nversion: 2\n"))
        #expect(markdown.contains("\n## Texte proposé\n\n" + text + "\n"))
        let parsed = try Self.roundTrip(proposal)
        #expect(parsed.proposedText == text)
        #expect(parsed.justification == "Le délai de 4 h est irréaliste en zone rurale.\n\nNous proposons 8 h ouvrées.")
        #expect(parsed.supersedes == "BDKH3X4Q-1")
        #expect(parsed.estimate == "-8 % sur le forfait")
        #expect(parsed.id == "BDKH3X4Q-3")
    }

    @Test("an alternative weighting keeps its weights in document order")
    func weights() throws {
        let weights: [(id: String, weight: Int)] = [("prix-des-prestations", 55), ("valeur-technique", 34), ("performance-environnementale", 11)]
        let parsed = try Self.roundTrip(Self.sample(estimate: nil, weights: weights))
        #expect(parsed.weights?.map(\.id) == weights.map(\.id))
        #expect(parsed.weights?.map(\.weight) == [55, 34, 11])
        #expect(parsed.proposedText == nil)
        #expect(parsed.estimate == nil)
    }

    @Test("every kind and cost, withdrawn, and estimates YAML would read as something else")
    func variants() throws {
        for kind in ProposalKind.allCases {
            for cost in CostImpact.allCases {
                var proposal = Self.sample(kind: kind)
                proposal.cost = cost
                proposal.withdrawn = "2027-01-06T10:00:00+00:00"
                _ = try Self.roundTrip(proposal)
            }
        }
        for estimate in ["12000", "-8 %", "yes", "null", "~", "# pas de commentaire", "3: trois", "'cité'", "\"x\"", "1e3", "2027-01-01"] {
            let parsed = try Self.roundTrip(Self.sample(estimate: estimate))
            #expect(parsed.estimate == estimate)
        }
    }

    @Test("a justification with a YAML-looking rule and Markdown headings stays the justification")
    func awkwardBodies() throws {
        let body = "Premier point.\n\n---\n\n## Détail\n\nkind: solution\n"
        let parsed = try Self.roundTrip(Self.sample(kind: .solution, estimate: nil, justification: body))
        #expect(parsed.justification == body.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(parsed.proposedText == nil)
    }

    @Test("a solution whose justification quotes the proposed-text heading is read back as it was written")
    func solutionQuotingTheHeading() throws {
        let body = "Votre modèle de réponse demande une section :\n\n## Texte proposé\n\nnous ne l'utilisons pas."
        let proposal = Self.sample(kind: .solution, estimate: nil, justification: body)
        let (parsed, _) = Proposal.parse(proposal.markdown(), file: "x.md")
        #expect(parsed?.justification == body)
        #expect(parsed?.proposedText == nil)
    }

    @Test("malformed files are reported, not crashed on")
    func malformed() {
        #expect(Proposal.parse("no front matter", file: "a.md").0 == nil)
        #expect(Proposal.parse("no front matter", file: "a.md").1.first?.code == "proposal.no-front-matter")
        let good = Self.sample().markdown()
        let badKind = good.replacingOccurrences(of: "kind: alternative", with: "kind: opinion")
        #expect(Proposal.parse(badKind, file: "a.md").0 == nil)
        #expect(Proposal.parse(badKind, file: "a.md").1.contains { $0.code == "proposal.bad-kind" })
        let badCost = good.replacingOccurrences(of: "cost: down", with: "cost: cheap")
        #expect(Proposal.parse(badCost, file: "a.md").1.contains { $0.code == "proposal.bad-cost" })
        let badID = good.replacingOccurrences(of: "id: BDKH3X4Q-3", with: "id: Jean-Dupont")
        #expect(Proposal.parse(badID, file: "a.md").1.contains { $0.code == "proposal.bad-id" })
    }
}
