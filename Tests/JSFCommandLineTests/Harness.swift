import Foundation
import Git
import JSFCommandLine
import TestSupport
import Testing

/// What a run of `jsf` or `git` left behind.
struct Run: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Both streams, for messages that may land on either.
    var output: String { stdout + stderr }

    /// stdout without its trailing newlines.
    var trimmed: String {
        var text = Substring(stdout)
        while text.last?.isNewline == true { text = text.dropLast() }
        return String(text)
    }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

extension Run {
    init(_ run: ProcessRun) { self.init(status: run.status, stdout: run.stdout, stderr: run.stderr) }
}

enum HarnessError: Error, CustomStringConvertible {
    case noBinary([String])
    case unreadable(String)

    var description: String {
        switch self {
        case .noBinary(let places): return "no built 'jsf' in \(places.joined(separator: ", ")): run 'swift build' first"
        case .unreadable(let path): return "cannot read \(path)"
        }
    }
}

/// The package's root directory, from this file's path.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example CCTPs shipped with the project.
func exampleCCTP(_ name: String) -> String {
    packageRoot.appendingPathComponent("examples/cctp/\(name).md").path
}

/// The built `jsf`, found next to the test bundle (on Linux Bundle.main is .build/debug or a bundle inside it).
let jsfBinary: Result<String, HarnessError> = {
    var places: [URL] = []
    for bundle in [Bundle.main] + Bundle.allBundles {
        places.append(bundle.bundleURL)
        places.append(bundle.bundleURL.deletingLastPathComponent())
    }
    places.append(packageRoot.appendingPathComponent(".build/debug"))
    var seen: [String] = []
    for place in places {
        let candidate = place.appendingPathComponent("jsf").path
        if seen.contains(candidate) { continue }
        seen.append(candidate)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isExecutableFile(atPath: candidate)
        {
            return .success(candidate)
        }
    }
    return .failure(.noBinary(seen))
}()

/// Runs an executable with exactly `environment`; stdout and stderr go through files, never pipes.
func spawn(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String]) throws -> Run {
    if executable.hasSuffix("/jsf") { TestModeLog.record(inProcess: false) }
    return Run(try runProcess(executable, arguments, in: directory, environment: environment))
}

/// A temporary world for one test: a directory (removed at the end), one identity per user name, a fixed clock.
final class Sandbox {
    let root: String
    /// JSF_NOW for the next runs.
    var now = "2027-01-04T09:00:00+01:00"
    /// LANG for the next runs.
    var language = "C.UTF-8"
    /// Set NO_COLOR for the next runs.
    var noColor = false
    /// Run the built binary for every jsf command, rather than in-process: for what only a process shows (exit
    /// through the operating system, a terminal, a pipe, the transports' environment). JSF_TEST_SPAWN=1 makes it the
    /// default, to run the whole suite against the binary.
    var spawning = ProcessInfo.processInfo.environment["JSF_TEST_SPAWN"] == "1"

    /// Variables a process reads but an in-process run cannot give: libssh2 reads the agent's socket and libgit2
    /// the global git configuration from the process's own environment.
    static let processOnly: Set<String> = ["SSH_AUTH_SOCK", "GIT_CONFIG_GLOBAL", "GIT_SSH", "GIT_SSH_COMMAND"]

    convenience init(spawning: Bool) throws {
        try self.init()
        self.spawning = spawning || self.spawning
    }

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("jsf-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // Resolve symlinks (/tmp may be one) so that paths jsf prints compare equal.
        root = base.resolvingSymlinksInPath().path
    }

    /// Leave the sandbox on disk when it goes (a world other tests copy); removed at exit by no one: it is in /tmp.
    var keep = false

    deinit {
        if !keep { try? FileManager.default.removeItem(atPath: root) }
    }

    /// A path inside the sandbox.
    func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : root + "/" + relative
    }

    /// The scrubbed environment of `user`: only PATH survives from ours.
    func environment(user: String = "agent", extra: [String: String?] = [:]) -> [String: String] {
        var environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": path("home-\(user)"),
            "JSF_HOME": path("jsf-\(user)"),
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
            "TZ": "UTC",
            "LANG": language,
            "JSF_NOW": now,
            "COLUMNS": "100",
        ]
        if noColor { environment["NO_COLOR"] = "1" }
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs jsf as `user` in `directory` (the sandbox root by default): in-process (`JSF.main` with buffers for
    /// streams) unless the sandbox is `spawning`, or the environment names what only a process can honour.
    @discardableResult
    func jsf(
        _ arguments: [String], as user: String = "agent", in directory: String? = nil,
        environment extra: [String: String?] = [:]
    ) throws -> Run {
        let dir = path(directory ?? ".")
        try FileManager.default.createDirectory(atPath: path("home-\(user)"), withIntermediateDirectories: true)
        let environment = environment(user: user, extra: extra)
        if spawning || extra.keys.contains(where: Sandbox.processOnly.contains) {
            return try spawn(try jsfBinary.get(), arguments, in: dir, environment: environment)
        }
        return try runInProcess(arguments, in: dir, environment: environment)
    }

    @discardableResult
    func jsf(
        _ arguments: String..., as user: String = "agent", in directory: String? = nil,
        environment extra: [String: String?] = [:]
    ) throws -> Run {
        try jsf(arguments, as: user, in: directory, environment: extra)
    }

    /// Runs jsf and requires exit 0, returning the run.
    @discardableResult
    func ok(
        _ arguments: String..., as user: String = "agent", in directory: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Run {
        let run = try jsf(arguments, as: user, in: directory)
        try #require(run.status == 0, "jsf \(arguments.joined(separator: " ")) failed:\n\(run)", sourceLocation: sourceLocation)
        return run
    }

    /// Runs plain git the same way (same scrubbed environment), with a fixed person and date for hand-made commits.
    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) throws -> Run {
        let extra: [String: String?] = [
            "GIT_AUTHOR_NAME": "Someone", "GIT_AUTHOR_EMAIL": "someone@example.invalid",
            "GIT_COMMITTER_NAME": "Someone", "GIT_COMMITTER_EMAIL": "someone@example.invalid",
            "GIT_AUTHOR_DATE": "2027-01-05T10:00:00+00:00", "GIT_COMMITTER_DATE": "2027-01-05T10:00:00+00:00",
            "LC_ALL": "C",
        ]
        return try spawn("/usr/bin/git", arguments, in: path(directory ?? "."), environment: environment(user: "git", extra: extra))
    }

    @discardableResult
    func git(_ arguments: String..., in directory: String? = nil) throws -> Run {
        try git(arguments, in: directory)
    }

    /// git's stdout, trimmed, requiring success.
    @discardableResult
    func gitOutput(_ arguments: String..., in directory: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try git(arguments, in: directory)
        try #require(run.status == 0, "git \(arguments.joined(separator: " ")) failed:\n\(run)", sourceLocation: sourceLocation)
        return run.trimmed
    }

    // MARK: files

    func write(_ relative: String, _ text: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func read(_ relative: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path(relative)) else { throw HarnessError.unreadable(path(relative)) }
        return String(decoding: data, as: UTF8.self)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    /// Replaces the first occurrence of `old` in a file, requiring that it be there.
    func edit(_ relative: String, replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try read(relative)
        try #require(text.contains(old), "'\(old)' is not in \(relative)", sourceLocation: sourceLocation)
        guard let range = text.range(of: old) else { return }
        try write(relative, text.replacingCharacters(in: range, with: new))
    }

    // MARK: set-ups

    /// An agent identity for `user`.
    func setUpAgent(
        _ user: String = "agent", name: String = "Marie Dupont", organisation: String = "Préfecture du Bas-Rhin",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try jsf(["identity", "init", "--role", "agent", "--name", name, "--organisation", organisation], as: user)
        try #require(run.status == 0, "identity init failed:\n\(run)", sourceLocation: sourceLocation)
    }

    /// A company identity for `user`.
    func setUpCompany(
        _ user: String = "company", name: String = "Nettoyage Rhénan SARL", siret: String = "73282932000074",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try jsf(
            [
                "identity", "init", "--role", "company", "--name", name, "--siret", siret,
                "--cpv", "55524000-9", "--departement", "67",
            ], as: user)
        try #require(run.status == 0, "identity init failed:\n\(run)", sourceLocation: sourceLocation)
    }

    /// A PFRA buyer identity for `user`, listed by the agent in the consultation of `agentDir` (pushed unless `push` is false).
    func setUpBuyer(
        _ user: String = "buyer", organisation: String = "PFRA Bretagne", agentDir: String = "c", push: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try jsf(["identity", "init", "--role", "buyer", "--name", "Paul Martin", "--organisation", organisation], as: user)
        try #require(run.status == 0, "identity init failed:\n\(run)", sourceLocation: sourceLocation)
        var arguments = ["consultation", "add-buyer", "--name", organisation, "--key", path("jsf-\(user)/signing_key.pub")]
        arguments += ["--encryption-key", try encryptionKey(of: user, sourceLocation: sourceLocation)]
        if !push { arguments.append("--no-push") }
        let listed = try jsf(arguments, in: agentDir)
        try #require(listed.status == 0, "consultation add-buyer failed:\n\(listed)", sourceLocation: sourceLocation)
    }

    /// The signed encryption key ("x25519 KEY PROOF") that `jsf identity show --json` prints for an agent or buyer.
    func encryptionKey(of user: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let shown = try jsf(["identity", "show", "--json"], as: user)
        let object = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        return try #require(object?["encryptionKey"] as? String, "no encryption key in:\n\(shown)", sourceLocation: sourceLocation)
    }

    /// An agent and a consultation in `dir`, created from an example CCTP (nil: the scaffold).
    @discardableResult
    func setUpConsultation(
        _ dir: String = "c", id: String = "restauration-val-d-orvenne-2027",
        example: String? = "restauration-collective", hub: String? = nil,
        cpv: String = "55524000-9", territory: String = "35",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Run {
        if !exists("jsf-agent/identity.yml") { try setUpAgent(sourceLocation: sourceLocation) }
        var arguments = [
            "init", dir, "--id", id, "--title", "Restauration scolaire", "--buyer", "Commune de Val-d'Orvenne",
            "--cpv", cpv, "--territory", territory,
        ]
        if let example { arguments += ["--from", exampleCCTP(example)] }
        if let hub { arguments += ["--hub", hub] }
        let run = try jsf(arguments)
        try #require(run.status == 0, "jsf init failed:\n\(run)", sourceLocation: sourceLocation)
        return run
    }

    /// A consultation with draft v1 published (no hub).
    func setUpPublished(_ dir: String = "c", sourceLocation: SourceLocation = #_sourceLocation) throws {
        try setUpConsultation(dir, sourceLocation: sourceLocation)
        let run = try jsf(["publish", "--until", "2027-01-20"], in: dir)
        try #require(run.status == 0 && run.trimmed == "v1", "publish failed:\n\(run)", sourceLocation: sourceLocation)
    }
}

/// Decodes JSON printed by jsf.
func decode<T: Decodable>(_ type: T.Type, from run: Run, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
    do {
        return try JSONDecoder().decode(type, from: Data(run.stdout.utf8))
    } catch {
        Issue.record("cannot decode \(type) from:\n\(run)\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// Expects a refusal: the exit status and words that must appear on stderr; stdout stays empty.
func expectRefusal(_ run: Run, status: Int32, _ words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.status == status, "expected exit \(status):\n\(run)", sourceLocation: sourceLocation)
    for word in words {
        #expect(run.stderr.contains(word), "stderr lacks '\(word)':\n\(run)", sourceLocation: sourceLocation)
    }
}

extension String {
    /// The lines, without the trailing empty one.
    var lines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
}

// MARK: - Companies (added for the company-side tests)

/// A company as the end-to-end tests of the company side set it up: its jsf identity and the global git
/// identity its user has in $HOME/.gitconfig — everything that must never reach a consultation.
struct CompanyProfile {
    var user: String
    var name: String
    var organisation: String
    var siret: String
    var cpv: [String]
    var departements: [String]
    var email: String
    var phone: String
    var website: String
    var gitName: String
    var gitEmail: String

    var siren: String { String(siret.prefix(9)) }
    var emailDomain: String { String(email.split(separator: "@").last ?? "") }
    var gitEmailDomain: String { String(gitEmail.split(separator: "@").last ?? "") }
    var webDomain: String {
        var domain = website.lowercased()
        for prefix in ["https://", "http://", "www."] where domain.hasPrefix(prefix) { domain = String(domain.dropFirst(prefix.count)) }
        return String(domain.split(separator: "/").first ?? "")
    }
    /// The phone's significant digits (without the leading 0 or +33), which any written form contains.
    var phoneDigits: String { String(phone.filter(\.isNumber).suffix(9)) }
    /// The organisation without its legal form ("Informatique Rhénane SAS" → "Informatique Rhénane").
    var organisationCore: String {
        organisation.split(separator: " ").filter { !["SAS", "SARL", "SA", "EURL", "SASU"].contains(String($0)) }.joined(separator: " ")
    }

    /// Every string that would identify the company, for the anonymity scan (public mail providers excluded).
    var identifyingStrings: [String] {
        var strings = [name, organisation, organisationCore, siret, siren, email, emailDomain, phoneDigits, webDomain, gitName, gitEmail]
        if !["gmail.com", "orange.fr", "free.fr", "outlook.com"].contains(gitEmailDomain) { strings.append(gitEmailDomain) }
        // Accent-free spellings too ("Rhénane" → "Rhenane").
        strings += strings.map { $0.folding(options: .diacriticInsensitive, locale: nil) }
        return Array(Set(strings)).sorted()
    }
}

extension Sandbox {
    /// The environment of a company user whose global git identity is live: GIT_CONFIG_GLOBAL is removed, so
    /// git and libgit2 read $HOME/.gitconfig.
    static let globalGitConfig: [String: String?] = ["GIT_CONFIG_GLOBAL": nil]

    /// Creates the company's jsf identity and writes its real name and email in $HOME/.gitconfig.
    func setUpCompanyProfile(_ profile: CompanyProfile, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try write("home-\(profile.user)/.gitconfig", "[user]\n\tname = \(profile.gitName)\n\temail = \(profile.gitEmail)\n")
        var arguments = [
            "identity", "init", "--role", "company", "--name", profile.name, "--organisation", profile.organisation,
            "--siret", profile.siret, "--email", profile.email, "--phone", profile.phone, "--website", profile.website,
        ]
        for code in profile.cpv { arguments += ["--cpv", code] }
        for dep in profile.departements { arguments += ["--departement", dep] }
        let run = try jsf(arguments, as: profile.user, environment: Sandbox.globalGitConfig)
        try #require(run.status == 0, "identity init failed:\n\(run)", sourceLocation: sourceLocation)
    }

    /// Runs jsf as a company user with its global git configuration live, optionally feeding standard input.
    @discardableResult
    func company(
        _ arguments: [String], as user: String, in directory: String? = nil, input: String? = nil,
        environment extra: [String: String?] = [:]
    ) throws -> Run {
        let binary = try jsfBinary.get()
        try FileManager.default.createDirectory(atPath: path("home-\(user)"), withIntermediateDirectories: true)
        var merged = Sandbox.globalGitConfig
        for (key, value) in extra { merged[key] = value }
        return try spawnWithInput(
            binary, arguments, in: path(directory ?? "."), environment: environment(user: user, extra: merged),
            input: input)
    }

    /// `company(...)` requiring exit 0.
    @discardableResult
    func companyOK(
        _ arguments: [String], as user: String, in directory: String? = nil, input: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Run {
        let run = try company(arguments, as: user, in: directory, input: input)
        try #require(run.status == 0, "jsf \(arguments.joined(separator: " ")) as \(user) failed:\n\(run)", sourceLocation: sourceLocation)
        return run
    }

    /// Writes raw bytes (a fixed identity secret, for instance).
    func writeData(_ relative: String, _ data: Data) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
    }

    /// Copies a directory of the sandbox (a JSF_HOME to a second machine, for instance).
    func copy(_ from: String, to: String) throws {
        try FileManager.default.copyItem(atPath: path(from), toPath: path(to))
    }

    /// Everything a repository holds that could name someone: every object (reachable or not) in full, every ref
    /// with its target's people, every reflog line, every tag, and the config.
    func everythingIn(_ repository: String) throws -> String {
        var dump = ""
        let objects = try git("cat-file", "--batch-all-objects", "--batch", in: repository)
        dump += objects.stdout
        dump += try gitOutput(
            "for-each-ref",
            "--format=%(refname) %(objectname) %(taggername) %(taggeremail) %(authorname) %(authoremail) %(committername) %(committeremail)",
            in: repository)
        dump += "\n" + (try gitOutput("tag", "-l", "-n99", in: repository))
        let gitDir = try gitOutput("rev-parse", "--absolute-git-dir", in: repository)
        let logs = gitDir + "/logs"
        if let walker = FileManager.default.enumerator(atPath: logs) {
            for case let file as String in walker {
                if let data = FileManager.default.contents(atPath: logs + "/" + file) { dump += "\n" + String(decoding: data, as: UTF8.self) }
            }
        }
        if let packed = FileManager.default.contents(atPath: gitDir + "/packed-refs") { dump += String(decoding: packed, as: UTF8.self) }
        if let config = FileManager.default.contents(atPath: gitDir + "/config") { dump += String(decoding: config, as: UTF8.self) }
        return dump
    }
}

/// Runs one jsf command line in this process, as `JSF.main` does for the binary: same parsing, same commands,
/// streams in memory. The hooks of hubs made this way run the built jsf.
func runInProcess(_ arguments: [String], in directory: String, environment: [String: String], input: String? = nil) throws -> Run {
    try isolatedGitConfiguration.get()
    let streams = BufferStreams(input: Data((input ?? "").utf8))
    let invocation = Invocation(environment: environment, directory: directory, streams: streams, executable: try jsfBinary.get())
    let status = JSF.main(arguments, invocation: invocation)
    TestModeLog.record(inProcess: true)
    return Run(status: status, stdout: streams.output, stderr: streams.error)
}

/// libgit2 reads the global git configuration of the process (the account running the tests); in-process runs read
/// an empty directory instead, as a spawned jsf with GIT_CONFIG_GLOBAL=/dev/null and GIT_CONFIG_NOSYSTEM=1 would.
let isolatedGitConfiguration: Result<Void, GitError> = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jsf-tests-no-git-config-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return Result { () throws(GitError) in try GitSettings.readUserConfiguration(from: directory) }
}()

/// With JSF_TEST_MODE_LOG=FILE, each run of jsf appends "in-process <test>" or "spawned <test>" to FILE: how many
/// command tests run in-process (scripts/count-in-process sums it up).
enum TestModeLog {
    static let file = ProcessInfo.processInfo.environment["JSF_TEST_MODE_LOG"]
    static let lock = NSLock()

    static func record(inProcess: Bool) {
        guard let file, let test = Test.current else { return }
        let line = "\(inProcess ? "in-process" : "spawned") \(test.id)\n"
        lock.lock()
        defer { lock.unlock() }
        if let handle = FileHandle(forWritingAtPath: file) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: file, contents: Data(line.utf8))
        }
    }
}

/// Like `spawn`, with `input` (when given) as standard input.
func spawnWithInput(
    _ executable: String, _ arguments: [String], in directory: String, environment: [String: String],
    input: String?
) throws -> Run {
    if executable.hasSuffix("/jsf") { TestModeLog.record(inProcess: false) }
    return Run(try runProcess(executable, arguments, in: directory, environment: environment, input: input.map { Data($0.utf8) }))
}

// GitDaemon, ApacheGitHTTP and SSHGitServer are in Servers.swift.

// MARK: - Signed tags

extension Sandbox {
    /// A tag's message as jsf wrote it, without the SSH signature git keeps after it (as `git tag -s` does).
    func tagMessage(_ tag: String, in directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let subject = try gitOutput("for-each-ref", "--format=%(contents:subject)", "refs/tags/\(tag)", in: directory, sourceLocation: sourceLocation)
        let body = try gitOutput("for-each-ref", "--format=%(contents:body)", "refs/tags/\(tag)", in: directory, sourceLocation: sourceLocation)
        let signature = try gitOutput(
            "for-each-ref", "--format=%(contents:signature)", "refs/tags/\(tag)", in: directory, sourceLocation: sourceLocation)
        #expect(signature.hasPrefix("-----BEGIN SSH SIGNATURE-----"), "tag \(tag) is not signed", sourceLocation: sourceLocation)
        return body.isEmpty ? subject : subject + "\n\n" + body
    }

    /// The trailers of a tag's message as git reads them (`git interpret-trailers --parse`): git's own %(trailers)
    /// stops at a signed tag's signature.
    func tagTrailers(_ tag: String, in directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let file = path("message-\(UUID().uuidString)")
        try write(file, try tagMessage(tag, in: directory, sourceLocation: sourceLocation) + "\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try gitOutput("interpret-trailers", "--parse", "--unfold", file, in: directory, sourceLocation: sourceLocation)
    }

    /// The value of one trailer of a tag's message.
    func tagTrailer(_ key: String, of tag: String, in directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try tagTrailers(tag, in: directory, sourceLocation: sourceLocation).lines
            .filter { $0.hasPrefix(key + ": ") }.map { String($0.dropFirst(key.count + 2)) }.joined(separator: "\n")
    }
}
