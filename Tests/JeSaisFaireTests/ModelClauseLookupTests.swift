import Foundation
import Testing

@testable import JeSaisFaire

@Suite struct ModelClauseLookupTests {
    static func entry(
        _ id: String, _ number: String, _ title: String, level: Int? = nil, parent: String? = nil, kind: ClauseKind = .clause
    ) -> IndexEntry {
        IndexEntry(
            id: id, number: number, title: title, level: level ?? number.split(separator: ".").count, parent: parent, kind: kind,
            weight: kind == .criterion ? 100 : nil, hash: "0", introduced: 1, changed: 1)
    }

    /// A draft numbered as CCTPs are: articles, their clauses, a chapter in roman numerals, an annex by letter.
    static let draft: [IndexEntry] = [
        entry("objet-et-duree-du-marche", "1", "Objet et durée du marché"),
        entry("objet", "1.1", "Objet", parent: "objet-et-duree-du-marche"),
        entry("duree", "1.2", "Durée", parent: "objet-et-duree-du-marche"),
        entry("developpement-durable", "6", "Développement durable"),
        entry("gaspillage", "6.1", "Lutte contre le gaspillage alimentaire", parent: "developpement-durable"),
        entry("approvisionnement", "6.2", "Approvisionnement et transport", parent: "developpement-durable"),
        entry("biodechets", "6.3", "Biodéchets", parent: "developpement-durable"),
        entry("criteres", "8", "Critères d'attribution"),
        entry("prix", "8.1", "Prix", parent: "criteres", kind: .criterion),
        entry("execution", "II", "Exécution"),
        entry("annexe-plans", "A", "Plans des locaux"),
    ]

    static func find(_ query: String, in entries: [IndexEntry] = draft) throws -> String {
        try ClauseLookup.find(query, in: entries, version: "v1").id
    }

    static func refusal(_ query: String, in entries: [IndexEntry] = draft) -> JSFError? {
        do {
            _ = try ClauseLookup.find(query, in: entries, version: "v1")
            return nil
        } catch {
            return error
        }
    }

    @Test("a number in every usual spelling: bare, trailing dot, art., Art, article, ARTICLE, accents and case ignored")
    func spellings() throws {
        for query in [
            "6.2", "6.2.", " 6.2 ", "art. 6.2", "Art. 6.2", "Art 6.2", "art.6.2", "article 6.2", "Article 6.2", "ARTICLE 6.2", "Árticle 6.2",
            "article n° 6.2", "§ 6.2",
        ] {
            #expect(try Self.find(query) == "approvisionnement", "\(query)")
        }
        for query in ["6", "6.", "Article 6", "ARTICLE 6", "article 6.", "Art. 6"] {
            #expect(try Self.find(query) == "developpement-durable", "\(query)")
        }
        for query in ["article premier", "Article 1er", "ARTICLE PREMIER", "1"] {
            #expect(try Self.find(query) == "objet-et-duree-du-marche", "\(query)")
        }
        #expect(try Self.find("8.1") == "prix")
        #expect(try Self.find("Chapitre II") == "execution")
        #expect(try Self.find("chapitre ii") == "execution")
        #expect(try Self.find("II") == "execution")
        #expect(try Self.find("Section A") == "annexe-plans")
    }

    @Test("what is not a number: glued keyword, words after it, a keyword alone")
    func notNumbers() {
        #expect(ClauseLookup.parseNumber("article6") == nil)
        #expect(ClauseLookup.parseNumber("6.2 Approvisionnement") == nil)
        #expect(ClauseLookup.parseNumber("article") == nil)
        #expect(ClauseLookup.parseNumber("6..2") == nil)
        #expect(ClauseLookup.parseNumber("duree") == nil)
        #expect(ClauseLookup.parseNumber("Art. 6.2.") == ClauseLookup.Number(value: "6.2", readsAsNumber: true))
        #expect(ClauseLookup.parseNumber("ii.3") == ClauseLookup.Number(value: "II.3", readsAsNumber: true))
        #expect(ClauseLookup.parseNumber("II") == ClauseLookup.Number(value: "II", readsAsNumber: false))
        #expect(Self.refusal("article6")?.message.en == "no clause 'article6' in v1")
        #expect(Self.refusal("6.4")?.message.en == "no clause '6.4' in v1")
    }

    @Test("ids as before: exact, unambiguous prefix, any case or accent")
    func ids() throws {
        #expect(try Self.find("duree") == "duree")
        #expect(try Self.find("Durée") == "duree")
        #expect(try Self.find("DUREE") == "duree")
        #expect(try Self.find("appro") == "approvisionnement")
        #expect(try Self.find("objet") == "objet")
        #expect(try Self.find("objet-") == "objet-et-duree-du-marche")
        let prefix = try #require(Self.refusal("d"))
        #expect(prefix.message.en == "'d' is ambiguous in v1: duree, developpement-durable")
        #expect(prefix.message.fr == "'d' est ambigu dans v1 : duree, developpement-durable")
        #expect(prefix.hints == [Text(en: "give more of the id", fr: "donnez une plus grande partie de l'identifiant")])
    }

    @Test("an exact id wins over a number, a number with a digit over a prefix, a prefix over a bare letter")
    func precedence() throws {
        let entries = [
            Self.entry("6", "9", "Un identifiant chiffré"),
            Self.entry("sixieme", "6", "Article six"),
            Self.entry("12-mois", "3", "Douze mois"),
            Self.entry("reconduction", "12", "Reconduction"),
            Self.entry("a-propos", "4", "À propos"),
            Self.entry("plans", "A", "Plans"),
        ]
        #expect(ClauseLookup.match("6", in: entries) == .id("6"))
        #expect(try Self.find("6", in: entries) == "6")
        #expect(try Self.find("Article 6", in: entries) == "sixieme")
        #expect(try Self.find("9", in: entries) == "6")
        #expect(try Self.find("12", in: entries) == "reconduction")
        #expect(try Self.find("12-", in: entries) == "12-mois")
        #expect(try Self.find("a", in: entries) == "a-propos")
        #expect(try Self.find("Section A", in: entries) == "plans")
        // Targets that are no longer entries (a removed clause's proposals) still match by id and prefix.
        #expect(ClauseLookup.match("bio", in: entries, ids: ["biodechets"]) == .prefix(["biodechets"]))
        #expect(ClauseLookup.match("biodechets", in: entries, ids: ["biodechets"]) == .id("biodechets"))
    }

    @Test("a number two clauses carry is ambiguous, unless one is the other's ancestor (a title numbered by position)")
    func ambiguousNumbers() throws {
        let twice = [
            Self.entry("titre", "1", "Titre"),
            Self.entry("prestations", "3", "Prestations", parent: "titre"),
            Self.entry("annexe", "2", "Annexe"),
            Self.entry("annexe-prestations", "3", "Prestations annexes", parent: "annexe"),
        ]
        let error = try #require(Self.refusal("art. 3", in: twice))
        #expect(error.message.en == "'art. 3' is ambiguous in v1: 3 Prestations (prestations), 3 Prestations annexes (annexe-prestations)")
        #expect(error.message.fr == "'art. 3' est ambigu dans v1 : 3 Prestations (prestations), 3 Prestations annexes (annexe-prestations)")
        #expect(error.hints == [Text(en: "give the id", fr: "donnez l'identifiant")])
        let titled = [
            Self.entry("cahier-des-clauses", "1", "Cahier des clauses techniques particulières"),
            Self.entry("objet", "1", "Objet", level: 2, parent: "cahier-des-clauses"),
            Self.entry("precisions", "1", "Précisions", level: 3, parent: "objet"),
            Self.entry("duree", "2", "Durée", level: 2, parent: "cahier-des-clauses"),
        ]
        #expect(try Self.find("Article 1", in: titled) == "precisions")
        #expect(try Self.find("2", in: titled) == "duree")
    }

    @Test("a miss hints the same article's clauses, the neighbours at the same depth, titles sharing words, in both languages")
    func closest() throws {
        func closest(_ query: String) -> [String] { ClauseLookup.closest(query, in: Self.draft).map(\.id) }
        #expect(closest("6.9") == ["biodechets", "approvisionnement", "gaspillage"])
        #expect(closest("art. 6.2.4") == ["approvisionnement"])
        #expect(closest("1.7") == ["duree", "objet", "objet-et-duree-du-marche"])
        #expect(closest("Article 9") == ["criteres", "developpement-durable", "objet-et-duree-du-marche"])
        #expect(closest("gaspilage") == ["gaspillage"])
        #expect(closest("transports") == ["approvisionnement"])
        #expect(closest("duree-du-marche")[0] == "objet-et-duree-du-marche")
        #expect(closest("criteres-attribution") == ["criteres"])
        #expect(closest("zzz").isEmpty)

        let miss = try #require(Self.refusal("Article 6.9"))
        #expect(miss.message.en == "no clause 'Article 6.9' in v1")
        #expect(miss.message.fr == "pas de clause 'Article 6.9' dans v1")
        #expect(
            miss.hints == [
                Text(
                    en:
                        "closest clauses: 6.3 Biodéchets (biodechets), 6.2 Approvisionnement et transport (approvisionnement), 6.1 Lutte contre le gaspillage alimentaire (gaspillage); 'jsf clauses' lists them all",
                    fr:
                        "clauses les plus proches : 6.3 Biodéchets (biodechets), 6.2 Approvisionnement et transport (approvisionnement), 6.1 Lutte contre le gaspillage alimentaire (gaspillage) ; 'jsf clauses' les liste toutes"
                )
            ])
        let nothing = try #require(Self.refusal("zzz"))
        #expect(nothing.hints == [Text(en: "'jsf clauses' lists them all", fr: "'jsf clauses' les liste toutes")])
    }
}
