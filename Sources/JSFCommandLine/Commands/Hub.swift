import ArgumentParser
import Foundation
import JeSaisFaire

struct HubCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "hub",
            abstract: bilingual(
                "Create the shared repository of a consultation or a catalogue, which enforces the rules.",
                "Crée le dépôt partagé d'une consultation ou d'un catalogue, qui fait respecter les règles."),
            subcommands: [InitHub.self]
        )
    }

    struct InitHub: JSFCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "init",
                abstract: bilingual(
                    "Create a bare hub that refuses what breaks the consultation's rules.",
                    "Crée un hub nu qui refuse ce qui enfreint les règles de la consultation."),
                discussion: bilingual(
                    """
                    Creates a bare repository with receive.denyNonFastForwards, receive.denyDeletes and receive.fsckObjects, \
                    and a pre-receive hook that runs 'jsf hook pre-receive' with this jsf's absolute path (edit \
                    hooks/pre-receive if jsf moves). The hook refuses, with a message the pusher sees, an update not signed \
                    by the ref's owner, a ref outside the layout, a rewrite, a deletion or a moved tag, a malformed file, \
                    and a proposal that arrives after its round closed. --existing equips a bare repository that exists. \
                    'jsf init --hub PATH' and 'jsf publish --catalogue PATH' call it for a new local path. See docs/hosting.md \
                    for git daemon, Apache and forges.
                    """,
                    """
                    Crée un dépôt nu avec receive.denyNonFastForwards, receive.denyDeletes et receive.fsckObjects, et un hook \
                    pre-receive qui lance 'jsf hook pre-receive' avec le chemin absolu de ce jsf (modifiez hooks/pre-receive \
                    si jsf change de place). Le hook refuse, avec un message que voit celui qui pousse, une mise à jour non \
                    signée par le propriétaire de la ref, une ref hors de l'organisation prévue, une réécriture, une \
                    suppression ou une étiquette déplacée, un fichier mal formé, et une proposition qui arrive après la \
                    clôture de son tour. --existing équipe un dépôt nu qui existe. 'jsf init --hub CHEMIN' et 'jsf publish \
                    --catalogue CHEMIN' l'appellent pour un nouveau chemin local. Voir docs/hosting.md pour git daemon, \
                    Apache et les forges.
                    """
                )
            )
        }

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: .t(
                "Where to create the hub (a new directory, conventionally ending in .git).",
                "Où créer le hub (un nouveau dossier, dont le nom finit d'ordinaire par .git)."))
        var path: String

        @Flag(help: .t("A catalogue of consultations rather than a consultation.", "Un catalogue de consultations plutôt qu'une consultation."))
        var catalogue = false

        @Flag(help: .t("Equip an existing bare repository instead of creating one.", "Équipe un dépôt nu existant au lieu d'en créer un."))
        var existing = false

        func execute(_ runtime: Runtime) throws(JSFError) {
            let location = runtime.context.absolute(path)
            let directory = try Hub.initialise(
                at: location, kind: catalogue ? .catalogue : .consultation,
                executable: runtime.context.executable, existing: existing,
                fixedClock: runtime.context.environment["JSF_NOW"] != nil)
            runtime.console.out(directory)
            let c = runtime.console
            c.note(
                c.t(
                    "Hub ready; its pre-receive hook runs \(runtime.context.executable).",
                    "Hub prêt ; son crochet pre-receive lance \(runtime.context.executable)."))
        }
    }
}
