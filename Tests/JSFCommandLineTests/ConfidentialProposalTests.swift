import Foundation
import JeSaisFaire
import Testing

// Confidential proposals (issue 14; docs/format.md "Confidential proposals"): a company seals its justification,
// estimate and proposed text to the agent's and buyers' keys (and its own); everyone else sees only that it exists,
// with its kind, target and cost direction, until the company consents to share it.

/// A consultation with a hub, a buyer whose encryption key is listed, v1 published, two companies and the buyer
/// cloned; the first company has made a confidential alternative and the second a public solution, both pushed;
/// the agent has fetched.
struct ConfidentialWorld {
    let box: Sandbox
    /// The confidential proposal's id, and the second company's public one.
    let secret: String
    let open: String

    static let agentDir = "c"
    static let hub = "hub.git"
    /// Words planted in the confidential proposal: its justification, its estimate and its proposed text.
    static let words = ["QUORVALINE", "BRIMOLDEX", "ZEPHYRANTE"]

    static func make(sourceLocation: SourceLocation = #_sourceLocation) throws -> ConfidentialWorld {
        let box = try Sandbox()
        box.now = "2027-01-04T09:00:00+01:00"
        try box.setUpConsultation(agentDir, hub: hub, sourceLocation: sourceLocation)
        try box.ok(
            "identity", "init", "--role", "buyer", "--name", "Paul Martin", "--organisation", "PFRA Bretagne", as: "buyer",
            sourceLocation: sourceLocation)
        let shown = try box.ok("identity", "show", "--json", as: "buyer", sourceLocation: sourceLocation)
        let encryption = try #require(
            (try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])?["encryptionKey"] as? String,
            "identity show --json gives no encryptionKey:\n\(shown)", sourceLocation: sourceLocation)
        try box.ok(
            "consultation", "add-buyer", "--name", "PFRA Bretagne", "--key", box.path("jsf-buyer/signing_key.pub"),
            "--encryption-key", encryption, in: agentDir, sourceLocation: sourceLocation)
        try box.ok("publish", "--until", "2027-01-20", in: agentDir, sourceLocation: sourceLocation)
        for (user, name, siret) in [
            ("cuisine", "Cuisine Centrale de Vilaine SAS", "73282932000074"), ("traiteur", "Traiteur du Golfe SARL", "41572083800127"),
        ] {
            try box.ok(
                "identity", "init", "--role", "company", "--name", name, "--siret", siret, "--cpv", "55524000-9", "--departement", "35",
                as: user, sourceLocation: sourceLocation)
            try box.ok("clone", hub, user, as: user, sourceLocation: sourceLocation)
        }
        try box.ok("clone", hub, "buyer", as: "buyer", sourceLocation: sourceLocation)
        box.now = "2027-01-05T10:00:00+01:00"
        try box.write("texts/contenants.md", "Les repas sont livrés en bacs ZEPHYRANTE en inox, consignés et repris par le titulaire.\n")
        let secret = try box.ok(
            "propose", "contenants", "--kind", "alternative", "--cost", "down", "--estimate", "-4 % grâce au procédé BRIMOLDEX",
            "--text-file", box.path("texts/contenants.md"), "-m", "Notre procédé QUORVALINE lave les bacs sur place.", "--confidential",
            as: "cuisine", in: "cuisine", sourceLocation: sourceLocation
        ).trimmed
        try box.ok("push", as: "cuisine", in: "cuisine", sourceLocation: sourceLocation)
        let open = try box.ok(
            "propose", "livraison", "--kind", "solution", "--cost", "neutral", "-m", "Nous livrons en véhicule électrique.",
            as: "traiteur", in: "traiteur", sourceLocation: sourceLocation
        ).trimmed
        try box.ok("push", as: "traiteur", in: "traiteur", sourceLocation: sourceLocation)
        box.now = "2027-01-06T10:00:00+01:00"
        try box.ok("fetch", in: agentDir, sourceLocation: sourceLocation)
        for user in ["cuisine", "traiteur", "buyer"] { try box.ok("fetch", as: user, in: user, sourceLocation: sourceLocation) }
        return ConfidentialWorld(box: box, secret: secret, open: open)
    }

    /// The planted words `text` holds (case-insensitive).
    static func leaked(_ text: String) -> [String] {
        words.filter { text.range(of: $0, options: .caseInsensitive) != nil }
    }

    var pseudonym: String { String(secret.split(separator: "-")[0]) }
    var number: String { String(secret.split(separator: "-")[1]) }
}

@Suite("confidential proposals: sealed to the agent and buyers, marked without content elsewhere, shared by consent")
struct ConfidentialProposalTests {
    @Test("who opens it: the agent, the buyer and its company read it; the other company and the hub's files do not")
    func whoReadsIt() throws {
        let world = try ConfidentialWorld.make()
        let box = world.box
        let secret = world.secret

        // What the hub holds: <n>.md with its public facts only, <n>.sealed beside it; no planted word in any object.
        let listed = try box.gitOutput("show", "proposals/\(world.pseudonym):\(world.number).md", in: ConfidentialWorld.hub)
        #expect(listed.contains("confidential: true") && listed.contains("kind: alternative") && listed.contains("cost: down"), "\(listed)")
        #expect(!listed.contains("estimate"), "\(listed)")
        #expect(listed.contains(Proposal.confidentialBody), "\(listed)")
        let sealed = try box.gitOutput("show", "proposals/\(world.pseudonym):\(world.number).sealed", in: ConfidentialWorld.hub)
        #expect(sealed.contains("sealed: proposal") && sealed.contains("recipients:"), "\(sealed)")
        #expect(ConfidentialWorld.leaked(try box.everythingIn(ConfidentialWorld.hub)).isEmpty, "the hub holds a planted word")

        // The agent, the buyer and the company itself open it.
        for (user, dir) in [("agent", ConfidentialWorld.agentDir), ("buyer", "buyer"), ("cuisine", "cuisine")] {
            let shown = try box.jsf(["show", secret], as: user, in: dir)
            #expect(shown.status == 0, "\(user): \(shown)")
            #expect(ConfidentialWorld.leaked(shown.stdout) == ConfidentialWorld.words, "\(user) does not read it all:\n\(shown)")
            #expect(shown.stdout.contains("secret des affaires"), "\(user): \(shown)")
        }
        let inbox = try box.ok("inbox", "--json", in: ConfidentialWorld.agentDir)
        #expect(inbox.stdout.contains("\"confidential\":\"opened\"") || inbox.stdout.contains("\"confidential\" : \"opened\""), "\(inbox.stdout)")
        #expect(ConfidentialWorld.leaked(inbox.stdout).count == 3, "\(inbox.stdout)")
        let agentText = try box.ok("inbox", in: ConfidentialWorld.agentDir)
        #expect(agentText.stdout.contains("[confidential]"), "\(agentText)")

        // The other company sees that it exists, its kind, target and cost direction, never its words.
        let other = try box.jsf(["show", secret], as: "traiteur", in: "traiteur")
        #expect(other.status == 0, "\(other)")
        #expect(ConfidentialWorld.leaked(other.stdout + other.stderr).isEmpty, "\(other)")
        #expect(other.stdout.contains("alternative") && other.stdout.contains("contenants"), "\(other)")
        #expect(other.stderr.contains("cannot open \(secret)") && other.stderr.contains("not sealed to your key"), "\(other)")
        box.language = "fr_FR.UTF-8"
        let autre = try box.jsf(["show", secret], as: "traiteur", in: "traiteur")
        box.language = "C.UTF-8"
        #expect(autre.stderr.contains("impossible d'ouvrir \(secret) :") && autre.stderr.contains("pas scellé à votre clé"), "\(autre)")
        let theirs = try box.ok("inbox", "--json", as: "traiteur", in: "traiteur")
        #expect(ConfidentialWorld.leaked(theirs.stdout).isEmpty, "\(theirs.stdout)")
        #expect(theirs.stdout.contains("sealed"), "\(theirs.stdout)")
        // Its clone keeps nothing it cannot read, in its output cache or anywhere else.
        #expect(ConfidentialWorld.leaked(try box.everythingIn("traiteur")).isEmpty)
        let cache = box.path("traiteur/.git/jsf/cache")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? [] {
            #expect(ConfidentialWorld.leaked(try box.read("traiteur/.git/jsf/cache/\(file)")).isEmpty, "cache \(file)")
        }
    }

    @Test("the public report, in every format, holds none of its words; the internal copy holds them; a company gets no internal copy")
    func reports() throws {
        let world = try ConfidentialWorld.make()
        let box = world.box
        for format in [["--md", "-"], ["--html", "-"], ["--json"]] {
            let report = try box.jsf(["report"] + format, in: ConfidentialWorld.agentDir)
            #expect(report.status == 0, "\(report)")
            #expect(ConfidentialWorld.leaked(report.stdout + report.stderr).isEmpty, "report \(format[0]) leaks:\n\(report.stdout)")
            #expect(report.stdout.contains(world.secret), "report \(format[0]) does not list it")
            if format[0] != "--json" {
                #expect(report.stdout.contains("its content is not in this copy"), "report \(format[0]) does not mark it")
            }
        }
        let buyerReport = try box.ok("report", "--md", "-", as: "buyer", in: "buyer")
        #expect(ConfidentialWorld.leaked(buyerReport.stdout).isEmpty)
        if ExportTenderTests.tool("chromium") != nil || ExportTenderTests.tool("chromium-browser") != nil,
            let pdftotext = ExportTenderTests.tool("pdftotext")
        {
            let spawning = box.spawning
            box.spawning = true
            try box.ok("report", "--pdf", box.path("public.pdf"), in: ConfidentialWorld.agentDir)
            box.spawning = spawning
            let text = try spawn(pdftotext, [box.path("public.pdf"), "-"], in: box.root, environment: box.environment())
            #expect(text.status == 0 && text.stdout.contains(world.secret), "\(text)")
            #expect(ConfidentialWorld.leaked(text.stdout).isEmpty, "the public PDF leaks")
        } else {
            Issue.record("chromium or pdftotext is not installed: the public PDF is not searched (apt-get install chromium poppler-utils)")
        }
        for (user, dir) in [("agent", ConfidentialWorld.agentDir), ("buyer", "buyer")] {
            let copy = try box.ok("report", "--audience", "internal", "--md", "-", as: user, in: dir)
            #expect(ConfidentialWorld.leaked(copy.stdout) == ConfidentialWorld.words, "\(user)'s internal copy lacks its words")
            #expect(copy.stdout.contains("Internal copy"), "\(copy.stdout.prefix(2000))")
        }
        expectRefusal(try box.jsf(["report", "--audience", "internal"], as: "cuisine", in: "cuisine"), status: 1, ["--audience internal"])
    }

    @Test("revise --apply refuses it until its company consents; consent --share publishes exactly what it sealed")
    func consent() throws {
        let world = try ConfidentialWorld.make()
        let box = world.box
        let secret = world.secret
        try box.ok("comment", secret, "--status", "accepted", "-m", "Retenue.", in: ConfidentialWorld.agentDir)
        expectRefusal(
            try box.jsf(["revise", "--apply", secret], in: ConfidentialWorld.agentDir), status: 1,
            ["\(secret) is confidential", "jsf consent \(secret) --share"])
        #expect(try box.read("c/cctp.md").contains("ZEPHYRANTE") == false)

        // Only its company consents, and says to what.
        expectRefusal(try box.jsf(["consent", secret, "--share"], as: "traiteur", in: "traiteur"), status: 1, ["not one of your proposals"])
        expectRefusal(try box.jsf(["consent", secret], as: "cuisine", in: "cuisine"), status: 64, ["--share"])
        expectRefusal(try box.jsf(["consent", world.open, "--share"], as: "traiteur", in: "traiteur"), status: 1, ["is not confidential"])

        box.now = "2027-01-07T10:17:42+01:00"
        try box.ok("consent", secret, "--share", as: "cuisine", in: "cuisine")
        try box.ok("push", as: "cuisine", in: "cuisine")
        let file = try box.gitOutput("show", "proposals/\(world.pseudonym):\(world.number).md", in: ConfidentialWorld.hub)
        #expect(file.contains("shared: \"2027-01-07T09:00:00+00:00\"") && !file.contains("confidential"), "\(file)")
        #expect(ConfidentialWorld.leaked(file) == ConfidentialWorld.words, "\(file)")
        let sealedName = "\(world.number).sealed"
        #expect(try box.gitOutput("ls-tree", "--name-only", "proposals/\(world.pseudonym)~1", in: ConfidentialWorld.hub).lines.contains(sealedName))
        let tree = try box.gitOutput("ls-tree", "--name-only", "proposals/\(world.pseudonym)", in: ConfidentialWorld.hub)
        #expect(!tree.lines.contains(sealedName) && tree.lines.contains("\(world.number).md"), "\(tree)")
        let message = try box.gitOutput("log", "-1", "--format=%s", "proposals/\(world.pseudonym)", in: ConfidentialWorld.hub)
        #expect(message.contains("\(secret): shared"), "\(message)")
        // Signed by the company (the hub's hook checked it against key.pub).
        #expect(
            try box.gitOutput("cat-file", "commit", "proposals/\(world.pseudonym)", in: ConfidentialWorld.hub).contains(
                "gpgsig -----BEGIN SSH SIGNATURE-----"))

        try box.ok("fetch", as: "traiteur", in: "traiteur")
        let now = try box.ok("show", secret, as: "traiteur", in: "traiteur")
        #expect(ConfidentialWorld.leaked(now.stdout) == ConfidentialWorld.words, "\(now)")
        #expect(now.stdout.contains("made public by its company"), "\(now)")
        try box.ok("fetch", in: ConfidentialWorld.agentDir)
        try box.ok("revise", "--apply", secret, in: ConfidentialWorld.agentDir)
        #expect(try box.read("c/cctp.md").contains("ZEPHYRANTE"))
        expectRefusal(try box.jsf(["consent", secret, "--share"], as: "cuisine", in: "cuisine"), status: 1, ["is not confidential"])
    }

    @Test("the hub's hook accepts exactly the shapes jsf writes, and refuses the others")
    func hubShapes() throws {
        let world = try ConfidentialWorld.make()
        let box = world.box
        let hub = box.path(ConfidentialWorld.hub)
        _ = try box.gitOutput("clone", "--quiet", hub, "forge")
        let key = try writeDerivedKey(box, user: "cuisine", consultation: "restauration-val-d-orvenne-2027")
        let branch = "proposals/\(world.pseudonym)"
        _ = try box.gitOutput("fetch", "--quiet", "origin", "+refs/heads/\(branch):refs/remotes/origin/\(branch)", in: "forge")
        let base = try box.gitOutput("rev-parse", "refs/remotes/origin/\(branch)", in: "forge")
        let md = "\(world.number).md"
        let sealed = "\(world.number).sealed"
        let publicText = try box.gitOutput("show", "\(base):\(md)", in: "forge") + "\n"
        let sealedText = try box.gitOutput("show", "\(base):\(sealed)", in: "forge") + "\n"
        // The clear text, as the company's own key opens it.
        let companySecret = try #require(FileManager.default.contents(atPath: box.path("jsf-cuisine/secret")))
        let own = EncryptionKey(secret: companySecret, consultationID: "restauration-val-d-orvenne-2027")
        func context(_ path: String) -> SealedFile.Context {
            SealedFile.Context(kind: .proposal, consultationID: "restauration-val-d-orvenne-2027", pseudonym: world.pseudonym, path: path)
        }
        let parsed = try #require(SealedFile.parse(sealedText, file: sealed, expected: .proposal).0)
        let clear = String(decoding: try parsed.open(with: own, context: context(sealed)), as: UTF8.self)
        #expect(ConfidentialWorld.leaked(clear) == ConfidentialWorld.words)
        // Copied to another path, it no longer opens.
        #expect(throws: SealError.self) { try parsed.open(with: own, context: context("7.sealed")) }

        func commit(write files: [String: String] = [:], remove: [String] = []) throws -> String {
            _ = try box.gitOutput("checkout", "--quiet", "--force", "--detach", base, in: "forge")
            for (file, text) in files { try box.write("forge/\(file)", text) }
            for file in remove { _ = try box.gitOutput("rm", "-q", file, in: "forge") }
            _ = try box.gitOutput("add", "-A", in: "forge")
            let run = try box.git(
                [
                    "-c", "user.name=\(world.pseudonym)", "-c", "user.email=x@pseudonym.jsf.invalid", "-c", "gpg.format=ssh", "-c",
                    "user.signingkey=\(key)", "commit", "--quiet", "--allow-empty", "-S", "-m", "forged",
                ], in: "forge")
            try #require(run.status == 0, "\(run)")
            return try box.gitOutput("rev-parse", "HEAD", in: "forge")
        }
        func expectRefused(_ label: String, _ id: String, _ code: String) throws {
            let run = try box.git(["push", "--porcelain", hub, "\(id):refs/heads/\(branch)"], in: "forge")
            #expect(run.status != 0, "\(label): accepted\n\(run)")
            #expect(run.stderr.contains(code), "\(label): no \(code)\n\(run)")
        }
        // A sealed file alone; a sealed file that does not parse; a confidential proposal made public without its
        // consent recorded; a sealed file deleted; one sealed to no agent key.
        try expectRefused("alone", try commit(write: ["7.sealed": sealedText]), "7.sealed has no 7.md")
        try expectRefused(
            "garbage",
            try commit(write: [
                "7.md": publicText.replacingOccurrences(of: world.secret, with: "\(world.pseudonym)-7"), "7.sealed": "format: 1\nsealed: nope\n",
            ]),
            "'sealed' must be proposal")
        try expectRefused("made public without shared", try commit(write: [md: clear], remove: [sealed]), "rewrites \(world.secret)")
        try expectRefused("sealed removed", try commit(remove: [sealed]), "deletes \(sealed)")
        let toSelf = try SealedFile.seal(Data("x".utf8), to: [own.publicKey], context: context("7.sealed"))
        try expectRefused(
            "sealed to no agent",
            try commit(write: ["7.md": publicText.replacingOccurrences(of: world.secret, with: "\(world.pseudonym)-7"), "7.sealed": toSelf.text()]),
            "sealed to no agent key")
        // What jsf writes lands: a share with its consent recorded.
        let shared = clear.replacingOccurrences(of: "\n---\n", with: "\nshared: \"2027-01-07T09:00:00+00:00\"\n---\n")
        let run = try box.git(["push", "--porcelain", hub, "\(try commit(write: [md: shared], remove: [sealed])):refs/heads/\(branch)"], in: "forge")
        #expect(run.status == 0, "an honest share was refused:\n\(run)")
    }
}
