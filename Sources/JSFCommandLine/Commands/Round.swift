import ArgumentParser
import JeSaisFaire

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Manage the round of the current draft.",
        subcommands: [Close.self]
    )

    struct Close: JSFCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close the round of the current draft now (agent).",
            discussion: "Records the closing time in consultation.yml on main and pushes it; proposals on that draft are refused from then on."
        )

        @OptionGroup var global: GlobalOptions

        @Flag(name: .customLong("no-push"), help: "Do not push to origin.")
        var noPush = false

        func execute(_ runtime: Runtime) throws(JSFError) {
            let identity = try runtime.context.identities.require([.agent])
            let workspace = try Workspace.open(runtime.context)
            let round = try Rounds.close(workspace, identity: identity, context: runtime.context)
            let c = runtime.console
            c.note(c.t("Closed the round of v\(round.version) at \(round.closes).", "Tour de la v\(round.version) clos le \(round.closes)."))
            if !noPush, try Sync.hub(of: workspace) != nil { try Sync.push(workspace, role: .agent) }
        }
    }
}
