import Testing

@testable import JeSaisFaire

@Suite struct TextNumberingTests {
    @Test(arguments: [
        ("Article 3 — Exigences", "3", "Exigences"),
        ("ARTICLE 3 – Objet du marché", "3", "Objet du marché"),
        ("Article 3 - Objet", "3", "Objet"),
        ("Article 3 : Objet", "3", "Objet"),
        ("Article 3. Objet", "3", "Objet"),
        ("Article 3 Objet", "3", "Objet"),
        ("Art. 12 – Pénalités", "12", "Pénalités"),
        ("Article 1er — Objet", "1", "Objet"),
        ("Article premier : Objet", "1", "Objet"),
        ("Article 3.2.1 – Délais", "3.2.1", "Délais"),
        ("3.2 Délais d'exécution", "3.2", "Délais d'exécution"),
        ("3.2. Délais", "3.2", "Délais"),
        ("3.2 - Délais", "3.2", "Délais"),
        ("3.2 : Délais", "3.2", "Délais"),
        ("1. OBJET DU MARCHÉ", "1", "OBJET DU MARCHÉ"),
        ("1 OBJET DU MARCHÉ", "1", "OBJET DU MARCHÉ"),
        ("1) Objet", "1", "Objet"),
        ("1°) Objet", "1", "Objet"),
        ("12 – Réception", "12", "Réception"),
        ("CHAPITRE II – Objet", "II", "Objet"),
        ("Chapitre II : Dispositions générales", "II", "Dispositions générales"),
        ("Chapitre 2 - Contexte", "2", "Contexte"),
        ("TITRE IV - Exécution", "IV", "Exécution"),
        ("Titre I : Généralités", "I", "Généralités"),
        ("Section 2 — Sécurité", "2", "Sécurité"),
        ("Partie A – Lot 1", "A", "Lot 1"),
        ("II. Objet", "II", "Objet"),
        ("II - Objet", "II", "Objet"),
        ("XIV. Annexes", "XIV", "Annexes"),
        ("A) Objet", "A", "Objet"),
        ("A. Objet", "A", "Objet"),
        ("a) Objet", "a", "Objet"),
        ("B – Objet", "B", "Objet"),
        ("II.3 Objet", "II.3", "Objet"),
        ("A.1 Contexte", "A.1", "Contexte"),
        ("Article 3", "3", ""),
    ])
    func numbered(heading: String, number: String, title: String) {
        let r = splitNumbering(heading)
        #expect(r.number == number, "\(heading)")
        #expect(r.title == title, "\(heading)")
    }

    @Test(arguments: [
        "Objet du marché",
        "Titre du marché",
        "Article unique",
        "Annexe technique",
        "Il est rappelé que",
        "3D et réalité virtuelle",
        "2024-2027 programme",
        "Vie du contrat",
        "CDI et intérim",
        "A propos",
        "I love it",
        "Section technique",
        "Délais d'exécution",
        "Article",
    ])
    func unnumbered(heading: String) {
        let r = splitNumbering(heading)
        #expect(r.number == nil, "\(heading) → \(String(describing: r.number))")
        #expect(r.title == heading)
    }
}
