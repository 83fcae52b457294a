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
            let directory = try Hub.initialise(at: location, kind: catalogue ? .catalogue : .consultation,
                                               executable: runtime.context.executable, existing: existing,
                                               fixedClock: runtime.context.environment["JSF_NOW"] != nil)
            runtime.console.out(directory)
            let c = runtime.console
            c.note(c.t("Hub ready; its pre-receive hook runs \(runtime.context.executable).",
                       "Hub prêt ; son crochet pre-receive lance \(runtime.context.executable)."))
        }
    }
}

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run on a hub by git: checks what is pushed.",
        subcommands: [PreReceive.self]
    )

    struct PreReceive: JSFCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-receive",
            abstract: "The hub's pre-receive hook: read '<old> <new> <ref>' lines, refuse the push when one breaks a rule.",
            discussion: """
            git runs it with the pushed objects in quarantine (GIT_QUARANTINE_PATH); jsf opens the repository \
            the way git's environment names it. Each refusal is one 'error:' line naming the ref, the commit and \
            the rule, which the pusher sees as 'remote: error: …'. The round's closing is judged by the hub's \
            clock (JSF_NOW only for a hub made while JSF_NOW was set, for tests and demonstrations: config \
            jsf.clock = environment). Exit 1 refuses the whole push.
            """
        )

        @OptionGroup var global: GlobalOptions

        func execute(_ runtime: Runtime) throws(JSFError) {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let updates = try Hub.parseUpdates(input)
            let verdicts = try Hub.review(updates, clock: runtime.context.clock)
            let c = runtime.console
            var refused = 0
            for verdict in verdicts {
                for problem in verdict.problems {
                    refused += 1
                    c.note(c.paint(c.t("error: ", "erreur : "), .red, err: true) + describe(problem, c))
                }
            }
            guard refused > 0 else { return }
            c.note(c.t("hint: jsf refused this push (\(refused) problem(s)); 'jsf verify' in your clone shows the same rules",
                       "astuce : jsf a refusé cet envoi (\(refused) problème(s)) ; 'jsf verify' dans votre clone montre les mêmes règles"))
            throw JSFError.quiet()
        }
    }
}

/// "refs/heads/x 1a2b3c4: message (rule: owner)", as the hook, fetch and verify print a refusal.
func describe(_ problem: TrustProblem, _ c: Console) -> String {
    let object = problem.object.map { " \($0.short)" } ?? ""
    return "\(problem.ref)\(object): \(c.t(problem.message)) (\(c.t("rule", "règle")): \(problem.rule.rawValue))"
}
