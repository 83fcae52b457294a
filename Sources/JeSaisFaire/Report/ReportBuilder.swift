import Foundation
import Git
import Yams

/// Builds the report model from the repository: drafts (tags vN), their texts and indexes, the proposal branches
/// and the agent's answers on the dialogue branch, and the buyer's approval.
public enum ReportBuilder {
    /// The report of the drafts up to `version` ("v2" or "2"; all drafts when nil), as the clock sees it now.
    /// Returns the problems found while reading proposals and answers (malformed files are skipped, not fatal).
    public static func build(_ workspace: Workspace, upTo version: String?, role: Role, clock: Clock) throws(JSFError)
        -> (report: DialogueReport, problems: [Problem]) {
        let zone = clock.timeZone
        func stamp(_ text: String) -> String { Timestamp.parse(text, timeZone: zone).map { Timestamp.format($0, timeZone: zone) } ?? text }
        func stamp(_ date: Date) -> String { Timestamp.format(date, timeZone: zone) }

        let all = try workspace.drafts()
        let limit = try version.map { name throws(JSFError) in try workspace.draft(name).version }
        let drafts = all.filter { limit == nil || $0.version <= limit! }
        // Everything after the next draft's publication is out of scope.
        let cutoff = all.first { $0.version > (limit ?? Int.max) }?.date

        // The consultation as of the last draft covered, with the rounds as the latest main records them
        // (publishing a draft or closing a round moves the previous round's end).
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

        // Texts and indexes of the drafts covered.
        var sources: [Int: String] = [:]
        var indexes: [Int: ClauseIndex] = [:]
        for draft in drafts {
            sources[draft.version] = try workspace.text(Layout.cctpFile, at: draft.commit) ?? ""
            indexes[draft.version] = try workspace.index(at: draft.commit)
        }
        let currentIndex = drafts.last.flatMap { indexes[$0.version] }

        // Proposals and answers within scope.
        let (records, proposalProblems) = try ProposalStore.all(workspace.repository)
        let (responses, responseProblems) = try Dialogue.responses(workspace.repository)
        func before(_ text: String?) -> Bool {
            guard let cutoff else { return true }
            guard let text, let date = Timestamp.parse(text, timeZone: zone) else { return true }
            return date < cutoff
        }
        let inScope = records.filter { $0.proposal.version <= (limit ?? Int.max) && before($0.proposal.created) }
        let withdrawn = Set(inScope.filter { $0.proposal.withdrawn != nil && before($0.proposal.withdrawn) }.map(\.proposal.id))
        let superseded = Set(inScope.compactMap { withdrawn.contains($0.proposal.id) ? nil : $0.proposal.supersedes })
        let scopeLimit = limit ?? Int.max

        var proposalsByClause: [String: [ReportProposal]] = [:]
        var proposalOrder: [String] = []
        for record in inScope {
            let p = record.proposal
            let entries = (responses[p.id]?.entries ?? []).filter { entry in
                entry.status == .integrated ? (entry.version ?? 0) <= scopeLimit : before(entry.created)
            }
            let latest = entries.last?.status
            let status: String
            if withdrawn.contains(p.id) {
                status = "withdrawn"
            } else if superseded.contains(p.id) {
                status = "superseded"
            } else {
                status = latest?.rawValue ?? "open"
            }
            let target = currentIndex?[p.target]
            let state: CarryOver
            if withdrawn.contains(p.id) || superseded.contains(p.id) || [.integrated, .answered, .rejected].contains(latest) {
                state = .resolved
            } else if target == nil {
                state = .orphaned
            } else if target?.hash != p.targetHash {
                state = .outdated
            } else {
                state = .current
            }
            let proposal = ReportProposal(
                id: p.id, pseudonym: p.pseudonym.code, kind: p.kind.rawValue, cost: p.cost.rawValue, estimate: p.estimate,
                version: p.version, created: stamp(p.created), status: status, state: state.rawValue, supersedes: p.supersedes,
                withdrawn: withdrawn.contains(p.id) ? p.withdrawn.map(stamp) : nil,
                weights: p.weights.map { $0.map { ReportWeight(id: $0.id, weight: $0.weight) } },
                justification: p.justification, proposedText: p.proposedText,
                answers: entries.map { ReportAnswer(date: stamp($0.created), status: $0.status.rawValue, version: $0.version, text: $0.text) },
                integratedIn: entries.last { $0.status == .integrated }?.version)
            if proposalsByClause[p.target] == nil { proposalOrder.append(p.target) }
            proposalsByClause[p.target, default: []].append(proposal)
        }
        for key in proposalsByClause.keys {
            proposalsByClause[key]?.sort { ($0.created, $0.id) < ($1.created, $1.id) }
        }

        // Drafts, and the clause-level changes between consecutive drafts.
        var reportDrafts: [ReportDraft] = []
        var revisions: [String: [ReportRevision]] = [:]
        var removedIn: [String: Int] = [:]
        var lastEntry: [String: (entry: IndexEntry, position: Int)] = [:]
        var previous: Draft?
        for draft in drafts {
            let index = indexes[draft.version]!
            for (position, entry) in index.entries.enumerated() { lastEntry[entry.id] = (entry, position) }
            let changes = IndexChanges(from: previous.flatMap { indexes[$0.version] }, to: index)
            let integrates = draft.trailer("Integrates")
            let round = consultation.rounds.first { $0.version == draft.version }.map { ReportRound(opens: stamp($0.opens), closes: stamp($0.closes)) }
            reportDrafts.append(ReportDraft(version: draft.version, name: draft.name, date: stamp(draft.date), author: draft.author,
                                            commit: draft.commit.hex, summary: draft.summary, added: changes.added, changed: changes.changed,
                                            removed: changes.removed, integrates: integrates, answers: draft.trailer("Answers"), round: round))
            if let previous, let old = sources[previous.version], let new = sources[draft.version] {
                let targets = Dictionary(inScope.map { ($0.proposal.id, $0.proposal.target) }, uniquingKeysWith: { a, _ in a })
                for change in ClauseDiff.compare(old, new) {
                    let content: Set<ClauseChange.Kind> = [.added, .removed, .modified, .retitled, .reweighted]
                    guard change.kinds.contains(where: content.contains) else { continue }
                    let ops: [DiffOp]
                    if change.kinds.contains(.added) {
                        ops = change.new.map { [.insert($0.body)] } ?? []
                    } else if change.kinds.contains(.removed) {
                        ops = change.old.map { [.delete($0.body)] } ?? []
                        removedIn[change.id] = draft.version
                    } else {
                        ops = change.ops
                    }
                    let retitled = change.kinds.contains(.retitled)
                    let reweighted = change.kinds.contains(.reweighted)
                    revisions[change.id, default: []].append(ReportRevision(
                        from: previous.version, to: draft.version, changes: change.kinds.map(\.rawValue),
                        oldTitle: retitled ? change.old?.title : nil, newTitle: retitled ? change.new?.title : nil,
                        oldWeight: reweighted ? change.old?.weight : nil, newWeight: reweighted ? change.new?.weight : nil,
                        redline: Self.wordsOnly(ops).map(Self.op), integrates: integrates.filter { targets[$0] == change.id }))
                }
            }
            previous = draft
        }
        // A clause removed and later re-added is not removed.
        for id in removedIn.keys where currentIndex?[id] != nil { removedIn[id] = nil }

        // Clauses with proposals or changes: document order of the current draft, then the others.
        let wanted = Set(proposalOrder).union(revisions.keys)
        let present = (currentIndex?.entries ?? []).map(\.id).filter { wanted.contains($0) }
        let absent = wanted.subtracting(present).sorted { a, b in
            let ra = removedIn[a] ?? Int.max, rb = removedIn[b] ?? Int.max
            if ra != rb { return ra < rb }
            let pa = lastEntry[a]?.position ?? Int.max, pb = lastEntry[b]?.position ?? Int.max
            return pa != pb ? pa < pb : a < b
        }
        let clauses = (present + absent).map { id -> ReportClause in
            let entry = currentIndex?[id] ?? lastEntry[id]?.entry
            return ReportClause(id: id, number: entry?.number ?? "", title: entry?.title ?? id, kind: entry?.kind.rawValue ?? "clause",
                                weight: entry?.weight, removedIn: currentIndex?[id] == nil ? removedIn[id] : nil,
                                proposals: proposalsByClause[id] ?? [], revisions: revisions[id] ?? [])
        }

        // The register: drafts and answers, chronologically.
        var register: [(date: Date?, order: Int, entry: RegisterEntry)] = []
        for (draft, report) in zip(drafts, reportDrafts) {
            register.append((draft.date, 0, RegisterEntry(date: report.date, kind: "draft", version: draft.version, summary: draft.summary,
                                                          round: report.round)))
        }
        for clause in clauses {
            for proposal in clause.proposals {
                for answer in proposal.answers where answer.status != ResponseStatus.integrated.rawValue {
                    register.append((Timestamp.parse(answer.date, timeZone: zone), 1, RegisterEntry(
                        date: answer.date, kind: "answer", proposal: proposal.id, pseudonym: proposal.pseudonym, proposalKind: proposal.kind,
                        clause: clause.id, clauseTitle: clause.title,
                        question: proposal.kind == ProposalKind.clarification.rawValue ? proposal.justification : nil,
                        status: answer.status, answer: answer.text)))
                }
            }
        }
        register.sort { a, b in
            let da = a.date ?? .distantPast, db = b.date ?? .distantPast
            if da != db { return da < db }
            if a.order != b.order { return a.order < b.order }
            return (a.entry.proposal ?? "") < (b.entry.proposal ?? "")
        }

        // Totals.
        let proposals = clauses.flatMap(\.proposals)
        var kinds = KindCounts(), costs = CostCounts()
        var statuses: [String: Int] = [:]
        for p in proposals {
            if let kind = ProposalKind(rawValue: p.kind) { kinds.add(kind) }
            if let cost = CostImpact(rawValue: p.cost) { costs.add(cost) }
            statuses[p.status, default: 0] += 1
        }
        let clauseTotals = clauses.filter { !$0.proposals.isEmpty }.map { clause -> ClauseTotals in
            var k = KindCounts(), c = CostCounts()
            for p in clause.proposals {
                if let kind = ProposalKind(rawValue: p.kind) { k.add(kind) }
                if let cost = CostImpact(rawValue: p.cost) { c.add(cost) }
            }
            return ClauseTotals(id: clause.id, number: clause.number, title: clause.title, proposals: clause.proposals.count, kinds: k, costs: c)
        }
        let pseudonyms = Array(Set(proposals.map(\.pseudonym))).sorted()
        let totals = ReportTotals(
            participants: pseudonyms.count, pseudonyms: pseudonyms, proposals: proposals.count, kinds: kinds, costs: costs, statuses: statuses,
            integrated: statuses["integrated"] ?? 0, answered: statuses["answered"] ?? 0, rejected: statuses["rejected"] ?? 0,
            answers: register.filter { $0.entry.kind == "answer" }.count, clauses: clauseTotals)

        // The approval, when it approves a draft covered.
        var approval = try readApproval(workspace, zone: zone)
        if let approved = approval?.version, approved > (drafts.last?.version ?? 0) { approval = nil }
        if drafts.isEmpty { approval = nil }

        let place = { (code: String, name: String?) in ReportPlace(code: code, name: name) }
        let report = DialogueReport(
            format: 1, generated: stamp(clock.now),
            consultation: ReportConsultation(
                id: consultation.id, title: consultation.title, buyer: consultation.buyer,
                cpv: consultation.cpv.map { ReportCPV(code: $0.description, division: $0.division, label: $0.divisionLabel) },
                departements: consultation.departements.map { place($0, Territory.departement($0)?.name) },
                regions: consultation.regions.map { place($0, Territory.region($0)?.name) },
                procedure: consultation.procedure, estimatedAmount: consultation.estimatedAmount),
            currentDraft: drafts.last?.name, latestDraft: all.last?.name, approval: approval, drafts: reportDrafts, clauses: clauses,
            register: register.map(\.entry), totals: totals)
        return (report, proposalProblems + responseProblems)
    }

    /// The redline without changes of whitespace alone (a paragraph rewrapped): the new spacing is kept as equal text.
    static func wordsOnly(_ ops: [DiffOp]) -> [DiffOp] {
        func blank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }
        var result: [DiffOp] = []
        func append(_ op: DiffOp) {
            if case .equal(let text) = op, case .equal(let previous)? = result.last {
                result[result.count - 1] = .equal(previous + text)
            } else {
                result.append(op)
            }
        }
        var i = 0
        while i < ops.count {
            switch ops[i] {
            case .delete(let old):
                if i + 1 < ops.count, case .insert(let new) = ops[i + 1] {
                    if blank(old) && blank(new) { append(.equal(new)) } else { append(ops[i]); append(ops[i + 1]) }
                    i += 2
                    continue
                }
                if !blank(old) { append(ops[i]) }
            case .insert(let new):
                append(blank(new) ? .equal(new) : ops[i])
            case .equal:
                append(ops[i])
            }
            i += 1
        }
        return result
    }

    static func op(_ op: DiffOp) -> ReportDiffOp {
        switch op {
        case .equal(let text): return ReportDiffOp(op: "equal", text: text)
        case .delete(let text): return ReportDiffOp(op: "delete", text: text)
        case .insert(let text): return ReportDiffOp(op: "insert", text: text)
        }
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

    /// approval.yml at tag `final`, else on branch `published` (local, then origin's copy); nil when none exists.
    /// A missing or malformed approval.yml still reports the approval, with the fields it could read.
    static func readApproval(_ workspace: Workspace, zone: TimeZone) throws(JSFError) -> ReportApproval? {
        let repository = workspace.repository
        for (ref, name) in [(Layout.finalTag, "final"), (Layout.published, "published"), ("refs/remotes/origin/published", "published")] {
            guard try gitCall(nil, { try repository.reference(named: ref) }) != nil else { continue }
            guard let commit = try? repository.resolveCommit(ref) else { continue }
            var approval = ReportApproval(version: nil, buyer: nil, date: nil, note: nil, ref: name, commit: commit.hex)
            if let text = try? workspace.text("approval.yml", at: commit) {
                let reader = YAMLReader(file: "approval.yml")
                if let root = reader.root(text) {
                    if case .scalar(let scalar)? = root.node("version") {
                        let raw = scalar.string.hasPrefix("v") ? String(scalar.string.dropFirst()) : scalar.string
                        approval.version = Int(raw)
                    }
                    approval.buyer = root.string("buyer", required: false)
                    approval.date = root.string("date", required: false).map { raw in
                        Timestamp.parse(raw, timeZone: zone).map { Timestamp.format($0, timeZone: zone) } ?? raw
                    }
                    approval.note = root.string("note", required: false)
                }
            }
            return approval
        }
        return nil
    }
}
