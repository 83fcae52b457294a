import ArgumentParser
import Foundation
import JeSaisFaire

/// The `jsf` command: the pre-tender dialogue of French public procurement, in git.
public struct JSF: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "jsf",
        abstract: "Write better tender specifications together: drafts, proposals and approval of a CCTP, in git.",
        discussion: """
            jsf (JeSaisFaire) versions a CCTP (cahier des clauses techniques particulières) in a git repository. \
            The agent who owns the consultation publishes drafts; companies concerned by its CPV domain and territory \
            react clause by clause under pseudonyms; a buyer of the regional purchasing platform (PFRA) approves the final text.

            Messages follow LC_ALL, LC_MESSAGES and LANG (French or English). Data goes to standard output, \
            progress and messages to standard error. Exit status: 0 success, 1 refused or invalid input, \
            64 wrong usage, 128 repository failure.

            Identity files live in $JSF_HOME, else $XDG_CONFIG_HOME/jsf, else ~/.config/jsf. JSF_NOW fixes the clock \
            (ISO 8601 with an offset) for tests and demonstrations.
            """,
        subcommands: [
            IdentityCommand.self, Init.self, Check.self, Publish.self, Status.self, Log.self, Clauses.self, Show.self,
            Discover.self, Clone.self, Propose.self, Withdraw.self, Inbox.self, Comment.self, Revise.self, Diff.self, RoundCommand.self, Fetch.self,
            Push.self,
            Approve.self, Import.self, Export.self, Report.self, ConsultationCommand.self, Verify.self, AllowedSigners.self,
            HubCommand.self, CatalogueCommand.self, HookCommand.self,
        ]
    )

    /// -C and --color before the command name (`jsf -C conso status`): taken off by `LeadingOptions` before parsing,
    /// declared here so that help, man page and shell completion know them.
    @OptionGroup var global: GlobalOptions

    public init() {}

    public static let version = "0.1.0"

    /// Entry point of the process: runs `arguments` (the program's name first) and exits with the command's status.
    public static func run(_ arguments: [String]) -> Never {
        Foundation.exit(main(Array(arguments.dropFirst()), invocation: .process()))
    }

    /// Runs one jsf command line (without the program's name) against `invocation`'s environment, directory and
    /// streams, and returns its exit status. Accepts -C and --color before the command name, as git does. Nothing
    /// process-wide is read or changed, so tests run commands in-process, several at once.
    public static func main(_ arguments: [String], invocation: Invocation) -> Int32 {
        var rest = arguments
        let streams = invocation.streams
        if rest == ["--version"] {
            streams.write(Data((version + "\n").utf8), to: .output)
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
                if code == .success {
                    // --help and the like: what ArgumentParser prints, on stdout.
                    if !message.isEmpty { streams.write(Data((message + "\n").utf8), to: .output) }
                    return code.rawValue
                }
                // Usage errors: git-style "error: …", in the user's language, exit 64.
                let environment = invocation.environment
                let console = Console(
                    language: Language.from(environment: environment), color: leading.color ?? .auto,
                    environment: environment, streams: streams)
                var text = message
                if text.hasPrefix("Error: ") { text = String(text.dropFirst(7)) }
                console.note(console.paint(console.t("error: ", "erreur : "), .red, err: true) + text)
                return code.rawValue
            }
        }
    }
}
