import Foundation
internal import Git

/// Turns libgit2's «failed to lock file '…' for writing» into what to do: wait for the live writer that holds the
/// lock, or run `jsf repair` when the lock was left by a process that died (SIGKILL, crash, power cut). Never
/// blames the network for a lock on this machine.
enum LockDiagnosis {
    /// The lock file a libgit2 failure names: "failed to lock file '<path>' for writing", or the index's
    /// "the index is locked" (the index of a repository this process has open).
    static func lockFile(in error: GitError) -> String? {
        let message = error.message
        if let start = message.range(of: "failed to lock file '"),
            let end = message.range(of: "' for writing", range: start.upperBound..<message.endIndex)
        {
            return String(message[start.upperBound..<end.lowerBound])
        }
        if message.contains("the index is locked") {
            let candidates = WriterLock.held.filter { !$0.hub }.map { $0.gitDirectory + "/index.lock" }
                .filter { FileManager.default.fileExists(atPath: $0) }
            return candidates.count == 1 ? candidates[0] : nil
        }
        return nil
    }

    /// Whether a failure is a lock held or left on a file, whatever code libgit2 gave it.
    static func isLock(_ error: GitError) -> Bool {
        error.code == .locked || lockFile(in: error) != nil || error.message.contains("the index is locked")
    }

    /// The error to report for a lock failure, keeping `message` and the cause; nil when `error` is no lock failure.
    static func error(for error: GitError, message: Text) -> JSFError? {
        guard isLock(error) else { return nil }
        var result = JSFError(.repository, message, cause: error.description)
        guard let file = lockFile(in: error) else {
            result.hints = [
                Text(
                    en:
                        "a lock file is in the way: another jsf or git may be writing; run the command again, and if it keeps failing run 'jsf repair'",
                    fr:
                        "un fichier de verrou gêne : un autre jsf ou git écrit peut-être ; relancez la commande, et si l'échec persiste lancez 'jsf repair'"
                )
            ]
            return result
        }
        result.hints = hints(for: file)
        return result
    }

    /// What to say about `file`: who holds it, or that it is stale and which command removes it.
    static func hints(for file: String) -> [Text] {
        guard let modified = Leftovers.modification(file) else {
            // Gone already: a writer held it for a moment.
            return [
                Text(
                    en: "another jsf or git was writing '\(file)' at the same time; run the command again",
                    fr: "un autre jsf ou git écrivait '\(file)' au même moment ; relancez la commande")
            ]
        }
        let gitDirectory = Leftovers.gitDirectory(containing: file) ?? (file as NSString).deletingLastPathComponent
        let workTree = (gitDirectory as NSString).lastPathComponent == ".git" ? (gitDirectory as NSString).deletingLastPathComponent : nil
        let isHub = WriterLock.held.contains { $0.gitDirectory == gitDirectory && $0.hub } || workTree == nil
        let judge = Leftovers.Judge(gitDirectory: gitDirectory, workTree: workTree, files: [file])
        let age = Age(seconds: Date().timeIntervalSince(modified))
        if let owner = judge.owner(of: file, kind: .lock, modified: modified, now: Date()) {
            if owner == .unknown {
                return [
                    Text(
                        en: "'\(file)' is locked (since \(age.en)): another jsf or git may be writing; run the command again in a moment",
                        fr: "'\(file)' est verrouillé (depuis \(age.fr)) : un autre jsf ou git écrit peut-être ; relancez la commande dans un instant"
                    ),
                    Text(
                        en: "if nothing else runs there, 'jsf repair\(isHub ? " --hub" : "")' removes a lock older than 10 minutes",
                        fr: "si rien d'autre n'y tourne, 'jsf repair\(isHub ? " --hub" : "")' supprime un verrou de plus de 10 minutes"),
                ]
            }
            return [
                Text(
                    en:
                        "\(owner.words.en) is writing in \(isHub ? "the hub" : "this repository") now and holds '\(file)'; run the command again when it is done",
                    fr:
                        "\(owner.words.fr) écrit dans \(isHub ? "le hub" : "ce dépôt") en ce moment et tient '\(file)' ; relancez la commande quand il aura fini"
                )
            ]
        }
        let place = isHub ? Text(en: "the hub", fr: "le hub") : Text(en: "this repository", fr: "ce dépôt")
        return [
            Text(
                en: "'\(file)' was left behind by a jsf or git that was stopped (it is \(age.en) old, and no jsf or git runs in \(place.en) now)",
                fr:
                    "'\(file)' a été laissé par un jsf ou un git interrompu (il date de \(age.fr), et aucun jsf ni git ne tourne dans \(place.fr) à présent)"
            ),
            Text(
                en: "run 'jsf repair\(isHub ? " --hub" : "")' to remove it, then run the command again",
                fr: "lancez 'jsf repair\(isHub ? " --hub" : "")' pour le supprimer, puis relancez la commande"),
        ]
    }
}

/// A duration in words: "12 seconds", "3 minutes", "2 hours", "4 days" / «12 secondes»…
struct Age {
    var seconds: TimeInterval

    private var parts: (Int, String, String) {
        let s = max(0, Int(seconds))
        if s < 120 { return (s, "second", "seconde") }
        if s < 7200 { return (s / 60, "minute", "minute") }
        if s < 172_800 { return (s / 3600, "hour", "heure") }
        return (s / 86400, "day", "jour")
    }

    var en: String {
        let (n, word, _) = parts
        return "\(n) \(word)\(n == 1 ? "" : "s")"
    }

    var fr: String {
        let (n, _, word) = parts
        return "\(n) \(word)\(n > 1 ? "s" : "")"
    }
}
