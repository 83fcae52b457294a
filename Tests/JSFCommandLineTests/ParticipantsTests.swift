import Foundation
import JeSaisFaire
import Testing

@Suite("jsf participants: the companies by pseudonym; after the approval, a PFRA buyer reveals who they are")
struct ParticipantsTests {
    /// A buyer identity for `user`, listed by the agent with its signing and encryption keys.
    func listBuyer(_ box: Sandbox, _ user: String, organisation: String) throws {
        try box.ok("identity", "init", "--role", "buyer", "--name", "Paul Martin", "--organisation", organisation, as: user)
        let shown = try decode(IdentityKeys.self, from: box.ok("identity", "show", "--json", as: user))
        let key = try #require(shown.encryptionKey)
        try box.ok(
            "consultation", "add-buyer", "--name", organisation, "--key", box.path("jsf-\(user)/signing_key.pub"), "--encryption-key", key,
            in: "c")
    }

    /// v1 on a hub, PFRA Bretagne listed; two companies proposed and pushed (Cantine Bretonne twice, one withdrawn);
    /// then PFRA Ouest listed, after both sealed their identities. Returns the pseudonyms (cantine, repas).
    func world() throws -> (Sandbox, cantine: String, repas: String) {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try listBuyer(box, "buyer", organisation: "PFRA Bretagne")
        var codes: [String] = []
        for (user, name, siret) in [("cantine", "Cantine Bretonne", "90123456700013"), ("repas", "Repas d'Armor", "90123456700021")] {
            try box.ok(
                "identity", "init", "--role", "company", "--name", name, "--siret", siret, "--email", "contact@\(user).example",
                "--cpv", "55524000-9", "--departement", "35", as: user)
            try box.ok("clone", "hub.git", user, as: user)
            let id = try box.ok(
                "propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "La durée inclut-elle les vacances scolaires ?",
                as: user, in: user
            ).trimmed
            codes.append(String(id.dropLast(2)))
        }
        box.now = "2027-01-06T15:42:17+01:00"
        try box.ok(
            "propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Et les jours fériés ?", as: "cantine", in: "cantine")
        try box.ok("withdraw", "\(codes[0])-2", as: "cantine", in: "cantine")
        for user in ["cantine", "repas"] { try box.ok("push", as: user, in: user) }
        try listBuyer(box, "late", organisation: "PFRA Ouest")
        return (box, codes[0], codes[1])
    }

    @Test("listing, each forbidden open refused, the reveal with its checks recorded on published, verified by the hub")
    func participantsAndReveal() throws {
        let (box, cantine, repas) = try world()

        // The agent lists the pseudonyms; nothing is opened, and it is told the identities are not sealed to it.
        try box.ok("fetch", in: "c")
        let listed = try decode(Listing.self, from: box.ok("participants", "--json", in: "c"))
        #expect(listed.participants.map(\.pseudonym) == [cantine, repas].sorted())
        let first = try #require(listed.participants.first { $0.pseudonym == cantine })
        #expect(first.proposals == 2 && first.kinds["clarification"] == 2 && first.kinds["solution"] == 0)
        #expect(first.withdrawn == 1 && first.answered == 0 && first.integrated == 0)
        #expect(first.last == "2027-01-06T14:00:00+00:00", "company times rounded down to the hour, UTC: \(first)")
        #expect(first.identity.state == "sealed")
        #expect(first.identity.recipients.map(\.buyer) == ["PFRA Bretagne"])
        #expect(first.identity.missing == ["PFRA Ouest"])
        #expect(first.identity.toYou == false)
        let table = try box.ok("participants", in: "c").stdout
        #expect(table.contains("sealed to PFRA Bretagne (not to you); not to PFRA Ouest"), "\(table)")
        #expect(!table.contains("Cantine") && !table.contains("90123456700013"))

        // Forbidden opens: the agent, a company (its own identity or another's), a buyer before the approval.
        expectRefusal(try box.jsf("participants", "--reveal", in: "c"), status: 1, ["error: the agent cannot open any identity"])
        expectRefusal(
            try box.jsf("participants", "--reveal", as: "cantine", in: "cantine"), status: 1,
            ["error: a company cannot open any identity, its own or another's: it is not a recipient"])
        try box.ok("clone", "hub.git", "b", as: "buyer")
        expectRefusal(
            try box.jsf("participants", "--reveal", as: "buyer", in: "b"), status: 1,
            ["error: nothing is approved yet: the identities are revealed only after the approval (tag final)"])
        expectRefusal(try box.jsf("participants", "--sirene", "x.csv", as: "buyer", in: "b"), status: 64, ["--sirene goes with --reveal"])

        // The agent answers, publishes v2 and closes its round; PFRA Bretagne approves.
        try box.ok("comment", "\(cantine)-1", "--status", "answered", "-m", "Non, hors vacances scolaires.", in: "c")
        try box.ok("comment", "\(repas)-1", "--status", "answered", "-m", "Non, hors vacances scolaires.", in: "c")
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")
        box.now = "2027-01-10T09:00:00+01:00"
        try box.ok("publish", "-m", "v2", "--until", "2027-01-30", in: "c")
        try box.ok("round", "close", in: "c")
        try box.ok("fetch", as: "buyer", in: "b")
        try box.ok("approve", "-m", "Texte conforme.", as: "buyer", in: "b")
        let approved = try box.gitOutput("rev-parse", "published", in: "hub.git")

        // PFRA Ouest was listed after the companies sealed: nothing opens with its key, nothing is written.
        try box.ok("clone", "hub.git", "late", as: "late")
        expectRefusal(
            try box.jsf("participants", "--reveal", as: "late", in: "late"), status: 1,
            ["error: no identity opens with your key", "hint: \(cantine): its identity is not sealed to your key", "it is sealed to PFRA Bretagne"])
        #expect(try box.gitOutput("rev-parse", "published", in: "hub.git") == approved)

        // PFRA Bretagne reveals, against a SIRENE extract: Repas d'Armor's establishment is in the 67, not the declared 35.
        box.now = "2027-01-11T10:30:00+01:00"
        let sirene = packageRoot.appendingPathComponent("Tests/Fixtures/sirene/StockEtablissement-extrait.csv").path
        let run = try box.ok("participants", "--reveal", "--sirene", sirene, "--json", as: "buyer", in: "b")
        let reveal = try decode(RevealJSON.self, from: run)
        #expect(reveal.number == 1 && reveal.file == "reveals/1.yml" && reveal.buyer == "PFRA Bretagne")
        #expect(reveal.register == sirene)
        let good = try #require(reveal.revealed.first { $0.pseudonym == cantine })
        #expect(good.name == "Cantine Bretonne" && good.siret == "90123456700013" && good.email == "contact@cantine.example")
        #expect(good.departements == ["35"] && good.cpv == ["55524000-9"])
        #expect(
            Dictionary(good.checks.map { ($0.code, $0.outcome) }, uniquingKeysWith: { a, b in a == "failed" ? a : b }) == [
                "siret": "ok", "declared": "ok", "eligibility": "ok", "register": "ok",
            ])
        let bad = try #require(reveal.revealed.first { $0.pseudonym == repas })
        let register = try #require(bad.checks.first { $0.code == "register" })
        #expect(register.outcome == "failed" && register.message.contains("is in the département 67, not in the declared ones (35)"), "\(bad)")
        #expect(run.stderr.contains("Pushed published to "), "\(run)")

        // published on the hub records who revealed what, never the identities.
        let recorded = try box.gitOutput("show", "published:reveals/1.yml", in: "hub.git")
        let blob = try box.gitOutput("rev-parse", "refs/heads/proposals/\(cantine):identity.sealed", in: "hub.git")
        #expect(recorded.contains(cantine) && recorded.contains(blob), "\(recorded)")
        #expect(recorded.contains("buyer: PFRA Bretagne"))
        for secret in ["Cantine", "Armor", "90123456700013", "contact@"] { #expect(!recorded.contains(secret)) }
        #expect(try box.gitOutput("log", "--format=%P", "-1", "published", in: "hub.git") == approved, "one commit on the approval")
        #expect(try box.gitOutput("rev-parse", "final^{commit}", in: "hub.git") == approved, "final did not move")

        // A second reveal, in French, without a register: it says so, and is reveals/2.yml.
        box.language = "fr_FR.UTF-8"
        let again = try box.ok("participants", "--reveal", as: "buyer", in: "b")
        #expect(again.stdout.contains("aucun registre SIRENE n'a été donné (--sirene FICHIER)"), "\(again)")
        #expect(again.stdout.contains("Cantine Bretonne") && again.stdout.contains("le SIRET 90123456700013 est valide"))
        #expect(again.stderr.contains("Révélation 2 inscrite"), "\(again)")
        box.language = "C.UTF-8"

        // The agent's verified fetch accepts the reveals; verify and log show them.
        try box.ok("fetch", in: "c")
        let verify = try box.ok("verify", in: "c").stdout
        #expect(verify.contains("reveal 1") && verify.contains("reveal 2"), "\(verify)")
        #expect(try box.ok("log", in: "c").stdout.contains("reveal 2"), "log shows the reveals")
        #expect(try box.jsf("verify", in: "hub.git").status == 0)

        // Cantine Bretonne fetches and pushes: it re-seals to PFRA Ouest, which can now open it (Repas d'Armor not yet).
        try box.ok("fetch", as: "cantine", in: "cantine")
        try box.ok("push", as: "cantine", in: "cantine")
        try box.ok("fetch", as: "late", in: "late")
        let late = try box.ok("participants", "--reveal", "--json", as: "late", in: "late")
        let third = try decode(RevealJSON.self, from: late)
        #expect(third.number == 3 && third.buyer == "PFRA Ouest" && third.revealed.map(\.pseudonym) == [cantine], "\(late)")
        #expect(late.stderr.contains("warning: \(repas) not revealed: its identity is not sealed to your key"), "\(late)")
    }

    @Test("the hub takes on published, after final, only a buyer-signed commit adding the next reveals/<n>.yml")
    func hubRefusesOtherShapes() throws {
        let (box, cantine, repas) = try world()
        try box.ok("fetch", in: "c")
        for id in ["\(cantine)-1", "\(repas)-1"] { try box.ok("comment", id, "--status", "answered", "-m", "Non.", in: "c") }
        box.now = "2027-01-21T09:00:00+01:00"
        try box.ok("clone", "hub.git", "b", as: "buyer")
        try box.ok("approve", "--yes", "-m", "Texte conforme.", as: "buyer", in: "b")
        _ = try box.gitOutput("clone", "--quiet", box.path("hub.git"), "forge")
        let key = box.path("jsf-buyer/signing_key")
        func forged(_ files: [String: String], signed: Bool = true) throws -> Run {
            _ = try box.gitOutput("checkout", "--quiet", "--force", "--detach", "origin/published", in: "forge")
            for (file, text) in files { try box.write("forge/\(file)", text) }
            _ = try box.gitOutput("add", "-A", in: "forge")
            var arguments = ["-c", "user.name=PFRA Bretagne", "-c", "user.email=pfra@jsf.invalid"]
            arguments +=
                signed ? ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)", "commit", "-q", "-S", "-m", "x"] : ["commit", "-q", "-m", "x"]
            let commit = try box.git(arguments, in: "forge")
            try #require(commit.status == 0, "\(commit)")
            return try box.git("push", "origin", "HEAD:refs/heads/published", in: "forge")
        }
        let blob = try box.gitOutput("rev-parse", "refs/heads/proposals/\(cantine):identity.sealed", in: "hub.git")
        let valid = """
            format: 1
            number: 1
            buyer: PFRA Bretagne
            key: SHA256:x
            encryption_key: SHA256:y
            date: "2027-01-21T10:00:00+01:00"
            opened:
              - pseudonym: \(cantine)
                identity: \(blob)

            """
        let text = try forged(["cctp.md": "# Objet\n\nRéécrit après l'approbation.\n"])
        #expect(text.status != 0 && text.stderr.contains("published takes only reveals"), "\(text)")
        let skipped = try forged(["reveals/2.yml": valid.replacingOccurrences(of: "number: 1", with: "number: 2")])
        #expect(skipped.status != 0 && skipped.stderr.contains("reveals/1.yml (the next number)"), "\(skipped)")
        let broken = try forged(["reveals/1.yml": "format: 1\nnumber: one\n"])
        #expect(broken.status != 0 && broken.stderr.contains("reveals/1.yml"), "\(broken)")
        let unsigned = try forged(["reveals/1.yml": valid], signed: false)
        #expect(unsigned.status != 0 && unsigned.stderr.contains("is not signed"), "\(unsigned)")
        let wrongKey = try forged(["reveals/1.yml": valid])
        #expect(wrongKey.status != 0 && wrongKey.stderr.contains("names the key SHA256:x"), "\(wrongKey)")
        // The shape jsf writes is accepted.
        let fingerprint = try decode(IdentityKeys.self, from: box.ok("identity", "show", "--json", as: "buyer")).fingerprint
        let right = try forged(["reveals/1.yml": valid.replacingOccurrences(of: "SHA256:x", with: fingerprint ?? "")])
        #expect(right.status == 0, "\(right)")
        try box.ok("fetch", in: "c")
        #expect(try box.ok("verify", in: "c").stdout.contains("reveal 1"))
    }

    struct IdentityKeys: Decodable {
        var encryptionKey: String?
        var fingerprint: String?
    }

    struct Listing: Decodable {
        struct Participant: Decodable {
            struct Identity: Decodable {
                struct Recipient: Decodable {
                    var fingerprint: String
                    var buyer: String?
                }
                var state: String
                var blob: String?
                var recipients: [Recipient]
                var missing: [String]
                var toYou: Bool?
            }
            var pseudonym: String
            var proposals: Int
            var kinds: [String: Int]
            var withdrawn: Int
            var answered: Int
            var integrated: Int
            var first: String?
            var last: String?
            var identity: Identity
        }
        var participants: [Participant]
    }

    struct RevealJSON: Decodable {
        struct Check: Decodable {
            var code: String
            var outcome: String
            var message: String
        }
        struct Revealed: Decodable {
            var pseudonym: String
            var name: String
            var siret: String?
            var email: String?
            var cpv: [String]
            var departements: [String]
            var blob: String
            var checks: [Check]
        }
        var number: Int
        var file: String
        var buyer: String
        var register: String?
        var revealed: [Revealed]
    }
}
