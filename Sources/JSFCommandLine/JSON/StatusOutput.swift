import ArgumentParser
import Foundation
import JeSaisFaire

/// What `jsf status --json` prints: the contract docs/cli.md describes, kept apart from the domain's types so that
/// the JSON stays stable when the model changes.
extension Status {
    struct Output: Encodable {
        struct RoundOutput: Encodable {
            var version: Int
            var opens: String
            var closes: String
            var open: Bool
        }

        struct Changes: Encodable {
            var files: [String]
            var added: [String]
            var changed: [String]
            var removed: [String]
        }

        var consultation: String
        var title: String
        var buyer: String
        var role: String?
        var draft: String?
        var round: RoundOutput?
        var unpublished: Changes
        var commitsSinceDraft: Int
        var hub: String?
        /// Drafts published in this clone that the hub does not hold yet ("v2"): 'jsf push' sends them.
        var notOnHub: [String] = []
        var approval: ApprovalOutput?
        var pseudonym: String?
        var proposals: [Mine]?
        /// A company's own proposal files that break the rules, apart (as in `jsf inbox --json`); absent when none.
        var invalid: [InvalidProposalOutput]?
        var lastFetch: Fetched?
    }

    struct ApprovalOutput: Encodable {
        var version: String
        var buyer: String
        var date: String
        var note: String

        init(_ approval: Approval) {
            version = "v\(approval.version)"
            buyer = approval.buyer
            date = approval.date
            note = approval.note
        }
    }

    struct Mine: Encodable {
        var id: String
        var kind: String
        var target: String
        var version: Int
        var status: String
        var state: String
        var answer: String?
    }

    struct Fetched: Encodable {
        var date: String
        var drafts: [String]
        var answered: [String]
    }
}
