import ArgumentParser
import Foundation
import JeSaisFaire

// `stat` is seen through CoreFoundation's headers once ZIPFoundation's zlib module is in the build.
#if canImport(CoreFoundation)
    import CoreFoundation
#endif

/// What a command runs with.
struct Runtime {
    let context: Context
    let console: Console
    let streams: any Streams
}

/// A jsf command: parse, call the domain with an injected context, render.
protocol JSFCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func execute(_ runtime: Runtime) throws(JSFError)
}

extension JSFCommand {
    mutating func run() throws {
        let current = Invocation.current
        let invocation = current.invocation
        let environment = invocation.environment
        let console = Console(
            language: Language.from(environment: environment),
            color: global.color ?? current.leading.color ?? .auto, environment: environment,
            streams: invocation.streams)
        do {
            var directory = invocation.directory
            if let given = global.directory ?? current.leading.directory {
                var isDirectory: ObjCBool = false
                let path = given.hasPrefix("/") ? given : invocation.directory + "/" + given
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw JSFError(
                        .usage,
                        Text(en: "cannot change to '\(given)': no such directory", fr: "impossible d'aller dans '\(given)' : dossier inexistant"))
                }
                directory = path
            }
            var context = Context(
                environment: environment, directory: URL(fileURLWithPath: directory).standardizedFileURL.path,
                clock: try Clock.from(environment: environment))
            if let executable = invocation.executable { context.executable = executable }
            let network = try Network.Settings.of(self, invocation: invocation, console: console)
            try Network.with(network) { () throws(JSFError) in try execute(Runtime(context: context, console: console, streams: invocation.streams)) }
        } catch let error as JSFError {
            console.report(error)
            throw ExitCode(error.exitCode)
        }
    }
}

/// The largest text file jsf reads from the command line (a CCTP, a proposed text, a key): 16 MiB.
let maximumInputFile = 16 << 20

/// Reads a text file given on the command line: a regular file or a pipe (`-F <(…)`), never a directory or a
/// device, at most `maximumInputFile` bytes, UTF-8.
func readInputFile(_ path: String, context: Context) throws(JSFError) -> String {
    let full = context.absolute(path)
    var info = stat()
    guard stat(full, &info) == 0 else {
        throw JSFError(
            .refused, Text(en: "cannot read '\(path)': no such file", fr: "impossible de lire '\(path)' : fichier inexistant"),
            hints: [Text(en: "check the path", fr: "vérifiez le chemin")])
    }
    let kind = info.st_mode & S_IFMT
    guard kind == S_IFREG || kind == S_IFIFO else {
        let what =
            kind == S_IFDIR
            ? Text(en: "a directory", fr: "un dossier") : Text(en: "a device or special file", fr: "un périphérique ou fichier spécial")
        throw JSFError(
            .refused, Text(en: "'\(path)' is \(what.en), not a text file", fr: "'\(path)' est \(what.fr), pas un fichier texte"),
            hints: [Text(en: "give the path of a text file", fr: "donnez le chemin d'un fichier texte")])
    }
    guard let handle = FileHandle(forReadingAtPath: full) else {
        throw JSFError(
            .refused, Text(en: "cannot read '\(path)'", fr: "impossible de lire '\(path)'"),
            hints: [Text(en: "check its permissions", fr: "vérifiez ses droits")])
    }
    defer { try? handle.close() }
    var data = Data()
    while true {
        let chunk: Data?
        do { chunk = try handle.read(upToCount: 1 << 20) } catch {
            throw JSFError(.refused, Text(en: "cannot read '\(path)'", fr: "impossible de lire '\(path)'"), cause: "\(error)")
        }
        guard let chunk, !chunk.isEmpty else { break }
        data.append(chunk)
        if data.count > maximumInputFile {
            throw JSFError(
                .refused, Text(en: "'\(path)' is larger than \(maximumInputFile >> 20) MiB", fr: "'\(path)' dépasse \(maximumInputFile >> 20) Mio"),
                hints: [Text(en: "give a shorter text", fr: "donnez un texte plus court")])
        }
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw JSFError(
            .refused, Text(en: "'\(path)' is not UTF-8 text", fr: "'\(path)' n'est pas du texte UTF-8"),
            hints: [
                Text(
                    en: "convert it to UTF-8, or use 'jsf import' for .docx and .odt files",
                    fr: "convertissez-le en UTF-8, ou utilisez 'jsf import' pour les fichiers .docx et .odt")
            ])
    }
    return text
}

/// After a local write, pushes what `role` owns to the hub when there is one. A failed push keeps the write:
/// the error says what is recorded locally (`kept`) and that 'jsf push' retries. Returns the hub.
@discardableResult
func pushRecorded(_ workspace: Workspace, role: Role, runtime: Runtime, done: (String) -> Text, kept: (String) -> Text) throws(JSFError) -> String? {
    let c = runtime.console
    guard let hub = try Sync.hub(of: workspace) else { return nil }
    do {
        try Sync.push(workspace, role: role, now: runtime.context.clock.now)
        c.note(c.t(done(hub)))
    } catch {
        var error = error
        if error.cause == nil { error.cause = error.message.localized(c.language) }
        error.message = kept(hub)
        error.hints = [Text(en: "run 'jsf push' when the hub is reachable", fr: "lancez 'jsf push' quand le hub sera joignable")]
        throw error
    }
    return hub
}
