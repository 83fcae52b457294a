import ArgumentParser

/// Options every command takes; `-C` and `--color` may also come before the command name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if jsf was started in <directory>.", valueName: "directory"))
    var directory: String?

    @Option(help: ArgumentHelp("Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color: ColorChoice?
}

extension ColorChoice: ExpressibleByArgument {}
