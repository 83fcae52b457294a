import Foundation
import Testing
@testable import JeSaisFaire

@Suite struct ModelConsultationTests {
    @Test(arguments: ["abc", "voirie-67", "a-b", "2027-voirie-strasbourg", "a1b", String(repeating: "a", count: 64), "0-0"])
    func validIDs(_ id: String) {
        #expect(Consultation.isValidID(id))
    }

    @Test(arguments: ["", "ab", "a-", "-ab", "abc-", "a--b", "Abc", "voirie_67", "voirie 67", "voirié", "ab.c", "ab/c",
                      String(repeating: "a", count: 65), "abc\n", "ａｂｃ"])
    func invalidIDs(_ id: String) {
        #expect(!Consultation.isValidID(id))
    }

    static let round = Round(version: 1, opens: "2027-01-01T09:00:00+01:00", closes: "2027-01-15T17:00:00+01:00")

    @Test func roundBoundaries() throws {
        let opens = try #require(Self.round.opensDate)
        let closes = try #require(Self.round.closesDate)
        #expect(opens == Date(timeIntervalSince1970: 1_798_790_400))  // 2027-01-01T08:00:00Z
        #expect(closes.timeIntervalSince(opens) == 14 * 86400 + 8 * 3600)
        #expect(!Self.round.isOpen(at: opens.addingTimeInterval(-1)))
        #expect(!Self.round.isOpen(at: opens.addingTimeInterval(-0.001)))
        #expect(Self.round.isOpen(at: opens))
        #expect(Self.round.isOpen(at: opens.addingTimeInterval(3600)))
        #expect(Self.round.isOpen(at: closes.addingTimeInterval(-0.001)))
        #expect(!Self.round.isOpen(at: closes), "closing time is excluded")
        #expect(!Self.round.isOpen(at: closes.addingTimeInterval(1)))
    }

    @Test func roundWithBadDatesIsNeverOpen() {
        let broken = Round(version: 1, opens: "jamais", closes: "2027-01-15T17:00:00+01:00")
        #expect(broken.opensDate == nil)
        #expect(!broken.isOpen(at: Date(timeIntervalSince1970: 1_798_790_400)))
        let broken2 = Round(version: 1, opens: "2027-01-01T09:00:00+01:00", closes: "")
        #expect(!broken2.isOpen(at: Date(timeIntervalSince1970: 1_798_790_500)))
    }

    @Test func roundWithDateOnlyClosingStaysOpenUntilTheEndOfThatDay() throws {
        let round = Round(version: 1, opens: "2027-01-01", closes: "2027-01-15")
        let closes = try #require(round.closesDate)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: closes)
        #expect([c.year, c.month, c.day, c.hour, c.minute, c.second] == [2027, 1, 15, 23, 59, 59])
        #expect(round.isOpen(at: closes.addingTimeInterval(-1)))
        #expect(!round.isOpen(at: closes))
    }

    @Test func currentRoundIsTheHighestVersion() {
        var c = Consultation(id: "abc", title: "T", buyer: "B", cpv: [], departements: [], regions: [])
        #expect(c.currentRound == nil)
        c.rounds = [Round(version: 2, opens: "a", closes: "b"), Round(version: 3, opens: "c", closes: "d"), Round(version: 1, opens: "e", closes: "f")]
        #expect(c.currentRound?.version == 3)
        #expect(c.withoutRounds.rounds.isEmpty)
        #expect(c.withoutRounds.id == "abc")
        var other = c
        other.rounds = []
        #expect(c.withoutRounds == other)
        #expect(c != other)
    }
}
