import Foundation

/// A date as a person reads it, in the consultation's zone whatever the machine's: «20 octobre 2025 à 23 h 59»,
/// "20 October 2025, 23:59 (Europe/Paris)". The names of months are jsf's own, not the machine's locale data.
/// French names the zone only when it is not Europe/Paris (the reader's default); English always names it.
public enum HumanDate {
    /// «20 octobre 2025 à 23 h 59» (fr) or "20 October 2025, 23:59 (Europe/Paris)" (en): to the minute, in `zone`.
    public static func format(_ date: Date, language: Language, zone: TimeZone) -> String {
        let c = components(date, zone)
        let day = dayText(c, language)
        switch language {
        case .fr:
            return "\(day) à \(c.hour) h \(twoDigits(c.minute))" + (zone.identifier == TimeZoneCheck.defaultIdentifier ? "" : " (\(name(zone)))")
        case .en:
            return "\(day), \(twoDigits(c.hour)):\(twoDigits(c.minute)) (\(name(zone)))"
        }
    }

    /// «20 octobre 2025» (fr) or "20 October 2025" (en): the day `date` falls on in `zone`.
    public static func day(_ date: Date, language: Language, zone: TimeZone) -> String {
        dayText(components(date, zone), language)
    }

    /// Both languages of `format`, for a message made in the domain.
    public static func text(_ date: Date, zone: TimeZone) -> Text {
        Text(en: format(date, language: .en, zone: zone), fr: format(date, language: .fr, zone: zone))
    }

    /// Both languages of `day`.
    public static func dayText(_ date: Date, zone: TimeZone) -> Text {
        Text(en: day(date, language: .en, zone: zone), fr: day(date, language: .fr, zone: zone))
    }

    /// `format` of a date as a file holds it ("2027-01-15T17:00:00+01:00"); the text itself when it is not a date.
    public static func format(_ text: String, language: Language, zone: TimeZone) -> String {
        Timestamp.parse(text, timeZone: zone).map { format($0, language: language, zone: zone) } ?? text
    }

    /// `day` of a date as a file holds it; the text itself when it is not a date.
    public static func day(_ text: String, language: Language, zone: TimeZone) -> String {
        Timestamp.parse(text, timeZone: zone).map { day($0, language: language, zone: zone) } ?? text
    }

    static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    private struct Parts {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
    }

    private static func components(_ date: Date, _ zone: TimeZone) -> Parts {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return Parts(year: c.year ?? 0, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0, minute: c.minute ?? 0)
    }

    private static func dayText(_ c: Parts, _ language: Language) -> String {
        switch language {
        case .fr: return "\(c.day == 1 ? "1er" : String(c.day)) \(frenchMonths[c.month - 1]) \(c.year)"
        case .en: return "\(c.day) \(englishMonths[c.month - 1]) \(c.year)"
        }
    }

    /// The zone as consultation.yml names it (Foundation calls UTC "GMT").
    private static func name(_ zone: TimeZone) -> String { zone.identifier == "GMT" ? "UTC" : zone.identifier }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

extension Timestamp {
    /// `HumanDate.format` of this instant in `zone`.
    public func human(_ language: Language, zone: TimeZone) -> String {
        HumanDate.format(date, language: language, zone: zone)
    }

    /// `HumanDate.text` of this instant in `zone`, for messages.
    public func humanText(zone: TimeZone) -> Text {
        HumanDate.text(date, zone: zone)
    }
}
