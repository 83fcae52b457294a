import Foundation

/// What a process run by a test left behind.
public struct ProcessRun: Sendable, CustomStringConvertible {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs `executable` with exactly `environment` in `directory`, `input` (if any) as standard input. The output
/// goes through files, never pipes, so a large output cannot deadlock the test.
public func runProcess(
    _ executable: String, _ arguments: [String], in directory: String, environment: [String: String],
    input: Data? = nil
) throws -> ProcessRun {
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("jsf-run-\(UUID().uuidString)")
    try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }
    let inPath = scratch.appendingPathComponent("stdin").path
    let outPath = scratch.appendingPathComponent("stdout").path
    let errPath = scratch.appendingPathComponent("stderr").path
    _ = fm.createFile(atPath: outPath, contents: nil)
    _ = fm.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    var stdin: FileHandle?
    if let input {
        _ = fm.createFile(atPath: inPath, contents: input)
        stdin = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment
    process.standardInput = stdin ?? FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try stdin?.close()
    try out.close()
    try err.close()
    return ProcessRun(
        status: process.terminationStatus,
        stdout: String(decoding: fm.contents(atPath: outPath) ?? Data(), as: UTF8.self),
        stderr: String(decoding: fm.contents(atPath: errPath) ?? Data(), as: UTF8.self))
}

/// The environment every test gives git and ssh tools: nobody's configuration, a fixed language and time zone.
public func scrubbedEnvironment(home: String) -> [String: String] {
    [
        "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": home, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        "LC_ALL": "C", "LANG": "C", "TZ": "UTC",
    ]
}
