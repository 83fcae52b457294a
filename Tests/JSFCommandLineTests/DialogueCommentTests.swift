import Foundation
import Testing

/// The agent answers: `jsf comment` writes on the dialogue branch only, threads grow, and every company sees
/// the answers after `jsf fetch`.
@Suite("Dialogue: comments and equal treatment")
struct DialogueCommentTests {
    @Test("comment leaves the working tree, the index and HEAD untouched, clean or with unpublished edits")
    func commentTouchesNoCheckout() throws {
        let world = try DialogueWorld.proposed()
        let before = try world.snapshot(DialogueWorld.agentDir)
        #expect(before.status == "", "a clean checkout to start with")
        let run = try world.agentOK("comment", world.a(1), "-m", "Merci, nous en tenons compte.")
        #expect(run.trimmed == world.a(1))
        #expect(run.stderr.contains("Answered \(world.a(1)): answered (1 message(s) in the thread)."), "\(run)")
        #expect(run.stderr.contains("Pushed the dialogue to \(world.box.path(DialogueWorld.hub))."), "\(run)")
        let after = try world.snapshot(DialogueWorld.agentDir)
        #expect(after.status == "" && after.head == before.head && after.index == before.index)
        // The local branch and the hub's are the same commit, an orphan with no history shared with main.
        let local = try world.box.gitOutput("rev-parse", "refs/heads/dialogue", in: DialogueWorld.agentDir)
        #expect(try world.box.gitOutput("rev-parse", "refs/heads/dialogue", in: DialogueWorld.hub) == local)
        #expect(try world.box.git("merge-base", "main", "dialogue", in: DialogueWorld.agentDir).status == 1)
        #expect(try world.box.gitOutput("ls-tree", "-r", "--name-only", "dialogue", in: DialogueWorld.hub) == "responses/\(world.a(1)).md")

        // With unpublished edits of the agent, staged and not: they stay exactly as they were.
        try world.box.edit("\(DialogueWorld.agentDir)/cctp.md", replacing: "entre 7 h 30 et 9 h 30", with: "entre 7 h et 9 h")
        try world.box.gitOutput("add", "cctp.md", in: DialogueWorld.agentDir)
        try world.box.edit("\(DialogueWorld.agentDir)/cctp.md", replacing: "Le transport est réalisé", with: "Le transport est toujours réalisé")
        try world.box.write("\(DialogueWorld.agentDir)/notes.txt", "brouillon\n")
        let cctp = try world.box.read("\(DialogueWorld.agentDir)/cctp.md")
        let dirty = try world.snapshot(DialogueWorld.agentDir)
        #expect(dirty.status == "MM cctp.md\n?? notes.txt", "\(dirty.status)")
        try world.agentOK("comment", world.b(7), "--status", "answered", "-m", "Oui, dès 7 h.")
        let still = try world.snapshot(DialogueWorld.agentDir)
        #expect(still.status == dirty.status && still.head == dirty.head && still.index == dirty.index)
        #expect(try world.box.read("\(DialogueWorld.agentDir)/cctp.md") == cctp)
    }

    @Test("a second comment appends to the thread: responses/<ID>.md on the hub's dialogue branch has both entries")
    func threadOnTheHub() throws {
        let world = try DialogueWorld.answered()
        let a3 = world.a(3)
        let file = try world.box.gitOutput("show", "dialogue:responses/\(a3).md", in: DialogueWorld.hub)
        // The YAML writer quotes a pseudonym that starts with a digit, not the others.
        let quoted = file.contains("proposal: \"\(a3)\"\n") ? "\"\(a3)\"" : a3
        #expect(
            file == """
                ---
                format: 1
                proposal: \(quoted)
                status: accepted
                created: "2027-01-06T09:00:00+00:00"
                updated: "2027-01-06T09:30:00+00:00"
                ---

                ## 2027-01-06T09:00:00+00:00 — accepted

                Bonne idée : l'inox seul.

                ## 2027-01-06T09:30:00+00:00 — accepted

                Nous l'intégrerons dans la v2.
                """, "\(file)")
        // One commit per comment, messages "<id>: <status>"; one file per answered proposal.
        let log = try world.box.gitOutput("log", "--format=%s", "dialogue", in: DialogueWorld.hub).lines
        #expect(log.count == 9, "\(log)")
        #expect(log.first == "\(world.b(6)): noted" && log.last == "\(world.b(2)): answered", "\(log)")
        #expect(log.filter { $0 == "\(a3): accepted" }.count == 2, "\(log)")
        let files = try world.box.gitOutput("ls-tree", "-r", "--name-only", "dialogue", in: DialogueWorld.hub).lines
        #expect(
            Set(files) == Set([world.a(2), a3, world.a(4), world.b(1), world.b(2), world.b(3), world.b(5), world.b(6)].map { "responses/\($0).md" }))
        // The agent's show prints the whole thread.
        let page = try world.agentOK("show", a3).stdout
        #expect(
            page.hasSuffix(
                """
                Answers
                6 January 2027, 10:00 (Europe/Paris) — accepted
                  Bonne idée : l'inox seul.
                6 January 2027, 10:30 (Europe/Paris) — accepted
                  Nous l'intégrerons dans la v2.

                """), "\(page)")
        #expect(page.contains("status   accepted\nstate    current\n"), "\(page)")
    }

    @Test("an answered clarification reaches every company after fetch: inbox, show, status")
    func clarificationForEveryone() throws {
        let world = try DialogueWorld.answered()
        let (a, b) = (world.a, world.b)
        let answer = "Oui : le même délai s'applique aux commandes du mercredi."
        for user in [DialogueWorld.cuisine, DialogueWorld.traiteur] {
            let inbox = try world.inbox(user)
            let a2 = try #require(inbox.proposal(a(2)), "\(user)")
            #expect(a2.status == "answered" && a2.state == "resolved", "\(user)")
            #expect(a2.answers.map(\.text) == [answer] && a2.answers.first?.status == "answered", "\(user)")
            #expect(a2.answers.first?.created == "2027-01-06T09:00:00+00:00", "\(user)")
            let text = try world.companyOK(user, "inbox").stdout
            #expect(text.contains("  \(a(2))  clarification  unknown  v1  answered  [resolved]\n"), "\(user):\n\(text)")
            let page = try world.companyOK(user, "show", a(2)).stdout
            #expect(page.contains("status   answered\nstate    resolved\n"), "\(user):\n\(page)")
            #expect(page.hasSuffix("Answers\n6 January 2027, 10:00 (Europe/Paris) — answered\n  \(answer)\n"), "\(user):\n\(page)")
        }
        // The asking company sees it with its proposals; the other among the news of its fetch.
        let asker = try world.companyOK(DialogueWorld.cuisine, "status").stdout
        #expect(asker.contains("  \(a(2))  clarification  commandes  v1  answered\n    → \(answer)\n"), "\(asker)")
        let other = try world.companyOK(DialogueWorld.traiteur, "status").stdout
        let news = [a(2), a(3), a(4), b(1), b(2), b(3), b(5), b(6)].sorted().joined(separator: ", ")
        #expect(other.contains("as:      Company \(world.pb)\nSince your last fetch: new answers to \(news)\nYour proposals:\n"), "\(other)")
        #expect(
            other.contains("  \(b(2))  clarification  duree  v1  answered\n    → Oui, la reconduction est tacite, deux fois au plus.\n"), "\(other)")
        #expect(
            other.contains("  \(b(3))  solution  plan-alimentaire-et-menus  v1  rejected\n    → Trop coûteux pour une commune de cette taille.\n"),
            "\(other)")
        #expect(
            other.contains("  \(b(4))  solution  hygiene-et-securite-sanitaire  v1  withdrawn\n  \(b(5))"),
            "a withdrawn proposal has no answer:\n\(other)")
        #expect(other.contains("  \(b(7))  clarification  livraison  v1  open\n"), "\(other)")
        let json = try decode(DialogueStatusJSON.self, from: try world.companyOK(DialogueWorld.traiteur, "status", "--json"))
        #expect(json.pseudonym == world.pb && json.role == "company" && json.draft == "v1")
        #expect(json.lastFetch?.answered == [a(2), a(3), a(4), b(1), b(2), b(3), b(5), b(6)].sorted() && json.lastFetch?.drafts == [])
        #expect(json.proposals?.map(\.id) == (1...7).map(b))
        #expect(json.proposals?.first { $0.id == b(2) }?.answer == "Oui, la reconduction est tacite, deux fois au plus.")
        let b5 = json.proposals?.first { $0.id == b(5) }
        #expect(b5?.status == "noted" && b5?.state == "current")
    }

    @Test("propose leaves the company's working tree, index and HEAD untouched")
    func proposeTouchesNoCheckout() throws {
        let world = try DialogueWorld.cloned()
        let dir = DialogueWorld.cuisineDir
        let before = try world.snapshot(dir)
        #expect(before.status == "")
        world.box.now = "2027-01-05T10:00:00+01:00"
        try world.box.write("texts/contenants.md", DialogueWorld.contenantsText)
        let id = try world.propose(
            DialogueWorld.cuisine,
            [
                "contenants", "--kind", "alternative", "--cost", "up",
                "--text-file", world.box.path("texts/contenants.md"), "-m", "L'inox seul.",
            ])
        #expect(id == world.a(1))
        let after = try world.snapshot(dir)
        #expect(after.status == "" && after.head == before.head && after.index == before.index)
        #expect(try world.box.gitOutput("rev-parse", "--abbrev-ref", "HEAD", in: dir) == "main")
        #expect(try world.box.gitOutput("ls-tree", "--name-only", "proposals/\(world.pa)", in: dir).lines == ["1.md", "key.pub"])
        // With an edit in the company's checkout, it stays as it was.
        try world.box.edit("\(dir)/cctp.md", replacing: "Les repas sont livrés chaque jour", with: "Les repas sont livrés tous les jours")
        let dirty = try world.snapshot(dir)
        try world.propose(DialogueWorld.cuisine, ["livraison", "--kind", "solution", "--cost", "neutral", "-m", "Livraison à 7 h."])
        let still = try world.snapshot(dir)
        #expect(still.status == " M cctp.md" && still.status == dirty.status && still.head == dirty.head && still.index == dirty.index)
    }
}
