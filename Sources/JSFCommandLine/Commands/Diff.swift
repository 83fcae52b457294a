import ArgumentParser
import Foundation
import JeSaisFaire

struct Diff: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "diff",
            abstract: bilingual(
                "Compare two drafts clause by clause, with a word-level redline.",
                "Compare deux versions clause par clause, avec les différences mot à mot."),
            discussion: bilingual(
                """
                Without arguments, compares the working tree with the last draft; with one, that draft with the working \
                tree; with two, the first draft with the second. Lists each clause added, removed, modified, moved, \
                renumbered, retitled (same id) or reweighted (criteria), then the word-level redline of each modified \
                clause. The comparison is computed from the two texts.
                """,
                """
                Sans argument, compare la copie de travail à la dernière version ; avec un, cette version à la copie de \
                travail ; avec deux, la première version à la seconde. Liste chaque clause ajoutée, supprimée, modifiée, \
                déplacée, renumérotée, renommée (même identifiant) ou repondérée (critères), puis les différences mot à \
                mot de chaque clause modifiée. La comparaison est calculée à partir des deux textes.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: .t("The older draft (vN), or nothing for the last draft.", "La version la plus ancienne (vN), ou rien pour la dernière version."),
        completion: .drafts)
    var from: String?

    @Argument(
        help: .t("The newer draft (vN), or nothing for the working tree.", "La version la plus récente (vN), ou rien pour la copie de travail."),
        completion: .drafts)
    var to: String?

    @Option(
        help: .t(
            "Only this clause: id, number on either side (6.2, \"Article 6\") or id prefix.",
            "Seulement cette clause : identifiant, numéro d'un côté ou de l'autre (6.2, « Article 6 ») ou début d'identifiant.", valueName: "clause"),
        completion: .clauses)
    var clause: String?

    @OptionGroup var format: OutputOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let session = try ReadingSession.open(context)
        let worktree = c.t("working tree", "copie de travail")
        let (fromName, oldSource) = try source(from, session: session, fallbackToLast: true, worktree: worktree)
        let (toName, newSource) = try source(to, session: session, fallbackToLast: false, worktree: worktree)
        var changes = ClauseDiff.compare(oldSource, newSource)
        if let clause {
            // The clause must exist on one side, by id, number (on either side) or prefix; an unknown one is refused
            // with the closest ones.
            let known = ClauseDiff.entries(oldSource) + ClauseDiff.entries(newSource)
            let selected: Set<String>
            switch ClauseLookup.match(clause, in: known) {
            case .id(let id): selected = [id]
            case .number(let entries): selected = Set(entries.map(\.id))
            case .prefix(let ids): selected = Set(ids)
            case .none: throw ClauseLookup.notFound(clause, in: known, version: "\(fromName) / \(toName)")
            }
            changes = changes.filter { selected.contains($0.id) }
        }
        let style = c.redlineStyle
        if format.json {
            func side(_ clause: Clause?) -> Side? {
                clause.map { Side(number: $0.number, title: $0.title, level: $0.level, parent: $0.parent, weight: $0.weight) }
            }
            try encodeJSON(
                runtime,
                Output(
                    from: fromName, to: toName,
                    clauses: changes.map { change in
                        Change(
                            id: change.id, changes: change.kinds.map(\.rawValue), old: side(change.old), new: side(change.new),
                            redline: change.kinds.contains(.modified) ? WordDiff.render(change.ops, style: .plain) : nil)
                    }))
            return
        }
        if changes.isEmpty {
            c.note(c.t("No difference between \(fromName) and \(toName).", "Aucune différence entre \(fromName) et \(toName)."))
            return
        }
        c.out(c.paint("\(fromName) → \(toName)", .bold))
        for change in changes {
            let marker: String
            switch change.kinds.first! {
            case .added: marker = c.paint("+", .green)
            case .removed: marker = c.paint("-", .red)
            default: marker = c.paint("~", .yellow)
            }
            var details: [String] = []
            for kind in change.kinds {
                switch kind {
                case .added: details.append(c.t("added", "ajoutée"))
                case .removed: details.append(c.t("removed", "supprimée"))
                case .modified: details.append(c.t("modified", "modifiée"))
                case .moved: details.append(c.t("moved", "déplacée"))
                case .renumbered:
                    details.append(
                        c.t("renumbered \(change.old!.number) → \(change.new!.number)", "renumérotée \(change.old!.number) → \(change.new!.number)"))
                case .retitled: details.append(c.t("retitled", "renommée") + " « \(change.old!.title) » → « \(change.new!.title) »")
                case .reweighted:
                    details.append(
                        c.t("weight", "poids") + " \(change.old!.weight.map(String.init) ?? "–") → \(change.new!.weight.map(String.init) ?? "–")")
                }
            }
            let clause = change.new ?? change.old!
            c.out("\(marker) \(change.id)  \(clause.number) \(clause.title)  (\(details.joined(separator: ", ")))")
        }
        for change in changes where change.kinds.contains(.modified) {
            c.out()
            c.out(c.paint("## \(change.id)", .bold))
            c.out(WordDiff.render(change.ops, style: style))
        }
    }

    /// The text of a draft, or of the working tree.
    func source(_ name: String?, session: ReadingSession, fallbackToLast: Bool, worktree: String) throws(JSFError) -> (String, String) {
        if let name {
            return try session.draftText(name)
        }
        if fallbackToLast {
            guard let last = try session.latestDraftText() else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "nothing is published yet: there is no draft to compare with",
                        fr: "rien n'est encore publié : il n'y a pas de version avec laquelle comparer"))
            }
            return last
        }
        guard let text = try session.workspace.worktreeText(Layout.cctpFile) else {
            throw JSFError(.refused, Text(en: "cctp.md is missing from the working tree", fr: "cctp.md manque dans la copie de travail"))
        }
        return (worktree, text)
    }
}
