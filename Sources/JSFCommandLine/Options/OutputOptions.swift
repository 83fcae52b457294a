import ArgumentParser

/// `--json`, for the reading commands: their output as JSON on stdout, the types of `JSON/` (docs/cli.md).
struct OutputOptions: ParsableArguments {
    @Flag(help: .t("Print JSON.", "Affiche du JSON."))
    var json = false
}
