import Foundation
import JeSaisFaire

#if canImport(Glibc)
    import Glibc
#endif

/// A text the user gives with -m TEXT, -F FILE (- for standard input) or, on a terminal, in their editor.
func readText(message: String?, file: String?, runtime: Runtime, what: Text, template: String) throws(JSFError) -> String {
    if let message { return message }
    if let file {
        guard file == "-" else { return try readInputFile(file, context: runtime.context) }
        guard let text = String(data: runtime.streams.readInput(), encoding: .utf8) else {
            throw JSFError(.refused, Text(en: "standard input is not UTF-8 text", fr: "l'entrée standard n'est pas du texte UTF-8"))
        }
        return text
    }
    return try Editor.edit(
        template: template, what: what, environment: runtime.context.environment,
        onTerminal: runtime.streams.isTerminal(.input))
}

/// The user's editor on a temporary file, as git commit does.
enum Editor {
    static func edit(template: String, what: Text, environment: [String: String], onTerminal: Bool) throws(JSFError) -> String {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty }
        guard let editor, onTerminal else {
            throw JSFError(
                .usage,
                Text(
                    en: "no \(what.en): give it with -m TEXT or -F FILE (or set $EDITOR on a terminal)",
                    fr: "pas de \(what.fr) : donnez-la avec -m TEXTE ou -F FICHIER (ou définissez $EDITOR sur un terminal)"))
        }
        // A private directory of our own: a predictable name in a shared /tmp could be a planted symlink.
        var pattern = Array((NSTemporaryDirectory() + "jsf-edit-XXXXXX").utf8CString)
        guard let made = mkdtemp(&pattern) else {
            throw JSFError(
                .refused, Text(en: "cannot create a temporary file for the editor", fr: "impossible de créer un fichier temporaire pour l'éditeur"))
        }
        let directory = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/TEXT.md"
        _ = FileManager.default.createFile(atPath: path, contents: Data(template.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "jsf-editor", path]
        process.environment = environment
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            throw JSFError(
                .refused, Text(en: "cannot start the editor '\(editor)'", fr: "impossible de lancer l'éditeur '\(editor)'"), cause: "\(error)")
        }
        guard process.terminationStatus == 0 else {
            throw JSFError(
                .refused,
                Text(en: "the editor '\(editor)' failed; nothing was recorded", fr: "l'éditeur '\(editor)' a échoué ; rien n'a été enregistré"))
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("# jsf:") }.joined(separator: "\n")
    }
}
