import Foundation
import Testing

@testable import JeSaisFaire

@Suite struct ModelClauseIndexTests {
    static func clause(
        _ id: String, title: String? = nil, body: String = "Texte.", number: String = "1", level: Int = 2,
        parent: String? = nil, kind: ClauseKind = .clause, weight: Int? = nil
    ) -> Clause {
        let title = title ?? id.capitalized
        return Clause(
            id: id, number: number, title: title, heading: "\(number) \(title)", level: level, parent: parent,
            kind: kind, weight: weight, body: body,
            contentHash: Clause.contentHash(title: title, weight: weight, body: body), line: 1)
    }

    @Test func firstDerivationIntroducesEverything() {
        let index = ClauseIndex.derive(from: [Self.clause("objet"), Self.clause("prix", kind: .criterion, weight: 40)], previous: nil, version: 1)
        #expect(index.entries.map(\.id) == ["objet", "prix"])
        #expect(index.entries.allSatisfy { $0.introduced == 1 && $0.changed == 1 })
        #expect(index["prix"]?.weight == 40)
        #expect(index["prix"]?.kind == .criterion)
        #expect(index["nope"] == nil)
        #expect(index.criteria.map(\.id) == ["prix"])
        #expect(index["objet"]?.hash == Clause.contentHash(title: "Objet", weight: nil, body: "Texte."))
    }

    @Test func deriveKeepsIntroducedAndBumpsChangedOnlyOnHashChange() throws {
        let v1 = ClauseIndex.derive(
            from: [Self.clause("objet"), Self.clause("delais"), Self.clause("prix", kind: .criterion, weight: 40)],
            previous: nil, version: 1)
        // v2: objet unchanged, delais body changed, prix weight changed, penalites new.
        let v2 = ClauseIndex.derive(
            from: [
                Self.clause("objet"), Self.clause("delais", body: "Trente jours."),
                Self.clause("prix", kind: .criterion, weight: 60), Self.clause("penalites"),
            ],
            previous: v1, version: 2)
        #expect(
            v2.entries.map { [$0.id, "\($0.introduced)", "\($0.changed)"] } == [
                ["objet", "1", "1"], ["delais", "1", "2"], ["prix", "1", "2"], ["penalites", "2", "2"],
            ])
        // v3: only renumbered/moved (number, level, parent do not enter the hash): changed stays.
        let v3 = ClauseIndex.derive(
            from: [
                Self.clause("delais", body: "Trente jours.", number: "4", level: 3, parent: "objet"),
                Self.clause("objet", number: "2"),
                Self.clause("prix", kind: .criterion, weight: 60), Self.clause("penalites"),
            ],
            previous: v2, version: 3)
        #expect(
            v3.entries.map { [$0.id, "\($0.introduced)", "\($0.changed)"] } == [
                ["delais", "1", "2"], ["objet", "1", "1"], ["prix", "1", "2"], ["penalites", "2", "2"],
            ])
        #expect(v3["delais"]?.number == "4" && v3["delais"]?.parent == "objet" && v3["delais"]?.level == 3)
        // v4: title change changes the hash.
        let v4 = ClauseIndex.derive(from: [Self.clause("objet", title: "Objet du marché")], previous: v3, version: 4)
        #expect(v4["objet"]?.introduced == 1)
        #expect(v4["objet"]?.changed == 4)
    }

    @Test func trailingSpacesDoNotCountAsAChange() {
        let v1 = ClauseIndex.derive(from: [Self.clause("objet", body: "Ligne.\nSuite.")], previous: nil, version: 1)
        let v2 = ClauseIndex.derive(from: [Self.clause("objet", body: "Ligne.  \nSuite.\t")], previous: v1, version: 2)
        #expect(v2["objet"]?.changed == 1)
    }

    @Test func removedThenReaddedClauseKeepsItsFirstIntroduction() {
        let v1 = ClauseIndex.derive(from: [Self.clause("objet")], previous: nil, version: 1)
        let v2 = ClauseIndex.derive(from: [Self.clause("objet"), Self.clause("annexe")], previous: v1, version: 2)
        let v3 = ClauseIndex.derive(from: [Self.clause("annexe", body: "Autre.")], previous: v2, version: 3)
        #expect(v3.entries.map(\.id) == ["annexe"])
        #expect(v3["annexe"]?.introduced == 2)
        #expect(v3["annexe"]?.changed == 3)
    }

    @Test func indexChanges() {
        let old = ClauseIndex.derive(
            from: [Self.clause("objet"), Self.clause("delais"), Self.clause("annexe"), Self.clause("prix", weight: 40)],
            previous: nil, version: 1)
        let new = ClauseIndex.derive(
            from: [
                Self.clause("nouveau"), Self.clause("objet"), Self.clause("delais", body: "Autre."),
                Self.clause("prix", number: "9", weight: 40), Self.clause("ajout"),
            ],
            previous: old, version: 2)
        let changes = IndexChanges(from: old, to: new)
        #expect(changes.added == ["nouveau", "ajout"])
        #expect(changes.changed == ["delais"], "renumbering 'prix' is not a change of its content")
        #expect(changes.removed == ["annexe"])
        #expect(changes.count == 4)
        #expect(!changes.isEmpty)
    }

    @Test func indexChangesFromNothingAndToSelf() {
        let index = ClauseIndex.derive(from: [Self.clause("objet"), Self.clause("prix")], previous: nil, version: 1)
        let fromNothing = IndexChanges(from: nil, to: index)
        #expect(fromNothing.added == ["objet", "prix"])
        #expect(fromNothing.changed.isEmpty && fromNothing.removed.isEmpty)
        let same = IndexChanges(from: index, to: index)
        #expect(same.isEmpty)
        #expect(same.count == 0)
        // History alone is not a change.
        var later = index
        later.entries[0].changed = 7
        later.entries[0].introduced = 3
        #expect(IndexChanges(from: index, to: later).isEmpty)
        #expect(index.sameContent(as: later))
        #expect(index != later)
        let emptied = IndexChanges(from: index, to: ClauseIndex(entries: []))
        #expect(emptied.removed == ["objet", "prix"])
    }

    @Test func sameContentIgnoresHistoryButNotOrderOrFields() {
        let a = ClauseIndex.derive(from: [Self.clause("objet"), Self.clause("prix")], previous: nil, version: 1)
        let reordered = ClauseIndex.derive(from: [Self.clause("prix"), Self.clause("objet")], previous: nil, version: 1)
        #expect(!a.sameContent(as: reordered))
        let shorter = ClauseIndex.derive(from: [Self.clause("objet")], previous: nil, version: 1)
        #expect(!a.sameContent(as: shorter))
        #expect(!shorter.sameContent(as: a))
        for mutate in [
            { (e: inout IndexEntry) in e.title = "x" }, { $0.number = "9" }, { $0.level = 5 }, { $0.parent = "p" },
            { $0.kind = .criterion }, { $0.weight = 1 }, { $0.hash = "0" },
        ] as [(inout IndexEntry) -> Void] {
            var b = a
            mutate(&b.entries[1])
            #expect(!a.sameContent(as: b))
        }
    }
}
