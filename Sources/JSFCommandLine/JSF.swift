import ArgumentParser
import Foundation
import JeSaisFaire

/// The `jsf` command: the pre-tender dialogue of French public procurement, in git.
public struct JSF: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "jsf",
            abstract: bilingual(
                "Write better tender specifications together: drafts, proposals and approval of a CCTP, in git.",
                "Rédiger ensemble un meilleur cahier des charges : versions, propositions et approbation d'un CCTP, dans git."),
            discussion: bilingual(
                """
                jsf (JeSaisFaire) versions a CCTP (cahier des clauses techniques particulières) in a git repository. \
                The agent who owns the consultation publishes drafts; companies concerned by its CPV domain and territory \
                react clause by clause under pseudonyms; a buyer of the regional purchasing platform (PFRA) approves the final text.

                Messages follow LC_ALL, LC_MESSAGES and LANG (French or English). Data goes to standard output, \
                progress and messages to standard error. Exit status: 0 success, 1 refused or invalid input, \
                64 wrong usage, 128 repository failure.

                Identity files live in $JSF_HOME, else $XDG_CONFIG_HOME/jsf, else ~/.config/jsf. JSF_NOW fixes the clock \
                (ISO 8601 with an offset) for tests and demonstrations. jsf --version prints the version of jsf.
                """,
                """
                jsf (JeSaisFaire) versionne un CCTP (cahier des clauses techniques particulières) dans un dépôt git. \
                L'agent qui porte la consultation publie les versions ; les entreprises concernées par son domaine CPV et \
                son territoire réagissent clause par clause sous pseudonyme ; un acheteur de la plateforme régionale des \
                achats (PFRA) approuve le texte final.

                Les messages suivent LC_ALL, LC_MESSAGES et LANG (français ou anglais). Les données vont sur la sortie \
                standard, la progression et les messages sur la sortie d'erreur. Code de retour : 0 succès, 1 demande \
                refusée ou entrée non valable, 64 mauvaise utilisation, 128 échec du dépôt.

                Les fichiers d'identité sont dans $JSF_HOME, sinon $XDG_CONFIG_HOME/jsf, sinon ~/.config/jsf. JSF_NOW fixe \
                l'horloge (ISO 8601 avec un décalage) pour les tests et les démonstrations. jsf --version affiche la \
                version de jsf.
                """),
            subcommands: [
                IdentityCommand.self, Init.self, Check.self, Publish.self, Status.self, Log.self, Clauses.self, Show.self,
                Discover.self, Clone.self, Propose.self, Withdraw.self, Consent.self, Inbox.self, Comment.self, Revise.self, Diff.self,
                RoundCommand.self,
                Fetch.self,
                Push.self,
                Approve.self, ParticipantsCommand.self, Import.self, Export.self, Report.self, ConsultationCommand.self, Verify.self,
                AuditAnonymity.self, AllowedSigners.self, Repair.self,
                HubCommand.self, CatalogueCommand.self, HookCommand.self,
            ]
        )
    }

    /// -C and --color before the command name (`jsf -C conso status`): taken off by `LeadingOptions` before parsing,
    /// declared here so that help, man page and shell completion know them.
    @OptionGroup var global: GlobalOptions

    public init() {}

    public static let version = "0.1.0"

    /// What `jsf --version` prints, as `git --version` does.
    static var versionLine: String { "jsf version \(version)\n" }

    /// True when `arguments` (without the program's name) ask for the version: `--version` first after -C and
    /// --color, whatever follows (`git --version status` prints git's version too).
    static func asksVersion(_ arguments: [String]) -> Bool {
        var rest = arguments
        _ = LeadingOptions.parse(&rest)
        return rest.first == "--version"
    }

    /// Entry point of the process: runs `arguments` (the program's name first) and exits with the command's status.
    public static func run(_ arguments: [String]) -> Never {
        // The version before anything else, the environment included: it costs little more than loading the program.
        if asksVersion(Array(arguments.dropFirst())) {
            print(versionLine, terminator: "")
            Foundation.exit(0)
        }
        var invocation = Invocation.process()
        invocation.ownsProcess = true
        Foundation.exit(main(Array(arguments.dropFirst()), invocation: invocation))
    }

    /// Runs one jsf command line (without the program's name) against `invocation`'s environment, directory and
    /// streams, and returns its exit status. Accepts -C and --color before the command name, as git does. Nothing
    /// process-wide is read or changed, so tests run commands in-process, several at once.
    public static func main(_ arguments: [String], invocation: Invocation) -> Int32 {
        var rest = arguments
        let streams = invocation.streams
        if asksVersion(rest) {
            streams.write(Data(versionLine.utf8), to: .output)
            return 0
        }
        let leading = LeadingOptions.parse(&rest)
        return Invocation.$current.withValue(Invocation.Current(invocation: invocation, leading: leading)) {
            if let completions = CompletedValue.answer(rest, environment: invocation.environment) {
                if !completions.isEmpty { streams.write(Data((completions + "\n").utf8), to: .output) }
                return 0
            }
            do {
                var command = try parseAsRoot(rest)
                try command.run()
                return 0
            } catch let exit as ExitCode {
                return exit.rawValue
            } catch {
                let code = exitCode(for: error)
                let message = fullMessage(for: error)
                let environment = invocation.environment
                let language = Language.from(environment: environment)
                if code == .success {
                    // --help and the like: what ArgumentParser prints, on stdout; the help's frame in French too (not
                    // the JSON of --experimental-dump-help nor a completion script).
                    var text = message
                    if language == .fr, text.hasPrefix("OVERVIEW: ") || text.hasPrefix("USAGE: ") { text = ParserFrench.help(text) }
                    if environment["JSF_DUMP_HELP_ESCAPED"] == "1", rest.contains("--experimental-dump-help") {
                        text = ParserFrench.escapingNonASCII(text)
                    }
                    if !text.isEmpty { streams.write(Data((text + "\n").utf8), to: .output) }
                    return code.rawValue
                }
                // Usage errors: git-style "error: …", in the user's language (ArgumentParser's own messages too), exit 64.
                let console = Console(language: language, color: leading.color ?? .auto, environment: environment, streams: streams)
                var text = message
                if text.hasPrefix("Error: ") { text = String(text.dropFirst(7)) }
                if language == .fr { text = ParserFrench.error(text) }
                console.note(console.paint(console.t("error: ", "erreur : "), .red, err: true) + text)
                return code.rawValue
            }
        }
    }
}
