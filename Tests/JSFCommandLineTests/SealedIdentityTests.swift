import Foundation
import JeSaisFaire
import Testing

/// The encryption key an identity's secret gives (an agent's or buyer's; a company's with its consultation id).
func encryptionKey(_ box: Sandbox, user: String, consultation: String? = nil) throws -> EncryptionKey {
    let secret = try #require(FileManager.default.contents(atPath: box.path("jsf-\(user)/secret")))
    return EncryptionKey(secret: secret, consultationID: consultation)
}

@Suite("sealed identity: a company's identity.sealed, to every PFRA buyer and never to the agent")
struct SealedIdentityTests {
    static let consultation = "restauration-val-d-orvenne-2027"

    /// The identity.sealed of `pseudonym`'s branch as `directory` has it, parsed.
    func sealed(_ world: DialogueWorld, _ pseudonym: String, in directory: String, ref: String? = nil) throws -> SealedFile {
        let text = try world.box.gitOutput("show", "\(ref ?? "refs/heads/proposals/\(pseudonym)"):identity.sealed", in: directory)
        let (file, problems) = SealedFile.parse(text + "\n", file: "identity.sealed", expected: .identity)
        try #require(problems.isEmpty, "\(problems)")
        #expect(!text.contains("73282932000074") && !text.contains("Cuisine Centrale"), "identity.sealed holds the identity in clear")
        return try #require(file)
    }

    func open(_ file: SealedFile, with key: EncryptionKey, pseudonym: String) throws -> SealedIdentity {
        let data = try file.open(with: key, context: SealedIdentity.context(consultationID: Self.consultation, pseudonym: pseudonym))
        let (identity, problems) = SealedIdentity.parse(String(decoding: data, as: UTF8.self), file: "identity.sealed")
        try #require(problems.isEmpty, "\(problems)")
        return try #require(identity)
    }

    @Test("the first proposal seals the identity to the buyer; agent and other companies cannot open it; a new buyer gets it at the next push")
    func sealedToBuyersOnly() throws {
        let world = try DialogueWorld.cloned()
        let box = world.box
        try box.setUpBuyer("buyer", organisation: "PFRA Bretagne", agentDir: DialogueWorld.agentDir)
        for user in [DialogueWorld.cuisine, DialogueWorld.traiteur] { try world.companyOK(user, "fetch") }
        box.now = "2027-01-05T10:17:43+01:00"
        let first = try world.propose(
            DialogueWorld.cuisine, ["livraison", "--kind", "solution", "--cost", "neutral", "-m", "Livraison en vélo cargo."])
        #expect(first == world.a(1))

        let file = try sealed(world, world.pa, in: DialogueWorld.cuisineDir)
        #expect(file.recipients.count == 1)
        let opened = try open(file, with: try encryptionKey(box, user: "buyer"), pseudonym: world.pa)
        #expect(opened.siret == "73282932000074" && opened.name == "Cuisine Centrale de Vilaine SAS")
        #expect(opened.pseudonym == world.pa && opened.departements == ["35"] && opened.cpv == ["55524000-9"])
        #expect(opened.sealed == "2027-01-05T09:00:00+00:00", "the time of sealing is known to the hour only")

        // The agent, the other company (its personal and its per-consultation key) and the company itself cannot open it.
        for (who, key) in [
            ("agent", try encryptionKey(box, user: "agent")),
            ("traiteur", try encryptionKey(box, user: DialogueWorld.traiteur)),
            ("traiteur in this consultation", try encryptionKey(box, user: DialogueWorld.traiteur, consultation: Self.consultation)),
            ("cuisine in this consultation", try encryptionKey(box, user: DialogueWorld.cuisine, consultation: Self.consultation)),
        ] {
            let refused = #expect(throws: SealError.self, "\(who) opened the identity") {
                _ = try open(file, with: key, pseudonym: world.pa)
            }
            #expect(refused?.message.en.contains("not sealed to your key") == true, "\(who)")
        }
        // Copied onto another branch, it does not open even for the buyer.
        #expect(throws: SealError.self) { _ = try open(file, with: try encryptionKey(box, user: "buyer"), pseudonym: world.pb) }

        // The next proposal leaves it as it is.
        let blob = try box.gitOutput("rev-parse", "refs/heads/proposals/\(world.pa):identity.sealed", in: DialogueWorld.cuisineDir)
        try world.propose(DialogueWorld.cuisine, ["duree", "--kind", "clarification", "--cost", "unknown", "-m", "Reconduction tacite ?"])
        #expect(try box.gitOutput("rev-parse", "refs/heads/proposals/\(world.pa):identity.sealed", in: DialogueWorld.cuisineDir) == blob)
        try world.companyOK(DialogueWorld.cuisine, "push")
        _ = try sealed(world, world.pa, in: DialogueWorld.hub)

        // A second buyer: the company's fetch says its identity will be sealed to them; its push does it.
        try box.setUpBuyer("buyer2", organisation: "PFRA Grand Est", agentDir: DialogueWorld.agentDir)
        box.now = "2027-01-06T14:05:00+01:00"
        let fetched = try world.companyOK(DialogueWorld.cuisine, "fetch")
        #expect(
            fetched.stderr.contains(
                "Your identity will be sealed to the PFRA buyers listed now (PFRA Bretagne, PFRA Grand Est — PFRA Grand Est new)"), "\(fetched)")
        box.language = "fr_FR.UTF-8"
        let fetchedFR = try world.companyOK(DialogueWorld.cuisine, "fetch")
        #expect(fetchedFR.stderr.contains("Votre identité sera scellée aux acheteurs de la PFRA inscrits à ce jour"), "\(fetchedFR)")
        box.language = "C.UTF-8"
        let pushed = try world.companyOK(DialogueWorld.cuisine, "push")
        #expect(pushed.stderr.contains("Your identity is sealed again, to the PFRA buyers PFRA Bretagne, PFRA Grand Est."), "\(pushed)")
        let resealed = try sealed(world, world.pa, in: DialogueWorld.hub)
        #expect(resealed.recipients.count == 2)
        for buyer in ["buyer", "buyer2"] {
            #expect(try open(resealed, with: try encryptionKey(box, user: buyer), pseudonym: world.pa).siret == "73282932000074")
        }
        // The re-sealing commit is the company's, pseudonymous, signed, at a whole hour, and git agrees.
        let line = try box.gitOutput(
            "log", "-1", "--format=%an <%ae> %ad %s", "--date=raw", "refs/heads/proposals/\(world.pa)", in: DialogueWorld.hub)
        #expect(
            line.hasPrefix("\(world.pa) <\(world.pa.lowercased())@pseudonym.jsf.invalid> \(1_799_240_400) +0000 Identité scellée de nouveau"),
            "\(line)")
        let again = try world.companyOK(DialogueWorld.cuisine, "push")
        #expect(!again.stderr.contains("sealed again"), "nothing changed: no new sealing\n\(again)")
        // The agent's verified fetch takes it.
        let agentFetch = try world.agentOK("fetch")
        #expect(!agentFetch.stderr.contains("refused"), "\(agentFetch)")
    }

    @Test("the hub's hook refuses an identity.sealed that does not parse, or that is sealed to the agent")
    func hookRefusesBadSealedIdentities() throws {
        let world = try AttackWorld.make()
        let box = world.box
        try world.refreshForge()
        let branch = "refs/hub/heads/proposals/\(world.attacker)"
        // The honest identity.sealed is there: the buyer was listed before the companies proposed.
        #expect(try world.forgeFile(branch, "identity.sealed").contains("sealed: identity"))
        let agentKey = try #require(ListedEncryptionKey(text: try box.encryptionKey(of: "agent")))
        let toAgent = try SealedFile.seal(
            Data("name: x\n".utf8), to: [agentKey.key],
            context: SealedIdentity.context(consultationID: attackConsultation, pseudonym: world.attacker)
        ).text()
        for (label, text, words) in [
            ("sealed to the agent", toAgent, "is sealed to the agent's key"),
            ("not a sealed file", "format: 1\nsealed: identity\nname: Restauration Déloyale\n", "unknown key"),
        ] {
            let commit = try world.forgeCommit(on: branch, write: ["identity.sealed": text], message: "Identité", key: world.derivedKey)
            let before = try world.hubRefs()
            let run = try box.git(["push", "--porcelain", world.hub, "\(commit):\(world.attackerBranch)"], in: "forge")
            #expect(run.status != 0, "\(label): accepted\n\(run)")
            #expect(!refusalLines(run, ref: world.attackerBranch, rules: ["file"]).isEmpty, "\(label)\n\(run)")
            #expect(run.stderr.contains(words), "\(label)\n\(run)")
            #expect(try world.hubRefs() == before)
        }
    }
}
