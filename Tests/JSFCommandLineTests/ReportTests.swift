import Foundation
import Testing

/// `jsf report --json`, as far as the tests read it.
struct ReportJSON: Decodable {
    struct Consultation: Decodable {
        struct CPV: Decodable {
            var code: String
            var division: String
            var label: String?
        }
        struct Place: Decodable {
            var code: String
            var name: String?
        }
        var id: String
        var title: String
        var buyer: String
        var cpv: [CPV]
        var departements: [Place]
        var regions: [Place]
        var estimatedAmount: Int?
    }
    struct Round: Decodable {
        var opens: String
        var closes: String
    }
    struct Draft: Decodable {
        var version: Int
        var name: String
        var date: String
        var summary: String
        var added: [String]
        var changed: [String]
        var removed: [String]
        var integrates: [String]
        var answers: [String]
        var round: Round?
    }
    struct Answer: Decodable {
        var date: String
        var status: String
        var version: Int?
        var text: String
    }
    struct Proposal: Decodable {
        var id: String
        var pseudonym: String
        var kind: String
        var cost: String
        var estimate: String?
        var version: Int
        var status: String
        var state: String
        var justification: String
        var proposedText: String?
        var answers: [Answer]
        var integratedIn: Int?
    }
    struct Op: Decodable {
        var op: String
        var text: String
    }
    struct Revision: Decodable {
        var from: Int
        var to: Int
        var changes: [String]
        var oldWeight: Int?
        var newWeight: Int?
        var redline: [Op]
        var integrates: [String]
    }
    struct Clause: Decodable {
        var id: String
        var number: String
        var title: String
        var kind: String
        var removedIn: Int?
        var proposals: [Proposal]
        var revisions: [Revision]
    }
    struct Entry: Decodable {
        var date: String
        var kind: String
        var version: Int?
        var proposal: String?
        var proposalKind: String?
        var clause: String?
        var question: String?
        var answerNumber: Int?
        var status: String?
        var answer: String?
        var round: Round?
        var closing: String?
        var plannedCloses: String?
        var buyer: String?
        var note: String?
    }
    struct SummaryItem: Decodable {
        var proposal: String
        var pseudonym: String
        var kind: String
        var clause: String
        var status: String
        var version: Int?
    }
    struct Summary: Decodable {
        var participants: Int
        var proposals: Int
        var kinds: Counts
        var integrated: [SummaryItem]
        var unanswered: [SummaryItem]
        var outdated: [SummaryItem]
        var orphaned: [SummaryItem]
    }
    struct ClauseName: Decodable {
        var id: String
        var number: String
        var title: String
        var kind: String
    }
    struct Counts: Decodable {
        var solution: Int
        var clarification: Int
        var alternative: Int
    }
    struct Costs: Decodable {
        var up: Int
        var down: Int
        var neutral: Int
        var unknown: Int
    }
    struct ClauseTotals: Decodable {
        var id: String
        var proposals: Int
        var kinds: Counts
        var costs: Costs
    }
    struct Totals: Decodable {
        var participants: Int
        var pseudonyms: [String]
        var proposals: Int
        var kinds: Counts
        var costs: Costs
        var statuses: [String: Int]
        var integrated: Int
        var answered: Int
        var rejected: Int
        var answers: Int
        var clauses: [ClauseTotals]
    }
    struct Approval: Decodable {
        var version: Int?
        var buyer: String?
        var date: String?
        var note: String?
        var ref: String
        var commit: String
    }

    var format: Int
    var generated: String
    var consultation: Consultation
    var currentDraft: String?
    var latestDraft: String?
    var approval: Approval?
    var drafts: [Draft]
    var clauses: [Clause]
    var register: [Entry]
    var totals: Totals
    var summary: Summary
    var clauseNames: [ClauseName]

    func clause(_ id: String) -> Clause? { clauses.first { $0.id == id } }
    func proposal(_ id: String) -> Proposal? { clauses.flatMap(\.proposals).first { $0.id == id } }
}

/// The dialogue every report test reads: an agent, two companies, every kind of proposal, answers, an alternative
/// applied with 'jsf revise --apply', v2.
struct ReportDialogue {
    let box: Sandbox
    /// Pseudonyms of the two companies.
    let vosges: String
    let moselle: String
    /// Proposal ids.
    let question: String
    let alternative: String
    let solution: String
    let weighting: String
    /// What the `tender` step of the init returned.
    let extra: String?

    static let title = "Maintenance du parc informatique & des réseaux"
    static let questionText = "Les délais courent-ils dès l'appel ? <script>alert(1)</script> & co"
    static let answerText = "Les délais courent à partir de l'enregistrement du ticket."
    static let proposedText = """
        Les heures ouvrées sont fixées du lundi au vendredi, de 8 h 00 à 18 h 00, hors jours fériés. Les interventions \
        programmées susceptibles d'interrompre le service ont lieu à distance après 18 h 00, sur accord préalable du SIDSIC.
        """

    static let vosgesProfile = CompanyProfile(
        user: "vosges", name: "Camille Schmitt", organisation: "Vosges Numérique SAS", siret: "41572083800127",
        cpv: ["50312000-5"], departements: ["67"], email: "camille.schmitt@vosges-numerique.fr", phone: "+33 3 88 12 34 56",
        website: "https://www.vosges-numerique.fr", gitName: "Camille Schmitt-Roth", gitEmail: "cschmitt@vosges-numerique.fr")
    static let moselleProfile = CompanyProfile(
        user: "moselle", name: "Julien Keller", organisation: "Réseaux de Moselle SARL", siret: "81234567600124",
        cpv: ["50324100-3"], departements: ["68"], email: "contact@reseaux-moselle.fr", phone: "03 89 65 43 21",
        website: "reseaux-moselle.fr", gitName: "Julien Keller", gitEmail: "julien.keller.57@gmail.com")

    /// Every string that would name one of the two companies.
    static var identifying: [String] { vosgesProfile.identifyingStrings + moselleProfile.identifyingStrings }

    /// `tender` runs after the answers, before v2 (given the clarification's id); `weightingText` is the weighting's justification.
    init(
        tender: ((Sandbox, _ question: String) throws -> String)? = nil,
        weightingText: String = "La qualité du support pèse plus que le prix.", sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let box = try Sandbox()
        self.box = box
        try box.setUpAgent(name: "Marie Dupont", organisation: "Préfecture du Bas-Rhin", sourceLocation: sourceLocation)
        try box.ok(
            "init", "c", "--id", "maintenance-informatique-67", "--title", Self.title, "--buyer", "Préfecture du Bas-Rhin",
            "--cpv", "50312000-5", "--territory", "67", "--territory", "region:44", "--estimated-amount", "180000",
            "--from", exampleCCTP("maintenance-informatique-prefecture"), "--hub", "hub.git", sourceLocation: sourceLocation)
        try box.ok("publish", "-m", "Première version", "--until", "2027-01-20", in: "c", sourceLocation: sourceLocation)

        box.now = "2027-01-05T10:00:00+01:00"
        var pseudonyms: [String] = []
        for profile in [Self.vosgesProfile, Self.moselleProfile] {
            try box.setUpCompanyProfile(profile, sourceLocation: sourceLocation)
            let clone = try box.companyOK(["clone", box.path("hub.git"), profile.user + "-c"], as: profile.user, sourceLocation: sourceLocation)
            let marker = "You appear here as Company "
            let range = try #require(clone.stderr.range(of: marker), "\(clone)", sourceLocation: sourceLocation)
            pseudonyms.append(String(clone.stderr[range.upperBound...].prefix(8)))
        }
        vosges = pseudonyms[0]
        moselle = pseudonyms[1]

        question = try box.companyOK(
            ["propose", "niveaux-de-service", "--kind", "clarification", "--cost", "neutral", "-m", Self.questionText],
            as: "vosges", in: "vosges-c", sourceLocation: sourceLocation
        ).trimmed
        try box.write("horaires.md", Self.proposedText + "\n")
        alternative = try box.companyOK(
            [
                "propose", "horaires-d-intervention", "--kind", "alternative", "--cost", "down", "--estimate", "-6 % & moins",
                "--text-file", box.path("horaires.md"), "-m", "Intervenir à distance évite des déplacements de nuit.",
            ],
            as: "vosges", in: "vosges-c", sourceLocation: sourceLocation
        ).trimmed
        solution = try box.companyOK(
            [
                "propose", "maintenance-preventive", "--kind", "solution", "--cost", "up", "--estimate", "+3 000 € par an",
                "-m", "Une supervision continue (SNMP) détecterait les pannes avant les utilisateurs.",
            ],
            as: "moselle", in: "moselle-c", sourceLocation: sourceLocation
        ).trimmed
        weighting = try box.companyOK(
            [
                "propose", "valeur-technique", "--kind", "alternative", "--cost", "neutral", "--weight", "50",
                "-m", weightingText,
            ], as: "moselle", in: "moselle-c",
            sourceLocation: sourceLocation
        ).trimmed
        try box.companyOK(["push"], as: "vosges", in: "vosges-c", sourceLocation: sourceLocation)
        try box.companyOK(["push"], as: "moselle", in: "moselle-c", sourceLocation: sourceLocation)

        box.now = "2027-01-12T14:00:00+01:00"
        try box.ok("fetch", in: "c", sourceLocation: sourceLocation)
        try box.ok("comment", question, "--status", "answered", "-m", Self.answerText, in: "c", sourceLocation: sourceLocation)
        try box.ok("comment", alternative, "--status", "accepted", "-m", "Retenue pour la v2.", in: "c", sourceLocation: sourceLocation)
        try box.ok("comment", solution, "--status", "rejected", "-m", "Hors du périmètre du marché.", in: "c", sourceLocation: sourceLocation)
        try box.ok(
            "comment", weighting, "--status", "noted", "-m", "Sera examinée avec l'ensemble des critères.", in: "c", sourceLocation: sourceLocation)

        extra = try tender?(box, question)

        box.now = "2027-01-25T10:00:00+01:00"
        try box.ok("revise", "--apply", alternative, in: "c", sourceLocation: sourceLocation)
        try box.ok("publish", "-m", "Interventions à distance", "--until", "2027-02-05T17:00:00+01:00", in: "c", sourceLocation: sourceLocation)
        box.now = "2027-02-10T10:00:00+01:00"
    }

    /// Runs `jsf report` as the agent in the consultation, in `language`.
    func report(_ arguments: [String] = [], language: String = "C.UTF-8", in directory: String = "c") throws -> Run {
        box.language = language
        defer { box.language = "C.UTF-8" }
        return try box.jsf(["report"] + arguments, in: directory)
    }

    /// Requires success and returns stdout.
    func reportOK(_ arguments: [String] = [], language: String = "C.UTF-8", sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try report(arguments, language: language)
        try #require(run.status == 0, "jsf report \(arguments) failed:\n\(run)", sourceLocation: sourceLocation)
        return run.stdout
    }

    /// Writes the HTML report and returns it.
    func html(language: String = "C.UTF-8", file: String = "report.html", sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        _ = try reportOK(["--html", box.path(file)], language: language, sourceLocation: sourceLocation)
        return try box.read(file)
    }
}

/// Checks that nothing names a company.
func expectNoCompanyNamed(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lower = text.lowercased()
    for needle in ReportDialogue.identifying {
        #expect(!lower.contains(needle.lowercased()), "\(what) names a company: '\(needle)'", sourceLocation: sourceLocation)
    }
}

/// The heading levels of an HTML text, in order.
func headingLevels(_ html: String) -> [Int] {
    html.matches(of: /<h([1-6])[ >]/).compactMap { Int($0.output.1) }
}

@Suite("jsf report: the dialogue as a document")
struct ReportTests {
    @Test("HTML: sections, one chart, redline as del/ins, register with the dated answer, anonymous, escaped, self-contained")
    func htmlStructure() throws {
        let world = try ReportDialogue()
        let html = try world.html()

        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>Pre-tender dialogue report — Maintenance du parc informatique &amp; des réseaux</title>"))
        #expect(html.contains("<h1>Maintenance du parc informatique &amp; des réseaux</h1>"))
        for section in ["drafts", "clauses", "register", "totals"] {
            #expect(html.contains("<section id=\"\(section)\""), "no section \(section)")
        }
        // Header: id, buyer, CPV with its division label, territory, generation date, current draft.
        #expect(html.contains("<code>maintenance-informatique-67</code>"))
        // The division's label in the report's language: the official English one here.
        #expect(html.contains("<code>50312000-5</code> — division 50: Repair and maintenance services"))
        #expect(html.contains("Bas-Rhin (67), Region Grand Est (44)"))
        #expect(html.contains("<time datetime=\"2027-02-10T10:00:00+01:00\">10 February 2027, 10:00 (Europe/Paris)</time>"))
        #expect(html.contains("<dt>Current draft</dt><dd>v2</dd>"))
        #expect(html.contains("<dt>Approval</dt><dd>not approved yet</dd>"))
        #expect(html.contains("€180,000 excl. VAT"))

        // Headings never skip a level going down, start at h1; tables have header cells.
        let levels = headingLevels(html)
        #expect(levels.first == 1)
        for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "heading h\(a) then h\(b)") }
        #expect(html.contains("<th scope=\"col\">"))
        #expect(html.contains("<th scope=\"row\">"))

        // Drafts with their round and changelog.
        #expect(html.contains("<h3>v1 — <time datetime=\"2027-01-04T09:00:00+01:00\">4 January 2027, 09:00 (Europe/Paris)</time></h3>"))
        #expect(html.contains("from 25 January 2027, 10:00 (Europe/Paris) to 5 February 2027, 17:00 (Europe/Paris)"))
        #expect(html.contains("<dt>Proposals integrated</dt><dd><code>\(world.alternative)</code></dd>"))

        // One chart, with a text alternative.
        #expect(html.components(separatedBy: "<svg").count == 2)
        #expect(html.contains("<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\""))
        #expect(html.contains("<title id=\"chart-title\">Proposals per clause, by cost direction</title>"))
        #expect(html.contains("4.2 Niveaux de service: 1 — 1 neutral ; "))
        #expect(html.contains("<figcaption>"))

        // The clause the alternative changed: its redline, with <del> and <ins>.
        let clause = try #require(html.range(of: "<article class=\"clause\" id=\"clause-horaires-d-intervention\">"))
        let article = String(html[clause.lowerBound...]).components(separatedBy: "</article>")[0]
        #expect(article.contains("<h3>5.1 Horaires d&#39;intervention <span class=\"clause-id\">(horaires-d-intervention)</span></h3>"))
        #expect(article.contains("<div class=\"redline\">"))
        #expect(article.contains("<del>"))
        #expect(article.contains("<ins>"))
        #expect(article.contains("<ins><span class=\"sr\">[inserted: </span>à distance"), "\(article)")
        #expect(article.contains("Integrates \(world.alternative)."))
        #expect(article.contains("Integrated in v2."))
        #expect(article.contains("-6 % &amp; moins"))

        // The register: the clarification, its question and its answer, dated, after v1 and before v2.
        let register = try #require(html.components(separatedBy: "<section id=\"register\"").last?.components(separatedBy: "</section>").first)
        #expect(
            register.contains(
                "<td><time datetime=\"2027-01-12T14:00:00+01:00\">12 January 2027, 14:00 (Europe/Paris)</time></td><td>Answer to \(world.question) (clarification, Company \(world.vosges)) on “4.2 Niveaux de service”</td>"
            ),
            "\(register)")
        let answerHTML = ReportDialogue.answerText.replacingOccurrences(of: "'", with: "&#39;")
        #expect(register.contains(answerHTML))
        #expect(register.contains("Les délais courent-ils dès l&#39;appel ? &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        let v1 = try #require(register.range(of: "Publication of draft v1"))
        let answer = try #require(register.range(of: answerHTML))
        let v2 = try #require(register.range(of: "Publication of draft v2"))
        #expect(v1.lowerBound < answer.lowerBound && answer.lowerBound < v2.lowerBound)

        // Escaping: no markup from the repository survives.
        #expect(!html.contains("<script"))
        #expect(!html.contains("alert(1)</script>"))
        // Self-contained: nothing fetched from anywhere.
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.matches(of: /(?:src|href)="(?!#)/).isEmpty)
        #expect(html.matches(of: /url\((?!#)/).isEmpty)
        #expect(html.contains("@media print"))
        #expect(html.contains("break-before: page"))

        // Companies: pseudonyms only.
        #expect(html.contains("Company \(world.vosges)"))
        #expect(html.contains("Company \(world.moselle)"))
        expectNoCompanyNamed(html, "the HTML report")
    }

    @Test(
        "HTML in real headless Chromium: a non-blank screenshot, and a DOM with the title and the clause headings",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func chromium() throws {
        let world = try ReportDialogue()
        let box = world.box
        _ = try world.html(language: "fr_FR.UTF-8")
        let url = "file://" + box.path("report.html")
        try FileManager.default.createDirectory(atPath: box.path("home-chromium"), withIntermediateDirectories: true)
        let environment = ["PATH": "/usr/bin:/bin", "HOME": box.path("home-chromium"), "LANG": "C.UTF-8"]
        let flags = [
            "120", "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=" + box.path("home-chromium/profile"),
        ]

        let shot = try spawn(
            "/usr/bin/timeout", flags + ["--screenshot=" + box.path("report.png"), "--window-size=1280,2000", url],
            in: box.root, environment: environment)
        #expect(shot.status == 0, "\(shot)")
        let png = try #require(FileManager.default.contents(atPath: box.path("report.png")), "no screenshot:\n\(shot)")
        #expect(png.count > 20_000)
        try box.write("png.py", pngStatistics)
        let stats = try spawn("/usr/bin/python3", [box.path("png.py"), box.path("report.png")], in: box.root, environment: environment)
        try #require(stats.status == 0, "\(stats)")
        let numbers = stats.trimmed.split(separator: " ").compactMap { Double($0) }
        try #require(numbers.count == 4, "\(stats)")
        #expect(numbers[0] == 1280 && numbers[1] == 2000, "size \(numbers)")
        #expect(numbers[2] > 100, "only \(numbers[2]) distinct colours: blank page?")
        #expect(numbers[3] > 0.02, "only \(numbers[3] * 100) % of the pixels are not white: blank page?")

        let dom = try spawn("/usr/bin/timeout", flags + ["--dump-dom", url], in: box.root, environment: environment)
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("<html lang=\"fr\">"))
        #expect(dom.stdout.contains("<h1>Maintenance du parc informatique &amp; des réseaux</h1>"), "\(dom.stdout.prefix(2000))")
        for heading in ["3.2 Maintenance préventive", "4.2 Niveaux de service", "5.1 Horaires d'intervention", "10.2 Valeur technique"] {
            #expect(dom.stdout.contains("<h3>\(heading) <span class=\"clause-id\">"), "no heading \(heading)")
        }
        #expect(dom.stdout.contains("<h2 id=\"register-title\">3. Registre des informations communiquées à tous les participants</h2>"))
        #expect(!dom.stdout.contains("<script"))
    }

    @Test("Markdown on stdout and in a file, pandoc-friendly; JSON of the model")
    func markdownAndJSON() throws {
        let world = try ReportDialogue()
        let box = world.box
        let md = try world.reportOK()
        #expect(md.hasPrefix("---\ntitle: \"Maintenance du parc informatique & des réseaux\"\nsubtitle: \"Pre-tender dialogue report\"\nlang: en\n"))
        for heading in [
            "# 1. Published drafts {#drafts}", "# 2. Proposals and changes by clause {#clauses}",
            "# 3. Register of information given to all participants {#register}", "# 4. Totals {#totals}",
            "## v2 — 25 January 2027, 10:00 (Europe/Paris) {#draft-2}",
            "## 5.1 Horaires d'intervention (`horaires-d-intervention`) {#clause-horaires-d-intervention}",
            "### \(world.question) — Company \(world.vosges) — clarification",
        ] {
            #expect(md.contains("\n" + heading + "\n"), "no heading \(heading)")
        }
        // Redline in a fenced block with git's word-diff markers.
        let redline = try #require(md.components(separatedBy: "``` {.redline}\n").dropFirst().first?.components(separatedBy: "\n```").first)
        #expect(redline.contains("[-") && redline.contains("-]"))
        #expect(redline.contains("{+à distance +}") || redline.contains("{+à distance"), "\(redline)")
        // The question keeps its words; its markup is neutralised.
        #expect(md.contains("> Les délais courent-ils dès l'appel ? \\<script>alert(1)\\</script> \\& co"))
        #expect(md.components(separatedBy: "<script>").count == md.components(separatedBy: "\\<script>").count, "unescaped <script>")
        // Register entry with its date; totals table.
        #expect(
            md.contains(
                "- **12 January 2027, 14:00 (Europe/Paris)** — Answer to \(world.question) (clarification, Company \(world.vosges)) on “4.2 Niveaux de service”"
            ))
        #expect(md.contains("| Clause | Total | Solutions | Clarifications | Alternatives | Cost up | Cost down | Cost neutral | Cost unknown |"))
        #expect(md.contains("| 4.2 Niveaux de service | 1 | 0 | 1 | 0 | 0 | 0 | 1 | 0 |"))
        expectNoCompanyNamed(md, "the Markdown report")

        // --md FILE writes the same; the note goes to stderr.
        let written = try world.report(["--md", "out/report.md"])
        #expect(written.status == 1, "no folder 'out': \(written)")
        try FileManager.default.createDirectory(atPath: box.path("c/out"), withIntermediateDirectories: true)
        let run = try world.report(["--md", "out/report.md"])
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("Wrote the report to out/report.md (v2, 4 proposal(s) from 2 participant(s), 8 register entries)."), "\(run)")
        #expect(try box.read("c/out/report.md") == md)

        // pandoc reads it: the sections become headings with their ids, the totals a table.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pandoc") {
            let pandoc = try spawn(
                "/usr/bin/pandoc", ["-f", "markdown", "-t", "html", "--wrap=none", box.path("c/out/report.md")], in: box.root,
                environment: ["PATH": "/usr/bin:/bin", "HOME": box.root])
            #expect(pandoc.status == 0, "\(pandoc)")
            #expect(pandoc.stdout.contains("<h1 id=\"register\">3. Register of information given to all participants</h1>"))
            #expect(pandoc.stdout.contains("<table>"))
            #expect(!pandoc.stdout.contains("<script>"))
            #expect(pandoc.stdout.contains("&lt;script&gt;"))
        }

        // JSON: the model.
        let json = try world.report(["--json"])
        try #require(json.status == 0, "\(json)")
        let report = try decode(ReportJSON.self, from: json)
        expectNoCompanyNamed(json.stdout, "the JSON report")
        #expect(report.format == 1)
        #expect(report.generated == "2027-02-10T10:00:00+01:00")
        #expect(report.consultation.id == "maintenance-informatique-67")
        #expect(report.consultation.title == ReportDialogue.title)
        #expect(report.consultation.cpv.first?.label == "Services de réparation et d'entretien")
        #expect(report.consultation.departements.first?.name == "Bas-Rhin")
        #expect(report.consultation.regions.first?.name == "Grand Est")
        #expect(report.currentDraft == "v2" && report.latestDraft == "v2" && report.approval == nil)
        #expect(report.drafts.map(\.name) == ["v1", "v2"])
        // The end of 20 January in Paris (the consultation's zone), as the report writes it under TZ=UTC.
        #expect(report.drafts[0].round?.closes == "2027-01-20T23:59:59+01:00")
        #expect(report.drafts[1].summary == "Interventions à distance")
        #expect(report.drafts[1].changed == ["horaires-d-intervention"])
        #expect(report.drafts[1].integrates == [world.alternative])
        #expect(Set(report.drafts[1].answers) == Set([world.question, world.alternative, world.solution, world.weighting]))
        #expect(report.clauses.map(\.id) == ["maintenance-preventive", "niveaux-de-service", "horaires-d-intervention", "valeur-technique"])
        let horaires = try #require(report.clause("horaires-d-intervention"))
        #expect(horaires.number == "5.1")
        #expect(horaires.revisions.count == 1)
        #expect(horaires.revisions.first?.from == 1 && horaires.revisions.first?.to == 2)
        #expect(horaires.revisions.first?.changes == ["modified"])
        #expect(horaires.revisions.first?.integrates == [world.alternative])
        let ops = horaires.revisions.first?.redline ?? []
        #expect(ops.contains { $0.op == "delete" } && ops.contains { $0.op == "insert" })
        #expect(ops.filter { $0.op != "insert" }.map(\.text).joined().contains("ont lieu entre 12 h 00 et 14 h 00"))
        #expect(ops.filter { $0.op != "delete" }.map(\.text).joined() == ReportDialogue.proposedText)
        let alternative = try #require(report.proposal(world.alternative))
        #expect(alternative.pseudonym == world.vosges)
        #expect(alternative.status == "integrated" && alternative.integratedIn == 2 && alternative.state == "resolved")
        #expect(alternative.answers.map(\.status) == ["accepted", "integrated"])
        #expect(alternative.estimate == "-6 % & moins")
        #expect(alternative.proposedText == ReportDialogue.proposedText)
        let question = try #require(report.proposal(world.question))
        #expect(question.kind == "clarification" && question.status == "answered")
        #expect(question.answers.first?.date == "2027-01-12T14:00:00+01:00")
        #expect(question.justification == ReportDialogue.questionText)
        #expect(report.proposal(world.solution)?.status == "rejected")
        #expect(report.proposal(world.weighting)?.status == "noted")
        #expect(report.proposal(world.weighting)?.state == "current")
        // The register: v1, the four answers (same minute, by proposal id), the end of v1's round at its term, v2, the end of
        // v2's round (2027-02-05; the clock says 2027-02-10).
        #expect(report.register.map(\.kind) == ["draft", "answer", "answer", "answer", "answer", "roundClosed", "draft", "roundClosed"])
        // --until 2027-01-20 is the end of that day in Paris (the consultation's zone); the report writes it in TZ=UTC.
        #expect(report.register.filter { $0.kind == "roundClosed" }.map(\.date) == ["2027-01-20T23:59:59+01:00", "2027-02-05T17:00:00+01:00"])
        let clarification = try #require(report.register.first { $0.proposal == world.question })
        #expect(clarification.date == "2027-01-12T14:00:00+01:00")
        #expect(clarification.question == ReportDialogue.questionText)
        #expect(clarification.answer == ReportDialogue.answerText)
        #expect(clarification.clause == "niveaux-de-service" && clarification.status == "answered")
        #expect(report.register.first { $0.proposal == world.solution }?.question == nil)
        // Totals.
        let t = report.totals
        #expect(t.participants == 2 && Set(t.pseudonyms) == Set([world.vosges, world.moselle]))
        #expect(t.proposals == 4)
        #expect(t.kinds.solution == 1 && t.kinds.clarification == 1 && t.kinds.alternative == 2)
        #expect(t.costs.up == 1 && t.costs.down == 1 && t.costs.neutral == 2 && t.costs.unknown == 0)
        #expect(t.integrated == 1 && t.answered == 1 && t.rejected == 1 && t.answers == 4)
        #expect(t.statuses == ["integrated": 1, "answered": 1, "rejected": 1, "noted": 1])
        #expect(t.clauses.map(\.id) == ["maintenance-preventive", "niveaux-de-service", "horaires-d-intervention", "valeur-technique"])
        #expect(t.clauses.first { $0.id == "horaires-d-intervention" }?.costs.down == 1)
    }

    @Test("French by LANG, English otherwise; LC_ALL wins; the repository's texts as written in both")
    func languages() throws {
        let world = try ReportDialogue()
        let fr = try world.html(language: "fr_FR.UTF-8", file: "fr.html")
        let en = try world.html(language: "en_GB.UTF-8", file: "en.html")
        #expect(fr.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(en.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for (html, words) in [
            (
                fr,
                [
                    "Rapport du sourçage", "Versions publiées", "Registre des informations communiquées à tous les participants",
                    "Synthèse", "Entreprise \(world.vosges)", "demande de précision", "12 janvier 2027 à 14 h 00",
                    "Intégrée dans la v2.", "Propositions par clause, selon le sens de l&#39;incidence sur le coût",
                    "180\u{202F}000 € HT", "Région Grand Est (44)",
                ]
            ),
            (
                en,
                [
                    "Pre-tender dialogue report", "Published drafts", "Register of information given to all participants",
                    "Totals", "Company \(world.vosges)", "clarification", "12 January 2027, 14:00 (Europe/Paris)", "Integrated in v2.",
                    "Proposals per clause, by cost direction", "€180,000 excl. VAT", "Region Grand Est (44)",
                ]
            ),
        ] {
            for word in words { #expect(html.contains(word), "missing '\(word)'") }
        }
        #expect(!fr.contains("Published drafts") && !en.contains("Versions publiées"))
        // The repository's own texts are the same in both.
        for text in ["Les délais courent à partir de l&#39;enregistrement du ticket.", "Hors du périmètre du marché.", "Interventions à distance"] {
            #expect(fr.contains(text) && en.contains(text), "'\(text)'")
        }
        // Markdown too, and LC_ALL overrides LANG.
        let md = try world.reportOK(language: "fr_FR.UTF-8")
        #expect(md.contains("lang: fr\n"))
        #expect(md.contains("# 3. Registre des informations communiquées à tous les participants {#register}"))
        #expect(
            md.contains(
                "- **12 janvier 2027 à 14 h 00** — Réponse à \(world.question) (demande de précision, Entreprise \(world.vosges)) sur « 4.2 Niveaux de service »"
            ))
        world.box.language = "fr_FR.UTF-8"
        let forced = try world.box.jsf(["report"], in: "c", environment: ["LC_ALL": "C"])
        world.box.language = "C.UTF-8"
        #expect(forced.status == 0 && forced.stdout.contains("lang: en\n"))
        let messages = try world.box.jsf(["report"], in: "c", environment: ["LC_MESSAGES": "fr_FR.UTF-8"])
        #expect(messages.stdout.contains("lang: fr\n"))
    }

    @Test("--version limits to the drafts up to vN and what was said before v(N+1); the approval at tag final is shown")
    func versionAndApproval() throws {
        let world = try ReportDialogue()
        let box = world.box
        let v1 = try decode(ReportJSON.self, from: try world.report(["--version", "v1", "--json"]))
        #expect(v1.currentDraft == "v1" && v1.latestDraft == "v2")
        #expect(v1.drafts.map(\.name) == ["v1"])
        #expect(v1.proposal(world.alternative)?.status == "accepted")
        #expect(v1.proposal(world.alternative)?.integratedIn == nil)
        #expect(v1.clauses.allSatisfy { $0.revisions.isEmpty })
        #expect(v1.register.map(\.kind) == ["draft", "answer", "answer", "answer", "answer", "roundClosed"])
        #expect(v1.totals.integrated == 0)
        #expect(try decode(ReportJSON.self, from: try world.report(["--version", "2", "--json"])).currentDraft == "v2")
        let md = try world.reportOK(["--version", "v1"])
        #expect(md.contains("- **Current draft:** v1 — limited to the drafts up to v1 (latest: v2)"))
        #expect(!md.contains("{#draft-2}"))

        // A buyer's approval: branch published and tag final with approval.yml (written with plain git here).
        #expect(try box.git("clone", "-q", "c", "approver").status == 0)
        try box.gitOutput("switch", "-q", "-c", "published", "v2", in: "approver")
        try box.write(
            "approver/approval.yml",
            "format: 1\nversion: 2\nbuyer: PFRA Grand Est\ndate: \"2027-02-08T11:00:00+01:00\"\nnote: Texte conforme <ok> & prêt.\n")
        try box.gitOutput("add", "approval.yml", in: "approver")
        try box.gitOutput("commit", "-q", "-m", "Approbation de la v2", in: "approver")
        try box.gitOutput("tag", "-a", "final", "-m", "v2 approuvée", in: "approver")
        try box.gitOutput("push", "-q", "../c", "published", "final", in: "approver")
        let approved = try decode(ReportJSON.self, from: try world.report(["--json"]))
        #expect(approved.approval?.version == 2)
        #expect(approved.approval?.buyer == "PFRA Grand Est")
        #expect(approved.approval?.date == "2027-02-08T11:00:00+01:00")
        #expect(approved.approval?.note == "Texte conforme <ok> & prêt.")
        #expect(approved.approval?.ref == "final")
        let html = try world.html()
        #expect(html.contains("<dt>Approval</dt><dd>v2 approved by PFRA Grand Est on 8 February 2027, 11:00 (Europe/Paris) (tag final, "))
        #expect(html.contains("Texte conforme &lt;ok&gt; &amp; prêt."))
        // Limited to v1, the approval of v2 is out of scope.
        #expect(try decode(ReportJSON.self, from: try world.report(["--version", "v1", "--json"])).approval == nil)
    }

    @Test("refusals: not a consultation, unknown --version, unwritable --html, combined outputs")
    func refusals() throws {
        let world = try ReportDialogue()
        let box = world.box
        try FileManager.default.createDirectory(atPath: box.path("empty"), withIntermediateDirectories: true)
        let outside = try world.report(in: "empty")
        expectRefusal(outside, status: 1, ["error: not a consultation: no git repository at or above", "hint: create one with 'jsf init --id …'"])
        #expect(outside.stdout.isEmpty)
        let dehors = try world.report(language: "fr_FR.UTF-8", in: "empty")
        expectRefusal(dehors, status: 1, ["erreur : pas une consultation", "astuce : "])

        let unknown = try world.report(["--version", "v9"])
        expectRefusal(unknown, status: 1, ["error: no draft 'v9' (drafts: v1, v2)", "hint: 'jsf log' lists the drafts"])
        #expect(unknown.stdout.isEmpty)

        let nowhere = try world.report(["--html", "/nonexistent-folder-\(UUID().uuidString)/report.html"])
        expectRefusal(nowhere, status: 1, ["error: cannot write the report to '/nonexistent-folder-", "hint: check that the folder exists"])
        #expect(nowhere.stdout.isEmpty)
        let folder = try world.report(["--html", box.root])
        expectRefusal(folder, status: 1, ["it is a directory", "hint: give a file name"])
        let dossier = try world.report(["--html", box.root], language: "fr_FR.UTF-8")
        expectRefusal(dossier, status: 1, ["erreur : impossible d'écrire le rapport dans", "c'est un dossier"])
        // Nothing half-written next to where it was asked.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.root).filter { $0.contains(".tmp") || $0.hasSuffix(".html") }
        #expect(leftovers.isEmpty, "\(leftovers)")

        let both = try world.report(["--html", "r.html", "--json"])
        expectRefusal(both, status: 64, ["error: --html, --md, --pdf and --json cannot be combined"])
        #expect(!box.exists("c/r.html"))
        let usage = try world.report(["--format", "pdf"])
        #expect(usage.status == 64)
    }
}

/// Reads a PNG with the standard library only (zlib, struct) and prints its width, height, number of distinct
/// colours and proportion of pixels that are not white.
let pngStatistics = #"""
    import struct, sys, zlib
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat = 8, b''
    while pos < len(data):
        n, = struct.unpack('>I', data[pos:pos + 4]); kind = data[pos + 4:pos + 8]; body = data[pos + 8:pos + 8 + n]; pos += 12 + n
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            assert depth == 8 and interlace == 0 and ctype in (2, 6), (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        elif kind == b'IEND':
            break
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours, nonwhite, i = set(), 0, 0
    for y in range(h):
        f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        if f == 1:
            for x in range(bpp, stride): line[x] = (line[x] + line[x - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for x in range(stride): line[x] = (line[x] + ((line[x - bpp] if x >= bpp else 0) + prev[x]) // 2) & 255
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            pixel = bytes(line[x:x + 3])
            colours.add(pixel)
            if min(pixel) < 245: nonwhite += 1
        prev = line
    print(w, h, len(colours), nonwhite / float(w * h))
    """#
