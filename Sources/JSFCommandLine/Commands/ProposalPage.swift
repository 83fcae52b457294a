import Foundation
import JeSaisFaire

/// `jsf show ID`: one proposal, in full.
enum ProposalPage {
    /// What the header says of a confidential proposal.
    static func confidentiality(_ p: Proposal) -> Text {
        p.hidesContent
            ? Text(
                en: "yes (secret des affaires): its content is sealed to the agent and buyers",
                fr: "oui (secret des affaires) : son contenu est scellé pour l'agent et les acheteurs")
            : Text(
                en: "yes (secret des affaires): opened with your key; not to be shared without its company's consent",
                fr: "oui (secret des affaires) : ouverte avec votre clé ; à ne pas diffuser sans le consentement de son entreprise")
    }

    /// Why this reader does not hold a confidential proposal's content.
    static func sealedReason(_ p: Proposal) -> Text {
        if case .closed(let why) = p.sealedContent {
            return Text(
                en: "it is confidential, and its sealed file does not open for you: \(why.en)",
                fr: "elle est confidentielle, et son fichier scellé ne s'ouvre pas pour vous : \(why.fr)")
        }
        return Text(
            en: "it is confidential: only the agent, the buyers and its company read it, with their keys",
            fr: "elle est confidentielle : seuls l'agent, les acheteurs et son entreprise la lisent, avec leurs clés")
    }

    static func show(_ id: String, session: ReadingSession, runtime: Runtime) throws(JSFError) {
        let c = runtime.console
        let workspace = session.workspace
        let identity = try session.identity()
        let lookup = try session.view(id, as: identity?.role ?? .company)
        // An invalid proposal: its reasons first, then what it says, never shown as a genuine one.
        if let bad = lookup.invalid {
            c.out(
                c.paint(
                    c.t(
                        "Proposal \(bad.id) — INVALID: it breaks the rules and is not a genuine proposal",
                        "Proposition \(bad.id) — INVALIDE : elle enfreint les règles et n'est pas une proposition authentique"), .red))
            for reason in bad.reasons { c.out("  - \(reason.location)\(c.t(": ", " : "))\(c.t(reason.message))") }
            c.out()
            guard lookup.view != nil else {
                c.out(
                    c.t(
                        "Its file cannot be read as a proposal: nothing more is shown.",
                        "Son fichier ne se lit pas comme une proposition : rien d'autre n'est affiché."))
                return
            }
            c.out(c.t("What it says, as written (not genuine):", "Ce qu'elle dit, telle qu'écrite (non authentique) :"))
        }
        guard let view = lookup.view else { return }
        let current = lookup.current
        let p = view.proposal
        let style = c.redlineStyle
        let zone = workspace.timeZone()
        c.out(c.paint(c.t("Proposal \(p.id)", "Proposition \(p.id)"), .bold) + " — " + c.t(p.pseudonym.displayName))
        var header: [(String, String)] = [
            (c.t("kind", "type"), c.t(p.kind.label)),
            (c.t("target", "cible"), p.target + (view.currentTarget.map { " (\($0.number) \($0.title))" } ?? c.t(" (removed)", " (retirée)"))),
            (c.t("draft", "version"), "v\(p.version)"),
            (c.t("cost", "coût"), c.word(p.cost.rawValue, p.cost.word) + (p.estimate.map { " — \($0)" } ?? "")),
            (c.t("status", "statut"), c.word(view.status, InboxStatus.label(of: view.status)) + integration(view, c)),
            (c.t("state", "état"), c.word(view.carry.rawValue, view.carry.label)),
            (c.t("created", "créée"), HumanDate.format(p.created, language: c.language, zone: zone)),
        ]
        if view.late {
            header.append(
                (
                    c.t("late", "en retard"),
                    c.t("first seen here after its round closed", "vue ici pour la première fois après la clôture de son tour")
                ))
        }
        if let supersedes = p.supersedes { header.append((c.t("amends", "remplace"), supersedes)) }
        if let withdrawn = p.withdrawn { header.append((c.t("withdrawn", "retirée"), HumanDate.format(withdrawn, language: c.language, zone: zone))) }
        if p.confidential { header.append((c.t("confidential", "confidentielle"), c.t(confidentiality(p)))) }
        if let shared = p.shared {
            header.append(
                (
                    c.t("shared", "partagée"),
                    c.t("made public by its company on ", "rendue publique par son entreprise le ")
                        + HumanDate.format(shared, language: c.language, zone: zone)
                ))
        }
        let width = header.map(\.0.count).max() ?? 0
        for (key, value) in header { c.out(key + String(repeating: " ", count: width - key.count) + "  " + value) }

        if p.hidesContent {
            // Everyone sees that it exists, its kind, target and cost direction; only its recipients read it.
            c.note(c.t("cannot open \(p.id): ", "impossible d'ouvrir \(p.id) : ") + c.t(sealedReason(p)))
        } else {
            c.out()
            c.out(c.paint(c.t("Justification", "Justification"), .bold))
            c.out(p.justification)
        }

        // A proposal on a clause with sub-clauses is on its whole section.
        let onSection = p.sectionHash != nil
        let body = { (source: String) -> String? in
            onSection ? Dialogue.sectionBody(source, id: p.target) : Dialogue.clauseBody(source, id: p.target)
        }
        let seen = try session.clauseText(p.target, version: p.version, withSubclauses: onSection)
        if let seen {
            c.out()
            c.out(
                c.paint(
                    onSection
                        ? c.t("The target's section in v\(p.version)", "La section cible dans la v\(p.version)")
                        : c.t("The target in v\(p.version)", "La cible dans la v\(p.version)"), .bold))
            c.out(String(seen.dropLast()))
        }
        let seenSource = try session.draftText(version: p.version)
        if view.carry == .outdated, let current, let seenSource,
            let before = body(seenSource), let after = body(current.source)
        {
            c.out()
            c.out(c.paint(c.t("Changed since, in \(current.draft.name)", "Modifiée depuis, dans la \(current.draft.name)"), .bold))
            c.out(WordDiff.redline(before, after, style: style))
        }
        if let weights = p.weights {
            c.out()
            c.out(c.paint(c.t("Proposed weights (v\(p.version) → proposed)", "Pondérations proposées (v\(p.version) → proposée)"), .bold))
            let seenIndex = (try? workspace.draft("v\(p.version)")).flatMap { try? workspace.index(at: $0.revision) }
            for (criterion, weight) in weights {
                let then = seenIndex?[criterion]?.weight.map(String.init) ?? "?"
                c.out("  \(criterion): \(then) → \(weight)")
            }
        }
        if let proposed = p.proposedText {
            c.out()
            let base = current.flatMap { body($0.source) }
            if let base {
                c.out(
                    c.paint(
                        c.t("Proposed text (redline against \(current!.draft.name))", "Texte proposé (différences avec la \(current!.draft.name))"),
                        .bold))
                c.out(WordDiff.redline(base, proposed, style: style))
            } else {
                c.out(c.paint(c.t("Proposed text", "Texte proposé"), .bold))
                c.out(proposed)
            }
        }
        if let response = view.response {
            c.out()
            c.out(c.paint(c.t("Answers", "Réponses"), .bold))
            let corrected = response.correctedBy
            for (n, entry) in response.entries.enumerated() {
                var line = "\(entry.created.human(c.language, zone: zone)) — " + c.t(entry.status.label) + (entry.version.map { " (v\($0))" } ?? "")
                if entry.withChanges { line += c.t(", with changes", ", avec des modifications") }
                if entry.erratum, let previous = (0..<n).last(where: { corrected[$0] == n }) {
                    line += c.t(
                        " — erratum of the answer of \(response.entries[previous].created.human(c.language, zone: zone))",
                        " — erratum de la réponse du \(response.entries[previous].created.human(c.language, zone: zone))")
                }
                if let name = entry.signedBy { line += c.t(" — signed by \(name)", " — signée par \(name)") }
                if let by = corrected[n] {
                    line += c.paint(
                        c.t(
                            "  [corrected on \(response.entries[by].created.human(c.language, zone: zone))]",
                            "  [corrigée le \(response.entries[by].created.human(c.language, zone: zone))]"), .yellow)
                }
                c.out(line)
                c.out(entry.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
            }
        }
    }

    /// " in v2, with changes" after "integrated" when the draft carries the proposal adjusted by the agent.
    static func integration(_ view: ProposalView, _ c: Console) -> String {
        guard let response = view.response, let version = response.integratedIn, response.integratedWithChanges else { return "" }
        return c.t(" (with changes) in v\(version)", " (avec des modifications) dans la v\(version)")
    }
}
