import ArgumentParser
import Foundation
import JeSaisFaire

struct Inbox: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "inbox",
            abstract: bilingual(
                "List the proposals, grouped by clause in document order, with counts and cost tallies.",
                "Liste les propositions, groupées par clause dans l'ordre du document, avec leurs nombres et leurs effets sur le coût."),
            discussion: bilingual(
                """
                Every proposal of every company branch (enumerated once by ref glob), with its pseudonym, kind, target, \
                cost, draft and status (open, answered, accepted, partially-accepted, rejected, noted, integrated, \
                withdrawn, superseded), and its state against the current draft: current (target unchanged), outdated \
                (target changed since), orphaned (target removed) or resolved (integrated, answered, rejected, withdrawn, \
                superseded). A proposal that breaks the rules the hub's hook applies (docs/format.md, Invalid proposals) is \
                listed apart, marked INVALID with its reasons, and not counted. Run 'jsf fetch' first to see the latest. \
                The JSON fields are documented in docs/cli.md.
                """,
                """
                Chaque proposition de chaque branche d'entreprise (énumérées une fois par motif de refs), avec son \
                pseudonyme, son type, sa cible, son effet sur le coût, sa version et son statut (ouverte, répondue, \
                acceptée, partiellement acceptée, rejetée, notée, intégrée, retirée, remplacée), et son état par rapport \
                à la version courante : à jour (cible inchangée), obsolète (cible modifiée depuis), orpheline (cible \
                supprimée) ou résolue (intégrée, répondue, rejetée, retirée, remplacée). Une proposition qui enfreint les \
                règles qu'applique le crochet du hub (docs/format.md, Invalid proposals) est listée à part, marquée \
                INVALIDE avec ses raisons, et n'est pas comptée. Lancez d'abord 'jsf fetch' pour voir les dernières. Les \
                champs JSON sont décrits dans docs/cli.md.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Flag(help: .t("Only your own proposals (a company).", "Seulement vos propres propositions (une entreprise)."))
    var mine = false

    @Option(
        help: .t(
            "Only proposals on this clause or criterion: id, number in the current draft (6.2, \"Article 6\") or id prefix.",
            "Seulement les propositions sur cette clause ou ce critère : identifiant, numéro dans la version courante (6.2, « Article 6 ») ou début d'identifiant.",
            valueName: "clause"),
        completion: .clauses)
    var clause: String?

    @Option(
        help: .t(
            "Only proposals of this kind: solution, clarification (question, précision) or alternative (variante).",
            "Seulement les propositions de ce type : solution, précision (question, clarification) ou variante (alternative)."))
    var kind: ProposalKind?

    @Option(
        help: .t(
            "Only proposals with this cost impact: up, down, neutral, unknown (hausse, baisse, neutre, inconnu).",
            "Seulement les propositions de cet effet sur le coût : hausse, baisse, neutre, inconnu (up, down, neutral, unknown)."))
    var cost: CostImpact?

    @Option(
        help: .t(
            "Only proposals with this status (open, answered, accepted, …, withdrawn, superseded; or ouverte, répondue, acceptée, …, retirée, remplacée).",
            "Seulement les propositions de ce statut (ouverte, répondue, acceptée, …, retirée, remplacée ; ou open, answered, accepted, …, withdrawn, superseded).",
            valueName: "status"))
    var status: String?

    @Option(help: .t("Only proposals made on draft vN.", "Seulement les propositions faites sur la version vN.", valueName: "n"))
    var round: Int?

    @Flag(
        help: .t(
            "Only proposals to re-examine: outdated (target changed) or orphaned (target removed).",
            "Seulement les propositions à réexaminer : obsolètes (cible modifiée) ou orphelines (cible supprimée)."))
    var outdated = false

    @OptionGroup var format: OutputOptions

    static func output(_ view: ProposalView) -> ProposalOutput {
        let p = view.proposal
        return ProposalOutput(
            id: p.id, pseudonym: p.pseudonym.code, kind: p.kind.rawValue, target: p.target, version: p.version, cost: p.cost.rawValue,
            estimate: p.estimate, status: view.status, state: view.carry.rawValue, late: view.late, created: p.created, supersedes: p.supersedes,
            withdrawn: p.withdrawn, weights: p.weights.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.id, $0.weight) }) },
            justification: p.justification, proposedText: p.proposedText,
            confidential: p.confidential ? (p.hidesContent ? "sealed" : "opened") : nil, shared: p.shared,
            answers: answers(view.response))
    }

    static func answers(_ response: Response?) -> [AnswerOutput] {
        guard let response else { return [] }
        let corrected = response.correctedBy
        return response.entries.enumerated().map { n, entry in
            AnswerOutput(
                created: entry.created.text, status: entry.status.rawValue, version: entry.version, text: entry.text, erratum: entry.erratum,
                correctedOn: corrected[n].map { response.entries[$0].created.text }, withChanges: entry.withChanges, signedBy: entry.signedBy)
        }
    }

    /// "  [with changes]" for a proposal integrated with the agent's changes, "  [answer corrected on DATE]" after an erratum.
    static func answerMarks(_ answers: [AnswerOutput], _ c: Console, zone: TimeZone) -> String {
        var marks = ""
        if answers.last(where: { $0.status == "integrated" })?.withChanges == true { marks += c.t("  [with changes]", "  [avec des modifications]") }
        if let erratum = answers.last(where: \.erratum) {
            let date = HumanDate.format(erratum.created, language: c.language, zone: zone)
            marks += c.t("  [answer corrected on \(date)]", "  [réponse corrigée le \(date)]")
        }
        return marks
    }

    func validate() throws {
        if let status, InboxStatus.value(of: status) == nil {
            throw usageError(
                "'\(status)' is not a status; use one of \(InboxStatus.values.joined(separator: ", "))",
                "'\(status)' n'est pas un statut ; employez l'un de \(InboxStatus.values.joined(separator: ", "))")
        }
    }

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let session = try ReadingSession.open(context, loadingIdentityFirst: true)
        let identity = try session.identity()
        // The whole listing in JSON, unfiltered, is printed again as it was when nothing it is made of has moved
        // (OutputCache: every ref, jsf's state files, this binary, the role and the language make its key).
        // Who reads decides which confidential proposals it opens: a clone never keeps what its reader cannot read.
        let cacheParts = [
            "inbox --json", identity?.role.rawValue ?? "-", c.language.rawValue, c.colorErr ? "colour" : "plain",
            session.workspace.sealReader?.fingerprint ?? "no-reader",
        ]
        let unfiltered = !mine && clause == nil && kind == nil && cost == nil && round == nil && status == nil && !outdated
        let cacheKey = format.json && unfiltered ? OutputCache.key(session.workspace, cacheParts) : nil
        if let cacheKey, let kept = OutputCache.load(session.workspace, name: "inbox.json", key: cacheKey) {
            c.errRaw(kept.notes)
            // Its length was checked against the file's: only a disk failing under it cuts it short.
            guard kept.copy(to: c.outRaw) else {
                let file = OutputCache.directory(session.workspace) + "/inbox.json"
                throw JSFError(
                    .repository, Text(en: "cannot read \(file): it came short", fr: "impossible de lire \(file) : il est incomplet"),
                    hints: [Text(en: "remove it and run the command again", fr: "supprimez-le et relancez la commande")])
            }
            return
        }
        let listing = try session.listing(as: identity?.role ?? .company)
        let (views, current) = (listing.views, listing.current)
        let notes = listing.problems.reduce(into: Data()) { $0 += c.noted(c.describe($1, err: true)) }
        c.errRaw(notes)
        var selected = views
        // Proposals that break the rules are listed apart, with their reasons, filtered by what could be read of them.
        var invalid = listing.invalid
        if mine {
            guard let current, let pseudonym = try session.pseudonym(of: identity, in: current.consultation) else {
                throw JSFError(.refused, Text(en: "--mine is for a company identity", fr: "--mine est réservé à une identité d'entreprise"))
            }
            selected = selected.filter { $0.proposal.pseudonym == pseudonym }
            invalid = invalid.filter { $0.pseudonym == pseudonym }
        }
        func keep(_ test: (Proposal) -> Bool) {
            selected = selected.filter { test($0.proposal) }
            invalid = invalid.filter { $0.proposal.map(test) ?? false }
        }
        if let clause {
            // By id or prefix among the targets (removed clauses too), or by the current draft's number.
            switch ClauseLookup.match(clause, in: current?.index.entries ?? [], ids: views.map(\.proposal.target)) {
            case .id(let id): keep { $0.target == id || $0.target.hasPrefix(id) }
            case .number(let entries):
                let ids = Set(entries.map(\.id))
                keep { ids.contains($0.target) }
            case .prefix(let ids):
                let ids = Set(ids)
                keep { ids.contains($0.target) }
            case .none: keep { _ in false }
            }
        }
        if let kind { keep { $0.kind == kind } }
        if let cost { keep { $0.cost == cost } }
        if let round { keep { $0.version == round } }
        // An invalid proposal has no status nor state in the dialogue.
        if let status = status.flatMap(InboxStatus.value(of:)) {
            selected = selected.filter { $0.status == status }
            invalid = []
        }
        if outdated {
            selected = selected.filter { $0.carry == .outdated || $0.carry == .orphaned }
            invalid = []
        }

        // Group by target in document order; removed targets last.
        let order = (current?.index.entries ?? []).map(\.id)
        var groups: [String: [ProposalView]] = [:]
        for view in selected { groups[view.proposal.target, default: []].append(view) }
        let known = order.filter { groups[$0] != nil }
        let ordered = Set(order)
        let removed = groups.keys.filter { !ordered.contains($0) }.sorted()
        let age = try FetchAge(session)
        let output = Output(
            draft: current?.draft.name, lastFetch: age?.last?.date, total: selected.count,
            clauses: (known + removed).map { id in
                let list = groups[id]!
                let tally = Tally(ProposalCounts(list.map { ($0.proposal.kind, $0.proposal.cost) }))
                let entry = current?.index[id]
                return GroupOutput(
                    id: id, number: entry?.number, title: entry?.title, kind: entry?.kind.rawValue, removed: entry == nil,
                    counts: tally, proposals: list.map(Self.output))
            }, invalid: invalid.isEmpty ? nil : invalid.map { InvalidProposalOutput($0, c) })
        if format.json {
            let cache = cacheKey.flatMap {
                OutputCache.Writer(session.workspace, name: "inbox.json", key: $0, parts: cacheParts, notes: notes)
            }
            try encodeJSON(runtime, members: output.members, tee: cache.map { cache in { cache.append($0) } })
            cache?.finish()
            return
        }
        let zone = session.workspace.timeZone()
        // What the clone shows is what it last fetched: say when, and whether the hub may hold more.
        defer {
            if let age {
                c.note(c.t(age.sentence))
                if let hint = age.hint { c.hint(hint) }
            }
        }
        if selected.isEmpty && invalid.isEmpty {
            c.note(
                views.isEmpty && listing.invalid.isEmpty
                    ? c.t("No proposal yet.", "Aucune proposition pour l'instant.") : c.t("No proposal matches.", "Aucune proposition ne correspond.")
            )
            return
        }
        for group in output.clauses {
            let title =
                group.removed
                ? c.t("(removed from \(current?.draft.name ?? "the draft"))", "(retirée de \(current?.draft.name ?? "la version"))")
                : "\(group.number ?? "") \(group.title ?? "")"
            let t = group.counts
            var kinds: [String] = []
            if t.solution > 0 { kinds.append("\(t.solution) " + c.t("solution", "solution") + (t.solution > 1 ? "s" : "")) }
            if t.clarification > 0 { kinds.append("\(t.clarification) " + c.t("clarification", "précision") + (t.clarification > 1 ? "s" : "")) }
            if t.alternative > 0 { kinds.append("\(t.alternative) alternative" + (t.alternative > 1 ? "s" : "")) }
            let costs = "↑\(t.up) ↓\(t.down) =\(t.neutral)" + (t.unknown > 0 ? " ?\(t.unknown)" : "")
            c.out(c.paint("\(group.id)", .bold) + "  \(title)  — " + kinds.joined(separator: ", ") + c.t("; cost ", " ; coût ") + costs)
            for p in group.proposals {
                let carry = CarryOver(rawValue: p.state).map { c.word(p.state, $0.label) } ?? p.state
                let state =
                    (p.state == "current" ? "" : "  [\(carry)]") + (p.late ? c.t("  [late]", "  [en retard]") : "")
                    + (p.confidential == nil ? "" : c.t("  [confidential]", "  [confidentielle]"))
                let kind = ProposalKind(rawValue: p.kind).map { c.word(p.kind, $0.label) } ?? p.kind
                let cost = CostImpact(rawValue: p.cost).map { c.word(p.cost, $0.word) } ?? p.cost
                let line =
                    "  \(p.id)  \(kind)  \(cost)  v\(p.version)  \(c.word(p.status, InboxStatus.label(of: p.status)))\(state)"
                    + Self.answerMarks(p.answers, c, zone: zone)
                c.out(p.state == "outdated" || p.state == "orphaned" ? c.paint(line, .yellow) : line)
            }
        }
        if !invalid.isEmpty {
            c.out(
                c.paint(
                    c.t(
                        "Invalid — these break the rules, are not genuine proposals and are not counted:",
                        "Invalides — elles enfreignent les règles, ne sont pas des propositions authentiques et ne sont pas comptées :"), .bold))
            for bad in invalid { for line in InvalidProposalOutput.lines(bad, c) { c.out(line) } }
            c.note(
                c.t(
                    "\(selected.count) proposal(s); \(invalid.count) invalid, not counted.",
                    "\(selected.count) proposition(s) ; \(invalid.count) invalide(s), non comptée(s)."))
            return
        }
        c.note(c.t("\(selected.count) proposal(s).", "\(selected.count) proposition(s)."))
    }
}
