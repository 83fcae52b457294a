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
            the latest draft. Every format shows the same things: a title page (consultation title, 'Cahier des clauses \
            techniques particulières', buyer, the version and its date, for 'final' the approval date, then the lines \
            of the text's own cover that say more: the buyer's service, the procedure, the market's reference; its \
            title, buyer, old date or version are dropped, as jsf's page says them), 'Le présent document comporte N \
            pages.', a sommaire of the headings of levels 1 and 2 with their pages, then the text with numbered \
            headings (a heading without its own number gets its number from clauses.yml) and a table of the award \
            criteria and their weights; no jsf id or attribute appears. Every page but the first has the title, \
            version and date in its header; every page has 'Page X / Y' in its footer. ODT (the format the RGI \
            recommends), DOCX and HTML are written by pandoc (apt-get install pandoc) with jsf's reference document, \
            built from pandoc's own at each export: A4, serif, black headings, no logo. Word and LibreOffice compute the \
            page numbers (fields PAGE, NUMPAGES, PAGEREF); Word asks to update the fields when the file opens. PDF is \
            the HTML printed twice by chromium (apt-get install chromium): the first printing counts the pages, the \
            second prints the numbers. HTML has no pages: no page count, and the sommaire links without numbers; a \
            browser prints the header and footer. md is the cleaned Markdown. The ministry's own charte: \
            --reference-doc FILE for docx and odt (its styles, page, header and footer replace jsf's), --template FILE \
            for html, pdf and odt (a pandoc template; jsf's style sheet comes in through $header-includes$). The default \
            output is <consultation-id>-<version>.<format> in the current directory; '-o -' writes md and html to \
            standard output.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The version: vN, or final; default the latest draft.", valueName: "version"), completion: .draftsOrFinal)
    var version: String?

    @Option(help: ArgumentHelp("The format: odt, docx, pdf, html or md.", valueName: "format"))
    var format: ExportFormat = .odt

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write ('-' for standard output, md and html only).", valueName: "file"))
    var output: String?

    @Option(
        name: .customLong("reference-doc"),
        help: ArgumentHelp("A .docx or .odt whose styles, page, header and footer replace jsf's (docx and odt).", valueName: "file"),
        completion: .file(extensions: ["docx", "odt"]))
    var referenceDoc: String?

    @Option(help: ArgumentHelp("A pandoc template for html, pdf or odt.", valueName: "file"), completion: .file())
    var template: String?

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
        if referenceDoc != nil && format != .docx && format != .odt {
            throw JSFError(
                .usage,
                Text(
                    en: "--reference-doc is for docx and odt; .\(format.rawValue) takes its look from --template",
                    fr: "--reference-doc sert aux formats docx et odt ; le .\(format.rawValue) prend sa présentation de --template"))
        }
        if template != nil && (format == .docx || format == .md) {
            throw JSFError(
                .usage,
                format == .docx
                    ? Text(
                        en: "--template is for html, pdf and odt; a .docx takes its styles from --reference-doc",
                        fr: "--template sert aux formats html, pdf et odt ; un .docx prend ses styles de --reference-doc")
                    : Text(en: "--template is for html, pdf and odt, not md", fr: "--template sert aux formats html, pdf et odt, pas au md"))
        }
        let style = ExportStyle(referenceDoc: referenceDoc.map(context.absolute), template: template.map(context.absolute))
        let session = try ReadingSession.open(context)
        let source = try OfficeExport.source(session.workspace, version: version)
        if output == "-" {
            let data = try OfficeExport.render(source, format: format, style: style, environment: context.environment)
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
        try OfficeExport.write(source, format: format, style: style, to: path, environment: context.environment)
        c.out(path)
        let version = "v\(source.version.map(String.init) ?? "?")"
        let upper = format.rawValue.uppercased()
        c.note(
            source.name == "final"
                ? c.t(
                    "Exported the approved text (\(version)) of \(source.consultation.id) as \(upper).",
                    "Export en \(upper) du texte approuvé (\(version)) de \(source.consultation.id).")
                : c.t(
                    "Exported \(source.name) of \(source.consultation.id) as \(upper).",
                    "Export en \(upper) de la \(source.name) de \(source.consultation.id)."))
    }
}
