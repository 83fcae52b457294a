import ArgumentParser
import Foundation
import JSFDocuments
import JeSaisFaire

struct Report: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "report",
            abstract: bilingual(
                "Write the dialogue as a document to annex to the tender file (Markdown, HTML, PDF or JSON).",
                "Écrit le dialogue en document à annexer au dossier de consultation (Markdown, HTML, PDF ou JSON)."),
            discussion: bilingual(
                """
                The report of the pre-tender dialogue (R2111-1, R2111-2): the consultation (title, id, buyer, CPV codes \
                with their divisions, territory), the buyer's approval when there is one; a summary for the buyer \
                (participants, proposals per kind, what was integrated in which draft, what stays unresolved: \
                unanswered, outdated and orphaned proposals); each published draft with its changelog, its round and \
                the clauses it added, changed or removed; for each clause that received proposals or changed, the \
                proposals (companies shown by pseudonym only), the agent's answers with their dates, what was \
                integrated in which draft and the word-level redline between drafts; the dated register of every piece \
                of information given to all participants (each publication and the round it opens, the end of each \
                round, at its term, closed early with 'jsf round close' or by the next draft, each answer once, the \
                approval), which shows equal treatment; and totals with a bar chart. Clauses and criteria are named by \
                number and title ("9.1 Valeur technique").

                Markdown (pandoc-friendly) on standard output by default; --md FILE writes it to a file; --html FILE \
                writes one self-contained, printable HTML file (inline CSS and SVG, no script, no external asset); \
                --pdf FILE prints that HTML to PDF with headless Chromium, as 'jsf export --format pdf' does, with \
                "Page X / Y" at the foot of each page; --json prints the report model (fields documented in \
                docs/cli.md). The justifications, proposed texts and answers are Markdown: rendered in HTML and PDF, \
                quoted as Markdown in the Markdown report, raw HTML shown as text in all. The report is in one \
                language: --lang fr or en, else LC_ALL, LC_MESSAGES and LANG; the repository's texts are shown as \
                written. --version limits the report to the drafts up to vN and to what was said before v(N+1) was \
                published. The generation date is the clock's (JSF_NOW).

                Confidential proposals (jsf propose --confidential): the public copy, the default, marks each without \
                its content, which it never reads; --audience internal, for the agent and the buyers only, includes \
                those their key opens, and says on its first page that it is not to be published.
                """,
                """
                Le rapport du dialogue préalable à la consultation (R2111-1, R2111-2) : la consultation (titre, \
                identifiant, pouvoir adjudicateur, codes CPV avec leurs divisions, territoire), l'approbation de \
                l'acheteur de la PFRA s'il y en a une ; un résumé pour l'acheteur de la PFRA (participants, propositions \
                par type, ce qui a été intégré dans quelle version, ce qui reste non résolu : propositions sans réponse, \
                obsolètes et orphelines) ; chaque version publiée avec son journal des modifications, son tour et les \
                clauses qu'elle a ajoutées, modifiées ou supprimées ; pour chaque clause qui a reçu des propositions ou \
                changé, les propositions (les entreprises désignées seulement par pseudonyme), les réponses de l'agent \
                avec leurs dates, ce qui a été intégré dans quelle version et les différences mot à mot entre versions ; \
                le registre daté de chaque information donnée à tous les participants (chaque publication et le tour \
                qu'elle ouvre, la fin de chaque tour, à son terme, close plus tôt par 'jsf round close' ou par la version \
                suivante, chaque réponse une fois, l'approbation), qui montre l'égalité de traitement ; et des totaux \
                avec un diagramme en barres. Les clauses et les critères sont désignés par numéro et titre (« 9.1 Valeur \
                technique »).

                Du Markdown (adapté à pandoc) sur la sortie standard par défaut ; --md FICHIER l'écrit dans un fichier ; \
                --html FICHIER écrit un fichier HTML autonome et imprimable (CSS et SVG en ligne, sans script ni \
                ressource externe) ; --pdf FICHIER imprime ce HTML en PDF avec Chromium sans interface, comme le fait \
                'jsf export --format pdf', avec « Page X / Y » au pied de chaque page ; --json affiche le modèle du \
                rapport (champs décrits dans docs/cli.md). Les justifications, textes proposés et réponses sont en \
                Markdown : rendus en HTML et en PDF, cités en Markdown dans le rapport Markdown, le HTML brut montré \
                comme du texte partout. Le rapport est en une seule langue : --lang fr ou en, sinon LC_ALL, LC_MESSAGES \
                et LANG ; les textes du dépôt sont montrés tels qu'écrits. --version limite le rapport aux versions \
                jusqu'à vN et à ce qui a été dit avant la publication de v(N+1). La date de génération est celle de \
                l'horloge (JSF_NOW).

                Les propositions confidentielles (jsf propose --confidential) : la copie publique, par défaut, marque \
                chacune sans son contenu, qu'elle ne lit jamais ; --audience internal, pour l'agent et les acheteurs \
                seulement, contient celles que leur clé ouvre, et dit en première page qu'elle n'est pas à publier.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Option(
        help: .t(
            "Only the drafts up to this one (v2 or 2), and what was said before the next.",
            "Seulement les versions jusqu'à celle-ci (v2 ou 2), et ce qui a été dit avant la suivante.", valueName: "vN"), completion: .drafts)
    var version: String?

    @Option(
        help: .t(
            "Write the report as a self-contained HTML file (- for standard output).",
            "Écrit le rapport en un fichier HTML autonome (- pour la sortie standard).", valueName: "file"))
    var html: String?

    @Option(
        help: .t(
            "Write the report as Markdown to a file (- for standard output).",
            "Écrit le rapport en Markdown dans un fichier (- pour la sortie standard).", valueName: "file"))
    var md: String?

    @Option(
        help: .t(
            "Write the report as PDF through headless Chromium, with page numbers (- for standard output).",
            "Écrit le rapport en PDF avec Chromium sans interface, pages numérotées (- pour la sortie standard).", valueName: "file"))
    var pdf: String?

    @Option(
        help: .t(
            "The report's language, fr or en (default: from LC_ALL, LC_MESSAGES, LANG).",
            "La langue du rapport, fr ou en (par défaut : selon LC_ALL, LC_MESSAGES, LANG).", valueName: "language"))
    var lang: ReportLanguage?

    @Flag(help: .t("Print the report model as JSON.", "Affiche le modèle du rapport en JSON."))
    var json = false

    @Option(
        help: .t(
            "public (default): confidential proposals marked without their content; internal: the agent's and buyers' copy, with them.",
            "public (par défaut) : les propositions confidentielles marquées sans leur contenu ; internal : la copie de l'agent et des acheteurs, avec elles.",
            valueName: "audience"))
    var audience: ReportAudience = .public

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let chosen = [html != nil, md != nil, pdf != nil, json].filter { $0 }.count
        guard chosen <= 1 else {
            throw JSFError(
                .usage,
                Text(
                    en: "--html, --md, --pdf and --json cannot be combined: choose one output",
                    fr: "--html, --md, --pdf et --json ne se combinent pas : choisissez une sortie"),
                hints: [Text(en: "run 'jsf report' once per format", fr: "lancez 'jsf report' une fois par format")])
        }
        for (option, value) in [("--html", html), ("--md", md), ("--pdf", pdf)] where value?.isEmpty == true {
            throw JSFError(.usage, Text(en: "\(option) needs a file name", fr: "\(option) attend un nom de fichier"))
        }
        let language = lang?.language ?? c.language
        // Find the printer before doing any work.
        let browser = try pdf.map { _ throws(JSFError) in try PDFReport.browser(environment: context.environment) }
        let session = try ReadingSession.open(context, loadingIdentityFirst: true)
        let role = try session.identity()?.role
        if audience == .internal, role != .agent, role != .buyer {
            throw JSFError(
                .refused,
                Text(
                    en:
                        "--audience internal is the agent's and buyers' copy, with the confidential proposals: you are \(role.map { "a \($0.rawValue)" } ?? "no identity")",
                    fr:
                        "--audience internal est la copie de l'agent et des acheteurs, avec les propositions confidentielles : vous êtes \(role.map { "une identité \($0.rawValue)" } ?? "sans identité")"
                ),
                hints: [Text(en: "run 'jsf report' for the public copy", fr: "lancez 'jsf report' pour la copie publique")])
        }
        let (report, problems) = try ReportBuilder.build(
            session.workspace, upTo: version, role: role ?? .company, clock: context.clock, internalCopy: audience == .internal)
        for problem in problems { c.note(c.describe(problem, err: true)) }

        if json {
            try encodeJSON(runtime, report)
            return
        }
        let data: Data
        let target: String?
        let suffix: String
        if let html {
            data = Data(HTMLReport.render(report, language: language).utf8)
            (target, suffix) = (html, "html")
        } else if let pdf, let browser {
            data = try PDFReport.render(report, language: language, browser: browser, environment: context.environment)
            (target, suffix) = (pdf, "pdf")
        } else {
            data = Data(MarkdownReport.render(report, language: language).utf8)
            (target, suffix) = (md, "md")
        }
        guard let target, target != "-" else {
            if pdf == nil { c.outText(String(decoding: data, as: UTF8.self)) } else { c.outRaw(data) }
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
                        en: "give a file name, such as \(target)/rapport.\(suffix)",
                        fr: "donnez un nom de fichier, comme \(target)/rapport.\(suffix)")
                ])
        }
        do {
            try AtomicFile.write(data, to: path)
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

    /// The values of --audience.
    enum ReportAudience: String, ExpressibleByArgument, CaseIterable {
        case `public`, `internal`
    }

    /// The values of --lang.
    enum ReportLanguage: String, ExpressibleByArgument, CaseIterable {
        case fr, en

        var language: Language { self == .fr ? .fr : .en }
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
