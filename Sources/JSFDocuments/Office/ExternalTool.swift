import Foundation
import JeSaisFaire

#if canImport(Glibc)
    import Glibc
#endif

/// An external program jsf runs for office formats (pandoc, chromium), found through PATH.
/// Output is always read through temporary files, never pipes, so a chatty program cannot block.
public struct ExternalTool: Sendable {
    public let name: String
    public let path: String

    /// The result of one run.
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var timedOut: Bool
    }

    /// The first executable called one of `names` in the PATH of `environment`.
    public static func find(_ names: [String], environment: [String: String]) -> ExternalTool? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
                let candidate = String(directory) + "/" + name
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate)
                {
                    return ExternalTool(name: name, path: candidate)
                }
            }
        }
        return nil
    }

    /// pandoc, or a refusal naming the Debian package.
    public static func pandoc(environment: [String: String], purpose: Text) throws(JSFError) -> ExternalTool {
        guard let tool = find(["pandoc"], environment: environment) else {
            throw JSFError(
                .refused,
                Text(
                    en: "pandoc is needed \(purpose.en) and was not found on PATH",
                    fr: "pandoc est nécessaire \(purpose.fr) et n'a pas été trouvé dans le PATH"),
                hints: [
                    Text(
                        en: "install it: apt-get install pandoc (Debian, Ubuntu), then run the command again",
                        fr: "installez-le : apt-get install pandoc (Debian, Ubuntu), puis relancez la commande")
                ])
        }
        return tool
    }

    /// Runs the tool with `arguments`, in `directory`, killing it after `timeout` seconds.
    public func run(
        _ arguments: [String], directory: String? = nil, environment: [String: String]? = nil,
        timeout: TimeInterval = 120
    ) throws(JSFError) -> Outcome {
        let fm = FileManager.default
        let scratch: String
        do {
            scratch = try ScratchDirectory.make()
        } catch {
            throw JSFError(
                .repository, Text(en: "cannot create a temporary directory", fr: "impossible de créer un dossier temporaire"),
                cause: "\(error)")
        }
        defer { try? fm.removeItem(atPath: scratch) }
        let outPath = scratch + "/stdout"
        let errPath = scratch + "/stderr"
        _ = fm.createFile(atPath: outPath, contents: nil)
        _ = fm.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        // Signalled once the process has exited: waiting on it costs nothing, and the timeout bounds the wait.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
            let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
            defer {
                try? out.close()
                try? err.close()
            }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = out
            process.standardError = err
            try process.run()
        } catch {
            throw JSFError(.refused, Text(en: "cannot run \(path)", fr: "impossible de lancer \(path)"), cause: "\(error)")
        }
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 0.5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        let stdout = fm.contents(atPath: outPath) ?? Data()
        let stderr = String(decoding: fm.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return Outcome(status: process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }
}

/// A private temporary directory, removed by its user.
enum ScratchDirectory {
    static func make() throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("jsf-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: base, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        return base.path
    }
}
