import Foundation
import Testing
import Yams

@testable import JeSaisFaire

/// Strings that a careless YAML writer would emit plain and get back as something else (or not at all).
enum YAMLTrickyStrings {
    static let all: [String] = [
        "Marché: lot 1", "Lot #2", "Objet # commentaire", "#début", "- tiret", "-", "--- séparateur", "...",
        "yes", "no", "Yes", "NO", "on", "Off", "y", "n", "true", "False", "null", "Null", "~",
        "01", "2A", "2B", "67", "971", "2027-01-15", "2027-01-15T17:00:00+01:00", "12:30", "1e3", "0x1F", "0o17",
        ".5", ".inf", "-.inf", ".nan", "+33", "-1", "1_000", "3.14",
        "Électricité à Évry", "Côte-d'Or", "L'école d'Aurélie", "'entre apostrophes'", "\"guillemets\"",
        "dit \"oui\"", "a\\b", "C:\\chemin\\fichier", "ligne 1\nligne 2", "fin\n", "\ndébut", "tab\tulation",
        "  espace devant", "espace derrière ", " ", "", "retour\r\nchariot",
        "[crochets]", "{accolades}", "*alias", "&ancre", "!tag", "|barre", ">chevron", "%pourcent", "@arobase",
        "`accent grave`", "?", "? question", "clé:", "a:b", "http://exemple.fr/a#b", "<<", "=",
        "émoji 🚧", "Prix : 10 €", "50 % du prix", "a #b", "a# b",
    ]
}

@Suite struct YAMLWriterTests {
    /// Reads `key` of the rendered map with Yams' ordinary loader (YAML 1.1 resolver: yes/no/numbers/dates are typed).
    static func yamsValue(_ yaml: String, _ key: String) throws -> Any? {
        let loaded = try Yams.load(yaml: yaml) as? [String: Any]
        return loaded?[key]
    }

    @Test(arguments: YAMLTrickyStrings.all)
    func scalarStringRoundTripsThroughYams(_ value: String) throws {
        let yaml = YAMLValue.map([("k", .string(value))]).render()
        let loaded = try Self.yamsValue(yaml, "k")
        #expect(loaded as? String == value, "rendered as \(yaml.debugDescription)")
        // The strict reader sees the same text.
        let reader = YAMLReader(file: "t.yml")
        let root = try #require(reader.root(yaml))
        #expect(root.string("k") == value)
        #expect(reader.problems.isEmpty)
    }

    @Test(arguments: YAMLTrickyStrings.all)
    func stringInBlockListRoundTripsThroughYams(_ value: String) throws {
        // Long enough to force block style.
        let filler = String(repeating: "x", count: 70)
        let yaml = YAMLValue.map([("k", .list([.string(value), .string(filler)]))]).render()
        #expect(yaml.contains("\n  - "), "expected block style: \(yaml)")
        let loaded = try Self.yamsValue(yaml, "k") as? [Any]
        #expect(loaded?.first as? String == value, "rendered as \(yaml.debugDescription)")
        #expect(loaded?.count == 2)
    }

    @Test(
        arguments: YAMLTrickyStrings.all.filter {
            !$0.contains(",") && !$0.contains("[") && !$0.contains("]") && !$0.contains("{") && !$0.contains("}")
        })
    func stringInFlowListRoundTripsThroughYams(_ value: String) throws {
        let yaml = YAMLValue.map([("k", .list([.string(value), .string("z")]))]).render()
        #expect(yaml.hasPrefix("k: ["), "expected flow style: \(yaml)")
        let loaded = try Self.yamsValue(yaml, "k") as? [Any]
        #expect(loaded?.first as? String == value, "rendered as \(yaml.debugDescription)")
        #expect(loaded?.count == 2)
    }

    @Test(
        arguments: ["a, b", "a,b", "x]", "lot 1, lot 2", "fin}"])
    func flowIndicatorsInFlowListItemsAreQuoted(_ value: String) throws {
        let yaml = YAMLValue.map([("k", .list([.string(value), .string("z")]))]).render()
        let loaded = try Self.yamsValue(yaml, "k") as? [Any]
        #expect(loaded?.count == 2, "rendered as \(yaml.debugDescription)")
        #expect(loaded?.first as? String == value, "rendered as \(yaml.debugDescription)")
    }

    @Test(
        arguments: ["a\u{7F}b", "a\u{80}b", "a\u{9F}b", "a\u{85}b"])
    func nonPrintableCharactersAreEscaped(_ value: String) throws {
        let yaml = YAMLValue.map([("k", .string(value))]).render()
        let loaded = try Self.yamsValue(yaml, "k")
        #expect(loaded as? String == value, "rendered as \(yaml.debugDescription)")
    }

    @Test func unicodeLineSeparatorsSurvive() throws {
        for value in ["a\u{2028}b", "a\u{2029}b", "a\u{A0}b", "\u{A0}"] {
            let yaml = YAMLValue.map([("k", .string(value))]).render()
            #expect(try Self.yamsValue(yaml, "k") as? String == value, "rendered as \(yaml.debugDescription)")
        }
    }

    @Test func controlCharactersBelowSpaceAreEscaped() throws {
        let value = "bip\u{07}nul\u{01}esc\u{1B}"
        let yaml = YAMLValue.map([("k", .string(value))]).render()
        #expect(!yaml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(try Self.yamsValue(yaml, "k") as? String == value)
    }

    @Test func plainStringsStayPlain() {
        for value in ["Entretien de la voirie", "voirie-67", "Eurométropole de Strasbourg", "L'école", "a:b", "a#b", "abc-01"] {
            #expect(YAMLValue.quoteIfNeeded(value) == value)
        }
    }

    @Test func quotedStringsUseJSONStyleEscapes() {
        #expect(YAMLValue.quoteIfNeeded("yes") == "\"yes\"")
        #expect(YAMLValue.quoteIfNeeded("01") == "\"01\"")
        #expect(YAMLValue.quoteIfNeeded("a: \"b\"\\c\nd\te") == #""a: \"b\"\\c\nd\te""#)
        #expect(YAMLValue.quoteIfNeeded("") == "\"\"")
    }

    @Test func renderIsDeterministicAndOrdered() {
        let value = YAMLValue.map([
            ("zeta", .int(1)),
            ("alpha", .bool(true)),
            ("beta", .bool(false)),
            ("empty_list", .list([])),
            ("empty_map", .map([])),
            ("short", .list([.string("a"), .int(2)])),
            ("nested", .map([("inner", .string("x")), ("more", .map([("deep", .int(-3))]))])),
            (
                "items",
                .list([
                    .map([("version", .int(1)), ("opens", .string("2027-01-01"))]),
                    .map([("sub", .map([("a", .int(1))])), ("b", .int(2))]),
                ])
            ),
        ])
        let expected = """
            zeta: 1
            alpha: true
            beta: false
            empty_list: []
            empty_map: {}
            short: [a, 2]
            nested:
              inner: x
              more:
                deep: -3
            items:
              - version: 1
                opens: "2027-01-01"
              - sub:
                  a: 1
                b: 2

            """
        #expect(value.render() == expected)
        #expect(value.render() == value.render())
    }

    @Test func nestedStructureRoundTripsThroughYams() throws {
        let value = YAMLValue.map([
            (
                "items",
                .list([
                    .map([("sub", .map([("a", .int(1))])), ("b", .string("no"))]),
                    .map([("list", .list([.string("01"), .string("2A")]))]),
                ])
            )
        ])
        let loaded = try #require(try Yams.load(yaml: value.render()) as? [String: Any])
        let items = try #require(loaded["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect((items[0]["sub"] as? [String: Any])?["a"] as? Int == 1)
        #expect(items[0]["b"] as? String == "no")
        #expect(items[1]["list"] as? [String] == ["01", "2A"])
    }

    @Test func longScalarListsUseBlockStyle() {
        let many = YAMLValue.map([("k", .list((1...9).map { .int($0) }))]).render()
        #expect(many == "k:\n" + (1...9).map { "  - \($0)\n" }.joined())
        let eight = YAMLValue.map([("k", .list((1...8).map { .int($0) }))]).render()
        #expect(eight == "k: [1, 2, 3, 4, 5, 6, 7, 8]\n")
    }

    @Test func equalityComparesRenderedText() {
        #expect(YAMLValue.map([("a", .int(1))]) == YAMLValue.map([("a", .int(1))]))
        #expect(YAMLValue.map([("a", .int(1))]) != YAMLValue.map([("a", .string("1"))]))
        #expect(YAMLValue.map([("a", .int(1)), ("b", .int(2))]) != YAMLValue.map([("b", .int(2)), ("a", .int(1))]))
    }
}

@Suite struct YAMLRoundTripTests {
    static func consultation(title: String = "Entretien de la voirie", buyer: String = "Eurométropole de Strasbourg") throws -> Consultation {
        Consultation(
            id: "voirie-67", title: title, buyer: buyer,
            cpv: [try CPVCode("72000000-5"), try CPVCode("45233141")],
            departements: ["67", "2A", "971"], regions: ["44", "94"],
            procedure: "Procédure adaptée (MAPA)", estimatedAmount: 120_000, contact: "achats@exemple.fr",
            rounds: [
                Round(version: 1, opens: "2027-01-01T09:00:00+01:00", closes: "2027-01-15T17:00:00+01:00"),
                Round(version: 2, opens: "2027-02-01T09:00:00Z", closes: "2027-02-15T17:00:00-05:00"),
            ],
            agentKeys: [
                KeyHolder(
                    name: "Mairie",
                    key: try #require(
                        SSHPublicKey(openSSH: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl agent@mairie")))
            ],
            buyerKeys: [Self.buyerHolder()])
    }

    /// A buyer with a signed encryption key, as `jsf consultation add-buyer --encryption-key` lists one.
    static func buyerHolder() -> KeyHolder {
        let signing = SSHSigningKey.generate()
        let encryption = EncryptionKey(secret: Data(repeating: 7, count: 32)).listed(signedBy: signing)
        return KeyHolder(name: "PFRA Grand Est", key: signing.publicKey, encryption: encryption)
    }

    @Test func consultationGoldenText() throws {
        let c = Consultation(
            id: "voirie-67", title: "Entretien: voirie", buyer: "Ville", cpv: [try CPVCode("72000000-5")],
            departements: ["67"], regions: [],
            rounds: [Round(version: 1, opens: "2027-01-01T09:00:00+01:00", closes: "2027-01-15T17:00:00+01:00")])
        let expected = """
            format: 1
            id: voirie-67
            title: "Entretien: voirie"
            buyer: Ville
            cpv: ["72000000-5"]
            territory:
              departements: ["67"]
              regions: []
            rounds:
              - version: 1
                opens: "2027-01-01T09:00:00+01:00"
                closes: "2027-01-15T17:00:00+01:00"

            """
        #expect(c.yaml() == expected)
    }

    @Test func fullConsultationRoundTrips() throws {
        let c = try Self.consultation()
        let (parsed, problems) = Consultation.parse(c.yaml())
        #expect(problems.isEmpty, "\(problems)")
        #expect(parsed == c)
    }

    @Test func minimalConsultationRoundTrips() throws {
        let c = Consultation(id: "abc", title: "T", buyer: "B", cpv: [try CPVCode("03000000")], departements: [], regions: [])
        let (parsed, problems) = Consultation.parse(c.yaml())
        #expect(problems.isEmpty, "\(problems)")
        #expect(parsed == c)
    }

    @Test(arguments: YAMLTrickyStrings.all.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    func consultationTextFieldsRoundTrip(_ value: String) throws {
        var c = try Self.consultation(title: value, buyer: value)
        c.procedure = value
        c.contact = value
        let yaml = c.yaml()
        let (parsed, problems) = Consultation.parse(yaml)
        #expect(problems.isEmpty, "\(problems)\n\(yaml)")
        #expect(parsed == c)
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(loaded["title"] as? String == value)
        #expect(loaded["buyer"] as? String == value)
        #expect(loaded["procedure"] as? String == value)
        #expect(loaded["contact"] as? String == value)
        let territory = loaded["territory"] as? [String: Any]
        #expect(territory?["departements"] as? [String] == ["67", "2A", "971"])
        #expect(territory?["regions"] as? [String] == ["44", "94"])
        #expect(loaded["cpv"] as? [String] == ["72000000-5", "45233141"])
        let rounds = loaded["rounds"] as? [[String: Any]]
        #expect(rounds?.first?["opens"] as? String == "2027-01-01T09:00:00+01:00")
        #expect(rounds?.first?["version"] as? Int == 1)
    }

    @Test
    func consultationKeyHoldersWithCommasAndBracketsRoundTrip() throws {
        var c = try Self.consultation()
        c.agentKeys = [KeyHolder(name: "Mairie, service achats", key: SSHSigningKey.generate().publicKey)]
        c.buyerKeys = [KeyHolder(name: "[PFRA]", key: SSHSigningKey.generate().publicKey)]
        let (parsed, problems) = Consultation.parse(c.yaml())
        #expect(problems.isEmpty, "\(problems)")
        #expect(parsed?.agentKeys == c.agentKeys)
        #expect(parsed?.buyerKeys == c.buyerKeys)
    }

    @Test
    func consultationRefusesAKeyThatIsNotEd25519() throws {
        let c = try Self.consultation()
        let text = c.yaml().replacingOccurrences(of: c.agentKeys[0].key.openSSH, with: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ")
        let (_, problems) = Consultation.parse(text)
        #expect(problems.contains { $0.code == "keys.bad-key" }, "\(problems)")
    }

    static func entry(
        _ id: String, number: String, title: String, level: Int = 2, parent: String? = nil,
        kind: ClauseKind = .clause, weight: Int? = nil, introduced: Int = 1, changed: Int = 1
    ) -> IndexEntry {
        IndexEntry(
            id: id, number: number, title: title, level: level, parent: parent, kind: kind, weight: weight,
            hash: String(repeating: "a", count: 39) + String(id.count % 10), introduced: introduced, changed: changed)
    }

    @Test func clauseIndexGoldenText() {
        let index = ClauseIndex(entries: [
            Self.entry("objet", number: "1", title: "Objet", level: 1),
            Self.entry("prix", number: "2.1", title: "Prix", level: 3, parent: "objet", kind: .criterion, weight: 40, introduced: 1, changed: 2),
        ])
        let h = String(repeating: "a", count: 39)
        let expected = """
            format: 1
            clauses:
              - id: objet
                number: "1"
                title: Objet
                level: 1
                kind: clause
                hash: \(h)5
                introduced: 1
                changed: 1
              - id: prix
                number: "2.1"
                title: Prix
                level: 3
                parent: objet
                kind: criterion
                weight: 40
                hash: \(h)4
                introduced: 1
                changed: 2

            """
        #expect(index.yaml() == expected)
    }

    @Test(arguments: YAMLTrickyStrings.all)
    func clauseIndexRoundTrips(_ title: String) throws {
        let index = ClauseIndex(entries: [
            Self.entry("objet", number: "01", title: title, level: 1),
            Self.entry("corse", number: "2A", title: "Corse: 2A", level: 2, parent: "objet"),
            Self.entry("valeur", number: "II", title: title, level: 3, parent: "corse", kind: .criterion, weight: 60, introduced: 2, changed: 3),
            Self.entry("prix", number: "1.10", title: "yes", level: 3, parent: "corse", kind: .criterion, weight: 0),
        ])
        let yaml = index.yaml()
        let (parsed, problems) = ClauseIndex.parse(yaml)
        #expect(problems.isEmpty, "\(problems)\n\(yaml)")
        #expect(parsed == index)
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let clauses = try #require(loaded["clauses"] as? [[String: Any]])
        #expect(clauses.map { $0["title"] as? String } == [title, "Corse: 2A", title, "yes"])
        #expect(clauses.map { $0["number"] as? String } == ["01", "2A", "II", "1.10"])
        #expect(clauses[2]["weight"] as? Int == 60)
        #expect(clauses[3]["weight"] as? Int == 0)
        #expect(clauses[0]["parent"] == nil)
    }

    @Test func emptyClauseIndexRoundTrips() {
        let index = ClauseIndex(entries: [])
        #expect(index.yaml() == "format: 1\nclauses: []\n")
        let (parsed, problems) = ClauseIndex.parse(index.yaml())
        #expect(problems.isEmpty)
        #expect(parsed == index)
    }

    @Test(arguments: YAMLTrickyStrings.all.filter { !$0.isEmpty })
    func identityRoundTrips(_ value: String) throws {
        let identity = Identity(
            role: .company, name: value, organisation: value, siret: "73282932000074",
            cpv: [try CPVCode("72000000-5")], departements: ["67", "2B", "976"],
            email: value, phone: "+33 3 88 00 00 00", website: value, commitEmail: value)
        let yaml = identity.yaml()
        let (parsed, problems) = Identity.parse(yaml, file: "identity.yml")
        #expect(problems.isEmpty, "\(problems)\n\(yaml)")
        #expect(parsed == identity)
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(loaded["name"] as? String == value)
        #expect(loaded["organisation"] as? String == value)
        #expect(loaded["siret"] as? String == "73282932000074")
        #expect(loaded["phone"] as? String == "+33 3 88 00 00 00")
        #expect(loaded["departements"] as? [String] == ["67", "2B", "976"])
    }

    @Test func minimalIdentityRoundTrips() {
        for role in Role.allCases {
            let identity = Identity(role: role, name: "Jeanne")
            #expect(identity.yaml() == "format: 1\nrole: \(role.rawValue)\nname: Jeanne\n")
            let (parsed, problems) = Identity.parse(identity.yaml(), file: "identity.yml")
            #expect(problems.isEmpty)
            #expect(parsed == identity)
        }
    }
}
