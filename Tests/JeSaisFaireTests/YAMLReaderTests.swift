import Foundation
import Testing

@testable import JeSaisFaire

/// consultation.yml texts for the strict reader; line numbers in the tests refer to these layouts.
enum YAMLReaderFixtures {
    /// A valid file; `extra` is inserted after line 5 (the `cpv` line), so it starts at line 6.
    static func consultation(
        id: String = "voirie-67", cpv: String = "[\"72000000-5\"]", territory: String? = nil,
        rounds: String? = nil, extra: String = ""
    ) -> String {
        var text = """
            format: 1
            id: \(id)
            title: Entretien de la voirie
            buyer: Eurométropole de Strasbourg
            cpv: \(cpv)

            """
        text += extra
        text +=
            territory ?? """
                territory:
                  departements: ["67"]
                  regions: []

                """
        text +=
            rounds ?? """
                rounds:
                  - version: 1
                    opens: "2027-01-01T09:00:00+01:00"
                    closes: "2027-01-15T17:00:00+01:00"

                """
        return text
    }

    static func parse(_ text: String) -> (Consultation?, [Problem]) {
        Consultation.parse(text, file: "consultation.yml")
    }

    static func errors(_ problems: [Problem]) -> [Problem] { problems.filter { $0.severity == .error } }
}

@Suite struct YAMLReaderConsultationTests {
    typealias F = YAMLReaderFixtures

    @Test func validFileHasNoProblems() throws {
        let (c, problems) = F.parse(F.consultation())
        #expect(problems.isEmpty, "\(problems)")
        let consultation = try #require(c)
        #expect(consultation.id == "voirie-67")
        #expect(consultation.title == "Entretien de la voirie")
        #expect(consultation.buyer == "Eurométropole de Strasbourg")
        #expect(consultation.cpv.map(\.description) == ["72000000-5"])
        #expect(consultation.departements == ["67"])
        #expect(consultation.rounds == [Round(version: 1, opens: "2027-01-01T09:00:00+01:00", closes: "2027-01-15T17:00:00+01:00")])
        #expect(consultation.procedure == nil && consultation.estimatedAmount == nil && consultation.contact == nil)
    }

    @Test func unknownTopLevelKeyNamesKeyAndLine() throws {
        let (c, problems) = F.parse(F.consultation(extra: "colour: blue\n"))
        #expect(c != nil)
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "yaml.unknown-key")
        #expect(p.severity == .error)
        #expect(p.key == "colour")
        #expect(p.line == 6)
        #expect(p.file == "consultation.yml")
        #expect(p.message.en.contains("'colour'"))
        #expect(p.message.fr.contains("'colour'"))
        #expect(p.message.en.contains("title"), "lists the known keys")
        #expect(p.description.hasPrefix("consultation.yml:6: "))
    }

    @Test func unknownKeyUnderTerritoryIsQualified() throws {
        let territory = """
            territory:
              departements: ["67"]
              cantons: ["Strasbourg-1"]

            """
        let (_, problems) = F.parse(F.consultation(territory: territory))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "yaml.unknown-key")
        #expect(p.key == "territory.cantons")
        #expect(p.line == 8)
        #expect(p.message.en.contains("'territory.cantons'"))
    }

    @Test func unknownKeyUnderFirstRoundIsQualified() throws {
        let rounds = """
            rounds:
              - version: 1
                opens: "2027-01-01T09:00:00+01:00"
                closes: "2027-01-15T17:00:00+01:00"
                note: "à confirmer"

            """
        let (c, problems) = F.parse(F.consultation(rounds: rounds))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "yaml.unknown-key")
        #expect(p.key == "rounds[0].note")
        #expect(p.line == 13)
        #expect(c?.rounds.count == 1)
    }

    @Test func unknownKeyUnderKeys() throws {
        let (_, problems) = F.parse(F.consultation(extra: "keys:\n  agent: []\n  other: [x]\n"))
        #expect(problems.map(\.key) == ["keys.other"])
        #expect(problems.first?.line == 8)
    }

    @Test func titleAsListIsWrongType() throws {
        let text = F.consultation().replacingOccurrences(of: "title: Entretien de la voirie", with: "title: [Entretien, voirie]")
        let (_, problems) = F.parse(text)
        let p = try #require(problems.first)
        #expect(problems.count == 1, "\(problems)")
        #expect(p.code == "yaml.wrong-type")
        #expect(p.key == "title")
        #expect(p.line == 3)
        #expect(p.message.en == "'title' must be a text")
    }

    @Test
    func wrongTypeIsReportedOnce() {
        let text = F.consultation().replacingOccurrences(of: "title: Entretien de la voirie", with: "title: [Entretien, voirie]")
            .replacingOccurrences(of: "buyer: Eurométropole de Strasbourg", with: "buyer:\n  name: Ville")
        let (_, problems) = F.parse(text)
        #expect(problems.map(\.code) == ["yaml.wrong-type", "yaml.wrong-type"], "\(problems)")
    }

    @Test func blockListAndMappingWhereTextExpected() throws {
        let text = F.consultation().replacingOccurrences(of: "buyer: Eurométropole de Strasbourg", with: "buyer:\n  name: Ville")
        let (_, problems) = F.parse(text)
        #expect(problems.map(\.code) == ["yaml.wrong-type"])
        #expect(problems.map(\.key) == ["buyer"])
        #expect(problems.first?.line == 5)
    }

    @Test func wrongTypesForListsNumbersAndMaps() {
        let cases: [(String, String, String)] = [
            ("cpv: [\"72000000-5\"]", "cpv: \"72000000-5\"", "cpv"),
            ("territory:\n  departements: [\"67\"]", "territory:\n  departements: \"67\"", "territory.departements"),
            ("format: 1", "format: un", "format"),
            ("  - version: 1", "  - version: premier", "rounds[0].version"),
        ]
        for (from, to, key) in cases {
            let text = F.consultation(extra: "estimated_amount: 1000\n").replacingOccurrences(of: from, with: to)
            let (_, problems) = F.parse(text)
            #expect(problems.map(\.code) == ["yaml.wrong-type"], "\(key): \(problems)")
            #expect(problems.map(\.key) == [key])
        }
        let (_, amount) = F.parse(F.consultation(extra: "estimated_amount: beaucoup\n"))
        #expect(amount.map(\.key) == ["estimated_amount"])
        #expect(amount.map(\.code) == ["yaml.wrong-type"])
        let (_, territory) = F.parse(F.consultation(territory: "territory: [\"67\"]\n"))
        #expect(territory.map(\.key) == ["territory"])
        #expect(territory.map(\.code) == ["yaml.wrong-type"])
        let (_, rounds) = F.parse(F.consultation(rounds: "rounds:\n  - 1\n"))
        #expect(rounds.map(\.key) == ["rounds[0]"])
        #expect(rounds.map(\.code) == ["yaml.wrong-type"])
    }

    @Test(arguments: ["id", "title", "buyer", "cpv", "format"])
    func missingRequiredKey(_ key: String) throws {
        let text = F.consultation().split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\(key):") }.joined(separator: "\n")
        let (c, problems) = F.parse(text)
        #expect(c != nil)
        let p = try #require(problems.first)
        #expect(problems.count == 1, "\(problems)")
        #expect(p.code == "yaml.missing-key")
        #expect(p.key == key)
        #expect(p.message.en == "missing key '\(key)'")
        #expect(p.line != nil)
    }

    @Test func emptyValueCountsAsMissing() {
        let text = F.consultation().replacingOccurrences(of: "title: Entretien de la voirie", with: "title:")
        let (_, problems) = F.parse(text)
        #expect(problems.map(\.code) == ["yaml.missing-key"])
        #expect(problems.map(\.key) == ["title"])
        let quoted = F.consultation().replacingOccurrences(of: "title: Entretien de la voirie", with: "title: \"  \"")
        let (_, blank) = F.parse(quoted)
        #expect(blank.map(\.code) == ["consultation.empty"])
        #expect(blank.first?.line == 3)
    }

    @Test(
        arguments: [" ~", " null", " Null", " NULL"])
    func explicitNullCountsAsMissing(_ value: String) {
        let text = F.consultation(extra: "contact:\(value)\nestimated_amount:\(value)\nprocedure:\(value)\n")
            .replacingOccurrences(of: "title: Entretien de la voirie", with: "title:\(value)")
        let (c, problems) = F.parse(text)
        #expect(problems.map(\.code) == ["yaml.missing-key"], "\(problems)")
        #expect(problems.map(\.key) == ["title"])
        #expect(c?.contact == nil)
        #expect(c?.procedure == nil)
        #expect(c?.estimatedAmount == nil)
    }

    @Test func missingKeyInsideRound() {
        let rounds = """
            rounds:
              - version: 1
                opens: "2027-01-01T09:00:00+01:00"

            """
        let (c, problems) = F.parse(F.consultation(rounds: rounds))
        #expect(problems.map(\.code) == ["yaml.missing-key"])
        #expect(problems.map(\.key) == ["rounds[0].closes"])
        #expect(c?.rounds == [])
    }

    @Test(arguments: ["Voirie", "ab", "voirie_67", "voirie--67", "-voirie", "voirie-", "voirie 67", "voirié", String(repeating: "a", count: 65)])
    func badID(_ id: String) throws {
        let (_, problems) = F.parse(F.consultation(id: "\"\(id)\""))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "consultation.bad-id")
        #expect(p.key == "id")
        #expect(p.line == 2)
        #expect(p.message.en.contains("'\(id)'"))
    }

    @Test func formatTwoIsRefused() throws {
        let text = F.consultation().replacingOccurrences(of: "format: 1", with: "format: 2")
        let (_, problems) = F.parse(text)
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "yaml.format")
        #expect(p.key == "format")
        #expect(p.line == 1)
        #expect(p.message.en.contains("format 2"))
    }

    @Test(arguments: ["7200000", "720000000", "72000000-", "72000000-55", "72 000 000", "ABCDEFGH", "72000000/5"])
    func malformedCPV(_ code: String) throws {
        let (c, problems) = F.parse(F.consultation(cpv: "\n  - \"03000000\"\n  - \"\(code)\""))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "cpv.malformed")
        #expect(p.key == "cpv")
        #expect(p.severity == .error)
        #expect(p.line == 7)
        #expect(c?.cpv.map(\.description) == ["03000000"])
    }

    @Test func unknownCPVDivision() throws {
        let (_, problems) = F.parse(F.consultation(cpv: "[\"20000000\"]"))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "cpv.unknown-division")
        #expect(p.line == 5)
        #expect(p.message.en.contains("division 20"))
    }

    @Test func checkDigitDisagreementIsOnlyAWarning() throws {
        let (c, problems) = F.parse(F.consultation(cpv: "[\"72000000-4\"]"))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.severity == .warning)
        #expect(p.code == "cpv.check-digit")
        #expect(p.line == 5)
        #expect(c?.cpv.map(\.description) == ["72000000-4"])
        #expect(F.errors(problems).isEmpty)
    }

    @Test func emptyCPVListIsAnError() {
        let (_, problems) = F.parse(F.consultation(cpv: "[]"))
        #expect(problems.map(\.code) == ["cpv.none"])
        #expect(problems.first?.severity == .error)
    }

    @Test func departementTwentyPointsToCorsica() throws {
        let (c, problems) = F.parse(F.consultation(territory: "territory:\n  departements: [\"67\", \"20\"]\n"))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "territory.unknown")
        #expect(p.key == "territory.departements")
        #expect(p.line == 7)
        #expect(p.message.en.contains("2A") && p.message.en.contains("2B"))
        #expect(c?.departements == ["67"])
    }

    @Test func singleDigitDepartementAsksForTwoDigits() throws {
        let (_, problems) = F.parse(F.consultation(territory: "territory:\n  departements:\n    - \"1\"\n"))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "territory.unknown")
        #expect(p.line == 8)
        #expect(p.message.en.contains("'01'"))
    }

    @Test func unquotedNumericDepartementIsStillReadAsText() {
        // A hand-written file may say 67 without quotes; the reader takes the scalar as written.
        let (c, problems) = F.parse(F.consultation(territory: "territory:\n  departements: [67, 01, 2A, 971]\n"))
        #expect(problems.isEmpty, "\(problems)")
        #expect(c?.departements == ["67", "01", "2A", "971"])
    }

    @Test func lowercaseCorsicaIsNormalised() {
        let (c, problems) = F.parse(F.consultation(territory: "territory:\n  departements: [\"2a\", \"2b\"]\n"))
        #expect(problems.isEmpty, "\(problems)")
        #expect(c?.departements == ["2A", "2B"])
    }

    @Test func regionWithOrWithoutPrefix() {
        let (c, problems) = F.parse(F.consultation(territory: "territory:\n  regions: [\"44\", \"region:94\", \"Région:11\"]\n"))
        #expect(problems.isEmpty, "\(problems)")
        #expect(c?.regions == ["44", "94", "11"])
        #expect(c?.departements == [])
    }

    @Test func unknownRegion() throws {
        let (c, problems) = F.parse(F.consultation(territory: "territory:\n  regions: [\"44\", \"67\", \"region:99\"]\n"))
        #expect(problems.map(\.code) == ["territory.unknown", "territory.unknown"])
        #expect(problems.map(\.key) == ["territory.regions", "territory.regions"])
        #expect(problems.first?.message.en.contains("'67'") == true)
        #expect(c?.regions == ["44"])
    }

    @Test func roundsOutOfOrder() throws {
        let rounds = """
            rounds:
              - version: 2
                opens: "2027-02-01T09:00:00+01:00"
                closes: "2027-02-15T17:00:00+01:00"
              - version: 1
                opens: "2027-01-01T09:00:00+01:00"
                closes: "2027-01-15T17:00:00+01:00"
              - version: 1
                opens: "2027-01-01T09:00:00+01:00"
                closes: "2027-01-15T17:00:00+01:00"

            """
        let (_, problems) = F.parse(F.consultation(rounds: rounds))
        #expect(problems.map(\.code) == ["round.order", "round.order"])
        #expect(problems.map(\.key) == ["rounds[1].version", "rounds[2].version"])
        #expect(problems.map(\.line) == [13, 16])
        #expect(problems.first?.message.en.contains("(1 after 2)") == true)
    }

    @Test(arguments: ["demain", "2027-13-01", "2027-02-30", "15/01/2027", "2027-01-15T25:00:00+01:00", "2027-01-15T17h00", "2027-01-15T17:00:00 CET"])
    func badDate(_ date: String) throws {
        let rounds = """
            rounds:
              - version: 1
                opens: "\(date)"
                closes: "2027-01-15T17:00:00+01:00"

            """
        let (c, problems) = F.parse(F.consultation(rounds: rounds))
        let p = try #require(problems.first)
        #expect(problems.count == 1, "\(problems)")
        #expect(p.code == "round.bad-date")
        #expect(p.key == "rounds[0].opens")
        #expect(p.line == 11)
        #expect(p.message.en.contains("'\(date)'"))
        #expect(c?.rounds.isEmpty == true, "a round whose dates cannot be read is left out")
    }

    @Test func unquotedDatesAreAccepted() {
        let rounds = "rounds:\n  - version: 1\n    opens: 2027-01-01T09:00:00+01:00\n    closes: 2027-01-15\n"
        let (c, problems) = F.parse(F.consultation(rounds: rounds))
        #expect(problems.isEmpty, "\(problems)")
        #expect(c?.rounds.first?.closes.text == "2027-01-15")
    }

    @Test func closesBeforeOpens() throws {
        let rounds = """
            rounds:
              - version: 1
                opens: "2027-01-15T17:00:00+01:00"
                closes: "2027-01-15T16:59:59+01:00"

            """
        let (_, problems) = F.parse(F.consultation(rounds: rounds))
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "round.closes-before-opens")
        #expect(p.key == "rounds[0].closes")
        #expect(p.line == 12)
    }

    @Test func closesAtOpensIsNotReportedAsBeforeAndOffsetsAreCompared() {
        // Same instant written in two offsets: not "before".
        let rounds = "rounds:\n  - version: 1\n    opens: \"2027-01-15T17:00:00+01:00\"\n    closes: \"2027-01-15T16:00:00Z\"\n"
        let (_, problems) = F.parse(F.consultation(rounds: rounds))
        #expect(problems.isEmpty, "\(problems)")
        // 17:30+02:00 is 15:30Z, before 17:00+01:00 = 16:00Z although it reads later.
        let before = "rounds:\n  - version: 1\n    opens: \"2027-01-15T17:00:00+01:00\"\n    closes: \"2027-01-15T17:30:00+02:00\"\n"
        let (_, problems2) = F.parse(F.consultation(rounds: before))
        #expect(problems2.map(\.code) == ["round.closes-before-opens"])
    }

    @Test func negativeAmount() {
        let (c, problems) = F.parse(F.consultation(extra: "estimated_amount: -5\n"))
        #expect(problems.map(\.code) == ["consultation.bad-amount"])
        #expect(problems.first?.line == 6)
        #expect(c?.estimatedAmount == -5)
    }

    @Test func syntaxErrorIsReportedWithALine() throws {
        let text = "format: 1\nid: voirie-67\ntitle: \"non fermé\nbuyer: Ville\n"
        let (c, problems) = F.parse(text)
        #expect(c == nil)
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "yaml.syntax")
        #expect(p.line != nil)
        #expect((3...5).contains(p.line ?? 0), "line \(String(describing: p.line))")
        #expect(p.message.en.hasPrefix("not valid YAML"))
    }

    @Test func badIndentationIsASyntaxErrorWithItsLine() throws {
        let text = "format: 1\nid: voirie-67\n  title: x\nbuyer: Ville\n"
        let (c, problems) = F.parse(text)
        #expect(c == nil)
        #expect(problems.map(\.code) == ["yaml.syntax"])
        #expect(problems.first?.line == 3)
    }

    @Test
    func duplicatedKeyIsReportedWithALine() throws {
        let text = "format: 1\nid: voirie-67\ntitle: a\ntitle: b\n"
        let (_, problems) = F.parse(text)
        let p = try #require(problems.first)
        #expect(p.code == "yaml.syntax")
        #expect(p.message.en.contains("title"))
        #expect(p.line == 3 || p.line == 4)
    }

    @Test func notAMapping() {
        for text in ["- a\n- b\n", "juste du texte\n", ""] {
            let (c, problems) = F.parse(text)
            #expect(c == nil)
            #expect(problems.map(\.code) == ["yaml.not-a-mapping"], "\(text.debugDescription)")
        }
    }

    @Test func severalProblemsAreAllReported() {
        let text = """
            format: 1
            id: X
            title: [a]
            cpv: ["99999999", "1"]
            territory:
              departements: ["20"]
              regions: ["00"]
            rounds:
              - version: 1
                opens: jamais
                closes: "2027-01-15T17:00:00+01:00"
            extra: 1

            """
        let (c, problems) = F.parse(text)
        #expect(c != nil)
        let codes = Set(problems.map(\.code))
        #expect(
            codes
                == Set([
                    "yaml.unknown-key", "consultation.bad-id", "yaml.wrong-type", "yaml.missing-key",
                    "cpv.unknown-division", "cpv.malformed", "territory.unknown", "round.bad-date",
                ]), "\(codes)")
        #expect(problems.allSatisfy { $0.line != nil }, "\(problems.filter { $0.line == nil })")
    }
}

@Suite struct YAMLReaderIndexAndIdentityTests {
    static let entry = """
          - id: objet
            number: "1"
            title: Objet
            level: 1
            kind: clause
            hash: abc
            introduced: 1
            changed: 1

        """

    @Test func indexUnknownKeyAndBadKind() {
        let text = "format: 1\nclauses:\n" + Self.entry.replacingOccurrences(of: "kind: clause", with: "kind: article\n    color: red")
        let (index, problems) = ClauseIndex.parse(text)
        #expect(problems.map(\.code) == ["yaml.unknown-key", "index.bad-kind"])
        #expect(problems.map(\.key) == ["clauses[0].color", "clauses[0].kind"])
        #expect(problems.map(\.line) == [8, 7])
        #expect(problems.first?.file == "clauses.yml")
        #expect(index?.entries == [])
    }

    @Test func indexMissingFields() {
        let text = "format: 1\nclauses:\n" + Self.entry.replacingOccurrences(of: "    hash: abc\n", with: "")
        let (index, problems) = ClauseIndex.parse(text)
        #expect(problems.map(\.code) == ["yaml.missing-key"])
        #expect(problems.map(\.key) == ["clauses[0].hash"])
        #expect(index?.entries == [])
        let (_, none) = ClauseIndex.parse("format: 1\n")
        #expect(none.map(\.key) == ["clauses"])
    }

    @Test func indexOptionalFields() throws {
        let text =
            "format: 1\nclauses:\n" + Self.entry.replacingOccurrences(of: "kind: clause", with: "kind: criterion\n    weight: 40\n    parent: racine")
        let (index, problems) = ClauseIndex.parse(text)
        #expect(problems.isEmpty)
        let e = try #require(index?.entries.first)
        #expect(e.kind == .criterion && e.weight == 40 && e.parent == "racine" && e.number == "1")
    }

    @Test func identityBadRoleAndSiret() {
        let (none, roleProblems) = Identity.parse("format: 1\nrole: mayor\nname: X\n", file: "identity.yml")
        #expect(none == nil)
        #expect(roleProblems.map(\.code) == ["identity.bad-role"])
        #expect(roleProblems.first?.line == 2)
        let (identity, siretProblems) = Identity.parse("format: 1\nrole: company\nname: X\nsiret: \"73282932000075\"\n", file: "identity.yml")
        #expect(identity != nil)
        #expect(siretProblems.map(\.code) == ["identity.bad-siret"])
        #expect(siretProblems.first?.line == 4)
    }

    @Test func identityMissingNameAndUnknownKey() {
        let (identity, problems) = Identity.parse("format: 1\nrole: agent\nsurname: X\n", file: "identity.yml")
        #expect(identity == nil)
        #expect(Set(problems.map(\.code)) == ["yaml.unknown-key", "yaml.missing-key"])
        #expect(problems.first { $0.code == "yaml.missing-key" }?.key == "name")
    }

    @Test func identityBadDepartementAndCPV() {
        let text = "format: 1\nrole: company\nname: X\ncpv: [\"1234\"]\ndepartements: [\"20\", \"67\"]\n"
        let (identity, problems) = Identity.parse(text, file: "identity.yml")
        #expect(problems.map(\.code) == ["cpv.malformed", "territory.unknown"])
        #expect(problems.map(\.line) == [4, 5])
        #expect(identity?.departements == ["67"])
    }
}
