import Foundation
import Testing

/// The report as a PFRA buyer annexes it to the tender file: the report dialogue, plus what a real one holds: Markdown
/// in the texts, a clarification answered twice, a proposal left unanswered on a clause v2 changes, the round of v1
/// closed early with 'jsf round close', and the buyer's approval of v2.
struct TenderDialogue {
    let world: ReportDialogue
    var box: Sandbox { world.box }
    /// The vosges solution on the clause v2 changes, never answered.
    let pending: String

    static let secondAnswer = """
        ## Détail

        **Vérifications** :

        1. le ticket est horodaté à sa création ;
        2. le délai court dès cet horodatage.

        Voir la [FAQ](https://exemple.fr/faq).
        """
    static let weightingText = "La qualité du support pèse **plus** que le prix :\n\n- délais de rétablissement ;\n- compétences."

    init(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let world = try ReportDialogue(
            tender: { box, question in
                // Before v2: a solution on the clause v2 rewrites, a second answer to the clarification, the early close.
                box.now = "2027-01-13T09:00:00+01:00"
                let pending = try box.companyOK(
                    [
                        "propose", "horaires-d-intervention", "--kind", "solution", "--cost", "unknown",
                        "-m", "Une astreinte le samedi matin ?",
                    ], as: "vosges", in: "vosges-c", sourceLocation: sourceLocation
                ).trimmed
                try box.companyOK(["push"], as: "vosges", in: "vosges-c", sourceLocation: sourceLocation)
                box.now = "2027-01-14T09:00:00+01:00"
                try box.ok("fetch", in: "c", sourceLocation: sourceLocation)
                try box.ok("comment", question, "--status", "answered", "-m", Self.secondAnswer, in: "c", sourceLocation: sourceLocation)
                box.now = "2027-01-15T18:00:00+01:00"
                try box.ok("round", "close", in: "c", sourceLocation: sourceLocation)
                return pending
            },
            weightingText: Self.weightingText, sourceLocation: sourceLocation)
        self.world = world
        pending = try #require(world.extra, sourceLocation: sourceLocation)
        // After v2's round (2027-02-05 17:00): the PFRA buyer approves.
        let box = world.box
        box.now = "2027-02-06T10:00:00+01:00"
        try box.setUpBuyer(organisation: "PFRA Grand Est", sourceLocation: sourceLocation)
        try box.ok("clone", "hub.git", "b", as: "buyer", sourceLocation: sourceLocation)
        try box.ok("approve", "-m", "Texte conforme ; à joindre au DCE.", as: "buyer", in: "b", sourceLocation: sourceLocation)
        box.now = "2027-02-10T10:00:00+01:00"
        try box.ok("fetch", in: "c", sourceLocation: sourceLocation)
    }

    var chromium: Bool { TenderDialogue.hasChromium }
    static var hasChromium: Bool {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static var hasPoppler: Bool {
        ["/usr/bin/pdfinfo", "/usr/bin/pdftotext"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// The part of an HTML text between `start` and the next `end`.
func slice(_ text: String, from start: String, to end: String) -> String? {
    guard let range = text.range(of: start) else { return nil }
    let rest = text[range.lowerBound...]
    guard let close = rest.range(of: end) else { return String(rest) }
    return String(rest[..<close.upperBound])
}

@Suite("jsf report: a document a PFRA buyer annexes to the tender file")
struct ReportTenderTests {
    @Test("the register: each publication, the early closing and the end of each round, each answer once, the approval, dated")
    func register() throws {
        let t = try TenderDialogue()
        let world = t.world
        let report = try decode(ReportJSON.self, from: try world.report(["--json"]))
        let events = report.register.map { [$0.kind, $0.proposal ?? $0.version.map { "v\($0)" } ?? ""] }
        // The four answers of 2027-01-12 13:00 by proposal id, then the second answer to the clarification.
        let sameMinute = [world.question, world.alternative, world.solution, world.weighting].sorted().map { ["answer", $0] }
        #expect(
            events
                == [["draft", "v1"]] + sameMinute + [
                    ["answer", world.question], ["roundClosed", "v1"], ["draft", "v2"], ["roundClosed", "v2"], ["approval", "v2"],
                ], "\(events)")
        #expect(report.register.allSatisfy { !$0.date.isEmpty })
        let closings = report.register.filter { $0.kind == "roundClosed" }
        #expect(closings.map(\.date) == ["2027-01-15T18:00:00+01:00", "2027-02-05T17:00:00+01:00"])
        #expect(closings.map(\.closing) == ["agent", "term"])
        // --until 2027-01-20 is the end of that day in Paris (the consultation's zone); the report writes it in TZ=UTC.
        #expect(closings.map(\.plannedCloses) == ["2027-01-20T23:59:59+01:00", nil])
        // The publication of v1 says what it announced; the draft, how its round ran.
        #expect(report.register.first?.round?.closes == "2027-01-20T23:59:59+01:00")
        #expect(report.drafts.first?.round?.closes == "2027-01-15T18:00:00+01:00")
        let approval = try #require(report.register.last)
        #expect(approval.date == "2027-02-06T10:00:00+01:00" && approval.buyer == "PFRA Grand Est")
        // The clarification answered twice: two entries, the question with the first only.
        let answers = report.register.filter { $0.proposal == world.question }
        #expect(answers.map(\.answerNumber) == [1, 2])
        #expect(answers.map { $0.question != nil } == [true, false])
        #expect(answers.map(\.answer) == [ReportDialogue.answerText, TenderDialogue.secondAnswer])

        for language in ["fr_FR.UTF-8", "C.UTF-8"] {
            let html = try world.html(language: language)
            let register = try #require(slice(html, from: "<section id=\"register\"", to: "</section>"))
            let question = "Les délais courent-ils dès l&#39;appel ?"
            #expect(register.components(separatedBy: question).count == 2, "the question is not quoted once in the register")
            #expect(register.components(separatedBy: "à partir de l&#39;enregistrement du ticket").count == 2)
            #expect(register.components(separatedBy: "le ticket est horodaté à sa création").count == 2)
            let md = try world.reportOK(language: language)
            let mdRegister = try #require(md.components(separatedBy: "{#register}").last?.components(separatedBy: "{#totals}").first)
            #expect(mdRegister.components(separatedBy: "Les délais courent-ils dès l'appel ?").count == 2)
            #expect(mdRegister.components(separatedBy: "le ticket est horodaté à sa création").count == 2)
        }
        let fr = try world.reportOK(language: "fr_FR.UTF-8")
        for line in [
            "- **15 janvier 2027 à 18 h 00** — Clôture anticipée du tour de consultation de la v1 : Tour du 4 janvier 2027 à 9 h 00 au 15 janvier 2027 à 18 h 00. Il devait se clore le 20 janvier 2027 à 23 h 59. Les propositions sur cette version sont refusées depuis.",
            "- **5 février 2027 à 17 h 00** — Fin du tour de consultation de la v2 : Tour du 25 janvier 2027 à 10 h 00 au 5 février 2027 à 17 h 00.",
            "- **6 février 2027 à 10 h 00** — Approbation de la v2 par PFRA Grand Est",
            "- **4 janvier 2027 à 9 h 00** — Publication de la version v1 : Première version (ouverture du tour de consultation, jusqu'au 20 janvier 2027 à 23 h 59)",
            "    **Réponse** (statut : répondue)",
            "- **14 janvier 2027 à 9 h 00** — Nouvelle réponse à \(world.question) (demande de précision, Entreprise \(world.vosges)) sur « 4.2 Niveaux de service »",
            "- **12 janvier 2027 à 14 h 00** — Réponse à \(world.question) (demande de précision, Entreprise \(world.vosges)) sur « 4.2 Niveaux de service »",
        ] {
            #expect(fr.contains("\n" + line + "\n"), "no line \(line)")
        }
        let en = try world.reportOK(language: "C.UTF-8")
        #expect(
            en.contains(
                "\n- **15 January 2027, 18:00 (Europe/Paris)** — Early closing of the round of v1: Round from 4 January 2027, 09:00 (Europe/Paris) to 15 January 2027, 18:00 (Europe/Paris)."
            ))
        #expect(en.contains("\n- **6 February 2027, 10:00 (Europe/Paris)** — Approval of v2 by PFRA Grand Est\n"))
    }

    @Test("the round of a draft ended by the next draft's publication is in the register; --version keeps it, and nothing after")
    func roundEndedByDraft() throws {
        let world = try ReportDialogue()
        let v1 = try decode(ReportJSON.self, from: try world.report(["--json"])).register.filter { $0.kind == "roundClosed" }
        // v1's round was to close on 2027-01-20; v2 was published on 2027-01-25: the round ended at its term.
        #expect(v1.map(\.closing) == ["term", "term"])
        let box = world.box
        box.now = "2027-02-01T10:00:00+01:00"
        try box.edit("c/cctp.md", replacing: "hors jours fériés", with: "hors jours fériés et ponts")
        let world3 = try box.jsf(["publish", "-m", "v3", "--until", "2027-02-20"], in: "c")
        try #require(world3.status == 0, "\(world3)")
        box.now = "2027-02-02T10:00:00+01:00"
        let report = try decode(ReportJSON.self, from: try world.report(["--json"]))
        let closings = report.register.filter { $0.kind == "roundClosed" }
        #expect(closings.map(\.version) == [1, 2])
        #expect(closings.map(\.closing) == ["term", "draft"])
        #expect(closings.last?.plannedCloses == "2027-02-05T17:00:00+01:00")
        #expect(closings.last?.date == "2027-02-01T10:00:00+01:00")
        let kinds = report.register.map(\.kind)
        #expect(kinds.suffix(3) == ["draft", "roundClosed", "draft"], "\(kinds)")
        let fr = try world.reportOK(language: "fr_FR.UTF-8")
        #expect(fr.contains("Fin du tour de consultation de la v2, à la publication de la v3 : "))
        // Limited to v2: the round of v2 ends with the publication of v3, and v3 is not there.
        let limited = try decode(ReportJSON.self, from: try world.report(["--version", "v2", "--json"]))
        #expect(limited.register.map(\.kind).suffix(2) == ["draft", "roundClosed"])
        #expect(!limited.register.contains { $0.kind == "draft" && $0.version == 3 })
    }

    @Test("Markdown of justifications, proposed texts and answers: rendered in HTML, well-formed quotes in Markdown")
    func markdown() throws {
        let t = try TenderDialogue()
        let world = t.world
        let html = try world.html(language: "fr_FR.UTF-8")
        #expect(!html.contains("**Vérifications**"))
        #expect(!html.contains("**plus**"))
        #expect(html.contains("<strong>Vérifications</strong> :"))
        #expect(html.contains("La qualité du support pèse <strong>plus</strong> que le prix :"))
        #expect(html.contains("<li>délais de rétablissement ;</li>"))
        #expect(html.contains("<ol>\n<li>le ticket est horodaté à sa création ;</li>"))
        // A heading of an answer is a bold paragraph: the report's outline stays its own.
        #expect(html.contains("<p><strong>Détail</strong></p>"))
        #expect(!html.contains("<h2>Détail"))
        // A link shows its address, and is no link: the document stays self-contained.
        #expect(html.contains("Voir la FAQ (<span class=\"url\">https://exemple.fr/faq</span>)."))
        #expect(html.matches(of: /(?:src|href)="(?!#)/).isEmpty)
        // Raw HTML stays text.
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script"))
        let levels = headingLevels(html)
        for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "heading h\(a) then h\(b)") }

        // Markdown: the texts stay Markdown, quoted; pandoc reads them as such.
        let md = try world.reportOK(language: "fr_FR.UTF-8")
        #expect(md.contains("    > **Détail**\n    >\n    > **Vérifications** :\n    >\n    > 1. le ticket est horodaté à sa création ;\n"), "\(md)")
        #expect(md.contains("> La qualité du support pèse **plus** que le prix :\n>\n> - délais de rétablissement ;\n"))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pandoc") else { return }
        try world.box.write("r.md", md)
        let pandoc = try spawn(
            "/usr/bin/pandoc", ["-f", "markdown", "-t", "html", "--wrap=none", world.box.path("r.md")], in: world.box.root,
            environment: ["PATH": "/usr/bin:/bin", "HOME": world.box.root])
        #expect(pandoc.status == 0, "\(pandoc)")
        #expect(pandoc.stdout.contains("<strong>Vérifications</strong> :"))
        #expect(pandoc.stdout.contains("<li>délais de rétablissement ;</li>"))
        #expect(!pandoc.stdout.contains("<h2 id=\"détail\""), "a quoted heading joined the outline")
        #expect(!pandoc.stdout.contains("**"))
        // Every heading pandoc sees is the report's own.
        let headings = pandoc.stdout.matches(of: /<h[1-6][^>]*>([^<]*)/).map { String($0.output.1) }
        #expect(!headings.contains("Détail"), "\(headings)")
    }

    @Test("clauses and criteria by number and title wherever they are named: drafts, weights, register, summary")
    func clauseNames() throws {
        let t = try TenderDialogue()
        let world = t.world
        let md = try world.reportOK(language: "fr_FR.UTF-8")
        #expect(md.contains("- **Clauses modifiées :** 5.1 Horaires d'intervention (`horaires-d-intervention`)\n"), "\(md)")
        #expect(
            md.contains(
                "- **Pondérations proposées :** 10.1 Prix des prestations : 36 %, 10.2 Valeur technique : 50 %, 10.3 Performance environnementale : 14 %\n"
            ), "\(md)")
        #expect(md.contains("sur « 5.1 Horaires d'intervention »"))
        // No slug alone: every clause id in code is right after its number and title, or is a heading's anchor.
        let report = try decode(ReportJSON.self, from: try world.report(["--json"]))
        #expect(!report.clauseNames.isEmpty)
        for name in report.clauseNames {
            let named = "\(name.number) \(name.title) (`\(name.id)`)"
            let alone = md.components(separatedBy: "`\(name.id)`").count - 1
            let withName = md.components(separatedBy: named).count - 1
            #expect(alone == withName, "`\(name.id)` appears \(alone) times, \(withName) with its name")
        }
        let html = try world.html(language: "fr_FR.UTF-8")
        #expect(
            html.contains(
                "<dt>Clauses modifiées</dt><dd>5.1 Horaires d&#39;intervention <span class=\"clause-id\">(horaires-d-intervention)</span></dd>"))
        #expect(html.contains("10.2 Valeur technique : 50 %"))
        #expect(!html.contains("<code>valeur-technique</code>"))
        // The summary, in JSON too.
        #expect(report.summary.integrated.map(\.clause) == ["horaires-d-intervention"])
    }

    @Test("a summary at the top: participants, proposals per kind, integrated in which draft, unanswered, outdated, orphaned")
    func summary() throws {
        let t = try TenderDialogue()
        let world = t.world
        let report = try decode(ReportJSON.self, from: try world.report(["--json"]))
        let s = report.summary
        #expect(s.participants == 2 && s.proposals == 5)
        #expect(s.kinds.solution == 2 && s.kinds.clarification == 1 && s.kinds.alternative == 2)
        #expect(s.integrated.map(\.proposal) == [world.alternative] && s.integrated.first?.version == 2)
        #expect(s.unanswered.map(\.proposal) == [t.pending])
        #expect(s.outdated.map(\.proposal) == [t.pending])
        #expect(s.orphaned.isEmpty)

        let md = try world.reportOK(language: "fr_FR.UTF-8")
        let top = try #require(md.components(separatedBy: "# 1. Versions publiées").first)
        for line in [
            "# Synthèse {#summary .unnumbered}", "- 2 participants (pseudonymes distincts)",
            "- 5 proposition(s) : 2 solutions, 1 demande de précision, 2 alternatives", "## Intégrées dans une version (1)",
            "- \(world.alternative) (alternative, Entreprise \(world.vosges)) sur « 5.1 Horaires d'intervention », dans la v2",
            "## Reste à traiter", "### Sans réponse (1)",
            "- \(t.pending) (solution, Entreprise \(world.vosges)) sur « 5.1 Horaires d'intervention »",
            "### Dépassées : la clause a changé depuis, non traitées (1)", "### Orphelines : la clause a été supprimée, non traitées (0)",
        ] {
            #expect(top.contains("\n" + line + "\n"), "no line «\(line)» in:\n\(top)")
        }
        let html = try world.html()
        let summary = try #require(slice(html, from: "<section id=\"summary\"", to: "</section>"))
        #expect(summary.contains("<li>2 participants (distinct pseudonyms)</li>"))
        #expect(summary.contains("<li>5 proposal(s): 2 solutions, 1 clarification, 2 alternatives</li>"))
        #expect(
            summary.contains(
                "<a href=\"#proposal-\(world.alternative)\">\(world.alternative) (alternative, Company \(world.vosges)) on “5.1 Horaires d&#39;intervention”, in v2</a>"
            ))
        #expect(html.range(of: "<section id=\"summary\"")!.lowerBound < html.range(of: "<section id=\"drafts\"")!.lowerBound)
        // The golden dialogue has all three: see Tests/Golden/commands/report.md.*.txt.
    }

    @Test("one language per report: --lang fr under an English locale, --lang en under a French one, no bilingual line")
    func oneLanguage() throws {
        let t = try TenderDialogue()
        let world = t.world
        let fr = try world.reportOK(["--lang", "fr"], language: "C.UTF-8")
        let en = try world.reportOK(["--lang", "en"], language: "fr_FR.UTF-8")
        #expect(fr.contains("lang: fr\n") && en.contains("lang: en\n"))
        #expect(fr == (try world.reportOK(language: "fr_FR.UTF-8")))
        #expect(en == (try world.reportOK(language: "C.UTF-8")))
        // The integration jsf recorded in both languages reads in the report's.
        #expect(fr.contains("> Intégrée dans la v2.\n") && !fr.contains("Integrated in"))
        #expect(en.contains("> Integrated in v2.\n") && !en.contains("Intégrée"))
        for (text, foreign) in [
            (fr, ["Integrated", "Company ", "answered", "accepted", "Round", "Answer", "Draft", "Proposal", "clarification", " of v"]),
            (en, ["Intégrée", "Entreprise ", "répondue", "acceptée", "Tour ", "Réponse", "Version ", "Proposition", "précision", " de la v"]),
        ] {
            // The repository's texts are as written: only the report's own lines are checked, quotes left out.
            let own = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix(">") }.joined(separator: "\n")
            for word in foreign { #expect(!own.contains(word), "'\(word)' in the \(text == fr ? "French" : "English") report") }
        }
        let html = try world.box.jsf(["report", "--lang", "fr", "--html", "-"], in: "c")
        #expect(html.status == 0 && html.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(html.stdout.contains("Intégrée dans la v2.") && !html.stdout.contains("Integrated in v2"))
        // A language jsf does not write: a usage error naming the option.
        let bad = try world.box.jsf(["report", "--lang", "de"], in: "c")
        #expect(bad.status == 64 && bad.stderr.contains("--lang"), "\(bad)")
        #expect(bad.stdout.isEmpty)
    }

    @Test(
        "--pdf through headless Chromium: pages, «Page X / Y» on each, the summary on the first",
        .enabled(if: TenderDialogue.hasChromium, "chromium is not installed: the PDF report is not tested (apt-get install chromium)"),
        .enabled(if: TenderDialogue.hasPoppler, "poppler-utils is not installed: the PDF report is not read (apt-get install poppler-utils)"))
    func pdf() throws {
        let t = try TenderDialogue()
        let world = t.world
        let box = world.box
        let run = try world.report(["--pdf", "rapport.pdf"], language: "fr_FR.UTF-8")
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("Rapport écrit dans rapport.pdf"), "\(run)")
        let pdf = box.path("c/rapport.pdf")
        #expect(FileManager.default.contents(atPath: pdf)?.starts(with: Data("%PDF".utf8)) == true)
        let info = try spawn("/usr/bin/pdfinfo", [pdf], in: box.root, environment: box.environment())
        #expect(info.status == 0, "\(info)")
        let pages = try #require(
            info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }, "\(info)")
        #expect(pages >= 3, "\(pages) pages")
        for page in 1...pages {
            let text = try spawn(
                "/usr/bin/pdftotext", ["-f", "\(page)", "-l", "\(page)", "-layout", pdf, "-"], in: box.root, environment: box.environment())
            #expect(text.status == 0)
            #expect(text.stdout.contains("Page \(page) / \(pages)"), "page \(page) has no number:\n\(text.stdout.suffix(300))")
        }
        let first = try spawn("/usr/bin/pdftotext", ["-f", "1", "-l", "1", pdf, "-"], in: box.root, environment: box.environment())
        let flat = first.stdout.replacing(#/\s+/#, with: " ")
        for piece in ["Rapport du sourçage", ReportDialogue.title, "Synthèse", "2 participants (pseudonymes distincts)", "Sans réponse (1)"] {
            #expect(flat.contains(piece), "page 1 lacks «\(piece)»:\n\(first.stdout.prefix(1500))")
        }
        let all = try spawn("/usr/bin/pdftotext", [pdf, "-"], in: box.root, environment: box.environment())
        #expect(all.stdout.contains("Vérifications :") && !all.stdout.contains("**"), "raw Markdown in the PDF")
        #expect(!all.stdout.contains("Integrated in"))
        expectNoCompanyNamed(all.stdout, "the PDF report")

        // In English, and on standard output.
        let english = try world.report(["--pdf", "-", "--lang", "en"], language: "fr_FR.UTF-8")
        #expect(english.status == 0 && english.stdout.hasPrefix("%PDF"))
        #expect(try world.report(["--pdf", "../en.pdf", "--lang", "en"], language: "fr_FR.UTF-8").status == 0)
        let en = try spawn("/usr/bin/pdftotext", ["-f", "1", "-l", "1", box.path("en.pdf"), "-"], in: box.root, environment: box.environment())
        #expect(en.stdout.contains("Page 1 of "), "\(en)")
    }

    @Test("--pdf refusals: no chromium (before any work), a folder, combined with another output")
    func pdfRefusals() throws {
        let world = try ReportDialogue()
        let box = world.box
        let bin = try OfficeTools.emptyPath(box)
        let run = try box.jsf(["report", "--pdf", "r.pdf"], in: "c", environment: ["PATH": bin])
        expectRefusal(run, status: 1, ["error: the PDF report needs chromium", "hint: install it: apt-get install chromium"])
        #expect(!box.exists("c/r.pdf"))
        box.language = "fr_FR.UTF-8"
        let fr = try box.jsf(["report", "--pdf", "r.pdf"], in: "c", environment: ["PATH": bin])
        box.language = "C.UTF-8"
        expectRefusal(fr, status: 1, ["erreur : le rapport en PDF a besoin de chromium", "astuce : installez-le"])
        expectRefusal(
            try world.report(["--pdf", "r.pdf", "--html", "r.html"]), status: 64, ["error: --html, --md, --pdf and --json cannot be combined"])
        expectRefusal(try world.report(["--pdf", ""]), status: 64, ["error: --pdf needs a file name"])
        guard TenderDialogue.hasChromium else { return }
        expectRefusal(try world.report(["--pdf", box.root]), status: 1, ["it is a directory", "rapport.pdf"])
    }
}
