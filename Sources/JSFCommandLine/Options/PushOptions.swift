import ArgumentParser

/// `--no-push`, for the commands that write what a hub should hold (drafts, answers, approvals, keys, rounds).
struct PushOptions: ParsableArguments {
    @Flag(name: .customLong("no-push"), help: "Do not push to origin.")
    var noPush = false
}
