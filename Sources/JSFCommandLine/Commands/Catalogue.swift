import ArgumentParser
import Foundation
import JeSaisFaire

struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "List the consultation in a catalogue companies browse with 'jsf discover'.",
        subcommands: [Register.self]
    )

    struct Register: JSFCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Write (or rewrite) the consultation's entry in a catalogue (agent).",
            discussion: """
                Writes consultations/<id>.yml on the catalogue's branch main, signed by the agent, from the latest \
                draft and its round as main records them, and pushes it. Without URL, the catalogue the consultation \
                was last registered in ('jsf publish --catalogue' or this command remember it in the clone's git \
                configuration, jsf.catalogue). A missing local path becomes a new catalogue hub, as 'jsf hub init \
                --catalogue' makes it. Running it again with nothing new changes nothing. Prints the entry's path.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The catalogue (a git URL or a path); default the one last used.")
        var url: String?

        func execute(_ runtime: Runtime) throws(JSFError) {
            let c = runtime.console
            let session = try Session.open(runtime.context, as: [.agent])
            let (location, entry) = try Catalogue.register(session.workspace, url: url, identity: session.identity, context: runtime.context)
            c.out("consultations/\(entry.id).yml")
            c.note(c.t("Catalogue \(location) lists \(entry.id) (\(entry.draft)).", "Le catalogue \(location) liste \(entry.id) (\(entry.draft))."))
        }
    }
}
