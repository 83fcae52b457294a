import Foundation
import Testing

/// The dialogue resumes on v2: new proposals, an amendment, `jsf round close`, a refused proposal, v3; the hub
/// stays sound.
@Suite("Dialogue: the next round")
struct DialogueRoundTests {
    @Test("new proposals on v2, round close, a proposal refused, v3, git fsck --strict on the hub")
    func nextRound() throws {
        let world = try DialogueWorld.published()
        let (a, b) = (world.a, world.b)
        let box = world.box
        box.now = "2027-01-08T12:00:00+01:00"
        try world.companyOK(DialogueWorld.cuisine, "fetch")
        try world.companyOK(DialogueWorld.traiteur, "fetch")

        // The outdated alternative re-examined: amended on v2. A question on the new clause.
        box.now = "2027-01-09T10:00:00+01:00"
        let amended = try world.propose(
            DialogueWorld.cuisine,
            [
                "analyses", "--kind", "alternative", "--cost", "down", "--amend", a(4),
                "--text-file", box.path("texts/analyses.md"), "-m", "Réexaminée sur la v2 : une analyse par trimestre.",
            ])
        #expect(amended == a(6))
        let question = try world.propose(
            DialogueWorld.traiteur, ["education", "--kind", "clarification", "--cost", "unknown", "-m", "Quelle semaine du goût ?"])
        #expect(question == b(8))
        try world.companyOK(DialogueWorld.cuisine, "push")
        try world.companyOK(DialogueWorld.traiteur, "push")
        // Each proposal records v2 and the target's hash in v2's index.
        let index = try world.agentOK("clauses", "--version", "v2", "--json")
        for (user, id, target) in [(DialogueWorld.cuisine, a(6), "analyses"), (DialogueWorld.traiteur, b(8), "education-au-gout")] {
            let pseudonym = String(id.split(separator: "-")[0])
            let n = String(id.split(separator: "-")[1])
            let file = try box.gitOutput("show", "proposals/\(pseudonym):\(n).md", in: DialogueWorld.hub)
            #expect(file.contains("\ntarget: \(target)\nversion: 2\n"), "\(user): \(file)")
            let hash = try #require(file.lines.first { $0.hasPrefix("target_hash: ") }).dropFirst("target_hash: ".count).replacingOccurrences(
                of: "\"", with: "")
            #expect(index.stdout.contains("\"hash\" : \"\(hash)\""), "\(id): \(hash) is not a hash of v2's index")
        }

        box.now = "2027-01-09T11:00:00+01:00"
        try world.agentOK("fetch")
        #expect(try world.inboxIDs("--round", "2") == [a(6), b(8)], "document order: analyses (5.2), then education-au-gout (6.3)")
        let inbox = try world.inbox()
        #expect(inbox.proposal(a(6))?.supersedes == a(4) && inbox.proposal(a(6))?.state == "current")
        #expect(inbox.proposal(a(4))?.status == "superseded" && inbox.proposal(a(4))?.state == "resolved")
        #expect(try world.inboxIDs("--outdated") == [a(5)])
        expectRefusal(try world.agent("revise", "--apply", a(4)), status: 1, ["\(a(4)) is superseded"])

        // Round close: recorded on main and pushed; the checkout stays clean.
        box.now = "2027-01-10T10:00:00+01:00"
        let head = try box.gitOutput("rev-parse", "HEAD", in: DialogueWorld.agentDir)
        let closed = try world.agentOK("round", "close")
        #expect(closed.stderr.contains("Closed the round of v2 on 10 January 2027, 10:00 (Europe/Paris)."), "\(closed)")
        let after = try world.snapshot(DialogueWorld.agentDir)
        #expect(after.status == "" && after.head != head)
        #expect(try box.gitOutput("rev-parse", "main", in: DialogueWorld.hub) == after.head)
        #expect(
            try box.gitOutput("log", "-1", "--format=%B", "main", in: DialogueWorld.hub)
                == "Clôture du tour de la v2\n\nRound-Closes: 2027-01-10T10:00:00+01:00")
        #expect(try box.gitOutput("rev-parse", "main^", in: DialogueWorld.hub) == head, "the close commit's parent is v2's")
        let again = try world.agent("round", "close")
        expectRefusal(again, status: 1, ["the round of v2 is not open", "it closed on 10 January 2027, 10:00 (Europe/Paris)"])

        // A company that fetched cannot propose any more.
        box.now = "2027-01-10T12:00:00+01:00"
        try world.companyOK(DialogueWorld.traiteur, "fetch")
        let late = try world.company(DialogueWorld.traiteur, "propose", "livraison", "--kind", "solution", "--cost", "neutral", "-m", "Trop tard ?")
        expectRefusal(late, status: 1, ["the round of v2 closed on 10 January 2027, 10:00 (Europe/Paris)", "proposals are no longer accepted"])
        #expect(try box.gitOutput("ls-tree", "--name-only", "proposals/\(world.pb)", in: DialogueWorld.traiteurDir).lines.contains("9.md") == false)
        let status = try world.companyOK(DialogueWorld.traiteur, "status").stdout
        #expect(status.contains("round:   closed since 10 January 2027, 10:00 (Europe/Paris)\n"), "\(status)")

        // v3: the question answered, the clause clarified; the carry-over follows.
        box.now = "2027-01-11T10:00:00+01:00"
        try world.agentOK("comment", b(8), "--status", "answered", "-m", "La semaine du goût nationale, en octobre.")
        try box.edit(
            "\(DialogueWorld.agentDir)/cctp.md", replacing: "une semaine du goût avec les élèves",
            with: "la semaine du goût nationale avec les élèves")
        let v3 = try world.agentOK("publish", "--until", "2027-01-30")
        #expect(v3.trimmed == "v3")
        #expect(
            try box.tagMessage("v3", in: DialogueWorld.hub) == """
                Version 3

                Clauses-Changed: education-au-gout
                Answers: \(b(8))
                Round-Opens: 2027-01-11T10:00:00+01:00
                Round-Closes: 2027-01-30T23:59:59+01:00
                """)
        let v3Inbox = try world.inbox()
        #expect(v3Inbox.draft == "v3")
        #expect(v3Inbox.proposal(b(8))?.state == "resolved" && v3Inbox.proposal(a(6))?.state == "current")
        #expect(v3Inbox.group("biodechets")?.removed == true && v3Inbox.proposal(a(5))?.state == "orphaned")
        let text = try world.agentOK("inbox", "--outdated").stdout
        #expect(text.contains("biodechets  (removed from v3)  — 1 solution; cost ↑0 ↓0 =1\n"), "\(text)")
        // The companies may propose again, on v3.
        box.now = "2027-01-12T10:00:00+01:00"
        try world.companyOK(DialogueWorld.traiteur, "fetch")
        let onV3 = try world.propose(DialogueWorld.traiteur, ["livraison", "--kind", "solution", "--cost", "neutral", "-m", "Livraison dès 7 h."])
        try world.companyOK(DialogueWorld.traiteur, "push")
        #expect(try world.inbox(DialogueWorld.traiteur, ["--round", "3"]).proposals.map(\.id) == [onV3])

        // The hub: every owner's refs, and a sound object database.
        let refs = try box.gitOutput("for-each-ref", "--format=%(refname)", in: DialogueWorld.hub).lines
        #expect(
            refs
                == [
                    "refs/heads/dialogue", "refs/heads/main", "refs/heads/proposals/\(world.pa)", "refs/heads/proposals/\(world.pb)",
                    "refs/tags/v1", "refs/tags/v2", "refs/tags/v3",
                ].sorted(), "\(refs)")
        for dir in [DialogueWorld.hub, DialogueWorld.agentDir, DialogueWorld.cuisineDir, DialogueWorld.traiteurDir] {
            let fsck = try box.git("fsck", "--strict", "--no-dangling", in: dir)
            #expect(fsck.status == 0 && fsck.stdout.isEmpty, "\(dir):\n\(fsck)")
        }
    }
}
