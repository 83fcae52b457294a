import Foundation
import Testing

/// Keys, key changes, allowed signers, the hook's input and verification of a hub: the trust commands one by one.
@Suite("trust: keys, allowed signers, verify, hook input")
struct TrustCommandTests {
    struct KeyEventJSON: Decodable {
        var commit: String
        var change: String
        var role: String
        var name: String
        var key: String
        var fingerprint: String
    }

    struct VerifyJSON: Decodable {
        struct Ref: Decodable {
            struct Problem: Decodable {
                var rule: String
                var message: String
            }
            var ref: String
            var local: String
            var ok: Bool
            var problems: [Problem]
        }
        var ok: Bool
        var refs: [Ref]
    }

    /// An ssh-keygen ed25519 key in the sandbox; nil when ssh-keygen is missing.
    func sshKey(_ box: Sandbox, _ name: String, passphrase: String = "", type: String = "ed25519") throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen") else { return nil }
        let path = box.path(name)
        var arguments = ["-q", "-t", type, "-N", passphrase, "-C", name, "-f", path]
        if type == "rsa" { arguments += ["-b", "1024"] }
        let run = try spawn("/usr/bin/ssh-keygen", arguments, in: box.root, environment: box.environment(user: "git"))
        try #require(run.status == 0, "\(run)")
        return path
    }

    @Test("after a fetch, a push still moves the clone's copy of the hub's main: jsf verify accepts the next draft")
    func pushAfterFetchKeepsTrackingRefs() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        box.now = "2027-01-05T09:00:00+01:00"
        try box.ok("fetch", in: "c")
        try box.edit("c/cctp.md", replacing: "Le titulaire", with: "Le prestataire")
        try box.ok("publish", "--until", "2027-01-25", in: "c")
        // Before the fix, refs/remotes/origin/main stayed at v1 (libgit2 followed the quarantine refspec).
        #expect(try box.gitOutput("rev-parse", "refs/remotes/origin/main", in: "c") == (try box.gitOutput("rev-parse", "v2^{commit}", in: "c")))
        let verify = try box.jsf(["verify"], in: "c")
        #expect(verify.status == 0, "\(verify)")
        #expect(!verify.stdout.contains("FAILED"), "\(verify)")
    }

    @Test("an agent gets a 0600 OpenSSH signing key that ssh-keygen reads; init lists it in consultation.yml; --force keeps it")
    func generatedKey() throws {
        let box = try Sandbox()
        try box.setUpAgent()
        let key = box.path("jsf-agent/signing_key")
        #expect(try permissions(key) == 0o600)
        let show = try decode(IdentityKeyJSON.self, from: box.ok("identity", "show", "--json"))
        let publicKey = try #require(show.signingKey)
        #expect(publicKey.hasPrefix("ssh-ed25519 AAAA"))
        #expect(show.fingerprint?.hasPrefix("SHA256:") == true)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen") {
            let derived = try spawn("/usr/bin/ssh-keygen", ["-y", "-f", key], in: box.root, environment: box.environment(user: "git"))
            #expect(derived.status == 0 && derived.stdout.hasPrefix(publicKey), "\(derived)")
            let fingerprint = try spawn("/usr/bin/ssh-keygen", ["-l", "-f", key + ".pub"], in: box.root, environment: box.environment(user: "git"))
            #expect(fingerprint.stdout.contains(show.fingerprint ?? "?"), "\(fingerprint)")
        }
        try box.setUpConsultation()
        // With the agent's encryption key, signed by the signing key (what encryption_key.pub holds).
        let encryption = try #require(show.encryptionKey)
        #expect(try box.read("jsf-agent/encryption_key.pub") == encryption + " Préfecture du Bas-Rhin\n")
        #expect(
            try box.read("c/consultation.yml").contains(
                "keys:\n  agent:\n    - name: Préfecture du Bas-Rhin\n      key: \(publicKey)\n      encryption: \(encryption)\n  buyers: []\n"))
        try box.ok("identity", "init", "--role", "agent", "--name", "Marie Dupont", "--organisation", "Préfecture du Bas-Rhin", "--force")
        #expect(try decode(IdentityKeyJSON.self, from: box.ok("identity", "show", "--json")).signingKey == publicKey)
    }

    @Test("--ssh-key brings an existing key; encrypted, RSA or missing keys and a company's --ssh-key are refused")
    func broughtKey() throws {
        let box = try Sandbox()
        guard let key = try sshKey(box, "id_ed25519") else {
            print("skipped: ssh-keygen is not installed")
            return
        }
        try box.ok("identity", "init", "--role", "agent", "--name", "Marie", "--organisation", "Mairie", "--ssh-key", key)
        let pub = try box.read("id_ed25519.pub").split(separator: " ").prefix(2).joined(separator: " ")
        #expect(try decode(IdentityKeyJSON.self, from: box.ok("identity", "show", "--json")).signingKey == pub)
        #expect(!box.exists("jsf-agent/signing_key"), "no second key generated")
        try box.setUpConsultation()
        #expect(try box.read("c/consultation.yml").contains("key: \(pub)"))
        // The first commit is signed with that very key: ssh-keygen checks it against an allowed-signers line of it.
        try box.write("allowed", "agent namespaces=\"git\" \(pub)\n")
        #expect(
            try box.git("-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(box.path("allowed"))", "verify-commit", "main", in: "c").status
                == 0)

        let encrypted = try #require(try sshKey(box, "id_locked", passphrase: "secret phrase"))
        expectRefusal(
            try box.jsf("identity", "init", "--role", "buyer", "--name", "Paul", "--organisation", "PFRA", "--ssh-key", encrypted, as: "b1"),
            status: 1, ["encrypted: remove the passphrase with ssh-keygen -p, or use another key"])
        let rsa = try #require(try sshKey(box, "id_rsa", type: "rsa"))
        expectRefusal(
            try box.jsf("identity", "init", "--role", "buyer", "--name", "Paul", "--organisation", "PFRA", "--ssh-key", rsa, as: "b2"),
            status: 1, ["ssh-rsa"])
        expectRefusal(
            try box.jsf(
                "identity", "init", "--role", "buyer", "--name", "Paul", "--organisation", "PFRA", "--ssh-key", box.path("nothing"), as: "b3"),
            status: 1, ["cannot read the signing key"])
        for user in ["b1", "b2", "b3"] { #expect(!box.exists("jsf-\(user)/identity.yml"), "nothing written for \(user)") }
        expectRefusal(
            try box.jsf("identity", "init", "--role", "company", "--name", "X", "--ssh-key", key, as: "co"), status: 64,
            ["--ssh-key is for an agent or buyer"])
    }

    @Test("add-buyer and remove-buyer are signed commits on main, shown by log; allowed-signers lets git verify every commit")
    func buyers() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        try box.setUpBuyer(push: false)
        try box.ok("identity", "init", "--role", "buyer", "--name", "Jeanne", "--organisation", "PFRA Grand Est", as: "buyer2")
        let second = try box.read("jsf-buyer2/signing_key.pub").split(separator: " ").prefix(2).joined(separator: " ")
        try box.ok("consultation", "add-buyer", "--name", "PFRA Grand Est", "--key-string", second, "--no-push", in: "c")
        expectRefusal(
            try box.jsf("consultation", "add-buyer", "--name", "Encore", "--key-string", second, "--no-push", in: "c"),
            status: 1, ["this key is already listed, for 'PFRA Grand Est'"])
        expectRefusal(
            try box.jsf("consultation", "add-buyer", "--name", "X", "--key-string", "ssh-rsa AAAAB3NzaC1yc2E", "--no-push", in: "c"),
            status: 1, ["is not an OpenSSH ed25519 public key"])
        expectRefusal(try box.jsf("consultation", "add-buyer", "--name", "X", "--no-push", in: "c"), status: 64, ["--key FILE or --key-string"])
        expectRefusal(try box.jsf("consultation", "add-buyer", "--name", "X", "--key-string", second, as: "buyer2", in: "c"), status: 1, ["agent"])
        box.now = "2027-01-06T10:00:00+01:00"
        try box.ok("consultation", "remove-buyer", "--name", "PFRA Bretagne", "--no-push", in: "c")
        expectRefusal(
            try box.jsf("consultation", "remove-buyer", "--name", "Personne", "--no-push", in: "c"), status: 1, ["no such buyer", "PFRA Grand Est"])

        let events = try decode([KeyEventJSON].self, from: box.ok("log", "--keys", "--json", in: "c"))
        #expect(
            events.map { "\($0.change) \($0.role) \($0.name)" } == [
                "added agent Préfecture du Bas-Rhin", "added buyer PFRA Bretagne", "added buyer PFRA Grand Est", "removed buyer PFRA Bretagne",
            ])
        #expect(try box.gitOutput("log", "-1", "--format=%s%n%b", "main", in: "c").contains("Key-Removed: buyer SHA256:"))
        let consultation = try box.read("c/consultation.yml")
        #expect(consultation.contains("name: PFRA Grand Est") && !consultation.contains("name: PFRA Bretagne"))
        #expect(try box.ok("log", in: "c").stdout.contains("removed  buyer  PFRA Bretagne"))

        // A buyer no longer listed cannot approve; the hint gives the agent's command.
        box.now = "2027-01-25T10:00:00+01:00"
        expectRefusal(
            try box.jsf("approve", "-m", "ok", "--no-push", as: "buyer", in: "c"), status: 1,
            ["is not listed among the PFRA buyers", "jsf consultation add-buyer --name \"PFRA Bretagne\" --key-string \"ssh-ed25519 "])

        try box.ok("allowed-signers", "-o", "allowed", in: "c")
        let allowed = try box.read("c/allowed")
        #expect(allowed.contains("pfra-bretagne@buyer namespaces=\"git\",valid-before=\"20270106090000Z\" ssh-ed25519 "), "\(allowed)")
        #expect(allowed.contains("prefecture-du-bas-rhin@agent namespaces=\"git\" ssh-ed25519 "))
        for commit in try box.gitOutput("rev-list", "--all", in: "c").lines {
            let run = try box.git(
                "-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(box.path("c/allowed"))", "verify-commit", commit, in: "c")
            #expect(run.status == 0, "\(commit): \(run)")
        }
        #expect(
            try box.git("-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(box.path("c/allowed"))", "tag", "-v", "v1", in: "c").status == 0)
        #expect(try box.ok("verify", in: "c").stderr.contains("each written and signed by its owner"))
    }

    @Test("jsf verify works in a bare hub and names an unsigned commit; the hook refuses malformed input")
    func verifyHubAndHookInput() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        let clean = try decode(VerifyJSON.self, from: box.ok("verify", "--json", in: "hub.git"))
        #expect(clean.ok && clean.refs.map(\.ref).sorted() == ["refs/heads/main", "refs/tags/v1"], "\(clean)")
        #expect(try box.read("hub.git/hooks/pre-receive").contains("hook pre-receive"))
        #expect(try box.gitOutput("config", "receive.denyNonFastForwards", in: "hub.git") == "true")

        // An unsigned commit made straight in the hub, around the hook.
        let tree = try box.gitOutput("rev-parse", "main^{tree}", in: "hub.git")
        let main = try box.gitOutput("rev-parse", "main", in: "hub.git")
        let forged = try box.gitOutput("commit-tree", tree, "-p", main, "-m", "unsigned", in: "hub.git")
        try box.gitOutput("update-ref", "refs/heads/main", forged, in: "hub.git")
        let run = try box.jsf("verify", "--json", in: "hub.git")
        #expect(run.status == 1)
        let report = try decode(VerifyJSON.self, from: run)
        let main2 = try #require(report.refs.first { $0.ref == "refs/heads/main" })
        #expect(!main2.ok && main2.problems.map(\.rule) == ["signature"], "\(main2)")
        let human = try box.jsf("verify", "main", in: "hub.git")
        #expect(human.status == 1 && human.stdout.contains("FAILED \(forged.prefix(7)) refs/heads/main: is not signed (rule: signature)"), "\(human)")
        box.language = "fr_FR.UTF-8"
        let french = try box.jsf("verify", "main", in: "hub.git")
        #expect(
            french.status == 1 && french.stdout.contains("ÉCHEC  \(forged.prefix(7)) refs/heads/main : n'est pas signé (règle : signature)"),
            "\(french)")
        #expect(french.stderr.contains("jsf verify : 1 référence(s) sur 1 en échec"), "\(french)")
        box.language = "C.UTF-8"

        let hook = try spawnWithInput(
            try jsfBinary.get(), ["hook", "pre-receive"], in: box.path("hub.git"),
            environment: box.environment(extra: ["GIT_DIR": box.path("hub.git")]), input: "not a hook line\n")
        expectRefusal(hook, status: 1, ["hook input line 1 is not '<old> <new> <ref>'"])
    }

    @Test("on a hub without hooks, a clarification first seen after its round closed is late: reported, marked, and not blocking approval")
    func lateProposal() throws {
        let box = try Sandbox()
        #expect(try box.git("init", "-q", "--bare", "-b", "main", "plain.git").status == 0)
        try box.setUpConsultation()
        try box.gitOutput("remote", "add", "origin", box.path("plain.git"), in: "c")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.setUpBuyer()
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "plain.git", "co", as: "company")
        try box.ok("clone", "plain.git", "b", as: "buyer")
        let id = try box.ok("propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Vacances incluses ?", as: "company", in: "co")
            .trimmed
        // The agent and the buyer fetch once the round is over: nothing new then.
        box.now = "2027-01-21T10:00:00+01:00"
        try box.ok("fetch", in: "c")
        try box.ok("fetch", as: "buyer", in: "b")
        // Pushed only after that; a hub without hooks takes it.
        box.now = "2027-01-22T10:00:00+01:00"
        try box.ok("push", as: "company", in: "co")
        let fetched = try box.ok("fetch", in: "c")
        #expect(fetched.stderr.contains("warning: proposal \(id) arrived after its round closed: it is marked late"), "\(fetched)")
        let inbox = try box.ok("inbox", "--json", in: "c").stdout
        #expect(inbox.contains("\"late\" : true"), "\(inbox)")
        #expect(try box.ok("show", id, in: "c").stdout.contains("first seen here after its round closed"))
        // The PFRA buyer sees it late too, and may approve although it is unanswered.
        try box.ok("fetch", as: "buyer", in: "b")
        let approved = try box.jsf("approve", "-m", "Texte conforme.", as: "buyer", in: "b")
        #expect(approved.status == 0, "\(approved)")
    }

    @Test("a hub made without JSF_NOW judges rounds by its own clock: a pusher's JSF_NOW does not reopen a round")
    func hubClock() throws {
        let box = try Sandbox()
        try box.setUpAgent()
        // A hub made for real (no JSF_NOW); a round in 2099 by the pushers' clock, not yet open by the hub's.
        try box.jsf(["hub", "init", "hub.git"], environment: ["JSF_NOW": nil])
        #expect(try box.git("config", "jsf.clock", in: "hub.git").status != 0)
        box.now = "2099-01-04T09:00:00+01:00"
        try box.setUpConsultation()
        try box.gitOutput("remote", "add", "origin", box.path("hub.git"), in: "c")
        try box.ok("publish", "--until", "2099-01-20", in: "c")
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        try box.ok("propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Question ?", as: "company", in: "co")
        expectRefusal(try box.jsf("push", as: "company", in: "co"), status: 1, ["(rule: late)"])
        let pseudonym = try box.gitOutput("config", "jsf.pseudonym", in: "co")
        let plain = try box.git("push", "origin", "refs/heads/proposals/\(pseudonym)", in: "co")
        #expect(plain.status != 0 && plain.stderr.contains("(rule: late)"), "\(plain)")
        // A hub made under a fixed clock (tests, demonstrations) takes JSF_NOW.
        try box.ok("hub", "init", "test.git")
        #expect(try box.gitOutput("config", "jsf.clock", in: "test.git") == "environment")
    }

    @Test("clone --agent-key: the right key clones; a look-alike consultation made by another key is refused, nothing shown")
    func pinnedAgent() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        let agentKey = try box.read("jsf-agent/signing_key.pub").split(separator: " ").prefix(2).joined(separator: " ")
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "hub.git", "good", "--agent-key", agentKey, as: "company")
        #expect(try box.read("good/.git/jsf/agent-key") == agentKey + "\n")
        // Someone else makes the same consultation with their own key and serves it.
        try box.ok("identity", "init", "--role", "agent", "--name", "Imposteur", "--organisation", "Préfecture du Bas-Rhin", as: "impostor")
        try box.jsf(
            [
                "init", "fake", "--id", "restauration-val-d-orvenne-2027", "--title", "Restauration scolaire", "--buyer", "Commune de Val-d'Orvenne",
                "--cpv", "55524000-9", "--territory", "35", "--from", exampleCCTP("restauration-collective"), "--hub", "fake.git",
            ], as: "impostor")
        try box.ok("publish", "--until", "2027-01-20", as: "impostor", in: "fake")
        let cloned = try box.jsf(["clone", "fake.git", "bad", "--agent-key", agentKey], as: "company")
        #expect(cloned.status == 1, "\(cloned)")
        #expect(
            cloned.stderr.contains("forged: refs/heads/main") && cloned.stderr.contains("does not list the agent key you were given"), "\(cloned)")
        let log = try box.jsf(["log", "--json"], as: "company", in: "bad")
        #expect(!log.stdout.contains("\"v1\""), "the look-alike's draft is shown:\n\(log)")
        expectRefusal(
            try box.jsf(["clone", "hub.git", "x", "--agent-key", "ssh-ed25519 nonsense"], as: "company"), status: 64,
            ["--agent-key takes an OpenSSH ed25519 public key"])
    }

    @Test("an approval stays valid after its buyer is removed, for fresh clones too; the removal names what it had approved")
    func approvalOutlivesRemoval() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.setUpBuyer()
        try box.ok("clone", "hub.git", "b", as: "buyer")
        box.now = "2027-01-25T10:00:00+01:00"
        try box.ok("approve", "-m", "Texte conforme.", as: "buyer", in: "b")
        try box.ok("fetch", in: "c")
        try box.ok("consultation", "remove-buyer", "--name", "PFRA Bretagne", in: "c")
        let published = try box.gitOutput("rev-parse", "published", in: "hub.git")
        #expect(try box.gitOutput("log", "-1", "--format=%B", "main", in: "hub.git").contains("Published-Tip: \(published)"))
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        #expect(try box.ok("status", as: "company", in: "co").stdout.contains("approved: v1"))
        #expect(try box.ok("verify", as: "company", in: "co").status == 0)
    }

    @Test("discover remembers a catalogue: a history rewritten with a look-alike entry signed by another key is not trusted")
    func catalogueMemory() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", "--catalogue", box.path("catalogue.git"), in: "c")
        try box.setUpCompany()
        #expect(!(try box.ok("discover", "--all", box.path("catalogue.git"), as: "company")).stdout.contains("NOT TRUSTED"))
        // An impostor lists the same consultation, signed by its own key, in a catalogue of its own...
        try box.ok("identity", "init", "--role", "agent", "--name", "Imposteur", "--organisation", "Commune", as: "impostor")
        try box.jsf(
            [
                "init", "fake", "--id", "restauration-val-d-orvenne-2027", "--title", "Restauration scolaire", "--buyer", "Commune de Val-d'Orvenne",
                "--cpv", "55524000-9", "--territory", "35", "--from", exampleCCTP("restauration-collective"), "--hub", "fake.git",
            ], as: "impostor")
        try box.ok("publish", "--until", "2027-01-20", "--catalogue", box.path("fake-catalogue.git"), as: "impostor", in: "fake")
        // ... and forces its history onto the real catalogue, around the hook.
        try FileManager.default.removeItem(atPath: box.path("catalogue.git/hooks/pre-receive"))
        _ = try box.gitOutput("config", "receive.denyNonFastForwards", "false", in: "catalogue.git")
        #expect(try box.git("push", "-q", "--force", box.path("catalogue.git"), "main", in: "fake-catalogue.git").status == 0)
        let flagged = try box.ok("discover", "--all", box.path("catalogue.git"), as: "company")
        #expect(flagged.stdout.contains("NOT TRUSTED: the catalogue's history was rewritten since this machine read it"), "\(flagged)")
    }

    @Test("discover flags a catalogue entry that its agent's key did not sign")
    func catalogueTrust() throws {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", "--catalogue", box.path("catalogue.git"), in: "c")
        #expect(try box.gitOutput("config", "jsf.hub", in: "catalogue.git") == "catalogue")
        try box.setUpCompany()
        let listed = try box.ok("discover", "--all", box.path("catalogue.git"), as: "company")
        #expect(listed.stdout.contains("restauration-val-d-orvenne-2027") && !listed.stdout.contains("NOT TRUSTED"), "\(listed)")
        #expect(listed.stdout.contains("jsf clone \(box.path("hub.git")) --agent-key \"ssh-ed25519 "), "\(listed)")
        // Someone rewrites the entry's hub with plain git, around the catalogue's hook.
        #expect(try box.git("clone", "-q", "catalogue.git", "cat").status == 0)
        try box.edit("cat/consultations/restauration-val-d-orvenne-2027.yml", replacing: "hub: ", with: "hub: /tmp/evil.git\n# was: ")
        #expect(try box.git("commit", "-qam", "moved", in: "cat").status == 0)
        let push = try box.git("push", "origin", "main", in: "cat")
        #expect(push.status != 0 && push.stderr.contains("remote: error: refs/heads/main"), "\(push)")
        try? FileManager.default.removeItem(atPath: box.path("catalogue.git/hooks/pre-receive"))
        #expect(try box.git("push", "-q", "origin", "main", in: "cat").status == 0)
        let flagged = try box.ok("discover", "--all", box.path("catalogue.git"), as: "company")
        #expect(flagged.stdout.contains("NOT TRUSTED: the entry restauration-val-d-orvenne-2027 was changed by commit"), "\(flagged)")
    }
}

/// The key fields of `jsf identity show --json`.
struct IdentityKeyJSON: Decodable {
    var signingKey: String?
    var fingerprint: String?
    var encryptionKey: String?
}
