import Foundation
import Testing

@testable import JeSaisFaire

/// `jsf propose --weights`: every criterion's weight at once (Weights.resolving).
@Suite struct CompaniesWeightsAtOnceTests {
    static let criteria = [
        IndexEntry(
            id: "prix", number: "8.1", title: "Prix", level: 2, parent: "criteres", kind: .criterion, weight: 40, hash: "a", introduced: 1, changed: 1
        ),
        IndexEntry(
            id: "valeur-technique", number: "8.2", title: "Valeur technique", level: 2, parent: "criteres", kind: .criterion, weight: 45, hash: "b",
            introduced: 1, changed: 1),
        IndexEntry(
            id: "performance-environnementale", number: "8.3", title: "Performance environnementale", level: 2, parent: "criteres",
            kind: .criterion, weight: 15, hash: "c", introduced: 1, changed: 1),
    ]
    static let objet = IndexEntry(
        id: "objet", number: "1", title: "Objet", level: 1, parent: nil, kind: .clause, weight: nil, hash: "d", introduced: 1, changed: 1)

    static func resolve(_ text: String) throws(JSFError) -> [String] {
        try Weights.resolving(text, criteria: criteria, entries: [objet] + criteria, version: "v1").map { "\($0.id)=\($0.weight)" }
    }

    @Test func everyWeightAtOnceByIDNumberOrPrefix() throws {
        #expect(try Self.resolve("8.3=10, valeur=60,prix=30") == ["prix=30", "valeur-technique=60", "performance-environnementale=10"])
        #expect(try Self.resolve("prix=0,valeur-technique=100,performance-environnementale=0").count == 3)
    }

    @Test(
        "--weights names the bad part",
        arguments: [
            ("prix=30,valeur-technique=60", "--weights must name every criterion: missing performance-environnementale"),
            ("prix=30,valeur-technique=60,8.3=20", "--weights sum to 110, not 100 (prix=30, valeur-technique=60, performance-environnementale=20)"),
            ("prix=30,valeur-technique=60,8.3", "--weights: '8.3' is not CRITERION=WEIGHT"),
            ("prix=30,valeur-technique=6O,8.3=10", "--weights: the weight in 'valeur-technique=6O' must be a whole number from 0 to 100"),
            ("prix=30,valeur-technique=160,8.3=10", "--weights: the weight in 'valeur-technique=160' must be a whole number from 0 to 100"),
            ("prix=30,8.1=60,8.3=10", "--weights: 'prix' is named twice ('prix=30' and '8.1=60')"),
            ("prix=30,qualite=60,8.3=10", "--weights: no criterion 'qualite' (in 'qualite=60') in v1"),
            ("prix=30,objet=60,8.3=10", "--weights: 'objet' in 'objet=60' is a clause, not a criterion of v1"),
            ("p=30,valeur-technique=60,8.3=10", "--weights: 'p' is ambiguous in v1: prix, performance-environnementale"),
            ("prix=30,,valeur-technique=60,8.3=10", "--weights: '' is not CRITERION=WEIGHT"),
        ])
    func badWeights(text: String, message: String) {
        do {
            _ = try Self.resolve(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.en == message, "\(text)")
            #expect(!error.message.fr.isEmpty && error.message.fr != error.message.en)
        }
    }
}
