import Foundation
import Testing

@testable import JeSaisFaire

@Suite("Reveals and the SIRENE extract")
struct RevealTests {
    @Test("reveals/<n>.yml reads back what it wrote, and refuses what breaks the format")
    func revealRoundTrip() throws {
        let reveal = Reveal(
            number: 2, buyer: "PFRA Bretagne", key: "SHA256:abc", encryptionKey: "SHA256:def", date: "2027-02-07T10:00:00+01:00",
            opened: [Reveal.Opened(pseudonym: "7F3K9Q2M", identity: String(repeating: "ab", count: 20))])
        let (read, problems) = Reveal.parse(reveal.yaml(), file: "published:reveals/2.yml")
        #expect(read == reveal && problems.isEmpty, "\(problems)")
        let bad = reveal.yaml().replacingOccurrences(of: "7F3K9Q2M", with: "nope").replacingOccurrences(of: "number: 2", with: "number: two")
        let (none, found) = Reveal.parse(bad + "name: Cantine Bretonne\n", file: "published:reveals/2.yml")
        #expect(none == nil)
        #expect(Set(found.map(\.code)).isSuperset(of: ["reveal.pseudonym", "yaml.unknown-key"]), "\(found.map(\.code))")
        #expect(found.allSatisfy { $0.file == "published:reveals/2.yml" })
    }

    @Test("the SIRENE extract: quoted fields, only the SIRETs asked for, the département from the commune code")
    func sirene() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sirene/StockEtablissement-extrait.csv").path
        let register = try SireneRegister.read(
            path, file: "extrait.csv", sirets: ["90123456700021", "90123456700039", "98765432100015", "11111111111111"])
        #expect(register.establishments.count == 3)
        let strasbourg = try #require(register.establishments["90123456700021"])
        #expect(strasbourg.postalCode == "67000" && strasbourg.commune == "67482" && strasbourg.state == "A")
        #expect(strasbourg.departement == "67")
        #expect(register.establishments["90123456700039"]?.state == "F")
        #expect(register.establishments["98765432100015"]?.departement == "2A", "Corsica from its commune code, not its postal code")
        #expect(register.establishments["90123456700013"] == nil, "not asked for")
        #expect(SireneRegister.csvFields(#"a,"b, ""c""",,d"#) == ["a", #"b, "c""#, "", "d"])
        #expect(SireneRegister.Establishment(siret: "", postalCode: "97400", commune: "", state: "A").departement == "974")
        #expect(SireneRegister.Establishment(siret: "", postalCode: "20000", commune: "", state: "A").departement == nil)
    }

    @Test("an extract without the columns jsf reads is refused, naming the file and what is missing")
    func sireneColumns() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sirene-\(UUID().uuidString).csv").path
        try Data("siren,nic,siret\n901234567,00013,90123456700013\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try SireneRegister.read(path, file: "mauvais.csv", sirets: [])
            Issue.record("accepted an extract without its columns")
        } catch {
            #expect(error.message.en.contains("mauvais.csv:1: the SIRENE extract has no column codePostalEtablissement"), "\(error.message.en)")
        }
    }
}
