import Foundation
import Testing

@testable import JeSaisFaire

extension Round {
    /// A round from its dates as written; they must be dates.
    init(version: Int, opens: String, closes: String) {
        self.init(version: version, opens: Timestamp(opens)!, closes: Timestamp(closes)!)
    }
}

@Suite struct ModelConsultationTests {
    @Test(arguments: ["abc", "voirie-67", "a-b", "2027-voirie-strasbourg", "a1b", String(repeating: "a", count: 64), "0-0"])
    func validIDs(_ id: String) {
        #expect(Consultation.isValidID(id))
    }

    @Test(arguments: [
        "", "ab", "a-", "-ab", "abc-", "a--b", "Abc", "voirie_67", "voirie 67", "voirié", "ab.c", "ab/c",
        String(repeating: "a", count: 65), "abc\n", "ａｂｃ",
    ])
    func invalidIDs(_ id: String) {
        #expect(!Consultation.isValidID(id))
    }

    static let round = Round(version: 1, opens: "2027-01-01T09:00:00+01:00", closes: "2027-01-15T17:00:00+01:00")

    @Test func roundBoundaries() throws {
        let opens = Self.round.opens.date
        let closes = Self.round.closes.date
        #expect(opens == Date(timeIntervalSince1970: 1_798_790_400)) // 2027-01-01T08:00:00Z
        #expect(closes.timeIntervalSince(opens) == 14 * 86400 + 8 * 3600)
        #expect(!Self.round.isOpen(at: opens.addingTimeInterval(-1)))
        #expect(!Self.round.isOpen(at: opens.addingTimeInterval(-0.001)))
        #expect(Self.round.isOpen(at: opens))
        #expect(Self.round.isOpen(at: opens.addingTimeInterval(3600)))
        #expect(Self.round.isOpen(at: closes.addingTimeInterval(-0.001)))
        #expect(!Self.round.isOpen(at: closes), "closing time is excluded")
        #expect(!Self.round.isOpen(at: closes.addingTimeInterval(1)))
    }

    @Test func badDatesAreNoTimestamps() {
        #expect(Timestamp("jamais") == nil)
        #expect(Timestamp("") == nil)
    }

    @Test func timestampsWriteBackAsRead() throws {
        for text in ["2027-01-15T17:00:00+01:00", "2027-01-15T16:00:00Z", "2027-01-15T16:00:00+00:00", "2027-01-15", "2027-01-15T17:00"] {
            #expect(try #require(Timestamp(text)).text == text)
        }
        let a = try #require(Timestamp("2027-01-15T17:00:00+01:00"))
        let b = try #require(Timestamp("2027-01-15T16:00:00Z"))
        #expect(a.date == b.date && a != b, "the same instant written two ways stays two texts")
        #expect(
            a.offset == 3600 && b.offset == 0 && Timestamp("2027-01-15T17:00:00-05:30")?.offset == -19800 && Timestamp("2027-01-15")?.offset == nil)
        let now = Date(timeIntervalSince1970: 1_798_790_400.75)
        let made = Timestamp(now, timeZone: TimeZone(secondsFromGMT: 3600)!)
        #expect(made.text == "2027-01-01T09:00:00+01:00")
        #expect(made.date == Timestamp(made.text)?.date, "made to the second, as it reads back")
    }

    @Test func roundWithDateOnlyClosingStaysOpenUntilTheEndOfThatDay() throws {
        let round = Round(version: 1, opens: "2027-01-01", closes: "2027-01-15")
        let closes = round.closes.date
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
        c.rounds = [
            Round(version: 2, opens: "2027-01-02", closes: "2027-01-03"), Round(version: 3, opens: "2027-01-04", closes: "2027-01-05"),
            Round(version: 1, opens: "2027-01-01", closes: "2027-01-02"),
        ]
        #expect(c.currentRound?.version == 3)
        #expect(c.withoutRounds.rounds.isEmpty)
        #expect(c.withoutRounds.id == "abc")
        var other = c
        other.rounds = []
        #expect(c.withoutRounds == other)
        #expect(c != other)
    }
}
