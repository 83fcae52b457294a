import Foundation
import JeSaisFaire
import Testing

/// `jsf status --json`.
struct StatusJSON: Decodable {
    struct Round: Decodable {
        var version: Int
        var opens: String
        var closes: String
        var open: Bool
    }

    struct Changes: Decodable {
        var files: [String]
        var added: [String]
        var changed: [String]
        var removed: [String]
    }

    var consultation: String
    var title: String
    var buyer: String
    var role: String?
    var draft: String?
    var round: Round?
    var unpublished: Changes
    var commitsSinceDraft: Int
    var hub: String?
}

/// One element of `jsf log --json`.
struct LogJSON: Decodable {
    var version: String
    var date: String
    var author: String
    var commit: String
    var summary: String
    var message: String
    var clauses: Int
    var changed: Int
    var added: [String]
    var modified: [String]
    var removed: [String]
}

@Suite("reading commands: status, log, clauses, show")
struct ReadingTests {
    @Test("status before the first draft, after it, and with unpublished edits")
    func status() throws {
        let box = try Sandbox()
        try box.setUpConsultation()

        let fresh = try box.ok("status", in: "c")
        #expect(
            Array(fresh.stdout.lines.prefix(4)) == [
                "Restauration scolaire  (restauration-val-d-orvenne-2027)",
                "buyer:   Commune de Val-d'Orvenne",
                "you:     agent — Préfecture du Bas-Rhin",
                "draft:   none published yet",
            ])
        #expect(!fresh.stdout.contains("Nothing unpublished."), "\(fresh)")
        #expect(fresh.stderr.contains("jsf publish"), "\(fresh)")
        let freshJSON = try decode(StatusJSON.self, from: box.ok("status", "--json", in: "c"))
        #expect(freshJSON.draft == nil && freshJSON.round == nil && freshJSON.hub == nil)
        #expect(freshJSON.role == "agent")

        #expect(try box.jsf("publish", "--until", "2027-01-20T17:00:00+01:00", in: "c").status == 0)
        let published = try box.ok("status", in: "c")
        #expect(published.stdout.contains("draft:   v1 of 4 January 2027 — Version 1\n"))
        #expect(published.stdout.contains("round:   open until 20 January 2027, 17:00 (Europe/Paris)\n"))
        #expect(published.stdout.hasSuffix("Nothing unpublished.\n"))

        // Edit one clause, delete another, add one.
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")
        try box.edit("c/cctp.md", replacing: "## 6.3 Biodéchets {#biodechets}", with: "## 6.3 Déchets organiques")
        let edited = try box.ok("status", in: "c")
        #expect(edited.stdout.contains("Unpublished changes:\n  modified: cctp.md\n"))
        #expect(edited.stdout.contains("  + dechets-organiques\n"))
        #expect(edited.stdout.contains("  ~ duree\n"))
        #expect(edited.stdout.contains("  - biodechets\n"))
        #expect(edited.stderr.contains("hint: 'jsf check' validates them, 'jsf publish' publishes them"))

        let json = try decode(StatusJSON.self, from: box.ok("status", "--json", in: "c"))
        #expect(json.consultation == "restauration-val-d-orvenne-2027")
        #expect(json.title == "Restauration scolaire")
        #expect(json.buyer == "Commune de Val-d'Orvenne")
        #expect(json.draft == "v1")
        #expect(json.round?.version == 1)
        #expect(json.round?.opens == "2027-01-04T09:00:00+01:00")
        #expect(json.round?.closes == "2027-01-20T17:00:00+01:00")
        #expect(json.round?.open == true)
        #expect(json.unpublished.files == ["cctp.md"])
        #expect(json.unpublished.added == ["dechets-organiques"])
        #expect(json.unpublished.changed == ["duree"])
        #expect(json.unpublished.removed == ["biodechets"])
        #expect(json.commitsSinceDraft == 0)

        // After the closing date the round shows as closed.
        box.now = "2027-01-21T09:00:00+01:00"
        let later = try decode(StatusJSON.self, from: box.ok("status", "--json", in: "c"))
        #expect(later.round?.open == false)
        #expect(try box.ok("status", in: "c").stdout.contains("round:   closed since 20 January 2027, 17:00 (Europe/Paris)\n"))
    }

    @Test("log lists drafts newest first; --json oldest first with the clause changes")
    func log() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        let empty = try box.ok("log", in: "c")
        #expect(empty.stdout == "")
        #expect(empty.stderr.contains("No draft published yet; 'jsf publish' publishes v1."))
        #expect(try decode([LogJSON].self, from: box.ok("log", "--json", in: "c")).isEmpty)

        #expect(try box.jsf("publish", "--until", "2027-01-20", in: "c").status == 0)
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")
        box.now = "2027-01-10T14:30:00+01:00"
        #expect(try box.jsf("publish", "-m", "Une seule reconduction", in: "c").status == 0)

        let human = try box.ok("log", in: "c")
        let lines = human.stdout.lines
        #expect(
            Array(lines.prefix(4)) == [
                "draft  date                                   clauses  changed         changelog",
                "v2     10 January 2027, 14:30 (Europe/Paris)  29       1 (+0 ~1 -0)    Une seule reconduction",
                "v1     4 January 2027, 09:00 (Europe/Paris)   29       29 (+29 ~0 -0)  Version 1",
                "keys:",
            ])
        // The agent's key, listed by jsf init in the first commit of main.
        let key = try box.gitOutput("rev-list", "--max-parents=0", "--abbrev-commit", "main", in: "c")
        #expect(
            lines.count == 5 && lines[4].hasPrefix("  4 January 2027, 09:00 (Europe/Paris)  \(key)  added  agent  Préfecture du Bas-Rhin  SHA256:"),
            "\(lines)")

        let json = try decode([LogJSON].self, from: box.ok("log", "--json", in: "c"))
        try #require(json.count == 2)
        #expect(json.map(\.version) == ["v1", "v2"])
        #expect(json[0].added.count == 29 && json[0].changed == 29 && json[0].modified.isEmpty)
        #expect(json[1].summary == "Une seule reconduction")
        #expect(json[1].modified == ["duree"] && json[1].added.isEmpty && json[1].removed.isEmpty && json[1].changed == 1)
        #expect(json[1].clauses == 29)
        #expect(json[1].date == "2027-01-10T13:30:00+00:00")
        #expect(json[1].author == "Préfecture du Bas-Rhin")
        #expect(json[1].message.contains("Clauses-Changed: duree\n"))
        #expect(json[1].commit == (try box.gitOutput("rev-parse", "v2^{commit}", in: "c")))
    }

    @Test("clauses: a table with numbers, kinds and weights; --json with every field of clauses.yml")
    func clauses() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let human = try box.ok("clauses", in: "c")
        let lines = human.stdout.lines
        #expect(lines.first == "id                                      number  kind       weight  changed  title")
        #expect(lines.contains("duree                                   1.2     clause             v1         Durée"))
        #expect(lines.contains("prix                                    8.1     criterion  40      v1         Prix"))
        #expect(lines.count == 30)

        let json = try decode(ClausesJSON.self, from: box.ok("clauses", "--json", in: "c"))
        #expect(json.version == "HEAD")
        let duree = try #require(json.clauses.first { $0.id == "duree" })
        #expect(duree.number == "1.2" && duree.title == "Durée" && duree.level == 2 && duree.parent == "objet-et-duree-du-marche")
        #expect(duree.kind == .clause && duree.weight == nil && duree.hash.count == 40)
        let criteria = json.clauses.filter { $0.kind == .criterion }
        #expect(criteria.map(\.id) == ["prix", "qualite-des-repas-et-des-produits", "performance-environnementale"])
        #expect(criteria.map(\.weight) == [40, 40, 20])
        // The raw JSON keys are those of clauses.yml.
        let raw = try box.ok("clauses", "--json", in: "c").stdout
        for key in [
            "\"id\"", "\"number\"", "\"title\"", "\"level\"", "\"parent\"", "\"kind\"", "\"weight\"", "\"hash\"", "\"introduced\"", "\"changed\"",
        ] {
            #expect(raw.contains(key), "missing \(key)")
        }
    }

    @Test("show: the whole text, one clause by id or prefix, and an older draft")
    func show() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        let whole = try box.ok("show", in: "c")
        #expect(whole.stdout == (try box.read("c/cctp.md")))

        let byID = try box.ok("show", "duree", in: "c")
        #expect(byID.stdout.hasPrefix("## 1.2 Durée {#duree}\n\nLe marché est conclu pour l'année scolaire 2027-2028"))
        #expect(!byID.stdout.contains("1.3"))
        #expect(byID.stdout.hasSuffix("applicable.\n"))

        let byPrefix = try box.ok("show", "allerg", in: "c")
        #expect(byPrefix.stdout.hasPrefix("## 3.4 Allergènes et régimes particuliers {#allergenes-et-regimes-particuliers}\n"))

        // A criterion, by id.
        let criterion = try box.ok("show", "performance-environnementale", in: "c")
        #expect(criterion.stdout.hasPrefix("## Performance environnementale {#performance-environnementale .criterion weight=20}\n"))

        // Change the text; HEAD shows the new one after publish, --version v1 the old one.
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")
        #expect(try box.jsf("publish", in: "c").status == 0)
        #expect(try box.ok("show", "duree", in: "c").stdout.contains("reconduit une fois"))
        let old = try box.ok("show", "duree", "--version", "v1", in: "c")
        #expect(old.stdout.contains("reconduit deux fois"))
        #expect(try box.ok("show", "--version", "1", "duree", in: "c").stdout == old.stdout)
        #expect(try box.ok("show", "--version", "v1", in: "c").stdout == (try box.gitOutput("show", "v1:cctp.md", in: "c")) + "\n")

        // An ambiguous prefix lists the candidates.
        let ambiguous = try box.jsf("show", "qualite", in: "c")
        expectRefusal(
            ambiguous, status: 1,
            [
                "error: 'qualite' is ambiguous in HEAD: qualite-et-origine-des-produits, qualite-des-repas-et-des-produits",
                "hint: give more of the id",
            ])
        #expect(ambiguous.stdout.isEmpty)
    }
}
