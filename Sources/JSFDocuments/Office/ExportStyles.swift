import Foundation
import JeSaisFaire

/// The ministry's own charte for `jsf export`: a reference document (docx, odt) whose styles, page, header and
/// footer pandoc uses, and a pandoc template (html, pdf, odt). Absolute paths.
public struct ExportStyle: Sendable {
    public var referenceDoc: String?
    public var template: String?

    public init(referenceDoc: String? = nil, template: String? = nil) {
        self.referenceDoc = referenceDoc
        self.template = template
    }
}

/// The reference documents and templates pandoc gets: the given ones checked, or jsf's built from pandoc's own.
enum ExportStyles {
    static func unreadable(_ path: String, _ en: String, _ fr: String, hint: Text? = nil, cause: String? = nil) -> JSFError {
        JSFError(
            .refused, Text(en: "cannot use '\(path)': \(en)", fr: "impossible d'utiliser '\(path)' : \(fr)"),
            hints: hint.map { [$0] } ?? [], cause: cause)
    }

    /// The path of the reference document for `format` (docx or odt).
    static func referenceDocument(
        _ format: ExportFormat, given: String?, header: String, pandoc: ExternalTool, scratch: String, environment: [String: String]
    ) throws(JSFError) -> String {
        let kind = format == .docx ? "Word (.docx)" : "OpenDocument (.odt)"
        if let given {
            guard FileManager.default.isReadableFile(atPath: given) else {
                throw unreadable(
                    given, "no such file, or it cannot be read", "ce fichier n'existe pas ou ne peut pas être lu",
                    hint: Text(
                        en: "give a \(kind) document with --reference-doc", fr: "donnez un document \(kind) avec --reference-doc"))
            }
            let members: ExportReference.Members
            do { members = try ExportReference.read(given) } catch {
                throw unreadable(
                    given, "it is not a \(kind) document (not a zip file)", "ce n'est pas un document \(kind) (pas un fichier zip)",
                    hint: Text(
                        en: "save the ministry's model as .\(format.rawValue) and give that file",
                        fr: "enregistrez le modèle du ministère en .\(format.rawValue) et donnez ce fichier"))
            }
            let required = format == .docx ? ["word/document.xml", "word/styles.xml"] : ["content.xml", "styles.xml"]
            let mimetype = members["mimetype"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let isText = mimetype.hasPrefix("application/vnd.oasis.opendocument.text")
            guard required.allSatisfy({ members[$0] != nil }), format == .docx || isText else {
                let other = members["word/document.xml"] != nil ? "a Word document" : (mimetype.isEmpty ? "another zip file" : mimetype)
                let otherFR = members["word/document.xml"] != nil ? "un document Word" : (mimetype.isEmpty ? "un autre fichier zip" : mimetype)
                throw unreadable(
                    given, "it is not a \(kind) document (it is \(other))", "ce n'est pas un document \(kind) (c'est \(otherFR))",
                    hint: Text(
                        en: "--format \(format.rawValue) takes a .\(format.rawValue) reference document",
                        fr: "--format \(format.rawValue) prend un document de référence .\(format.rawValue)"))
            }
            return given
        }
        let name = "reference.\(format.rawValue)"
        let printed = try pandoc.run(["--print-default-data-file", name], directory: scratch, environment: environment)
        guard printed.status == 0, !printed.stdout.isEmpty else {
            throw JSFError(
                .refused, Text(en: "pandoc could not give its \(name)", fr: "pandoc n'a pas pu fournir son \(name)"),
                cause: OfficeImport.lastLines(printed.stderr))
        }
        let original = scratch + "/pandoc-" + name
        let built = scratch + "/jsf-" + name
        do {
            try printed.stdout.write(to: URL(fileURLWithPath: original))
            let members = try ExportReference.read(original)
            let edited = format == .docx ? ExportReference.docx(from: members, header: header) : ExportReference.odt(from: members, header: header)
            try ExportReference.write(edited, to: built)
        } catch {
            throw JSFError(
                .repository, Text(en: "cannot build the reference \(name)", fr: "impossible de construire le \(name) de référence"),
                cause: "\(error)")
        }
        return built
    }

    static func readTemplate(_ path: String) throws(JSFError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw unreadable(
                path, "no such file, or it cannot be read", "ce fichier n'existe pas ou ne peut pas être lu",
                hint: Text(en: "give a pandoc template with --template", fr: "donnez un modèle pandoc avec --template"))
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
            throw unreadable(
                path, "a pandoc template is UTF-8 text, and this file is not",
                "un modèle pandoc est un texte UTF-8, et ce fichier n'en est pas un",
                hint: Text(
                    en: "a .docx or .odt model goes with --reference-doc", fr: "un modèle .docx ou .odt se donne avec --reference-doc"))
        }
        guard text.contains("$body$") || text.contains("${body}") else {
            throw unreadable(
                path, "the template has no $body$: the text of the CCTP would not appear",
                "le modèle n'a pas de $body$ : le texte du CCTP n'y figurerait pas",
                hint: Text(
                    en: "start from pandoc's: pandoc -D html5 (or -D opendocument)",
                    fr: "partez de celui de pandoc : pandoc -D html5 (ou -D opendocument)"))
        }
        return text
    }

    /// The given HTML template, checked.
    static func htmlTemplate(_ path: String) throws(JSFError) -> String {
        _ = try readTemplate(path)
        return path
    }

    /// The opendocument template: the given one or pandoc's, with the automatic style of jsf's page breaks.
    static func openDocumentTemplate(given: String?, pandoc: ExternalTool, scratch: String, environment: [String: String]) throws(JSFError)
        -> String
    {
        var text: String
        if let given {
            text = try readTemplate(given)
        } else {
            let printed = try pandoc.run(["--print-default-template", "opendocument"], environment: environment)
            guard printed.status == 0 else {
                throw JSFError(
                    .refused, Text(en: "pandoc could not give its opendocument template", fr: "pandoc n'a pas pu fournir son modèle opendocument"),
                    cause: OfficeImport.lastLines(printed.stderr))
            }
            text = String(decoding: printed.stdout, as: UTF8.self)
        }
        let style =
            "<style:style style:name=\"Pagebreak\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:break-after=\"page\"/></style:style>"
        if let range = text.range(of: "$automatic-styles$") {
            text.replaceSubrange(range, with: "$automatic-styles$\n    " + style)
        }
        let path = scratch + "/template.opendocument"
        try OfficeExport.writeFile(text, to: path)
        return path
    }
}
