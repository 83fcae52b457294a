import ArgumentParser
import Foundation
import JSFDocuments
import JeSaisFaire

extension ExportFormat: ExpressibleByArgument {}

struct Export: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a version of the CCTP as a tender-file document: odt, docx, pdf, html or md.",
        discussion: """
            VERSION is a published draft (v1, v2, …) or 'final', the text a PFRA buyer approved (tag final); default \
            the latest draft. The document opens with a title page (consultation title, buyer, 'Cahier des clauses \
            techniques particulières', the version and its date, and for 'final' the approval date), then the text \
            with numbered headings (a heading without its own number gets its number from clauses.yml) and a table of \
            the award criteria and their weights; no jsf id or attribute appears. ODT (the format the RGI recommends), \
            DOCX and HTML are written by pandoc (apt-get install pandoc); PDF is HTML printed by chromium (apt-get \
            install chromium); md is the cleaned Markdown. The default output is <consultation-id>-<version>.<format> \
            in the current directory; '-o -' writes md and html to standard output.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The version: vN, or final; default the latest draft.", valueName: "version"), completion: .draftsOrFinal)
    var version: String?

    @Option(help: ArgumentHelp("The format: odt, docx, pdf, html or md.", valueName: "format"))
    var format: ExportFormat = .odt

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write ('-' for standard output, md and html only).", valueName: "file"))
    var output: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        if output == "-" && !format.isText {
            throw JSFError(
                .usage,
                Text(
                    en: "a .\(format.rawValue) file cannot be written to standard output: give a file name with -o",
                    fr: "un fichier .\(format.rawValue) ne peut pas être écrit sur la sortie standard : donnez un nom de fichier avec -o"))
        }
        if let output, output.isEmpty {
            throw JSFError(.usage, Text(en: "-o needs a file name", fr: "-o demande un nom de fichier"))
        }
        let session = try ReadingSession.open(context)
        let source = try OfficeExport.source(session.workspace, version: version)
        if output == "-" {
            let data = try OfficeExport.render(source, format: format, environment: context.environment)
            runtime.console.outRaw(data)
            return
        }
        let path = context.absolute(output ?? "\(source.consultation.id)-\(source.name).\(format.rawValue)")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw JSFError(
                .refused, Text(en: "'\(path)' is a directory", fr: "'\(path)' est un dossier"),
                hints: [Text(en: "give a file name with -o", fr: "donnez un nom de fichier avec -o")])
        }
        let parent = (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw JSFError(
                .refused,
                Text(en: "cannot write '\(path)': no directory '\(parent)'", fr: "impossible d'écrire '\(path)' : pas de dossier '\(parent)'"))
        }
        try OfficeExport.write(source, format: format, to: path, environment: context.environment)
        c.out(path)
        let what =
            source.name == "final"
            ? c.t("the approved text (v\(source.version.map(String.init) ?? "?"))", "le texte approuvé (v\(source.version.map(String.init) ?? "?"))")
            : source.name
        c.note(
            c.t(
                "Exported \(what) of \(source.consultation.id) as \(format.rawValue.uppercased()).",
                "Export en \(format.rawValue.uppercased()) de \(source.name == "final" ? what : "la " + what) de \(source.consultation.id)."))
    }
}
