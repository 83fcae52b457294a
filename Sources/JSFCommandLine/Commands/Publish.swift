import ArgumentParser
import Foundation
import JeSaisFaire

struct Publish: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish the edited CCTP as the next draft (vN) and open its round.",
        discussion: """
            Assigns ids to new headings of cctp.md, regenerates clauses.yml, records the round of the new draft \
            in consultation.yml (it opens now and closes at --until, fourteen days from now by default; an open \
            round of the previous draft closes now), commits on main, and creates the annotated tag vN whose \
            message is the changelog (trailers Clauses-Added, Clauses-Changed, Clauses-Removed, Round-Opens, \
            Round-Closes). Then pushes main and the draft tags to origin when there is one. Prints the tag name \
            on standard output.

            Refused when 'jsf check' fails or when nothing changed since the last draft. If the push fails the \
            draft stays published locally: run 'jsf push' later.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .shortAndLong, help: "The changelog's first line (default: \"Version N\").")
    var message: String?

    @Option(
        help: ArgumentHelp("When the round closes: 2027-01-15T17:00:00+01:00, or 2027-01-15 (end of that day, local time).", valueName: "datetime"))
    var until: String?

    @OptionGroup var push: PushOptions

    @Option(
        help: ArgumentHelp(
            "Also add or update the consultation's entry in this catalogue (a git repository companies browse with 'jsf discover').", valueName: "url"
        ))
    var catalogue: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let identity = try context.identities.require([.agent])
        var closes: Date?
        if let until {
            guard let date = Timestamp.parse(until, timeZone: context.clock.timeZone) else {
                throw JSFError(
                    .usage,
                    Text(
                        en: "--until '\(until)' is not a date: write 2027-01-15T17:00:00+01:00 or 2027-01-15",
                        fr: "--until '\(until)' n'est pas une date : écrivez 2027-01-15T17:00:00+01:00 ou 2027-01-15"))
            }
            closes = date
        }
        let workspace = try Workspace.open(context)
        let session = Session(workspace: workspace, identity: identity, context: context)
        let result = try session.publish(PublishRequest(message: message, until: closes))
        for warning in result.warnings { c.note(c.describe(warning, err: true)) }
        let changes = result.changes
        c.note(
            c.t(
                "Published \(result.draft.name): +\(changes.added.count) ~\(changes.changed.count) -\(changes.removed.count) clauses; round open until \(result.round.closes).",
                "Version \(result.draft.name) publiée : +\(changes.added.count) ~\(changes.changed.count) -\(changes.removed.count) clauses ; tour ouvert jusqu'au \(result.round.closes)."
            ))
        if !result.integrates.isEmpty {
            c.note(c.t("Integrates: ", "Intègre : ") + result.integrates.joined(separator: ", "))
        }
        for id in result.dropped {
            c.warning(
                Text(
                    en: "\(id) was applied by 'jsf revise' but its text is no longer in cctp.md: it is not integrated",
                    fr: "\(id) avait été appliquée par 'jsf revise' mais son texte n'est plus dans cctp.md : elle n'est pas intégrée"))
        }
        if !result.answers.isEmpty {
            c.note(c.t("Answers: ", "Répond à : ") + result.answers.joined(separator: ", "))
        }
        if !result.assignedIDs.isEmpty {
            c.note(c.t("New clause ids: ", "Nouveaux identifiants : ") + result.assignedIDs.joined(separator: ", "))
        }
        c.out(result.draft.name)
        let name = result.draft.name
        let hub = try Sync.hub(of: workspace)
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
        guard let hub else {
            throw JSFError(
                .refused,
                Text(
                    en: "\(result.draft.name) is published, but a catalogue entry needs a hub companies can clone (no remote 'origin')",
                    fr:
                        "\(result.draft.name) est publiée, mais une entrée de catalogue demande un hub que les entreprises peuvent cloner (pas de remote 'origin')"
                ),
                hints: [
                    Text(
                        en: "add one with 'git remote add origin URL', then 'jsf push'",
                        fr: "ajoutez-en un avec 'git remote add origin URL', puis 'jsf push'")
                ])
        }
        let consultation = try workspace.worktreeConsultation()
        let entry = CatalogueEntry(
            consultation: consultation, hub: hub, draft: result.draft, round: result.round, timeZone: context.clock.timeZone,
            agentKey: try context.identities.signingKey(for: identity).publicKey)
        try Catalogue.open(catalogue, context: context, create: true).record(entry, by: identity, context: context)
        c.note(
            c.t(
                "Catalogue \(catalogue) lists \(consultation.id) (\(result.draft.name)).",
                "Le catalogue \(catalogue) liste \(consultation.id) (\(result.draft.name))."))
    }
}
