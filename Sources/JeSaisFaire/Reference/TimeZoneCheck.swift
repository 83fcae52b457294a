import Foundation

/// The time zone of a consultation (`time_zone` in consultation.yml, `jsf init --time-zone`): an IANA name, checked
/// against the zones Foundation knows, with the zones of France's overseas territories at hand.
public enum TimeZoneCheck {
    /// The zone of a consultation whose file names none.
    public static let defaultIdentifier = "Europe/Paris"

    /// The zone of a consultation whose file names none.
    public static var defaultZone: TimeZone { TimeZone(identifier: defaultIdentifier)! }

    /// The zone of each overseas département.
    public static let departementZones: [String: String] = [
        "971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne", "974": "Indian/Reunion",
        "976": "Indian/Mayotte",
    ]

    /// The zones French buyers use: metropolitan France, the overseas départements and collectivités.
    public static let frenchZones = [
        "Europe/Paris", "America/Guadeloupe", "America/Martinique", "America/Cayenne", "Indian/Reunion", "Indian/Mayotte",
        "America/Miquelon", "Pacific/Noumea", "Pacific/Tahiti", "Pacific/Wallis",
    ]

    /// The zone named `identifier`, written exactly as the IANA database does ("Europe/Paris", "UTC"); nil otherwise.
    public static func zone(_ identifier: String) -> TimeZone? {
        guard identifier == "UTC" || known.contains(identifier) else { return nil }
        return TimeZone(identifier: identifier)
    }

    /// The zone to propose for a territory: that of its overseas département when it has only one, Europe/Paris otherwise.
    public static func proposed(departements: [String], regions: [String]) -> String {
        let all = Set(departements + regions.flatMap { code in Territory.regions.first { $0.code == code }?.departements ?? [] })
        let zones = Set(all.map { departementZones[$0] ?? defaultIdentifier })
        return zones.count == 1 ? zones.first! : defaultIdentifier
    }

    /// Why `identifier` is refused, with the closest zones when some are close.
    public static func problem(_ identifier: String) -> Text {
        let close = suggestions(for: identifier)
        let guess = close.isEmpty ? "" : close.joined(separator: ", ")
        return Text(
            en: "'\(identifier)' is not an IANA time zone" + (guess.isEmpty ? "" : ": did you mean \(guess)?"),
            fr: "'\(identifier)' n'est pas un fuseau horaire IANA" + (guess.isEmpty ? "" : " : vouliez-vous dire \(guess) ?"))
    }

    /// The hint that goes with `problem`.
    public static var hint: Text {
        let list = frenchZones.joined(separator: ", ")
        return Text(en: "write an IANA name such as \(list)", fr: "écrivez un nom IANA comme \(list)")
    }

    /// Up to three known zones close to `identifier`: the same name in another case, the same city, or a few letters away.
    public static func suggestions(for identifier: String) -> [String] {
        let wanted = identifier.lowercased().replacingOccurrences(of: " ", with: "_")
        guard !wanted.isEmpty else { return [] }
        let candidates = known.sorted()
        if let same = candidates.first(where: { $0.lowercased() == wanted }) { return [same] }
        let city = wanted.split(separator: "/").last.map(String.init) ?? wanted
        let sameCity = candidates.filter { $0.lowercased().split(separator: "/").last.map(String.init) == city }
        if !sameCity.isEmpty { return Array(sameCity.prefix(3)) }
        let scored = candidates.map { ($0, distance(wanted, $0.lowercased())) }.filter { $0.1 <= max(2, wanted.count / 4) }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }

    private static let known = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])

    /// Levenshtein's distance, on bytes (the names are ASCII).
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for j in b.indices {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
