import Foundation

/// An instant as a jsf file writes it: ISO 8601 with an explicit offset ("2027-01-15T17:00:00+01:00", docs/format.md).
/// Parsed once where the file is read; written back as it was read, byte for byte ("Z" stays "Z", a bare day stays a day).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The instant.
    public let date: Date
    /// The text as read or as jsf formatted it.
    public let text: String

    /// Parses `text` (see `parse(_:timeZone:)` for the forms accepted); nil when it is not a date.
    public init?(_ text: String, timeZone: TimeZone = .current) {
        guard let date = Timestamp.parse(text, timeZone: timeZone) else { return nil }
        self.date = date
        self.text = text
    }

    /// `date` as jsf writes it in `timeZone`, to the second (as it reads back).
    public init(_ date: Date, timeZone: TimeZone) {
        text = Timestamp.format(date, timeZone: timeZone)
        self.date = Timestamp.parseWithOffset(text) ?? date
    }

    /// The offset from UTC it is written with, in seconds; nil for a local time without one ("2027-01-15").
    public var offset: Int? {
        if text.hasSuffix("Z") { return 0 }
        let tail = Array(text.utf8.suffix(6))
        guard text.count > 10, tail.count == 6, tail[0] == 43 || tail[0] == 45, tail[3] == 58,
            let hours = Int(String(decoding: tail[1...2], as: UTF8.self)), let minutes = Int(String(decoding: tail[4...5], as: UTF8.self))
        else { return nil }
        return (hours * 3600 + minutes * 60) * (tail[0] == 45 ? -1 : 1)
    }

    public var description: String { text }

    /// Two timestamps are the same when they are written the same (as the strings they replace were).
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.date < rhs.date }

    /// The common case, "2027-01-15T17:00:00+01:00" or "…Z", read by hand: Foundation's formatters cost
    /// more than the rest of a listing command when thousands of dates are read.
    static func parseWithOffset(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20 || b.count == 25 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let d = Int(b[i]) - 48
                guard (0...9).contains(d) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var offset = 0
        if b.count == 20 {
            guard b[19] == 90 else { return nil }
        } else {
            guard b[19] == 43 || b[19] == 45, b[22] == 58, let oh = number(20, 2), let om = number(23, 2), oh <= 14, om < 60 else { return nil }
            offset = (oh * 60 + om) * 60 * (b[19] == 45 ? -1 : 1)
        }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        // Reject impossible days (31 February) by round-tripping the day of month.
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard day <= 28 || calendar.component(.day, from: date.addingTimeInterval(TimeInterval(offset))) == day else { return nil }
        return date
    }

    /// "2027-01-15T17:00:00+01:00", in `timeZone` (UTC is written +00:00).
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d",
            c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, sign, abs(offset) / 60, abs(offset) % 60)
    }

    /// "2027-01-15" for tables.
    public static func formatDay(_ date: Date, timeZone: TimeZone) -> String {
        String(format(date, timeZone: timeZone).prefix(10))
    }

    /// Accepts "2027-01-15T17:00:00+01:00", "…Z", a local time in `timeZone` ("2027-01-15T17:00", "2027-01-15 17:00:00")
    /// and a bare day, which means its last second in `timeZone` ("2027-01-15" is 23:59:59 there, daylight saving or not).
    public static func parse(_ text: String, timeZone: TimeZone = .current) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let date = parseWithOffset(text) { return date }
        // Foundation's parsers accept trailing garbage: check the shape first.
        guard
            let match = text.wholeMatch(
                of: #/(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?)?/#)
        else { return nil }
        if let zone = match.output.8 {
            let full = ISO8601DateFormatter()
            full.formatOptions = [.withInternetDateTime]
            var parsed = full.date(from: text)
            if parsed == nil {
                full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                parsed = full.date(from: text)
            }
            // Foundation rolls 30 February over into March: the day must be the one written, at the offset written.
            guard let date = parsed, let day = Int(match.output.3), let month = Int(match.output.2) else { return nil }
            let digits = zone.filter(\.isNumber)
            let sign = zone.first == "-" ? -1 : 1
            let offset = zone == "Z" ? 0 : sign * ((Int(digits.prefix(2)) ?? 0) * 3600 + (Int(digits.suffix(2)) ?? 0) * 60)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(identifier: "UTC")!
            let written = calendar.dateComponents([.month, .day], from: date)
            return written.day == day && written.month == month ? date : nil
        }
        guard let year = Int(match.output.1), let month = Int(match.output.2), let day = Int(match.output.3),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var time = (hour: 23, minute: 59, second: 59)
        if let hour = match.output.4.flatMap({ Int($0) }), let minute = match.output.5.flatMap({ Int($0) }) {
            time = (hour, minute, match.output.6.flatMap { Int($0) } ?? 0)
        }
        guard time.hour < 24, time.minute < 60, time.second < 60 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let wanted = DateComponents(year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second)
        guard let date = calendar.date(from: wanted) else { return nil }
        // 31 February is no day (Foundation would roll it into March); an hour daylight saving skips reads as the
        // same time after the change.
        let read = calendar.dateComponents([.year, .month, .day], from: date)
        guard read.year == year, read.month == month, read.day == day else { return nil }
        return date
    }
}
