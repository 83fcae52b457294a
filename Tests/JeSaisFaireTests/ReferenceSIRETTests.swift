import Testing

@testable import JeSaisFaire

@Suite struct ReferenceSIRETTests {
    @Test func luhn() {
        #expect(Luhn.isValid("732829320"))
        #expect(Luhn.isValid("73282932000074"))
        #expect(Luhn.isValid("356000000"))
        #expect(!Luhn.isValid("73282932000075"))
        #expect(!Luhn.isValid(""))
        #expect(!Luhn.isValid("7328 2932"))
        #expect(!Luhn.isValid("0x12"))
    }

    @Test func validSIRET() throws {
        #expect(try SIRET.validate("73282932000074") == "73282932000074")
        #expect(try SIRET.validate("732 829 320 00074") == "73282932000074")
        #expect(try SIRET.validate(" 732\u{00A0}829\u{202F}320 00074 ") == "73282932000074")
        #expect(SIRET.isValid("73282932000074"))
        #expect(SIRET.siren(of: "732 829 320 00074") == "732829320")
    }

    @Test func changedDigitIsInvalid() {
        #expect(!SIRET.isValid("73282932000075"))
        #expect(!SIRET.isValid("73282932100074"))
        #expect(throws: SIRETError.checksum("73282932000075")) { try SIRET.validate("73282932000075") }
        #expect(
            SIRETError.checksum("73282932000075").description
                == "'73282932000075' is not a valid SIRET: its check digit is wrong (Luhn)")
        // Digit sum ≡ 0 mod 5 does not rescue a SIRET outside La Poste.
        #expect(!Luhn.isValid("73282932000077"))
        #expect(!SIRET.isValid("73282932000077"))
    }

    @Test func laPosteModFiveRule() throws {
        let laPoste = "35600000000001" // SIREN 356000000 + NIC 00001: digit sum 15
        #expect(!Luhn.isValid(laPoste))
        #expect(laPoste.compactMap { $0.wholeNumberValue }.reduce(0, +) % 5 == 0)
        #expect(try SIRET.validate("356 000 000 00001") == laPoste)
        // Failing both Luhn and mod 5.
        #expect(throws: SIRETError.checksum("35600000000002")) { try SIRET.validate("35600000000002") }
    }

    @Test(arguments: [
        "", "123", "7328293200007", "732829320000740", "7328293200007A", "73282932000074-",
        "732-829-320-00074", "７３２８２９３２０００７４",
    ])
    func malformedSIRET(_ text: String) {
        #expect(throws: SIRETError.malformed(text)) { try SIRET.validate(text) }
        #expect(!SIRET.isValid(text))
    }

    @Test func malformedMessage() {
        #expect(SIRETError.malformed("123").description == "'123' is not a SIRET: expected 14 digits")
    }

    @Test func siren() {
        #expect(SIREN.isValid("732829320"))
        #expect(SIREN.isValid("732 829 320"))
        #expect(SIREN.isValid("356000000"))
        #expect(!SIREN.isValid("732829321"))
        #expect(!SIREN.isValid("73282932"))
        #expect(!SIREN.isValid("73282932000074"))
        #expect(!SIREN.isValid(""))
    }
}
