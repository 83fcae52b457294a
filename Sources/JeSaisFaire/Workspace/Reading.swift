import Foundation
internal import Git

/// Where a consultation stands: its latest draft, its round, and what is not published yet.
public struct StatusReport: Sendable {
    public var consultation: Consultation
    public var latest: Draft?
    public var round: Round?
    public var roundOpen: Bool
    /// Files of the working tree that differ from the latest draft (or from HEAD before the first).
    public var changedFiles: [String]
    /// Clause changes of the working tree against the latest draft.
    public var unpublished: IndexChanges
    public var commitsSinceDraft: Int
    public var hub: String?
    /// The buyer's approval (tag final), once given.
    public var approval: Approval?
    /// Drafts published here that the hub does not hold yet (their push failed or was skipped), oldest first.
    public var notOnHub: [Draft] = []
}

public enum Reading {
    static func status(_ workspace: Workspace, clock: Clock) throws(JSFError) -> StatusReport {
        let consultation = try workspace.worktreeConsultation()
        let drafts = try workspace.drafts()
        let latest = drafts.last
        let head = try workspace.headCommit()
        let base = latest?.commit ?? head
        var changedFiles: [String] = []
        var baseIndex: ClauseIndex?
        var committedCCTP: (text: String?, id: ObjectID?) = (nil, nil)
        var worktreeCCTP: String??
        if let base {
            for file in Layout.files {
                let committed = try workspace.text(file, at: base)
                let current = try workspace.worktreeText(file)
                if file == Layout.cctpFile { (committedCCTP, worktreeCCTP) = ((committed, try workspace.blobIDs(at: base)[file]), .some(current)) }
                if file == Layout.indexFile, latest != nil, let committed {
                    baseIndex = try? Workspace.require(
                        ClauseIndex.parse(committed, file: "\(base.short):\(Layout.indexFile)"), file: Layout.indexFile)
                }
                if file == Layout.consultationFile, let committed, current != nil {
                    let a = Consultation.parse(committed).0?.withoutRounds
                    let b = consultation.withoutRounds
                    if a != b || a == nil { changedFiles.append(file) }
                } else if committed != current {
                    changedFiles.append(file)
                }
            }
            if try workspace.worktreeAssets() != workspace.assets(at: base) { changedFiles.append(Assets.directory + "/") }
        }
        var unpublished = IndexChanges(from: nil, to: ClauseIndex(entries: []))
        if worktreeCCTP == nil { worktreeCCTP = .some(try workspace.worktreeText(Layout.cctpFile)) }
        if let source = worktreeCCTP ?? nil {
            let version = (latest?.version ?? 0) + 1
            // A text whose every heading has its id needs none assigned: its outline has the clauses.
            if let index = workspace.outline(ofCCTP: source, committed: committedCCTP).index(previous: baseIndex, version: version) {
                unpublished = IndexChanges(from: baseIndex, to: index)
            } else if let clauses = try? CCTPText(parsing: source).withIDsAssigned().clauses() {
                unpublished = IndexChanges(from: baseIndex, to: ClauseIndex.derive(from: clauses, previous: baseIndex, version: version))
            }
        }
        var commitsSince = 0
        if let latest, let head, head != latest.commit {
            var cursor: ObjectID? = head
            while let id = cursor, id != latest.commit, commitsSince < 1000 {
                commitsSince += 1
                cursor = try gitCall { try workspace.repository.commit(id).parents.first }
            }
        }
        let round = latest.flatMap { draft in consultation.rounds.first { $0.version == draft.version } }
        return StatusReport(
            consultation: consultation, latest: latest, round: round, roundOpen: round?.isOpen(at: clock.now) ?? false,
            changedFiles: changedFiles, unpublished: unpublished, commitsSinceDraft: commitsSince,
            hub: try Sync.hub(of: workspace), approval: try Approval.current(workspace), notOnHub: try workspace.draftsNotOnHub(drafts))
    }

    /// One line per draft: what `jsf log` shows.
    public struct DraftSummary: Sendable {
        public var draft: Draft
        public var changes: IndexChanges
        public var clauses: Int
        public var integrates: [String] { draft.trailer("Integrates") }
        public var answers: [String] { draft.trailer("Answers") }
    }

    static func log(_ workspace: Workspace) throws(JSFError) -> [DraftSummary] {
        var previous: ClauseIndex?
        var summaries: [DraftSummary] = []
        for draft in try workspace.drafts() {
            let index = try workspace.index(at: draft.commit)
            summaries.append(DraftSummary(draft: draft, changes: IndexChanges(from: previous, to: index), clauses: index.entries.count))
            previous = index
        }
        return summaries
    }

    /// The revision a reading command looks at: a draft ("v2"), or HEAD when none is named.
    static func revision(_ workspace: Workspace, version: String?) throws(JSFError) -> (name: String, commit: RevisionID) {
        if let version {
            let draft = try workspace.draft(version)
            return (draft.name, draft.revision)
        }
        guard let head = try workspace.headCommit() else {
            throw JSFError(.refused, Text(en: "nothing is committed yet", fr: "rien n'est encore commité"))
        }
        return ("HEAD", RevisionID(head))
    }

    /// The text of one clause (its heading and body) as written in cctp.md; with its sub-clauses, the whole
    /// section (up to the next heading of its level or above).
    public static func clauseSource(_ source: String, id: String, withSubclauses: Bool = false) -> String? {
        let text = CCTPText(parsing: source)
        guard let index = text.headings.firstIndex(where: { $0.id == id }) else { return nil }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let start = text.headings[index].line - 1
        let next = withSubclauses ? text.sectionEnd(ofHeadingAt: index) : index + 1
        let end = next < text.headings.count ? text.headings[next].line - 1 : lines.count
        var slice = Array(lines[start..<min(end, lines.count)])
        while let last = slice.last, last.trimmingCharacters(in: .whitespaces).isEmpty { slice.removeLast() }
        return slice.joined(separator: "\n") + "\n"
    }
}
