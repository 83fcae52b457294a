import ArgumentParser

/// Options every command takes; `-C` and `--color` may also come before the command name.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customShort("C"),
        help: .t("Run as if jsf was started in <directory>.", "Agit comme si jsf avait été lancé dans <directory>.", valueName: "directory"))
    var directory: String?

    @Option(
        help: .t(
            "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.",
            "Colore la sortie : auto (sur un terminal, sauf si NO_COLOR est défini), always (toujours) ou never (jamais).", valueName: "when"))
    var color: ColorChoice?
}

extension ColorChoice: ExpressibleByArgument {}
