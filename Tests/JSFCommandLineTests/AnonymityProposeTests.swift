import Foundation
import Testing

@Suite("jsf propose refuses the usual spellings of a company's name, numbers, address and town")
struct AnonymityProposeTests {
    /// The maintenance consultation (its CCTP names Strasbourg and Saverne), and Alsace Info Services in Strasbourg,
    /// cloned into info-c.
    func setUp() throws -> Sandbox {
        let box = try Sandbox()
        try box.setUpMaintenance()
        try box.write("home-info/.gitconfig", "[user]\n\tname = Paul Meyer\n\temail = paul@alsace-info.example\n")
        let created = try box.jsf(
            [
                "identity", "init", "--role", "company", "--name", "Rhône Data Services", "--organisation", "Alsace Info Services SARL",
                "--siret", "73282932000074", "--email", "contact@alsace-info.example", "--phone", "03 88 12 34 56",
                "--website", "alsace-info.example", "--address", "12 rue du Dôme", "--postal-code", "67200", "--city", "Strasbourg",
                "--cpv", "50312000-5", "--departement", "67",
            ], as: "info", environment: Sandbox.globalGitConfig)
        try #require(created.status == 0, "\(created)")
        try box.companyOK(["clone", box.path("hub.git"), "info-c"], as: "info")
        return box
    }

    func propose(_ box: Sandbox, _ text: String, environment: [String: String?] = [:]) throws -> Run {
        try box.company(
            ["propose", "niveaux-de-service", "--kind", "solution", "--cost", "down", "-m", text], as: "info", in: "info-c",
            environment: environment)
    }

    @Test("each bypass spelling of the issue is refused, quoting what matched; nothing is written")
    func bypasses() throws {
        let box = try setUp()
        let cases: [(String, String)] = [
            ("Chez Alsace-Info-Services nous tenons 8 h.", "your name 'Alsace Info Services SARL' (written 'Alsace-Info-Services')"),
            ("Chez AlsaceInfoServices nous tenons 8 h.", "your name 'Alsace Info Services SARL' (written 'AlsaceInfoServices')"),
            ("Chez Alsace_Info_Services nous tenons 8 h.", "your name 'Alsace Info Services SARL' (written 'Alsace_Info_Services')"),
            ("Chez Alsace Info Service nous tenons 8 h.", "your name 'Alsace Info Services SARL';"),
            ("L'équipe Rhône Data tient 8 h.", "your name 'Rhône Data Services';"),
            ("Notre SIREN 732/829/320 en atteste.", "your SIREN 732829320 (written '732/829/320')"),
            (
                "Écrire à contact(at)alsace-info(dot)example.",
                "your email contact@alsace-info.example (written 'contact(at)alsace-info(dot)example')"
            ),
            ("Écrire à contact arobase alsace-info point example.", "your email contact@alsace-info.example"),
            ("Appelez le 03/88/12/34/56.", "your phone number 03 88 12 34 56 (written '03/88/12/34/56')"),
            ("Nos bureaux, 12, r. du Dome, vous accueillent.", "your address '12 rue du Dôme' (written '12, r. du Dome')"),
            ("Siège : 67200 Strasbourg.", "your town '67200 Strasbourg'"),
        ]
        for (text, finding) in cases {
            let run = try propose(box, text)
            expectRefusal(
                run, status: 1,
                [
                    "error: the text names your company: ", finding, "; it would be published under your pseudonym",
                    "hint: remove it, or pass --allow-identifying if you really want it seen by everyone",
                ])
            #expect(run.stdout.isEmpty)
        }
        let french = try propose(box, "Chez Alsace_Info_Services, SIREN 732/829/320.", environment: ["LANG": "fr_FR.UTF-8"])
        expectRefusal(
            french, status: 1,
            [
                "erreur : le texte nomme votre entreprise : votre nom 'Alsace Info Services SARL' (écrit « Alsace_Info_Services »), "
                    + "votre SIREN 732829320 (écrit « 732/829/320 ») ; il serait publié sous votre pseudonyme"
            ])
        // Nothing was committed, and the working copy is untouched.
        let branches = try box.gitOutput("for-each-ref", "--format=%(refname)", "refs/heads/proposals", in: "info-c")
        #expect(branches.isEmpty, "\(branches)")
        #expect(try box.gitOutput("status", "--porcelain", in: "info-c") == "")
    }

    @Test("an honest text passes: one word of the name, the consultation's own town, another company's numbers")
    func honest() throws {
        let box = try setUp()
        let run = try propose(
            box,
            "Nos techniciens couvrent Strasbourg et Saverne en 8 h ; l'Alsace et le Rhône y gagnent, info-services compris. "
                + "Le titulaire actuel (SIREN 415 720 838) le fait en 12 h.")
        #expect(run.status == 0, "\(run)")
        // --allow-identifying still publishes the text as is.
        let allowed = try box.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "--allow-identifying", "-m", "Alsace-Info-Services ?"],
            as: "info", in: "info-c")
        #expect(allowed.status == 0, "\(allowed)")
    }

    @Test("jsf identity init records the address, postal code and town of a company, jsf identity show shows them")
    func identity() throws {
        let box = try setUp()
        let shown = try box.jsf(["identity", "show"], as: "info")
        #expect(shown.status == 0, "\(shown)")
        for line in ["address       12 rue du Dôme", "postal code   67200", "town          Strasbourg"] {
            #expect(shown.stdout.contains(line), "\(shown.stdout)")
        }
        let json = try box.jsf(["identity", "show", "--json"], as: "info")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["address"] as? String == "12 rue du Dôme")
        #expect(object["postalCode"] as? String == "67200")
        #expect(object["city"] as? String == "Strasbourg")
        let yaml = try box.read("jsf-info/identity.yml")
        #expect(yaml.contains("postal_code: \"67200\""), "\(yaml)")
        // For an agent they mean nothing: refused, and nothing written.
        let agent = try box.jsf(
            ["identity", "init", "--role", "agent", "--name", "Marie", "--organisation", "Mairie", "--city", "Strasbourg"], as: "someone")
        expectRefusal(agent, status: 64, ["--address, --postal-code and --city describe a company"])
        #expect(!FileManager.default.fileExists(atPath: box.path("jsf-someone/identity.yml")))
        let blank = try box.jsf(
            ["identity", "init", "--role", "company", "--name", "X", "--force", "--address", " "], as: "info")
        expectRefusal(blank, status: 64, ["--address cannot be empty"])
        #expect(try box.read("jsf-info/identity.yml") == yaml)
    }
}
