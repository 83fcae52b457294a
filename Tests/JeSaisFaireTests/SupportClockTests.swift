import Foundation
import Testing

@testable import JeSaisFaire

@Suite struct SupportClockTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let utc = TimeZone(identifier: "UTC")!
    /// 2027-01-15T16:00:00Z.
    static let instant = Date(timeIntervalSince1970: 1_800_028_800)

    static func parts(_ date: Date, _ zone: TimeZone) -> [Int] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return [c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!]
    }

    @Test func parseWithOffsets() {
        #expect(Timestamp.parse("2027-01-15T17:00:00+01:00") == Self.instant)
        #expect(Timestamp.parse("2027-01-15T16:00:00Z") == Self.instant)
        #expect(Timestamp.parse("2027-01-15T16:00:00+00:00") == Self.instant)
        #expect(Timestamp.parse("2027-01-15T11:00:00-05:00") == Self.instant)
        #expect(Timestamp.parse("2027-01-15T21:30:00+05:30") == Self.instant)
        #expect(Timestamp.parse("2027-01-15T16:00:00.250Z") == Self.instant.addingTimeInterval(0.25))
        #expect(Timestamp.parse("  2027-01-15T17:00:00+01:00 ") == Self.instant, "surrounding spaces are ignored")
        // The zone argument does not matter when an offset is written.
        #expect(Timestamp.parse("2027-01-15T17:00:00+01:00", timeZone: TimeZone(identifier: "Asia/Tokyo")!) == Self.instant)
    }

    @Test func parseLocalTimes() {
        #expect(Timestamp.parse("2027-01-15T17:00:00", timeZone: Self.paris) == Self.instant)
        #expect(Timestamp.parse("2027-01-15T17:00", timeZone: Self.paris) == Self.instant)
        #expect(Timestamp.parse("2027-01-15 17:00", timeZone: Self.paris) == Self.instant)
        #expect(Timestamp.parse("2027-01-15T16:00", timeZone: Self.utc) == Self.instant)
    }

    @Test func dateOnlyIsTheEndOfThatDayLocally() throws {
        let paris = try #require(Timestamp.parse("2027-01-15", timeZone: Self.paris))
        #expect(Self.parts(paris, Self.paris) == [2027, 1, 15, 23, 59, 59])
        #expect(paris == Timestamp.parse("2027-01-15T23:59:59+01:00"))
        let utc = try #require(Timestamp.parse("2027-01-15", timeZone: Self.utc))
        #expect(utc == Timestamp.parse("2027-01-15T23:59:59Z"))
        let tokyo = try #require(Timestamp.parse("2027-07-01", timeZone: TimeZone(identifier: "Asia/Tokyo")!))
        #expect(tokyo == Timestamp.parse("2027-07-01T23:59:59+09:00"))
        // Summer time in Paris: +02:00.
        #expect(Timestamp.parse("2027-07-01", timeZone: Self.paris) == Timestamp.parse("2027-07-01T23:59:59+02:00"))
    }

    @Test(
        arguments: ["2027-03-28", "2027-10-31"])
    func dateOnlyOnDaylightSavingDays(_ day: String) throws {
        let date = try #require(Timestamp.parse(day, timeZone: Self.paris))
        let parts = Self.parts(date, Self.paris)
        #expect(Array(parts[3...]) == [23, 59, 59], "\(Timestamp.format(date, timeZone: Self.paris))")
        #expect(Timestamp.formatDay(date, timeZone: Self.paris) == day)
    }

    @Test(arguments: [
        "", " ", "demain", "2027", "2027-01", "2027-1-5", "2027-13-01", "2027-02-30", "2027-00-10", "15/01/2027",
        "2027-01-15T", "2027-01-15T25:00:00+01:00", "2027-01-15T17:60:00+01:00", "2027-01-15T17:00:00+01:00x",
        "2027-01-15x", "x2027-01-15", "2027-01-15 ", "17:00", "2027-01-15T17h00",
    ])
    func invalidInputs(_ text: String) {
        if text == "2027-01-15 " {
            // Trimmed, so valid.
            #expect(Timestamp.parse(text) != nil)
        } else {
            #expect(Timestamp.parse(text, timeZone: Self.paris) == nil, "\(text) parsed as \(String(describing: Timestamp.parse(text)))")
        }
    }

    @Test
    func impossibleOffsetIsRefused() {
        #expect(Timestamp.parse("2027-01-15T17:00:00+25:00") == nil)
        #expect(Timestamp.parse("2027-01-15T17:00:00-24:00") == nil)
    }

    @Test func format() throws {
        #expect(Timestamp.format(Self.instant, timeZone: Self.paris) == "2027-01-15T17:00:00+01:00")
        #expect(Timestamp.format(Self.instant, timeZone: Self.utc) == "2027-01-15T16:00:00+00:00")
        #expect(Timestamp.format(Self.instant, timeZone: TimeZone(secondsFromGMT: -5 * 3600)!) == "2027-01-15T11:00:00-05:00")
        #expect(Timestamp.format(Self.instant, timeZone: TimeZone(identifier: "Asia/Kolkata")!) == "2027-01-15T21:30:00+05:30")
        #expect(Timestamp.format(Self.instant, timeZone: TimeZone(identifier: "America/St_Johns")!) == "2027-01-15T12:30:00-03:30")
        #expect(Timestamp.format(Self.instant.addingTimeInterval(0.9), timeZone: Self.utc) == "2027-01-15T16:00:00+00:00")
        let summer = try #require(Timestamp.parse("2027-07-01T12:00:00Z"))
        #expect(Timestamp.format(summer, timeZone: Self.paris) == "2027-07-01T14:00:00+02:00")
        #expect(Timestamp.formatDay(Self.instant, timeZone: TimeZone(identifier: "Pacific/Kiritimati")!) == "2027-01-16")
        #expect(Timestamp.formatDay(Self.instant, timeZone: Self.utc) == "2027-01-15")
    }

    @Test(arguments: ["Europe/Paris", "UTC", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham", "America/Los_Angeles"])
    func formatThenParseIsIdentity(_ zone: String) throws {
        let tz = try #require(TimeZone(identifier: zone))
        for offset in stride(from: 0, to: 366 * 86400, by: 86400 * 7 + 3671) {
            let date = Date(timeIntervalSince1970: 1_798_761_600 + Double(offset))
            let text = Timestamp.format(date, timeZone: tz)
            #expect(Timestamp.parse(text) == date, "\(text)")
        }
    }

    @Test func clockFromJSFNow() throws {
        let clock = try Clock.from(environment: ["JSF_NOW": "2027-01-15T17:00:00+01:00", "TZ": "America/New_York"])
        #expect(clock.now == Self.instant)
        #expect(clock.timeZone.identifier == "America/New_York")
        let z = try Clock.from(environment: ["JSF_NOW": "2027-01-15T16:00:00Z"])
        #expect(z.now == Self.instant)
    }

    @Test("JSF_NOW without an offset (a bare day, a local time) is refused: a fixed clock is an instant, whatever TZ says")
    func clockWithoutOffsetIsRefused() throws {
        for value in ["2027-01-15", "2027-01-15T17:00", "2027-01-15T17:00:00"] {
            #expect(throws: JSFError.self) { try Clock.from(environment: ["JSF_NOW": value, "TZ": "Europe/Paris"]) }
        }
        #expect(try Clock.from(environment: ["JSF_NOW": "2027-01-15T17:00:00-0300"]).now == Timestamp.parse("2027-01-15T20:00:00Z"))
    }

    @Test func clockWithoutJSFNowIsTheSystemClock() throws {
        for environment in [[:], ["JSF_NOW": ""]] as [[String: String]] {
            let before = Date()
            let clock = try Clock.from(environment: environment)
            let after = Date()
            #expect(clock.now >= before && clock.now <= after)
        }
        #expect(try Clock.from(environment: ["TZ": "not/a zone"]).timeZone == TimeZone.current)
    }

    @Test(arguments: ["demain", "2027-13-01T00:00:00Z", "now", "1736956800", "2027-01-15", "2027-01-15T17:00"])
    func clockRejectsBadJSFNow(_ value: String) {
        do {
            _ = try Clock.from(environment: ["JSF_NOW": value])
            Issue.record("JSF_NOW=\(value) accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.exitCode == 64)
            #expect(error.message.en.contains("JSF_NOW='\(value)'"))
            #expect(!error.hints.isEmpty)
        }
    }
}
