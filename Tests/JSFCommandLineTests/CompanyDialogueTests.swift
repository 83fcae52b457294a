import Foundation
import Testing

/// `jsf inbox --json`, as far as the company side needs it.
struct CompanyInboxJSON: Decodable {
    struct Group: Decodable {
        var id: String
        var proposals: [Item]
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
        var state: String?
        var created: String
        var supersedes: String?
        var withdrawn: String?
        var weights: [String: Int]?
        var justification: String
        var proposedText: String?
    }

    var draft: String?
    var total: Int
    var clauses: [Group]

    var proposals: [Item] { clauses.flatMap(\.proposals) }
    func proposal(_ id: String) -> Item? { proposals.first { $0.id == id } }
}

/// The three companies of the scenario: two concerned (one through its département, one through its région), one not.
enum Companies {
    /// In Strasbourg (67); its secret is fixed to bytes 0…31, so its pseudonym is the known answer BDKH3X4Q.
    static let alsace = CompanyProfile(
        user: "alsace", name: "Claire Weber", organisation: "Informatique Rhénane SAS", siret: "41572083800127",
        cpv: ["50312000-5"], departements: ["67"], email: "claire.weber@informatique-rhenane.fr", phone: "+33 3 88 41 27 90",
        website: "https://www.informatique-rhenane.fr", gitName: "Claire Weber-Kientz", gitEmail: "cweber@informatique-rhenane.fr")
    /// In Mulhouse (68), concerned through région Grand Est (region:44).
    static let mulhouse = CompanyProfile(
        user: "mulhouse", name: "Thomas Muller", organisation: "Réseaux Haut-Rhin SARL", siret: "81234567600124",
        cpv: ["50324100-3"], departements: ["68"], email: "contact@reseaux-hautrhin.fr", phone: "03 89 56 71 23",
        website: "reseaux-hautrhin.fr", gitName: "Thomas Müller", gitEmail: "thomas.muller.68@gmail.com")
    /// In Rennes (35), in catering: concerned by neither domain nor territory.
    static let rennes = CompanyProfile(
        user: "rennes", name: "Yann Le Goff", organisation: "Cuisines Armoricaines SAS", siret: "52918374100121",
        cpv: ["55520000-1"], departements: ["35"], email: "contact@cuisines-armoricaines.bzh", phone: "+33 2 99 63 18 45",
        website: "https://cuisines-armoricaines.bzh", gitName: "Yann Le Goff", gitEmail: "yann.legoff@cuisines-armoricaines.bzh")

    static let all = [alsace, mulhouse, rennes]

    /// Known answer (computed with Python's cryptography, see CompaniesPseudonymTests): secret 0…31 and
    /// maintenance-informatique-67.
    static let alsacePseudonym = "BDKH3X4Q"
    static let alsaceKeyPub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGu8XuQFJeMvRBmpriY4tbmkK3qKYzSFaWAOhLxwHAAn BDKH3X4Q\n"
    /// The same secret for restauration-val-d-orvenne-2027.
    static let alsaceOtherPseudonym = "448HJSXE"
}

extension Sandbox {
    /// The agent's consultation maintenance-informatique-67 (Bas-Rhin and région Grand Est), v1 published to `hub`
    /// with a round closing on 2027-01-20.
    func setUpMaintenance(_ dir: String = "agent-c", hub: String = "hub.git", sourceLocation: SourceLocation = #_sourceLocation) throws {
        try setUpAgent(name: "Marie Dupont", organisation: "Préfecture du Bas-Rhin", sourceLocation: sourceLocation)
        let created = try jsf([
            "init", dir, "--id", "maintenance-informatique-67", "--title", "Maintenance informatique",
            "--buyer", "Préfecture du Bas-Rhin", "--cpv", "50312000-5", "--territory", "67", "--territory", "region:44",
            "--from", exampleCCTP("maintenance-informatique-prefecture"), "--hub", hub,
        ])
        try #require(created.status == 0, "init failed:\n\(created)", sourceLocation: sourceLocation)
        let published = try jsf(["publish", "--until", "2027-01-20"], in: dir)
        try #require(published.status == 0 && published.trimmed == "v1", "publish failed:\n\(published)", sourceLocation: sourceLocation)
    }

    /// The three companies, Alsace with the fixed secret.
    func setUpCompanies(sourceLocation: SourceLocation = #_sourceLocation) throws {
        for profile in Companies.all { try setUpCompanyProfile(profile, sourceLocation: sourceLocation) }
        try writeData("jsf-alsace/secret", Data((0..<32).map { UInt8($0) }))
    }

    /// The pseudonym `jsf clone` announced ("You appear here as Company XXXXXXXX.").
    func pseudonym(announcedBy run: Run, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let marker = "You appear here as Company "
        let range = try #require(run.stderr.range(of: marker), "no pseudonym in:\n\(run)", sourceLocation: sourceLocation)
        return String(run.stderr[range.upperBound...].prefix(8))
    }

    /// Asserts that nothing in `repository` names any of the companies, and that every company commit is
    /// pseudonymous and in UTC.
    func expectAnonymous(_ repository: String, pseudonyms: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dump = try everythingIn(repository).lowercased()
        #expect(dump.count > 1000, "\(repository): suspiciously little to scan", sourceLocation: sourceLocation)
        for profile in Companies.all {
            for needle in profile.identifyingStrings {
                #expect(
                    !dump.contains(needle.lowercased()), "\(repository) contains '\(needle)' of \(profile.organisation)",
                    sourceLocation: sourceLocation)
            }
        }
        // Every commit of every proposal branch: the pseudonym, its address, +0000.
        let refs = try gitOutput("for-each-ref", "--format=%(refname)", in: repository).lines
        let branches = refs.filter { $0.contains("/proposals/") }
        #expect(Set(branches.map { String($0.split(separator: "/").last!) }) == Set(pseudonyms), "\(refs)", sourceLocation: sourceLocation)
        for branch in branches {
            let pseudonym = String(branch.split(separator: "/").last!)
            let log = try gitOutput("log", "--format=%an|%ae|%cn|%ce|%ad|%cd", "--date=raw", branch, in: repository).lines
            #expect(!log.isEmpty, sourceLocation: sourceLocation)
            for line in log {
                let f = line.split(separator: "|").map(String.init)
                #expect(f.count == 6, "\(line)", sourceLocation: sourceLocation)
                guard f.count == 6 else { continue }
                #expect(f[0] == pseudonym && f[2] == pseudonym, "\(branch): \(line)", sourceLocation: sourceLocation)
                #expect(
                    f[1] == pseudonym.lowercased() + "@pseudonym.jsf.invalid" && f[3] == f[1], "\(branch): \(line)", sourceLocation: sourceLocation)
                #expect(f[4].hasSuffix(" +0000") && f[5].hasSuffix(" +0000"), "\(branch): \(line)", sourceLocation: sourceLocation)
            }
            // File names: <n>.md and key.pub only.
            let files = try gitOutput("ls-tree", "-r", "--name-only", branch, in: repository).lines
            #expect(files.contains("key.pub"), sourceLocation: sourceLocation)
            for file in files where file != "key.pub" {
                #expect(file.hasSuffix(".md") && Int(file.dropLast(3)) != nil, "\(branch): \(file)", sourceLocation: sourceLocation)
            }
            // key.pub names the pseudonym and nothing else.
            let key = try gitOutput("show", "\(branch):key.pub", in: repository)
            #expect(
                key.hasPrefix("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI") && key.hasSuffix(" \(pseudonym)"), "\(key)", sourceLocation: sourceLocation)
        }
        // Tags: the agent's drafts only.
        for tag in try gitOutput("tag", "-l", in: repository).lines {
            #expect(tag.hasPrefix("v") && Int(tag.dropFirst()) != nil, "\(tag)", sourceLocation: sourceLocation)
        }
    }

    func expectFsckClean(_ repository: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fsck = try git("fsck", "--strict", "--no-dangling", in: repository)
        #expect(fsck.status == 0, "\(repository): \(fsck)", sourceLocation: sourceLocation)
        #expect(
            fsck.output.lines.filter { !$0.hasPrefix("notice:") && !$0.hasPrefix("Checking") }.isEmpty, "\(repository): \(fsck)",
            sourceLocation: sourceLocation)
    }
}

@Suite("company side: the dialogue through a hub, and anonymity")
struct CompanyDialogueTests {
    @Test("three companies clone; two propose all kinds, amend, withdraw and push; the agent sees it all; nothing names them")
    func scenario() throws {
        let box = try Sandbox()
        try box.setUpMaintenance()
        try box.setUpCompanies()
        let hub = box.path("hub.git")

        // --- clone: who you are here, and whether you are concerned, and why.
        let alsaceClone = try box.companyOK(["clone", hub, "alsace-c"], as: "alsace")
        #expect(alsaceClone.stdout == "maintenance-informatique-67\tMaintenance informatique\n")
        #expect(alsaceClone.stderr.contains("Cloned into \(box.path("alsace-c"))."))
        #expect(alsaceClone.stderr.contains("Current draft: v1"))
        #expect(alsaceClone.stderr.contains("You appear here as Company BDKH3X4Q."), "\(alsaceClone)")
        #expect(
            alsaceClone.stderr.contains(
                "Your company is concerned: your CPV 50312000-5 shares the group 503 with 50312000-5; you are established in 67."),
            "\(alsaceClone)")
        #expect(alsaceClone.stderr.contains("hint: read it with 'jsf show', react with 'jsf propose"))
        let alsace = try box.pseudonym(announcedBy: alsaceClone)
        #expect(alsace == Companies.alsacePseudonym)

        let mulhouseClone = try box.companyOK(["clone", hub, "mulhouse-c"], as: "mulhouse")
        #expect(
            mulhouseClone.stderr.contains(
                "Your company is concerned: your CPV 50324100-3 shares the group 503 with 50312000-5; you are established in Grand Est (68)."),
            "\(mulhouseClone)")
        let mulhouse = try box.pseudonym(announcedBy: mulhouseClone)
        #expect(mulhouse != alsace)
        #expect(mulhouse.count == 8)

        let rennesClone = try box.companyOK(["clone", hub, "rennes-c"], as: "rennes")
        #expect(
            rennesClone.stderr.contains(
                "Your company is not concerned: none of your CPV codes (55520000-1) shares a group with the consultation's (50312000-5); none of your départements (35) is in its territory (67, region:44)."
            ),
            "\(rennesClone)")
        #expect(!rennesClone.stderr.contains("hint: read it"))

        // The clones commit as the pseudonym whatever the global git identity says.
        #expect(try box.gitOutput("config", "--local", "user.name", in: "alsace-c") == alsace)
        #expect(try box.gitOutput("config", "--local", "user.email", in: "alsace-c") == "bdkh3x4q@pseudonym.jsf.invalid")
        #expect(try box.gitOutput("config", "--local", "jsf.pseudonym", in: "mulhouse-c") == mulhouse)
        // The company's own clone keeps no reflog, which libgit2 would date by the machine's clock and zone.
        #expect(!FileManager.default.fileExists(atPath: box.path("alsace-c/.git/logs")))
        #expect(try box.gitOutput("config", "--local", "core.logAllRefUpdates", in: "alsace-c") == "false")

        // --- Alsace: a solution with an estimate, a clarification from a file, an alternative clause from stdin + file.
        let solution = try box.companyOK(
            [
                "propose", "niveaux-de-service", "--kind", "solution", "--cost", "down",
                "--estimate", "-5 % sur le forfait annuel",
                "-m", "Un rétablissement sous 8 h ouvrées suffit pour les postes de travail hors cabinet.",
            ],
            as: "alsace", in: "alsace-c")
        #expect(solution.stdout == "BDKH3X4Q-1\n")
        #expect(
            solution.stderr.contains("Recorded BDKH3X4Q-1: solution on niveaux-de-service (4.2 Niveaux de service), draft v1, cost down."),
            "\(solution)")
        #expect(solution.stderr.contains("hint: 'jsf push' sends it to the hub"))

        try box.write("question.md", "Les disques des copieurs multifonctions sont-ils concernés par l'effacement certifié ?\n")
        let question = try box.companyOK(
            [
                "propose", "effacement-des-supports-de-donnees", "--kind", "clarification", "--cost", "unknown",
                "-F", box.path("question.md"),
            ], as: "alsace", in: "alsace-c")
        #expect(question.stdout == "BDKH3X4Q-2\n")

        try box.write("pieces.md", "Les pièces détachées sont neuves ou reconditionnées, garanties au moins un an.\n")
        let alternative = try box.companyOK(
            [
                "propose", "pieces-detachees", "--kind", "alternative", "--cost", "down",
                "--text-file", box.path("pieces.md"), "-F", "-",
            ],
            as: "alsace", in: "alsace-c",
            input: "Les pièces reconditionnées allongent la vie du parc et coûtent moins cher.\n")
        #expect(alternative.stdout == "BDKH3X4Q-3\n")

        // A text that names the company is refused, and nothing is written.
        let tipBefore = try box.gitOutput("rev-parse", "refs/heads/proposals/BDKH3X4Q", in: "alsace-c")
        let naming = try box.company(
            [
                "propose", "niveaux-de-service", "--kind", "solution", "--cost", "down",
                "-m", "Informatique Rhénane tient ces délais depuis dix ans.",
            ], as: "alsace", in: "alsace-c")
        expectRefusal(
            naming, status: 1,
            [
                "error: the text names your company: your name 'Informatique Rhénane SAS'; it would be published under your pseudonym",
                "hint: remove it, or pass --allow-identifying",
            ])
        #expect(naming.stdout.isEmpty)
        #expect(try box.gitOutput("rev-parse", "refs/heads/proposals/BDKH3X4Q", in: "alsace-c") == tipBefore)

        // Amend the solution.
        let amended = try box.companyOK(
            [
                "propose", "niveaux-de-service", "--kind", "solution", "--cost", "neutral", "--amend", "BDKH3X4Q-1",
                "-m", "Un rétablissement sous 8 h ouvrées, 4 h pour le cabinet du préfet.",
            ], as: "alsace", in: "alsace-c")
        #expect(amended.stdout == "BDKH3X4Q-4\n")
        #expect(amended.stderr.contains("It supersedes BDKH3X4Q-1."), "\(amended)")

        let pushed = try box.companyOK(["push"], as: "alsace", in: "alsace-c")
        #expect(pushed.stdout == "refs/heads/proposals/BDKH3X4Q\n")
        #expect(pushed.stderr.contains("Pushed 1 ref(s) to origin."))

        // The branch: one file per proposal and key.pub, written with the first proposal; the working tree untouched.
        #expect(
            try box.gitOutput("ls-tree", "--name-only", "proposals/BDKH3X4Q", in: "hub.git").lines == ["1.md", "2.md", "3.md", "4.md", "key.pub"])
        let root = try box.gitOutput("rev-list", "--max-parents=0", "proposals/BDKH3X4Q", in: "hub.git")
        #expect(try box.gitOutput("ls-tree", "--name-only", root, in: "hub.git").lines == ["1.md", "key.pub"])
        #expect(try box.gitOutput("show", "proposals/BDKH3X4Q:key.pub", in: "hub.git") + "\n" == Companies.alsaceKeyPub)
        #expect(try box.gitOutput("status", "--porcelain", in: "alsace-c") == "")
        #expect(
            try box.gitOutput("log", "--format=%s", "proposals/BDKH3X4Q", in: "hub.git").lines == [
                "BDKH3X4Q-4: amends BDKH3X4Q-1 (v1)",
                "BDKH3X4Q-3: alternative on pieces-detachees (v1)",
                "BDKH3X4Q-2: clarification on effacement-des-supports-de-donnees (v1)",
                "BDKH3X4Q-1: solution on niveaux-de-service (v1)",
            ])
        let file3 = try box.gitOutput("show", "proposals/BDKH3X4Q:3.md", in: "hub.git")
        #expect(file3.contains("kind: alternative\ntarget: pieces-detachees\nversion: 1\n"), "\(file3)")
        #expect(file3.contains("\n## Texte proposé\n\nLes pièces détachées sont neuves ou reconditionnées"), "\(file3)")
        #expect(file3.contains("created: \"2027-01-04T08:00:00+00:00\"") || file3.contains("created: 2027-01-04T08:00:00+00:00"), "\(file3)")

        // --- Mulhouse: an alternative weighting, a solution it then withdraws.
        let weighting = try box.companyOK(
            [
                "propose", "prix-des-prestations", "--kind", "alternative", "--cost", "down", "--weight", "55",
                "-m", "Le marché est très standardisé : le prix doit peser davantage.",
            ], as: "mulhouse", in: "mulhouse-c")
        #expect(weighting.stdout == "\(mulhouse)-1\n")
        #expect(
            weighting.stderr.contains(
                """
                Resulting weights:
                  prix-des-prestations: 40 → 55
                  valeur-technique: 45 → 34
                  performance-environnementale: 15 → 11
                """), "\(weighting)")
        let toWithdraw = try box.companyOK(
            [
                "propose", "maintenance-corrective", "--kind", "solution", "--cost", "up",
                "-m", "Une astreinte le samedi matin.",
            ], as: "mulhouse", in: "mulhouse-c")
        #expect(toWithdraw.stdout == "\(mulhouse)-2\n")
        let withdrawn = try box.companyOK(["withdraw", "\(mulhouse)-2"], as: "mulhouse", in: "mulhouse-c")
        #expect(withdrawn.stdout == "\(mulhouse)-2\n")
        #expect(withdrawn.stderr.contains("Withdrew \(mulhouse)-2."))
        try box.companyOK(["push"], as: "mulhouse", in: "mulhouse-c")

        // --- Rennes is not concerned: refused, nothing written, nothing to push.
        let refused = try box.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Peut-on répondre ?"],
            as: "rennes", in: "rennes-c")
        expectRefusal(
            refused, status: 1,
            [
                "error: your company is not concerned by this consultation",
                "hint: none of your CPV codes (55520000-1) shares a group with the consultation's (50312000-5); none of your départements (35) is in its territory (67, region:44)",
            ])
        #expect(try box.gitOutput("for-each-ref", "refs/heads/proposals", in: "rennes-c") == "")
        let nothing = try box.companyOK(["push"], as: "rennes", in: "rennes-c")
        #expect(nothing.stdout.isEmpty)
        #expect(nothing.stderr.contains("Nothing to push."))

        // --- Too late: after the round's closing date.
        let late = try box.company(
            ["propose", "objet", "--kind", "solution", "--cost", "neutral", "-m", "Trop tard ?"],
            as: "alsace", in: "alsace-c", environment: ["JSF_NOW": "2027-01-21T10:00:00+01:00"])
        expectRefusal(
            late, status: 1,
            [
                "error: the round of v1 closed on 20 January 2027, 23:59 (Europe/Paris): proposals are no longer accepted",
                "hint: run 'jsf fetch' to see whether a new draft is out",
            ])
        #expect(
            try box.gitOutput("rev-parse", "refs/heads/proposals/BDKH3X4Q", in: "alsace-c")
                == (try box.gitOutput("rev-parse", "refs/heads/proposals/BDKH3X4Q", in: "hub.git")))

        // --- The agent fetches and sees everything.
        let fetched = try box.ok("fetch", in: "agent-c")
        #expect(fetched.stdout.contains("proposals of Company BDKH3X4Q updated"), "\(fetched)")
        #expect(fetched.stdout.contains("proposals of Company \(mulhouse) updated"), "\(fetched)")
        let inbox = try decode(CompanyInboxJSON.self, from: box.ok("inbox", "--json", in: "agent-c"))
        #expect(inbox.total == 6)
        #expect(Set(inbox.proposals.map(\.id)) == ["BDKH3X4Q-1", "BDKH3X4Q-2", "BDKH3X4Q-3", "BDKH3X4Q-4", "\(mulhouse)-1", "\(mulhouse)-2"])
        let p1 = try #require(inbox.proposal("BDKH3X4Q-1"))
        #expect(p1.status == "superseded")
        #expect(p1.estimate == "-5 % sur le forfait annuel")
        #expect(p1.cost == "down")
        let p2 = try #require(inbox.proposal("BDKH3X4Q-2"))
        #expect(p2.kind == "clarification" && p2.target == "effacement-des-supports-de-donnees" && p2.status == "open")
        #expect(p2.justification == "Les disques des copieurs multifonctions sont-ils concernés par l'effacement certifié ?")
        let p3 = try #require(inbox.proposal("BDKH3X4Q-3"))
        #expect(p3.kind == "alternative" && p3.target == "pieces-detachees")
        #expect(p3.justification == "Les pièces reconditionnées allongent la vie du parc et coûtent moins cher.")
        #expect(p3.proposedText == "Les pièces détachées sont neuves ou reconditionnées, garanties au moins un an.")
        let p4 = try #require(inbox.proposal("BDKH3X4Q-4"))
        #expect(p4.supersedes == "BDKH3X4Q-1" && p4.status == "open" && p4.cost == "neutral")
        let m1 = try #require(inbox.proposal("\(mulhouse)-1"))
        #expect(m1.weights == ["prix-des-prestations": 55, "valeur-technique": 34, "performance-environnementale": 11])
        #expect(m1.weights.map { $0.values.reduce(0, +) } == 100)
        #expect(m1.pseudonym == mulhouse && m1.version == 1)
        let m2 = try #require(inbox.proposal("\(mulhouse)-2"))
        #expect(m2.status == "withdrawn")
        #expect(m2.withdrawn == "2027-01-04T08:00:00+00:00")
        for item in inbox.proposals { #expect(item.created == "2027-01-04T08:00:00+00:00", "\(item.id)") }

        // Filters.
        let onClause = try decode(CompanyInboxJSON.self, from: box.ok("inbox", "--json", "--clause", "niveaux-de-service", in: "agent-c"))
        #expect(Set(onClause.proposals.map(\.id)) == ["BDKH3X4Q-1", "BDKH3X4Q-4"])
        let alternatives = try decode(CompanyInboxJSON.self, from: box.ok("inbox", "--json", "--kind", "alternative", in: "agent-c"))
        #expect(Set(alternatives.proposals.map(\.id)) == ["BDKH3X4Q-3", "\(mulhouse)-1"])
        let human = try box.ok("inbox", in: "agent-c")
        #expect(human.stdout.contains("BDKH3X4Q-3"), "\(human)")
        #expect(human.stdout.contains("\(mulhouse)-1"), "\(human)")
        // A company's --mine is its own only, after a fetch everyone's are visible to it.
        try box.companyOK(["fetch"], as: "mulhouse", in: "mulhouse-c")
        let mine = try decode(CompanyInboxJSON.self, from: box.companyOK(["inbox", "--mine", "--json"], as: "mulhouse", in: "mulhouse-c"))
        #expect(Set(mine.proposals.map(\.id)) == ["\(mulhouse)-1", "\(mulhouse)-2"])
        let everyone = try decode(CompanyInboxJSON.self, from: box.companyOK(["inbox", "--json"], as: "mulhouse", in: "mulhouse-c"))
        #expect(everyone.total == 6)

        // --- Plain git agrees.
        try box.expectFsckClean("hub.git")
        try box.expectFsckClean("agent-c")
        #expect(
            try box.gitOutput("for-each-ref", "--format=%(refname)", in: "hub.git").lines
                == ["refs/heads/main", "refs/heads/proposals/BDKH3X4Q", "refs/heads/proposals/\(mulhouse)", "refs/tags/v1"].sorted())

        // --- Nothing on the hub or in the agent's clone names a company.
        try box.expectAnonymous("hub.git", pseudonyms: [alsace, mulhouse])
        try box.expectAnonymous("agent-c", pseudonyms: [alsace, mulhouse])
    }

    @Test("the same identity on a second machine is the same pseudonym and continues the same branch")
    func secondMachine() throws {
        let box = try Sandbox()
        try box.setUpMaintenance()
        try box.setUpCompanies()
        try box.companyOK(["clone", box.path("hub.git"), "alsace-c"], as: "alsace")
        try box.companyOK(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Le lot inclut-il les imprimantes ?"],
            as: "alsace", in: "alsace-c")
        try box.companyOK(["push"], as: "alsace", in: "alsace-c")

        // The laptop: the same JSF_HOME copied, another user and home, another global git identity.
        try box.copy("jsf-alsace", to: "jsf-laptop")
        try box.write("home-laptop/.gitconfig", "[user]\n\tname = Claire W. (portable)\n\temail = claire@laptop.informatique-rhenane.fr\n")
        let clone = try box.companyOK(["clone", box.path("hub.git"), "laptop-c"], as: "laptop")
        #expect(try box.pseudonym(announcedBy: clone) == Companies.alsacePseudonym)
        let mine = try decode(CompanyInboxJSON.self, from: box.companyOK(["inbox", "--mine", "--json"], as: "laptop", in: "laptop-c"))
        #expect(mine.proposals.map(\.id) == ["BDKH3X4Q-1"])
        // It continues the numbering on origin's copy of the branch, and does not write key.pub again.
        let next = try box.companyOK(
            ["propose", "objet", "--kind", "solution", "--cost", "neutral", "-m", "Nous incluons les imprimantes réseau."],
            as: "laptop", in: "laptop-c")
        #expect(next.stdout == "BDKH3X4Q-2\n")
        #expect(
            try box.gitOutput("diff", "--name-only", "refs/remotes/origin/proposals/BDKH3X4Q", "refs/heads/proposals/BDKH3X4Q", in: "laptop-c")
                == "2.md")
        try box.companyOK(["push"], as: "laptop", in: "laptop-c")
        #expect(try box.gitOutput("ls-tree", "--name-only", "proposals/BDKH3X4Q", in: "hub.git").lines == ["1.md", "2.md", "key.pub"])
        #expect(try box.gitOutput("rev-list", "--count", "proposals/BDKH3X4Q", in: "hub.git") == "2")

        // Back on the first machine, after a fetch, the laptop's proposal is one of "mine" and numbering goes on.
        try box.companyOK(["fetch"], as: "alsace", in: "alsace-c")
        let again = try decode(CompanyInboxJSON.self, from: box.companyOK(["inbox", "--mine", "--json"], as: "alsace", in: "alsace-c"))
        #expect(again.proposals.map(\.id).sorted() == ["BDKH3X4Q-1", "BDKH3X4Q-2"])
        let third = try box.company(
            ["propose", "perimetre", "--kind", "clarification", "--cost", "unknown", "-m", "Les sites distants ?"],
            as: "alsace", in: "alsace-c")
        #expect(third.stdout == "BDKH3X4Q-3\n", "\(third)")
        let push = try box.company(["push"], as: "alsace", in: "alsace-c")
        #expect(push.status == 0, "\(push)")

        // Another consultation, the same secret: another pseudonym.
        try box.setUpConsultation("agent-r", hub: "hub-r.git")
        #expect(try box.jsf("publish", "--until", "2027-01-20", in: "agent-r").status == 0)
        let other = try box.companyOK(["clone", box.path("hub-r.git"), "alsace-r"], as: "alsace")
        #expect(try box.pseudonym(announcedBy: other) == Companies.alsaceOtherPseudonym)
        #expect(other.stderr.contains("Your company is not concerned"))
    }

    @Test("the same clone, propose, push and fetch through git daemon (git://)")
    func throughGitDaemon() throws {
        let box = try Sandbox()
        try FileManager.default.createDirectory(atPath: box.path("served"), withIntermediateDirectories: true)
        try box.setUpMaintenance(hub: box.path("served/hub.git"))
        try box.setUpCompanies()
        guard let daemon = try GitDaemon.start(serving: box.path("served"), logDirectory: box.root, hubEnvironment: ["JSF_NOW": box.now]) else {
            Issue.record("git daemon did not start")
            return
        }
        defer { daemon.stop() }
        let url = daemon.url("hub.git")

        let alsaceClone = try box.companyOK(["clone", url, "alsace-c"], as: "alsace")
        #expect(alsaceClone.stderr.contains("You appear here as Company BDKH3X4Q."), "\(alsaceClone)")
        #expect(alsaceClone.stderr.contains("Your company is concerned"))
        #expect(try box.gitOutput("remote", "get-url", "origin", in: "alsace-c") == url)
        let mulhouseClone = try box.companyOK(["clone", url], as: "mulhouse") // default directory: hub
        #expect(box.exists("hub/cctp.md"))
        let mulhouse = try box.pseudonym(announcedBy: mulhouseClone)
        let rennesClone = try box.companyOK(["clone", url, "rennes-c"], as: "rennes")
        #expect(rennesClone.stderr.contains("Your company is not concerned"))

        try box.companyOK(
            ["propose", "niveaux-de-service", "--kind", "solution", "--cost", "down", "-m", "8 h ouvrées suffisent."],
            as: "alsace", in: "alsace-c")
        let pushed = try box.companyOK(["push"], as: "alsace", in: "alsace-c")
        #expect(pushed.stdout == "refs/heads/proposals/BDKH3X4Q\n")
        try box.companyOK(
            [
                "propose", "valeur-technique", "--kind", "alternative", "--cost", "neutral", "--weight", "60",
                "-m", "La technique fait la qualité du service.",
            ], as: "mulhouse", in: "hub")
        try box.companyOK(["push"], as: "mulhouse", in: "hub")

        // A company sees the other's branch after fetch over git://.
        let seen = try box.companyOK(["fetch"], as: "alsace", in: "alsace-c")
        #expect(seen.stdout.contains("proposals of Company \(mulhouse) updated"), "\(seen)")

        // The agent fetches over git:// too.
        #expect(try box.git("remote", "set-url", "origin", url, in: "agent-c").status == 0)
        let fetched = try box.ok("fetch", in: "agent-c")
        #expect(fetched.stdout.contains("proposals of Company BDKH3X4Q updated"), "\(fetched)")
        let inbox = try decode(CompanyInboxJSON.self, from: box.ok("inbox", "--json", in: "agent-c"))
        #expect(Set(inbox.proposals.map(\.id)) == ["BDKH3X4Q-1", "\(mulhouse)-1"])
        #expect(inbox.proposal("\(mulhouse)-1")?.weights == ["prix-des-prestations": 29, "valeur-technique": 60, "performance-environnementale": 11])

        try box.expectFsckClean("served/hub.git")
        try box.expectAnonymous("served/hub.git", pseudonyms: ["BDKH3X4Q", mulhouse])
        try box.expectAnonymous("agent-c", pseudonyms: ["BDKH3X4Q", mulhouse])
    }
}
