import ArgumentParser
import Foundation
import JSFDocuments
import JeSaisFaire

struct Report: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the dialogue as a document to annex to the tender file (Markdown, HTML or JSON).",
        discussion: """
            The report of the pre-tender dialogue (R2111-1, R2111-2): the consultation (title, id, buyer, CPV codes \
            with their divisions, territory), the buyer's approval when there is one; each published draft with its \
            changelog and round; for each clause that received proposals or changed, the proposals (companies shown \
            by pseudonym only), the agent's answers with their dates, what was integrated in which draft and the \
            word-level redline between drafts; the dated register of every piece of information given to all \
            participants (published drafts, answers), which shows equal treatment; and totals with a bar chart.

            Markdown (pandoc-friendly) on standard output by default; --md FILE writes it to a file; --html FILE \
            writes one self-contained, printable HTML file (inline CSS and SVG, no script, no external asset); \
            --json prints the report model (fields documented in docs/cli.md). The report's own words follow \
            LC_ALL, LC_MESSAGES and LANG (French or English); the repository's texts are shown as written. \
            --version limits the report to the drafts up to vN and to what was said before v(N+1) was published. \
            The generation date is the clock's (JSF_NOW).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only the drafts up to this one (v2 or 2), and what was said before the next.", valueName: "vN"), completion: .drafts)
    var version: String?

    @Option(help: ArgumentHelp("Write the report as a self-contained HTML file (- for standard output).", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the report as Markdown to a file (- for standard output).", valueName: "file"))
    var md: String?

    @Flag(help: "Print the report model as JSON.")
    var json = false

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let chosen = [html != nil, md != nil, json].filter { $0 }.count
        guard chosen <= 1 else {
            throw JSFError(
                .usage,
                Text(
                    en: "--html, --md and --json cannot be combined: choose one output",
                    fr: "--html, --md et --json ne se combinent pas : choisissez une sortie"),
                hints: [Text(en: "run 'jsf report' once per format", fr: "lancez 'jsf report' une fois par format")])
        }
        for (option, value) in [("--html", html), ("--md", md)] where value?.isEmpty == true {
            throw JSFError(.usage, Text(en: "\(option) needs a file name", fr: "\(option) attend un nom de fichier"))
        }
        let session = try ReadingSession.open(context, loadingIdentityFirst: true)
        let (report, problems) = try ReportBuilder.build(
            session.workspace, upTo: version, role: try session.identity()?.role ?? .company, clock: context.clock)
        for problem in problems { c.note(c.describe(problem, err: true)) }

        if json {
            try encodeJSON(runtime, report)
            return
        }
        let text: String
        let target: String?
        if let html {
            text = HTMLReport.render(report, language: c.language)
            target = html
        } else {
            text = MarkdownReport.render(report, language: c.language)
            target = md
        }
        guard let target, target != "-" else {
            c.outRaw(Data(text.utf8))
            return
        }
        let path = context.absolute(target)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw JSFError(
                .refused,
                Text(
                    en: "cannot write the report to '\(target)': it is a directory",
                    fr: "impossible d'écrire le rapport dans '\(target)' : c'est un dossier"),
                hints: [
                    Text(
                        en: "give a file name, such as \(target)/rapport.\(html != nil ? "html" : "md")",
                        fr: "donnez un nom de fichier, comme \(target)/rapport.\(html != nil ? "html" : "md")")
                ])
        }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw JSFError(
                .refused, Text(en: "cannot write the report to '\(target)'", fr: "impossible d'écrire le rapport dans '\(target)'"),
                hints: [
                    Text(
                        en: "check that the folder exists and that you may write in it",
                        fr: "vérifiez que le dossier existe et que vous pouvez y écrire")
                ],
                cause: Self.reason(error))
        }
        let t = report.totals
        let scope = report.currentDraft ?? c.t("no draft", "aucune version")
        c.note(
            c.t(
                "Wrote the report to \(target) (\(scope), \(t.proposals) proposal(s) from \(t.participants) participant(s), \(report.register.count) register entries).",
                "Rapport écrit dans \(target) (\(scope), \(t.proposals) proposition(s) de \(t.participants) participant(s), \(report.register.count) entrées au registre)."
            ))
    }

    static func reason(_ error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError, let path = cocoa.userInfo[NSFilePathErrorKey] as? String {
            let code = access((path as NSString).deletingLastPathComponent, W_OK) == 0 ? EIO : errno
            return String(cString: strerror(code))
        }
        return "\(error)"
    }
}
