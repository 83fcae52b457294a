import Foundation
import Testing

// The world of the agent-side dialogue tests: one agent, a bare hub, two concerned companies in different
// départements (Ille-et-Vilaine 35 and Morbihan 56), and a catering consultation (examples/cctp/restauration-collective).
// Stages build on each other; every test builds the stage it needs in its own sandbox.

/// `jsf inbox --json`.
struct DialogueInboxJSON: Decodable {
    struct Counts: Decodable, Equatable {
        var solution: Int, clarification: Int, alternative: Int
        var up: Int, down: Int, neutral: Int, unknown: Int
    }

    struct Answer: Decodable {
        var created: String
        var status: String
        var version: Int?
        var text: String
    }

    struct Item: Decodable {
        var id: String
        var pseudonym: String
        var kind: String
        var target: String
        var version: Int
        var cost: String
        var estimate: String?
        var status: String
        var state: String
        var created: String
        var supersedes: String?
        var withdrawn: String?
        var weights: [String: Int]?
        var justification: String
        var proposedText: String?
        var answers: [Answer]
    }

    struct Group: Decodable {
        var id: String
        var number: String?
        var title: String?
        var kind: String?
        var removed: Bool
        var counts: Counts
        var proposals: [Item]
    }

    var draft: String?
    var total: Int
    var clauses: [Group]

    var proposals: [Item] { clauses.flatMap(\.proposals) }
    func proposal(_ id: String) -> Item? { proposals.first { $0.id == id } }
    func group(_ id: String) -> Group? { clauses.first { $0.id == id } }
    /// id → state, for every proposal.
    var states: [String: String] { Dictionary(uniqueKeysWithValues: proposals.map { ($0.id, $0.state) }) }
}

/// `jsf status --json` of a company.
struct DialogueStatusJSON: Decodable {
    struct Mine: Decodable {
        var id: String
        var kind: String
        var target: String
        var version: Int
        var status: String
        var state: String
        var answer: String?
    }

    struct Fetched: Decodable {
        var date: String
        var drafts: [String]
        var answered: [String]
    }

    var draft: String?
    var role: String?
    var pseudonym: String?
    var proposals: [Mine]?
    var lastFetch: Fetched?
}

/// One element of `jsf log --json`.
struct DialogueLogJSON: Decodable {
    var version: String
    var message: String
    var added: [String]
    var modified: [String]
    var removed: [String]
    var integrates: [String]
    var answers: [String]
}

/// `jsf diff --json`.
struct DialogueDiffJSON: Decodable {
    struct Side: Decodable, Equatable {
        var number: String
        var title: String
        var level: Int
        var parent: String?
        var weight: Int?
    }

    struct Change: Decodable {
        var id: String
        var changes: [String]
        var old: Side?
        var new: Side?
        var redline: String?
    }

    var from: String
    var to: String
    var clauses: [Change]

    var kinds: [String: [String]] { Dictionary(uniqueKeysWithValues: clauses.map { ($0.id, $0.changes) }) }
}

/// The sandbox, the pseudonyms and the proposal ids of the scenario.
///
/// Company "cuisine" (35), pseudonym `pa`:
///   a1 solution on livraison (neutral) · a2 clarification on commandes (unknown) · a3 alternative text on contenants
///   (up, estimate) · a4 alternative text on analyses (down) · a5 solution on biodechets (neutral)
/// Company "traiteur" (56), pseudonym `pb`:
///   b1 alternative weighting prix → 30 (neutral) · b2 clarification on duree (unknown) · b3 solution on
///   plan-alimentaire-et-menus (up) · b4 solution on hygiene-et-securite-sanitaire (neutral), withdrawn ·
///   b5 alternative text on allergenes-et-regimes-particuliers (up) · b6 solution on livraison (down) ·
///   b7 clarification on livraison (unknown)
///
/// Answers (stage `answered`): b2 answered, a2 answered (the clarification every company must see), a3 accepted
/// then a second message, b1 accepted, a4 accepted, b3 rejected, b5 noted, b6 noted; a1, a5, b7 stay open.
///
/// v2 (stage `published`): a3 and b1 applied by `jsf revise --apply`, then analyses edited by hand (mois → quinzaine),
/// biodechets removed and education-au-gout added in its place, allergenes moved before plan-alimentaire-et-menus
/// (3.4 → 3.2, the two others renumbered), forme-des-prix retitled.
final class DialogueWorld {
    let box: Sandbox
    var pa = ""
    var pb = ""

    static let agentDir = "c"
    static let hub = "hub.git"
    static let cuisine = "cuisine"
    static let traiteur = "traiteur"
    static let cuisineDir = "cuisine-c"
    static let traiteurDir = "traiteur-c"

    init() throws { box = try Sandbox() }

    func a(_ n: Int) -> String { "\(pa)-\(n)" }
    func b(_ n: Int) -> String { "\(pb)-\(n)" }

    // MARK: running

    /// jsf as the agent in the consultation.
    @discardableResult
    func agent(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        try box.jsf(arguments, as: "agent", in: Self.agentDir)
    }

    /// jsf as the agent, requiring exit 0.
    @discardableResult
    func agentOK(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let run = try box.jsf(arguments, as: "agent", in: Self.agentDir)
        try #require(run.status == 0, "agent: jsf \(arguments.joined(separator: " ")) failed:\n\(run)", sourceLocation: sourceLocation)
        return run
    }

    func dir(of user: String) -> String { user == Self.cuisine ? Self.cuisineDir : Self.traiteurDir }

    /// jsf as a company in its clone.
    @discardableResult
    func company(_ user: String, _ arguments: String...) throws -> Run {
        try box.jsf(arguments, as: user, in: dir(of: user))
    }

    /// jsf as a company in its clone, requiring exit 0.
    @discardableResult
    func companyOK(_ user: String, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let run = try box.jsf(arguments, as: user, in: dir(of: user))
        try #require(run.status == 0, "\(user): jsf \(arguments.joined(separator: " ")) failed:\n\(run)", sourceLocation: sourceLocation)
        return run
    }

    /// A proposal made with -m, requiring exit 0 and returning its id.
    @discardableResult
    func propose(_ user: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try box.jsf(["propose"] + arguments, as: user, in: dir(of: user))
        try #require(run.status == 0, "\(user): jsf propose \(arguments.joined(separator: " ")) failed:\n\(run)", sourceLocation: sourceLocation)
        return run.trimmed
    }

    func inbox(_ user: String = "agent", _ filters: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> DialogueInboxJSON {
        let run = try box.jsf(["inbox", "--json"] + filters, as: user, in: user == "agent" ? Self.agentDir : dir(of: user))
        try #require(run.status == 0, "inbox failed:\n\(run)", sourceLocation: sourceLocation)
        return try decode(DialogueInboxJSON.self, from: run, sourceLocation: sourceLocation)
    }

    /// The ids `jsf inbox --json <filters>` lists, in order.
    func inboxIDs(_ filters: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try inbox("agent", filters, sourceLocation: sourceLocation).proposals.map(\.id)
    }

    /// `git status --porcelain` and HEAD of a working tree.
    func snapshot(_ directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: String, head: String, index: String) {
        let status = try box.gitOutput("status", "--porcelain", "--untracked-files=all", in: directory, sourceLocation: sourceLocation)
        let head = try box.gitOutput("rev-parse", "HEAD", in: directory, sourceLocation: sourceLocation)
        let index = try box.gitOutput("ls-files", "--stage", in: directory, sourceLocation: sourceLocation)
        return (status, head, index)
    }

    // MARK: stages

    /// v1 published to the bare hub, both companies cloned (nothing proposed yet).
    /// With `fixedSecrets`, each company's identity secret is fixed bytes (its pseudonym is then the same every run).
    static func cloned(fixedSecrets: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> DialogueWorld {
        let world = try DialogueWorld()
        let box = world.box
        box.now = "2027-01-04T09:00:00+01:00"
        try box.setUpAgent(name: "Marie Dupont", organisation: "Commune de Val-d'Orvenne", sourceLocation: sourceLocation)
        let created = try box.jsf([
            "init", agentDir, "--id", "restauration-val-d-orvenne-2027", "--title", "Restauration scolaire",
            "--buyer", "Commune de Val-d'Orvenne", "--cpv", "55524000-9", "--territory", "35", "--territory", "56",
            "--from", exampleCCTP("restauration-collective"), "--hub", hub,
        ])
        try #require(created.status == 0, "init failed:\n\(created)", sourceLocation: sourceLocation)
        let published = try box.jsf(["publish", "--until", "2027-01-20"], in: agentDir)
        try #require(published.status == 0 && published.trimmed == "v1", "publish failed:\n\(published)", sourceLocation: sourceLocation)
        for (user, name, siret, departement) in [
            (cuisine, "Cuisine Centrale de Vilaine SAS", "73282932000074", "35"),
            (traiteur, "Traiteur du Golfe SARL", "41572083800127", "56"),
        ] {
            if fixedSecrets { try box.writeData("jsf-\(user)/secret", Data((0..<32).map { UInt8($0) + (user == cuisine ? 1 : 101) })) }
            let identity = try box.jsf(
                [
                    "identity", "init", "--role", "company", "--name", name, "--siret", siret,
                    "--cpv", "55524000-9", "--departement", departement,
                ], as: user)
            try #require(identity.status == 0, "identity init failed:\n\(identity)", sourceLocation: sourceLocation)
            let cloned = try box.jsf(["clone", box.path(hub), world.dir(of: user)], as: user)
            try #require(cloned.status == 0, "clone failed:\n\(cloned)", sourceLocation: sourceLocation)
            try #require(cloned.stderr.contains("you are established in \(departement)"), "\(cloned)", sourceLocation: sourceLocation)
        }
        world.pa = try box.gitOutput("config", "jsf.pseudonym", in: cuisineDir, sourceLocation: sourceLocation)
        world.pb = try box.gitOutput("config", "jsf.pseudonym", in: traiteurDir, sourceLocation: sourceLocation)
        try #require(world.pa.count == 8 && world.pb.count == 8 && world.pa != world.pb, sourceLocation: sourceLocation)
        return world
    }

    static let contenantsText = """
        Aucun contenant en matière plastique n'est utilisé. Les repas sont livrés en bacs gastronormes en inox, consignés et repris par le titulaire. Les conditionnements individuels sont proscrits.

        """
    static let analysesText =
        "Le titulaire fait réaliser chaque trimestre, par un laboratoire accrédité COFRAC ou équivalent, une analyse microbiologique sur un plat livré à la commune.\n"
    static let allergenesText = "Le titulaire propose un menu sans les quatorze allergènes majeurs chaque jour, avec un surcoût.\n"

    /// Every kind of proposal from both companies, pushed; B's fourth withdrawn; the agent has fetched.
    static func proposed(fixedSecrets: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> DialogueWorld {
        let world = try cloned(fixedSecrets: fixedSecrets, sourceLocation: sourceLocation)
        let box = world.box
        try box.write("texts/contenants.md", contenantsText)
        try box.write("texts/analyses.md", analysesText)
        try box.write("texts/allergenes.md", allergenesText)
        box.now = "2027-01-05T10:00:00+01:00"
        let ids = [
            try world.propose(
                cuisine, ["livraison", "--kind", "solution", "--cost", "neutral", "-m", "Nous livrons entre 7 h et 9 h en véhicule électrique."]),
            try world.propose(
                cuisine,
                ["commandes", "--kind", "clarification", "--cost", "unknown", "-m", "Les commandes du mercredi suivent-elles le même délai ?"]),
            try world.propose(
                cuisine,
                [
                    "contenants", "--kind", "alternative", "--cost", "up", "--estimate", "+3 % sur le prix du repas",
                    "--text-file", box.path("texts/contenants.md"), "-m", "L'inox seul est éprouvé ; un matériau « équivalent » reste flou.",
                ]),
            try world.propose(
                cuisine,
                [
                    "analyses", "--kind", "alternative", "--cost", "down", "--text-file", box.path("texts/analyses.md"),
                    "-m", "Une analyse par trimestre suffit pour 128 repas par jour.",
                ]),
            try world.propose(cuisine, ["biodechets", "--kind", "solution", "--cost", "neutral", "-m", "Nous compostons sur place."]),
        ]
        try #require(ids == (1...5).map(world.a), sourceLocation: sourceLocation)
        try world.companyOK(cuisine, "push", sourceLocation: sourceLocation)
        let others = [
            try world.propose(
                traiteur, ["prix", "--kind", "alternative", "--cost", "neutral", "--weight", "30", "-m", "Le prix pèse trop face à la qualité."]),
            try world.propose(traiteur, ["duree", "--kind", "clarification", "--cost", "unknown", "-m", "La reconduction est-elle tacite ?"]),
            try world.propose(
                traiteur, ["plan-alimentaire", "--kind", "solution", "--cost", "up", "-m", "Un diététicien à chaque commission des menus."]),
            try world.propose(traiteur, ["hygiene", "--kind", "solution", "--cost", "neutral", "-m", "Notre cuisine a l'agrément CE."]),
            try world.propose(
                traiteur,
                [
                    "allergenes", "--kind", "alternative", "--cost", "up", "--text-file", box.path("texts/allergenes.md"),
                    "-m", "Un menu sans allergènes chaque jour évite les paniers repas.",
                ]),
            try world.propose(
                traiteur, ["livraison", "--kind", "solution", "--cost", "down", "-m", "Des sondes connectées enregistrent la température."]),
            try world.propose(
                traiteur, ["livraison", "--kind", "clarification", "--cost", "unknown", "-m", "Le livreur a-t-il accès à l'office avant 8 h ?"]),
        ]
        try #require(others == (1...7).map(world.b), sourceLocation: sourceLocation)
        try world.companyOK(traiteur, "withdraw", world.b(4), sourceLocation: sourceLocation)
        try world.companyOK(traiteur, "push", sourceLocation: sourceLocation)
        box.now = "2027-01-06T10:00:00+01:00"
        try world.agentOK("fetch", sourceLocation: sourceLocation)
        return world
    }

    /// The agent's answers pushed to the dialogue branch; both companies have fetched them.
    static func answered(fixedSecrets: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> DialogueWorld {
        let world = try proposed(fixedSecrets: fixedSecrets, sourceLocation: sourceLocation)
        let box = world.box
        box.now = "2027-01-06T10:00:00+01:00"
        try world.agentOK(
            "comment", world.b(2), "--status", "answered", "-m", "Oui, la reconduction est tacite, deux fois au plus.", sourceLocation: sourceLocation
        )
        try world.agentOK(
            "comment", world.a(2), "--status", "answered", "-m", "Oui : le même délai s'applique aux commandes du mercredi.",
            sourceLocation: sourceLocation)
        try world.agentOK("comment", world.a(3), "--status", "accepted", "-m", "Bonne idée : l'inox seul.", sourceLocation: sourceLocation)
        box.now = "2027-01-06T10:30:00+01:00"
        try world.agentOK("comment", world.a(3), "-m", "Nous l'intégrerons dans la v2.", sourceLocation: sourceLocation)
        try world.agentOK("comment", world.b(1), "--status", "accepted", "-m", "D'accord pour 30 points.", sourceLocation: sourceLocation)
        try world.agentOK("comment", world.a(4), "--status", "accepted", "-m", "D'accord sur le principe.", sourceLocation: sourceLocation)
        try world.agentOK(
            "comment", world.b(3), "--status", "rejected", "-m", "Trop coûteux pour une commune de cette taille.", sourceLocation: sourceLocation)
        try world.agentOK("comment", world.b(5), "--status", "noted", "-m", "Noté pour la prochaine consultation.", sourceLocation: sourceLocation)
        try world.agentOK("comment", world.b(6), "--status", "noted", "-m", "Noté.", sourceLocation: sourceLocation)
        box.now = "2027-01-06T12:00:00+01:00"
        try world.companyOK(cuisine, "fetch", sourceLocation: sourceLocation)
        try world.companyOK(traiteur, "fetch", sourceLocation: sourceLocation)
        return world
    }

    /// The hand edits of v2 in the agent's cctp.md (everything but the revise --apply).
    func editByHandForV2(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = "\(Self.agentDir)/cctp.md"
        try box.edit(
            file, replacing: "Le titulaire fait réaliser chaque mois,", with: "Le titulaire fait réaliser chaque quinzaine,",
            sourceLocation: sourceLocation)
        try box.edit(
            file, replacing: "## 1.3 Forme des prix {#forme-des-prix}", with: "## 1.3 Forme et révision des prix {#forme-des-prix}",
            sourceLocation: sourceLocation)
        // biodechets removed; a new 6.3 in its place, its id left for publish to assign.
        try box.edit(
            file,
            replacing:
                "## 6.3 Biodéchets {#biodechets}\n\nLes biodéchets issus de la production sont triés et valorisés par le titulaire. Les restes de repas du restaurant scolaire relèvent de la commune.\n",
            with: "## 6.3 Éducation au goût\n\nLe titulaire anime chaque année une semaine du goût avec les élèves.\n", sourceLocation: sourceLocation
        )
        // 3.4 moved before 3.2, renumbered 3.2; 3.2 and 3.3 become 3.3 and 3.4.
        var text = try box.read(file)
        let start = try #require(text.range(of: "## 3.4 Allergènes et régimes particuliers"), sourceLocation: sourceLocation)
        let end = try #require(text.range(of: "# Article 4"), sourceLocation: sourceLocation)
        let block = String(text[start.lowerBound..<end.lowerBound]).replacingOccurrences(of: "## 3.4 Allergènes", with: "## 3.2 Allergènes")
        text.removeSubrange(start.lowerBound..<end.lowerBound)
        text = text.replacingOccurrences(of: "## 3.3 Qualité et origine", with: "## 3.4 Qualité et origine")
            .replacingOccurrences(of: "## 3.2 Plan alimentaire", with: "## 3.3 Plan alimentaire")
        let plan = try #require(text.range(of: "## 3.3 Plan alimentaire"), sourceLocation: sourceLocation)
        text.insert(contentsOf: block, at: plan.lowerBound)
        try box.write(file, text)
    }

    /// v2 published: hand edits, a3 and b1 applied; companies not fetched yet.
    static func published(fixedSecrets: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> DialogueWorld {
        let world = try answered(fixedSecrets: fixedSecrets, sourceLocation: sourceLocation)
        world.box.now = "2027-01-07T10:00:00+01:00"
        // Applied first: revise --apply cannot read a cctp.md with a heading that has no id yet (see DialogueKnownIssueTests).
        try world.agentOK("revise", "--apply", world.a(3), "--apply", world.b(1), sourceLocation: sourceLocation)
        try world.editByHandForV2(sourceLocation: sourceLocation)
        world.box.now = "2027-01-08T10:00:00+01:00"
        let run = try world.agentOK(
            "publish", "--until", "2027-01-25", "-m", "Version 2 : contenants et pondérations", sourceLocation: sourceLocation)
        try #require(run.trimmed == "v2", "\(run)", sourceLocation: sourceLocation)
        return world
    }
}
