import Foundation
internal import Git

extension Workspace {
    /// The zone the consultation's dates are read and shown in: `time_zone` of consultation.yml in the working tree,
    /// else on main, else Europe/Paris (a file that names none, or one that cannot be read).
    public func timeZone() -> TimeZone {
        if let text = try? worktreeText(Layout.consultationFile), let consultation = Consultation.parse(text).0 {
            return consultation.timeZone
        }
        if let main = try? trustedMain(), let text = try? text(Layout.consultationFile, at: main),
            let consultation = Consultation.parse(text).0
        {
            return consultation.timeZone
        }
        return TimeZoneCheck.defaultZone
    }
}
