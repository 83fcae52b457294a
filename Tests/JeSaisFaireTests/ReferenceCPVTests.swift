import Foundation
import Testing

@testable import JeSaisFaire

@Suite struct ReferenceCPVTests {
    /// DOMAIN.md §3.3, copied independently of CPVDivisions.swift: division code with official check digit.
    static let officialDivisions = [
        "03000000-1", "09000000-3", "14000000-1", "15000000-8", "16000000-5", "18000000-9", "19000000-6",
        "22000000-0", "24000000-4", "30000000-9", "31000000-6", "32000000-3", "33000000-0", "34000000-7",
        "35000000-4", "37000000-8", "38000000-5", "39000000-2", "41000000-9", "42000000-6", "43000000-3",
        "44000000-0", "45000000-7", "48000000-8", "50000000-5", "51000000-9", "55000000-0", "60000000-8",
        "63000000-9", "64000000-6", "65000000-3", "66000000-0", "70000000-1", "71000000-8", "72000000-5",
        "73000000-2", "75000000-6", "76000000-3", "77000000-0", "79000000-4", "80000000-4", "85000000-9",
        "90000000-7", "92000000-1", "98000000-3",
    ]

    @Test func fortyFiveDivisionsWithOfficialCheckDigits() throws {
        #expect(Self.officialDivisions.count == 45)
        #expect(CPVDivisions.labels.count == 45)
        #expect(CPVDivisions.checkDigits.count == 45)
        #expect(Set(CPVDivisions.labels.keys) == Set(CPVDivisions.checkDigits.keys))
        for text in Self.officialDivisions {
            let code = try CPVCode(text)
            #expect(CPVDivisions.labels[code.division] != nil, "\(text)")
            #expect(code.officialCheckDigit == code.givenCheckDigit, "\(text)")
            #expect(!code.checkDigitDisagrees, "\(text) is official and must not warn")
        }
        #expect(Set(Self.officialDivisions.map { String($0.prefix(2)) }) == Set(CPVDivisions.labels.keys))
    }

    @Test func labels() throws {
        #expect(CPVDivisions.labels["72"] == "Services de technologies de l'information, conseil, développement de logiciels, internet et appui")
        #expect(CPVDivisions.labels["45"] == "Travaux de construction")
        #expect(CPVDivisions.labels["48"] == "Logiciels et systèmes d'information")
        #expect(CPVDivisions.labels["33"] == "Matériels médicaux, pharmaceutiques et produits de soins personnels")
        #expect(try CPVCode("72212100").divisionLabel == CPVDivisions.labels["72"])
        #expect(CPVDivisions.codes.first == "03" && CPVDivisions.codes.last == "98")
    }

    @Test func formulaAgreesOnRequestedExamples() throws {
        for text in ["72000000-5", "45000000-7", "30200000-1", "79000000-4", "48000000-8", "03000000-1"] {
            let code = try CPVCode(text)
            #expect(code.expectedCheckDigit == code.givenCheckDigit, "\(text)")
            #expect(!code.checkDigitDisagrees, "\(text)")
        }
    }

    @Test func genuineCodesThatDisagreeWithFormula() throws {
        let cases: [(String, Int)] = [("09100000-0", 4), ("03300000-2", 4), ("72212100-0", 5)]
        for (text, formula) in cases {
            let code = try CPVCode(text) // still accepted: a warning, never an error
            #expect(code.expectedCheckDigit == formula, "\(text)")
            #expect(code.checkDigitDisagrees, "\(text)")
        }
        // 51000000-9 is official although the formula gives 2: the official division digit wins.
        let installation = try CPVCode("51000000-9")
        #expect(installation.expectedCheckDigit == 2)
        #expect(installation.officialCheckDigit == 9)
        #expect(!installation.checkDigitDisagrees)
        #expect(try CPVCode("51000000-2").checkDigitDisagrees)
        // Wrong digit on a division code, and the DECP schema's wrong example.
        #expect(try CPVCode("72000000-4").checkDigitDisagrees)
        #expect(try CPVCode("45112500-9").checkDigitDisagrees)
        #expect(try !CPVCode("45112500-0").checkDigitDisagrees)
    }

    @Test func parsingAndParts() throws {
        let plain = try CPVCode("72000000")
        #expect(plain.digits == "72000000")
        #expect(plain.givenCheckDigit == nil)
        #expect(!plain.checkDigitDisagrees)
        #expect(plain.description == "72000000")
        #expect(plain.expectedCheckDigit == 5)

        let full = try CPVCode("  72212100-0\n")
        #expect(full.digits == "72212100")
        #expect(full.givenCheckDigit == 0)
        #expect(full.division == "72")
        #expect(full.group == "722")
        #expect(full.cpvClass == "7221")
        #expect(full.category == "72212")
        #expect(!full.isDivision)
        #expect(full.officialCheckDigit == nil)
        #expect(full.description == "72212100-0")
        #expect(try CPVCode("72000000-5") != CPVCode("72000000"))
    }

    @Test(arguments: [
        "", "7200", "720000000", "72000000-", "72000000-55", "72000000 -5", "72 000000",
        "72000000–5", "72000000_5", "A2000000", "７２０００００００", "72000000-x", "-72000000",
    ])
    func malformed(_ text: String) {
        #expect(throws: CPVCodeError.malformed(text.trimmingCharacters(in: .whitespacesAndNewlines))) {
            try CPVCode(text)
        }
    }

    @Test func unknownDivision() {
        #expect(throws: CPVCodeError.unknownDivision("99000000-1", division: "99")) { try CPVCode("99000000-1") }
        #expect(throws: CPVCodeError.unknownDivision("20000000", division: "20")) { try CPVCode(" 20000000 ") }
        #expect(
            CPVCodeError.unknownDivision("99000000", division: "99").description
                == "'99000000' is not a CPV code: division 99 does not exist")
        #expect(
            CPVCodeError.malformed("7200").description
                == "'7200' is not a CPV code: expected 8 digits, optionally followed by -D (e.g. 72000000-5)")
    }

    @Test func codableAsSingleString() throws {
        struct Box: Codable, Equatable { var cpv: [CPVCode] }
        let box = Box(cpv: [try CPVCode("72000000-5"), try CPVCode("48000000")])
        let data = try JSONEncoder().encode(box)
        #expect(String(decoding: data, as: UTF8.self) == #"{"cpv":["72000000-5","48000000"]}"#)
        #expect(try JSONDecoder().decode(Box.self, from: data) == box)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Box.self, from: Data(#"{"cpv":["99000000"]}"#.utf8))
        }
    }
}
