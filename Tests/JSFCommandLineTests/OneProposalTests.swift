import Foundation
import Testing

@testable import JeSaisFaire

// `jsf comment`, `jsf show ID` and a company's `jsf status` read one proposal branch, not every one (issue 13): what
// they read must be what the full listing (`jsf inbox`) gives, for every kind of proposal.
@Suite("One proposal read from its company's branch alone is the one the full listing gives")
struct OneProposalTests {
    /// A plain hub (no hook, so that a late push lands) and two companies: A with an open clarification amended
    /// (superseded), an alternative weighting, a withdrawn one, one on a clause v2 removes, and two files that break the
    /// rules on its local branch; B with one answered and one pushed after the round closed (late). v2 changes the
    /// target of A's amendment (outdated) and removes biodechets (orphaned); everyone has fetched it.
    struct World {
        let box: Sandbox
        let a: String
        let b: String

        init() throws {
            let box = try Sandbox()
            self.box = box
            #expect(try box.git("init", "-q", "--bare", "-b", "main", "plain.git").status == 0)
            try box.setUpConsultation()
            try box.gitOutput("remote", "add", "origin", box.path("plain.git"), in: "c")
            try box.ok("publish", "--until", "2027-01-20", in: "c")
            for (user, name, siret) in [("ca", "Cantine Bretonne", "73282932000074"), ("cb", "Traiteur du Golfe SARL", "41572083800127")] {
                try box.ok(
                    "identity", "init", "--role", "company", "--name", name, "--siret", siret, "--cpv", "55524000-9", "--departement", "35", as: user)
                try box.ok("clone", "plain.git", user, as: user)
            }
            box.now = "2027-01-05T10:00:00+01:00"
            func propose(_ user: String, _ arguments: String...) throws -> String {
                let run = try box.jsf(["propose"] + arguments, as: user, in: user)
                try #require(run.status == 0, "jsf propose failed:\n\(run)")
                return run.trimmed
            }
            let a1 = try propose("ca", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Les vacances comptent-elles ?")
            let pa = String(a1.dropLast(2))
            _ = try propose("ca", "prix", "--kind", "alternative", "--cost", "neutral", "--weight", "30", "-m", "Le prix pèse trop.")
            _ = try propose(
                "ca", "duree", "--kind", "clarification", "--cost", "neutral", "--amend", a1, "-m", "Les vacances scolaires comptent-elles ?")
            _ = try propose("ca", "livraison", "--kind", "solution", "--cost", "neutral", "-m", "Nous livrons à vélo.")
            try box.ok("withdraw", "\(pa)-4", as: "ca", in: "ca")
            _ = try propose("ca", "biodechets", "--kind", "solution", "--cost", "neutral", "-m", "Nous compostons sur place.")
            try box.ok("push", as: "ca", in: "ca")
            let b1 = try propose("cb", "livraison", "--kind", "solution", "--cost", "down", "-m", "Des sondes connectées.")
            let pb = String(b1.dropLast(2))
            try box.ok("push", as: "cb", in: "cb")
            _ = try propose("cb", "commandes", "--kind", "clarification", "--cost", "unknown", "-m", "Le mercredi aussi ?")
            box.now = "2027-01-06T10:00:00+01:00"
            try box.ok("fetch", in: "c")
            try box.ok("comment", b1, "--status", "rejected", "-m", "Trop coûteux.", in: "c")
            try box.ok("comment", "\(pa)-2", "--status", "accepted", "-m", "D'accord pour 30 points.", in: "c")
            try box.ok("comment", "\(pa)-2", "--erratum", "-m", "D'accord pour 30 points, en v2.", in: "c")
            try box.ok("comment", "\(pa)-5", "--status", "noted", "-m", "Noté.", in: "c")
            // B's second proposal reaches the hub after the round closed, and the agent after a fetch made after that.
            box.now = "2027-01-21T10:00:00+01:00"
            try box.ok("fetch", in: "c")
            box.now = "2027-01-22T10:00:00+01:00"
            try box.ok("push", as: "cb", in: "cb")
            let fetched = try box.ok("fetch", in: "c")
            #expect(fetched.stderr.contains("proposal \(pb)-2 arrived after its round closed"), "\(fetched)")
            // v2: duree changed, biodechets removed.
            try box.edit("c/cctp.md", replacing: "{#duree}\n", with: "{#duree}\n\nLa durée court à compter de la notification.\n")
            try box.edit(
                "c/cctp.md",
                replacing:
                    "## 6.3 Biodéchets {#biodechets}\n\nLes biodéchets issus de la production sont triés et valorisés par le titulaire. Les restes de repas du restaurant scolaire relèvent de la commune.\n",
                with: "## 6.3 Éducation au goût\n\nLe titulaire anime chaque année une semaine du goût avec les élèves.\n")
            box.now = "2027-01-23T10:00:00+01:00"
            try box.ok("publish", "--until", "2027-02-05", "-m", "Version 2", in: "c")
            try box.ok("fetch", as: "ca", in: "ca")
            try box.ok("fetch", as: "cb", in: "cb")
            // By hand on A's local branch: a copy of 1.md reacting to a draft never published, and a file that is no proposal.
            let one = try box.gitOutput("show", "refs/heads/proposals/\(pa):1.md", in: "ca") + "\n"
            let five = InvalidProposalTests.replacingLine("id", with: "id: \(pa)-7", in: one).replacingOccurrences(
                of: "version: 1\n", with: "version: 99\n")
            try Self.commitByHand(
                box, ["7.md": Data(five.utf8), "8.md": Data("pas une proposition\n".utf8)], on: "refs/heads/proposals/\(pa)", in: "ca")
            a = pa
            b = pb
        }

        /// Commits `files` on `ref`, on top of its tip, in `dir`, with plain git plumbing only (a scratch index).
        static func commitByHand(_ box: Sandbox, _ files: [String: Data], on ref: String, in dir: String) throws {
            let index = box.path("index-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(atPath: index) }
            func plumb(_ arguments: [String]) throws -> String {
                var environment = box.environment(user: "git")
                environment["GIT_INDEX_FILE"] = index
                let run = try spawn("/usr/bin/git", arguments, in: box.path(dir), environment: environment)
                try #require(run.status == 0, "git \(arguments.joined(separator: " ")) failed:\n\(run)")
                return run.trimmed
            }
            let tip = try box.gitOutput("rev-parse", "--verify", ref, in: dir)
            _ = try plumb(["read-tree", ref])
            for (name, data) in files.sorted(by: { $0.key < $1.key }) {
                let path = box.path("blob-\(UUID().uuidString)")
                try data.write(to: URL(fileURLWithPath: path))
                defer { try? FileManager.default.removeItem(atPath: path) }
                let blob = try box.gitOutput("hash-object", "-w", path, in: dir)
                _ = try plumb(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(name)"])
            }
            let tree = try plumb(["write-tree"])
            let commit = try box.gitOutput("commit-tree", tree, "-p", tip, "-m", "à la main", in: dir)
            _ = try box.gitOutput("update-ref", ref, commit, in: dir)
        }

        func session(_ user: String, in directory: String) throws -> ReadingSession {
            let environment = box.environment(user: user)
            return try ReadingSession.open(
                Context(environment: environment, directory: box.path(directory), clock: try Clock.from(environment: environment)))
        }
    }

    /// What a view says, field by field.
    static func describe(_ view: ProposalView?) -> String {
        guard let view else { return "nil" }
        return [
            view.proposal.markdown(), view.record.ref, view.record.state.rawValue, view.response?.markdown() ?? "no answer", view.carry.rawValue,
            view.currentTarget.map { "\($0.id) \($0.hash)" } ?? "removed", "late \(view.late)", view.status,
        ].joined(separator: "\n")
    }

    static func describe(_ invalid: InvalidProposal?) -> String {
        guard let invalid else { return "nil" }
        return ([invalid.id, invalid.ref, invalid.file, invalid.proposal?.markdown() ?? "unreadable"] + invalid.reasons.map { "\($0)" })
            .joined(separator: "\n")
    }

    static func describe(_ error: JSFError) -> String {
        ([error.message.en, error.message.fr] + error.hints.map { "\($0.en) / \($0.fr)" } + error.problems.map { "\($0)" }).joined(separator: "\n")
    }

    @Test("show, comment and a company's status give each proposal as the full listing does: genuine, invalid or unknown")
    func sameAsListing() throws {
        let world = try World()
        var seen: Set<String> = []
        for (user, directory, role) in [("agent", "c", Role.agent), ("ca", "ca", .company), ("cb", "cb", .company)] {
            let session = try world.session(user, in: directory)
            let listing = try session.listing(as: role)
            #expect(listing.views.count == 7, "\(directory): \(listing.views.map(\.proposal.id))")
            for view in listing.views {
                let id = view.proposal.id
                for asked in [id, id.lowercased()] {
                    let lookup = try session.view(asked, as: role)
                    #expect(Self.describe(lookup.view) == Self.describe(view), "\(directory): show \(asked)")
                    #expect(lookup.invalid == nil)
                    #expect(lookup.current?.draft.name == listing.current?.draft.name)
                }
                let record = try Dialogue.record(id.lowercased(), workspace: session.workspace, role: role)
                #expect(record.proposal.markdown() == view.proposal.markdown() && record.state == view.record.state && record.ref == view.record.ref)
                seen.insert(view.record.state.rawValue)
                seen.insert(view.carry.rawValue)
                if view.late { seen.insert("late") }
                if view.response != nil { seen.insert("answered") }
            }
            for bad in listing.invalid {
                let lookup = try session.view(bad.id, as: role)
                #expect(Self.describe(lookup.invalid) == Self.describe(bad), "\(directory): show \(bad.id)")
                #expect((lookup.view == nil) == (bad.proposal == nil))
                let expected = #expect(throws: JSFError.self) { try Dialogue.find(bad.id, in: listing.views, invalid: listing.invalid) }
                let got = #expect(throws: JSFError.self) { try Dialogue.record(bad.id, workspace: session.workspace, role: role) }
                #expect(got.map(Self.describe) == expected.map(Self.describe), "\(directory): \(bad.id)")
                seen.insert(bad.proposal == nil ? "unreadable" : "invalid")
            }
            for unknown in ["\(world.a)-99", "\(world.b)-0", "ZZZZZZZZ-1", "\(world.a.dropLast())-1", "nonsense", ""] {
                let expected = #expect(throws: JSFError.self) { try Dialogue.find(unknown, in: listing.views, invalid: listing.invalid) }
                let got = #expect(throws: JSFError.self) { try Dialogue.record(unknown, workspace: session.workspace, role: role) }
                #expect(got.map(Self.describe) == expected.map(Self.describe), "\(directory): \(unknown)")
                let shown = #expect(throws: JSFError.self) { try session.view(unknown, as: role) }
                #expect(shown.map(Self.describe) == expected.map(Self.describe), "\(directory): show \(unknown)")
            }
            // A company's status: its own, from its branch alone.
            if role == .company, let identity = try session.identity() {
                let own = try #require(try session.ownProposals(of: identity))
                let pseudonym = try #require(own.pseudonym)
                #expect(pseudonym.code == (directory == "ca" ? world.a : world.b))
                #expect(own.views.map(Self.describe) == listing.views.filter { $0.proposal.pseudonym == pseudonym }.map(Self.describe))
                #expect(own.invalid.map(Self.describe) == listing.invalid.filter { $0.pseudonym == pseudonym }.map(Self.describe))
                #expect(!own.views.isEmpty)
            }
        }
        // The world holds every case the comparison must cover.
        #expect(
            seen.isSuperset(of: [
                "open", "withdrawn", "superseded", "current", "outdated", "orphaned", "resolved", "late", "answered", "invalid", "unreadable",
            ]),
            "\(seen.sorted())")
    }

    @Test("answering or showing one proposal reads its branch only: another company's broken branch does not stop it")
    func oneBranchOnly() throws {
        let world = try World()
        let box = world.box
        // A branch whose tip is a blob: whoever reads every branch fails on it.
        try box.write("not-a-commit.txt", "pas un commit\n")
        let blob = try box.gitOutput("hash-object", "-w", box.path("not-a-commit.txt"), in: "c")
        try box.write("c/.git/refs/remotes/origin/proposals/ZZZZZZZZ", blob + "\n")
        let inbox = try box.jsf("inbox", in: "c")
        #expect(inbox.status != 0 && inbox.stderr.contains("proposals/ZZZZZZZZ"), "\(inbox)")
        let answered = try box.ok("comment", "\(world.a)-1", "-m", "Oui, les vacances comptent.", "--no-push", in: "c")
        #expect(answered.trimmed == "\(world.a)-1")
        #expect(try box.ok("show", "\(world.a)-1", in: "c").stdout.contains("Oui, les vacances comptent."))
        let dry = try box.ok("comment", "\(world.b)-1", "--erratum", "-m", "Trop coûteux, hélas.", "--dry-run", in: "c")
        #expect(dry.stdout.contains("Trop coûteux, hélas.") && dry.stderr.contains("nothing written"), "\(dry)")
        expectRefusal(try box.jsf("comment", "\(world.a)-4", "-m", "Encore ?", in: "c"), status: 1, ["\(world.a)-4 was withdrawn by its company"])
        // Only an unknown id reads everything (for the closest ids), and meets the broken branch.
        #expect(try box.jsf("comment", "\(world.a)-99", "-m", "?", in: "c").status != 0)
        // A company's status reads its own branch only.
        let blobInClone = try box.gitOutput("hash-object", "-w", box.path("not-a-commit.txt"), in: "ca")
        try box.write("ca/.git/refs/remotes/origin/proposals/ZZZZZZZZ", blobInClone + "\n")
        #expect(try box.jsf("inbox", as: "ca", in: "ca").status != 0)
        let status = try box.ok("status", as: "ca", in: "ca")
        // Proposing and withdrawing read the company's own branch too.
        let proposed = try box.ok(
            "propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Et les jours fériés ?", as: "ca", in: "ca")
        #expect(proposed.trimmed == "\(world.a)-9", "\(proposed)")
        try box.ok("withdraw", "\(world.a)-9", as: "ca", in: "ca")
        #expect(status.stdout.contains("\(world.a)-1") && status.stdout.contains("\(world.a)-8  INVALID"), "\(status)")
    }
}
