import ArgumentParser
import JeSaisFaire

struct RoundCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "round",
            abstract: bilingual("Manage the round of the current draft.", "Gère le tour de la version courante."),
            subcommands: [Close.self]
        )
    }

    struct Close: JSFCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "close",
                abstract: bilingual("Close the round of the current draft now (agent).", "Clôt maintenant le tour de la version courante (agent)."),
                discussion: bilingual(
                    "Records the closing time in consultation.yml on main and pushes it; proposals on that draft are refused from then on.",
                    "Inscrit l'heure de clôture dans consultation.yml sur main et la pousse ; les propositions sur cette version sont dès lors refusées."
                )
            )
        }

        @OptionGroup var global: GlobalOptions

        @OptionGroup var push: PushOptions

        func execute(_ runtime: Runtime) throws(JSFError) {
            let session = try Session.open(runtime.context, as: [.agent])
            let round = try session.closeRound()
            let c = runtime.console
            let closed = round.closes.human(c.language, zone: session.workspace.timeZone())
            c.note(c.t("Closed the round of v\(round.version) on \(closed).", "Tour de la v\(round.version) clos le \(closed)."))
            guard !push.noPush else { return }
            try pushRecorded(
                session.workspace, role: .agent, runtime: runtime,
                done: { Text(en: "Pushed main to \($0).", fr: "main poussée vers \($0).") },
                kept: {
                    Text(
                        en: "the round is closed locally but could not be pushed to \($0)",
                        fr: "le tour est clos localement mais n'a pas pu être poussé vers \($0)")
                })
        }
    }
}
