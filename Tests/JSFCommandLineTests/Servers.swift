import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif
// `stat` is seen through CoreFoundation's headers once ZIPFoundation's zlib module is in the build.
#if canImport(CoreFoundation)
    import CoreFoundation
#endif

// Real git servers on 127.0.0.1, started and stopped by the tests themselves: git daemon, Apache with
// git http-backend, and sshd with git-shell. Each serves a directory of bare repositories of one sandbox, on a free
// port, with its configuration, keys, pid file and log inside the sandbox. Servers run in their own process group,
// and `stop()` (also called by deinit) terminates the whole group and reaps it.
//
// A machine that cannot run a server (binary missing, not root for sshd, no free port after three tries) makes
// `start` throw `ServerError.unavailable(reason)`; a server that starts but does not work throws `.failed` with its
// log. Tests skip on the first (printing the reason) and fail on the second.

/// Why a server is not there.
enum ServerError: Error, CustomStringConvertible {
    /// This machine cannot run the server: tests skip, printing the reason.
    case unavailable(String)
    /// The server was started but did not come up or misbehaved: tests fail with this text (it includes the log).
    case failed(String)

    var description: String {
        switch self {
        case .unavailable(let reason): return "unavailable: \(reason)"
        case .failed(let reason): return "failed: \(reason)"
        }
    }
}

/// A port nobody listens on now: bound to 0 by the kernel, then released.
func freePort() -> Int? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { return nil }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { return nil }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts TCP connections on 127.0.0.1:port.
func isListening(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return connected == 0
}

/// Text of a file, or "" when it cannot be read.
private func contents(_ path: String) -> String {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
}

/// Runs a setup command (ssh-keygen, chown, useradd…) with a minimal environment, requiring success.
@discardableResult
private func runTool(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
    var env = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"]
    for (key, value) in environment { env[key] = value }
    let run = try spawn(executable, arguments, in: "/", environment: env)
    guard run.status == 0 else {
        throw ServerError.failed("\(executable) \(arguments.joined(separator: " ")):\n\(run)")
    }
    return run
}

/// A daemon started with posix_spawn in a process group of its own, stdin /dev/null, stdout and stderr to a log
/// file; `stop()` sends SIGTERM to the group, SIGKILL after a grace period, and reaps the leader.
final class ServerProcess: @unchecked Sendable {
    let pid: pid_t
    let log: String
    let command: String
    private let lock = NSLock()
    private var status: Int32?

    init(_ executable: String, _ arguments: [String], environment: [String: String], log: String) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ServerError.unavailable("\(executable) is not installed")
        }
        self.log = log
        command = ([executable] + arguments).joined(separator: " ")
        _ = FileManager.default.createFile(atPath: log, contents: nil)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        // The test runner may ignore some of these; the daemon must see them with their default actions.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ServerError.unavailable("cannot run \(executable): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    /// Whether the leader still runs (reaping it when it has exited).
    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        if status != nil { return false }
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        if result == pid || (result < 0 && errno == ECHILD) {
            status = raw
            return false
        }
        return true
    }

    var logText: String { contents(log) }

    /// Waits until `ready()` holds; false when the process exits first or `timeout` passes.
    func wait(until ready: () -> Bool, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !isRunning { return false }
            if ready() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// SIGTERM to the group, SIGKILL after `grace` seconds, then reap. Idempotent.
    func stop(grace: TimeInterval = 5) {
        if isRunning {
            kill(-pid, SIGTERM)
            let deadline = Date().addingTimeInterval(grace)
            while isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        }
        // Whatever is left of the group (children of a leader that died first), and the leader if it lingers.
        kill(-pid, SIGKILL)
        lock.lock()
        if status == nil {
            var raw: Int32 = 0
            _ = waitpid(pid, &raw, 0)
            status = raw
        }
        lock.unlock()
    }

    deinit { stop(grace: 1) }
}

/// Starts a server on a free port, up to three times when the port is taken meanwhile.
/// `launch(port, attempt)` spawns it; `ready(process, port)` says when it serves; `bindFailed(log)` recognises a
/// lost race for the port.
private func startOnFreePort(
    name: String, launch: (Int, Int) throws -> ServerProcess,
    ready: (ServerProcess, Int) -> Bool, bindFailed: (String) -> Bool
) throws -> (ServerProcess, Int) {
    var logs: [String] = []
    for attempt in 0..<3 {
        guard let port = freePort() else { continue }
        let process = try launch(port, attempt)
        if process.wait(until: { ready(process, port) }) { return (process, port) }
        let running = process.isRunning
        process.stop()
        let text = process.logText
        if !running && bindFailed(text) {
            logs.append("port \(port): \(text)")
            continue
        }
        throw ServerError.failed("\(name) did not serve 127.0.0.1:\(port) within 10 s (\(process.command))\n--- log\n\(text)")
    }
    throw ServerError.unavailable("\(name) could not bind a port three times:\n\(logs.joined(separator: "\n"))")
}

// MARK: - Servers

/// What the transport tests need from any server.
protocol GitServer: AnyObject {
    /// The directory of bare repositories it serves.
    var served: String { get }
    /// The user that runs git (and so the hooks) on the server side; nil when it is whoever runs the tests.
    var serverUser: String? { get }
    /// The URL of a repository of `served`, by its name relative to it ("hub.git").
    func url(_ repository: String) -> String
    /// Extra environment for plain git clients (GIT_SSH_COMMAND…).
    var gitEnvironment: [String: String?] { get }
    /// Extra environment for jsf (SSH_AUTH_SOCK…).
    var jsfEnvironment: [String: String?] { get }
    /// What the server logged so far, for failure messages.
    var log: String { get }
    /// Makes a client whose HOME is `home` trust the server (ssh: its host key in `home`/.ssh/known_hosts).
    func trust(home: String) throws
    func stop()
}

extension GitServer {
    func trust(home: String) throws {}

    /// Creates an empty bare repository in `served`, owned by the server's user; returns its path.
    @discardableResult
    func createBareRepository(_ name: String) throws -> String {
        let path = served + "/" + name
        try runTool(
            "/usr/bin/git", ["init", "--quiet", "--bare", "--initial-branch=main", path],
            environment: ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "HOME": served])
        if let serverUser { try runTool("/bin/chown", ["-R", "\(serverUser):", path]) }
        return path
    }

    /// Installs `script` as the repository's pre-receive hook, for the server's user.
    func installHook(_ repository: String, script: String, name: String = "pre-receive") throws {
        try JSFCommandLineTests.installHook(repositoryPath: served + "/" + repository, script: script, name: name, owner: serverUser)
    }
}

/// Writes `script` as hook `name` of the bare repository at `repositoryPath`, mode 755, owned by `owner` when given.
func installHook(repositoryPath: String, script: String, name: String = "pre-receive", owner: String? = nil) throws {
    let hooks = repositoryPath + "/hooks"
    try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
    let path = hooks + "/" + name
    try Data(script.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    if let owner { try runTool("/bin/chown", ["\(owner):", hooks, path]) }
}

/// Not a server: the hub is a path, pushed to by git (which runs receive-pack and so the hooks) or by jsf (libgit2's
/// local transport).
final class LocalPath: GitServer {
    let served: String
    var serverUser: String? { nil }
    init(serving served: String) throws {
        self.served = served
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
    }
    func url(_ repository: String) -> String { served + "/" + repository }
    var gitEnvironment: [String: String?] { [:] }
    var jsfEnvironment: [String: String?] { [:] }
    var log: String { "" }
    func stop() {}
}

/// `git daemon --enable=receive-pack --export-all` serving a directory over git:// on 127.0.0.1.
final class GitDaemon: GitServer {
    let served: String
    let port: Int
    private let process: ServerProcess
    var serverUser: String? { nil }

    /// A port nobody listens on now.
    static func freePort() -> Int? { JSFCommandLineTests.freePort() }

    private init(served: String, process: ServerProcess, port: Int) {
        self.served = served
        self.process = process
        self.port = port
    }

    /// Starts the daemon serving `base`; nil if it would not start (three tries).
    static func start(serving base: String, logDirectory: String, hubEnvironment: [String: String] = [:]) throws -> GitDaemon? {
        try? launch(serving: base, logDirectory: logDirectory, hubEnvironment: hubEnvironment)
    }

    /// Starts the daemon serving `base`, or throws a `ServerError`.
    /// `hubEnvironment` reaches the hooks (JSF_NOW: the hub's clock).
    static func launch(serving base: String, logDirectory: String, hubEnvironment: [String: String] = [:]) throws -> GitDaemon {
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        // git-daemon itself, not the `git` wrapper, so that the pid we signal is the listening process.
        let (process, port) = try startOnFreePort(
            name: "git daemon",
            launch: { port, attempt in
                try ServerProcess(
                    "/usr/lib/git-core/git-daemon",
                    [
                        "--verbose", "--reuseaddr", "--export-all", "--enable=receive-pack",
                        // git daemon drops clients beyond 32 at once by default: the load tests push 50.
                        "--max-connections=0", "--listen=127.0.0.1", "--port=\(port)", "--base-path=\(base)", base,
                    ],
                    environment: [
                        "PATH": "/usr/bin:/bin", "HOME": logDirectory, "GIT_CONFIG_GLOBAL": "/dev/null",
                        "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C",
                    ].merging(hubEnvironment) { $1 },
                    log: logDirectory + "/git-daemon-\(attempt).log")
            },
            ready: { process, port in
                process.logText.contains("Ready to rumble") && isListening(port: port)
            }, bindFailed: { $0.contains("Address already in use") || $0.contains("unable to allocate any listen sockets") })
        return GitDaemon(served: base, process: process, port: port)
    }

    func url(_ repository: String) -> String { "git://127.0.0.1:\(port)/\(repository)" }
    var gitEnvironment: [String: String?] { [:] }
    var jsfEnvironment: [String: String?] { [:] }
    var log: String { process.logText }

    func stop() { process.stop() }
    deinit { stop() }
}

/// Debian's Apache (prefork, mod_cgi) in the foreground, serving `git http-backend` at /git/ with pushes enabled.
/// Apache runs CGI as www-data when started as root, so the served repositories are given to www-data.
final class ApacheGitHTTP: GitServer {
    static let binary = "/usr/sbin/apache2"
    static let modules = "/usr/lib/apache2/modules"
    static let backend = "/usr/lib/git-core/git-http-backend"

    let served: String
    let port: Int
    /// The directory of httpd.conf, the pid file, logs and the backend's git configuration.
    let directory: String
    let serverUser: String?
    private let process: ServerProcess

    private init(served: String, directory: String, serverUser: String?, process: ServerProcess, port: Int) {
        self.served = served
        self.directory = directory
        self.serverUser = serverUser
        self.process = process
        self.port = port
    }

    /// The configuration used, as written in httpd.conf.
    static func configuration(port: Int, directory: String, served: String, user: String?, hubEnvironment: [String: String] = [:]) -> String {
        let modules = ["mpm_prefork", "authz_core", "mime", "cgi", "alias", "env", "setenvif", "dir"]
        var lines = [
            "ServerRoot \"\(directory)\"",
            "ServerName 127.0.0.1",
            "Listen 127.0.0.1:\(port)",
            "PidFile \(directory)/httpd.pid",
            "ErrorLog \(directory)/error.log",
            "TransferLog \(directory)/access.log",
            "LogLevel info",
            "Mutex file:\(directory) default",
            "DefaultRuntimeDir \(directory)",
        ]
        if let user { lines += ["User \(user)", "Group \(user)"] }
        lines += modules.map { "LoadModule \($0)_module \(Self.modules)/mod_\($0).so" }
        lines +=
            [
                "TypesConfig /etc/mime.types",
                "StartServers 2",
                "MinSpareServers 1",
                "MaxSpareServers 4",
                "MaxRequestWorkers 16",
                "",
                "SetEnv GIT_PROJECT_ROOT \(served)",
                "SetEnv GIT_HTTP_EXPORT_ALL 1",
                // http.receivepack true and safe.directory *, from a global configuration of our own.
                "SetEnv GIT_CONFIG_GLOBAL \(directory)/gitconfig",
                "SetEnv GIT_CONFIG_NOSYSTEM 1",
                "SetEnv HOME \(directory)",
            ] + hubEnvironment.sorted { $0.key < $1.key }.map { "SetEnv \($0.key) \($0.value)" } + [
                "ScriptAlias /git/ \(Self.backend)/",
                "<Directory \"/usr/lib/git-core\">",
                "    Require all granted",
                "</Directory>",
                "",
            ]
        return lines.joined(separator: "\n")
    }

    /// Starts Apache serving `served` (created if needed), its files in `directory`.
    static func start(serving served: String, directory: String, hubEnvironment: [String: String] = [:]) throws -> ApacheGitHTTP {
        for path in [binary, backend] where !FileManager.default.isExecutableFile(atPath: path) {
            throw ServerError.unavailable("\(path) is not installed (Debian packages apache2 and git)")
        }
        for module in ["mpm_prefork", "cgi", "alias", "env"] where !FileManager.default.fileExists(atPath: "\(modules)/mod_\(module).so") {
            throw ServerError.unavailable("\(modules)/mod_\(module).so is missing")
        }
        let fm = FileManager.default
        try fm.createDirectory(atPath: served, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var user: String?
        if getuid() == 0 {
            guard getpwnam("www-data") != nil else { throw ServerError.unavailable("no user www-data for Apache's CGI") }
            user = "www-data"
            if let closed = closedAncestor(of: served) {
                throw ServerError.unavailable("www-data cannot traverse \(closed) to reach \(served)")
            }
            try runTool("/bin/chown", ["-R", "www-data:", served])
        }
        try Data("[safe]\n\tdirectory = *\n[http]\n\treceivepack = true\n".utf8)
            .write(to: URL(fileURLWithPath: directory + "/gitconfig"))
        let (process, port) = try startOnFreePort(
            name: "apache2",
            launch: { port, attempt in
                let conf = directory + "/httpd-\(attempt).conf"
                try Data(configuration(port: port, directory: directory, served: served, user: user, hubEnvironment: hubEnvironment).utf8)
                    .write(to: URL(fileURLWithPath: conf))
                try? fm.removeItem(atPath: directory + "/httpd.pid")
                return try ServerProcess(
                    binary, ["-DFOREGROUND", "-f", conf],
                    environment: ["PATH": "/usr/bin:/bin", "LANG": "C"], log: directory + "/apache2-\(attempt).log")
            },
            ready: { process, port in
                contents(directory + "/error.log").contains("resuming normal operations") && isListening(port: port)
            },
            bindFailed: { log in
                let errors = log + contents(directory + "/error.log")
                return errors.contains("Address already in use") || errors.contains("could not bind")
            })
        return ApacheGitHTTP(served: served, directory: directory, serverUser: user, process: process, port: port)
    }

    /// The first directory from / down to `path` that others cannot traverse, if any.
    static func closedAncestor(of path: String) -> String? {
        var current = ""
        for component in path.split(separator: "/") {
            current += "/" + component
            var info = stat()
            guard stat(current, &info) == 0 else { return nil }
            if info.st_mode & 0o001 == 0 { return current }
        }
        return nil
    }

    func url(_ repository: String) -> String { "http://127.0.0.1:\(port)/git/\(repository)" }
    var gitEnvironment: [String: String?] { ["GIT_TERMINAL_PROMPT": "0"] }
    var jsfEnvironment: [String: String?] { [:] }
    /// Apache's error log and its standard error.
    var log: String { contents(directory + "/error.log") + process.logText }

    func stop() { process.stop() }
    deinit { stop() }
}

/// An `ssh-agent -D -a SOCKET` holding one key, for libgit2 (which authenticates through the agent only).
final class SSHAgent {
    let socket: String
    private let process: ServerProcess

    init(socket: String, key: String, log: String) throws {
        self.socket = socket
        try? FileManager.default.removeItem(atPath: socket)
        process = try ServerProcess("/usr/bin/ssh-agent", ["-D", "-a", socket], environment: ["PATH": "/usr/bin:/bin"], log: log)
        guard process.wait(until: { FileManager.default.fileExists(atPath: socket) }) else {
            let text = process.logText
            process.stop()
            throw ServerError.failed("ssh-agent did not create \(socket) within 10 s\n--- log\n\(text)")
        }
        // The socket file appears when the agent binds it, a moment before it listens: retry the first connection.
        var attempt = 0
        while true {
            do {
                try runTool("/usr/bin/ssh-add", ["-q", key], environment: ["SSH_AUTH_SOCK": socket])
                break
            } catch {
                attempt += 1
                guard attempt < 50, "\(error)".contains("Connection refused") else {
                    process.stop()
                    throw error
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    func stop() { process.stop() }
    deinit { stop() }
}

/// Debian's sshd in the foreground (`sshd -D -e -f CONFIG`), public keys only, for one user whose login shell is
/// git-shell. Its host key, the client key, authorized_keys, the pid file and an ssh-agent holding the client key
/// all live in the sandbox.
final class SSHGitServer: GitServer {
    static let user = "jsf-git-test"
    static let home = "/var/lib/jsf-git-test"
    static let binary = "/usr/sbin/sshd"

    let served: String
    let port: Int
    let directory: String
    /// The client's private key (ed25519, no passphrase).
    let clientKey: String
    let agent: SSHAgent
    private let process: ServerProcess
    var serverUser: String? { Self.user }

    private init(served: String, directory: String, clientKey: String, agent: SSHAgent, process: ServerProcess, port: Int) {
        self.served = served
        self.directory = directory
        self.clientKey = clientKey
        self.agent = agent
        self.process = process
        self.port = port
    }

    /// The test user, created once per machine (idempotent, under a lock shared with other test processes).
    static let userReady: Result<Void, ServerError> = {
        do {
            try ensureUser()
            return .success(())
        } catch let error as ServerError {
            return .failure(error)
        } catch {
            return .failure(.failed("\(error)"))
        }
    }()

    private static func ensureUser() throws {
        guard getuid() == 0 else { throw ServerError.unavailable("sshd needs root to switch to the user \(user)") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git-shell") else {
            throw ServerError.unavailable("/usr/bin/git-shell is not installed")
        }
        let lockFD = open("/run/lock/jsf-git-test.lock", O_CREAT | O_RDWR, 0o600)
        if lockFD >= 0 { flock(lockFD, LOCK_EX) }
        defer {
            if lockFD >= 0 {
                flock(lockFD, LOCK_UN)
                close(lockFD)
            }
        }
        if getpwnam(user) == nil {
            try runTool(
                "/usr/sbin/useradd",
                [
                    "--system", "--shell", "/usr/bin/git-shell", "--home-dir", home,
                    "--no-create-home", "--password", "*", user,
                ])
        }
        guard let entry = getpwnam(user) else { throw ServerError.failed("useradd did not create \(user)") }
        let shell = String(cString: entry.pointee.pw_shell)
        guard shell == "/usr/bin/git-shell" else {
            throw ServerError.unavailable("user \(user) exists with the shell \(shell), not /usr/bin/git-shell")
        }
        // A locked account ('!' in /etc/shadow, useradd's default) is refused by sshd without PAM.
        let shadow = try runTool("/usr/bin/getent", ["shadow", user]).stdout.split(separator: ":", omittingEmptySubsequences: false)
        if shadow.count > 1, shadow[1].hasPrefix("!") {
            try runTool("/usr/sbin/usermod", ["--password", "*", user])
        }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try runTool("/bin/chown", ["\(user):", home])
        // sshd refuses to start without its privilege separation directory.
        try FileManager.default.createDirectory(
            atPath: "/run/sshd", withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o755])
    }

    /// The sshd_config used.
    static func configuration(port: Int, directory: String, hubEnvironment: [String: String] = [:]) -> String {
        let setEnv =
            hubEnvironment.isEmpty
            ? "" : "SetEnv " + hubEnvironment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "\n"
        return """
            ListenAddress 127.0.0.1
            Port \(port)
            HostKey \(directory)/host_ed25519_key
            PidFile \(directory)/sshd.pid
            AuthorizedKeysFile \(directory)/authorized_keys
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin no
            AllowUsers \(user)
            UseDNS no
            PrintMotd no
            AllowTcpForwarding no
            X11Forwarding no
            LogLevel VERBOSE
            \(setEnv)
            """
    }

    /// Starts sshd serving `served` (created if needed, given to the test user), its files in `directory`.
    static func start(serving served: String, directory: String, hubEnvironment: [String: String] = [:]) throws -> SSHGitServer {
        for path in [binary, "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/ssh-agent", "/usr/bin/ssh-add"]
        where !FileManager.default.isExecutableFile(atPath: path) {
            throw ServerError.unavailable("\(path) is not installed (Debian packages openssh-server, openssh-client)")
        }
        try userReady.get()
        let fm = FileManager.default
        try fm.createDirectory(atPath: served, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let closed = ApacheGitHTTP.closedAncestor(of: served) {
            throw ServerError.unavailable("\(user) cannot traverse \(closed) to reach \(served)")
        }
        try runTool("/bin/chown", ["-R", "\(user):", served])
        let hostKey = directory + "/host_ed25519_key"
        let clientKey = directory + "/client_ed25519_key"
        for key in [hostKey, clientKey] {
            try? fm.removeItem(atPath: key)
            try? fm.removeItem(atPath: key + ".pub")
            try runTool("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "jsf-test", "-f", key])
        }
        try fm.copyItem(atPath: clientKey + ".pub", toPath: directory + "/authorized_keys")
        try fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory + "/authorized_keys")

        let (process, port) = try startOnFreePort(
            name: "sshd",
            launch: { port, attempt in
                let conf = directory + "/sshd_config-\(attempt)"
                try Data(configuration(port: port, directory: directory, hubEnvironment: hubEnvironment).utf8).write(to: URL(fileURLWithPath: conf))
                return try ServerProcess(
                    binary, ["-D", "-e", "-f", conf], environment: ["PATH": "/usr/sbin:/usr/bin:/bin", "LANG": "C"],
                    log: directory + "/sshd-\(attempt).log")
            },
            ready: { process, port in
                process.logText.contains("Server listening on 127.0.0.1 port \(port)") && isListening(port: port)
            }, bindFailed: { $0.contains("Address already in use") || $0.contains("Cannot bind any address") })
        let agent: SSHAgent
        do {
            agent = try SSHAgent(socket: directory + "/agent.sock", key: clientKey, log: directory + "/ssh-agent.log")
        } catch {
            process.stop()
            throw error
        }
        return SSHGitServer(served: served, directory: directory, clientKey: clientKey, agent: agent, process: process, port: port)
    }

    func url(_ repository: String) -> String { "ssh://\(Self.user)@127.0.0.1:\(port)\(served)/\(repository)" }

    /// The ssh command for plain git: our key only, no host key check, never a prompt, no user configuration.
    var sshCommand: String {
        "ssh -F /dev/null -i \(clientKey) -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
            + " -o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR"
    }
    var gitEnvironment: [String: String?] { ["GIT_SSH_COMMAND": sshCommand, "SSH_AUTH_SOCK": nil] }

    /// The known_hosts line for this server: `[127.0.0.1]:PORT ssh-ed25519 KEY`.
    var knownHostsLine: String {
        let key = contents(directory + "/host_ed25519_key.pub").split(separator: " ").prefix(2).joined(separator: " ")
        return "[127.0.0.1]:\(port) \(key)\n"
    }

    /// libgit2 1.5.1 (the fix of CVE-2023-22742), without a certificate_check callback, accepts only host keys
    /// listed in $HOME/.ssh/known_hosts ("invalid or unknown remote ssh hostkey" otherwise): jsf's users need the line.
    func trust(home: String) throws {
        let ssh = home + "/.ssh"
        try FileManager.default.createDirectory(atPath: ssh, withIntermediateDirectories: true)
        let file = ssh + "/known_hosts"
        let existing = contents(file)
        try Data((existing + knownHostsLine).utf8).write(to: URL(fileURLWithPath: file))
    }
    /// libgit2 authenticates through the agent only.
    var jsfEnvironment: [String: String?] { ["SSH_AUTH_SOCK": agent.socket] }
    var log: String { process.logText }

    func stop() {
        process.stop()
        agent.stop()
    }
    deinit { stop() }
}

// MARK: - Sandbox helpers for servers

extension Sandbox {
    /// Plain git as in `git(_:in:)`, with extra environment (a server's `gitEnvironment`).
    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil, environment extra: [String: String?]) throws -> Run {
        var merged: [String: String?] = [
            "GIT_AUTHOR_NAME": "Someone", "GIT_AUTHOR_EMAIL": "someone@example.invalid",
            "GIT_COMMITTER_NAME": "Someone", "GIT_COMMITTER_EMAIL": "someone@example.invalid",
            "GIT_AUTHOR_DATE": "2027-01-05T10:00:00+00:00", "GIT_COMMITTER_DATE": "2027-01-05T10:00:00+00:00",
            "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0",
        ]
        for (key, value) in extra { merged[key] = value }
        return try spawn(
            Self.timeout, Self.bounded + ["/usr/bin/git"] + arguments, in: path(directory ?? "."),
            environment: environment(user: "git", extra: merged))
    }

    /// Network commands are bounded: killed after a minute (exit 124 or 137) rather than hanging a test run.
    static let timeout = "/usr/bin/timeout"
    static let bounded = ["--kill-after=5", "60"]

    /// jsf as in `jsf(_:as:in:environment:)`, bounded like the network git commands.
    @discardableResult
    func boundedJSF(
        _ arguments: [String], as user: String = "agent", in directory: String? = nil,
        environment extra: [String: String?] = [:]
    ) throws -> Run {
        let binary = try jsfBinary.get()
        try FileManager.default.createDirectory(atPath: path("home-\(user)"), withIntermediateDirectories: true)
        return try spawn(
            Self.timeout, Self.bounded + [binary] + arguments, in: path(directory ?? "."),
            environment: environment(user: user, extra: extra))
    }

    /// git on a served repository, which may belong to the server's user (safe.directory from the command line).
    @discardableResult
    func gitOnHub(_ arguments: String..., hub: String) throws -> Run {
        try git(["-c", "safe.directory=*", "-C", path(hub)] + arguments)
    }
}
