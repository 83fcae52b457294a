import Foundation
import Testing

/// `jsf identity show --json`.
struct IdentityJSON: Decodable {
    var role: String
    var name: String
    var organisation: String?
    var siret: String?
    var cpv: [String]
    var departements: [String]
    var email: String?
    var phone: String?
    var website: String?
    var commitEmail: String?
    var directory: String
}

func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

@Suite("jsf identity")
struct IdentityTests {
    @Test("identity init writes identity.yml and a 0600 secret of 32 bytes in JSF_HOME")
    func initWritesSecret() throws {
        let box = try Sandbox()
        let run = try box.jsf(
            "identity", "init", "--role", "company", "--name", "Nettoyage Rhénan SARL", "--siret", "732 829 320 00074",
            "--cpv", "90919200-4", "--departement", "67", "--departement", "2A", "--email", "contact@example.fr",
            as: "company")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("Identity saved in \(box.path("jsf-company")) (company)."))

        let secret = box.path("jsf-company/secret")
        let data = try #require(FileManager.default.contents(atPath: secret))
        #expect(data.count == 32)
        #expect(data != Data(repeating: 0, count: 32))
        #expect(try permissions(secret) == 0o600)
        #expect(try permissions(box.path("jsf-company/identity.yml")) & 0o077 == 0)
        // Nothing in HOME.
        #expect(!box.exists("home-company/.config/jsf"))

        // --force rewrites identity.yml and keeps the secret.
        let forced = try box.jsf(
            "identity", "init", "--role", "company", "--name", "Nettoyage Rhénan", "--siret", "73282932000074",
            "--force", as: "company")
        #expect(forced.status == 0, "\(forced)")
        #expect(FileManager.default.contents(atPath: secret) == data)
        #expect(try box.read("jsf-company/identity.yml").contains("name: Nettoyage Rhénan\n"))

        // Two users, two secrets.
        try box.setUpCompany("other")
        #expect(FileManager.default.contents(atPath: box.path("jsf-other/secret")) != data)
    }

    @Test("identity show, human and --json")
    func show() throws {
        let box = try Sandbox()
        let run = try box.jsf(
            "identity", "init", "--role", "company", "--name", "Nettoyage Rhénan SARL", "--siret", "73282932000074",
            "--cpv", "90919200-4", "--departement", "67", "--email", "contact@example.fr", "--phone", "03 88 00 00 00",
            as: "company")
        #expect(run.status == 0, "\(run)")
        let json = try decode(IdentityJSON.self, from: box.ok("identity", "show", "--json", as: "company"))
        #expect(json.role == "company")
        #expect(json.name == "Nettoyage Rhénan SARL")
        #expect(json.siret == "73282932000074")
        #expect(json.cpv == ["90919200-4"])
        #expect(json.departements == ["67"])
        #expect(json.email == "contact@example.fr")
        #expect(json.phone == "03 88 00 00 00")
        #expect(json.organisation == nil && json.commitEmail == nil && json.website == nil)
        #expect(json.directory == box.path("jsf-company"))

        let human = try box.ok("identity", "show", as: "company")
        #expect(human.stdout.contains("role          company\n"))
        #expect(human.stdout.contains("SIRET         73282932000074\n"))
        #expect(human.stdout.contains("départements  67 Bas-Rhin\n"))
        #expect(human.stdout.contains("stored in     \(box.path("jsf-company"))\n"))

        // An agent: the organisation, and the commit email when given.
        let agent = try box.jsf(
            "identity", "init", "--role", "agent", "--name", "Marie Dupont", "--organisation", "Mairie de Sélestat",
            "--commit-email", "marches@selestat.example")
        #expect(agent.status == 0, "\(agent)")
        let agentJSON = try decode(IdentityJSON.self, from: box.ok("identity", "show", "--json"))
        #expect(agentJSON.role == "agent" && agentJSON.organisation == "Mairie de Sélestat")
        #expect(agentJSON.commitEmail == "marches@selestat.example")
        #expect(agentJSON.siret == nil && agentJSON.cpv.isEmpty)
        box.language = "fr_FR.UTF-8"
        let french = try box.ok("identity", "show")
        #expect(french.stdout.contains("rôle "))
        #expect(french.stdout.contains("stockée dans"))
    }

    @Test("without JSF_HOME the identity goes to XDG_CONFIG_HOME/jsf, else ~/.config/jsf")
    func xdgFallback() throws {
        let box = try Sandbox()
        let xdg = box.path("xdg")
        let run = try box.jsf(
            ["identity", "init", "--role", "buyer", "--name", "Paul", "--organisation", "PFRA Grand Est"],
            environment: ["JSF_HOME": nil, "XDG_CONFIG_HOME": xdg])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("Identity saved in \(xdg)/jsf (buyer)."))
        #expect(FileManager.default.contents(atPath: xdg + "/jsf/secret")?.count == 32)
        #expect(try permissions(xdg + "/jsf/secret") == 0o600)
        #expect(!box.exists("jsf-agent"))
        let shown = try decode(
            IdentityJSON.self,
            from: box.jsf(
                ["identity", "show", "--json"],
                environment: ["JSF_HOME": nil, "XDG_CONFIG_HOME": xdg]))
        #expect(shown.directory == xdg + "/jsf" && shown.role == "buyer")

        // An empty JSF_HOME counts as unset.
        let empty = try box.jsf(["identity", "show", "--json"], environment: ["JSF_HOME": "", "XDG_CONFIG_HOME": xdg])
        #expect(empty.status == 0, "\(empty)")

        // Neither: ~/.config/jsf.
        let home = try box.jsf(
            ["identity", "init", "--role", "agent", "--name", "Marie", "--organisation", "Mairie"],
            environment: ["JSF_HOME": nil])
        #expect(home.status == 0, "\(home)")
        #expect(box.exists("home-agent/.config/jsf/identity.yml"))
        #expect(FileManager.default.contents(atPath: box.path("home-agent/.config/jsf/secret"))?.count == 32)
    }

    @Test("a company's --departement takes départements only; CPV codes are checked")
    func companyCodes() throws {
        let box = try Sandbox()
        let region = try box.jsf(
            "identity", "init", "--role", "company", "--name", "X", "--siret", "73282932000074",
            "--cpv", "90919200-4", "--departement", "region:44", as: "co")
        expectRefusal(region, status: 1, ["--departement takes département codes, not régions"])
        let cpv = try box.jsf(
            "identity", "init", "--role", "company", "--name", "X", "--siret", "73282932000074",
            "--cpv", "9091920", "--departement", "67", as: "co")
        expectRefusal(cpv, status: 1, ["'9091920' is not a CPV code"])
        #expect(!box.exists("jsf-co/identity.yml"))
        let bare = try box.jsf("identity", "init", "--role", "company", "--name", "X", "--siret", "73282932000074", as: "co")
        #expect(bare.status == 0)
        #expect(bare.stderr.contains("warning: a company without --cpv and --departement is concerned by no consultation"))
    }
}
