import Foundation

/// Where time comes from: `JSF_NOW` when set (tests, demos), the system clock otherwise.
public struct Clock: Sendable {
    public let now: Date
    /// The machine's zone (`TZ`): the offset of commits and of the times written outside consultation.yml. The
    /// consultation's own dates (rounds, `--until`, what people read) are in its zone, `Consultation.timeZone`.
    public let timeZone: TimeZone

    public init(now: Date, timeZone: TimeZone = .current) {
        self.now = now
        self.timeZone = timeZone
    }

    public static func from(environment: [String: String]) throws(JSFError) -> Clock {
        let zone = environment["TZ"].flatMap { TimeZone(identifier: $0) } ?? .current
        guard let fixed = environment["JSF_NOW"], !fixed.isEmpty else { return Clock(now: Date(), timeZone: zone) }
        guard let date = Timestamp.parse(fixed, timeZone: zone) else {
            throw JSFError(
                .usage,
                Text(
                    en: "JSF_NOW='\(fixed)' is not an ISO 8601 date and time",
                    fr: "JSF_NOW='\(fixed)' n'est pas une date et heure ISO 8601"),
                hints: [
                    Text(
                        en: "write it like 2027-01-15T17:00:00+01:00",
                        fr: "écrivez-la comme 2027-01-15T17:00:00+01:00")
                ])
        }
        // A fixed clock is an instant: without its offset it would depend on the machine's TZ.
        guard fixed.contains("T"), fixed.hasSuffix("Z") || fixed.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil else {
            throw JSFError(
                .usage,
                Text(
                    en: "JSF_NOW='\(fixed)' has no offset: a fixed clock is an instant, not a time of some zone",
                    fr: "JSF_NOW='\(fixed)' n'a pas de décalage horaire : une horloge fixe est un instant, pas une heure d'un fuseau"),
                hints: [
                    Text(
                        en: "write it like 2027-01-15T17:00:00+01:00 or 2027-01-15T16:00:00Z",
                        fr: "écrivez-la comme 2027-01-15T17:00:00+01:00 ou 2027-01-15T16:00:00Z")
                ])
        }
        return Clock(now: date, timeZone: zone)
    }
}
