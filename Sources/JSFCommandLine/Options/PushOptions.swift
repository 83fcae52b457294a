import ArgumentParser

/// `--no-push`, for the commands that write what a hub should hold (drafts, answers, approvals, keys, rounds).
struct PushOptions: ParsableArguments {
    @Flag(name: .customLong("no-push"), help: .t("Do not push to origin.", "Ne pousse pas vers origin."))
    var noPush = false
}
