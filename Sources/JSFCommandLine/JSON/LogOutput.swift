import ArgumentParser
import Foundation
import JeSaisFaire

/// What `jsf log --json` prints: the contract docs/cli.md describes, kept apart from the domain's types so that
/// the JSON stays stable when the model changes.
extension Log {
    struct Output: Encodable {
        var version: String
        var date: String
        var author: String
        var commit: String
        var summary: String
        var message: String
        var clauses: Int
        var changed: Int
        var added: [String]
        var modified: [String]
        var removed: [String]
        var integrates: [String]
        var answers: [String]
        var approval: Status.ApprovalOutput?
    }

    struct KeyOutput: Encodable {
        var commit: String
        var date: String
        var change: String
        var role: String
        var name: String
        var key: String
        var fingerprint: String
    }
}
