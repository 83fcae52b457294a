import Foundation
import JeSaisFaire

/// The formats `jsf export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    case odt, docx, pdf, html, md

    /// Text formats can go to standard output.
    public var isText: Bool { self == .md || self == .html }
}

/// One version of the CCTP, with what its title page needs.
public struct ExportSource: Sendable {
    /// "v2" or "final".
    public var name: String
    public var consultation: Consultation
    public var cctp: String
    public var index: ClauseIndex?
    /// The draft's number, when known.
    public var version: Int?
    /// The draft's publication day, "2027-01-04".
    public var versionDay: String?
    public var approval: Approval?
    /// The approval day, "2027-02-20" (from approval.yml, else the tag's date).
    public var approvalDay: String?
    /// The images the text shows (path under assets/ → bytes), as committed with the version.
    public var assets: [String: Data] = [:]
}

/// A CCTP version as a tender-file document: title page, numbered headings, criteria table, no jsf ids.
public enum OfficeExport {
    // MARK: Reading the version

    /// The version named `name` ("vN", "N", "final"), or the latest draft.
    public static func source(_ workspace: Workspace, version name: String?) throws(JSFError) -> ExportSource {
        if name?.lowercased() == "final" { return try finalSource(workspace) }
        let draft: Draft
        if let name {
            draft = try workspace.draft(name)
        } else {
            guard let latest = try workspace.drafts().last else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "nothing is published yet: jsf export writes a published draft (vN) or the approved text (final)",
                        fr: "rien n'est encore publié : jsf export écrit une version publiée (vN) ou le texte approuvé (final)"),
                    hints: [
                        Text(
                            en: "publish the draft with 'jsf publish --until DATE' first",
                            fr: "publiez d'abord la version avec 'jsf publish --until DATE'")
                    ])
            }
            draft = latest
        }
        let consultation = try workspace.consultation(at: draft.revision)
        let cctp = try workspace.cctp(at: draft.revision, name: draft.name)
        let index = try? workspace.index(at: draft.revision)
        let zone = TimeZone(secondsFromGMT: draft.offsetMinutes * 60) ?? TimeZone(identifier: "UTC")!
        return ExportSource(
            name: draft.name, consultation: consultation, cctp: cctp, index: index, version: draft.version,
            versionDay: Timestamp.formatDay(draft.date, timeZone: zone), assets: try workspace.assets(at: draft.revision))
    }

    static func finalSource(_ workspace: Workspace) throws(JSFError) -> ExportSource {
        guard let final = try FinalTag.read(workspace) else {
            throw JSFError(
                .refused,
                Text(
                    en: "there is no approved text: the tag 'final' does not exist",
                    fr: "il n'y a pas de texte approuvé : l'étiquette 'final' n'existe pas"),
                hints: [
                    Text(
                        en:
                            "a PFRA buyer approves the latest draft with 'jsf approve -m NOTE'; 'jsf fetch' brings an approval made elsewhere; or export a draft: 'jsf export vN'",
                        fr:
                            "un acheteur de la PFRA approuve la dernière version avec 'jsf approve -m NOTE' ; 'jsf fetch' récupère une approbation faite ailleurs ; ou exportez une version : 'jsf export vN'"
                    )
                ])
        }
        let commit = final.commit
        let consultation = try workspace.consultation(at: commit)
        let cctp = try workspace.cctp(at: commit, name: "final")
        let index = try? workspace.index(at: commit)
        var approval: Approval?
        if let text = try workspace.text(Approval.file, at: commit) { approval = Approval.parse(text).0 }
        let drafts = try workspace.drafts()
        var draft: Draft?
        if let approval { draft = drafts.first { $0.version == approval.version } }
        if draft == nil {
            draft = drafts.last { final.parents.contains($0.revision) || $0.revision == commit }
        }
        var approvalDay = approval.map { String($0.date.prefix(10)) }
        if approvalDay == nil || approvalDay?.count != 10, let tagged = final.tagged {
            approvalDay = Timestamp.formatDay(tagged.date, timeZone: TimeZone(secondsFromGMT: tagged.offsetMinutes * 60) ?? .current)
        }
        let zone = draft.flatMap { TimeZone(secondsFromGMT: $0.offsetMinutes * 60) } ?? TimeZone(identifier: "UTC")!
        return ExportSource(
            name: "final", consultation: consultation, cctp: cctp, index: index,
            version: approval?.version ?? draft?.version,
            versionDay: draft.map { Timestamp.formatDay($0.date, timeZone: zone) },
            approval: approval, approvalDay: approvalDay, assets: try workspace.assets(at: commit))
    }

    // MARK: The clean Markdown

    /// "4 janvier 2027" from "2027-01-04".
    static func frenchDay(_ day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return day }
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        return "\(parts[2] == 1 ? "1er" : String(parts[2])) \(months[parts[1] - 1]) \(parts[0])"
    }

    /// The title page's lines.
    public static func titlePage(_ source: ExportSource) -> (title: String, subtitle: String, buyer: String, version: [String]) {
        var version: [String] = []
        var line = source.version.map { "Version \($0)" } ?? "Version \(source.name)"
        if let day = source.versionDay { line += " du \(frenchDay(day))" }
        version.append(line)
        if source.name == "final" {
            var approved = "Version approuvée le \(source.approvalDay.map(frenchDay) ?? "?")"
            if let buyer = source.approval?.buyer, !buyer.isEmpty { approved += " par \(buyer)" }
            version.append(approved)
        }
        return (source.consultation.title, "Cahier des clauses techniques particulières", source.consultation.buyer, version)
    }

    /// The cleaned pandoc Markdown: a YAML title block, then the text with numbered headings, the criteria table and
    /// no jsf id or attribute. `pageBreak` is raw content put right after the title block (for docx and odt).
    public static func markdown(_ source: ExportSource, pageBreak: String? = nil) -> String {
        let page = titlePage(source)
        var out = "---\n"
        out += "title: \(yamlQuoted(page.title))\n"
        out += "subtitle: \(yamlQuoted(page.subtitle))\n"
        out += "author:\n- \(yamlQuoted(page.buyer))\n"
        out +=
            "date: |\n"
            + page.version.enumerated().map { n, line in
                "  " + MarkdownInline.escape(line) + (n + 1 < page.version.count ? "\\" : "")
            }.joined(separator: "\n") + "\n"
        out += "lang: fr-FR\n"
        out += "---\n\n"
        if let pageBreak { out += pageBreak + "\n\n" }
        out += body(source)
        return out
    }

    /// The text: headings rewritten (numbered, without attributes), criteria table before the first criterion.
    static func body(_ source: ExportSource) -> String {
        let text = CCTPText(parsing: source.cctp)
        let clauses = (try? text.clauses()) ?? []
        let lines = source.cctp.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var l = String(line)
            if l.hasSuffix("\r") { l.removeLast() }
            return l
        }
        var headingAt: [Int: Int] = [:] // first line (0-based) → heading index
        var skip = Set<Int>()
        for (n, h) in text.headings.enumerated() {
            headingAt[h.line - 1] = n
            if h.lastLine > h.line { for l in h.line..<h.lastLine { skip.insert(l) } }
        }
        let criteria = clauses.filter { $0.kind == .criterion }
        let firstCriterion = criteria.first.flatMap { c in text.headings.firstIndex { $0.id == c.id } }
        var out: [String] = []
        var inFence: String?
        for (i, line) in lines.enumerated() {
            if skip.contains(i) { continue }
            if let n = headingAt[i], inFence == nil {
                let h = text.headings[n]
                let clause = clauses.first { $0.id == h.id && h.id != nil }
                if n == firstCriterion {
                    while let last = out.last, last.trimmingCharacters(in: .whitespaces).isEmpty { out.removeLast() }
                    if !out.isEmpty { out.append("") }
                    out += criteriaTable(criteria)
                    out.append("")
                }
                out.append(String(repeating: "#", count: h.level) + " " + headingText(h, clause: clause, index: source.index))
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let fence = String(trimmed.prefix(3))
                if inFence == nil { inFence = fence } else if inFence == fence { inFence = nil }
                out.append(line)
                continue
            }
            out.append(inFence == nil ? stripAttributes(line) : line)
        }
        while let last = out.last, last.trimmingCharacters(in: .whitespaces).isEmpty { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func headingText(_ h: ClauseHeading, clause: Clause?, index: ClauseIndex?) -> String {
        var text = h.text
        if splitNumbering(text).number == nil {
            let number = h.id.flatMap { index?[$0]?.number } ?? clause?.number
            if let number, !number.isEmpty { text = number + " " + text }
        }
        if let weight = clause?.weight { text += " (\(weight) %)" }
        return MarkdownInline.escape(text)
    }

    static func criteriaTable(_ criteria: [Clause]) -> [String] {
        var rows = ["| Critère | Pondération |", "|:--------|------------:|"]
        for c in criteria { rows.append("| \(MarkdownInline.escape(c.title)) | \(c.weight ?? 0) % |") }
        rows.append("| **Total** | **\(criteria.reduce(0) { $0 + ($1.weight ?? 0) }) %** |")
        return rows
    }

    /// Removes pandoc attribute blocks that carry a jsf id or class (`{#id}`, `{#id .criterion weight=40}`, `{.criterion …}`).
    static func stripAttributes(_ line: String) -> String {
        guard line.contains("{") else { return line }
        var l = line.replacing(#/\s*\{\s*#[A-Za-z0-9_:.-]+(\s+[^{}\n]*)?\}/#, with: "")
        l = l.replacing(#/\s*\{[^{}\n]*(\.criterion|weight=)[^{}\n]*\}/#, with: "")
        return l
    }

    static func yamlQuoted(_ text: String) -> String {
        YAMLValue.singleQuoted(MarkdownInline.escape(text))
    }

    // MARK: Rendering

    static let css = """
        <style>
        @page { size: A4; margin: 2cm 2cm 2.2cm 2cm; }
        html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt; color: #111; background: #fff; line-height: 1.45; }
        body { max-width: 48em; margin: 0 auto; padding: 1.5em; }
        header#title-block-header { text-align: center; min-height: 80vh; padding-top: 25vh; break-after: page; page-break-after: always; }
        header#title-block-header .title { font-size: 2em; margin-bottom: 0.3em; }
        header#title-block-header .subtitle { font-size: 1.4em; font-weight: bold; text-transform: uppercase; margin: 1em 0; }
        header#title-block-header .author { font-size: 1.2em; }
        header#title-block-header .date { margin-top: 3em; font-size: 1.05em; }
        h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; line-height: 1.25; }
        h1 { font-size: 1.45em; border-bottom: 1px solid #888; padding-bottom: 0.2em; margin-top: 1.6em; }
        h2 { font-size: 1.2em; margin-top: 1.3em; }
        h3 { font-size: 1.05em; }
        table { border-collapse: collapse; margin: 1em 0; break-inside: avoid; }
        th, td { border: 1px solid #777; padding: 0.25em 0.6em; vertical-align: top; }
        th { background: #eee; }
        @media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
        </style>
        """

    /// Writes the document of `source` in `format` to `output`, a file path.
    public static func write(
        _ source: ExportSource, format: ExportFormat, to output: String,
        environment: [String: String]
    ) throws(JSFError) {
        let data = try render(source, format: format, environment: environment)
        do {
            try AtomicFile.write(data, to: output)
        } catch {
            throw JSFError(.refused, Text(en: "cannot write '\(output)'", fr: "impossible d'écrire '\(output)'"), cause: "\(error)")
        }
    }

    /// The bytes of the document of `source` in `format`.
    public static func render(_ source: ExportSource, format: ExportFormat, environment: [String: String]) throws(JSFError) -> Data {
        if format == .md { return Data(withoutSeparators(markdown(source)).utf8) }
        let purpose = Text(en: "to write .\(format.rawValue) files", fr: "pour écrire des fichiers .\(format.rawValue)")
        let pandoc = try ExternalTool.pandoc(environment: environment, purpose: purpose)
        // For PDF, find the printer before doing any work.
        var browser: ExternalTool?
        var pdfEngine: ExternalTool?
        if format == .pdf {
            browser = HeadlessPrint.browser(environment: environment)
            if browser == nil { pdfEngine = ExternalTool.find(["weasyprint", "wkhtmltopdf"], environment: environment) }
            if browser == nil && pdfEngine == nil {
                throw JSFError(
                    .refused,
                    Text(
                        en: "PDF export needs chromium (or weasyprint, or wkhtmltopdf), and none was found on PATH",
                        fr: "l'export PDF a besoin de chromium (ou de weasyprint, ou de wkhtmltopdf), et aucun n'a été trouvé dans le PATH"),
                    hints: [
                        Text(
                            en: "install it: apt-get install chromium (Debian, Ubuntu), or export --format odt and print it from LibreOffice",
                            fr: "installez-le : apt-get install chromium (Debian, Ubuntu), ou exportez en --format odt et imprimez depuis LibreOffice"
                        )
                    ])
            }
        }
        let scratch: String
        do { scratch = try ScratchDirectory.make() } catch {
            throw JSFError(
                .repository, Text(en: "cannot create a temporary directory", fr: "impossible de créer un dossier temporaire"), cause: "\(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let input = scratch + "/cctp.md"
        var arguments = ["-f", "markdown-auto_identifiers-implicit_figures", "-s", "--wrap=none"]
        let pageBreak: String?
        switch format {
        case .docx:
            pageBreak = "```{=openxml}\n<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n```"
            arguments += ["-t", "docx"]
        case .odt:
            pageBreak = "```{=opendocument}\n<text:p text:style-name=\"Pagebreak\"/>\n```"
            let template = scratch + "/template.opendocument"
            let printed = try pandoc.run(["--print-default-template", "opendocument"], environment: environment)
            var text = String(decoding: printed.stdout, as: UTF8.self)
            let style =
                "<style:style style:name=\"Pagebreak\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:break-after=\"page\"/></style:style>"
            if printed.status == 0, let range = text.range(of: "$automatic-styles$") {
                text.replaceSubrange(range, with: "$automatic-styles$\n    " + style)
                try writeFile(text, to: template)
                arguments += ["--template", template]
            }
            arguments += ["-t", "odt"]
        case .html, .pdf:
            pageBreak = nil
            let header = scratch + "/style.html"
            try writeFile(css, to: header)
            arguments += ["-t", "html5", "-H", header, "--metadata", "pagetitle=\(source.consultation.title)"]
        case .md:
            pageBreak = nil
        }
        // The images beside the text, where its relative paths point; html embeds them (standard output has no folder).
        if !source.assets.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: scratch + "/" + Assets.directory, withIntermediateDirectories: true)
                for (path, data) in source.assets where Assets.isValidPath(path) { try AtomicFile.write(data, to: scratch + "/" + path) }
            } catch {
                throw JSFError(
                    .repository, Text(en: "cannot write a temporary file", fr: "impossible d'écrire un fichier temporaire"), cause: "\(error)")
            }
            if format == .html { arguments.append("--self-contained") }
        }
        try writeFile(markdown(source, pageBreak: pageBreak), to: input)
        let produced = scratch + "/out." + (format == .pdf ? "html" : format.rawValue)
        let run = try pandoc.run(arguments + ["-o", produced, input], directory: scratch, environment: environment)
        guard run.status == 0, !run.timedOut, let data = FileManager.default.contents(atPath: produced) else {
            throw JSFError(
                .refused,
                Text(en: "pandoc could not write the .\(format.rawValue) file", fr: "pandoc n'a pas pu écrire le fichier .\(format.rawValue)"),
                cause: run.timedOut ? "timed out" : OfficeImport.lastLines(run.stderr))
        }
        guard format == .pdf else { return data }
        let pdf = scratch + "/out.pdf"
        if let browser {
            return try HeadlessPrint.print(browser, html: produced, to: pdf, scratch: scratch, environment: environment)
        }
        let engine = pdfEngine!
        let run2 = try pandoc.run(
            ["-f", "html", "-t", "html5", "--pdf-engine=\(engine.path)", "-o", pdf, produced], directory: scratch, environment: environment)
        guard run2.status == 0, let bytes = FileManager.default.contents(atPath: pdf) else {
            throw JSFError(
                .refused, Text(en: "\(engine.name) could not write the PDF", fr: "\(engine.name) n'a pas pu écrire le PDF"),
                cause: OfficeImport.lastLines(run2.stderr))
        }
        return bytes
    }

    /// The Markdown without the `<!-- -->` lines older imports left between lists (outside code blocks): a reader of
    /// the md export sees no HTML comment.
    static func withoutSeparators(_ markdown: String) -> String {
        var fence: String?
        var out: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
            } else if trimmed == "<!-- -->" {
                if out.last?.isEmpty == true { out.removeLast() }
                continue
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func writeFile(_ text: String, to path: String) throws(JSFError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw JSFError(.repository, Text(en: "cannot write a temporary file", fr: "impossible d'écrire un fichier temporaire"))
        }
    }
}
