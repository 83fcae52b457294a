import Foundation
import JeSaisFaire
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// Attacks on a consultation's hub by a company that has a jsf clone and plain git (DESIGN.md §2–3):
// 1. against a hub made by 'jsf init --hub' (its pre-receive hook runs 'jsf hook pre-receive'): every attack is
//    refused, the pusher reads 'remote: error: <ref> …(rule: …)', the hub is unchanged;
// 2. against a copy of that hub whose hook and receive.deny* settings were removed: the attacks land on the hub,
//    and jsf fetch / verify / the reading commands catch them and never show the forged data as genuine.

/// The consultation id every attack world uses (part of each company's derived key).
let attackConsultation = "restauration-val-d-orvenne-2027"

/// Strings planted by the attacker, which no reading command may show.
enum Forged {
    static let answer = "RÉPONSE FORGÉE : proposition retenue sans réserve"
    static let buyer = "PFRA Grand Est"
    static let draft = "Version v2 forgée par un candidat"
    static let text = "TEXTE FORGÉ : le titulaire est désigné d'avance"
}

/// A consultation on a hub with an honest dialogue: v1 published, a buyer listed, a victim's and an attacker's
/// clarification pushed and answered, a latecomer's proposal written in the round but not pushed; plus the
/// attacker's tools: a plain git clone of the hub ("forge"), an ssh-keygen key and its jsf-derived key.
struct AttackWorld {
    let box: Sandbox
    /// The hub's absolute path.
    let hub: String
    let victim: String
    let attacker: String
    let latecomer: String
    /// An ed25519 key of the attacker's own, made by ssh-keygen (not listed anywhere).
    let foreignKey: String
    /// The attacker's genuine per-consultation key, as jsf derives it, in an OpenSSH private key file.
    let derivedKey: String

    static func make(sourceLocation: SourceLocation = #_sourceLocation) throws -> AttackWorld {
        let box = try Sandbox()
        try box.setUpConsultation("c", id: attackConsultation, hub: "hub.git", sourceLocation: sourceLocation)
        let hub = box.path("hub.git")
        try #require(
            FileManager.default.isExecutableFile(atPath: hub + "/hooks/pre-receive"), "jsf init --hub wrote no hook",
            sourceLocation: sourceLocation)
        try box.ok("publish", "--until", "2027-01-20", in: "c", sourceLocation: sourceLocation)
        try box.setUpBuyer(organisation: "PFRA Bretagne", sourceLocation: sourceLocation)

        var codes: [String] = []
        for (user, name) in [("victim", "Cantine Bretonne"), ("attacker", "Restauration Déloyale"), ("latecomer", "Repas Tardifs")] {
            try box.ok(
                "identity", "init", "--role", "company", "--name", name, "--cpv", "55524000-9", "--departement", "35",
                as: user, sourceLocation: sourceLocation)
            try box.ok("clone", "hub.git", user, as: user, sourceLocation: sourceLocation)
            let id = try box.ok(
                "propose", "duree", "--kind", "clarification", "--cost", "neutral",
                "-m", "Question de \(user) : la durée inclut-elle les vacances ?", as: user, in: user,
                sourceLocation: sourceLocation
            ).trimmed
            try #require(id.hasSuffix("-1"), "propose printed '\(id)'", sourceLocation: sourceLocation)
            codes.append(String(id.dropLast(2)))
            if user != "latecomer" { try box.ok("push", as: user, in: user, sourceLocation: sourceLocation) }
        }
        try box.ok("fetch", in: "c", sourceLocation: sourceLocation)
        try box.ok(
            "comment", "\(codes[0])-1", "--status", "answered", "-m", "Réponse authentique à la victime.", in: "c",
            sourceLocation: sourceLocation)
        try box.ok(
            "comment", "\(codes[1])-1", "--status", "rejected", "-m", "Réponse authentique : non retenue.", in: "c",
            sourceLocation: sourceLocation)
        for user in ["victim", "attacker"] { try box.ok("fetch", as: user, in: user, sourceLocation: sourceLocation) }

        // The attacker's plain git: a clone of the hub, and keys.
        _ = try box.gitOutput("clone", "--quiet", hub, "forge", sourceLocation: sourceLocation)
        let foreignKey = box.path("attacker-ssh-key")
        try requireTool(
            "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "attaquant", "-f", foreignKey],
            sourceLocation: sourceLocation)
        let derivedKey = try writeDerivedKey(box, user: "attacker", consultation: attackConsultation)
        return AttackWorld(
            box: box, hub: hub, victim: codes[0], attacker: codes[1], latecomer: codes[2],
            foreignKey: foreignKey, derivedKey: derivedKey)
    }

    var victimBranch: String { "refs/heads/proposals/\(victim)" }
    var attackerBranch: String { "refs/heads/proposals/\(attacker)" }
    var latecomerBranch: String { "refs/heads/proposals/\(latecomer)" }

    /// Every ref of the hub with its target.
    func hubRefs() throws -> String {
        try box.gitOutput("for-each-ref", "--format=%(objectname) %(refname)", in: hub)
    }

    // MARK: forging with plain git, in "forge"

    /// Brings the forge up to date with the hub (all its refs under refs/hub/*).
    func refreshForge() throws {
        _ = try box.gitOutput(
            "fetch", "--quiet", "--force", hub, "+refs/heads/*:refs/hub/heads/*", "+refs/tags/*:refs/hub/tags/*",
            in: "forge")
    }

    /// A commit made with plain git on `base` (nil: an orphan), with `files` written and `remove` removed, signed
    /// with `key` when given; returns its id and leaves it checked out (detached).
    func forgeCommit(
        on base: String?, write files: [String: String] = [:], remove: [String] = [], message: String,
        key: String?, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        if let base {
            _ = try box.gitOutput("checkout", "--quiet", "--force", "--detach", base, in: "forge", sourceLocation: sourceLocation)
        } else {
            _ = try box.gitOutput(
                "checkout", "--quiet", "--force", "--orphan", "orphan-\(UUID().uuidString.prefix(8))", in: "forge",
                sourceLocation: sourceLocation)
            _ = try box.gitOutput("rm", "-r", "-f", "-q", "--ignore-unmatch", ".", in: "forge", sourceLocation: sourceLocation)
        }
        for (file, text) in files { try box.write("forge/\(file)", text) }
        for file in remove { _ = try box.gitOutput("rm", "-q", file, in: "forge", sourceLocation: sourceLocation) }
        _ = try box.gitOutput("add", "-A", in: "forge", sourceLocation: sourceLocation)
        var arguments = ["-c", "user.name=Attaquant", "-c", "user.email=attaquant@example.invalid"]
        if let key {
            arguments += ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)", "commit", "--quiet", "--allow-empty", "-S", "-m", message]
        } else {
            arguments += ["commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", message]
        }
        let run = try box.git(arguments, in: "forge")
        try #require(run.status == 0, "forged commit failed:\n\(run)", sourceLocation: sourceLocation)
        return try box.gitOutput("rev-parse", "HEAD", in: "forge", sourceLocation: sourceLocation)
    }

    /// An annotated tag made with plain git in the forge (signed with `key` when given), replacing any of that name.
    func forgeTag(_ name: String, at target: String, message: String, key: String?, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var arguments = ["-c", "user.name=Attaquant", "-c", "user.email=attaquant@example.invalid"]
        if let key {
            arguments += ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)", "tag", "-f", "-s", name, "-m", message, target]
        } else {
            arguments += ["tag", "-f", "-a", "--no-sign", name, "-m", message, target]
        }
        let run = try box.git(arguments, in: "forge")
        try #require(run.status == 0, "forged tag failed:\n\(run)", sourceLocation: sourceLocation)
    }

    /// A file of a ref of the forge (after `refreshForge`).
    func forgeFile(_ ref: String, _ file: String) throws -> String {
        try box.gitOutput("show", "\(ref):\(file)", in: "forge") + "\n"
    }

    /// The answer file forged for the attacker's proposal: the agent's genuine one, turned into an acceptance.
    func forgedAnswer() throws -> String {
        var text = try forgeFile("refs/hub/heads/dialogue", "responses/\(attacker)-1.md")
        try #require(text.contains("status: rejected"), "answer is:\n\(text)")
        text = text.replacingOccurrences(of: "status: rejected", with: "status: accepted")
        text = text.replacingOccurrences(of: "Réponse authentique : non retenue.", with: Forged.answer)
        try #require(text.contains(Forged.answer), "answer is:\n\(text)")
        return text
    }

    /// approval.yml as a buyer's would be, naming a buyer that does not exist.
    func forgedApproval() throws -> String {
        let draft = try box.gitOutput("rev-parse", "refs/hub/tags/v1^{commit}", in: "forge")
        return "format: 1\nversion: 1\nbuyer: \(Forged.buyer)\ndate: 2027-01-21\nnote: approuvé par \(Forged.buyer)\ncommit: \(draft)\n"
    }

    /// The attacker's genuine proposal 1 turned into proposal 2 superseding the victim's proposal 1.
    func forgedSupersedes() throws -> String {
        let original = try forgeFile("refs/hub/heads/proposals/\(attacker)", "1.md")
        try #require(proposalID(original) == "\(attacker)-1", "proposal is:\n\(original)")
        return replacingProposalID(original, with: "id: \"\(attacker)-2\"\nsupersedes: \"\(victim)-1\"")
    }

    /// main rewritten: its parent with a cctp.md saying something else.
    func forgedMainText() throws -> String {
        try forgeFile("refs/hub/heads/main", "cctp.md") + "\n\(Forged.text)\n"
    }
}

/// The id in a proposal's front matter, with or without YAML quotes.
func proposalID(_ text: String) -> String? {
    guard let line = text.lines.first(where: { $0.hasPrefix("id: ") }) else { return nil }
    return line.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
}

/// A proposal's text with its id line replaced by `lines`.
func replacingProposalID(_ text: String, with lines: String) -> String {
    var done = false
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        if !done && line.hasPrefix("id: ") {
            done = true
            return lines
        }
        return String(line)
    }.joined(separator: "\n")
}

/// Runs a tool (ssh-keygen…) requiring success.
func requireTool(_ executable: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let run = try spawn(executable, arguments, in: "/", environment: ["PATH": "/usr/bin:/bin", "LANG": "C"])
    try #require(run.status == 0, "\(executable) \(arguments.joined(separator: " ")):\n\(run)", sourceLocation: sourceLocation)
}

/// The company's per-consultation key, derived from its secret exactly as jsf derives it, as an OpenSSH private key
/// file (mode 0600) that ssh-keygen and git can sign with; returns its path.
func writeDerivedKey(_ box: Sandbox, user: String, consultation: String) throws -> String {
    let secret = try #require(FileManager.default.contents(atPath: box.path("jsf-\(user)/secret")))
    let key = CompanyKey(secret: secret, consultationID: consultation)
    let file = box.path("derived-key-\(user)")
    try box.write(file, key.signingKey.openSSHPrivateKey(comment: key.pseudonym.code))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    return file
}

/// The lines of a push's stderr that report a refusal of `ref` under one of `rules`.
func refusalLines(_ run: Run, ref: String, rules: [String], prefix: String = "remote: error: ") -> [String] {
    run.stderr.lines.filter { line in
        line.hasPrefix(prefix + ref + " ") && rules.contains { line.contains("(rule: \($0))") }
    }
}

@Suite("trust attacks: a company with plain git against the hub's hook, and against a hub without hooks")
struct TrustAttackTests {
    /// Pushes with plain git from the forge and expects the hub's hook to refuse it: exit ≠ 0, a
    /// `remote: error: <ref> …(rule: …)` line for each expected ref, the hub's refs unchanged.
    func expectRefused(
        _ world: AttackWorld, _ label: String, push arguments: [String], refused: [(String, [String])],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try world.hubRefs()
        let run = try world.box.git(["push", "--porcelain", world.hub] + arguments, in: "forge")
        #expect(run.status != 0, "\(label): the push was accepted\n\(run)", sourceLocation: sourceLocation)
        for (ref, rules) in refused {
            #expect(
                !refusalLines(run, ref: ref, rules: rules).isEmpty,
                "\(label): no 'remote: error: \(ref) … (rule: \(rules.joined(separator: "|")))'\n\(run)", sourceLocation: sourceLocation)
        }
        #expect(try world.hubRefs() == before, "\(label): the hub changed", sourceLocation: sourceLocation)
    }

    @Test("every attack pushed with plain git to a hub made by jsf init --hub is refused by its hook; honest pushes still land")
    func hookRefusesEveryAttack() throws {
        let world = try AttackWorld.make()
        let box = world.box
        try world.refreshForge()
        let originalMain = try box.gitOutput("rev-parse", "refs/heads/main", in: world.hub)

        // 1. Onto another company's branch: the attacker's own genuine commit, and a hand-made one on top of the
        //    victim's tip (a fast-forward) adding a proposal, signed by the attacker's derived key and by a foreign key.
        try expectRefused(
            world, "own commit onto the victim's branch",
            push: ["+refs/hub/heads/proposals/\(world.attacker):\(world.victimBranch)"],
            refused: [(world.victimBranch, ["owner", "fast-forward"])])
        let planted = replacingProposalID(
            try world.forgeFile("refs/hub/heads/proposals/\(world.victim)", "1.md"),
            with: "id: \"\(world.victim)-2\"")
        for key in [world.derivedKey, world.foreignKey] {
            let onVictim = try world.forgeCommit(
                on: "refs/hub/heads/proposals/\(world.victim)", write: ["2.md": planted],
                message: "Proposition", key: key)
            try expectRefused(
                world, "hand-made proposal on the victim's branch", push: ["\(onVictim):\(world.victimBranch)"],
                refused: [(world.victimBranch, ["owner"])])
        }

        // 2. Forged answers on dialogue: unsigned, and signed by the attacker's keys.
        let answer = try world.forgedAnswer()
        let buyerKey = box.path("jsf-buyer/signing_key")
        let agentKey = box.path("jsf-agent/signing_key")
        try #require(box.exists("jsf-buyer/signing_key") && box.exists("jsf-agent/signing_key"))
        for key in [nil, world.foreignKey, world.derivedKey, buyerKey] {
            let forged = try world.forgeCommit(
                on: "refs/hub/heads/dialogue", write: ["responses/\(world.attacker)-1.md": answer],
                message: "Réponse", key: key)
            try expectRefused(
                world, "forged answer (key \(key ?? "none"))", push: ["\(forged):refs/heads/dialogue"],
                refused: [("refs/heads/dialogue", [key == nil ? "signature" : "owner"])])
        }

        // 3. published + final with an approval.yml, pushed by a company.
        // (Also by the agent, whose key is listed but not as a buyer's.)
        for key in [nil, world.foreignKey, agentKey] {
            let approval = try world.forgeCommit(
                on: "refs/hub/tags/v1^{commit}", write: ["approval.yml": try world.forgedApproval()],
                message: "Approbation de la v1", key: key)
            try world.forgeTag("final", at: approval, message: "Approbation de la v1 par \(Forged.buyer)", key: key)
            try expectRefused(
                world, "forged approval (key \(key ?? "none"))",
                push: ["\(approval):refs/heads/published", "refs/tags/final:refs/tags/final"],
                refused: [
                    ("refs/heads/published", [key == nil ? "signature" : "owner"]),
                    ("refs/tags/final", ["shape", "signature", "owner"]),
                ])
        }

        // 4. A forged annotated v2 on main's tip: plain git tag -a, and signed by a non-agent key.
        for key in [nil, world.foreignKey, world.derivedKey, buyerKey] {
            try world.forgeTag("v2", at: "refs/hub/heads/main", message: Forged.draft, key: key)
            try expectRefused(
                world, "forged v2 (key \(key ?? "none"))", push: ["refs/tags/v2:refs/tags/v2"],
                refused: [("refs/tags/v2", [key == nil ? "signature" : "owner"])])
        }
        // And v1 moved to another commit.
        try world.forgeTag("v1", at: "refs/hub/heads/main", message: Forged.draft, key: world.foreignKey)
        try expectRefused(world, "moved v1", push: ["+refs/tags/v1:refs/tags/v1"], refused: [("refs/tags/v1", ["moved-tag"])])

        // 5. main rewritten (force push), also denied by receive.denyNonFastForwards.
        let rewritten = try world.forgeCommit(
            on: "refs/hub/heads/main^", write: ["cctp.md": try world.forgedMainText()],
            message: "Réécriture", key: world.foreignKey)
        try expectRefused(
            world, "rewritten main", push: ["--force", "\(rewritten):refs/heads/main"],
            refused: [("refs/heads/main", ["fast-forward"])])
        #expect(try box.gitOutput("rev-parse", "refs/heads/main", in: world.hub) == originalMain)
        // And main moved forward by a commit the agent did not sign.
        let extended = try world.forgeCommit(
            on: "refs/hub/heads/main", write: ["cctp.md": try world.forgedMainText()],
            message: "Ajout", key: world.derivedKey)
        try expectRefused(
            world, "main extended by a company", push: ["\(extended):refs/heads/main"],
            refused: [("refs/heads/main", ["owner"])])

        // 6. A competitor's branch deleted.
        try expectRefused(world, "deleted competitor", push: [":\(world.victimBranch)"], refused: [(world.victimBranch, ["deletion"])])

        // 7. supersedes: <victim>-1 on the attacker's own branch, signed by the attacker's genuine derived key (so only
        //    the supersedes rule can refuse it), then by a foreign key (owner and/or supersedes).
        let supersedes = try world.forgedSupersedes()
        let own = try world.forgeCommit(
            on: "refs/hub/heads/proposals/\(world.attacker)", write: ["2.md": supersedes],
            message: "Proposition", key: world.derivedKey)
        try expectRefused(
            world, "supersedes a competitor (derived key)", push: ["\(own):\(world.attackerBranch)"],
            refused: [(world.attackerBranch, ["supersedes"])])
        // jsf push itself, from the attacker's clone whose branch was moved to that commit: a local-path push is
        // checked against the hub's rules by jsf (libgit2's local transport runs no hook).
        let genuineTip = try box.gitOutput("rev-parse", world.attackerBranch, in: "attacker")
        _ = try box.gitOutput("fetch", "--quiet", box.path("forge"), own, in: "attacker")
        _ = try box.gitOutput("update-ref", world.attackerBranch, own, in: "attacker")
        let hubBefore = try world.hubRefs()
        let jsfPush = try box.jsf(["push"], as: "attacker", in: "attacker")
        #expect(jsfPush.status != 0, "jsf push of a forged supersedes to a local hub was accepted:\n\(jsfPush)")
        #expect(jsfPush.stderr.contains("(rule: supersedes)"), "\(jsfPush)")
        #expect(try world.hubRefs() == hubBefore)
        _ = try box.gitOutput("update-ref", world.attackerBranch, genuineTip, in: "attacker")
        let foreign = try world.forgeCommit(
            on: "refs/hub/heads/proposals/\(world.attacker)", write: ["2.md": supersedes],
            message: "Proposition", key: world.foreignKey)
        try expectRefused(
            world, "supersedes a competitor (foreign key)", push: ["\(foreign):\(world.attackerBranch)"],
            refused: [(world.attackerBranch, ["owner", "supersedes"])])

        // 8. Refs outside the layout.
        let stray = try world.forgeCommit(on: "refs/hub/heads/main", message: "Hors organisation", key: world.derivedKey)
        try world.forgeTag("x", at: stray, message: "x", key: world.derivedKey)
        try expectRefused(
            world, "refs/heads/evil and refs/tags/x", push: ["\(stray):refs/heads/evil", "refs/tags/x:refs/tags/x"],
            refused: [("refs/heads/evil", ["layout"]), ("refs/tags/x", ["layout"])])
        try expectRefused(world, "refs/notes/evil", push: ["\(stray):refs/notes/evil"], refused: [("refs/notes/evil", ["layout"])])
        try expectRefused(
            world, "a branch not named by a pseudonym", push: ["refs/hub/heads/proposals/\(world.attacker):refs/heads/proposals/NOTAPSEU"],
            refused: [("refs/heads/proposals/NOTAPSEU", ["layout", "pseudonym", "owner"])])

        // 9. A proposal pushed after the round closed, its 'created' inside the round: the hook judges by its clock.
        box.now = "2027-01-21T09:00:00+01:00"
        let before = try world.hubRefs()
        let late = try box.git(["push", world.hub, "\(world.latecomerBranch):\(world.latecomerBranch)"], in: "latecomer")
        #expect(late.status != 0, "late proposal accepted:\n\(late)")
        #expect(!refusalLines(late, ref: world.latecomerBranch, rules: ["late"]).isEmpty, "\(late)")
        #expect(try world.hubRefs() == before)
        let lateJSF = try box.jsf(["push"], as: "latecomer", in: "latecomer")
        #expect(lateJSF.status != 0, "jsf push of a late proposal to a local hub was accepted:\n\(lateJSF)")
        #expect(try world.hubRefs() == before)

        // Honest writes still land: a second proposal of the victim (in the round) and an answer by the agent.
        box.now = "2027-01-10T09:00:00+01:00"
        let second = try box.ok(
            "propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Autre question honnête",
            as: "victim", in: "victim"
        ).trimmed
        try box.ok("push", as: "victim", in: "victim")
        #expect(try box.git("cat-file", "-e", "\(world.victimBranch):2.md", in: world.hub).status == 0, "honest proposal \(second) did not land")
        try box.ok("fetch", in: "c")
        try box.ok("comment", second, "--status", "answered", "-m", "Réponse honnête.", in: "c")
        #expect(try box.git("cat-file", "-e", "refs/heads/dialogue:responses/\(second).md", in: world.hub).status == 0)
        // And jsf itself, for the attacker, cannot push what the hook refuses (its own honest proposal lands).
        try box.ok(
            "propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Question honnête de l'attaquant",
            as: "attacker", in: "attacker")
        try box.ok("push", as: "attacker", in: "attacker")
        #expect(try box.git("cat-file", "-e", "\(world.attackerBranch):2.md", in: world.hub).status == 0)
        #expect(!(try box.gitOutput("show", "\(world.attackerBranch):2.md", in: world.hub)).contains("supersedes"))

        let fsck = try box.git("fsck", "--strict", "--no-dangling", in: world.hub)
        #expect(fsck.status == 0 && fsck.output.lines.filter { !$0.hasPrefix("Checking") && !$0.hasPrefix("notice:") }.isEmpty, "\(fsck)")
        let verify = try box.jsf(["verify"], in: world.hub)
        #expect(verify.status == 0, "jsf verify on the hub after the attacks:\n\(verify)")
    }

    /// Removes the hook and the receive.deny* settings of the world's hub.
    func disarm(_ world: AttackWorld) throws {
        try FileManager.default.removeItem(atPath: world.hub + "/hooks/pre-receive")
        for key in ["receive.denyNonFastForwards", "receive.denyDeletes"] {
            _ = try world.box.gitOutput("config", "--unset", key, in: world.hub)
        }
    }

    /// Pushes with plain git from the forge, requiring the (hook-less) hub to accept.
    func plant(_ world: AttackWorld, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try world.box.git(["push", "--force", world.hub] + arguments, in: "forge")
        try #require(run.status == 0, "planting \(arguments) failed:\n\(run)", sourceLocation: sourceLocation)
    }

    @Test("forgeries planted in a hub without hooks: jsf fetch reports them, keeps them out, and no command shows them")
    func plantedForgeries() throws {
        let world = try AttackWorld.make()
        let box = world.box
        try disarm(world)
        try world.refreshForge()
        let genuineMain = try box.gitOutput("rev-parse", "refs/heads/main", in: world.hub)
        let victimTip = try box.gitOutput("rev-parse", world.victimBranch, in: world.hub)

        // dialogue: an unsigned forged answer, then one signed by the attacker on top of it.
        _ = try world.forgeCommit(
            on: "refs/hub/heads/dialogue", write: ["responses/\(world.attacker)-1.md": try world.forgedAnswer()],
            message: "Réponse", key: nil)
        let dialogue = try world.forgeCommit(
            on: "HEAD",
            write: [
                "responses/\(world.victim)-1.md":
                    (try world.forgeFile("refs/hub/heads/dialogue", "responses/\(world.victim)-1.md"))
                    .replacingOccurrences(of: "Réponse authentique à la victime.", with: Forged.answer)
            ], message: "Réponse", key: world.foreignKey)
        try plant(world, ["\(dialogue):refs/heads/dialogue"])
        // published + final.
        let approval = try world.forgeCommit(
            on: "refs/hub/tags/v1^{commit}", write: ["approval.yml": try world.forgedApproval()],
            message: "Approbation de la v1", key: world.foreignKey)
        try world.forgeTag("final", at: approval, message: "Approbation de la v1 par \(Forged.buyer)", key: world.foreignKey)
        try plant(world, ["\(approval):refs/heads/published", "refs/tags/final:refs/tags/final"])
        // v2, signed by the attacker.
        try world.forgeTag("v2", at: "refs/hub/heads/main", message: Forged.draft, key: world.foreignKey)
        try plant(world, ["refs/tags/v2:refs/tags/v2"])
        // main rewritten.
        let rewritten = try world.forgeCommit(
            on: "refs/hub/heads/main^", write: ["cctp.md": try world.forgedMainText()],
            message: "Réécriture", key: world.foreignKey)
        try plant(world, ["\(rewritten):refs/heads/main"])
        // The victim's branch deleted.
        try plant(world, [":\(world.victimBranch)"])
        // supersedes of the victim's proposal, signed by the attacker's genuine key.
        let own = try world.forgeCommit(
            on: "refs/hub/heads/proposals/\(world.attacker)", write: ["2.md": try world.forgedSupersedes()],
            message: "Proposition", key: world.derivedKey)
        try plant(world, ["\(own):\(world.attackerBranch)"])
        // Refs outside the layout.
        let stray = try world.forgeCommit(
            on: "refs/hub/heads/main", write: ["cctp.md": try world.forgedMainText()],
            message: "Hors organisation", key: world.foreignKey)
        try world.forgeTag("x", at: stray, message: Forged.draft, key: world.foreignKey)
        try plant(world, ["\(stray):refs/heads/evil", "refs/tags/x:refs/tags/x"])
        // The agent fetches once the round is over (the forgeries are already there) ...
        box.now = "2027-01-21T08:00:00+01:00"
        _ = try box.jsf(["fetch"], in: "c")
        // ... then the latecomer's proposal, written in the round, is pushed: this clone can tell it came late.
        box.now = "2027-01-21T09:00:00+01:00"
        let late = try box.git(["push", world.hub, "\(world.latecomerBranch):\(world.latecomerBranch)"], in: "latecomer")
        try #require(late.status == 0, "\(late)")
        #expect(try box.gitOutput("rev-parse", "refs/heads/main", in: world.hub) == rewritten, "the planting worked")

        let forgedRefs: [(String, [String])] = [
            ("refs/heads/dialogue", ["signature", "owner"]),
            ("refs/heads/published", ["owner"]),
            ("refs/tags/final", ["shape", "owner"]),
            ("refs/tags/v2", ["owner"]),
            ("refs/heads/main", ["fast-forward"]),
            (world.attackerBranch, ["supersedes"]),
            ("refs/heads/evil", ["layout"]),
            ("refs/tags/x", ["layout"]),
        ]

        // The victim fetches: exit 1, each forgery reported, its own deleted branch reported and kept, its
        // working tree untouched.
        let treeBefore = try box.read("victim/cctp.md")
        let headBefore = try box.gitOutput("rev-parse", "HEAD", in: "victim")
        let statusBefore = try box.gitOutput("status", "--porcelain", in: "victim")
        let fetched = try box.jsf(["fetch"], as: "victim", in: "victim")
        #expect(fetched.status == 1, "\(fetched)")
        for (ref, rules) in forgedRefs {
            #expect(
                !refusalLines(fetched, ref: ref, rules: rules, prefix: "forged: ").isEmpty,
                "victim's fetch does not report \(ref) (rule: \(rules.joined(separator: "|"))):\n\(fetched)")
        }
        #expect(fetched.stderr.lines.contains { $0.contains(world.victimBranch) && !$0.hasPrefix("forged:") }, "deletion not reported:\n\(fetched)")
        #expect(try box.gitOutput("rev-parse", "refs/remotes/origin/proposals/\(world.victim)", in: "victim") == victimTip)
        #expect(try box.gitOutput("rev-parse", "refs/remotes/origin/main", in: "victim") == genuineMain)
        #expect(try box.read("victim/cctp.md") == treeBefore)
        #expect(try box.gitOutput("rev-parse", "HEAD", in: "victim") == headBefore)
        #expect(try box.gitOutput("status", "--porcelain", in: "victim") == statusBefore)
        #expect(try box.git("rev-parse", "--verify", "--quiet", "refs/tags/v2", in: "victim").status != 0)
        #expect(try box.git("rev-parse", "--verify", "--quiet", "refs/tags/final", in: "victim").status != 0)
        let victimStatus = try box.jsf(["status", "--json"], as: "victim", in: "victim")
        #expect(victimStatus.status == 0, "\(victimStatus)")
        for forged in [Forged.answer, Forged.buyer, Forged.text, Forged.draft] {
            #expect(!victimStatus.output.contains(forged), "victim's status shows '\(forged)':\n\(victimStatus)")
        }
        #expect(victimStatus.stdout.contains("Réponse authentique à la victime."), "\(victimStatus)")

        // A second fetch says the same (the forgeries stay in quarantine, nothing is accepted later by mistake).
        let again = try box.jsf(["fetch"], as: "victim", in: "victim")
        #expect(again.status == 1, "\(again)")
        #expect(!refusalLines(again, ref: "refs/heads/dialogue", rules: ["signature", "owner"], prefix: "forged: ").isEmpty, "\(again)")

        // The agent fetches after the round closed: the same, and the latecomer's proposal is reported late.
        let agentFetch = try box.jsf(["fetch"], in: "c")
        #expect(agentFetch.status == 1, "\(agentFetch)")
        for (ref, rules) in forgedRefs {
            #expect(
                !refusalLines(agentFetch, ref: ref, rules: rules, prefix: "forged: ").isEmpty,
                "agent's fetch does not report \(ref):\n\(agentFetch)")
        }
        #expect(agentFetch.stderr.contains("\(world.latecomer)-1"), "late proposal not reported:\n\(agentFetch)")
        #expect(
            refusalLines(agentFetch, ref: world.latecomerBranch, rules: ["late", "owner", "signature"], prefix: "forged: ").isEmpty,
            "a genuine late proposal is not a forgery:\n\(agentFetch)")

        // No reading command shows the forged data; they still show the genuine dialogue.
        let outputs: [(String, Run)] = [
            ("status", try box.jsf(["status"], in: "c")),
            ("status --json", try box.jsf(["status", "--json"], in: "c")),
            ("inbox --json", try box.jsf(["inbox", "--json"], in: "c")),
            ("log --json", try box.jsf(["log", "--json"], in: "c")),
            ("log", try box.jsf(["log"], in: "c")),
            ("show attacker-1", try box.jsf(["show", "\(world.attacker)-1"], in: "c")),
            ("show victim-1", try box.jsf(["show", "\(world.victim)-1"], in: "c")),
            ("export", try box.jsf(["export", "--format", "md", "-o", "-"], in: "c")),
            ("victim inbox", try box.jsf(["log", "--json"], as: "victim", in: "victim")),
            ("victim export", try box.jsf(["export", "--format", "md", "-o", "-"], as: "victim", in: "victim")),
        ]
        for (name, run) in outputs {
            #expect(run.status == 0, "jsf \(name):\n\(run)")
            for forged in [Forged.answer, Forged.buyer, Forged.text, Forged.draft] {
                #expect(!run.output.contains(forged), "jsf \(name) shows the forged '\(forged)':\n\(run)")
            }
        }
        let inbox = outputs[2].1.stdout
        #expect(inbox.contains("\(world.victim)-1"), "the deleted competitor's proposals are no longer listed:\n\(inbox)")
        #expect(inbox.contains("\(world.attacker)-1"))
        #expect(!inbox.contains("\(world.attacker)-2"), "the forged supersedes is listed:\n\(inbox)")
        #expect(outputs[5].1.stdout.contains("Réponse authentique : non retenue."), "\(outputs[5].1)")
        #expect(outputs[6].1.stdout.contains("Réponse authentique à la victime."), "\(outputs[6].1)")
        #expect(!outputs[3].1.stdout.contains("\"v2\""), "log lists the forged v2:\n\(outputs[3].1)")
        let forgedExport = try box.jsf(["export", "v2", "--format", "md", "-o", "-"], in: "c")
        #expect(forgedExport.status != 0 && !forgedExport.output.contains(Forged.text), "\(forgedExport)")
        let finalExport = try box.jsf(["export", "final", "--format", "md", "-o", "-"], in: "c")
        #expect(finalExport.status != 0, "export final of a forged approval:\n\(finalExport)")

        // jsf verify, in both clones: exit 1 and every forgery named.
        for (user, dir) in [("agent", "c"), ("victim", "victim")] {
            let verify = try box.jsf(["verify"], as: user, in: dir)
            #expect(verify.status == 1, "\(dir): \(verify)")
            // What fetch left in quarantine: refs/jsf/quarantine/heads/… and …/tags/….
            for (ref, rules) in forgedRefs {
                let quarantined = "refs/jsf/quarantine/" + ref.dropFirst("refs/".count)
                #expect(
                    verify.stdout.lines.contains { line in
                        line.hasPrefix("FAILED") && line.contains(" \(quarantined): ") && rules.contains { line.contains("(rule: \($0))") }
                    }, "\(dir): jsf verify does not name \(quarantined) (rule: \(rules.joined(separator: "|"))):\n\(verify)")
            }
            #expect(!verify.stdout.lines.contains { $0.hasPrefix("ok") && $0.contains("quarantine") }, "\(verify)")
        }
        let json = try box.jsf(["verify", "--json"], in: "c")
        #expect(json.status == 1, "\(json)")
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "jsf verify --json is not JSON:\n\(json)")
        for (ref, _) in forgedRefs {
            #expect(json.stdout.contains("refs/jsf/quarantine/" + ref.dropFirst("refs/".count)), "verify --json lacks \(ref):\n\(json)")
        }
        // And jsf verify on the hub itself fails.
        let hubVerify = try box.jsf(["verify"], in: world.hub)
        #expect(hubVerify.status == 1, "\(hubVerify)")
    }
}

/// Holes the attacks above found, each shown by the commands that revealed it, and now closed.
@Suite("trust attacks: holes found and closed")
struct TrustAttackHoleTests {
    @Test("a buyer the agent removed signs an approval on a hub without hooks: the hook refuses it, and so does jsf fetch")
    func removedBuyerApproves() throws {
        let world = try AttackWorld.make()
        let box = world.box
        box.now = "2027-01-21T09:00:00+01:00"
        try box.ok("consultation", "remove-buyer", "--name", "PFRA Bretagne", in: "c")
        try world.refreshForge()
        let buyerKey = box.path("jsf-buyer/signing_key")
        let approval = try world.forgeCommit(
            on: "refs/hub/tags/v1^{commit}",
            write: [
                "approval.yml":
                    "format: 1\nversion: 1\nbuyer: PFRA Bretagne\ndate: 2027-01-21\nnote: approuvé après mon retrait\ncommit: \(try box.gitOutput("rev-parse", "refs/hub/tags/v1^{commit}", in: "forge"))\n"
            ],
            message: "Approbation de la v1", key: buyerKey)
        try world.forgeTag("final", at: approval, message: "Approbation de la v1", key: buyerKey)
        let refspecs = ["\(approval):refs/heads/published", "refs/tags/final:refs/tags/final"]

        // The hook judges by the keys listed now: refused.
        let before = try world.hubRefs()
        let refused = try box.git(["push", world.hub] + refspecs, in: "forge")
        #expect(refused.status != 0, "\(refused)")
        #expect(!refusalLines(refused, ref: "refs/heads/published", rules: ["owner"]).isEmpty, "\(refused)")
        #expect(try world.hubRefs() == before)

        // Without the hook, the agent's clone — which itself made the removal — accepts it ("ever listed" keys).
        try TrustAttackTests().disarm(world)
        let planted = try box.git(["push", world.hub] + refspecs, in: "forge")
        try #require(planted.status == 0, "\(planted)")
        let fetched = try box.jsf(["fetch"], in: "c")
        let status = try box.jsf(["status"], in: "c")
        #expect(fetched.status == 1, "\(fetched)")
        #expect(!refusalLines(fetched, ref: "refs/heads/published", rules: ["owner"], prefix: "forged: ").isEmpty, "\(fetched)")
        #expect(!status.stdout.contains("approved:"), "\(status)")
        // A fresh clone, which has nothing verified to compare with, refuses it too: the removal named what the
        // buyer had approved until then (nothing).
        try box.ok("identity", "init", "--role", "company", "--name", "Nouvel Arrivant", "--cpv", "55524000-9", "--departement", "35", as: "newcomer")
        let fresh = try box.jsf(["clone", "hub.git", "newcomer"], as: "newcomer")
        #expect(fresh.status == 1 && !refusalLines(fresh, ref: "refs/heads/published", rules: ["owner"], prefix: "forged: ").isEmpty, "\(fresh)")
        #expect(!(try box.jsf(["status"], as: "newcomer", in: "newcomer")).stdout.contains("approved:"))
    }

    @Test("a plain git clone of a hub without hooks: jsf fetch verifies what git fetched, so a forged main cannot list the attacker as agent")
    func plainCloneTrustsForgeries() throws {
        let world = try AttackWorld.make()
        let box = world.box
        try TrustAttackTests().disarm(world)
        try world.refreshForge()
        // An unsigned main that lists the attacker's own key as a second agent key.
        let attackerKey = try box.read(world.foreignKey + ".pub").split(separator: " ").prefix(2).joined(separator: " ")
        var consultation = try world.forgeFile("refs/hub/heads/main", "consultation.yml")
        try #require(consultation.contains("  agent:\n"), "\(consultation)")
        consultation = consultation.replacingOccurrences(of: "  agent:\n", with: "  agent:\n    - name: Agent bis\n      key: \(attackerKey)\n")
        let forgedMain = try world.forgeCommit(on: "refs/hub/heads/main", write: ["consultation.yml": consultation], message: "Clés", key: nil)
        try TrustAttackTests().plant(world, ["\(forgedMain):refs/heads/main"])

        // A company that first got the consultation with plain git ("an ordinary git repository"), then uses jsf.
        _ = try box.gitOutput("clone", "--quiet", world.hub, "plain")
        let fetched = try box.jsf(["fetch"], as: "victim", in: "plain")
        let verified = try box.read("plain/.git/jsf/verified")
        // jsf verify does see it.
        let verify = try box.jsf(["verify"], as: "victim", in: "plain")
        #expect(verify.status == 1, "\(verify)")
        // The unverified copy git made is withdrawn from origin/…; what remains is the checkout git made.
        #expect(verify.stdout.contains("refs/heads/main: is not signed (rule: signature)"), "\(verify)")
        #expect(try box.git("rev-parse", "--verify", "-q", "refs/remotes/origin/main", in: "plain").status != 0)

        // Then an answer signed by the attacker's key: accepted, since the forged main lists it.
        try world.refreshForge()
        let answer = try world.forgeCommit(
            on: "refs/hub/heads/dialogue", write: ["responses/\(world.attacker)-1.md": try world.forgedAnswer()],
            message: "Réponse", key: world.foreignKey)
        try TrustAttackTests().plant(world, ["\(answer):refs/heads/dialogue"])
        let second = try box.jsf(["fetch"], as: "victim", in: "plain")
        let show = try box.jsf(["show", "\(world.attacker)-1"], as: "victim", in: "plain")
        #expect(fetched.status == 1, "\(fetched)")
        #expect(!refusalLines(fetched, ref: "refs/heads/main", rules: ["signature"], prefix: "forged: ").isEmpty, "\(fetched)")
        #expect(!verified.contains(forgedMain), "the unsigned main is recorded as verified:\n\(verified)")
        #expect(second.status == 1, "\(second)")
        #expect(!show.output.contains(Forged.answer), "jsf show presents the attacker's answer as the agent's:\n\(show)")
    }

    @Test("jsf clone of a hub holding a forgery reports it, keeps it out and exits 1")
    func cloneOfForgedHubExitsZero() throws {
        let world = try AttackWorld.make()
        let box = world.box
        try TrustAttackTests().disarm(world)
        try world.refreshForge()
        let answer = try world.forgeCommit(
            on: "refs/hub/heads/dialogue", write: ["responses/\(world.attacker)-1.md": try world.forgedAnswer()],
            message: "Réponse", key: world.foreignKey)
        try TrustAttackTests().plant(world, ["\(answer):refs/heads/dialogue"])
        try box.ok(
            "identity", "init", "--role", "company", "--name", "Nouvel Arrivant", "--cpv", "55524000-9", "--departement", "35",
            as: "newcomer")
        let cloned = try box.jsf(["clone", "hub.git", "newcomer"], as: "newcomer")
        #expect(!refusalLines(cloned, ref: "refs/heads/dialogue", rules: ["owner"], prefix: "forged: ").isEmpty, "\(cloned)")
        let show = try box.jsf(["show", "\(world.attacker)-1"], as: "newcomer", in: "newcomer")
        #expect(show.status == 0, "\(show)")
        #expect(!show.output.contains(Forged.answer), "\(show)")
        #expect(cloned.status == 1, "\(cloned)")
    }

    @Test("a proposal pushed in its round and first fetched by the agent after the close is not late")
    func onTimeProposalReportedLate() throws {
        let world = try AttackWorld.make()
        let box = world.box
        // In the round: the latecomer pushes with jsf, the hub's hook accepts it in time.
        box.now = "2027-01-15T09:00:00+01:00"
        try box.ok("push", as: "latecomer", in: "latecomer")
        #expect(try box.git("cat-file", "-e", "\(world.latecomerBranch):1.md", in: world.hub).status == 0)
        // The agent fetches once the round is over, as agents do.
        box.now = "2027-01-21T09:00:00+01:00"
        let fetched = try box.jsf(["fetch"], in: "c")
        #expect(fetched.status == 0, "\(fetched)")
        #expect(!fetched.stderr.contains("\(world.latecomer)-1 arrived after its round closed"), "\(fetched)")
    }
}

/// What a security review of the trust code found, each attack refused since.
@Suite("trust attacks: a review's findings")
struct TrustReviewTests {
    @Test("insiders' replays refused by the hook: a v2 on an old commit signed by the agent's own key, an approval with three parents")
    func insiderReplays() throws {
        let world = try AttackWorld.make()
        let box = world.box
        try world.refreshForge()
        let agentKey = box.path("jsf-agent/signing_key")
        // v2 on main's first commit: the agent's key, but an old text with no round for v2.
        let root = try box.gitOutput("rev-list", "--max-parents=0", "refs/hub/heads/main", in: "forge")
        try world.forgeTag("v2", at: root, message: "Version 2", key: agentKey)
        let before = try world.hubRefs()
        let tag = try box.git(["push", world.hub, "refs/tags/v2:refs/tags/v2"], in: "forge")
        #expect(tag.status != 0 && !refusalLines(tag, ref: "refs/tags/v2", rules: ["shape"]).isEmpty, "\(tag)")
        #expect(tag.stderr.contains("does not come after v1"), "\(tag)")

        // An approval merge with a third, unsigned parent smuggled in, signed by the listed buyer.
        box.now = "2027-01-21T09:00:00+01:00"
        let v1 = try box.gitOutput("rev-parse", "refs/hub/tags/v1^{commit}", in: "forge")
        let stray = try world.forgeCommit(on: nil, write: ["notes.md": "contenu non signé\n"], message: "Parent clandestin", key: nil)
        _ = try box.gitOutput("checkout", "--quiet", "--force", "--detach", v1, in: "forge")
        try box.write(
            "forge/approval.yml", "format: 1\nversion: 1\nbuyer: PFRA Bretagne\ndate: \"2027-01-21T09:00:00+01:00\"\nnote: ok\ncommit: \(v1)\n")
        _ = try box.gitOutput("add", "approval.yml", in: "forge")
        let tree = try box.gitOutput("write-tree", in: "forge")
        let merge = try box.gitOutput(
            "-c", "gpg.format=ssh", "-c", "user.signingkey=\(box.path("jsf-buyer/signing_key"))",
            "-c", "user.name=PFRA", "-c", "user.email=pfra@example.invalid",
            "commit-tree", "-S", tree, "-p", v1, "-p", stray, "-p", v1, "-m", "Approbation de la v1", in: "forge")
        let pushed = try box.git(["push", world.hub, "\(merge):refs/heads/published"], in: "forge")
        #expect(pushed.status != 0 && !refusalLines(pushed, ref: "refs/heads/published", rules: ["shape"]).isEmpty, "\(pushed)")
        #expect(try world.hubRefs() == before)
    }

    @Test(
        "a clone has no upstream for main (git pull cannot merge unverified); a stray ref is reported without failing the fetch; allowed-signers by role"
    )
    func plainGitAndRoles() throws {
        let world = try AttackWorld.make()
        let box = world.box
        #expect(try box.git("config", "branch.main.merge", in: "victim").status != 0, "jsf clone set an upstream for main")
        #expect(try box.git("pull", "-q", in: "victim").status != 0, "git pull merged the hub's main without jsf")

        try TrustAttackTests().disarm(world)
        try world.refreshForge()
        let junk = try world.forgeCommit(on: "refs/hub/heads/main", write: ["junk.md": "x\n"], message: "junk", key: nil)
        try TrustAttackTests().plant(world, ["\(junk):refs/heads/junk"])
        let fetched = try box.jsf(["fetch"], as: "victim", in: "victim")
        #expect(fetched.status == 0, "\(fetched)")
        #expect(!refusalLines(fetched, ref: "refs/heads/junk", rules: ["layout"], prefix: "forged: ").isEmpty, "\(fetched)")

        // Checked against the agent's keys alone, a company's commit does not pass for the agent's.
        try box.ok("allowed-signers", "--role", "agent", "-o", box.path("agent-signers"), in: "c")
        let signers = try box.read("agent-signers")
        #expect(signers.contains("@agent ") && !signers.contains("@company ") && !signers.contains("@buyer "), "\(signers)")
        let config = ["-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(box.path("agent-signers"))"]
        #expect(try box.git(config + ["verify-commit", "main"], in: "c").status == 0)
        #expect(try box.git(config + ["verify-commit", "refs/remotes/origin/proposals/\(world.victim)"], in: "c").status != 0)
    }
}
