import Testing

@testable import JeSaisFaire

@Suite struct SupportTextTests {
    @Test func defaultIsEnglish() {
        #expect(Language.from(environment: [:]) == .en)
        #expect(Language.from(environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": ""]) == .en)
        #expect(Language.from(environment: ["LANGUAGE": "fr"]) == .en, "LANGUAGE is not consulted")
    }

    @Test func frenchLocales() {
        for value in ["fr_FR.UTF-8", "fr", "fr_CA", "FR_fr", "fr_BE.ISO-8859-1"] {
            #expect(Language.from(environment: ["LANG": value]) == .fr, "\(value)")
        }
        for value in ["C", "POSIX", "C.UTF-8", "en_US.UTF-8", "de_DE", "ffr"] {
            #expect(Language.from(environment: ["LANG": value]) == .en, "\(value)")
        }
    }

    @Test func precedence() {
        #expect(Language.from(environment: ["LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "fr_FR"]) == .en)
        #expect(Language.from(environment: ["LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "en_US", "LANG": "en_US"]) == .fr)
        #expect(Language.from(environment: ["LC_MESSAGES": "fr_FR", "LANG": "en_US"]) == .fr)
        #expect(Language.from(environment: ["LC_MESSAGES": "C", "LANG": "fr_FR"]) == .en)
        #expect(Language.from(environment: ["LC_ALL": "", "LC_MESSAGES": "fr_FR", "LANG": "en_US"]) == .fr, "empty values are skipped")
        #expect(Language.from(environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_FR"]) == .fr)
    }

    @Test func localized() {
        let text = Text(en: "hello", fr: "bonjour")
        #expect(text.localized(.en) == "hello")
        #expect(text.localized(.fr) == "bonjour")
        #expect(text.description == "hello")
        #expect(text == Text(en: "hello", fr: "bonjour"))
        #expect(text != Text(en: "hello", fr: "salut"))
    }

    @Test func problemLocationAndDescription() {
        let p = Problem(file: "cctp.md", line: 12, key: "delais", code: "cctp.duplicateID", en: "duplicate id 'delais'", fr: "identifiant en double")
        #expect(p.location == "cctp.md:12")
        #expect(p.description == "cctp.md:12: duplicate id 'delais'")
        #expect(p.severity == .error)
        let q = Problem(.warning, file: "consultation.yml", code: "x", en: "e", fr: "f")
        #expect(q.location == "consultation.yml")
    }
}
