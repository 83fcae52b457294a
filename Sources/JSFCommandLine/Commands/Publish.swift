import ArgumentParser
import Foundation
import JeSaisFaire

struct Publish: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "publish",
            abstract: bilingual(
                "Publish the edited CCTP as the next draft (vN) and open its round.",
                "Publie le CCTP modifié comme version suivante (vN) et ouvre son tour."),
            discussion: bilingual(
                """
                Assigns ids to new headings of cctp.md, regenerates clauses.yml, records the round of the new draft \
                in consultation.yml (it opens now and closes at --until, fourteen days from now by default; an open \
                round of the previous draft closes now), commits on main, and creates the annotated tag vN whose \
                message is the changelog (trailers Clauses-Added, Clauses-Changed, Clauses-Removed, Round-Opens, \
                Round-Closes). Then pushes main and the draft tags to origin when there is one. Prints the tag name \
                on standard output.

                Refused when 'jsf check' fails or when nothing changed since the last draft. If the push fails the \
                draft stays published locally: run 'jsf push' later.

                The proposals 'jsf revise --apply' applied are integrated (trailer Integrates); one whose target the agent \
                adjusted by hand since is integrated with changes (also in Integrates-With-Changes). --integrates ID \
                records an accepted or partially accepted proposal the agent integrated by hand. --dry-run prints the tag, \
                its message, the files of the commit and what would be pushed, and writes nothing. A failed --catalogue \
                is a warning: the draft is published; 'jsf catalogue register' lists it later.
                """,
                """
                Attribue des identifiants aux nouveaux titres de cctp.md, régénère clauses.yml, inscrit le tour de la \
                nouvelle version dans consultation.yml (il s'ouvre maintenant et se clôt à --until, dans quatorze jours \
                par défaut ; un tour ouvert de la version précédente se clôt maintenant), valide sur main, et crée \
                l'étiquette annotée vN dont le message est le journal des modifications (lignes Clauses-Added, \
                Clauses-Changed, Clauses-Removed, Round-Opens, Round-Closes). Puis pousse main et les étiquettes de \
                versions vers origin quand il y en a un. Affiche le nom de l'étiquette sur la sortie standard.

                Refusé quand 'jsf check' échoue ou que rien n'a changé depuis la dernière version. Si la poussée échoue, \
                la version reste publiée localement : lancez 'jsf push' plus tard.

                Les propositions que 'jsf revise --apply' a appliquées sont intégrées (ligne Integrates) ; celle dont \
                l'agent a retouché la cible à la main depuis est intégrée avec des modifications (aussi dans \
                Integrates-With-Changes). --integrates ID inscrit une proposition acceptée ou partiellement acceptée que \
                l'agent a intégrée à la main. --dry-run affiche l'étiquette, son message, les fichiers du commit et ce qui \
                serait poussé, sans rien écrire. Un échec de --catalogue n'est qu'un avertissement : la version est \
                publiée ; 'jsf catalogue register' l'inscrit plus tard.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .shortAndLong,
        help: .t(
            "The changelog's first line (default: \"Version N\").", "La première ligne du journal des modifications (par défaut : « Version N »)."))
    var message: String?

    @Option(
        help: .t(
            "When the round closes: 2027-01-15 (23:59:59 that day), 2027-01-15T17:00 (in the consultation's time zone) or 2027-01-15T17:00:00+01:00.",
            "Quand le tour se clôt : 2027-01-15 (à 23:59:59 ce jour-là), 2027-01-15T17:00 (dans le fuseau horaire de la consultation) ou 2027-01-15T17:00:00+01:00.",
            valueName: "datetime"))
    var until: String?

    @Option(
        parsing: .upToNextOption,
        help: .t(
            "Record these proposals as integrated with changes (accepted or partially accepted, adjusted by hand).",
            "Inscrit ces propositions comme intégrées avec des modifications (acceptées ou partiellement acceptées, retouchées à la main).",
            valueName: "id"),
        completion: .proposals)
    var integrates: [String] = []

    @Flag(
        help: .t(
            "Print the tag, its message, the files and what would be pushed; write nothing.",
            "Affiche l'étiquette, son message, les fichiers et ce qui serait poussé ; n'écrit rien."))
    var dryRun = false

    @Flag(
        help: .t(
            "Publish even though the new draft has no clause left of the previous one (an emptied cctp.md is refused otherwise).",
            "Publie même si la nouvelle version ne garde aucune clause de la précédente (un cctp.md vidé est refusé sinon)."))
    var allowRemovingAll = false

    @OptionGroup var push: PushOptions

    @Option(
        help: .t(
            "Also add or update the consultation's entry in this catalogue (a git repository companies browse with 'jsf discover').",
            "Ajoute ou met aussi à jour l'entrée de la consultation dans ce catalogue (un dépôt git que les entreprises parcourent avec 'jsf discover').",
            valueName: "url"
        ))
    var catalogue: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let identity = try context.identities.require([.agent])
        // The shape first (a usage error before any other), then the instant in the consultation's zone.
        if let until, Timestamp.parse(until, timeZone: TimeZoneCheck.defaultZone) == nil {
            throw JSFError(
                .usage,
                Text(
                    en: "--until '\(until)' is not a date: write 2027-01-15, 2027-01-15T17:00 or 2027-01-15T17:00:00+01:00",
                    fr: "--until '\(until)' n'est pas une date : écrivez 2027-01-15, 2027-01-15T17:00 ou 2027-01-15T17:00:00+01:00"))
        }
        let workspace = try Workspace.open(context)
        let zone = workspace.timeZone()
        let closes = until.flatMap { Timestamp.parse($0, timeZone: zone) }
        let session = Session(workspace: workspace, identity: identity, context: context)
        let request = PublishRequest(message: message, until: closes, integrates: integrates, allowRemovingAll: allowRemovingAll)
        if dryRun {
            try showPlan(try session.publishPlan(request), workspace: workspace, runtime: runtime)
            return
        }
        let result = try session.publish(request)
        for warning in result.warnings { c.note(c.describe(warning, err: true)) }
        let changes = result.changes
        c.note(
            c.t(
                "Published \(result.draft.name): +\(changes.added.count) ~\(changes.changed.count) -\(changes.removed.count) clauses; round open until \(result.round.closes.human(c.language, zone: zone)).",
                "Version \(result.draft.name) publiée : +\(changes.added.count) ~\(changes.changed.count) -\(changes.removed.count) clauses ; tour ouvert jusqu'au \(result.round.closes.human(c.language, zone: zone))."
            ))
        if !result.integrates.isEmpty {
            c.note(c.t("Integrates: ", "Intègre : ") + result.integrates.joined(separator: ", "))
        }
        if !result.withChanges.isEmpty {
            c.note(c.t("With changes: ", "Avec des modifications : ") + result.withChanges.joined(separator: ", "))
        }
        for id in result.dropped { c.warning(Self.droppedWarning(id)) }
        if !result.answers.isEmpty {
            c.note(c.t("Answers: ", "Répond à : ") + result.answers.joined(separator: ", "))
        }
        if !result.assignedIDs.isEmpty {
            c.note(c.t("New clause ids: ", "Nouveaux identifiants : ") + result.assignedIDs.joined(separator: ", "))
        }
        c.out(result.draft.name)
        let name = result.draft.name
        if !push.noPush {
            try pushRecorded(
                workspace, role: .agent, runtime: runtime,
                done: { Text(en: "Pushed main and \(name) to \($0).", fr: "main et \(name) poussés vers \($0).") },
                kept: {
                    Text(
                        en: "\(name) is published locally but could not be pushed to \($0)",
                        fr: "\(name) est publiée localement mais n'a pas pu être poussée vers \($0)")
                })
        }
        guard let catalogue else { return }
        // The draft is published whatever happens to the catalogue: its failure is a warning, and can be mended later.
        do {
            let (location, entry) = try Catalogue.register(workspace, url: catalogue, identity: identity, context: context)
            c.note(
                c.t("Catalogue \(location) lists \(entry.id) (\(entry.draft)).", "Le catalogue \(location) liste \(entry.id) (\(entry.draft))."))
        } catch {
            c.warning(
                Text(
                    en: "\(name) is published, but the catalogue '\(catalogue)' was not updated: \(error.message.en)",
                    fr: "\(name) est publiée, mais le catalogue '\(catalogue)' n'a pas été mis à jour : \(error.message.fr)"))
            for hint in error.hints { c.hint(hint) }
            c.hint(
                Text(
                    en: "once that is fixed: jsf catalogue register \(catalogue)",
                    fr: "une fois cela réglé : jsf catalogue register \(catalogue)"))
        }
    }

    static func droppedWarning(_ id: String) -> Text {
        Text(
            en: "\(id) was applied by 'jsf revise' but its target is gone or back to the previous draft's text: it is not integrated",
            fr:
                "\(id) avait été appliquée par 'jsf revise' mais sa cible a disparu ou est revenue au texte de la version précédente : elle n'est pas intégrée"
        )
    }

    /// --dry-run: the tag and its message on stdout, the rest on stderr; nothing written.
    func showPlan(_ plan: PublishPlan, workspace: Workspace, runtime: Runtime) throws(JSFError) {
        let c = runtime.console
        for warning in plan.warnings { c.note(c.describe(warning, err: true)) }
        c.out(c.t("tag \(plan.tag) on a new commit of main, message:", "étiquette \(plan.tag) sur un nouveau commit de main, message :"))
        c.out(plan.changelog.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "    " + $0 }.joined(separator: "\n"))
        c.out(c.t("files:", "fichiers :"))
        for (path, change) in plan.files {
            let word: String
            switch change {
            case .added: word = c.t("added", "ajouté")
            case .modified: word = c.t("modified", "modifié")
            case .deleted: word = c.t("deleted", "supprimé")
            }
            c.out("    \(word): \(path)")
        }
        if !plan.assignedIDs.isEmpty { c.out(c.t("new clause ids: ", "nouveaux identifiants : ") + plan.assignedIDs.joined(separator: ", ")) }
        for id in plan.integrates {
            c.out(
                c.t(
                    "dialogue: responses/\(id).md gets 'integrated \(plan.tag)'",
                    "dialogue : responses/\(id).md passe au statut « intégrée » dans la \(plan.tag)")
                    + (plan.withChanges.contains(id) ? c.t(" (with changes)", " (avec des modifications)") : ""))
        }
        for id in plan.dropped { c.warning(Self.droppedWarning(id)) }
        let hub = try Sync.hub(of: workspace)
        if let hub, !push.noPush {
            var refs = ["refs/heads/main", "refs/tags/\(plan.tag)"]
            if !plan.integrates.isEmpty { refs.append("refs/heads/dialogue") }
            let refspecs = try Sync.pushRefspecs(workspace, role: .agent, adding: refs).map { String($0.split(separator: ":")[0]) }
            c.out(c.t("push to \(hub): ", "envoi vers \(hub) : ") + refspecs.joined(separator: " "))
        } else {
            c.out(c.t("push: none (\(hub == nil ? "no hub" : "--no-push"))", "envoi : aucun (\(hub == nil ? "pas de hub" : "--no-push"))"))
        }
        if let catalogue { c.out(c.t("catalogue: ", "catalogue : ") + catalogue) }
        c.note(c.t("Dry run: nothing was written.", "Essai à blanc : rien n'a été écrit."))
    }
}
