import Foundation
import Testing

@testable import JeSaisFaire

private func cpv(_ codes: String...) -> [CPVCode] { codes.map { try! CPVCode($0) } }

private func company(_ codes: [CPVCode], _ departements: [String]) -> Identity {
    Identity(
        role: .company, name: "Claire Weber", organisation: "Informatique Rhénane SAS", siret: "41572083800127",
        cpv: codes, departements: departements)
}

private func consultation(
    _ codes: [CPVCode], departements: [String] = [], regions: [String] = [],
    scope: Eligibility.Scope = .group
) -> Consultation {
    var c = Consultation(
        id: "maintenance-informatique-67", title: "Maintenance", buyer: "Préfecture du Bas-Rhin", cpv: codes,
        departements: departements, regions: regions)
    c.eligibility = scope
    return c
}

@Suite("Companies: eligibility")
struct CompaniesEligibilityTests {
    @Test("a shared group and a listed département: concerned, and why")
    func groupAndDepartement() {
        let me = company(cpv("50324100-3"), ["67"])
        let them = consultation(cpv("50312000-5"), departements: ["67"])
        let e = Eligibility(company: me, consultation: them)
        #expect(e.concerned)
        #expect(e.domainMatch?.company.description == "50324100-3")
        #expect(e.domainMatch?.consultation.description == "50312000-5")
        #expect(e.territoryMatch == "67")
        #expect(
            e.explanation(company: me, consultation: them).en == "your CPV 50324100-3 shares the group 503 with 50312000-5; you are established in 67"
        )
        #expect(
            e.explanation(company: me, consultation: them).fr
                == "votre CPV 50324100-3 partage le groupe 503 avec 50312000-5 ; vous êtes établi dans le département 67"
        )
    }

    @Test("the same division but another group: not concerned by default, concerned when the consultation says division")
    func divisionWidening() {
        let me = company(cpv("50100000-6"), ["67"])
        let group = consultation(cpv("50312000-5"), departements: ["67"])
        let e = Eligibility(company: me, consultation: group)
        #expect(!e.concerned)
        #expect(e.domainMatch == nil)
        #expect(e.territoryMatch == "67")
        #expect(
            e.explanation(company: me, consultation: group).en
                == "none of your CPV codes (50100000-6) shares a group with the consultation's (50312000-5); you are established in 67")

        let division = consultation(cpv("50312000-5"), departements: ["67"], scope: .division)
        let widened = Eligibility(company: me, consultation: division)
        #expect(widened.concerned)
        #expect(widened.scope == .division)
        #expect(
            widened.explanation(company: me, consultation: division).en
                == "your CPV 50100000-6 shares the division 50 with 50312000-5; you are established in 67")
        #expect(widened.explanation(company: me, consultation: division).fr.hasPrefix("votre CPV 50100000-6 partage le division 50 avec 50312000-5"))

        // Another division is never concerned.
        let other = Eligibility(company: company(cpv("55520000-1"), ["67"]), consultation: division)
        #expect(!other.concerned)
        #expect(
            other.explanation(company: company(cpv("55520000-1"), ["67"]), consultation: division).en.hasPrefix(
                "none of your CPV codes (55520000-1) shares a division"))
    }

    @Test("a département inside a listed région matches, and says through which région")
    func regionMembership() {
        let them = consultation(cpv("50312000-5"), departements: ["67"], regions: ["44"])
        let haut = company(cpv("50324100-3"), ["68"])
        let e = Eligibility(company: haut, consultation: them)
        #expect(e.concerned)
        #expect(e.territoryMatch == "region:44 (68)")
        #expect(e.explanation(company: haut, consultation: them).en.hasSuffix("; you are established in Grand Est (68)"))
        #expect(e.explanation(company: haut, consultation: them).fr.hasSuffix(" ; vous êtes établi dans le Grand Est (68)"))
        // Lorraine is in Grand Est too; Brittany is not; Loire-Atlantique (44, a département) is not région 44.
        #expect(Eligibility(company: company(cpv("50324100-3"), ["57"]), consultation: them).territoryMatch == "region:44 (57)")
        #expect(Eligibility(company: company(cpv("50324100-3"), ["35"]), consultation: them).territoryMatch == nil)
        #expect(Eligibility(company: company(cpv("50324100-3"), ["44"]), consultation: them).territoryMatch == nil)
        // A listed département is preferred to the région; the first of the company's that matches is named.
        #expect(Eligibility(company: company(cpv("50324100-3"), ["35", "68", "67"]), consultation: them).territoryMatch == "67")
        // Corsica and overseas départements.
        let corse = consultation(cpv("50312000-5"), regions: ["94"])
        #expect(Eligibility(company: company(cpv("50324100-3"), ["2A"]), consultation: corse).territoryMatch == "region:94 (2A)")
        let reunion = consultation(cpv("50312000-5"), departements: ["974"])
        #expect(Eligibility(company: company(cpv("50324100-3"), ["974"]), consultation: reunion).concerned)

        // The région by its name, with the preposition French gives it.
        for (region, departement, located) in [
            ("84", "01", "en Auvergne-Rhône-Alpes"), ("04", "974", "à La Réunion"), ("32", "59", "dans les Hauts-de-France"),
        ] {
            let there = consultation(cpv("50312000-5"), regions: [region])
            let firm = company(cpv("50324100-3"), [departement])
            let explanation = Eligibility(company: firm, consultation: there).explanation(company: firm, consultation: there)
            #expect(explanation.fr.hasSuffix(" ; vous êtes établi \(located) (\(departement))"), "\(explanation.fr)")
            #expect(!explanation.en.contains("region:"), "\(explanation.en)")
        }
    }

    @Test("no territory means national: every département matches")
    func national() {
        let them = consultation(cpv("50312000-5"))
        for dep in ["67", "2B", "971", "29"] {
            let me = company(cpv("50324100-3"), [dep])
            let e = Eligibility(company: me, consultation: them)
            #expect(e.concerned, "\(dep)")
            #expect(e.territoryMatch == "national")
            #expect(e.explanation(company: me, consultation: them).en.hasSuffix("; the consultation is national"))
            #expect(e.explanation(company: me, consultation: them).fr.hasSuffix(" ; la consultation est nationale"))
        }
    }

    @Test("mismatches explain both sides, in English and French")
    func mismatches() {
        let them = consultation(cpv("50312000-5", "72253000-3"), departements: ["67"], regions: ["44"])
        let me = company(cpv("55520000-1"), ["35", "29"])
        let e = Eligibility(company: me, consultation: them)
        #expect(!e.concerned)
        #expect(
            e.explanation(company: me, consultation: them).en
                == "none of your CPV codes (55520000-1) shares a group with the consultation's (50312000-5, 72253000-3); none of your départements (35, 29) is in its territory (67, region:44)"
        )
        #expect(
            e.explanation(company: me, consultation: them).fr
                == "aucun de vos codes CPV (55520000-1) ne partage de groupe avec ceux de la consultation (50312000-5, 72253000-3) ; aucun de vos départements (35, 29) n'est dans son territoire (67, region:44)"
        )
        // The domain alone, the territory alone.
        #expect(!Eligibility(company: company(cpv("50324100-3"), ["35"]), consultation: them).concerned)
        #expect(!Eligibility(company: company(cpv("55520000-1"), ["67"]), consultation: them).concerned)
        // A company with nothing declared.
        let empty = company([], [])
        #expect(
            Eligibility(company: empty, consultation: them).explanation(company: empty, consultation: them).en
                == "none of your CPV codes (none) shares a group with the consultation's (50312000-5, 72253000-3); none of your départements (none) is in its territory (67, region:44)"
        )
        // Second CPV code of the consultation matches.
        #expect(Eligibility(company: company(cpv("72250000-2"), ["67"]), consultation: them).domainMatch?.consultation.description == "72253000-3")
    }
}

@Suite("Companies: what would name a company")
struct CompaniesAnonymityTests {
    static let identity = Identity(
        role: .company, name: "Claire Weber", organisation: "Informatique Rhénane SAS",
        siret: "41572083800127", cpv: [], departements: ["67"],
        email: "claire.weber@informatique-rhenane.fr", phone: "+33 3 88 41 27 90",
        website: "https://www.informatique-rhenane.fr/contact")

    static func found(_ text: String, _ identity: Identity = identity) -> [String] {
        Anonymity.findings(in: text, identity: identity).map(\.en)
    }

    @Test("a text that names nothing has no finding")
    func clean() {
        #expect(Self.found("Nous proposons un délai de 8 h ouvrées en zone rurale, soit 3 88 interventions par an.").isEmpty)
        #expect(Self.found("").isEmpty)
        #expect(Self.found("Une informatique rhénane de qualité, c'est possible ?").count == 1) // the core name itself
    }

    @Test("the name, with or without its legal form, any case, with or without accents")
    func names() {
        let expected = ["your name 'Informatique Rhénane SAS'"]
        #expect(Self.found("Chez Informatique Rhénane SAS, nous…") == expected)
        #expect(Self.found("Chez Informatique Rhénane, nous…") == expected)
        #expect(Self.found("chez INFORMATIQUE RHÉNANE nous") == expected)
        #expect(Self.found("chez informatique rhenane nous") == expected)
        #expect(Self.found("chez Informatique\n  Rhénane nous") == expected)
        // The trade name too.
        #expect(Self.found("Contact : Claire Weber") == ["your name 'Claire Weber'"])
        #expect(Self.found("Contact : claire WEBER") == ["your name 'Claire Weber'"])
        // A legal form in another case, or written with dots.
        let sarl = Identity(role: .company, name: "Nettoyage Rhénan Sarl", organisation: nil)
        #expect(Self.found("L'équipe nettoyage rhenan intervient", sarl) == ["your name 'Nettoyage Rhénan Sarl'"])
        let dotted = Identity(role: .company, name: "Nettoyage Rhénan S.A.R.L.", organisation: nil)
        #expect(Self.found("L'équipe nettoyage rhenan intervient", dotted) == ["your name 'Nettoyage Rhénan S.A.R.L.'"])
    }

    @Test("SIRET with spaces or dots, SIREN alone")
    func siretAndSiren() {
        #expect(Self.found("SIRET 41572083800127") == ["your SIRET 41572083800127"])
        #expect(Self.found("SIRET : 415 720 838 00127.") == ["your SIRET 41572083800127"])
        #expect(Self.found("SIRET 415.720.838.00127") == ["your SIRET 41572083800127"])
        #expect(Self.found("notre SIREN 415 720 838 est") == ["your SIREN 415720838"])
        #expect(Self.found("RCS Strasbourg 415720838") == ["your SIREN 415720838"])
        #expect(Self.found("un autre SIRET 73282932000074").isEmpty)
    }

    @Test("email, mail domain, but not a public mail provider's domain")
    func email() {
        // The address contains the web domain and both names too (claire.weber, informatique-rhenane): all are named.
        #expect(
            Self.found("écrivez à claire.weber@informatique-rhenane.fr") == [
                "your name 'Claire Weber'", "your name 'Informatique Rhénane SAS'", "your email claire.weber@informatique-rhenane.fr",
                "your web site informatique-rhenane.fr",
            ])
        #expect(Self.found("écrivez à CLAIRE.WEBER@Informatique-Rhenane.fr").contains("your email claire.weber@informatique-rhenane.fr"))
        #expect(!Self.found("écrivez à commercial@informatique-rhenane.fr").contains { $0.hasPrefix("your email") })
        #expect(Self.found("écrivez à commercial@informatique-rhenane.fr").contains("your mail domain informatique-rhenane.fr"))
        let gmail = Identity(role: .company, name: "Atelier Vosgien", email: "atelier.vosgien@gmail.com")
        #expect(Self.found("nos échanges passent par gmail.com ou toto@gmail.com", gmail).isEmpty)
        #expect(Self.found("écrivez à atelier.vosgien@gmail.com", gmail) == ["your name 'Atelier Vosgien'", "your email atelier.vosgien@gmail.com"])
    }

    @Test("the phone in national, international, dotted and compact forms")
    func phone() {
        for text in [
            "appelez le 03 88 41 27 90", "appelez le +33 3 88 41 27 90", "appelez le 03.88.41.27.90", "appelez le 0388412790",
            "appelez le +33388412790", "appelez le 03-88-41-27-90",
        ] {
            #expect(Self.found(text) == ["your phone number +33 3 88 41 27 90"], "\(text)")
        }
        let national = Identity(role: .company, name: "Atelier Vosgien", phone: "03 29 55 12 34")
        #expect(Self.found("tél. +33 3 29 55 12 34", national) == ["your phone number 03 29 55 12 34"])
        #expect(Self.found("tél. 03 29 55 12 35", national).isEmpty)
    }

    @Test("the web site's domain, with or without www")
    func website() {
        #expect(Self.found("voir www.informatique-rhenane.fr/references").contains("your web site informatique-rhenane.fr"))
        #expect(Self.found("voir https://informatique-rhenane.fr").contains("your web site informatique-rhenane.fr"))
        let bare = Identity(role: .company, name: "Atelier Vosgien", website: "atelier-vosgien.com")
        #expect(Self.found("voir ATELIER-VOSGIEN.COM", bare) == ["your name 'Atelier Vosgien'", "your web site atelier-vosgien.com"])
    }

    @Test("several findings at once, each named")
    func several() {
        let all = Self.found(
            "Informatique Rhénane (SIRET 41572083800127), 03 88 41 27 90, claire.weber@informatique-rhenane.fr, informatique-rhenane.fr")
        #expect(all.contains("your name 'Informatique Rhénane SAS'"))
        #expect(all.contains("your SIRET 41572083800127"))
        #expect(all.contains("your phone number +33 3 88 41 27 90"))
        #expect(all.contains("your email claire.weber@informatique-rhenane.fr"))
        #expect(all.contains("your web site informatique-rhenane.fr"))
    }

    @Test("a short brand name is matched inside other words")
    func wordBoundaries() {
        let alsa = Identity(role: .company, name: "Alsa SAS")
        #expect(Self.found("Nos techniciens couvrent toute l'Alsace.", alsa).isEmpty)
    }
}
