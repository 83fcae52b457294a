import Foundation
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
           FileManager.default.isExecutableFile(atPath: candidate) {
            return .success(candidate)
        }
    }
    return .failure(.noBinary(seen))
}()

/// Runs an executable with exactly `environment`; stdout and stderr go through files, never pipes.
func spawn(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String]) throws -> Run {
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("jsf-run-\(UUID().uuidString)")
    try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }
    let outPath = scratch.appendingPathComponent("stdout").path
    let errPath = scratch.appendingPathComponent("stderr").path
    _ = fm.createFile(atPath: outPath, contents: nil)
    _ = fm.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    func read(_ path: String) throws -> String {
        guard let data = fm.contents(atPath: path) else { throw HarnessError.unreadable(path) }
        return String(decoding: data, as: UTF8.self)
    }
    return Run(status: process.terminationStatus, stdout: try read(outPath), stderr: try read(errPath))
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

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("jsf-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // Resolve symlinks (/tmp may be one) so that paths jsf prints compare equal.
        root = base.resolvingSymlinksInPath().path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
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

    /// Runs the built jsf as `user` in `directory` (the sandbox root by default).
    @discardableResult
    func jsf(_ arguments: [String], as user: String = "agent", in directory: String? = nil,
             environment extra: [String: String?] = [:]) throws -> Run {
        let binary = try jsfBinary.get()
        let dir = path(directory ?? ".")
        try FileManager.default.createDirectory(atPath: path("home-\(user)"), withIntermediateDirectories: true)
        return try spawn(binary, arguments, in: dir, environment: environment(user: user, extra: extra))
    }

    @discardableResult
    func jsf(_ arguments: String..., as user: String = "agent", in directory: String? = nil,
             environment extra: [String: String?] = [:]) throws -> Run {
        try jsf(arguments, as: user, in: directory, environment: extra)
    }

    /// Runs jsf and requires exit 0, returning the run.
    @discardableResult
    func ok(_ arguments: String..., as user: String = "agent", in directory: String? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
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
    func setUpAgent(_ user: String = "agent", name: String = "Marie Dupont", organisation: String = "Préfecture du Bas-Rhin",
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try jsf(["identity", "init", "--role", "agent", "--name", name, "--organisation", organisation], as: user)
        try #require(run.status == 0, "identity init failed:\n\(run)", sourceLocation: sourceLocation)
    }

    /// A company identity for `user`.
    func setUpCompany(_ user: String = "company", name: String = "Nettoyage Rhénan SARL", siret: String = "73282932000074",
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try jsf(["identity", "init", "--role", "company", "--name", name, "--siret", siret,
                           "--cpv", "55524000-9", "--departement", "67"], as: user)
        try #require(run.status == 0, "identity init failed:\n\(run)", sourceLocation: sourceLocation)
    }

    /// An agent and a consultation in `dir`, created from an example CCTP (nil: the scaffold).
    @discardableResult
    func setUpConsultation(_ dir: String = "c", id: String = "restauration-val-d-orvenne-2027",
                           example: String? = "restauration-collective", hub: String? = nil,
                           cpv: String = "55524000-9", territory: String = "35",
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        if !exists("jsf-agent/identity.yml") { try setUpAgent(sourceLocation: sourceLocation) }
        var arguments = ["init", dir, "--id", id, "--title", "Restauration scolaire", "--buyer", "Commune de Val-d'Orvenne",
                         "--cpv", cpv, "--territory", territory]
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
