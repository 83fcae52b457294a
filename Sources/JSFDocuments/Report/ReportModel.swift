import Foundation
import JeSaisFaire

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
    /// What the buyer reads first: who took part, what was proposed, integrated, and what stays unresolved.
    public var summary: ReportSummary
    /// Every clause and criterion the report names (in drafts, weights, the register, the summary), by id, with the
    /// number and title it had in the latest draft that held it: the renderers never show a slug alone.
    public var clauseNames: [ReportClauseName]
    /// Whom the copy is for: "internal" (the agent's and buyers', with the confidential proposals they can open),
    /// or absent for the public copy, which marks confidential proposals without their content.
    public var audience: String? = nil
}

public struct ReportClauseName: Sendable, Equatable, Codable {
    public var id: String
    /// "9.1"; empty for an unnumbered heading.
    public var number: String
    public var title: String
    public var kind: ClauseKind
}

/// A proposal as the summary lists it.
public struct ReportSummaryItem: Sendable, Equatable, Codable {
    public var proposal: String
    public var pseudonym: String
    public var kind: ProposalKind
    public var clause: String
    public var status: ProposalStatus
    /// The draft that integrated it, in `integrated`.
    public var version: Int?
}

public struct ReportSummary: Sendable, Equatable, Codable {
    /// Distinct pseudonyms that made proposals.
    public var participants: Int
    public var proposals: Int
    public var kinds: KindCounts
    /// Proposals a draft integrates, with that draft.
    public var integrated: [ReportSummaryItem]
    /// Proposals without any answer (neither withdrawn nor superseded).
    public var unanswered: [ReportSummaryItem]
    /// Proposals not resolved whose clause changed since the draft they react to.
    public var outdated: [ReportSummaryItem]
    /// Proposals not resolved whose clause is no longer in the current draft.
    public var orphaned: [ReportSummaryItem]
    /// The consultation's eligibility: group, division or open.
    public var eligibility: Eligibility.Scope
    /// What each pseudonym declared it takes part by, in the order of `ReportTotals.pseudonyms`.
    public var declarations: [ReportDeclaration]
}

/// The basis a pseudonym declared in its proposals (`declared:`): one entry per distinct basis.
public struct ReportDeclaration: Sendable, Equatable, Codable {
    public var pseudonym: String
    /// The CPV group (or division) it shares with the consultation; nil when its proposals declare none.
    public var cpv: String?
    /// Its département in the territory, or `national`; nil when its proposals declare none.
    public var territory: String?
    /// Why the consultation does not admit this basis; nil when it does.
    public var problem: Text?
}

public struct ReportConsultation: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var buyer: String
    public var cpv: [ReportCPV]
    public var departements: [ReportPlace]
    public var regions: [ReportPlace]
    /// The IANA zone every date of the report is given in (`time_zone`).
    public var timeZone: String
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
    public var kind: ClauseKind
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
    public var status: ResponseStatus
    /// The draft that integrated the proposal, for `integrated`.
    public var version: Int?
    public var text: String
    /// For `integrated`: the draft carries the proposal adjusted by the agent.
    public var withChanges: Bool
    /// An erratum: it corrects the answer of `corrects` (a date), which stays in the thread.
    public var erratum: Bool
    public var corrects: String?
    /// When an erratum corrected this answer; nil while it stands.
    public var correctedOn: String?
    /// The agent who signed the answer, when they chose to.
    public var signedBy: String?
}

public struct ReportProposal: Sendable, Equatable, Codable {
    /// "7F3K9Q2M-3".
    public var id: String
    /// "7F3K9Q2M": the only thing the report says about the company.
    public var pseudonym: String
    public var kind: ProposalKind
    public var cost: CostImpact
    public var estimate: String?
    /// The draft it reacts to.
    public var version: Int
    public var created: String
    public var status: ProposalStatus
    /// Against the current draft.
    public var state: CarryOver
    public var supersedes: String?
    public var withdrawn: String?
    public var weights: [ReportWeight]?
    public var justification: String
    public var proposedText: String?
    /// The agent's thread, oldest first.
    public var answers: [ReportAnswer]
    /// The draft that integrated it.
    public var integratedIn: Int?
    /// A confidential proposal: "withheld" (its content is not in this copy) or "included" (the internal copy).
    public var confidential: String? = nil
    /// When its company made a confidential proposal public (its specific consent).
    public var shared: String? = nil
}

public struct ReportDiffOp: Sendable, Equatable, Codable {
    public enum Op: String, Sendable, Codable { case equal, delete, insert }

    public var op: Op
    public var text: String
}

public struct ReportRevision: Sendable, Equatable, Codable {
    public var from: Int
    public var to: Int
    public var changes: [ClauseChange.Kind]
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
    public enum Kind: String, Sendable, Codable {
        /// A published draft.
        case draft
        /// The agent's answer to a proposal.
        case answer
        /// The end of a draft's round: at its term, closed early by the agent (`jsf round close`), or by the next draft.
        case roundClosed
        /// The buyer's approval of a draft.
        case approval
    }

    /// Why a round ended.
    public enum Closing: String, Sendable, Codable {
        /// Its planned end passed.
        case term
        /// The agent closed it early (`jsf round close`).
        case agent
        /// The next draft was published before its planned end.
        case draft
    }

    public var date: String
    public var kind: Kind
    /// The draft, for `draft`, `roundClosed` and `approval`.
    public var version: Int?
    public var summary: String?
    /// The round the draft opens as its publication announced it (its planned end), for `draft`; the round as it
    /// ran, for `roundClosed`.
    public var round: ReportRound?
    /// Why the round ended, for `roundClosed`.
    public var closing: Closing?
    /// The end the round was published with, for `roundClosed` when it ended before it.
    public var plannedCloses: String?
    /// Who approved, and the note, for `approval`.
    public var buyer: String?
    public var note: String?
    /// The proposal answered, for `answer`.
    public var proposal: String?
    public var pseudonym: String?
    public var proposalKind: ProposalKind?
    public var clause: String?
    public var clauseTitle: String?
    /// The company's question (the clarification's text), for the first answer to a clarification.
    public var question: String?
    /// 1 for the first answer to the proposal, 2 for the next…, for `answer`.
    public var answerNumber: Int?
    /// For an erratum: the date of the answer it corrects.
    public var corrects: String?
    /// The agent who signed the answer, when they chose to.
    public var signedBy: String?
    public var status: ResponseStatus?
    public var answer: String?
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
