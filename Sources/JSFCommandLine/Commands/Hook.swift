import ArgumentParser
import Foundation
import JeSaisFaire

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
            let input = String(decoding: runtime.streams.readInput(), as: UTF8.self)
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
            c.note(
                c.t(
                    "hint: jsf refused this push (\(refused) problem(s)); 'jsf verify' in your clone shows the same rules",
                    "astuce : jsf a refusé cet envoi (\(refused) problème(s)) ; 'jsf verify' dans votre clone montre les mêmes règles"))
            throw JSFError.quiet()
        }
    }
}
