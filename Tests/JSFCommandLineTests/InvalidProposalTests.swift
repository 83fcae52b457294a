import Foundation
import Testing

/// `jsf inbox --json`, with the proposals that break the rules apart.
private struct InboxWithInvalid: Decodable {
    struct Item: Decodable {
        var id: String
        var kind: String
    }

    struct Group: Decodable {
        var id: String
        var proposals: [Item]
    }

    struct Reason: Decodable {
        var file: String
        var code: String
        var message: String
    }

    struct Invalid: Decodable {
        var id: String
        var pseudonym: String
        var file: String
        var valid: Bool
        var version: Int?
        var reasons: [Reason]
    }

    var total: Int
    var clauses: [Group]
    var invalid: [Invalid]?

    var ids: [String] { clauses.flatMap(\.proposals).map(\.id) }
    func reasons(_ id: String) -> [String] { invalid?.first { $0.id == id }?.reasons.map(\.code) ?? [] }
}

/// The totals of `jsf report --json`.
private struct ReportTotals: Decodable {
    struct Totals: Decodable {
        var proposals: Int
        var participants: Int
    }

    var totals: Totals
}

// Proposals written by hand on a proposal branch with plain git (what a clone's owner, or a hub without the hook,
// can always do): every reader checks them by the hook's rules (ProposalRules), lists them apart marked invalid
// with their reasons, and never counts them nor lets them block an approval.
@Suite("Hand-written proposals that break the rules: marked invalid, never genuine")
struct InvalidProposalTests {
    /// v1 published on a hub, a company's clone "co" with two genuine proposals pushed (a clarification on duree, an
    /// alternative weighting on prix), which the hand-written ones copy.
    struct World {
        let box: Sandbox
        let code: String
        var branch: String { "refs/heads/proposals/\(code)" }

        init() throws {
            box = try Sandbox()
            try box.setUpConsultation(hub: "hub.git")
            try box.ok("publish", "--until", "2027-01-20", in: "c")
            try box.ok(
                "identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35",
                as: "company")
            try box.ok("clone", "hub.git", "co", as: "company")
            let first = try box.ok(
                "propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "La durée inclut-elle les vacances ?",
                as: "company", in: "co"
            ).trimmed
            try box.ok(
                "propose", "prix", "--kind", "alternative", "--cost", "neutral", "--weight", "30", "-m", "Le prix pèse trop.",
                as: "company", in: "co")
            try box.ok("push", as: "company", in: "co")
            code = String(first.dropLast(2))
        }

        /// A file of the company's branch, as committed.
        func file(_ name: String, in dir: String = "co") throws -> String {
            try box.gitOutput("show", "\(branch):\(name)", in: dir) + "\n"
        }

        /// Commits `files` (path → bytes) on `ref`, on top of its tip, in `dir`, with plain git plumbing only
        /// (hash-object, read-tree and update-index into a scratch index, write-tree, commit-tree, update-ref): no jsf.
        func commitByHand(_ files: [String: Data], on ref: String, in dir: String = "co") throws {
            let index = box.path("index-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(atPath: index) }
            let tip = try box.git("rev-parse", "--verify", "-q", ref, in: dir)
            if tip.status == 0 { try plumb(["read-tree", ref], in: dir, index: index) }
            for (name, data) in files.sorted(by: { $0.key < $1.key }) {
                let path = box.path("blob-\(UUID().uuidString)")
                try data.write(to: URL(fileURLWithPath: path))
                defer { try? FileManager.default.removeItem(atPath: path) }
                let blob = try box.gitOutput("hash-object", "-w", path, in: dir)
                try plumb(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(name)"], in: dir, index: index)
            }
            let tree = try plumb(["write-tree"], in: dir, index: index).trimmed
            var arguments = ["commit-tree", tree, "-m", "à la main"]
            if tip.status == 0 { arguments += ["-p", tip.trimmed] }
            let commit = try box.git(arguments, in: dir)
            try #require(commit.status == 0, "\(commit)")
            _ = try box.gitOutput("update-ref", ref, commit.trimmed, in: dir)
        }

        /// git with a scratch index, requiring success.
        @discardableResult
        func plumb(_ arguments: [String], in dir: String, index: String) throws -> Run {
            var environment = box.environment(user: "git")
            environment["GIT_INDEX_FILE"] = index
            environment["LC_ALL"] = "C"
            let run = try spawn("/usr/bin/git", arguments, in: box.path(dir), environment: environment)
            try #require(run.status == 0, "git \(arguments.joined(separator: " ")) failed:\n\(run)")
            return run
        }
    }

    /// `text` with the line that starts with `key: ` replaced by `line`.
    static func replacingLine(_ key: String, with line: String, in text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix(key + ": ") ? line : String($0) }
            .joined(separator: "\n")
    }

    /// The genuine clarification `1.md` renumbered `n`, with `edit` applied to its text.
    static func variant(_ world: World, _ n: Int, of name: String = "1.md", _ edit: (String) -> String = { $0 }) throws -> Data {
        let source = try world.file(name)
        // The id's line as a whole: YAML quotes an id that could read as something else ("36G9JZR1-1").
        return Data(edit(replacingLine("id", with: "id: \(world.code)-\(n)", in: source)).utf8)
    }

    @Test("each rule broken by hand is listed apart with its reason, in English, French and JSON; a valid copy is genuine")
    func everyRule() throws {
        let world = try World()
        let box = world.box
        let code = world.code
        let estimate = String(repeating: "e", count: 5_000)
        var bad: [String: Data] = [
            // A copy that keeps every rule: genuine, so the check does not simply refuse whatever is hand-written.
            "3.md": try Self.variant(world, 3),
            "4.md": try Self.variant(world, 4) { $0 + String(repeating: "Cinquante mégaoctets de texte. ", count: 1_700_000) },
            "5.md": try Self.variant(world, 5) { $0.replacingOccurrences(of: "version: 1\n", with: "version: 99\n") },
            "6.md": try Self.variant(world, 6) { Self.replacingLine("created", with: "created: \"hier soir\"", in: $0) },
            "7.md": try Self.variant(world, 7) { $0.replacingOccurrences(of: "cost: neutral\n", with: "cost: neutral\nestimate: \(estimate)\n") },
            "8.md": try Self.variant(world, 8) {
                Self.replacingLine("target_hash", with: "target_hash: 0000000000000000000000000000000000000000", in: $0)
            },
            "9.md": try Self.variant(world, 9, of: "2.md") { $0.replacingOccurrences(of: "  prix: 30\n", with: "  prix: -50\n") },
            "10.md": try Self.variant(world, 10, of: "2.md") { $0.replacingOccurrences(of: "  prix: 30\n", with: "  prix: 200\n") },
            "11.md": try Self.variant(world, 11, of: "2.md") { $0.replacingOccurrences(of: "  prix: 30\n", with: "  inconnu: 30\n") },
            "12.md": try Self.variant(world, 12, of: "2.md") { $0.replacingOccurrences(of: "  prix: 30\n", with: "  prix: 31\n") },
        ]
        var invalidUTF8 = try Self.variant(world, 13)
        invalidUTF8.append(contentsOf: [0xC3, 0x28, 0xFF, 0x0A])
        bad["13.md"] = invalidUTF8
        var nul = try Self.variant(world, 14)
        nul.append(contentsOf: [0x61, 0x00, 0x62, 0x0A])
        bad["14.md"] = nul
        try world.commitByHand(bad, on: world.branch)

        // A branch named by another pseudonym, holding this company's key.pub: its key does not match its name.
        let other = code == "ZZZZZZZZ" ? "YYYYYYYY" : "ZZZZZZZZ"
        try world.commitByHand(
            [
                "key.pub": Data(try world.file("key.pub").utf8),
                "1.md": Data(Self.replacingLine("id", with: "id: \(other)-1", in: try world.file("1.md")).utf8),
            ], on: "refs/heads/proposals/\(other)")

        let json = try decode(InboxWithInvalid.self, from: try box.ok("inbox", "--json", as: "company", in: "co"))
        #expect(json.ids.sorted() == ["\(code)-1", "\(code)-2", "\(code)-3"].sorted(), "only the genuine ones: \(json.ids)")
        #expect(json.total == 3)
        let expected: [String: String] = [
            "\(code)-4": "proposal.size", "\(code)-5": "proposal.version", "\(code)-6": "proposal.bad-date",
            "\(code)-7": "proposal.too-long", "\(code)-8": "proposal.target-hash", "\(code)-9": "proposal.bad-weight",
            "\(code)-10": "proposal.bad-weight", "\(code)-11": "proposal.weights", "\(code)-12": "proposal.weights",
            "\(code)-13": "proposal.encoding", "\(code)-14": "proposal.nul", "\(other)-1": "proposal.key",
        ]
        #expect(Set(json.invalid?.map(\.id) ?? []) == Set(expected.keys), "\(json.invalid?.map(\.id) ?? [])")
        for (id, reason) in expected {
            #expect(json.reasons(id).contains(reason), "\(id): \(json.reasons(id)), not \(reason)")
        }
        #expect(json.invalid?.allSatisfy { !$0.valid } == true)
        #expect(json.invalid?.first { $0.id == "\(code)-5" }?.version == 99)
        #expect(json.invalid?.first { $0.id == "\(code)-4" }?.file == "proposals/\(code):4.md")

        // Human output: the genuine ones in their groups, the invalid ones apart, with their reasons.
        let english = try box.ok("inbox", as: "company", in: "co")
        let invalidPart = try #require(english.stdout.components(separatedBy: "Invalid — ").last)
        #expect(english.stdout.contains("Invalid — these break the rules"), "\(english)")
        #expect(invalidPart.contains("\(code)-5  INVALID"), "\(english)")
        #expect(invalidPart.contains("reacts to v99, which is not published"), "\(english)")
        #expect(invalidPart.contains("'created' must be a date and time with its offset"), "\(english)")
        #expect(invalidPart.contains("the estimate is 5000 characters long; the limit is 200"), "\(english)")
        #expect(invalidPart.contains("key.pub is not the key whose fingerprint is \(other)"), "\(english)")
        #expect(!invalidPart.contains("\(code)-3  INVALID"), "\(english)")
        #expect(english.stderr.contains("3 proposal(s); 12 invalid, not counted."), "\(english)")
        let groups = try #require(english.stdout.components(separatedBy: "Invalid — ").first)
        #expect(groups.contains("\(code)-3") && !groups.contains("\(code)-5"), "\(english)")
        #expect(english.stdout.utf8.count < 100_000, "the 50 MB text is not printed")

        box.language = "fr_FR.UTF-8"
        let french = try box.ok("inbox", as: "company", in: "co")
        #expect(french.stdout.contains("Invalides — elles enfreignent les règles"), "\(french)")
        #expect(french.stdout.contains("\(code)-13  INVALIDE"), "\(french)")
        #expect(french.stdout.contains("n'est pas du texte UTF-8"), "\(french)")
        #expect(french.stdout.contains("réagit à la v99, qui n'est pas publiée"), "\(french)")
        #expect(french.stderr.contains("3 proposition(s) ; 12 invalide(s), non comptée(s)."), "\(french)")

        // show: the reasons first, then what it says; a genuine one is shown as ever.
        let shown = try box.ok("show", "\(code)-5", as: "company", in: "co")
        let lines = shown.stdout.lines
        #expect(lines.first?.hasPrefix("Proposition \(code)-5 — INVALIDE") == true, "\(shown)")
        #expect(lines.dropFirst().first?.contains("réagit à la v99, qui n'est pas publiée") == true, "\(shown)")
        box.language = "C.UTF-8"
        let unreadable = try box.ok("show", "\(code)-14", as: "company", in: "co")
        #expect(unreadable.stdout.hasPrefix("Proposal \(code)-14 — INVALID: it breaks the rules"), "\(unreadable)")
        #expect(unreadable.stdout.contains("contains a NUL byte"), "\(unreadable)")
        let genuine = try box.ok("show", "\(code)-3", as: "company", in: "co")
        #expect(genuine.stdout.hasPrefix("Proposal \(code)-3 — Company \(code)") && !genuine.stdout.contains("INVALID"), "\(genuine)")

        // status: a company's own invalid files are listed apart, not among its proposals.
        let status = try box.ok("status", as: "company", in: "co")
        #expect(status.stdout.contains("\(code)-7  INVALID"), "\(status)")
        let statusJSON = try box.ok("status", "--json", as: "company", in: "co")
        #expect(statusJSON.stdout.contains("\"invalid\" : ["), "\(statusJSON)")

        // The report counts only the genuine ones, and names each file it leaves out.
        let report = try box.jsf(["report", "--json"], as: "company", in: "co")
        try #require(report.status == 0, "\(report)")
        let totals = try decode(ReportTotals.self, from: report).totals
        #expect(totals.proposals == 3 && totals.participants == 1, "\(totals)")
        #expect(report.stderr.contains("proposals/\(code):5.md: warning: \(code)-5 breaks the rules and is left out"), "\(report.stderr)")
        #expect(report.stderr.contains("proposals/\(other):1.md: warning: \(other)-1 breaks the rules"), "\(report.stderr)")

        // The next proposal takes a number no file holds, genuine or not.
        let next = try box.ok(
            "propose", "duree", "--kind", "solution", "--cost", "neutral", "-m", "Une autre idée.", as: "company", in: "co"
        ).trimmed
        #expect(next == "\(code)-15")

        // The hub's review (the same rules, through the Verifier) refuses what the readers mark invalid, for the same reasons.
        let pushed = try box.jsf("push", as: "company", in: "co")
        #expect(pushed.status != 0, "\(pushed)")
        for reason in [
            "\(code)-5 reacts to v99, which is not published (rule: file)", "'created' must be a date and time with its offset",
            "the estimate is 5000 characters long; the limit is 200", "bytes long; a proposal file holds at most 1048576", "is not UTF-8 text",
            "contains a NUL byte",
        ] {
            #expect(pushed.stderr.contains(reason), "the hub's review does not say '\(reason)':\n\(pushed)")
        }
    }

    @Test("an invalid clarification does not block the approval, a genuine one does; an answer to no proposal is a warning")
    func approvalAndAnswers() throws {
        let world = try World()
        let box = world.box
        let code = world.code
        try box.setUpBuyer()
        try box.ok("fetch", in: "c")
        try box.ok("comment", "\(code)-1", "--status", "answered", "-m", "Non.", in: "c")
        try box.ok("comment", "\(code)-2", "--status", "noted", "-m", "Noté.", in: "c")

        // An answer committed by hand on the agent's dialogue branch, to a proposal that does not exist.
        let answer = try box.gitOutput("show", "refs/heads/dialogue:responses/\(code)-1.md", in: "c") + "\n"
        try world.commitByHand(
            ["responses/\(code)-77.md": Data(Self.replacingLine("proposal", with: "proposal: \(code)-77", in: answer).utf8)],
            on: "refs/heads/dialogue", in: "c")
        let inbox = try box.ok("inbox", in: "c")
        #expect(inbox.stderr.contains("dialogue:responses/\(code)-77.md: warning: answers \(code)-77, which does not exist"), "\(inbox)")
        #expect(!inbox.stderr.contains("responses/\(code)-1.md"), "\(inbox)")

        box.now = "2027-01-21T09:00:00+01:00"
        try box.ok("clone", "hub.git", "b", as: "buyer")
        // A genuine unanswered clarification written by hand in the buyer's clone blocks the approval…
        let base = "refs/remotes/origin/proposals/\(code)"
        _ = try box.gitOutput("update-ref", world.branch, base, in: "b")
        try world.commitByHand(["3.md": try Self.variant(world, 3)], on: world.branch, in: "b")
        expectRefusal(
            try box.jsf("approve", "-m", "ok", as: "buyer", in: "b"), status: 1, ["hint: clarification requests without an answer: \(code)-3"])
        // … the same, reacting to a draft that is not published, does not.
        _ = try box.gitOutput("update-ref", world.branch, base, in: "b")
        try world.commitByHand(
            ["3.md": try Self.variant(world, 3) { $0.replacingOccurrences(of: "version: 1\n", with: "version: 99\n") }], on: world.branch, in: "b")
        let approved = try box.jsf("approve", "-m", "Texte conforme.", as: "buyer", in: "b")
        #expect(approved.status == 0 && approved.stdout == "final\n", "\(approved)")
    }
}
