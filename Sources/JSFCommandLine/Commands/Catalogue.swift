import ArgumentParser
import Foundation
import JeSaisFaire

struct CatalogueCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "catalogue",
            abstract: bilingual(
                "List the consultation in a catalogue companies browse with 'jsf discover'.",
                "Inscrit la consultation dans un catalogue que les entreprises parcourent avec 'jsf discover'."),
            subcommands: [Register.self]
        )
    }

    struct Register: JSFCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "register",
                abstract: bilingual(
                    "Write (or rewrite) the consultation's entry in a catalogue (agent).",
                    "Écrit (ou réécrit) l'entrée de la consultation dans un catalogue (agent)."),
                discussion: bilingual(
                    """
                    Writes consultations/<id>.yml on the catalogue's branch main, signed by the agent, from the latest \
                    draft and its round as main records them, and pushes it. Without URL, the catalogue the consultation \
                    was last registered in ('jsf publish --catalogue' or this command remember it in the clone's git \
                    configuration, jsf.catalogue). A missing local path becomes a new catalogue hub, as 'jsf hub init \
                    --catalogue' makes it. Running it again with nothing new changes nothing. Prints the entry's path.
                    """,
                    """
                    Écrit consultations/<id>.yml sur la branche main du catalogue, signé par l'agent, d'après la dernière \
                    version et son tour tels que main les inscrit, et le pousse. Sans URL, le catalogue où la consultation \
                    a été inscrite en dernier ('jsf publish --catalogue' ou cette commande le retiennent dans la \
                    configuration git du clone, jsf.catalogue). Un chemin local qui n'existe pas devient un nouveau hub de \
                    catalogue, comme le fait 'jsf hub init --catalogue'. Relancée sans rien de nouveau, elle ne change \
                    rien. Affiche le chemin de l'entrée.
                    """)
            )
        }

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: .t(
                "The catalogue (a git URL or a path); default the one last used.",
                "Le catalogue (une URL git ou un chemin) ; par défaut le dernier utilisé."))
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
