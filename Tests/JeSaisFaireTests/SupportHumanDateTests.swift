import Foundation
import Testing

@testable import JeSaisFaire

@Suite struct SupportHumanDateTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    static func date(_ text: String) throws -> Date { try #require(Timestamp.parse(text)) }

    @Test func frenchAndEnglishInWinterAndSummer() throws {
        let winter = try Self.date("2025-01-20T22:59:00Z")
        #expect(HumanDate.format(winter, language: .fr, zone: Self.paris) == "20 janvier 2025 à 23 h 59")
        #expect(HumanDate.format(winter, language: .en, zone: Self.paris) == "20 January 2025, 23:59 (Europe/Paris)")
        let summer = try Self.date("2025-10-20T21:59:59Z")
        #expect(HumanDate.format(summer, language: .fr, zone: Self.paris) == "20 octobre 2025 à 23 h 59")
        #expect(HumanDate.format(summer, language: .en, zone: Self.paris) == "20 October 2025, 23:59 (Europe/Paris)")
    }

    @Test func theMachineZoneDoesNotMatter() throws {
        // The same instant is the next day in Paris, and said so, whatever zone the formatter is not given.
        let instant = try Self.date("2027-01-20T23:30:00+00:00")
        #expect(HumanDate.format(instant, language: .fr, zone: Self.paris) == "21 janvier 2027 à 0 h 30")
        #expect(HumanDate.day(instant, language: .en, zone: Self.paris) == "21 January 2027")
        #expect(HumanDate.day(instant, language: .en, zone: TimeZone(identifier: "UTC")!) == "20 January 2027")
    }

    @Test func overseasZonesAreNamedInFrenchToo() throws {
        let instant = try Self.date("2027-01-21T02:59:59Z")
        let cayenne = TimeZone(identifier: "America/Cayenne")!
        #expect(HumanDate.format(instant, language: .fr, zone: cayenne) == "20 janvier 2027 à 23 h 59 (America/Cayenne)")
        #expect(HumanDate.format(instant, language: .en, zone: cayenne) == "20 January 2027, 23:59 (America/Cayenne)")
        let reunion = TimeZone(identifier: "Indian/Reunion")!
        #expect(HumanDate.format(instant, language: .fr, zone: reunion) == "21 janvier 2027 à 6 h 59 (Indian/Reunion)")
    }

    @Test func firstOfTheMonthAndEveryMonth() throws {
        let first = try Self.date("2027-05-01T08:05:00+02:00")
        #expect(HumanDate.format(first, language: .fr, zone: Self.paris) == "1er mai 2027 à 8 h 05")
        #expect(HumanDate.format(first, language: .en, zone: Self.paris) == "1 May 2027, 08:05 (Europe/Paris)")
        var french: [String] = []
        for month in 1...12 {
            let text = String(format: "2027-%02d-15", month)
            french.append(HumanDate.day(text, language: .fr, zone: Self.paris))
        }
        #expect(french.first == "15 janvier 2027" && french[7] == "15 août 2027" && french.last == "15 décembre 2027")
        #expect(Set(french).count == 12)
    }

    @Test func textThatIsNoDateIsShownAsItIs() {
        #expect(HumanDate.format("hier", language: .fr, zone: Self.paris) == "hier")
    }

    @Test func zonesAreCheckedStrictly() {
        #expect(TimeZoneCheck.zone("Europe/Paris") != nil)
        #expect(TimeZoneCheck.zone("America/Cayenne") != nil)
        #expect(TimeZoneCheck.zone("UTC") != nil)
        for bad in ["europe/paris", "Europe/Pari", "Paris", "CET", "+01:00", "", "Mars/Olympus"] {
            #expect(TimeZoneCheck.zone(bad) == nil, "\(bad)")
        }
        #expect(TimeZoneCheck.suggestions(for: "europe/paris") == ["Europe/Paris"])
        #expect(TimeZoneCheck.suggestions(for: "Europe/Pari") == ["Europe/Paris"])
        #expect(TimeZoneCheck.suggestions(for: "reunion") == ["Indian/Reunion"])
        #expect(TimeZoneCheck.suggestions(for: "Mars/Olympus").isEmpty)
        #expect(TimeZoneCheck.frenchZones.allSatisfy { TimeZoneCheck.zone($0) != nil })
    }

    @Test func theTerritoryProposesAZone() {
        #expect(TimeZoneCheck.proposed(departements: ["973"], regions: []) == "America/Cayenne")
        #expect(TimeZoneCheck.proposed(departements: [], regions: ["04"]) == "Indian/Reunion")
        #expect(TimeZoneCheck.proposed(departements: ["971", "972"], regions: []) == "Europe/Paris")
        #expect(TimeZoneCheck.proposed(departements: ["35"], regions: []) == "Europe/Paris")
        #expect(TimeZoneCheck.proposed(departements: [], regions: []) == "Europe/Paris")
    }
}
