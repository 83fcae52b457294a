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
        /// A confidential proposal: "opened" when this reader holds its content, "sealed" when not (the justification
        /// is then the fixed text of its public file); absent for a public one.
        var confidential: String?
        /// When its company made a confidential proposal public.
        var shared: String?
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
        /// The genuine proposals listed (the invalid ones are not counted).
        var total: Int
        var clauses: [GroupOutput]
        /// The files on proposal branches that break the rules, apart; absent when there is none.
        var invalid: [InvalidProposalOutput]?

        /// Its members as JSONStream writes them, the same bytes as its encoding whole, a clause at a time.
        var members: [String: JSONMember?] {
            [
                "draft": draft.map { .value($0) }, "lastFetch": lastFetch.map { .value($0) }, "total": .value(total),
                "clauses": .array(clauses), "invalid": invalid.map { .array($0) },
            ]
        }
    }
}

/// A proposal file that breaks the rules, as `jsf inbox --json` and `jsf status --json` give it (docs/cli.md):
/// never among the genuine proposals, never counted.
struct InvalidProposalOutput: Encodable {
    struct Reason: Encodable {
        var file: String
        var line: Int?
        var code: String
        var message: String
    }

    var id: String
    var pseudonym: String
    var file: String
    var valid = false
    /// What could be read of it; absent when it cannot be read as a proposal.
    var kind: String?
    var target: String?
    var version: Int?
    var cost: String?
    var created: String?
    var reasons: [Reason]

    init(_ invalid: InvalidProposal, _ c: Console) {
        id = invalid.id
        pseudonym = invalid.pseudonym.code
        file = invalid.file
        kind = invalid.proposal?.kind.rawValue
        target = invalid.proposal?.target
        version = invalid.proposal?.version
        cost = invalid.proposal?.cost.rawValue
        created = invalid.proposal?.created
        reasons = invalid.reasons.map { Reason(file: $0.file, line: $0.line, code: $0.code, message: c.t($0.message)) }
    }

    /// The human lines: "  7F3K9Q2M-3  INVALID  solution  livraison  v1", then one line per reason.
    static func lines(_ invalid: InvalidProposal, _ c: Console) -> [String] {
        let what =
            invalid.proposal.map { p in
                "  \(c.word(p.kind.rawValue, p.kind.label))  \(p.target)  v\(p.version)"
            } ?? ""
        return [c.paint("  \(invalid.id)  " + c.t("INVALID", "INVALIDE"), .red) + what]
            + invalid.reasons.map { "      - \($0.location)\(c.t(": ", " : "))\(c.t($0.message))" }
    }
}
