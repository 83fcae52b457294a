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
        /// On the approved draft: the reveals recorded on published after the approval (absent when none).
        var reveals: [RevealOutput]?
    }

    /// One reveals/<n>.yml on published: who opened which pseudonyms' identities, when (never the identities).
    struct RevealOutput: Encodable {
        var number: Int
        var commit: String
        var date: String
        var buyer: String
        var key: String
        var pseudonyms: [String]

        init(_ recorded: RecordedReveal) {
            number = recorded.reveal.number
            commit = recorded.commit.hex
            date = recorded.reveal.date
            buyer = recorded.reveal.buyer
            key = recorded.reveal.key
            pseudonyms = recorded.reveal.opened.map(\.pseudonym)
        }
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
