import Foundation
internal import Git

/// Every failure the domain reports: what went wrong, what to do next, and how the process should exit.
public struct JSFError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Refused by a rule or bad input: exit 1.
        case refused
        /// Wrong use of the command line: exit 64.
        case usage
        /// The repository or libgit2 failed: exit 128.
        case repository
    }

    public var kind: Kind
    public var message: Text
    public var hints: [Text]
    /// Validation findings behind a refusal, listed one per line.
    public var problems: [Problem]
    /// The underlying failure, shown as "Caused by:".
    public var cause: String?
    /// Already reported on the way (e.g. by `jsf check`): only the exit status remains.
    public var silent = false

    public init(_ kind: Kind = .refused, _ message: Text, hints: [Text] = [], problems: [Problem] = [], cause: String? = nil) {
        self.kind = kind
        self.message = message
        self.hints = hints
        self.problems = problems
        self.cause = cause
    }

    public init(en: String, fr: String, hint: Text? = nil, kind: Kind = .refused) {
        self.init(kind, Text(en: en, fr: fr), hints: hint.map { [$0] } ?? [])
    }

    public var description: String {
        ([message.en] + problems.map { $0.description } + hints.map { "hint: " + $0.en }).joined(separator: "\n")
    }

    /// A refusal whose reasons were already printed.
    public static func quiet(_ kind: Kind = .refused) -> JSFError {
        var error = JSFError(kind, Text(en: "", fr: ""))
        error.silent = true
        return error
    }

    public var exitCode: Int32 {
        switch kind {
        case .refused: return 1
        case .usage: return 64
        case .repository: return 128
        }
    }

    /// Wraps a libgit2 failure. A lock on a file says who holds it or how to clear it (never the network, whatever
    /// `hint` says); a full disk says so.
    static func git(_ error: GitError, _ message: Text? = nil, hint: Text? = nil) -> JSFError {
        let message = message ?? Text(en: "the repository operation failed", fr: "l'opération sur le dépôt a échoué")
        if let locked = LockDiagnosis.error(for: error, message: message) { return locked }
        if DiskFull.matches(error.message) { return JSFError(.repository, message, hints: [DiskFull.hint], cause: error.description) }
        return JSFError(.repository, message, hints: hint.map { [$0] } ?? [], cause: error.description)
    }

    /// Wraps a failure to write `file` in the work tree or beside the repository (AtomicFile's, for one).
    public static func writing(_ file: String, _ error: any Error) -> JSFError {
        let full = (error as? AtomicFile.Failure)?.isDiskFull == true || DiskFull.matches("\(error)")
        return JSFError(
            .repository, Text(en: "cannot write '\(file)'", fr: "impossible d'écrire '\(file)'"),
            hints: full ? [DiskFull.hint] : [], cause: "\(error)")
    }
}

/// A full disk, named in both languages, with what to do.
enum DiskFull {
    static func matches(_ message: String) -> Bool {
        message.localizedCaseInsensitiveContains("no space left on device") || message.localizedCaseInsensitiveContains("disk quota exceeded")
    }

    static let hint = Text(
        en: "the disk is full (no space left on device): nothing was half-written; free some space, then run the command again",
        fr:
            "le disque est plein (plus d'espace disponible sur le périphérique) : rien n'a été écrit à moitié ; libérez de la place, puis relancez la commande"
    )
}

/// Runs `body`, turning a libgit2 failure into a JSFError with the given message.
@discardableResult
func gitCall<T>(_ message: Text? = nil, hint: Text? = nil, _ body: () throws -> T) throws(JSFError) -> T {
    do {
        return try body()
    } catch let error as JSFError {
        throw error
    } catch let error as GitError {
        throw JSFError.git(error, message, hint: hint)
    } catch {
        let full = (error as? AtomicFile.Failure)?.isDiskFull == true || DiskFull.matches("\(error)")
        throw JSFError(
            .repository, message ?? Text(en: "unexpected failure", fr: "échec inattendu"), hints: full ? [DiskFull.hint] : [], cause: "\(error)")
    }
}

/// Writers that lose a compare-and-swap read the ref again and retry (DESIGN.md §2: one read decides a write).
enum Concurrency {
    static let attempts = 20

    /// The ref moved, or appeared, between the read and the write; or another process holds its lock.
    static func isLostRace(_ error: GitError) -> Bool {
        error.code == .modified || error.code == .exists || error.code == .locked
    }

    /// Waits a little longer after each lost race, so that a writer holding the lock can finish.
    static func pause(_ attempt: Int) {
        Thread.sleep(forTimeInterval: Double(min(attempt, 10)) * 0.003 + Double.random(in: 0..<0.002))
    }
}
