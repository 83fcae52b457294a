import ArgumentParser
import Foundation
import JeSaisFaire

/// What `jsf inbox --json` prints: the contract docs/cli.md describes, kept apart from the domain's types so that
/// the JSON stays stable when the model changes.
extension Inbox {
    struct ProposalOutput: Encodable {
        var id: String
        var pseudonym: String
        var kind: String
        var target: String
        var version: Int
        var cost: String
        var estimate: String?
        var status: String
        var state: String
        /// First seen by this clone after its round closed.
        var late: Bool
        var created: String
        var supersedes: String?
        var withdrawn: String?
        var weights: [String: Int]?
        var justification: String
        var proposedText: String?
        var answers: [AnswerOutput]
    }

    struct AnswerOutput: Encodable {
        var created: String
        var status: String
        var version: Int?
        var text: String
        /// This answer corrects the one before it (`jsf comment --erratum`).
        var erratum: Bool
        /// When a later erratum corrected this answer: that erratum's date; absent while it stands.
        var correctedOn: String?
        /// For `integrated`: the draft carries the proposal adjusted by the agent.
        var withChanges: Bool
        var signedBy: String?
    }

    struct Tally: Encodable {
        var solution = 0, clarification = 0, alternative = 0
        var up = 0, down = 0, neutral = 0, unknown = 0

        init(_ counts: ProposalCounts) {
            (solution, clarification, alternative) = (counts.kinds.solution, counts.kinds.clarification, counts.kinds.alternative)
            (up, down, neutral, unknown) = (counts.costs.up, counts.costs.down, counts.costs.neutral, counts.costs.unknown)
        }
    }

    struct GroupOutput: Encodable {
        var id: String
        var number: String?
        var title: String?
        var kind: String?
        var removed: Bool
        var counts: Tally
        var proposals: [ProposalOutput]
    }

    struct Output: Encodable {
        var draft: String?
        /// When this clone last fetched from its hub (ISO 8601); absent when never, or without a hub.
        var lastFetch: String?
        var total: Int
        var clauses: [GroupOutput]
    }
}
