import ArgumentParser
import Foundation
import JeSaisFaire

/// `--timeout`, for the commands that talk to a hub over the network (clone, fetch, push, discover): how long a
/// transfer may go without any data before it stops. JSF_TIMEOUT gives it to every command, those that push included.
struct NetworkOptions: ParsableArguments {
    @Option(
        name: .customLong("timeout"),
        help: .t(
            "Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).",
            "Arrête un échange avec le hub après <seconds> sans aucune donnée de sa part (par défaut : JSF_TIMEOUT, sinon 60 ; 0 : aucune limite).",
            valueName: "seconds"))
    var timeout: String?
}

/// A command that takes `NetworkOptions`.
protocol NetworkCommand: JSFCommand {
    var network: NetworkOptions { get }
}

extension Network.Settings {
    /// The settings of one run: --timeout when the command takes it, else JSF_TIMEOUT, else the default; only jsf's own
    /// process may end itself on a stuck transfer, after printing the error in the console's language.
    static func of(_ command: some JSFCommand, invocation: Invocation, console: Console) throws(JSFError) -> Network.Settings {
        let option = (command as? any NetworkCommand)?.network.timeout
        let timeout = try Network.timeout(option: option, environment: invocation.environment)
        let printer = ErrorPrinter(console: console)
        return Network.Settings(timeout: timeout, mayEndProcess: invocation.ownsProcess, report: { printer.console.report($0) })
    }
}

/// The console, for the one error a stuck transfer prints from the watchdog's thread just before the process ends
/// (nothing else writes then: the command's thread is blocked in the transfer).
private struct ErrorPrinter: @unchecked Sendable {
    let console: Console
}
