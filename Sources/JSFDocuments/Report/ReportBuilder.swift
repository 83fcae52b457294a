import Foundation
import JeSaisFaire

/// Builds the report model from what the repository records of the dialogue: drafts (tags vN), their texts and
/// indexes, the proposal branches and the agent's answers on the dialogue branch, and the buyer's approval.
public enum ReportBuilder {
    /// The report of the drafts up to `version` ("v2" or "2"; all drafts when nil), as the clock sees it now.
    /// Returns the problems found while reading proposals and answers (malformed files are skipped, not fatal).
    /// The public copy (`internalCopy` false) is built without opening any confidential proposal: its content is never
    /// read, so no renderer can show it. The internal copy opens those the workspace's reader can open.
    public static func build(_ workspace: Workspace, upTo version: String?, role: Role, clock: Clock, internalCopy: Bool = false) throws(JSFError)
        -> (report: DialogueReport, problems: [Problem])
    {
        let reader = workspace.sealReader
        if !internalCopy { workspace.sealReader = nil }
        defer { workspace.sealReader = reader }
        let record = try DialogueRecord.read(workspace, upTo: version, role: role)
        var report = build(record, clock: clock)
        if internalCopy { report.audience = "internal" }
        return (report, record.problems)
    }

    /// The report of a dialogue's record, as the clock sees it now.
    public static func build(_ record: DialogueRecord, clock: Clock) -> DialogueReport {
        // Dates are given in the consultation's zone (time_zone), whatever zone the machine has.
        let zone = record.consultation.timeZone
        func stamp(_ text: String) -> String { Timestamp.parse(text, timeZone: zone).map { Timestamp.format($0, timeZone: zone) } ?? text }
        func stamp(_ date: Date) -> String { Timestamp.format(date, timeZone: zone) }

        let all = record.all
        let drafts = record.drafts
        let limit = record.limit
        // Everything after the next draft's publication is out of scope.
        let cutoff = all.first { $0.version > (limit ?? Int.max) }?.date
        let consultation = record.consultation
        let sources = record.sources
        let indexes = record.indexes
        let currentIndex = drafts.last.flatMap { indexes[$0.version] }

        // Proposals and answers within scope.
        let records = record.proposals
        let responses = record.responses
        func before(_ text: String?) -> Bool {
            guard let cutoff else { return true }
            guard let text, let date = Timestamp.parse(text, timeZone: zone) else { return true }
            return date < cutoff
        }
        let inScope = records.filter { $0.proposal.version <= (limit ?? Int.max) && before($0.proposal.created) }
        let withdrawn = Set(inScope.filter { $0.proposal.withdrawn != nil && before($0.proposal.withdrawn) }.map(\.proposal.id))
        let superseded = Set(inScope.compactMap { withdrawn.contains($0.proposal.id) ? nil : $0.proposal.supersedes })
        let scopeLimit = limit ?? Int.max

        // The thread as written, each erratum with the answer it corrects and each corrected answer with its erratum.
        func answers(_ entries: [ResponseEntry]) -> [ReportAnswer] {
            let correctedBy = Response(proposal: "", entries: entries).correctedBy
            return entries.enumerated().map { n, entry in
                let corrected = correctedBy.firstIndex { $0 == n }
                return ReportAnswer(
                    date: stamp(entry.created.date), status: entry.status, version: entry.version, text: entry.text,
                    withChanges: entry.withChanges, erratum: entry.erratum, corrects: corrected.map { stamp(entries[$0].created.date) },
                    correctedOn: correctedBy[n].map { stamp(entries[$0].created.date) }, signedBy: entry.signedBy)
            }
        }
        var proposalsByClause: [String: [ReportProposal]] = [:]
        var proposalOrder: [String] = []
        for found in inScope {
            let p = found.proposal
            let entries = (responses[p.id]?.entries ?? []).filter { entry in
                entry.status == .integrated ? (entry.version ?? 0) <= scopeLimit : before(entry.created.text)
            }
            let latest = entries.last?.status
            let status: ProposalStatus
            if withdrawn.contains(p.id) {
                status = .withdrawn
            } else if superseded.contains(p.id) {
                status = .superseded
            } else {
                status = latest.map(ProposalStatus.init) ?? .open
            }
            let target = currentIndex?[p.target]
            let state: CarryOver
            if withdrawn.contains(p.id) || superseded.contains(p.id) || [.integrated, .answered, .rejected].contains(latest) {
                state = .resolved
            } else if target == nil {
                state = .orphaned
            } else if target?.hash != p.targetHash || p.sectionChanged(in: currentIndex) {
                state = .outdated
            } else {
                state = .current
            }
            let proposal = ReportProposal(
                id: p.id, pseudonym: p.pseudonym.code, kind: p.kind, cost: p.cost, estimate: p.estimate,
                version: p.version, created: stamp(p.created), status: status, state: state, supersedes: p.supersedes,
                withdrawn: withdrawn.contains(p.id) ? p.withdrawn.map(stamp) : nil,
                weights: p.weights.map { $0.map { ReportWeight(id: $0.id, weight: $0.weight) } },
                justification: p.justification, proposedText: p.proposedText,
                answers: answers(entries),
                integratedIn: entries.last { $0.status == .integrated }?.version,
                confidential: p.confidential ? (p.hidesContent ? "withheld" : "included") : nil, shared: p.shared.map(stamp))
            if proposalsByClause[p.target] == nil { proposalOrder.append(p.target) }
            proposalsByClause[p.target, default: []].append(proposal)
        }
        for key in proposalsByClause.keys {
            // A company's times are rounded down to the hour: within one, by pseudonym, then by number (not by the
            // id's text, where 10 comes before 9).
            proposalsByClause[key]?.sort { a, b in
                (a.created, a.pseudonym, Proposal.parseID(a.id)?.1 ?? 0) < (b.created, b.pseudonym, Proposal.parseID(b.id)?.1 ?? 0)
            }
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
            let round = consultation.rounds.first { $0.version == draft.version }.map {
                ReportRound(opens: stamp($0.opens.date), closes: stamp($0.closes.date))
            }
            reportDrafts.append(
                ReportDraft(
                    version: draft.version, name: draft.name, date: stamp(draft.date), author: draft.author,
                    commit: draft.commitHex, summary: draft.summary, added: changes.added, changed: changes.changed,
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
                    revisions[change.id, default: []].append(
                        ReportRevision(
                            from: previous.version, to: draft.version, changes: change.kinds,
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
            let ra = removedIn[a] ?? Int.max
            let rb = removedIn[b] ?? Int.max
            if ra != rb { return ra < rb }
            let pa = lastEntry[a]?.position ?? Int.max
            let pb = lastEntry[b]?.position ?? Int.max
            return pa != pb ? pa < pb : a < b
        }
        let clauses = (present + absent).map { id -> ReportClause in
            let entry = currentIndex?[id] ?? lastEntry[id]?.entry
            return ReportClause(
                id: id, number: entry?.number ?? "", title: entry?.title ?? id, kind: entry?.kind ?? .clause,
                weight: entry?.weight, removedIn: currentIndex?[id] == nil ? removedIn[id] : nil,
                proposals: proposalsByClause[id] ?? [], revisions: revisions[id] ?? [])
        }

        // The register: drafts, the ends of their rounds, answers and the approval, chronologically.
        let now = clock.now
        var register: [(date: Date?, order: Int, entry: RegisterEntry)] = []
        for (draft, report) in zip(drafts, reportDrafts) {
            // The publication says when the round it opens was to close (the changelog's Round-Closes), whatever
            // happened after.
            let planned = draft.trailer("Round-Closes").first.flatMap { Timestamp.parse($0, timeZone: zone) }
            register.append(
                (
                    draft.date, 1,
                    RegisterEntry(
                        date: report.date, kind: .draft, version: draft.version, summary: draft.summary,
                        round: report.round.map { ReportRound(opens: $0.opens, closes: planned.map(stamp) ?? $0.closes) })
                ))
            guard let round = consultation.rounds.first(where: { $0.version == draft.version }) else { continue }
            let closes = round.closes.date
            guard closes <= now, cutoff.map({ closes <= $0 }) ?? true else { continue }
            let next = all.first { $0.version > draft.version }
            let closing: RegisterEntry.Closing
            if let next, abs(next.date.timeIntervalSince(closes)) < 1 {
                closing = .draft
            } else if let planned, closes < planned.addingTimeInterval(-1) {
                closing = .agent
            } else {
                closing = .term
            }
            let early = planned.map { closes < $0.addingTimeInterval(-1) } ?? false
            register.append(
                (
                    closes, 0,
                    RegisterEntry(
                        date: stamp(closes), kind: .roundClosed, version: draft.version, round: report.round, closing: closing,
                        plannedCloses: early ? planned.map(stamp) : nil)
                ))
        }
        for clause in clauses {
            for proposal in clause.proposals {
                var number = 0
                for answer in proposal.answers where answer.status != .integrated {
                    number += 1
                    register.append(
                        (
                            Timestamp.parse(answer.date, timeZone: zone), 2,
                            RegisterEntry(
                                date: answer.date, kind: .answer, proposal: proposal.id, pseudonym: proposal.pseudonym, proposalKind: proposal.kind,
                                clause: clause.id, clauseTitle: clause.title,
                                question: proposal.kind == .clarification && number == 1 ? proposal.justification : nil, answerNumber: number,
                                corrects: answer.corrects, signedBy: answer.signedBy, status: answer.status, answer: answer.text)
                        ))
                }
            }
        }
        // Totals.
        let proposals = clauses.flatMap(\.proposals)
        let counts = ProposalCounts(proposals.map { ($0.kind, $0.cost) })
        var statuses: [String: Int] = [:]
        for p in proposals { statuses[p.status.rawValue, default: 0] += 1 }
        let clauseTotals = clauses.filter { !$0.proposals.isEmpty }.map { clause -> ClauseTotals in
            let c = ProposalCounts(clause.proposals.map { ($0.kind, $0.cost) })
            return ClauseTotals(
                id: clause.id, number: clause.number, title: clause.title, proposals: clause.proposals.count, kinds: c.kinds, costs: c.costs)
        }
        let pseudonyms = Array(Set(proposals.map(\.pseudonym))).sorted()
        let totals = ReportTotals(
            participants: pseudonyms.count, pseudonyms: pseudonyms, proposals: proposals.count, kinds: counts.kinds, costs: counts.costs,
            statuses: statuses,
            integrated: statuses[ProposalStatus.integrated.rawValue] ?? 0, answered: statuses[ProposalStatus.answered.rawValue] ?? 0,
            rejected: statuses[ProposalStatus.rejected.rawValue] ?? 0, answers: register.filter { $0.entry.kind == .answer }.count,
            clauses: clauseTotals)

        // The approval, when it approves a draft covered.
        var approval = record.approval.map { recorded in
            ReportApproval(
                version: recorded.fields.version, buyer: recorded.fields.buyer, date: recorded.fields.date.map(stamp),
                note: recorded.fields.note, ref: recorded.ref, commit: recorded.commit)
        }
        if let approved = approval?.version, approved > (drafts.last?.version ?? 0) { approval = nil }
        if drafts.isEmpty { approval = nil }
        if let approval {
            let date = approval.date.flatMap { Timestamp.parse($0, timeZone: zone) }
            register.append(
                (
                    date ?? .distantFuture, 3,
                    RegisterEntry(
                        date: approval.date ?? "", kind: .approval, version: approval.version ?? drafts.last?.version, buyer: approval.buyer,
                        note: approval.note)
                ))
        }
        register.sort { a, b in
            let da = a.date ?? .distantPast
            let db = b.date ?? .distantPast
            if da != db { return da < db }
            if a.order != b.order { return a.order < b.order }
            return (a.entry.proposal ?? "", a.entry.answerNumber ?? 0) < (b.entry.proposal ?? "", b.entry.answerNumber ?? 0)
        }

        // The summary, and the names of every clause the report mentions.
        func item(_ p: ReportProposal, _ clause: ReportClause) -> ReportSummaryItem {
            ReportSummaryItem(proposal: p.id, pseudonym: p.pseudonym, kind: p.kind, clause: clause.id, status: p.status, version: p.integratedIn)
        }
        let pairs = clauses.flatMap { clause in clause.proposals.map { ($0, clause) } }
        let integratedItems = pairs.filter { $0.0.integratedIn != nil }.sorted { a, b in
            (a.0.integratedIn ?? 0, a.0.pseudonym, Proposal.parseID(a.0.id)?.1 ?? 0)
                < (b.0.integratedIn ?? 0, b.0.pseudonym, Proposal.parseID(b.0.id)?.1 ?? 0)
        }
        // Each pseudonym's declared basis, checked against the consultation of the latest draft covered.
        var declarations: [ReportDeclaration] = []
        for pseudonym in pseudonyms {
            var seen: [DeclaredBasis?] = []
            for found in inScope where found.proposal.pseudonym.code == pseudonym && !seen.contains(found.proposal.declared) {
                seen.append(found.proposal.declared)
            }
            for basis in seen {
                let problem = basis.flatMap { $0.mismatch(with: consultation) }
                declarations.append(
                    ReportDeclaration(
                        pseudonym: pseudonym, cpv: basis?.cpv, territory: basis?.territory,
                        problem: problem))
            }
        }
        let summary = ReportSummary(
            participants: totals.participants, proposals: totals.proposals, kinds: totals.kinds,
            integrated: integratedItems.map(item), unanswered: pairs.filter { $0.0.status == .open }.map(item),
            outdated: pairs.filter { $0.0.state == .outdated }.map(item), orphaned: pairs.filter { $0.0.state == .orphaned }.map(item),
            eligibility: consultation.eligibility, declarations: declarations)
        var named = Set(clauses.map(\.id))
        for d in reportDrafts { named.formUnion(d.added + d.changed + d.removed) }
        for p in pairs { named.formUnion(p.0.weights?.map(\.id) ?? []) }
        let clauseNames = named.compactMap { id -> (Int, ReportClauseName)? in
            guard let last = lastEntry[id] else { return nil }
            let entry = currentIndex?[id] ?? last.entry
            return (
                currentIndex?[id] != nil ? 0 : 1,
                ReportClauseName(id: id, number: entry.number, title: entry.title, kind: entry.kind)
            )
        }.sorted { a, b in
            a.0 != b.0 ? a.0 < b.0 : (lastEntry[a.1.id]?.position ?? 0, a.1.id) < (lastEntry[b.1.id]?.position ?? 0, b.1.id)
        }.map(\.1)

        let place = { (code: String, name: String?) in ReportPlace(code: code, name: name) }
        return DialogueReport(
            format: 1, generated: stamp(clock.now),
            consultation: ReportConsultation(
                id: consultation.id, title: consultation.title, buyer: consultation.buyer,
                cpv: consultation.cpv.map { ReportCPV(code: $0.description, division: $0.division, label: $0.divisionLabel) },
                departements: consultation.departements.map { place($0, Territory.departement($0)?.name) },
                regions: consultation.regions.map { place($0, Territory.region($0)?.name) },
                timeZone: zone.identifier, procedure: consultation.procedure, estimatedAmount: consultation.estimatedAmount),
            currentDraft: drafts.last?.name, latestDraft: all.last?.name, approval: approval, drafts: reportDrafts, clauses: clauses,
            register: register.map(\.entry), totals: totals, summary: summary, clauseNames: clauseNames)
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
                    if blank(old) && blank(new) {
                        append(.equal(new))
                    } else {
                        append(ops[i])
                        append(ops[i + 1])
                    }
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
        case .equal(let text): return ReportDiffOp(op: .equal, text: text)
        case .delete(let text): return ReportDiffOp(op: .delete, text: text)
        case .insert(let text): return ReportDiffOp(op: .insert, text: text)
        }
    }
}
