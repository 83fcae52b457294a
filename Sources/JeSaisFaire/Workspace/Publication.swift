import Foundation
internal import Git

public struct PublishRequest: Sendable {
    public var message: String?
    /// When the round of the new draft closes; fourteen days from now when nil.
    public var until: Date?

    /// Proposals the agent declares integrated by this draft, as adjusted by hand (`--integrates`).
    public var integrates: [String] = []

    /// Publish a draft that keeps no clause of the previous one, or has none (`--allow-removing-all`).
    public var allowRemovingAll = false

    public init(message: String? = nil, until: Date? = nil, integrates: [String] = [], allowRemovingAll: Bool = false) {
        self.message = message
        self.until = until
        self.integrates = integrates
        self.allowRemovingAll = allowRemovingAll
    }

    public static let defaultRoundLength: TimeInterval = 14 * 24 * 3600
}

/// What `jsf publish` would write, decided from one read: `jsf publish --dry-run` shows it, `jsf publish` writes it.
public struct PublishPlan: Sendable {
    /// How a file of the consultation changes in the new draft's commit.
    public enum Change: String, Sendable { case added, modified, deleted }

    public var version: Int
    public var tag: String { "v\(version)" }
    /// The commit's and the tag's message.
    public var changelog: String
    /// The files of the new commit that differ from HEAD's, by path.
    public var files: [(path: String, change: Change)]
    public var changes: IndexChanges
    public var round: Round
    public var assignedIDs: [String]
    public var warnings: [Problem]
    /// Proposals this draft integrates (`jsf revise --apply`, `--integrates`), and those of them integrated with the agent's changes.
    public var integrates: [String]
    public var withChanges: [String]
    /// Proposals answered since the previous draft.
    public var answers: [String]
    /// Proposals 'jsf revise --apply' applied whose target is gone or back to the previous draft's text: not integrated.
    public var dropped: [String]
}

public struct PublishResult: Sendable {
    public var draft: Draft
    public var changes: IndexChanges
    public var round: Round
    public var assignedIDs: [String]
    public var warnings: [Problem]
    /// Proposals this draft integrates ('jsf revise --apply') and proposals answered since the previous draft.
    public var integrates: [String] = []
    /// Those of `integrates` the draft carries with the agent's changes (`Integrates-With-Changes:`).
    public var withChanges: [String] = []
    public var answers: [String] = []
    /// Proposals 'jsf revise --apply' applied whose target is gone or back to the previous draft's text: not integrated.
    public var dropped: [String] = []
}

/// `jsf publish`: the edited text becomes draft vN on main, tagged, with its round.
public enum Publication {
    /// What the next draft would be, as `publish` would write it (nothing is written).
    static func plan(_ workspace: Workspace, request: PublishRequest, context: Context) throws(JSFError) -> PublishPlan {
        try prepare(workspace, request: request, context: context).plan
    }

    /// The plan and what writing it needs, from one read of the repository and the working tree.
    struct Prepared {
        var plan: PublishPlan
        var files: [String: String]
        var assets: [String: Data]
        var head: ObjectID?
        var now: Date
    }

    static func prepare(_ workspace: Workspace, request: PublishRequest, context: Context) throws(JSFError) -> Prepared {
        let repository = workspace.repository
        let branch = try gitCall { try repository.headReferenceName() }
        guard branch == Layout.main else {
            let branch = branch.map { $0.hasPrefix("refs/heads/") ? String($0.dropFirst(11)) : $0 }
            throw JSFError(
                .refused,
                Text(
                    en: "drafts are published from branch main, and HEAD is on \(branch ?? "a detached commit")",
                    fr: "les versions se publient depuis la branche main, et HEAD est sur \(branch ?? "un commit détaché")"),
                hints: [Text(en: "run 'git switch main' first", fr: "lancez d'abord 'git switch main'")])
        }
        let report = try Checker.check(workspace)
        guard report.passed else {
            throw JSFError(
                .refused, Text(en: "'jsf check' fails: nothing was published", fr: "'jsf check' échoue : rien n'a été publié"),
                hints: [
                    Text(
                        en: "fix the problems above, then run 'jsf publish' again", fr: "corrigez les problèmes ci-dessus puis relancez 'jsf publish'"
                    )
                ],
                problems: report.errors)
        }
        guard let source = try workspace.worktreeText(Layout.cctpFile) else {
            throw JSFError(.refused, Text(en: "cctp.md is missing", fr: "cctp.md est absent"))
        }
        var consultation = try workspace.worktreeConsultation()
        let head = try workspace.headCommit()
        // The images go with the draft as they are in the working tree (checked above); those removed leave it.
        let assets = try workspace.worktreeAssets()
        let drafts = try workspace.drafts()
        let last = drafts.last
        let version = (last?.version ?? 0) + 1

        let (assigned, newIDs) = CCTPText(parsing: source).assigningIDs()
        let text = CCTPText(parsing: assigned)
        let clauses: [Clause]
        do {
            clauses = try text.clauses()
        } catch {
            throw JSFError(
                .refused, Text(en: "cctp.md has headings jsf cannot index", fr: "cctp.md a des titres que jsf ne sait pas indexer"),
                problems: Checker.checkText(text, file: Layout.cctpFile, requireIDs: true).filter { $0.severity == .error })
        }
        let previous = try last.map { draft throws(JSFError) in try workspace.published(draft) }
        let index = ClauseIndex.derive(from: clauses, previous: previous?.index, version: version)
        let changes = IndexChanges(from: previous?.index, to: index)
        // An emptied cctp.md (a failed save, a wrong file) would remove every clause companies react to.
        let kept = previous.map { previous in index.entries.contains { previous.index[$0.id] != nil } } ?? true
        if !request.allowRemovingAll && (index.entries.isEmpty || !kept) {
            let count = previous?.index.entries.count ?? 0
            throw JSFError(
                .refused,
                index.entries.isEmpty
                    ? Text(
                        en:
                            "cctp.md has no heading, so the draft would have no clause\(count > 0 ? " and remove all \(count) of \(last?.name ?? "")" : ""): nothing was published",
                        fr:
                            "cctp.md n'a aucun titre : la version n'aurait aucune clause\(count > 0 ? " et retirerait les \(count) de la \(last?.name ?? "")" : "") ; rien n'a été publié"
                    )
                    : Text(
                        en: "the draft would remove all \(count) clauses of \(last?.name ?? ""): nothing was published",
                        fr: "la version retirerait les \(count) clauses de la \(last?.name ?? "") : rien n'a été publié"),
                hints: [
                    Text(
                        en: "check cctp.md ('git diff cctp.md'; 'git checkout -- cctp.md' restores it); --allow-removing-all publishes it anyway",
                        fr:
                            "vérifiez cctp.md ('git diff cctp.md' ; 'git checkout -- cctp.md' le restaure) ; --allow-removing-all le publie quand même"
                    )
                ])
        }

        if let last, let previous {
            let lastConsultation = try workspace.consultation(at: last.commit)
            let lastAssets = try workspace.assets(at: last.commit)
            if previous.source == assigned && lastConsultation.withoutRounds == consultation.withoutRounds && lastAssets == assets {
                if let missing = try workspace.draftsNotOnHub(drafts).first {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "nothing changed since \(last.name), and \(missing.name) is not on the hub yet",
                            fr: "rien n'a changé depuis la \(last.name), et la \(missing.name) n'est pas encore sur le hub"),
                        hints: [Text(en: "run 'jsf push' to send it", fr: "lancez 'jsf push' pour l'envoyer")])
                }
                throw JSFError(
                    .refused,
                    Text(
                        en: "nothing changed since \(last.name): there is no new draft to publish",
                        fr: "rien n'a changé depuis \(last.name) : il n'y a pas de nouvelle version à publier"),
                    hints: workspace.worktreeHasByteOrderMark(Layout.cctpFile)
                        ? [
                            Text(
                                en: "the byte order mark (BOM) an editor put at the start of cctp.md is no change: edit the text itself",
                                fr:
                                    "la marque d'ordre des octets (BOM) qu'un éditeur a mise au début de cctp.md n'est pas une modification : modifiez le texte lui-même"
                            )
                        ] : [Text(en: "edit cctp.md, then run 'jsf publish'", fr: "modifiez cctp.md, puis lancez 'jsf publish'")])
            }
        }

        let now = context.clock.now
        // The round's dates are written in the consultation's zone, whatever the machine's.
        let zone = consultation.timeZone
        let closes = request.until ?? now.addingTimeInterval(PublishRequest.defaultRoundLength)
        guard closes > now else {
            let (at, current) = (HumanDate.text(closes, zone: zone), HumanDate.text(now, zone: zone))
            throw JSFError(
                .refused,
                Text(
                    en: "the round would close on \(at.en), which is not after now: \(current.en)",
                    fr: "le tour se clôturerait le \(at.fr), ce qui n'est pas après maintenant : \(current.fr)"),
                hints: [
                    Text(
                        en: "give a later date: --until 2027-01-15 (the end of that day) or 2027-01-15T17:00",
                        fr: "donnez une date plus tardive : --until 2027-01-15 (la fin de ce jour) ou 2027-01-15T17:00")
                ])
        }
        // A new draft ends the round of the previous one.
        let nowStamp = Timestamp(now, timeZone: zone)
        consultation.rounds = consultation.rounds.map { round in
            var round = round
            if round.isOpen(at: now) { round.closes = nowStamp }
            return round
        }
        let round = Round(version: version, opens: nowStamp, closes: Timestamp(closes, timeZone: zone))
        consultation.rounds.append(round)

        let files = [Layout.consultationFile: consultation.yaml(), Layout.cctpFile: assigned, Layout.indexFile: index.yaml()]
        let (integrates, withChanges, dropped) = try integrations(
            workspace, request: request, clauses: clauses, text: text, previous: previous.flatMap { try? CCTPText(parsing: $0.source).clauses() })
        let (responses, _) = try Dialogue.responses(repository)
        let since = last?.date ?? .distantPast
        let answers = responses.values.filter { response in
            response.entries.contains { $0.status != .integrated && $0.created.date >= since }
        }.map(\.proposal).sorted()
        let summary = request.message?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty ?? "Version \(version)"
        let changelog = changelogMessage(
            summary: summary, version: version, changes: changes, round: round,
            integrates: integrates, withChanges: withChanges, answers: answers)
        var changed: [(path: String, change: PublishPlan.Change)] = []
        let committed = try head.map { head throws(JSFError) in try gitCall { try Workspace.assets(in: repository, at: head) } } ?? [:]
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let before = try head.flatMap { head throws(JSFError) in try workspace.text(path, at: head) }
            if before != content { changed.append((path, before == nil ? .added : .modified)) }
        }
        for (path, data) in assets.sorted(by: { $0.key < $1.key }) where committed[path] != data {
            changed.append((path, committed[path] == nil ? .added : .modified))
        }
        for path in committed.keys.sorted() where assets[path] == nil { changed.append((path, .deleted)) }
        let plan = PublishPlan(
            version: version, changelog: changelog, files: changed, changes: changes, round: round, assignedIDs: newIDs,
            warnings: report.warnings.filter { $0.code != "index.stale" }, integrates: integrates, withChanges: withChanges,
            answers: answers, dropped: dropped)
        return Prepared(plan: plan, files: files, assets: assets, head: head, now: now)
    }

    static func publish(_ workspace: Workspace, request: PublishRequest, identity: Identity, context: Context) throws(JSFError) -> PublishResult {
        let repository = workspace.repository
        let prepared = try prepare(workspace, request: request, context: context)
        let plan = prepared.plan
        let (files, assets, head, now) = (prepared.files, prepared.assets, prepared.head, prepared.now)
        let (version, changelog, integrates) = (plan.version, plan.changelog, plan.integrates)
        let signature = context.signature(for: identity)
        let signer = try context.signer(for: identity)

        // The agent's files as they are, put back if the draft cannot be recorded whole.
        var original: [String: String] = [:]
        for file in files.keys { original[file] = try workspace.worktreeText(file) }
        let (commit, tag) = try gitCall(Text(en: "cannot record draft v\(version)", fr: "impossible d'enregistrer la version v\(version)")) {
            var blobs: [String: Data?] = [:]
            for (file, content) in files { blobs[file] = Data(content.utf8) }
            if let head {
                for path in try Workspace.assets(in: repository, at: head).keys where assets[path] == nil { blobs[path] = .some(nil) }
            }
            for (path, data) in assets { blobs[path] = data }
            let base = try head.map { try repository.commit($0).tree }
            let tree = try repository.writeTree(files: blobs, base: base)
            let commit = try repository.createCommit(
                tree: tree, parents: head.map { [$0] } ?? [], author: signature, committer: signature,
                message: changelog, updating: Layout.main, expectedTip: head, signer: signer)
            var tag: ObjectID?
            let dialogueTip = try repository.reference(named: Layout.dialogue)?.target
            do {
                tag = try repository.createTag(name: "v\(version)", target: commit, tagger: signature, message: changelog, signer: signer)
                if !integrates.isEmpty {
                    try Dialogue.write(integrates, workspace: workspace, signature: signature, signer: signer) { id, existing in
                        var response = existing ?? Response(proposal: id, entries: [])
                        let adjusted = plan.withChanges.contains(id)
                        response.entries.append(
                            ResponseEntry(
                                created: Timestamp(now, timeZone: context.clock.timeZone), status: .integrated, version: version,
                                text: adjusted
                                    ? "Intégrée avec des modifications dans la v\(version). / Integrated with changes in v\(version)."
                                    : "Intégrée dans la v\(version). / Integrated in v\(version).",
                                withChanges: adjusted))
                        return (response, "v\(version) integrates \(integrates.joined(separator: " "))\n")
                    }
                }
                // The index first: a locked index fails before the working tree is touched.
                try repository.resetIndex(toTree: tree)
                try workspace.writeWorktree(files)
                return (commit, tag!)
            } catch {
                // Leave main, the tags, the dialogue, the index and the working tree where they were: a draft exists
                // whole or not at all.
                if let base { try? repository.resetIndex(toTree: base) }
                try? workspace.writeWorktree(original)
                if tag != nil { try? repository.deleteReference(Layout.draftTag(version)) }
                if let head {
                    try? repository.updateReference(Layout.main, to: head, expected: commit, message: "jsf: publish v\(version) abandoned")
                } else {
                    try? repository.deleteReference(Layout.main)
                }
                if let now = try? repository.reference(named: Layout.dialogue)?.target, now != dialogueTip {
                    if let dialogueTip {
                        try? repository.updateReference(
                            Layout.dialogue, to: dialogueTip, expected: now, message: "jsf: publish v\(version) abandoned")
                    } else {
                        try? repository.deleteReference(Layout.dialogue)
                    }
                }
                throw error
            }
        }
        let draft = Draft(
            version: version, tag: tag, commit: commit, date: now, offsetMinutes: signature.offsetMinutes,
            author: signature.name, message: changelog)
        try Revision.savePending([], workspace)
        return PublishResult(
            draft: draft, changes: plan.changes, round: plan.round, assignedIDs: plan.assignedIDs, warnings: plan.warnings,
            integrates: integrates, withChanges: plan.withChanges, answers: plan.answers, dropped: plan.dropped)
    }

    /// The proposals the new draft integrates: those 'jsf revise --apply' applied (as proposed when the text still
    /// carries them, with changes when the agent adjusted their target since; dropped when the target is gone or back
    /// to the previous draft's), and those `--integrates` names (with changes unless the text carries them as proposed).
    static func integrations(
        _ workspace: Workspace, request: PublishRequest, clauses: [Clause], text: CCTPText, previous: [Clause]?
    ) throws(JSFError) -> (integrates: [String], withChanges: [String], dropped: [String]) {
        let pending = Revision.pending(workspace)
        var named: [String] = []
        if !request.integrates.isEmpty {
            let (views, _, _) = try Dialogue.views(workspace, role: .agent)
            let present = Set(clauses.map(\.id))
            for id in request.integrates {
                let view = try Dialogue.find(id, in: views)
                let p = view.proposal
                guard view.record.state == .open else {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "--integrates \(p.id): it is \(view.record.state.rawValue)",
                            fr: "--integrates \(p.id) : elle est \(view.record.state == .withdrawn ? "retirée" : "remplacée")"))
                }
                if let version = view.response?.integratedIn {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "--integrates \(p.id): v\(version) already integrated it",
                            fr: "--integrates \(p.id) : la v\(version) l'a déjà intégrée"))
                }
                guard [.accepted, .partiallyAccepted].contains(view.response?.status) else {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "--integrates \(p.id): it is not accepted (status: \(view.status))",
                            fr: "--integrates \(p.id) : elle n'est pas acceptée (statut : \(view.status))"),
                        hints: [
                            Text(
                                en: "record the decision first: jsf comment \(p.id) --status partially-accepted -m …",
                                fr: "enregistrez d'abord la décision : jsf comment \(p.id) --status partially-accepted -m …")
                        ])
                }
                let targets = [p.target] + (p.weights ?? []).map(\.id)
                if let missing = targets.first(where: { !present.contains($0) }) {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "--integrates \(p.id): '\(missing)', which it targets, is not in cctp.md",
                            fr: "--integrates \(p.id) : '\(missing)', qu'elle vise, n'est pas dans cctp.md"))
                }
                if !named.contains(p.id) { named.append(p.id) }
            }
        }
        let ids = pending + named.filter { !pending.contains($0) }
        guard !ids.isEmpty else { return ([], [], []) }
        let (records, _) = try ProposalStore.all(workspace.repository)
        var integrates: [String] = []
        var withChanges: [String] = []
        var dropped: [String] = []
        for id in ids {
            guard let proposal = records.first(where: { $0.proposal.id == id })?.proposal else {
                dropped.append(id)
                continue
            }
            // Only a text or weights can be carried "as proposed"; a solution integrated by hand is always adjusted.
            let carriesSomething = proposal.proposedText != nil || proposal.weights != nil
            if carriesSomething, Revision.isApplied(proposal, in: clauses, text: text) {
                integrates.append(id)
            } else if named.contains(id) || Revision.isAdjusted(proposal, in: clauses, since: previous) {
                integrates.append(id)
                withChanges.append(id)
            } else {
                dropped.append(id)
            }
        }
        return (integrates, withChanges, dropped)
    }

    /// The tag message: the agent's summary, then git-style trailers a script can read.
    static func changelogMessage(
        summary: String, version: Int, changes: IndexChanges, round: Round,
        integrates: [String] = [], withChanges: [String] = [], answers: [String] = []
    ) -> String {
        var lines = [summary, ""]
        if !changes.added.isEmpty { lines.append("Clauses-Added: \(changes.added.joined(separator: " "))") }
        if !changes.changed.isEmpty { lines.append("Clauses-Changed: \(changes.changed.joined(separator: " "))") }
        if !changes.removed.isEmpty { lines.append("Clauses-Removed: \(changes.removed.joined(separator: " "))") }
        if !integrates.isEmpty { lines.append("Integrates: \(integrates.joined(separator: " "))") }
        if !withChanges.isEmpty { lines.append("Integrates-With-Changes: \(withChanges.joined(separator: " "))") }
        if !answers.isEmpty { lines.append("Answers: \(answers.joined(separator: " "))") }
        lines.append("Round-Opens: \(round.opens)")
        lines.append("Round-Closes: \(round.closes)")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
