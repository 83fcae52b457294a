import CLibGit2
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How long a transfer with a remote may stay silent, and what happens then (libgit2 1.5 has no timeout of its own:
/// GIT_OPT_SET_SERVER_TIMEOUT came with 1.7, and a stalled socket never calls back).
///
/// The limit is on inactivity, as git's http.lowSpeedTime: a transfer stops when no sign of life came for
/// `inactivity` seconds, whatever its length. A sign of life is any callback libgit2 makes while it connects, sends or
/// receives: credentials, each object received or indexed, each 100 KiB received, each message of the remote, each
/// step of building and sending a pack.
public struct NetworkLimits: Sendable {
    /// Seconds without a sign of life after which the transfer stops; nil: never.
    public var inactivity: TimeInterval?
    /// Whether the watchdog may end the process when the stalled call does not return once interrupted: only for
    /// the jsf process itself, never when commands run inside another program (the tests).
    public var mayEndProcess: Bool
    /// What to say before the process ends that way (on the watchdog's thread): gets the remote's URL.
    public var lastWords: (@Sendable (String) -> Void)?

    public init(
        inactivity: TimeInterval? = NetworkLimits.defaultInactivity, mayEndProcess: Bool = false, lastWords: (@Sendable (String) -> Void)? = nil
    ) {
        self.inactivity = inactivity
        self.mayEndProcess = mayEndProcess
        self.lastWords = lastWords
    }

    public static let defaultInactivity: TimeInterval = 60

    /// The limits of the transfers the current task (or thread) makes.
    @TaskLocal public static var current = NetworkLimits()

    /// The exit status of a process ended by the watchdog, as for any failure of the repository.
    public static let exitStatus: Int32 = 128
}

/// What went wrong with a remote, as far as the person at the keyboard can act on it.
public enum NetworkFault: Sendable, Equatable {
    /// Nothing listens at the address (connection refused).
    case refused
    /// The host is unknown or cannot be reached (name resolution, no route).
    case unreachable
    /// No sign of life within the inactivity limit: the transfer was stopped.
    case timeout
    /// The connection was closed or reset in the middle of the exchange.
    case cut
}

extension GitError {
    /// The code of a transfer stopped for inactivity: GIT_TIMEOUT, as libgit2 1.7 numbers its own timeouts.
    public static let timeoutCode: Int32 = -37

    /// What happened on the network, when this error comes from an exchange with a remote that failed that way.
    public var networkFault: NetworkFault? {
        guard ["git_remote_download", "git_remote_push", "git_remote_fetch", "git_clone"].contains(function) else { return nil }
        if code == .other(GitError.timeoutCode) { return .timeout }
        let text = message.lowercased()
        if text.contains("connection refused") { return .refused }
        let unreachable = ["failed to resolve address", "no route to host", "network is unreachable", "host is unreachable"]
        if unreachable.contains(where: text.contains) { return .unreachable }
        let cut = [
            "early eof", "unexpected eof", "connection reset", "broken pipe", "error receiving socket data", "error sending data",
            "connection closed", "unexpected disconnect", "failed to receive response", "failed to send request",
            "socket disconnected", "would block", "unable to exchange encryption keys", "failure while draining incoming flow",
        ]
        if cut.contains(where: text.contains) { return .cut }
        return nil
    }
}

/// The watchdog of one network phase (connect and download, or connect and send): a thread that, after `inactivity`
/// seconds without a sign of life, marks the phase expired, interrupts the blocked system call of the calling thread
/// (SIGURG, whose handler does nothing and does not restart the call: libgit2 then fails with EINTR), and keeps
/// interrupting it; every callback then returns an error. Should the call still not return a second later, and the
/// process be jsf's own, it says its last words and ends the process with `_exit`: only while the phase lasts, so
/// never while refs are updated (that comes after `finish()`).
final class NetworkWatch: @unchecked Sendable {
    private let condition = NSCondition()
    private var lastSign: UInt64
    private var watching = true
    private var expiredAt: UInt64?
    private let inactivity: TimeInterval
    private let limits: NetworkLimits
    private let url: String
    private let caller: pthread_t
    /// How long an interrupted call may take to return before the process is ended.
    static let grace: TimeInterval = 1

    private init(inactivity: TimeInterval, limits: NetworkLimits, url: String) {
        self.inactivity = inactivity
        self.limits = limits
        self.url = url
        caller = pthread_self()
        lastSign = NetworkWatch.now()
    }

    /// Whether the phase ran out of time; read by the callbacks and after the call.
    var expired: Bool {
        condition.lock()
        defer { condition.unlock() }
        return expiredAt != nil
    }

    /// A sign of life: the clock starts again. Returns what a libgit2 callback returns: 0 to go on, an error once expired.
    func sign() -> Int32 {
        condition.lock()
        defer { condition.unlock() }
        lastSign = NetworkWatch.now()
        return expiredAt == nil ? 0 : GIT_EUSER.rawValue
    }

    /// Runs `body` (a libgit2 call that connects, then downloads or sends) under a watchdog when the current limits
    /// set one; a call stopped by it throws a GitError of code `timeoutCode`. SIGPIPE is blocked on the calling thread
    /// meanwhile (libgit2 1.5 sends without MSG_NOSIGNAL: a cut connection would kill the process), and one it raised is
    /// taken back, so a cut connection is an error like any other.
    static func watch(url: String, function: String, _ body: (NetworkWatch?) throws(GitError) -> Void) throws(GitError) {
        let limits = NetworkLimits.current
        let pipe = SignalMask.blockingPipe()
        defer { pipe.restore() }
        guard let inactivity = limits.inactivity, inactivity > 0, interruptionInstalled else {
            try body(nil)
            return
        }
        let watch = NetworkWatch(inactivity: inactivity, limits: limits, url: url)
        Thread.detachNewThread { watch.run() }
        var failure: GitError?
        do { try body(watch) } catch { failure = error }
        let expired = watch.finish()
        if expired {
            let seconds = inactivity == inactivity.rounded() ? "\(Int(inactivity))" : "\(inactivity)"
            throw GitError(
                function: function, code: .other(GitError.timeoutCode),
                message: "no data from '\(url)' for \(seconds) s: the transfer was stopped\(failure.map { " (\($0.message))" } ?? "")")
        }
        if let failure { throw failure }
    }

    /// Ends the phase; returns whether it expired. After this, the watchdog neither interrupts nor ends anything.
    private func finish() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        watching = false
        condition.broadcast()
        return expiredAt != nil
    }

    private func run() {
        condition.lock()
        defer { condition.unlock() }
        while watching {
            let now = NetworkWatch.now()
            let silent = NetworkWatch.seconds(now &- lastSign)
            if silent < inactivity && expiredAt == nil {
                _ = condition.wait(until: Date().addingTimeInterval(min(inactivity - silent, 0.25) + 0.001))
                continue
            }
            if expiredAt == nil { expiredAt = now }
            pthread_kill(caller, SIGURG)
            if limits.mayEndProcess, let expiredAt, NetworkWatch.seconds(now &- expiredAt) >= NetworkWatch.grace {
                // Still in the network phase (the lock is held, so it cannot end meanwhile): nothing but objects in a
                // temporary pack was written, which git ignores and 'git gc' removes.
                limits.lastWords?(url)
                _exit(NetworkLimits.exitStatus)
            }
            _ = condition.wait(until: Date().addingTimeInterval(0.1))
        }
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    private static func seconds(_ nanoseconds: UInt64) -> TimeInterval { TimeInterval(nanoseconds) / 1e9 }
}

/// SIGURG (ignored by default, so a stray one ends nothing) gets a handler that does nothing, installed without
/// SA_RESTART: a blocked recv, send, connect or poll of the interrupted thread returns EINTR.
private let interruptionInstalled: Bool = {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    return sigaction(SIGURG, &action, nil) == 0
}()

/// The calling thread's signals for the duration of a transfer: SIGPIPE blocked, and `restore()` takes back one the
/// transfer raised (pending on the thread) before the mask is restored; SIGURG unblocked, whatever mask the process
/// inherited, so that the watchdog's interruption reaches the blocked call.
private struct SignalMask {
    var previous = sigset_t()
    var wasPending = false

    static func blockingPipe() -> SignalMask {
        var mask = SignalMask()
        var pipe = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        var pending = sigset_t()
        sigpending(&pending)
        mask.wasPending = sigismember(&pending, SIGPIPE) == 1
        pthread_sigmask(SIG_BLOCK, &pipe, &mask.previous)
        var urgent = sigset_t()
        sigemptyset(&urgent)
        sigaddset(&urgent, SIGURG)
        pthread_sigmask(SIG_UNBLOCK, &urgent, nil)
        return mask
    }

    func restore() {
        var pipe = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        var pending = sigset_t()
        sigpending(&pending)
        if !wasPending, sigismember(&pending, SIGPIPE) == 1 {
            var zero = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&pipe, nil, &zero)
        }
        var previous = self.previous
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
