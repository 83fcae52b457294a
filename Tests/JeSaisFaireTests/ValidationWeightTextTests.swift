import Foundation
import Testing

@testable import JeSaisFaire

/// Which percentages of a criterion's text state its weight (WeightStatements), the `criteria.weight-text` rule of
/// `jsf check`.
@Suite struct ValidationWeightTextTests {
    static func values(_ line: String, _ kind: WeightStatements.Line = .paragraph, criterion: String = "Valeur technique") -> [Double] {
        WeightStatements.statements(in: line, kind: kind, criterion: criterion).map(\.value)
    }

    @Test(
        "a percentage qualified as the criterion's weight is read as one",
        arguments: [
            ("Ce critère représente 60 % de la note globale.", 60.0),
            ("La valeur technique est pondérée à 60 %.", 60),
            ("Pondération : 60 %", 60),
            ("Ce critère compte pour 60\u{A0}% de la note.", 60),
            ("Il intervient à hauteur de 60 %.", 60),
            ("Valeur technique : 60 %", 60),
            ("Critère n° 2 – Valeur technique : 60 %", 60),
            ("Ce critère, pondéré à 12,5 %, porte sur le mémoire.", 12.5),
            ("Ce critère vaut 60 points, soit 60 pour cent du total.", 60),
        ])
    func stated(line: String, value: Double) {
        #expect(Self.values(line) == [value], "\(line)")
    }

    @Test(
        "a percentage that is not the criterion's weight is left alone",
        arguments: [
            "Le candidat propose une remise de 5 % sur le catalogue.",
            "60 % des produits sont issus de l'agriculture biologique.",
            "Ce critère est pondéré à 60 %, dont 20 % pour la méthodologie.", // the 20: a sub-criterion's share
            "La méthodologie (dont 20 % de la note) est appréciée sur le mémoire.",
            "Le sous-critère méthodologie est pondéré à 20 %.",
            "Une pénalité de 1 % du montant par jour de retard.",
            "La remise sur la valeur technique : 5 %", // not the criterion's title alone
            "Valeur technique : 60 points", // points in a paragraph: a note, not a percentage
            "Le taux de 2,15 % est révisé chaque année.",
        ])
    func notStated(line: String) {
        let values = Self.values(line)
        #expect(values.allSatisfy { $0 == 60 }, "\(line) → \(values)")
        if !line.contains("pondéré à 60") { #expect(values.isEmpty, "\(line) → \(values)") }
    }

    @Test func subCriteriaLinesKeepTheirShares() {
        #expect(Self.values("- méthodologie : 20 % de la note globale ;", .item).isEmpty)
        #expect(Self.values("- organisation (30 % de la note)", .item).isEmpty)
        #expect(Self.values("| Méthodologie | 20 % |", .item).isEmpty)
        // An item that speaks of the criterion itself, or is its title and a percentage, states its weight.
        #expect(Self.values("- ce critère compte pour 60 % de la note finale", .item) == [60])
        #expect(Self.values("- Valeur technique : 60 %", .item) == [60])
        #expect(Self.values("- le sous-critère compte pour 20 % de la note", .item).isEmpty)
    }

    @Test func everyNumberInTheTitleIsItsWeight() {
        #expect(Self.values("Valeur technique (60 %)", .title) == [60])
        #expect(Self.values("Valeur technique (60 points)", .title) == [60])
        #expect(Self.values("Valeur technique, noté sur 60", .title) == [60])
        #expect(Self.values("Valeur technique", .title).isEmpty)
    }

    static func check(_ md: String) -> [Problem] {
        Checker.checkText(CCTPText(parsing: md), file: "cctp.md", requireIDs: true).filter { $0.code == Checker.weightTextCode }
    }

    @Test func checkWarnsWhenTheTextContradictsTheWeight() throws {
        let problems = Self.check(
            """
            # Critères d'attribution {#criteres}

            ## Valeur technique (60 %) {#valeur-technique .criterion weight=70}

            La valeur technique compte pour
            60 % de la note globale. Une remise de 5 % est sans effet.

            - méthodologie : 30 % de la note ;
            - moyens : 40 % de la note.

            ### Méthodologie (30 %) {#methodologie}

            Le sous-critère est noté sur 10.

            ## Prix {#prix .criterion weight=30}

            Ce critère est pondéré à 30 %.
            """)
        #expect(problems.map(\.line) == [3, 5], "\(problems)")
        let p = try #require(problems.last)
        #expect(p.severity == .warning)
        #expect(p.key == "valeur-technique")
        #expect(p.message.en.contains("criterion 'valeur-technique' weighs 70 but its text says «60 % de la note globale»"), "\(p.message.en)")
        #expect(p.message.en.contains("R2152-12"))
        #expect(p.message.fr.contains("le critère « valeur-technique » pèse 70 mais son texte dit « 60 % de la note globale »"), "\(p.message.fr)")
    }

    @Test func aTextThatAgreesIsFine() {
        #expect(
            Self.check("## Prix (40 %) {#prix .criterion weight=40}\n\nCe critère représente 40 % de la note.\n\n## B {#b .criterion weight=60}\n")
                .isEmpty)
    }
}
