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
            Discover.self, Clone.self, Propose.self, Withdraw.self, Inbox.self, Comment.self, Revise.self, Diff.self, RoundCommand.self, Fetch.self, Push.self,
            Approve.self, Import.self, Export.self, Report.self, ConsultationCommand.self, Verify.self, AllowedSigners.self,
            HubCommand.self, HookCommand.self,
        ]
    )

    public init() {}

    public static let version = "0.1.0"

    /// Entry point: accepts -C and --color before the command name, as git does.
    public static func run(_ arguments: [String]) {
        var rest = Array(arguments.dropFirst())
        if rest == ["--version"] {
            print(version)
            return
        }
        while let first = rest.first {
            if first == "-C", rest.count >= 2 {
                LeadingOptions.directory = rest[1]
                rest.removeFirst(2)
            } else if first == "--color", rest.count >= 2, let choice = ColorChoice(rawValue: rest[1]) {
                LeadingOptions.color = choice
                rest.removeFirst(2)
            } else if first.hasPrefix("--color="), let choice = ColorChoice(rawValue: String(first.dropFirst(8))) {
                LeadingOptions.color = choice
                rest.removeFirst()
            } else if first.hasPrefix("-C"), first.count > 2 {
                LeadingOptions.directory = String(first.dropFirst(2))
                rest.removeFirst()
            } else {
                break
            }
        }
        do {
            var command = try parseAsRoot(rest)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            // Usage errors: git-style "error: …", in the user's language, exit 64.
            let environment = ProcessInfo.processInfo.environment
            let console = Console(language: Language.from(environment: environment), color: LeadingOptions.color ?? .auto, environment: environment)
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = String(message.dropFirst(7)) }
            console.note(console.paint(console.t("error: ", "erreur : "), .red, err: true) + message)
            Foundation.exit(code.rawValue)
        }
    }
}
