import Foundation
import Testing

@testable import JeSaisFaire

@Suite("Anonymity: the normalised check of what names a company")
struct AnonymityMatcherTests {
    static let identity: Identity = {
        var identity = Identity(
            role: .company, name: "Rhône Data Services", organisation: "Alsace Info Services SARL", siret: "73282932000074",
            cpv: [], departements: ["67"], email: "contact@alsace-info.example", phone: "03 88 12 34 56",
            website: "https://www.alsace-info.example/")
        identity.address = "12 rue du Dôme"
        identity.postalCode = "67200"
        identity.city = "Strasbourg"
        return identity
    }()
    static let matcher = Anonymity.Matcher(identity: identity)

    static func found(_ text: String, _ matcher: Anonymity.Matcher = matcher) -> [Anonymity.Finding] { matcher.findings(in: text) }
    static func kinds(_ text: String, _ matcher: Anonymity.Matcher = matcher) -> [String] { found(text, matcher).map(\.kind.rawValue) }

    @Test("the name with hyphens, underscores, run together, in the singular, any case and spacing")
    func nameSpellings() {
        for spelling in [
            "Alsace-Info-Services", "AlsaceInfoServices", "Alsace_Info_Services", "Alsace Info Service", "alsace info services",
            "ALSACE INFO SERVICES", "Alsace.Info.Services", "Alsace  Info\n Services", "AlsaceInfo-Service", "Alsace Info Services SARL",
            "Alsace Info Services S.A.R.L.",
        ] {
            let findings = Self.found("Chez \(spelling), nous tenons 8 h.")
            let name = findings.first { $0.kind == .name }
            #expect(name?.value == "Alsace Info Services SARL", "\(spelling): \(findings)")
        }
        #expect(Self.found("Chez Alsace_Info_Services, nous").first?.excerpt == "Alsace_Info_Services")
        #expect(Self.found("Chez Alsace Info Services SARL, nous").first?.excerpt == "Alsace Info Services")
    }

    @Test("a trade-name prefix of two words or more, not of one; not inside a longer word")
    func prefixes() {
        #expect(Self.found("L'équipe Rhône Data intervient.").map(\.value) == ["Rhône Data Services"])
        #expect(Self.found("L'équipe rhone-data intervient.").map(\.value) == ["Rhône Data Services"])
        #expect(Self.found("chez RhôneData").map(\.value) == ["Rhône Data Services"])
        #expect(Self.found("L'équipe Alsace Info intervient.").map(\.value) == ["Alsace Info Services SARL"])
        // One word is no finding, nor a suffix, nor a prefix running into another word.
        for text in [
            "Nos techniciens couvrent le Rhône et toute l'Alsace.", "Des services de data center.", "Info services 24 h/24.",
            "Une base Rhône Database.", "L'Alsace, info : services compris.", "La SARL Alsace livre.",
        ] {
            #expect(Self.found(text).isEmpty, "\(text): \(Self.found(text))")
        }
        // Articles and generic words do not count: "Société du Rhône" has one significant word, so no prefix.
        let societe = Anonymity.Matcher(identity: Identity(role: .company, name: "Société du Rhône Numérique SAS"))
        #expect(Self.found("Le Rhône numérique", societe).map(\.value) == ["Société du Rhône Numérique SAS"])
        #expect(Self.found("La société du Rhône", societe).isEmpty)
        // A hyphenated word is one word of the name: "Réseaux Haut-Rhin" has no two-word prefix.
        let reseaux = Anonymity.Matcher(identity: Identity(role: .company, name: "Réseaux Haut-Rhin SARL"))
        #expect(Self.found("Des réseaux haut débit.", reseaux).isEmpty)
        #expect(Self.found("Réseaux-Haut-Rhin", reseaux).count == 1)
        // "&" and "et" are the same.
        let fils = Anonymity.Matcher(identity: Identity(role: .company, name: "Dupont & Fils"))
        #expect(Self.found("les Ets Dupont et Fils", fils).count == 1)
        // A prefix the consultation writes itself is no finding; the whole name still is.
        let context = Anonymity.Matcher(identity: Self.identity, context: ["Le titulaire actuel, Rhône Data, …"])
        #expect(Self.found("Rhône Data", context).isEmpty)
        #expect(Self.kinds("Rhône Data Services", context) == ["name"])
    }

    @Test("word boundaries hold: a short name is not inside another word")
    func boundaries() {
        let alsa = Anonymity.Matcher(identity: Identity(role: .company, name: "Alsa SAS"))
        #expect(Self.found("Nos techniciens couvrent toute l'Alsace.", alsa).isEmpty)
        #expect(Self.found("Chez ALSA, nous", alsa).count == 1)
        #expect(Self.found("l'alsa-team", alsa).count == 1)
    }

    @Test("SIRET and SIREN with slashes, spaces, dots, hyphens or underscores between digit groups")
    func digits() {
        for text in ["SIREN 732/829/320", "SIREN 732 829 320", "SIREN 732.829.320", "SIREN 732-829-320", "SIREN 732_829_320", "TVA FR 12 732829320"] {
            let findings = Self.found(text)
            #expect(findings.map(\.kind) == [.siren], "\(text)")
            #expect(findings.first?.value == "732829320")
        }
        #expect(Self.found("SIREN 732/829/320").first?.excerpt == "732/829/320")
        #expect(Self.found("SIRET 732 829 320 00074").map(\.kind) == [.siret])
        #expect(Self.found("SIRET 732/829/320/00074").map(\.kind) == [.siret])
        #expect(Self.found("SIRET 732829320\n00074").map(\.kind) == [.siren])
        #expect(Self.found("un autre SIRET 415 720 838 00127").isEmpty)
        for text in ["tél. 03/88/12/34/56", "tél. +33 (0)3 88 12 34 56", "tél. 03.88.12.34.56", "tél. 03 88 12 34 56"] {
            #expect(Self.kinds(text) == ["phone"], "\(text)")
        }
        #expect(Self.kinds("tél. 03 88 12 34 57").isEmpty)
    }

    @Test("the email and mail domain with @ and . written out")
    func obfuscatedEmail() {
        for text in [
            "contact(at)alsace-info(dot)example", "contact[at]alsace-info[dot]example", "contact at alsace-info dot example",
            "contact arobase alsace-info point example", "contact@alsace-info(.)example", "contact @ alsace-info . example",
            "CONTACT(AT)ALSACE-INFO(DOT)EXAMPLE", "contact {at} alsace-info {dot} example", "contact@alsace-info.example",
            "contact [@] alsace-info [.] example", "contact chez alsace-info point example",
        ] {
            let findings = Self.found("Écrivez à \(text) pour le détail.")
            #expect(findings.contains { $0.kind == .email && $0.value == "contact@alsace-info.example" }, "\(text): \(findings)")
            #expect(!findings.contains { $0.kind == .mailDomain }, "\(text)")
        }
        #expect(
            Self.found("Écrivez à contact(at)alsace-info(dot)example.").first { $0.kind == .email }?.excerpt == "contact(at)alsace-info(dot)example")
        for text in ["commercial(at)alsace-info(dot)example", "commercial@alsace-info point example", "alsace-info[.]example"] {
            #expect(Self.kinds(text).contains("mail-domain"), "\(text): \(Self.kinds(text))")
        }
        // Without the dot before the last label, the words are no domain.
        #expect(!Self.kinds("alsace info example").contains("mail-domain"))
        // A public provider's domain names nobody, however written.
        let gmail = Anonymity.Matcher(identity: Identity(role: .company, name: "Atelier Vosgien", email: "atelier.vosgien@gmail.com"))
        #expect(Self.found("par gmail (dot) com ou toto(at)gmail(dot)com", gmail).isEmpty)
        #expect(Self.found("écrivez à atelier.vosgien(at)gmail(dot)com", gmail).map(\.kind) == [.name, .email])
    }

    @Test("the street address: number and street words, type abbreviated or not, accents and commas aside")
    func address() {
        for text in ["au 12 rue du Dôme", "au 12, rue du Dôme", "au 12 r. du Dome", "AU 12 RUE DU DÔME", "au 12 rue Dôme", "au 12-rue-du-dôme"] {
            let findings = Self.found(text)
            #expect(findings.map(\.kind) == [.address], "\(text): \(findings)")
            #expect(findings.first?.value == "12 rue du Dôme")
        }
        for text in ["au 112 rue du Dôme", "rue du Dôme", "au 12 avenue du Dôme", "au 12 rue du Dômelier", "12 mois rue du Dôme"] {
            #expect(Self.found(text).isEmpty, "\(text): \(Self.found(text))")
        }
        var saint = Identity(role: .company, name: "Atelier Vosgien")
        saint.address = "3 bis, bd Saint-Dié"
        let matcher = Anonymity.Matcher(identity: saint)
        for text in ["3 boulevard Saint Dié", "3bis bd St-Dié", "3 Bd St Die"] {
            #expect(Self.found(text, matcher).map(\.kind) == [.address], "\(text)")
        }
    }

    @Test("the town: with its postal code always; alone only outside the consultation's own text")
    func town() {
        for text in ["67200 Strasbourg", "Strasbourg (67200)", "F-67200 STRASBOURG", "67 200 Strasbourg", "Strasbourg, 67200"] {
            #expect(Self.kinds("Siège : \(text).") == ["town"], "\(text)")
        }
        #expect(Self.found("67200 Strasbourg").first?.value == "67200 Strasbourg")
        // Another postal code, or the town alone without knowing the consultation: no finding.
        #expect(Self.found("67000 Strasbourg").isEmpty)
        #expect(Self.found("Nos techniciens sont à Strasbourg.").isEmpty)
        // Knowing the consultation: the town alone is a finding where the consultation never names it…
        let elsewhere = Anonymity.Matcher(identity: Self.identity, context: ["Maintenance des sites de Saverne et Haguenau"])
        #expect(Self.kinds("Nos techniciens sont à Strasbourg.", elsewhere) == ["town"])
        #expect(Self.found("Nos techniciens sont à Strasbourg.", elsewhere).first?.value == "Strasbourg")
        // … and none where it does, with its postal code too.
        let here = Anonymity.Matcher(identity: Self.identity, context: ["Site B : 4, rue des Tanneurs, 67200 Strasbourg"])
        #expect(Self.found("Nos techniciens sont à Strasbourg, 67200 Strasbourg.", here).isEmpty)
        // A town that is also a word counts only as a proper noun.
        var nice = Identity(role: .company, name: "Atelier Vosgien")
        nice.city = "Nice"
        let niceMatcher = Anonymity.Matcher(identity: nice, context: ["Maintenance à Strasbourg"])
        #expect(Self.found("un délai nice to have", niceMatcher).isEmpty)
        #expect(Self.kinds("depuis Nice", niceMatcher) == ["town"])
        // Saint and St.
        var louis = Identity(role: .company, name: "Atelier Vosgien")
        louis.city = "Saint-Louis"
        louis.postalCode = "68300"
        #expect(Self.kinds("68300 St Louis", Anonymity.Matcher(identity: louis)) == ["town"])
    }

    @Test("an honest text names nothing")
    func honest() {
        let text = """
            Nous proposons un délai de 8 h ouvrées sur les sites de Strasbourg et de Saverne, soit 12 interventions par mois.
            Les services informatiques de l'Alsace et du Rhône y gagnent : data center mutualisé, info-service 24 h/24,
            12 rue ou avenue, 67 000 postes, le point sur les sauvegardes, contact at the help desk.
            SIREN du titulaire actuel : 415 720 838. Tél. du support : 03 88 41 27 90.
            """
        #expect(Self.found(text).isEmpty, "\(Self.found(text))")
    }

    @Test("each finding says where: range, line, excerpt, and a bilingual quote")
    func whereFound() throws {
        let text = "Première ligne.\nSeconde : alsace_info_services et SIREN 732/829/320."
        let findings = Self.found(text)
        #expect(findings.map(\.kind) == [.name, .siren])
        let name = try #require(findings.first)
        #expect(name.line == 2)
        #expect(String(text[name.range]) == "alsace_info_services")
        #expect(name.quoted.en == "your name 'Alsace Info Services SARL' (written 'alsace_info_services')")
        #expect(name.quoted.fr == "votre nom 'Alsace Info Services SARL' (écrit « alsace_info_services »)")
        #expect(findings[1].quoted.en == "your SIREN 732829320 (written '732/829/320')")
        // Written as is, nothing quoted.
        let siret = try #require(Self.found("SIRET 73282932000074").first)
        #expect(siret.quoted == siret.description)
        let part = try #require(Self.found("Chez Alsace Info Services, nous").first)
        #expect(part.quoted.en == "your name 'Alsace Info Services SARL'")
        // The static function is the same check.
        #expect(Anonymity.findings(in: text, identity: Self.identity) == findings.map(\.description))
    }

    @Test("accents decomposed or not, ligatures, typographic apostrophes")
    func unicode() {
        let oeuvre = Anonymity.Matcher(identity: Identity(role: .company, name: "Cœur d’Île Énergie"))
        for text in ["Coeur d'Ile Energie", "CŒUR D’ÎLE ÉNERGIE", "Cœur d\u{2019}I\u{0302}le E\u{0301}nergie", "coeur-d-ile-energie"] {
            #expect(Self.found(text, oeuvre).count == 1, "\(text)")
        }
        #expect(Self.found("Cœur d’Île Énergie", oeuvre).first?.excerpt == "Cœur d’Île Énergie")
    }

    @Test("identity.yml keeps the address, postal code and town")
    func identityFile() throws {
        let yaml = Self.identity.yaml()
        #expect(yaml.contains("address: 12 rue du Dôme") || yaml.contains("address: \"12 rue du Dôme\""), "\(yaml)")
        let (parsed, problems) = Identity.parse(yaml, file: "identity.yml")
        #expect(problems.isEmpty, "\(problems)")
        #expect(parsed == Self.identity)
        let (_, unknown) = Identity.parse(yaml + "street: x\n", file: "identity.yml")
        #expect(unknown.contains { $0.message.en.contains("street") })
    }
}
