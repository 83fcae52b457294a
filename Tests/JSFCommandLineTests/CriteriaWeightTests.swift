import Foundation
import JeSaisFaire
import Testing

/// Criteria and their weights: import takes the weight out of the text, `jsf check` warns and `jsf approve` refuses when
/// a criterion's text contradicts its weight, and an alternative weighting sets every weight at once (`--weights`).
@Suite("criteria: weights out of the text, contradictions, --weights")
struct CriteriaWeightTests {
    /// The criteria of `cctp.md` as `jsf import` made them: (title, weight, body).
    func criteria(_ markdown: String) throws -> [(title: String, weight: Int?, body: String)] {
        try CCTPText(parsing: markdown).clauses().filter { $0.kind == .criterion }.map { ($0.title, $0.weight, $0.body) }
    }

    func imported(_ box: Sandbox, _ markdown: String, format: String = "docx", sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        try OfficeTools.make(box, "cctp.\(format)", markdown: markdown, sourceLocation: sourceLocation)
        let run = try box.jsf("import", "cctp.\(format)")
        try #require(run.status == 0, "\(run)", sourceLocation: sourceLocation)
        return run
    }

    static let wordings: [(name: String, lines: String)] = [
        (
            "capitals, «de la note globale»",
            """
            **CRITERE 1 : VALEUR TECHNIQUE (60 % DE LA NOTE GLOBALE)**

            **CRITERE 2 : PRIX (40 % DE LA NOTE GLOBALE)**
            """
        ),
        ("a list, «Critère n°2 –», a glued %", "- Critère n°1 – Valeur technique : 60%\n- Critère n°2 – Prix : 40%"),
        ("points", "- Valeur technique (60 points)\n- Prix (40 points)"),
        ("«pondération :»", "- Valeur technique – pondération : 60 %\n- Prix – pondération : 40 %"),
        ("«noté sur»", "- Valeur technique, noté sur 60\n- Prix, noté sur 40"),
        ("a table", "| Critère | Pondération |\n|---|---|\n| Valeur technique | 60 |\n| Prix | 40 % |"),
    ]

    @Test("import takes the weight out of the title and the text, in the usual wordings", arguments: wordings.indices)
    func importedWordings(index: Int) throws {
        let box = try Sandbox()
        let (name, lines) = Self.wordings[index]
        let run = try imported(
            box, "**ARTICLE 1 – OBJET**\n\nLe marché porte sur l'entretien.\n\n**ARTICLE 2 – CRITÈRES D'ATTRIBUTION**\n\n\(lines)\n")
        let found = try criteria(run.stdout)
        #expect(found.map(\.title) == ["Valeur technique", "Prix"], "\(name): \(run.stdout)")
        #expect(found.map(\.weight) == [60, 40], "\(name)")
        #expect(found.allSatisfy { !$0.body.contains("%") && !$0.body.contains("60") && !$0.body.contains("40") }, "\(name): \(run.stdout)")
        // What import made, jsf check accepts without a contradiction.
        try box.write("cctp.md", run.stdout)
        let problems = Checker.checkText(CCTPText(parsing: run.stdout), file: "cctp.md", requireIDs: true)
        #expect(!problems.contains { $0.code == Checker.weightTextCode }, "\(problems)")
    }

    @Test("criteria headings: the weight leaves the title, a sentence that only states it leaves the text, a description stays")
    func importedSubheadings() throws {
        let box = try Sandbox()
        let run = try imported(
            box,
            """
            # Article 1 — Objet

            Le marché porte sur l'entretien.

            # Article 2 — Critères de jugement des offres

            ## 2.1 VALEUR TECHNIQUE (60 % DE LA NOTE GLOBALE), appréciée au vu du mémoire

            Ce critère est pondéré à 60 %.

            Le mémoire décrit l'organisation.

            ## 2.2 Prix : 40 %

            Le prix, qui compte pour 40 % de la note, est apprécié sur le DQE.

            """)
        let found = try criteria(run.stdout)
        #expect(found.map(\.title) == ["Valeur technique", "Prix"], "\(run.stdout)")
        #expect(
            found[0].body == "Appréciée au vu du mémoire\n\nLe mémoire décrit l’organisation."
                || found[0].body == "Appréciée au vu du mémoire\n\nLe mémoire décrit l'organisation.", "\(found[0].body)")
        // Said inside a sentence that says more: kept, with a warning to read it again.
        #expect(found[1].body.contains("40 % de la note"), "\(found[1].body)")
        #expect(
            run.stderr.contains("warning: the text of criterion 'Prix' states its weight («40 % de la note»): check that it still says 40 %"),
            "\(run.stderr)")
    }

    @Test("criterion lines each followed by their description: each keeps its own text, a restated weight dropped")
    func describedCriteria() throws {
        let box = try Sandbox()
        let run = try imported(
            box,
            """
            **ARTICLE 1 – OBJET**

            Le marché porte sur l'entretien.

            **ARTICLE 2 – CRITÈRES D'ATTRIBUTION**

            **CRITERE 1 : VALEUR TECHNIQUE (60 % DE LA NOTE GLOBALE)**

            Ce critère est pondéré à 60 %.

            La valeur technique est appréciée au vu du mémoire :

            - méthodologie (30 % de la note) ;
            - moyens humains (30 % de la note).

            **CRITERE 2 : PRIX (40 % DE LA NOTE GLOBALE)**

            Le prix est apprécié sur le DQE.

            **ANNEXES**

            Annexe 1 : plan des locaux.

            """)
        let clauses = try CCTPText(parsing: run.stdout).clauses()
        #expect(clauses.map(\.title).suffix(3) == ["Valeur technique", "Prix", "ANNEXES"], "\(run.stdout)")
        let technical = try #require(clauses.first { $0.title == "Valeur technique" })
        #expect(technical.weight == 60)
        #expect(technical.body.hasPrefix("La valeur technique est appréciée au vu du mémoire"), "\(technical.body)")
        #expect(technical.body.contains("méthodologie (30 % de la note)"), "a sub-criterion's share stays: \(technical.body)")
        #expect(!technical.body.contains("pondéré"), "\(technical.body)")
        #expect(clauses.first { $0.title == "Prix" }?.body == "Le prix est apprécié sur le DQE.")
        #expect(clauses.last?.body == "Annexe 1 : plan des locaux.")
        #expect(!run.stderr.contains("was moved before them"), "\(run.stderr)")
        let problems = Checker.checkText(CCTPText(parsing: run.stdout), file: "cctp.md", requireIDs: true)
        #expect(!problems.contains { $0.code == Checker.weightTextCode }, "\(problems)")
    }

    @Test("text after the criteria: a part of its own stays after them; plain text goes before them, and the warning says why")
    func textAfterTheCriteria() throws {
        let box = try Sandbox()
        let run = try imported(
            box,
            """
            **ARTICLE 1 – OBJET**

            Le marché porte sur l'entretien.

            **ARTICLE 2 – CRITÈRES D'ATTRIBUTION**

            - Valeur technique : 60 %
            - Prix : 40 %

            Les offres sont classées par ordre décroissant.

            **ANNEXES**

            - Annexe 1 : plan des locaux
            - Annexe 2 : inventaire

            """)
        let clauses = try CCTPText(parsing: run.stdout).clauses()
        #expect(
            clauses.map(\.title) == ["OBJET", "CRITÈRES D’ATTRIBUTION", "Valeur technique", "Prix", "ANNEXES"]
                || clauses.map(\.title) == ["OBJET", "CRITÈRES D'ATTRIBUTION", "Valeur technique", "Prix", "ANNEXES"], "\(run.stdout)")
        #expect(clauses.map(\.level) == [1, 1, 2, 2, 1])
        #expect(clauses[4].body.contains("Annexe 1 : plan des locaux") && clauses[4].body.contains("Annexe 2 : inventaire"))
        #expect(clauses[3].body.isEmpty, "the last criterion gets nothing that followed it: \(clauses[3].body)")
        #expect(clauses[1].body.contains("Les offres sont classées par ordre décroissant."))
        #expect(
            run.stderr.contains(
                "warning: the text that followed the criteria of 'ARTICLE 2 – CRITÈRES D"), "\(run.stderr)")
        #expect(run.stderr.contains("after them, it would have become the text of the last criterion, 'Prix'"), "\(run.stderr)")
        #expect(run.stderr.contains("warning: 'ANNEXES' follows the criteria of "), "\(run.stderr)")
        #expect(!run.stderr.contains("'ANNEXES' is in bold or capitals but has no number"), "\(run.stderr)")
    }

    /// Agent in c with a hub, v1 published with a Prix criterion whose text states 40 %; a company in co.
    func world() throws -> Sandbox {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.edit(
            "c/cctp.md", replacing: "Le prix est apprécié sur le montant annuel",
            with: "Ce critère représente 40 % de la note globale. Le prix est apprécié sur le montant annuel")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        return box
    }

    struct Inbox: Decodable {
        struct Group: Decodable {
            struct Item: Decodable {
                var id: String
                var weights: [String: Int]?
            }
            var proposals: [Item]
        }
        var clauses: [Group]
    }

    @Test("--weights through propose, inbox, revise --apply; check warns and approve refuses until the text agrees")
    func weightsThroughTheDialogue() throws {
        let box = try world()
        let proposed = try box.jsf(
            "propose", "8.1", "--kind", "alternative", "--cost", "neutral", "--weights", "prix=30, qualite=50,8.3=20",
            "-m", "La qualité compte davantage pour des enfants.", as: "company", in: "co")
        #expect(proposed.status == 0, "\(proposed)")
        let id = proposed.trimmed
        #expect(
            proposed.stderr.contains(
                "Resulting weights:\n  prix: 40 → 30\n  qualite-des-repas-et-des-produits: 40 → 50\n  performance-environnementale: 20 → 20\n"),
            "\(proposed.stderr)")
        let file = try box.gitOutput("show", "proposals/\(id.split(separator: "-")[0]):\(id.split(separator: "-")[1]).md", in: "co")
        #expect(file.contains("weights:\n  prix: 30\n  qualite-des-repas-et-des-produits: 50\n  performance-environnementale: 20\n"), "\(file)")
        try box.ok("push", as: "company", in: "co")

        try box.ok("fetch", in: "c")
        let inbox = try decode(Inbox.self, from: box.ok("inbox", "--json", in: "c"))
        #expect(
            inbox.clauses.flatMap(\.proposals).first { $0.id == id }?.weights
                == ["prix": 30, "qualite-des-repas-et-des-produits": 50, "performance-environnementale": 20])
        try box.ok("comment", id, "--status", "accepted", "-m", "Retenu.", in: "c")
        try box.ok("revise", "--apply", id, in: "c")
        let md = try box.read("c/cctp.md")
        #expect(md.contains("## Prix {#prix .criterion weight=30}"), "\(md)")
        #expect(md.contains("{#qualite-des-repas-et-des-produits .criterion weight=50}"))

        // The text still says 40 %: a warning for the agent, with the clause and the line.
        let check = try box.jsf("check", in: "c")
        #expect(check.status == 0, "a warning, not an error: \(check)")
        let line =
            try #require(md.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Ce critère représente 40 %") }) + 1
        #expect(
            check.stdout.contains(
                "cctp.md:\(line): warning: criterion 'prix' weighs 30 but its text says «40 % de la note globale»"), "\(check)")
        let french = try box.jsf("check", in: "c", environment: ["LANG": "fr_FR.UTF-8"])
        #expect(french.stdout.contains("le critère « prix » pèse 30 mais son texte dit « 40 % de la note globale »"), "\(french)")
        let json = try box.ok("check", "--json", in: "c").stdout
        #expect(json.contains("\"code\":\"criteria.weight-text\"") || json.contains("\"code\" : \"criteria.weight-text\""), "\(json)")

        // Published as is, the draft cannot be approved: the buyer is told which clause, where.
        box.now = "2027-01-21T09:00:00+01:00"
        let published = try box.ok("publish", "-m", "Pondérations revues", "--until", "2027-01-30", in: "c")
        #expect(published.stderr.contains("warning: criterion 'prix' weighs 30 but its text says «40 % de la note globale»"), "\(published)")
        try box.ok("round", "close", in: "c")
        try box.setUpBuyer()
        try box.ok("clone", "hub.git", "b", as: "buyer")
        let refused = try box.jsf("approve", "-m", "ok", as: "buyer", in: "b")
        expectRefusal(
            refused, status: 1,
            [
                "error: v2 cannot be approved yet:",
                "hint: in v2 the text of a criterion contradicts its weight: v2:cctp.md:\(line): criterion 'prix' weighs 30 but its text says «40 % de la note globale»",
            ])
        #expect(try box.git("rev-parse", "--verify", "-q", "refs/tags/final", in: "b").status != 0, "nothing half-written")

        // The agent makes the text agree; the next draft is approved.
        try box.edit("c/cctp.md", replacing: "Ce critère représente 40 % de la note globale.", with: "Ce critère représente 30 % de la note globale.")
        // The working tree agrees (HEAD, the published v2, still says 40 % until the next publish).
        let fixed = try box.ok("check", in: "c").stdout.split(separator: "\n")
        #expect(!fixed.contains { $0.hasPrefix("cctp.md:") && $0.contains("its text says") }, "\(fixed)")
        #expect(fixed.contains { $0.hasPrefix("HEAD:cctp.md:\(line): warning: criterion 'prix' weighs 30") }, "\(fixed)")
        try box.ok("publish", "-m", "Texte des critères", "--until", "2027-01-31", in: "c")
        try box.ok("round", "close", in: "c")
        try box.ok("fetch", as: "buyer", in: "b")
        let approved = try box.jsf("approve", "-m", "Texte conforme.", as: "buyer", in: "b")
        #expect(approved.status == 0, "\(approved)")
    }

    @Test("--weights refusals name the bad part, write nothing")
    func weightsRefused() throws {
        let box = try world()
        func propose(_ weights: String, _ extra: [String] = []) throws -> Run {
            try box.jsf(
                ["propose", "prix", "--kind", "alternative", "--cost", "neutral", "--weights", weights, "-m", "Autre."] + extra, as: "company",
                in: "co")
        }
        expectRefusal(
            try propose("prix=30,qualite=50"), status: 64,
            ["error: --weights must name every criterion: missing performance-environnementale", "hint: write --weights prix=40,"])
        expectRefusal(try propose("prix=30,qualite=50,8.3=30"), status: 64, ["error: --weights sum to 110, not 100"])
        expectRefusal(
            try propose("prix=30,objet=50,8.3=20"), status: 1, ["error: --weights: 'objet' in 'objet=50' is a clause, not a criterion of v1"])
        expectRefusal(
            try propose("prix=30,menus=50,8.3=20"), status: 1,
            ["error: --weights: no criterion 'menus' (in 'menus=50') in v1", "hint: closest criteria: "])
        expectRefusal(
            try propose("prix=trente,qualite=50,8.3=20"), status: 64,
            ["error: --weights: the weight in 'prix=trente' must be a whole number from 0 to 100"])
        expectRefusal(
            try propose("prix=50,qualite=50,8.3=0", ["--weight", "50"]), status: 64,
            ["error: give one weight (--weight N) or all of them (--weights ID=N,…), not both"])
        expectRefusal(
            try box.jsf(
                "propose", "prix", "--kind", "solution", "--cost", "neutral", "--weights", "prix=50,qualite=30,8.3=20", "-m", "x", as: "company",
                in: "co"),
            status: 64, ["error: --weights proposes an alternative weighting: use it with --kind alternative"])
        expectRefusal(
            try box.jsf(
                "propose", "objet", "--kind", "alternative", "--cost", "neutral", "--weights", "prix=50,qualite=30,8.3=20", "-m", "x", as: "company",
                in: "co"),
            status: 1, ["error: --weights applies to a criterion, and 'objet' is a clause"])
        let french = try box.jsf(
            ["propose", "prix", "--kind", "alternative", "--cost", "neutral", "--weights", "prix=30,qualite=50", "-m", "Autre."], as: "company",
            in: "co",
            environment: ["LANG": "fr_FR.UTF-8"])
        expectRefusal(french, status: 64, ["erreur : --weights doit nommer chaque critère : il manque performance-environnementale"])
        #expect(try box.git("rev-parse", "--verify", "-q", "refs/heads/proposals/\(try pseudonym(box))", in: "co").status != 0, "nothing written")
    }

    func pseudonym(_ box: Sandbox) throws -> String {
        let status = try box.ok("status", "--json", as: "company", in: "co").stdout
        let match = try #require(status.firstMatch(of: #/"pseudonym"\s*:\s*"(?<code>[A-Z0-9]+)"/#))
        return String(match.output.code)
    }
}
