import Foundation
internal import Git

/// The times a company writes — its commits, `created`, `withdrawn` — rounded down to the hour, in UTC
/// (docs/format.md): whoever reads several hubs cannot link one company's proposals by their timing. The order of
/// a branch's proposals comes from their numbers.
enum CompanyTime {
    static let utc = TimeZone(identifier: "UTC")!
    static let granularity = 3600

    /// `date` rounded down to the whole hour.
    static func rounded(_ date: Date) -> Date {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let step = Int64(granularity)
        return Date(timeIntervalSince1970: TimeInterval(seconds - ((seconds % step) + step) % step))
    }

    /// As `created` and `withdrawn` are written: "2027-01-05T09:00:00+00:00".
    static func stamp(_ date: Date) -> String { Timestamp.format(rounded(date), timeZone: utc) }

    /// Whether a written date is a whole hour in UTC ("…T09:00:00+00:00" or "…T09:00:00Z").
    static func isRounded(_ text: String) -> Bool {
        guard let timestamp = Timestamp(text), timestamp.offset == 0 else { return false }
        return timestamp.date == rounded(timestamp.date)
    }

    /// Whether a commit's author or committer is dated as a company's writes are: a whole hour, +0000.
    static func isRounded(_ signature: Signature) -> Bool {
        signature.offsetMinutes == 0 && signature.time == rounded(signature.time)
    }

    /// A company's clone keeps no reflog that libgit2 would date by the machine's clock and time zone (even the
    /// first ref updates of `jsf clone`, a fetch's, a push's): reflogs are off there (core.logAllRefUpdates = false),
    /// and what a clone made by an older jsf logged is rewritten once, under the clone's pseudonymous identity,
    /// rounded down to the hour, +0000.
    static func keepReflogsNeutral(_ repository: Repository) throws(JSFError) {
        try gitCall(Text(en: "cannot configure the clone", fr: "impossible de configurer le clone")) {
            if try repository.reflogsEnabled() {
                // Not user.name: outside the clone's own config, that is the person's git identity.
                let name = try repository.configValue("jsf.pseudonym").flatMap { Pseudonym(code: $0)?.code } ?? "jsf"
                try repository.rewriteReflogs(name: name, email: "\(name.lowercased())@pseudonym.jsf.invalid", granularity: granularity)
                try repository.disableReflogs()
            }
        }
    }
}
