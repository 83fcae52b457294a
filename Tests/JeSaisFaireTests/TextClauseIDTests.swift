import Foundation
import Testing

@testable import JeSaisFaire

/// The ids jsf gives new headings (clauseSlug): short, cut at a word.
@Suite struct TextClauseIDTests {
    @Test func longTitlesMakeShortIDsCutAtAWord() {
        // Short ids are what they always were, stop words included.
        #expect(clauseSlug("Délais d'exécution") == "delais-d-execution")
        #expect(clauseSlug("Qualité des repas et des produits") == "qualite-des-repas-et-des-produits")
        #expect(clauseSlug("Lutte contre le gaspillage alimentaire") == "lutte-contre-le-gaspillage-alimentaire")
        // Long ones lose their stop words, then end at the last whole word within 40 characters.
        #expect(clauseSlug("Cahier des clauses techniques particulières") == "cahier-clauses-techniques-particulieres")
        #expect(
            clauseSlug("Prescriptions relatives à la gestion des déchets de chantier et au réemploi des matériaux")
                == "prescriptions-relatives-gestion-dechets")
        #expect(clauseSlug("Délais d'exécution des prestations sur bons de commande") == "delais-execution-prestations-bons")
        #expect(clauseSlug("De la performance en matière d'insertion professionnelle") == "de-performance-matiere-insertion")
        #expect(clauseSlug(String(repeating: "x", count: 100)) == String(repeating: "x", count: 40))
        for title in [
            "Délais d'exécution", String(repeating: "abc def ", count: 20), "Article 1er — Objet",
            "3D et réalité virtuelle des équipements de la ville",
        ] {
            let id = clauseSlug(title)
            #expect(isValidClauseID(id) && id.count <= clauseIDLimit && !id.hasSuffix("-"), "\(title) → \(id)")
        }
        // The other slugs (commit emails, key principals) are unchanged.
        #expect(slug("Cahier des clauses techniques particulières") == "cahier-des-clauses-techniques-particulieres")
    }

    @Test func newHeadingsGetShortIDsAndOldOnesKeepTheirs() {
        let md =
            "## Délais d'exécution des prestations sur bons de commande\n\n## Délais d'exécution des prestations sur bons de commande {#delais-d-execution-des-prestations-sur-bons-de}\n"
        let (_, ids) = CCTPText(parsing: md).assigningIDs()
        #expect(ids == ["delais-execution-prestations-bons"])
    }
}
