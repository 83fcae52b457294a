import Foundation
import JeSaisFaire

/// Everything a run of jsf takes from the world that started it: the environment (read once), the working
/// directory, the standard streams and the path of the jsf executable. The process gives it in `main.swift`; a test
/// gives its own and runs a command in-process.
public struct Invocation: Sendable {
    public var environment: [String: String]
    /// The working directory, absolute.
    public var directory: String
    public var streams: any Streams
    /// The jsf executable, written into the hooks of the hubs jsf creates (nil: the running process's own).
    public var executable: String?
    /// Whether this is jsf's own process (`JSF.run`), which a transfer stuck past --timeout may end (Network).
    public var ownsProcess = false

    public init(environment: [String: String], directory: String, streams: any Streams, executable: String? = nil) {
        self.environment = environment
        self.directory = directory
        self.streams = streams
        self.executable = executable
    }

    /// The process's own environment, directory and streams.
    public static func process() -> Invocation {
        Invocation(
            environment: ProcessInfo.processInfo.environment, directory: FileManager.default.currentDirectoryPath,
            streams: ProcessStreams())
    }

    /// The run in progress, with the `-C` and `--color` given before the command name. A task-local value, so that
    /// commands run in-process on several threads at once (tests) never see each other's.
    @TaskLocal static var current = Current(invocation: .process(), leading: LeadingOptions())

    struct Current: Sendable {
        var invocation: Invocation
        var leading: LeadingOptions
    }
}

/// Values of -C and --color written before the command name (jsf -C DIR status).
struct LeadingOptions: Sendable {
    var directory: String?
    var color: ColorChoice?

    /// Takes the leading options off `arguments`, as git does.
    static func parse(_ arguments: inout [String]) -> LeadingOptions {
        var leading = LeadingOptions()
        while let first = arguments.first {
            if first == "-C", arguments.count >= 2 {
                leading.directory = arguments[1]
                arguments.removeFirst(2)
            } else if first == "--color", arguments.count >= 2, let choice = ColorChoice(rawValue: arguments[1]) {
                leading.color = choice
                arguments.removeFirst(2)
            } else if first.hasPrefix("--color="), let choice = ColorChoice(rawValue: String(first.dropFirst(8))) {
                leading.color = choice
                arguments.removeFirst()
            } else if first.hasPrefix("-C"), first.count > 2 {
                leading.directory = String(first.dropFirst(2))
                arguments.removeFirst()
            } else {
                break
            }
        }
        return leading
    }
}
