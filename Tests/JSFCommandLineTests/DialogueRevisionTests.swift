import Foundation
import Testing

/// The agent revises: `jsf revise --apply`, `jsf publish` of v2 with Integrates/Answers trailers, the dialogue marks
/// integrated proposals, and the carry-over states on v2 for the agent and the companies.
@Suite("Dialogue: revise, publish v2 and carry-over")
struct DialogueRevisionTests {
    @Test("revise --apply of an alternative clause and a weighting, publish v2: trailers, log, dialogue, carry-over states")
    func reviseAndPublish() throws {
        let world = try DialogueWorld.answered()
        let (a, b) = (world.a, world.b)
        let box = world.box
        let cctp = "\(DialogueWorld.agentDir)/cctp.md"
        box.now = "2027-01-07T10:00:00+01:00"

        // Without --apply: the accepted alternatives not applied yet.
        let listing = try world.agentOK("revise")
        #expect(listing.stdout.isEmpty, "\(listing)")
        let pending = try #require(listing.stderr.lines.first { $0.hasPrefix("Accepted alternatives not applied yet: ") }, "\(listing)")
        #expect(Set(pending.dropFirst("Accepted alternatives not applied yet: ".count).components(separatedBy: ", ")) == [a(3), a(4), b(1)])

        let applied = try world.agentOK("revise", "--apply", a(3), "--apply", b(1))
        #expect(applied.stdout.lines == [a(3), b(1)], "\(applied)")
        #expect(applied.stderr.contains("Applied \(a(3)): new text of contenants."), "\(applied)")
        #expect(
            applied.stderr.contains("Applied \(b(1)): weights prix=30, qualite-des-repas-et-des-produits=47, performance-environnementale=23"),
            "\(applied)")
        #expect(applied.stderr.contains("The next draft integrates: \(a(3)), \(b(1))"), "\(applied)")
        #expect(applied.stderr.contains("Accepted alternatives not applied yet: \(a(4))"), "\(applied)")
        let text = try box.read(cctp)
        #expect(text.contains("## 4.4 Contenants {#contenants}\n\n" + DialogueWorld.contenantsText), "\(text)")
        #expect(text.contains("## Prix {#prix .criterion weight=30}\n"))
        #expect(text.contains("## Qualité des repas et des produits {#qualite-des-repas-et-des-produits .criterion weight=47}\n"))
        #expect(text.contains("## Performance environnementale {#performance-environnementale .criterion weight=23}\n"))
        #expect(!text.contains("inox ou en tout matériau équivalent"))
        #expect(try world.agentOK("check").status == 0)
        // Then the agent's own edits (analyses, a new clause, a move, a retitle, a removal).
        try world.editByHandForV2()
        #expect(try box.read(cctp).contains("## 4.4 Contenants {#contenants}\n\n" + DialogueWorld.contenantsText))
        // Applied twice: refused, nothing changes.
        expectRefusal(try world.agent("revise", "--apply", a(3)), status: 1, ["\(a(3)) is already applied", "'jsf publish' will integrate it"])
        #expect(try box.read(cctp).contains("## 4.4 Contenants {#contenants}\n\n" + DialogueWorld.contenantsText))

        // The working tree against v1, before publishing.
        let worktreeDiff = try world.agentOK("diff")
        #expect(worktreeDiff.stdout.hasPrefix("v1 → working tree\n"), "\(worktreeDiff)")

        // v2.
        box.now = "2027-01-08T10:00:00+01:00"
        let published = try world.agentOK("publish", "--until", "2027-01-25", "-m", "Version 2 : contenants et pondérations")
        #expect(published.trimmed == "v2")
        let answers = [a(2), a(3), a(4), b(1), b(2), b(3), b(5), b(6)].sorted()
        #expect(published.stderr.contains("Integrates: \(a(3)), \(b(1))"), "\(published)")
        #expect(published.stderr.contains("Answers: \(answers.joined(separator: ", "))"), "\(published)")
        #expect(published.stderr.contains("New clause ids: education-au-gout"), "\(published)")
        let message = """
            Version 2 : contenants et pondérations

            Clauses-Added: education-au-gout
            Clauses-Changed: forme-des-prix contenants analyses prix qualite-des-repas-et-des-produits performance-environnementale
            Clauses-Removed: biodechets
            Integrates: \(a(3)) \(b(1))
            Answers: \(answers.joined(separator: " "))
            Round-Opens: 2027-01-08T10:00:00+01:00
            Round-Closes: 2027-01-25T23:59:59+01:00
            """
        for dir in [DialogueWorld.agentDir, DialogueWorld.hub] {
            #expect(try box.tagMessage("v2", in: dir) == message, "\(dir)")
        }
        // The worktree diff before publishing is the v1 → v2 diff.
        let draftDiff = try world.agentOK("diff", "v1", "v2")
        #expect(draftDiff.stdout == worktreeDiff.stdout.replacingOccurrences(of: "v1 → working tree\n", with: "v1 → v2\n"))
        let nothing = try world.agentOK("diff")
        #expect(nothing.stdout.isEmpty && nothing.stderr.contains("No difference between v2 and working tree."), "\(nothing)")

        // jsf log --json.
        let log = try decode([DialogueLogJSON].self, from: try world.agentOK("log", "--json"))
        let v2 = try #require(log.first { $0.version == "v2" })
        #expect(v2.integrates == [a(3), b(1)] && v2.answers == answers)
        #expect(v2.added == ["education-au-gout"] && v2.removed == ["biodechets"])
        #expect(log.first { $0.version == "v1" }.map { $0.integrates.isEmpty && $0.answers.isEmpty } == true)
        let table = try world.agentOK("log").stdout
        #expect(table.contains("Version 2 : contenants et pondérations — integrates \(a(3)), \(b(1)) — answers "), "\(table)")

        // The dialogue marks them integrated, on the hub too; the pending list is gone.
        #expect(!box.exists("\(DialogueWorld.agentDir)/.git/jsf/integrates"))
        #expect(try box.gitOutput("log", "-1", "--format=%s", "dialogue", in: DialogueWorld.hub) == "v2 integrates \(a(3)) \(b(1))")
        for id in [a(3), b(1)] {
            let file = try box.gitOutput("show", "dialogue:responses/\(id).md", in: DialogueWorld.hub)
            #expect(file.contains("status: integrated\nversion: 2\n"), "\(file)")
            #expect(file.hasSuffix("## 2027-01-08T09:00:00+00:00 — integrated v2\n\nIntégrée dans la v2. / Integrated in v2."), "\(file)")
        }
        #expect(try box.gitOutput("show", "dialogue:responses/\(a(3)).md", in: DialogueWorld.hub).components(separatedBy: "\n## ").count == 4)

        // Carry-over on v2.
        let inbox = try world.inbox()
        #expect(inbox.draft == "v2")
        #expect(
            inbox.states == [
                a(1): "current", b(6): "current", b(7): "current", b(5): "current", // livraison untouched; allergenes only moved
                a(4): "outdated", // analyses edited by hand
                a(5): "orphaned", // biodechets deleted
                a(3): "resolved", b(1): "resolved", // integrated
                a(2): "resolved", b(2): "resolved", // answered
                b(3): "resolved", // rejected
                b(4): "resolved", // withdrawn
            ])
        #expect(inbox.proposal(a(3))?.status == "integrated" && inbox.proposal(b(1))?.status == "integrated")
        #expect(inbox.proposal(a(3))?.answers.last?.version == 2)
        #expect(inbox.proposal(a(4))?.status == "accepted")
        #expect(
            inbox.clauses.map(\.id) == [
                "duree", "allergenes-et-regimes-particuliers", "plan-alimentaire-et-menus", "commandes", "livraison",
                "contenants", "hygiene-et-securite-sanitaire", "analyses", "prix", "biodechets",
            ])
        let orphanGroup = try #require(inbox.group("biodechets"))
        #expect(orphanGroup.removed && orphanGroup.title == nil && orphanGroup.number == nil)
        #expect(inbox.group("allergenes-et-regimes-particuliers")?.number == "3.2")
        let textInbox = try world.agentOK("inbox").stdout
        #expect(
            textInbox.contains(
                "allergenes-et-regimes-particuliers  3.2 Allergènes et régimes particuliers  — 1 alternative; cost ↑1 ↓0 =0\n  \(b(5))  alternative  up  v1  noted\n"
            ), "\(textInbox)")
        #expect(textInbox.contains("  \(a(3))  alternative  up  v1  integrated  [resolved]\n"), "\(textInbox)")
        #expect(textInbox.contains("  \(b(3))  solution  up  v1  rejected  [resolved]\n"), "\(textInbox)")
        #expect(textInbox.contains("  \(b(4))  solution  neutral  v1  withdrawn  [resolved]\n"), "\(textInbox)")
        #expect(textInbox.contains("  \(a(2))  clarification  unknown  v1  answered  [resolved]\n"), "\(textInbox)")

        // --outdated: the two to re-examine, in document order, the removed clause last.
        let outdated = try world.agentOK("inbox", "--outdated")
        #expect(
            outdated.stdout.lines == [
                "analyses  5.2 Analyses  — 1 alternative; cost ↑0 ↓1 =0",
                "  \(a(4))  alternative  down  v1  accepted  [outdated]",
                "biodechets  (removed from v2)  — 1 solution; cost ↑0 ↓0 =1",
                "  \(a(5))  solution  neutral  v1  open  [orphaned]",
            ], "\(outdated)")
        #expect(outdated.stderr.contains("2 proposal(s)."))
        #expect(try world.inboxIDs("--status", "integrated") == [a(3), b(1)])
        #expect(try world.inboxIDs("--outdated", "--kind", "solution") == [a(5)])

        // show: what changed since the draft the company saw; the orphan's target as it was.
        let stale = try world.agentOK("show", a(4)).stdout
        #expect(stale.contains("status   accepted\nstate    outdated\n"), "\(stale)")
        #expect(stale.contains("The target in v1\n## 5.2 Analyses {#analyses}\n\nLe titulaire fait réaliser chaque mois, par"), "\(stale)")
        #expect(stale.contains("Changed since, in v2\nLe titulaire fait réaliser chaque [-mois,-]{+quinzaine,+} par un laboratoire"), "\(stale)")
        #expect(stale.contains("Proposed text (redline against v2)\nLe titulaire fait réaliser chaque [-quinzaine,-]{+trimestre,+} par"), "\(stale)")
        let orphan = try world.agentOK("show", a(5)).stdout
        #expect(orphan.contains("target   biodechets (removed)\n"), "\(orphan)")
        #expect(orphan.contains("state    orphaned\n"), "\(orphan)")
        #expect(orphan.contains("The target in v1\n## 6.3 Biodéchets {#biodechets}\n\nLes biodéchets issus"), "\(orphan)")
        let integrated = try world.agentOK("show", b(1)).stdout
        #expect(
            integrated.contains("8 January 2027, 10:00 (Europe/Paris) — integrated (v2)\n  Intégrée dans la v2. / Integrated in v2."), "\(integrated)"
        )

        // The companies fetch: new draft and the integrations; the carry-over of their own proposals.
        box.now = "2027-01-08T12:00:00+01:00"
        let fetched = try world.companyOK(DialogueWorld.cuisine, "fetch")
        #expect(fetched.output.contains("new draft v2"), "\(fetched)")
        let status = try world.companyOK(DialogueWorld.cuisine, "status").stdout
        #expect(status.contains("draft:   v2 of 8 January 2027 — Version 2 : contenants et pondérations\n"), "\(status)")
        #expect(
            status.contains("Since your last fetch: new draft v2; new answers to \([a(3), b(1)].sorted().joined(separator: ", "))\n"), "\(status)")
        #expect(
            status.contains(
                """
                  \(a(1))  solution  livraison  v1  open
                  \(a(2))  clarification  commandes  v1  answered
                    → Oui : le même délai s'applique aux commandes du mercredi.
                  \(a(3))  alternative  contenants  v1  integrated
                    → Intégrée dans la v2. / Integrated in v2.
                  \(a(4))  alternative  analyses  v1  accepted  [outdated: the clause changed, re-examine it]
                    → D'accord sur le principe.
                  \(a(5))  solution  biodechets  v1  open  [orphaned: the clause was removed]

                """), "\(status)")
        let json = try decode(DialogueStatusJSON.self, from: try world.companyOK(DialogueWorld.cuisine, "status", "--json"))
        #expect(json.draft == "v2" && json.lastFetch?.drafts == ["v2"] && json.lastFetch?.answered == [a(3), b(1)].sorted())
        #expect(
            Dictionary(uniqueKeysWithValues: (json.proposals ?? []).map { ($0.id, $0.state) })
                == [a(1): "current", a(2): "resolved", a(3): "resolved", a(4): "outdated", a(5): "orphaned"])
        // The other company's status: its weighting integrated.
        try world.companyOK(DialogueWorld.traiteur, "fetch")
        let other = try world.companyOK(DialogueWorld.traiteur, "status").stdout
        #expect(other.contains("  \(b(1))  alternative  prix  v1  integrated\n    → Intégrée dans la v2. / Integrated in v2.\n"), "\(other)")
        // The company's checkout followed v2.
        #expect(try box.read("\(DialogueWorld.cuisineDir)/cctp.md") == (try box.read(cctp)))
    }
}
