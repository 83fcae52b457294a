import Foundation
import Testing

@Suite("company side: refusals, with message, hint and exit status, and nothing written")
struct CompanyRefusalTests {
    /// The maintenance consultation published to hub.git, Alsace (BDKH3X4Q) cloned into alsace-c.
    func setUp() throws -> Sandbox {
        let box = try Sandbox()
        try box.setUpMaintenance()
        try box.setUpCompanies()
        try box.companyOK(["clone", box.path("hub.git"), "alsace-c"], as: "alsace")
        return box
    }

    func propose(_ box: Sandbox, _ arguments: [String], input: String? = nil, now: String? = nil) throws -> Run {
        var extra: [String: String?] = [:]
        if let now { extra["JSF_NOW"] = now }
        return try box.company(["propose"] + arguments, as: "alsace", in: "alsace-c", input: input, environment: extra)
    }

    /// Nothing was committed: Alsace's branch does not exist (or still has `count` commits).
    func expectNothingWritten(_ box: Sandbox, commits count: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try box.git("rev-list", "--count", "refs/heads/proposals/BDKH3X4Q", in: "alsace-c")
        if count == 0 {
            #expect(run.status != 0, "the branch exists:\n\(run)", sourceLocation: sourceLocation)
        } else {
            #expect(run.trimmed == "\(count)", "\(run)", sourceLocation: sourceLocation)
        }
        #expect(try box.gitOutput("status", "--porcelain", in: "alsace-c") == "", sourceLocation: sourceLocation)
    }

    @Test("a closed round (JSF_NOW after the closing date), and one not open yet")
    func rounds() throws {
        let box = try setUp()
        let base = ["objet", "--kind", "solution", "--cost", "neutral", "-m", "Nous couvrons les sites distants."]
        // The last second of the round (20 January, Paris time: the consultation's zone) is still open; the closing
        // instant is not.
        #expect(try propose(box, base, now: "2027-01-20T23:59:58+01:00").status == 0)
        for now in ["2027-01-20T23:59:59+01:00", "2027-01-20T23:30:00+00:00", "2027-01-21T01:00:00+01:00", "2027-03-01T12:00:00+01:00"] {
            let late = try propose(box, base, now: now)
            expectRefusal(
                late, status: 1,
                [
                    "error: the round of v1 closed on 20 January 2027, 23:59 (Europe/Paris): proposals are no longer accepted",
                    "hint: run 'jsf fetch' to see whether a new draft is out",
                ])
            #expect(late.stdout.isEmpty)
        }
        // 22:59:58 UTC is 23:59:58 in Paris: open.
        #expect(try propose(box, base, now: "2027-01-20T22:59:58+00:00").status == 0)
        let early = try propose(box, base, now: "2027-01-03T09:00:00+01:00")
        expectRefusal(early, status: 1, ["error: the round of v1 opens on 4 January 2027, 09:00 (Europe/Paris)"])
        try expectNothingWritten(box, commits: 2)
        // French.
        let french = try box.company(
            ["propose"] + base, as: "alsace", in: "alsace-c",
            environment: ["JSF_NOW": "2027-01-22T10:00:00+01:00", "LANG": "fr_FR.UTF-8"])
        expectRefusal(french, status: 1, ["erreur : le tour de v1 s'est clos le 20 janvier 2027 à 23 h 59 : les propositions ne sont plus acceptées"])
    }

    @Test("an empty justification, from -m, -F or standard input; none at all; -m with -F")
    func justification() throws {
        let box = try setUp()
        let base = ["objet", "--kind", "solution", "--cost", "neutral"]
        for run in [try propose(box, base + ["-m", ""]), try propose(box, base + ["-m", "  \n\t \n"])] {
            expectRefusal(
                run, status: 1, ["error: the justification is empty: say why, in a few sentences", "hint: give it with -m TEXT or -F FILE"])
        }
        try box.write("empty.md", "\n\n")
        expectRefusal(try propose(box, base + ["-F", box.path("empty.md")]), status: 1, ["error: the justification is empty"])
        expectRefusal(try propose(box, base + ["-F", "-"], input: "   \n"), status: 1, ["error: the justification is empty"])
        expectRefusal(try propose(box, base), status: 64, ["error: no justification: give it with -m TEXT or -F FILE (or set $EDITOR on a terminal)"])
        expectRefusal(
            try propose(box, base + ["-m", "x", "-F", box.path("empty.md")]), status: 64, ["give the justification with -m or -F, not both"])
        expectRefusal(try propose(box, base + ["-F", box.path("missing.md")]), status: 1, ["error: cannot read '\(box.path("missing.md"))'"])
        try expectNothingWritten(box)
    }

    @Test("an unknown target lists the closest clauses; an ambiguous prefix lists the candidates; a unique prefix is fine")
    func targets() throws {
        let box = try setUp()
        let unknown = try propose(box, ["niveau-de-servce", "--kind", "solution", "--cost", "down", "-m", "8 h ouvrées."])
        expectRefusal(
            unknown, status: 1,
            [
                "error: no clause 'niveau-de-servce' in v1",
                "hint: closest clauses: 4.2 Niveaux de service (niveaux-de-service);", "'jsf clauses' lists them all",
            ])
        let ambiguous = try propose(box, ["maintenance-", "--kind", "solution", "--cost", "down", "-m", "8 h ouvrées."])
        expectRefusal(
            ambiguous, status: 1,
            [
                "error: 'maintenance-' is ambiguous in v1: maintenance-preventive, maintenance-corrective",
                "hint: give more of the id",
            ])
        try expectNothingWritten(box)
        let prefix = try propose(box, ["niveaux", "--kind", "solution", "--cost", "down", "-m", "8 h ouvrées."])
        #expect(prefix.status == 0, "\(prefix)")
        #expect(prefix.stderr.contains("solution on niveaux-de-service (4.2 Niveaux de service)"))
        #expect(try box.gitOutput("show", "proposals/BDKH3X4Q:1.md", in: "alsace-c").contains("target: niveaux-de-service\n"))
    }

    @Test("--weight: on a clause, without --kind alternative, out of range; alternatives without their text or weight")
    func weights() throws {
        let box = try setUp()
        let onClause = try propose(box, ["objet", "--kind", "alternative", "--cost", "down", "--weight", "30", "-m", "Moins."])
        expectRefusal(
            onClause, status: 1,
            [
                "error: --weight applies to a criterion, and 'objet' is a clause",
                "hint: criteria: prix-des-prestations, valeur-technique, performance-environnementale",
            ])
        expectRefusal(
            try propose(box, ["prix-des-prestations", "--kind", "solution", "--cost", "down", "--weight", "30", "-m", "Moins."]),
            status: 64, ["error: --weight proposes an alternative weighting: use it with --kind alternative"])
        for weight in ["101", "1000"] {
            expectRefusal(
                try propose(box, ["prix-des-prestations", "--kind", "alternative", "--cost", "down", "--weight", weight, "-m", "Moins."]),
                status: 64, ["error: --weight must be between 0 and 100"])
        }
        expectRefusal(
            try propose(box, ["prix-des-prestations", "--kind", "alternative", "--cost", "down", "--weight", "douze", "-m", "Moins."]),
            status: 64, ["douze"])
        expectRefusal(
            try propose(box, ["prix-des-prestations", "--kind", "alternative", "--cost", "down", "-m", "Moins."]), status: 1,
            ["error: an alternative criterion needs a proposed weight (--weight N or --weights ID=N,…) or text (--text-file FILE)"])
        expectRefusal(
            try propose(box, ["pieces-detachees", "--kind", "alternative", "--cost", "down", "-m", "Reconditionnées."]), status: 1,
            ["error: an alternative clause needs its proposed text", "hint: write it in a file and give --text-file FILE"])
        try box.write("text.md", "Nouveau texte.\n")
        expectRefusal(
            try propose(box, ["pieces-detachees", "--kind", "solution", "--cost", "down", "--text-file", box.path("text.md"), "-m", "x y"]),
            status: 64, ["error: --text-file gives the text of an alternative: use it with --kind alternative"])
        try expectNothingWritten(box)
        // The bounds themselves are accepted, and the weights still sum to 100.
        for (n, weight) in ["0", "100"].enumerated() {
            let run = try propose(box, ["valeur-technique", "--kind", "alternative", "--cost", "neutral", "--weight", weight, "-m", "Extrême."])
            #expect(run.status == 0, "\(run)")
            let file = try box.gitOutput("show", "proposals/BDKH3X4Q:\(n + 1).md", in: "alsace-c")
            let weights = file.lines.filter { $0.hasPrefix("  ") }.compactMap {
                Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))
            }
            #expect(weights.count == 3 && weights.reduce(0, +) == 100, "\(file)")
        }
    }

    @Test("texts over their limits: justification 20,000, proposed text 50,000, estimate 200 characters")
    func limits() throws {
        let box = try setUp()
        let long = String(repeating: "Justification détaillée. ", count: 800) // 20,000 characters
        #expect(long.count == 20_000)
        expectRefusal(
            try propose(box, ["objet", "--kind", "solution", "--cost", "up", "-F", "-"], input: long + "Encore."), status: 1,
            [
                "error: the justification is 20007 characters long; the limit is 20000",
                "hint: shorten it; details can go to the agent after the consultation",
            ])
        try box.write("long-text.md", String(repeating: "a", count: 50_001))
        expectRefusal(
            try propose(box, ["pieces-detachees", "--kind", "alternative", "--cost", "up", "--text-file", box.path("long-text.md"), "-m", "Texte."]),
            status: 1, ["error: the proposed text is 50001 characters long; the limit is 50000"])
        expectRefusal(
            try propose(box, ["objet", "--kind", "solution", "--cost", "up", "--estimate", String(repeating: "9", count: 201), "-m", "Estimé."]),
            status: 1, ["error: the estimate is 201 characters long; the limit is 200"])
        try expectNothingWritten(box)
        // Exactly at the limit is fine.
        let atLimit = try propose(box, ["objet", "--kind", "solution", "--cost", "up", "-F", "-"], input: long)
        #expect(atLimit.status == 0, "\(atLimit.stderr)")
    }

    @Test("a company not concerned is refused, unless the consultation widens eligibility to the CPV division")
    func notConcerned() throws {
        let box = try Sandbox()
        try box.setUpAgent(name: "Marie Dupont", organisation: "Préfecture du Bas-Rhin")
        let created = try box.jsf([
            "init", "agent-c", "--id", "maintenance-informatique-67", "--title", "Maintenance informatique",
            "--buyer", "Préfecture du Bas-Rhin", "--cpv", "50312000-5", "--territory", "67", "--territory", "region:44",
            "--from", exampleCCTP("maintenance-informatique-prefecture"), "--hub", "hub.git",
        ])
        try #require(created.status == 0, "\(created)")
        try #require(try box.jsf(["publish", "--until", "2027-01-20"], in: "agent-c").status == 0)
        // Lifts and escalators: division 50, group 507 — same division, another group.
        try box.setUpCompanyProfile(
            CompanyProfile(
                user: "lifts", name: "Marc Schmitt", organisation: "Ascenseurs du Rhin SAS", siret: "73282932000074", cpv: ["50750000-7"],
                departements: ["67"], email: "marc@ascenseurs-rhin.fr", phone: "03 88 10 20 30", website: "ascenseurs-rhin.fr",
                gitName: "Marc Schmitt", gitEmail: "marc@ascenseurs-rhin.fr"))
        let clone = try box.companyOK(["clone", box.path("hub.git"), "lifts-c"], as: "lifts")
        #expect(
            clone.stderr.contains(
                "Your company is not concerned: none of your CPV codes (50750000-7) shares a group with the consultation's (50312000-5); you are established in 67."
            ),
            "\(clone)")
        let refused = try box.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Les ascenseurs ?"], as: "lifts", in: "lifts-c")
        expectRefusal(
            refused, status: 1,
            [
                "error: your company is not concerned by this consultation",
                "hint: none of your CPV codes (50750000-7) shares a group with the consultation's (50312000-5); you are established in 67",
            ])
        // jsf never invites a company to change what it declared.
        #expect(!refused.stderr.contains("identity init"), "\(refused)")
        #expect(try box.gitOutput("for-each-ref", "refs/heads/proposals", in: "lifts-c") == "")

        // The agent widens to the division in consultation.yml and publishes v2.
        let yml = try box.read("agent-c/consultation.yml")
        try box.write("agent-c/consultation.yml", yml + "eligibility: division\n")
        try box.edit("agent-c/cctp.md", replacing: "## 4.3 Pièces détachées", with: "## 4.3 Pièces détachées et ascenseurs")
        let v2 = try box.jsf(["publish", "-m", "Élargissement à la division 50"], in: "agent-c")
        try #require(v2.status == 0, "\(v2)")
        let fetched = try box.companyOK(["fetch"], as: "lifts", in: "lifts-c")
        #expect(fetched.stdout.contains("new draft v2"), "\(fetched)")
        let accepted = try box.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Les ascenseurs ?"], as: "lifts", in: "lifts-c")
        #expect(accepted.status == 0, "\(accepted)")
        let again = try box.companyOK(["clone", box.path("hub.git"), "lifts-2"], as: "lifts")
        #expect(
            again.stderr.contains(
                "Your company is concerned: your CPV 50750000-7 shares the division 50 with 50312000-5; you are established in 67."), "\(again)")

        // The proposal records the basis it was accepted on: the division shared, the département in the territory.
        let lifts = try box.gitOutput("for-each-ref", "--format=%(refname:short)", "refs/heads/proposals", in: "lifts-c")
        let written = try box.gitOutput("show", "\(lifts):1.md", in: "lifts-c")
        #expect(written.contains("declared:\n  cpv: \"50\"\n  territory: \"67\"\n"), "\(written)")
        try box.companyOK(["push"], as: "lifts", in: "lifts-c")

        // A basis the consultation does not admit, written by hand and pushed with plain git, is refused by the hook.
        let liftsCode = String(lifts.dropFirst("proposals/".count))
        let forged = written.replacingOccurrences(of: "  territory: \"67\"", with: "  territory: \"35\"")
            .replacingOccurrences(of: "\(liftsCode)-1", with: "\(liftsCode)-2")
        try box.git(["checkout", "-q", lifts], in: "lifts-c")
        try box.write("lifts-c/2.md", forged)
        try box.git(["add", "2.md"], in: "lifts-c")
        try box.git(["commit", "-q", "-m", "2"], in: "lifts-c")
        let pushed = try box.git(["push", "origin", lifts], in: "lifts-c")
        #expect(pushed.status != 0, "\(pushed)")
        #expect(pushed.stderr.contains("declares a basis for taking part that v2 does not admit"), "\(pushed)")

        // eligibility: open: every company may take part, and none declares a basis.
        try box.git(["checkout", "-q", "-"], in: "lifts-c")
        let open = try box.read("agent-c/consultation.yml").replacingOccurrences(of: "eligibility: division\n", with: "eligibility: open\n")
        try box.write("agent-c/consultation.yml", open)
        try box.edit("agent-c/cctp.md", replacing: "## 4.3 Pièces détachées et ascenseurs", with: "## 4.3 Pièces détachées, ascenseurs")
        try #require(try box.jsf(["publish", "-m", "Ouverte à toutes les entreprises"], in: "agent-c").status == 0)
        try box.setUpCompanyProfile(
            CompanyProfile(
                user: "hotel", name: "Anne Le Goff", organisation: "Hôtel de Bretagne SARL", siret: "73282932000074", cpv: ["55110000-4"],
                departements: ["35"], email: "anne@hotel-bretagne.fr", phone: "02 99 10 20 30", website: "hotel-bretagne.fr",
                gitName: "Anne Le Goff", gitEmail: "anne@hotel-bretagne.fr"))
        let hotel = try box.companyOK(["clone", box.path("hub.git"), "hotel-c"], as: "hotel")
        #expect(hotel.stderr.contains("the consultation is open to every company"), "\(hotel)")
        try box.companyOK(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Hébergement des techniciens ?"], as: "hotel",
            in: "hotel-c")
        let branch = try box.gitOutput("for-each-ref", "--format=%(refname:short)", "refs/heads/proposals", in: "hotel-c")
        #expect(!(try box.gitOutput("show", "\(branch):1.md", in: "hotel-c")).contains("declared:"))
        try box.companyOK(["push"], as: "hotel", in: "hotel-c")

        // The report states what each pseudonym declared, and that the consultation is now open to all.
        try #require(try box.jsf(["fetch"], in: "agent-c").status == 0)
        let report = try box.jsf(["report", "--lang", "fr"], in: "agent-c")
        try #require(report.status == 0, "\(report)")
        #expect(report.stdout.contains("- \(liftsCode) : division CPV 50, département 67 (Bas-Rhin)"), "\(report.stdout)")
        #expect(report.stdout.contains("La consultation est ouverte à toutes les entreprises (eligibility: open)"), "\(report.stdout)")
        #expect(!report.stdout.contains("rien de déclaré"), "\(report.stdout)")
    }

    @Test("a text naming the company is refused for each kind of identifying item, unless --allow-identifying")
    func identifying() throws {
        let box = try setUp()
        let cases: [(String, String)] = [
            ("Chez Informatique Rhénane SAS nous tenons 8 h.", "your name 'Informatique Rhénane SAS'"),
            ("Chez INFORMATIQUE RHENANE nous tenons 8 h.", "your name 'Informatique Rhénane SAS'"),
            ("Claire Weber, cheffe de projet, propose 8 h.", "your name 'Claire Weber'"),
            ("Notre SIRET 415 720 838 00127 en atteste.", "your SIRET 41572083800127"),
            ("Voir l'avis SIRENE 415720838.", "your SIREN 415720838"),
            ("Écrire à claire.weber@informatique-rhenane.fr pour le détail.", "your email claire.weber@informatique-rhenane.fr"),
            ("Écrire à commercial@informatique-rhenane.fr pour le détail.", "your mail domain informatique-rhenane.fr"),
            ("Appelez le 03 88 41 27 90 pour le détail.", "your phone number +33 3 88 41 27 90"),
            ("Appelez le +33 3 88 41 27 90 pour le détail.", "your phone number +33 3 88 41 27 90"),
            ("Nos références : https://www.informatique-rhenane.fr/references", "your web site informatique-rhenane.fr"),
        ]
        for (text, finding) in cases {
            let run = try propose(box, ["niveaux-de-service", "--kind", "solution", "--cost", "down", "-m", text])
            expectRefusal(
                run, status: 1,
                [
                    "error: the text names your company: ", finding, "; it would be published under your pseudonym",
                    "hint: remove it, or pass --allow-identifying if you really want it seen by everyone",
                ])
        }
        // In the estimate and in the proposed text too.
        expectRefusal(
            try propose(box, ["niveaux-de-service", "--kind", "solution", "--cost", "down", "--estimate", "voir 03 88 41 27 90", "-m", "8 h."]),
            status: 1, ["your phone number"])
        try box.write("text.md", "Le titulaire (Informatique Rhénane) fournit des pièces reconditionnées.\n")
        expectRefusal(
            try propose(
                box, ["pieces-detachees", "--kind", "alternative", "--cost", "down", "--text-file", box.path("text.md"), "-m", "Moins cher."]),
            status: 1, ["your name 'Informatique Rhénane SAS'"])
        // French.
        let french = try box.company(
            ["propose", "niveaux-de-service", "--kind", "solution", "--cost", "down", "-m", "SIRET 41572083800127"],
            as: "alsace", in: "alsace-c", environment: ["LANG": "fr_FR.UTF-8"])
        expectRefusal(
            french, status: 1, ["erreur : le texte nomme votre entreprise : votre SIRET 41572083800127 ; il serait publié sous votre pseudonyme"])
        try expectNothingWritten(box)
        // A public mail provider's domain names nobody.
        let gmail = try propose(
            box, ["niveaux-de-service", "--kind", "solution", "--cost", "down", "-m", "Les alertes partent d'une adresse gmail.com dédiée."])
        #expect(gmail.status == 0, "\(gmail)")
    }

    @Test("--allow-identifying publishes the text as is, and the anonymity scan finds it (the scan's own control)")
    func allowIdentifying() throws {
        let box = try setUp()
        let run = try propose(
            box,
            [
                "niveaux-de-service", "--kind", "solution", "--cost", "down", "--allow-identifying",
                "-m", "Informatique Rhénane SAS (SIRET 41572083800127) tient ces délais.",
            ])
        #expect(run.status == 0, "\(run)")
        try box.companyOK(["push"], as: "alsace", in: "alsace-c")
        let dump = try box.everythingIn("hub.git").lowercased()
        #expect(dump.contains("informatique rhénane sas"))
        #expect(dump.contains("41572083800127"))
        // The rest stays anonymous: the commit is still the pseudonym's.
        #expect(
            try box.gitOutput("log", "-1", "--format=%an <%ae> %cn <%ce> %ad", "--date=raw", "proposals/BDKH3X4Q", in: "hub.git")
                .hasPrefix("BDKH3X4Q <bdkh3x4q@pseudonym.jsf.invalid> BDKH3X4Q <bdkh3x4q@pseudonym.jsf.invalid> "))
        for needle in ["claire weber", "cweber@", "informatique-rhenane.fr", "388412790"] {
            #expect(!dump.contains(needle), "\(needle)")
        }
    }

    @Test("amend and withdraw: unknown, someone else's, already amended, withdrawn twice")
    func amendAndWithdraw() throws {
        let box = try setUp()
        #expect(try propose(box, ["objet", "--kind", "solution", "--cost", "up", "-m", "Première version."]).status == 0)
        #expect(try propose(box, ["perimetre", "--kind", "solution", "--cost", "up", "-m", "Autre."]).status == 0)

        expectRefusal(
            try propose(box, ["objet", "--kind", "solution", "--cost", "up", "--amend", "BDKH3X4Q-9", "-m", "Seconde."]), status: 1,
            ["error: no proposal 'BDKH3X4Q-9' of yours to amend", "hint: 'jsf inbox --mine' lists yours"])
        expectRefusal(
            try propose(box, ["objet", "--kind", "solution", "--cost", "up", "--amend", "ZZZZZZZZ-1", "-m", "Seconde."]), status: 1,
            ["error: no proposal 'ZZZZZZZZ-1' of yours to amend"])
        #expect(
            try propose(box, ["objet", "--kind", "solution", "--cost", "neutral", "--amend", "BDKH3X4Q-1", "-m", "Seconde version."]).status == 0)
        expectRefusal(
            try propose(box, ["objet", "--kind", "solution", "--cost", "up", "--amend", "BDKH3X4Q-1", "-m", "Troisième."]), status: 1,
            ["error: BDKH3X4Q-1 is already amended by BDKH3X4Q-3", "hint: amend BDKH3X4Q-3 instead"])

        let other = try box.company(["withdraw", "ZZZZZZZZ-1"], as: "alsace", in: "alsace-c")
        expectRefusal(
            other, status: 1, ["error: 'ZZZZZZZZ-1' is not one of your proposals (yours are BDKH3X4Q-N)", "hint: 'jsf inbox --mine' lists yours"])
        expectRefusal(try box.company(["withdraw", "n'importe"], as: "alsace", in: "alsace-c"), status: 1, ["is not one of your proposals"])
        expectRefusal(try box.company(["withdraw", "BDKH3X4Q-7"], as: "alsace", in: "alsace-c"), status: 1, ["error: no proposal 'BDKH3X4Q-7'"])
        let withdrawn = try box.company(["withdraw", "BDKH3X4Q-2"], as: "alsace", in: "alsace-c")
        #expect(withdrawn.status == 0 && withdrawn.stdout == "BDKH3X4Q-2\n", "\(withdrawn)")
        expectRefusal(
            try box.company(["withdraw", "BDKH3X4Q-2"], as: "alsace", in: "alsace-c"), status: 1,
            ["error: BDKH3X4Q-2 was already withdrawn on 4 January 2027, 09:00 (Europe/Paris)"])
        expectRefusal(
            try propose(box, ["perimetre", "--kind", "solution", "--cost", "up", "--amend", "BDKH3X4Q-2", "-m", "Reprise."]), status: 1,
            ["error: BDKH3X4Q-2 was withdrawn; make a new proposal instead"])
        // Four commits: three proposals and one withdrawal, nothing else.
        try expectNothingWritten(box, commits: 4)
        let file = try box.gitOutput("show", "proposals/BDKH3X4Q:2.md", in: "alsace-c")
        #expect(file.contains("withdrawn: \"2027-01-04T08:00:00+00:00\"") || file.contains("withdrawn: 2027-01-04T08:00:00+00:00"), "\(file)")
    }

    @Test("wrong role, no identity, outside a consultation")
    func roles() throws {
        let box = try setUp()
        let agent = try box.jsf(["propose", "objet", "--kind", "solution", "--cost", "up", "-m", "x"], in: "agent-c")
        expectRefusal(agent, status: 1, ["error: this command is for the company role; your identity is agent"])
        expectRefusal(try box.jsf(["withdraw", "BDKH3X4Q-1"], in: "agent-c"), status: 1, ["this command is for the company role"])
        expectRefusal(try box.jsf(["inbox", "--mine"], in: "agent-c"), status: 1, ["error: --mine is for a company identity"])
        let nobody = try box.company(["propose", "objet", "--kind", "solution", "--cost", "up", "-m", "x"], as: "nobody", in: "alsace-c")
        expectRefusal(nobody, status: 1, ["error: no identity yet", "hint: create one with 'jsf identity init"])
        let outside = try box.company(["propose", "objet", "--kind", "solution", "--cost", "up", "-m", "x"], as: "alsace")
        expectRefusal(outside, status: 1, ["error: not a consultation", "hint: create one with 'jsf init --id …' or get one with 'jsf clone URL'"])
        // Usage errors.
        expectRefusal(try propose(box, ["objet", "--kind", "opinion", "--cost", "up", "-m", "x"]), status: 64, ["opinion"])
        expectRefusal(try propose(box, ["objet", "--kind", "solution", "--cost", "cheap", "-m", "x"]), status: 64, ["cheap"])
        expectRefusal(try propose(box, ["objet", "--cost", "up", "-m", "x"]), status: 64, ["--kind"])
        try expectNothingWritten(box)
    }

    @Test("clone into a non-empty directory, from nowhere; push and fetch without a reachable hub")
    func cloneAndSync() throws {
        let box = try setUp()
        try box.write("full/notes.txt", "mes notes\n")
        let full = try box.company(["clone", box.path("hub.git"), "full"], as: "alsace")
        expectRefusal(
            full, status: 1, ["error: '\(box.path("full"))' already exists and is not empty", "hint: give another directory: 'jsf clone URL DIR'"])
        #expect(try box.read("full/notes.txt") == "mes notes\n")
        #expect(!box.exists("full/.git"))

        let nowhere = try box.company(["clone", box.path("nowhere.git"), "n"], as: "alsace")
        expectRefusal(
            nowhere, status: 1,
            [
                "error: no repository at '\(box.path("nowhere.git"))'",
                "hint: check the path, or give a URL (ssh://, https://, git://)",
            ])
        #expect(!box.exists("n"))
        #expect(!nowhere.stderr.contains("unsupported URL protocol"), "\(nowhere)")
        let refused = try box.company(["clone", "git://127.0.0.1:1/hub.git", "n"], as: "alsace")
        #expect(refused.status == 128, "\(refused)")
        #expect(!box.exists("n"))

        // file:// works like a path.
        let file = try box.companyOK(["clone", "file://" + box.path("hub.git"), "via-file"], as: "alsace")
        #expect(file.stderr.contains("You appear here as Company BDKH3X4Q."))

        #expect(try propose(box, ["objet", "--kind", "solution", "--cost", "up", "-m", "x y"]).status == 0)
        #expect(try box.git("remote", "set-url", "origin", box.path("moved.git"), in: "alsace-c").status == 0)
        let push = try box.company(["push"], as: "alsace", in: "alsace-c")
        expectRefusal(
            push, status: 128,
            [
                "error: the hub '\(box.path("moved.git"))' does not exist",
                "hint: fix it with 'git remote set-url origin PATH', then run 'jsf push'",
            ])
        expectRefusal(try box.company(["fetch"], as: "alsace", in: "alsace-c"), status: 128, ["does not exist", "then run 'jsf fetch'"])
        #expect(try box.git("remote", "remove", "origin", in: "alsace-c").status == 0)
        expectRefusal(
            try box.company(["push"], as: "alsace", in: "alsace-c"), status: 1,
            ["error: this consultation has no hub (no remote 'origin')", "hint: add one with 'git remote add origin URL'"])
        #expect(try box.gitOutput("for-each-ref", "refs/heads/proposals", in: "hub.git") == "")
    }

    @Test("two machines proposing offline with the same identity: the second push is refused with advice that cannot work")
    func concurrentMachines() throws {
        let box = try setUp()
        try box.copy("jsf-alsace", to: "jsf-laptop")
        try box.companyOK(["clone", box.path("hub.git"), "laptop-c"], as: "laptop")
        #expect(try propose(box, ["objet", "--kind", "solution", "--cost", "up", "-m", "Depuis le bureau."]).status == 0)
        try box.companyOK(["push"], as: "alsace", in: "alsace-c")
        let laptop = try box.companyOK(
            ["propose", "perimetre", "--kind", "solution", "--cost", "up", "-m", "Depuis le portable."], as: "laptop", in: "laptop-c")
        #expect(laptop.stdout == "BDKH3X4Q-1\n") // the same id as the office's, with another content
        let push = try box.company(["push"], as: "laptop", in: "laptop-c")
        #expect(push.status != 0, "\(push)")
        withKnownIssue(
            "rough edge: a push refused because the same pseudonym's branch moved elsewhere says 'check the network and the hub, then run jsf push again', which can never succeed; jsf has no way to rebase the proposals"
        ) {
            #expect(!push.stderr.contains("run 'jsf push' again"), "\(push)")
            let fetched = try box.company(["fetch"], as: "laptop", in: "laptop-c")
            #expect(fetched.status == 0)
            let retry = try box.company(["push"], as: "laptop", in: "laptop-c")
            #expect(retry.status == 0, "\(retry)")
        }
        // The hub was not damaged.
        #expect(try box.gitOutput("show", "proposals/BDKH3X4Q:1.md", in: "hub.git").contains("Depuis le bureau."))
    }
}
