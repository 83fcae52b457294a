import ArgumentParser
import Foundation
import JeSaisFaire

struct HubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Create the shared repository of a consultation or a catalogue, which enforces the rules.",
        subcommands: [InitHub.self]
    )

    struct InitHub: JSFCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a bare hub that refuses what breaks the consultation's rules.",
            discussion: """
                Creates a bare repository with receive.denyNonFastForwards, receive.denyDeletes and receive.fsckObjects, \
                and a pre-receive hook that runs 'jsf hook pre-receive' with this jsf's absolute path (edit \
                hooks/pre-receive if jsf moves). The hook refuses, with a message the pusher sees, an update not signed \
                by the ref's owner, a ref outside the layout, a rewrite, a deletion or a moved tag, a malformed file, \
                and a proposal that arrives after its round closed. --existing equips a bare repository that exists. \
                'jsf init --hub PATH' and 'jsf publish --catalogue PATH' call it for a new local path. See docs/hosting.md \
                for git daemon, Apache and forges.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Where to create the hub (a new directory, conventionally ending in .git).")
        var path: String

        @Flag(help: "A catalogue of consultations rather than a consultation.")
        var catalogue = false

        @Flag(help: "Equip an existing bare repository instead of creating one.")
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
