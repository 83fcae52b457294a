import Foundation

/// The dialogue of a consultation as a document an agent annexes to the tender file (`jsf report`): what was
/// published, what companies proposed (under pseudonyms only), what the agent answered and integrated, and the
/// register of every piece of information given to all participants (equal treatment, R2111-2).
///
/// Built from the repository alone by `ReportBuilder`; rendered by `HTMLReport` and `MarkdownReport`; encoded
/// as is by `jsf report --json`. Dates are ISO 8601 with an offset, in the clock's time zone. Nothing in it
/// names a company: a company is its pseudonym.
public struct DialogueReport: Sendable, Equatable, Codable {
    /// The model's format, 1.
    public var format: Int
    /// When the report was generated (the injected clock).
    public var generated: String
    public var consultation: ReportConsultation
    /// The latest draft the report covers ("v2"); nil before the first publication.
    public var currentDraft: String?
    /// The latest draft published, which differs from `currentDraft` when the report is limited with --version.
    public var latestDraft: String?
    /// The buyer's approval, when `final` (or the `published` branch) exists and approves a draft the report covers.
    public var approval: ReportApproval?
    /// The published drafts covered, oldest first.
    public var drafts: [ReportDraft]
    /// Clauses and criteria that received proposals or changed: document order of the current draft, removed ones after.
    public var clauses: [ReportClause]
    /// Every piece of information given to all participants, in chronological order.
    public var register: [RegisterEntry]
    public var totals: ReportTotals
}

public struct ReportConsultation: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var buyer: String
    public var cpv: [ReportCPV]
    public var departements: [ReportPlace]
    public var regions: [ReportPlace]
    public var procedure: String?
    public var estimatedAmount: Int?
}

public struct ReportCPV: Sendable, Equatable, Codable {
    /// "50312000-5" as written.
    public var code: String
    /// "50".
    public var division: String
    /// The division's official French label.
    public var label: String?
}

public struct ReportPlace: Sendable, Equatable, Codable {
    /// INSEE code ("67", "44").
    public var code: String
    public var name: String?
}

public struct ReportApproval: Sendable, Equatable, Codable {
    /// The approved draft.
    public var version: Int?
    public var buyer: String?
    public var date: String?
    public var note: String?
    /// Where it was read: "final" or "published".
    public var ref: String
    public var commit: String
}

public struct ReportRound: Sendable, Equatable, Codable {
    public var opens: String
    public var closes: String
}

public struct ReportDraft: Sendable, Equatable, Codable {
    public var version: Int
    /// "v2".
    public var name: String
    /// The publication date (the tag's).
    public var date: String
    /// The organisation that published it.
    public var author: String
    public var commit: String
    /// The changelog's first line.
    public var summary: String
    public var added: [String]
    public var changed: [String]
    public var removed: [String]
    /// Proposals this draft integrates.
    public var integrates: [String]
    /// Proposals answered since the previous draft.
    public var answers: [String]
    public var round: ReportRound?
}

public struct ReportClause: Sendable, Equatable, Codable {
    public var id: String
    public var number: String
    public var title: String
    /// clause | criterion.
    public var kind: String
    public var weight: Int?
    /// The draft that removed it; nil while it is in the current draft.
    public var removedIn: Int?
    public var proposals: [ReportProposal]
    /// How it changed between consecutive drafts.
    public var revisions: [ReportRevision]
}

public struct ReportWeight: Sendable, Equatable, Codable {
    public var id: String
    public var weight: Int
}

public struct ReportAnswer: Sendable, Equatable, Codable {
    public var date: String
    /// answered | accepted | partially-accepted | rejected | noted | integrated.
    public var status: String
    /// The draft that integrated the proposal, for `integrated`.
    public var version: Int?
    public var text: String
}

public struct ReportProposal: Sendable, Equatable, Codable {
    /// "7F3K9Q2M-3".
    public var id: String
    /// "7F3K9Q2M": the only thing the report says about the company.
    public var pseudonym: String
    /// solution | clarification | alternative.
    public var kind: String
    /// up | down | neutral | unknown.
    public var cost: String
    public var estimate: String?
    /// The draft it reacts to.
    public var version: Int
    public var created: String
    /// open, answered, accepted, partially-accepted, rejected, noted, integrated, withdrawn or superseded.
    public var status: String
    /// Against the current draft: current, outdated, orphaned or resolved.
    public var state: String
    public var supersedes: String?
    public var withdrawn: String?
    public var weights: [ReportWeight]?
    public var justification: String
    public var proposedText: String?
    /// The agent's thread, oldest first.
    public var answers: [ReportAnswer]
    /// The draft that integrated it.
    public var integratedIn: Int?
}

public struct ReportDiffOp: Sendable, Equatable, Codable {
    /// equal | delete | insert.
    public var op: String
    public var text: String
}

public struct ReportRevision: Sendable, Equatable, Codable {
    public var from: Int
    public var to: Int
    /// added, removed, modified, retitled, reweighted, moved, renumbered.
    public var changes: [String]
    public var oldTitle: String?
    public var newTitle: String?
    public var oldWeight: Int?
    public var newWeight: Int?
    /// The word-level redline of the clause's body; empty when only its title or weight changed.
    public var redline: [ReportDiffOp]
    /// Proposals on this clause that draft `to` integrates.
    public var integrates: [String]
}

/// One piece of information given to all participants.
public struct RegisterEntry: Sendable, Equatable, Codable {
    public var date: String
    /// draft (a published draft) | answer (the agent's answer to a proposal).
    public var kind: String
    /// The draft, for `draft`.
    public var version: Int?
    public var summary: String?
    public var round: ReportRound?
    /// The proposal answered, for `answer`.
    public var proposal: String?
    public var pseudonym: String?
    public var proposalKind: String?
    public var clause: String?
    public var clauseTitle: String?
    /// The company's question (the clarification's text), for an answer to a clarification.
    public var question: String?
    public var status: String?
    public var answer: String?
}

public struct KindCounts: Sendable, Equatable, Codable {
    public var solution = 0
    public var clarification = 0
    public var alternative = 0

    public init() {}

    mutating func add(_ kind: ProposalKind) {
        switch kind {
        case .solution: solution += 1
        case .clarification: clarification += 1
        case .alternative: alternative += 1
        }
    }

    public func count(_ kind: ProposalKind) -> Int {
        switch kind {
        case .solution: return solution
        case .clarification: return clarification
        case .alternative: return alternative
        }
    }
}

public struct CostCounts: Sendable, Equatable, Codable {
    public var up = 0
    public var down = 0
    public var neutral = 0
    public var unknown = 0

    public init() {}

    mutating func add(_ cost: CostImpact) {
        switch cost {
        case .up: up += 1
        case .down: down += 1
        case .neutral: neutral += 1
        case .unknown: unknown += 1
        }
    }

    public func count(_ cost: CostImpact) -> Int {
        switch cost {
        case .up: return up
        case .down: return down
        case .neutral: return neutral
        case .unknown: return unknown
        }
    }
}

public struct ClauseTotals: Sendable, Equatable, Codable {
    public var id: String
    public var number: String
    public var title: String
    public var proposals: Int
    public var kinds: KindCounts
    public var costs: CostCounts
}

public struct ReportTotals: Sendable, Equatable, Codable {
    /// Distinct pseudonyms that made proposals.
    public var participants: Int
    public var pseudonyms: [String]
    public var proposals: Int
    public var kinds: KindCounts
    public var costs: CostCounts
    /// Proposals by status (open, answered, …, withdrawn, superseded); absent statuses omitted.
    public var statuses: [String: Int]
    public var integrated: Int
    public var answered: Int
    public var rejected: Int
    /// Answers given by the agent (messages of the threads, integrations excluded).
    public var answers: Int
    /// Per clause with proposals, in the order of `clauses`.
    public var clauses: [ClauseTotals]
}
