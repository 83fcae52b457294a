import ArgumentParser

/// `--no-push`, for the commands that write what a hub should hold (drafts, answers, approvals, keys, rounds), and
/// `--timeout` for the push they make.
struct PushOptions: ParsableArguments {
    @Flag(name: .customLong("no-push"), help: .t("Do not push to origin.", "Ne pousse pas vers origin."))
    var noPush = false

    @OptionGroup var network: NetworkOptions
}
