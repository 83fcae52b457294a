import CLibGit2
import Foundation

/// A libgit2 failure: the C function that failed, its error code and `git_error_last()` message.
public struct GitError: Error, CustomStringConvertible, Sendable {
    /// The libgit2 error codes callers care about; anything else keeps its raw value.
    public enum Code: Sendable, Equatable {
        case notFound, exists, ambiguous, unbornBranch, nonFastForward, invalidSpec, conflict, locked,
            modified, auth, certificate, invalid, uncommitted
        case other(Int32)

        /// Maps a negative libgit2 return value to a code.
        public init(rawValue: Int32) {
            switch rawValue {
            case GIT_ENOTFOUND.rawValue: self = .notFound
            case GIT_EEXISTS.rawValue: self = .exists
            case GIT_EAMBIGUOUS.rawValue: self = .ambiguous
            case GIT_EUNBORNBRANCH.rawValue: self = .unbornBranch
            case GIT_ENONFASTFORWARD.rawValue: self = .nonFastForward
            case GIT_EINVALIDSPEC.rawValue: self = .invalidSpec
            case GIT_ECONFLICT.rawValue: self = .conflict
            case GIT_ELOCKED.rawValue: self = .locked
            case GIT_EMODIFIED.rawValue: self = .modified
            case GIT_EAUTH.rawValue: self = .auth
            case GIT_ECERTIFICATE.rawValue: self = .certificate
            case GIT_EINVALID.rawValue: self = .invalid
            case GIT_EUNCOMMITTED.rawValue: self = .uncommitted
            default: self = .other(rawValue)
            }
        }
    }

    /// The libgit2 function (or, for checks made in Swift, the operation) that failed.
    public let function: String
    /// What kind of failure it was.
    public let code: Code
    /// libgit2's own message, never empty.
    public let message: String

    /// Creates an error; used by this module and by test doubles.
    public init(function: String, code: Code, message: String) {
        self.function = function
        self.code = code
        self.message = message
    }

    /// "<function>: <message>".
    public var description: String { "\(function): \(message)" }

    /// Builds the error for `function` from `git_error_last()`; must run on the failing thread right after the call.
    static func last(_ function: String, _ result: Int32) -> GitError {
        // libgit2 does not always set a message for a failed write (then git_error_last is an older one): a full disk
        // is named from errno, which the failed system call left.
        let systemError = errno
        var message = ""
        if let error = git_error_last(), let text = error.pointee.message {
            message = String(cString: text).trimmingTrailingNewlines()
        }
        if message.isEmpty {
            message = "failed with code \(result)"
        }
        if systemError == ENOSPC || systemError == EDQUOT, let reason = strerror(systemError).map({ String(cString: $0) }),
            !message.localizedCaseInsensitiveContains(reason)
        {
            message += " (\(reason))"
        }
        return GitError(function: function, code: Code(rawValue: result), message: message)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
