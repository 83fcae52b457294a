import ArgumentParser
import Foundation
import JeSaisFaire

struct HookCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "hook",
            abstract: bilingual("Run on a hub by git: checks what is pushed.", "Lancé par git sur un hub : vérifie ce qui est poussé."),
            subcommands: [PreReceive.self]
        )
    }

    struct PreReceive: JSFCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "pre-receive",
                abstract: bilingual(
                    "The hub's pre-receive hook: read '<old> <new> <ref>' lines, refuse the push when one breaks a rule.",
                    "Le hook pre-receive du hub : lit des lignes '<ancien> <nouveau> <ref>', refuse la poussée quand l'une enfreint une règle."),
                discussion: bilingual(
                    """
                    git runs it with the pushed objects in quarantine (GIT_QUARANTINE_PATH); jsf opens the repository \
                    the way git's environment names it. Each refusal is one 'error:' line naming the ref, the commit and \
                    the rule, which the pusher sees as 'remote: error: …'. The round's closing is judged by the hub's \
                    clock (JSF_NOW only for a hub made while JSF_NOW was set, for tests and demonstrations: config \
                    jsf.clock = environment). Exit 1 refuses the whole push.
                    """,
                    """
                    git le lance avec les objets poussés en quarantaine (GIT_QUARANTINE_PATH) ; jsf ouvre le dépôt comme \
                    l'environnement de git le désigne. Chaque refus est une ligne 'error:' qui nomme la ref, le commit et la \
                    règle, que celui qui pousse voit comme 'remote: error: …'. La clôture du tour est jugée à l'horloge du \
                    hub (JSF_NOW seulement pour un hub créé avec JSF_NOW défini, pour les tests et les démonstrations : \
                    config jsf.clock = environment). Le code de retour 1 refuse toute la poussée.
                    """
                )
            )
        }

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
