import Foundation
internal import Git

/// What the repository records of a dialogue, read once for a document about it (`jsf report`): the drafts
/// published, the texts and indexes of those covered, every proposal and answer, and the buyer's approval.
/// A document is built from this value alone, without reading the repository itself.
public struct DialogueRecord: Sendable {
    /// Every published draft, oldest first.
    public var all: [Draft]
    /// The draft the record is limited to; nil when it covers them all.
    public var limit: Int?
    /// The drafts covered: up to `limit`, else all.
    public var drafts: [Draft]
    /// The consultation as of the last draft covered, with the rounds as the latest main records them
    /// (publishing a draft or closing a round moves the previous round's end).
    public var consultation: Consultation
    /// cctp.md of each draft covered, by version.
    public var sources: [Int: String]
    /// The index of each draft covered, by version.
    public var indexes: [Int: ClauseIndex]
    /// Every genuine proposal of every company branch.
    public var proposals: [ProposalRecord]
    /// The files on company branches that break the rules: left out of the record's counts, listed apart.
    public var invalid: [InvalidProposal]
    /// The agent's answers, by proposal id.
    public var responses: [String: Response]
    /// approval.yml at tag `final`, else on branch `published`; nil when none exists.
    public var approval: RecordedApproval?
    /// What was found malformed while reading proposals and answers (skipped, not fatal).
    public var problems: [Problem]

    /// The record of the drafts up to `version` ("v2" or "2"; all drafts when nil), as `role` reads the repository.
    public static func read(_ workspace: Workspace, upTo version: String?, role: Role) throws(JSFError) -> DialogueRecord {
        let all = try workspace.drafts()
        let limit = try version.map { name throws(JSFError) in try workspace.draft(name).version }
        let drafts = all.filter { limit == nil || $0.version <= limit! }

        var consultation: Consultation
        if let last = drafts.last {
            consultation = try workspace.consultation(at: last.commit)
            if let latest = try latestRounds(workspace, role: role) {
                consultation.rounds = latest.filter { $0.version <= last.version }
            }
        } else if let head = try workspace.headCommit(), (try? workspace.text(Layout.consultationFile, at: head)) != nil {
            consultation = try workspace.consultation(at: head)
        } else {
            consultation = try workspace.worktreeConsultation()
        }

        var sources: [Int: String] = [:]
        var indexes: [Int: ClauseIndex] = [:]
        for draft in drafts {
            (sources[draft.version], indexes[draft.version]) = try workspace.published(draft)
        }

        let listing = try ProposalStore.listing(workspace.repository, reader: workspace.sealReader)
        let (responses, responseProblems) = try Dialogue.responses(workspace.repository)
        let known = Set(listing.records.map(\.proposal.id) + listing.invalid.map(\.id))
        return DialogueRecord(
            all: all, limit: limit, drafts: drafts, consultation: consultation, sources: sources, indexes: indexes,
            proposals: listing.records, invalid: listing.invalid, responses: responses.filter { known.contains($0.key) },
            approval: try RecordedApproval.read(workspace),
            problems: listing.problems + listing.invalid.map(\.asProblem) + responseProblems
                + Dialogue.unanswerable(responses, known: known))
    }

    /// The rounds as the latest main records them: the agent's main, else origin's copy.
    static func latestRounds(_ workspace: Workspace, role: Role) throws(JSFError) -> [Round]? {
        let candidates = role == .agent ? [Layout.main, "refs/remotes/origin/main"] : ["refs/remotes/origin/main", Layout.main]
        for name in candidates {
            guard let tip = try gitCall(nil, { try workspace.repository.reference(named: name)?.target }) else { continue }
            if let consultation = try? workspace.consultation(at: tip) { return consultation.rounds }
        }
        return nil
    }
}

extension Draft {
    /// The draft's commit, in hex.
    public var commitHex: String { commit.hex }
}
