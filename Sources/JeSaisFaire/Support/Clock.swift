import Foundation

/// Where time comes from: `JSF_NOW` when set (tests, demos), the system clock otherwise.
public struct Clock: Sendable {
    public let now: Date
    public let timeZone: TimeZone

    public init(now: Date, timeZone: TimeZone = .current) {
        self.now = now
        self.timeZone = timeZone
    }

    public static func from(environment: [String: String]) throws(JSFError) -> Clock {
        let zone = environment["TZ"].flatMap { TimeZone(identifier: $0) } ?? .current
        guard let fixed = environment["JSF_NOW"], !fixed.isEmpty else { return Clock(now: Date(), timeZone: zone) }
        guard let date = Timestamp.parse(fixed, timeZone: zone) else {
            throw JSFError(.usage, Text(en: "JSF_NOW='\(fixed)' is not an ISO 8601 date and time",
                                        fr: "JSF_NOW='\(fixed)' n'est pas une date et heure ISO 8601"),
                           hints: [Text(en: "write it like 2027-01-15T17:00:00+01:00",
                                        fr: "écrivez-la comme 2027-01-15T17:00:00+01:00")])
        }
        return Clock(now: date, timeZone: zone)
    }
}

/// ISO 8601 dates and times with an explicit offset, as every jsf file writes them.
public enum Timestamp {
    /// "2027-01-15T17:00:00+01:00", in `timeZone` (UTC is written +00:00).
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d",
                      c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, sign, abs(offset) / 60, abs(offset) % 60)
    }

    /// "2027-01-15" for tables.
    public static func formatDay(_ date: Date, timeZone: TimeZone) -> String {
        String(format(date, timeZone: timeZone).prefix(10))
    }

    /// Accepts "2027-01-15T17:00:00+01:00", "…Z", "2027-01-15T17:00" (local time) and "2027-01-15" (end of that day, local time).
    public static func parse(_ text: String, timeZone: TimeZone = .current) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        // Foundation's parsers accept trailing garbage: check the shape first.
        guard text.wholeMatch(of: #/\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-](0\d|1[0-4]):?[0-5]\d)?)?/#) != nil else { return nil }
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: text) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: text) { return date }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = timeZone
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"] {
            local.dateFormat = pattern
            if let date = local.date(from: text) { return date }
        }
        local.dateFormat = "yyyy-MM-dd"
        if text.count == 10, let day = local.date(from: text) {
            // The last second of that day, whatever daylight saving does to its length.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            return calendar.date(byAdding: .day, value: 1, to: day).map { $0.addingTimeInterval(-1) }
        }
        return nil
    }
}
