import Foundation
import JeSaisFaire
import Testing

/// `jsf clauses --json`.
struct ClausesJSON: Decodable {
    var version: String
    var commit: String
    var clauses: [IndexEntry]
}

@Suite("init and publish, checked by plain git")
struct PublishTests {
    @Test("init then two publishes: git agrees with what jsf wrote, locally and on the hub")
    func initAndTwoPublishes() throws {
        let box = try Sandbox()
        let created = try box.setUpConsultation("c", hub: "hub.git")
        #expect(created.stdout.isEmpty)
        #expect(created.stderr.contains("Created consultation 'restauration-val-d-orvenne-2027' in \(box.path("c")): 26 clauses and 3 criteria"))
        #expect(created.stderr.contains("Created the hub \(box.path("hub.git")) (origin)."))
        #expect(created.stderr.contains("hint: edit cctp.md, then run 'jsf publish --until DATE' to publish v1"))
        // Not published yet: the hub is empty.
        #expect(try box.gitOutput("for-each-ref", in: "hub.git") == "")

        let first = try box.jsf("publish", "--until", "2027-01-20", in: "c")
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout == "v1\n")
        #expect(first.stderr.contains("Published v1: +29 ~0 -0 clauses; round open until 20 January 2027, 23:59 (Europe/Paris)."))
        #expect(first.stderr.contains("Pushed main and v1 to \(box.path("hub.git"))."))

        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit trois fois")
        let second = try box.jsf("publish", "-m", "Durée : trois reconductions", in: "c")
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout == "v2\n")
        #expect(second.stderr.contains("Published v2: +0 ~1 -0 clauses"))
        #expect(second.stderr.contains("Pushed main and v2 to"))

        // fsck, strictly, on the clone and on the hub.
        for dir in ["c", "hub.git"] {
            let fsck = try box.git("fsck", "--strict", "--no-dangling", in: dir)
            #expect(fsck.status == 0, "\(dir): \(fsck)")
            #expect(fsck.output.lines.filter { !$0.hasPrefix("notice:") && !$0.hasPrefix("Checking") }.isEmpty, "\(dir): \(fsck)")
        }

        // Drafts are annotated tags.
        #expect(try box.gitOutput("cat-file", "-t", "v1", in: "c") == "tag")
        #expect(try box.gitOutput("cat-file", "-t", "v2", in: "c") == "tag")

        // The committed index is exactly what `jsf clauses --version v1 --json` prints.
        let committed = try box.gitOutput("show", "v1:clauses.yml", in: "c") + "\n"
        let (parsed, problems) = ClauseIndex.parse(committed)
        #expect(problems.isEmpty, "\(problems)")
        let index = try #require(parsed)
        let json = try decode(ClausesJSON.self, from: box.ok("clauses", "--version", "v1", "--json", in: "c"))
        #expect(json.version == "v1")
        #expect(json.commit == (try box.gitOutput("rev-parse", "v1^{commit}", in: "c")))
        #expect(json.clauses == index.entries)
        #expect(index.entries.count == 29)
        #expect(index.entries.allSatisfy { $0.introduced == 1 && $0.changed == 1 })
        // v2 changed the one clause.
        let v2 = try decode(ClausesJSON.self, from: box.ok("clauses", "--version", "v2", "--json", in: "c"))
        #expect(v2.clauses.filter { $0.changed == 2 }.map(\.id) == ["duree"])

        // The tag messages are changelogs with trailers git itself can read.
        let message1 = try box.tagMessage("v1", in: "c")
        #expect(message1.hasPrefix("Version 1\n\nClauses-Added: objet-et-duree-du-marche objet duree forme-des-prix"))
        #expect(!message1.contains("Clauses-Changed"))
        let message2 = try box.tagMessage("v2", in: "c")
        #expect(message2.hasPrefix("Durée : trois reconductions\n"))
        let trailers = try box.tagTrailers("v2", in: "c")
        #expect(
            trailers.lines == [
                "Clauses-Changed: duree",
                "Round-Opens: 2027-01-04T09:00:00+01:00",
                "Round-Closes: 2027-01-18T09:00:00+01:00",
            ])
        // The v1 round was closed by v2 and v2's round recorded, in consultation.yml.
        let consultation = try box.gitOutput("show", "v2:consultation.yml", in: "c")
        #expect(
            consultation.contains(
                """
                  - version: 1
                    opens: "2027-01-04T09:00:00+01:00"
                    closes: "2027-01-04T09:00:00+01:00"
                  - version: 2
                """))

        // Authors are the organisation, never the person.
        let authors = try box.gitOutput("log", "--format=%an|%cn|%ae|%ce", "main", in: "c").lines
        #expect(authors.count == 3)
        for line in authors {
            #expect(line.hasPrefix("Préfecture du Bas-Rhin|Préfecture du Bas-Rhin|"), "\(line)")
            #expect(!line.contains("Marie") && !line.contains("Dupont"), "\(line)")
            #expect(line.hasSuffix("@jsf.invalid"), "\(line)")
        }
        let tagger = try box.gitOutput("for-each-ref", "--format=%(taggername)", "refs/tags/v1", in: "c")
        #expect(tagger == "Préfecture du Bas-Rhin")

        // The hub has main and both drafts, at the same objects.
        let hubRefs = try box.gitOutput("for-each-ref", "--format=%(refname) %(objectname)", in: "hub.git")
        let localRefs = try box.gitOutput("for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/main", "refs/tags", in: "c")
        #expect(hubRefs.lines.map { $0.split(separator: " ")[0] } == ["refs/heads/main", "refs/tags/v1", "refs/tags/v2"])
        #expect(hubRefs == localRefs)
        #expect(try box.gitOutput("status", "--porcelain", in: "c") == "")
    }

    @Test("ids survive renumbering and retitling; a new heading gets an id written back into cctp.md")
    func idsSurviveRenumbering() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let v1 = try decode(ClausesJSON.self, from: box.ok("clauses", "--json", in: "c"))
        let before = Dictionary(uniqueKeysWithValues: v1.clauses.map { ($0.id, $0) })

        // Swap the numbers of articles 2 and 3, retitle 1.2, add a heading without id.
        try box.edit(
            "c/cctp.md", replacing: "# Article 2 — Contexte et effectifs {#contexte-et-effectifs}",
            with: "# Article 3 — Contexte et effectifs {#contexte-et-effectifs}")
        try box.edit(
            "c/cctp.md", replacing: "# Article 3 — Composition et qualité des repas {#composition-et-qualite-des-repas}",
            with: "# Article 2 — Composition et qualité des repas {#composition-et-qualite-des-repas}")
        try box.edit("c/cctp.md", replacing: "## 1.2 Durée {#duree}", with: "## 1.2 Durée et reconduction {#duree}")
        try box.write("c/cctp.md", try box.read("c/cctp.md") + "\n## Traçabilité des denrées\n\nLe titulaire tient un registre.\n")

        let run = try box.jsf("publish", in: "c")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "v2\n")
        #expect(run.stderr.contains("New clause ids: tracabilite-des-denrees"))

        let v2 = try decode(ClausesJSON.self, from: box.ok("clauses", "--json", in: "c"))
        #expect(v2.clauses.map(\.id) == v1.clauses.map(\.id) + ["tracabilite-des-denrees"])
        let after = Dictionary(uniqueKeysWithValues: v2.clauses.map { ($0.id, $0) })

        for id in ["contexte-et-effectifs", "composition-et-qualite-des-repas"] {
            let old = try #require(before[id])
            let new = try #require(after[id])
            #expect(new.hash == old.hash, "renumbering changed the hash of \(id)")
            #expect(new.changed == 1 && new.introduced == 1, "\(new)")
        }
        #expect(after["contexte-et-effectifs"]?.number == "3")
        #expect(after["composition-et-qualite-des-repas"]?.number == "2")

        let retitled = try #require(after["duree"])
        #expect(retitled.title == "Durée et reconduction")
        #expect(retitled.hash != before["duree"]?.hash)
        #expect(retitled.changed == 2 && retitled.introduced == 1)

        let added = try #require(after["tracabilite-des-denrees"])
        #expect(added.introduced == 2 && added.changed == 2)
        #expect(added.parent == "criteres-d-attribution")

        // Untouched clauses keep everything.
        for entry in v1.clauses where !["duree", "contexte-et-effectifs", "composition-et-qualite-des-repas"].contains(entry.id) {
            #expect(after[entry.id] == entry)
        }

        // The id was written back into the working cctp.md, and committed with it.
        let working = try box.read("c/cctp.md")
        #expect(working.contains("## Traçabilité des denrées {#tracabilite-des-denrees}\n"))
        #expect(try box.gitOutput("show", "v2:cctp.md", in: "c") + "\n" == working)
        #expect(try box.gitOutput("status", "--porcelain", in: "c") == "")
        #expect(try box.jsf("check", in: "c").status == 0)

        let trailers = try box.tagTrailer("Clauses-Added", of: "v2", in: "c")
        #expect(trailers == "tracabilite-des-denrees")
        let changedTrailer = try box.tagTrailer("Clauses-Changed", of: "v2", in: "c")
        #expect(changedTrailer.split(separator: " ").contains("duree"))
        #expect(changedTrailer == "duree", "Clauses-Changed: \(changedTrailer)")
    }

    @Test("init without --from writes a scaffold that passes check, with three criteria summing to 100")
    func scaffold() throws {
        let box = try Sandbox()
        let created = try box.setUpConsultation("s", id: "scaffold-test", example: nil)
        #expect(created.stderr.contains("10 clauses and 3 criteria"))
        let check = try box.jsf("check", in: "s")
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout == "")
        #expect(check.stderr == "jsf check: all good\n")
        let json = try decode(ClausesJSON.self, from: box.ok("clauses", "--json", in: "s"))
        #expect(json.version == "HEAD")
        let criteria = json.clauses.filter { $0.kind == .criterion }
        #expect(criteria.count == 3)
        #expect(criteria.compactMap(\.weight).reduce(0, +) == 100)
        #expect(criteria.allSatisfy { $0.weight != nil })
        // One commit on main, a clean tree, and fsck agrees.
        #expect(try box.gitOutput("rev-list", "--count", "main", in: "s") == "1")
        #expect(try box.gitOutput("status", "--porcelain", in: "s") == "")
        #expect(try box.git("fsck", "--strict", in: "s").status == 0)
        #expect(try box.gitOutput("symbolic-ref", "HEAD", in: "s") == "refs/heads/main")
    }

    @Test("a removed clause is listed in Clauses-Removed, stays readable in the old draft, and is gone from HEAD")
    func removedClause() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let text = try box.read("c/cctp.md")
        let start = try #require(text.range(of: "## 6.3 Biodéchets {#biodechets}"))
        let end = try #require(text.range(of: "# Article 7 — "))
        try box.write("c/cctp.md", text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: ""))

        let status = try decode(StatusJSON.self, from: box.ok("status", "--json", in: "c"))
        #expect(status.unpublished.removed == ["biodechets"])
        let run = try box.jsf("publish", in: "c")
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("Published v2: +0 ~0 -1 clauses"))
        #expect(!run.stderr.contains("out of step"), "\(run)")
        let trailers = try box.tagTrailer("Clauses-Removed", of: "v2", in: "c")
        #expect(trailers == "biodechets")
        let log = try decode([LogJSON].self, from: box.ok("log", "--json", in: "c"))
        #expect(log.last?.removed == ["biodechets"] && log.last?.clauses == 28)
        #expect(try box.ok("show", "biodechets", "--version", "v1", in: "c").stdout.hasPrefix("## 6.3 Biodéchets {#biodechets}\n"))
        expectRefusal(try box.jsf("show", "biodechets", in: "c"), status: 1, ["no clause 'biodechets' in HEAD"])
    }

    @Test("a commit made with plain git after a draft counts in status; setext headings get ids too")
    func plainCommitAndSetext() throws {
        let box = try Sandbox()
        try box.setUpConsultation(example: "maintenance-informatique-prefecture")
        let cctp = try box.read("c/cctp.md")
        #expect(cctp.contains("ARTICLE 2 — CONTEXTE ET EXISTANT {#contexte-et-existant}\n===="))
        #expect(try box.jsf("publish", in: "c").status == 0)
        let entry = try decode(ClausesJSON.self, from: box.ok("clauses", "--json", in: "c")).clauses.first { $0.id == "contexte-et-existant" }
        #expect(entry?.number == "2" && entry?.level == 1 && entry?.title == "CONTEXTE ET EXISTANT")
        #expect(try box.ok("show", "contexte-et-existant", in: "c").stdout.hasPrefix("ARTICLE 2 — CONTEXTE ET EXISTANT {#contexte-et-existant}\n"))

        try box.write("c/NOTES.txt", "notes\n")
        #expect(try box.git("add", "NOTES.txt", in: "c").status == 0)
        #expect(try box.git("commit", "-q", "-m", "Notes", in: "c").status == 0)
        let status = try decode(StatusJSON.self, from: box.ok("status", "--json", in: "c"))
        #expect(status.commitsSinceDraft == 1)
        #expect(status.unpublished.files.isEmpty)
        #expect(try box.jsf("check", in: "c").status == 0)
    }
}
