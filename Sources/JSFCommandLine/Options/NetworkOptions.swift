import ArgumentParser
import Foundation
import JeSaisFaire

/// `--timeout`, for the commands that talk to a hub over the network (clone, fetch, push, discover, and those that
/// push through `PushOptions`): how long a transfer may go without any data before it stops. JSF_TIMEOUT gives it to
/// every command.
struct NetworkOptions: ParsableArguments {
    @Option(
        name: .customLong("timeout"),
        help: .t(
            "Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).",
            "Arrête un échange avec le hub après <seconds> sans aucune donnée de sa part (par défaut : JSF_TIMEOUT, sinon 60 ; 0 : aucune limite).",
            valueName: "seconds"))
    var timeout: String?
}

extension Network.Settings {
    /// The settings of one run: --timeout when the command takes it (`NetworkOptions`, alone or in `PushOptions`),
    /// else JSF_TIMEOUT, else the default; only jsf's own process may end itself on a stuck transfer, after printing
    /// the error in the console's language.
    static func of(_ command: some JSFCommand, invocation: Invocation, console: Console) throws(JSFError) -> Network.Settings {
        let timeout = try Network.timeout(option: timeoutOption(of: command), environment: invocation.environment)
        let printer = ErrorPrinter(console: console)
        return Network.Settings(timeout: timeout, mayEndProcess: invocation.ownsProcess, report: { printer.console.report($0) })
    }

    /// The --timeout the command line gave, wherever the command declares its option group.
    static func timeoutOption(of command: some JSFCommand) -> String? {
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? OptionGroup<NetworkOptions> { return group.wrappedValue.timeout }
            if let group = child.value as? OptionGroup<PushOptions> { return group.wrappedValue.network.timeout }
        }
        return nil
    }
}

/// The console, for the one error a stuck transfer prints from the watchdog's thread just before the process ends
/// (nothing else writes then: the command's thread is blocked in the transfer).
private struct ErrorPrinter: @unchecked Sendable {
    let console: Console
}
