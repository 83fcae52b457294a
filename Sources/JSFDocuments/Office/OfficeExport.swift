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

    /// The cleaned pandoc Markdown for `format`: a YAML title block, the cover's own lines (see `ExportCover`), then for
    /// the paged formats the sentence giving the number of pages, a page break, the sommaire and a page break; then the
    /// text with numbered headings, the criteria table and no jsf id or attribute.
    public static func markdown(_ source: ExportSource, format: ExportFormat = .md) -> String {
        let page = titlePage(source)
        var out = "---\n"
        out += "title: \(yamlQuoted(page.title))\n"
        out += "subtitle: \(yamlQuoted(page.subtitle))\n"
        out += "author:\n- \(yamlQuoted(page.buyer))\n"
        out +=
            "date: |-\n"
            + page.version.enumerated().map { n, line in
                "  " + MarkdownInline.escape(line) + (n + 1 < page.version.count ? "\\" : "")
            }.joined(separator: "\n") + "\n"
        out += "lang: fr-FR\n"
        out += "---\n\n"
        let text = body(source, anchors: format == .md ? .none : format == .docx ? .span : .heading)
        if !text.cover.isEmpty {
            out += "::: {custom-style=\"Couverture\"}\n" + text.cover.joined(separator: "\n\n") + "\n:::\n\n"
        }
        if format != .md {
            if let count = ExportLayout.pageCount(format) { out += count + "\n\n" }
            out += ExportLayout.pageBreak(format) + "\n\n"
            if let sommaire = ExportLayout.sommaire(text.entries, format: format) {
                out += sommaire + "\n\n" + ExportLayout.pageBreak(format) + "\n\n"
            }
        }
        out += text.markdown
        return out
    }

    /// Where a heading carries the anchor `sN` the sommaire points to.
    enum Anchors {
        case none
        /// `# Title {#sN}`.
        case heading
        /// `# [Title]{#sN}`: in a .docx pandoc puts a heading's bookmark before its paragraph, where LibreOffice loses
        /// it after a table; a span's bookmark stays inside.
        case span
    }

    /// The text: headings rewritten (numbered, without attributes; with `anchors`, each carries `sN` for the
    /// sommaire), criteria table before the first criterion; a cover block above the first heading is taken out
    /// for the title page.
    static func body(_ source: ExportSource, anchors: Anchors = .none) -> (markdown: String, cover: [String], entries: [ExportLayout.Entry]) {
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
        // The lines above the first heading: a cover block goes to the title page.
        var cover: [String] = []
        if let first = text.headings.first.map({ $0.line - 1 }), first > 0,
            let lines = ExportCover.lines(Array(lines[..<first]), title: source.consultation.title, buyer: source.consultation.buyer)
        {
            cover = lines
            for l in 0..<first { skip.insert(l) }
        }
        let criteria = clauses.filter { $0.kind == .criterion }
        let firstCriterion = criteria.first.flatMap { c in text.headings.firstIndex { $0.id == c.id } }
        var out: [String] = []
        var entries: [ExportLayout.Entry] = []
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
                let title = headingTitle(h, clause: clause, index: source.index)
                let anchor = "s\(n + 1)"
                let marks = String(repeating: "#", count: h.level) + " "
                switch anchors {
                case .none: out.append(marks + MarkdownInline.escape(title))
                case .heading: out.append(marks + MarkdownInline.escape(title) + " {#\(anchor)}")
                case .span: out.append(marks + "[" + MarkdownInline.escape(title) + "]{#\(anchor)}")
                }
                if anchors != .none, h.level <= 2 { entries.append(.init(level: h.level, text: title, anchor: anchor)) }
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
        while let first = out.first, first.trimmingCharacters(in: .whitespaces).isEmpty { out.removeFirst() }
        while let last = out.last, last.trimmingCharacters(in: .whitespaces).isEmpty { out.removeLast() }
        return (out.joined(separator: "\n") + "\n", cover, entries)
    }

    /// The heading as shown: its number (from clauses.yml when the text has none) and a criterion's weight.
    static func headingTitle(_ h: ClauseHeading, clause: Clause?, index: ClauseIndex?) -> String {
        var text = h.text
        if splitNumbering(text).number == nil {
            let number = h.id.flatMap { index?[$0]?.number } ?? clause?.number
            if let number, !number.isEmpty { text = number + " " + text }
        }
        if let weight = clause?.weight { text += " (\(weight) %)" }
        return text
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

    /// Writes the document of `source` in `format` to `output`, a file path.
    public static func write(
        _ source: ExportSource, format: ExportFormat, style: ExportStyle = ExportStyle(), to output: String,
        environment: [String: String]
    ) throws(JSFError) {
        let data = try render(source, format: format, style: style, environment: environment)
        do {
            try AtomicFile.write(data, to: output)
        } catch {
            throw JSFError(.refused, Text(en: "cannot write '\(output)'", fr: "impossible d'écrire '\(output)'"), cause: "\(error)")
        }
    }

    /// The bytes of the document of `source` in `format`.
    public static func render(
        _ source: ExportSource, format: ExportFormat, style: ExportStyle = ExportStyle(), environment: [String: String]
    ) throws(JSFError) -> Data {
        if format == .md { return Data(withoutSeparators(markdown(source, format: .md)).utf8) }
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
        let header = ExportLayout.headerLine(source)
        switch format {
        case .docx, .odt:
            let reference = try ExportStyles.referenceDocument(
                format, given: style.referenceDoc, header: header, pandoc: pandoc, scratch: scratch, environment: environment)
            arguments += ["--reference-doc", reference]
            if format == .odt {
                arguments += [
                    "--template",
                    try ExportStyles.openDocumentTemplate(given: style.template, pandoc: pandoc, scratch: scratch, environment: environment),
                ]
            }
            arguments += ["-t", format.rawValue]
        case .html, .pdf:
            let css = scratch + "/style.html"
            try writeFile(ExportLayout.css(header: header, coverLines: body(source).cover.count), to: css)
            arguments += ["-t", "html5", "-H", css, "--metadata", "pagetitle=\(source.consultation.title)"]
            if let template = style.template { arguments += ["--template", try ExportStyles.htmlTemplate(template)] }
        case .md:
            break
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
        try writeFile(markdown(source, format: format), to: input)
        let produced = scratch + "/out." + (format == .pdf ? "html" : format.rawValue)
        let run = try pandoc.run(arguments + ["-o", produced, input], directory: scratch, environment: environment)
        guard run.status == 0, !run.timedOut, let data = FileManager.default.contents(atPath: produced) else {
            let given = [style.referenceDoc, style.template].compactMap { $0 }.map { "'\($0)'" }.joined(separator: ", ")
            throw JSFError(
                .refused,
                given.isEmpty
                    ? Text(en: "pandoc could not write the .\(format.rawValue) file", fr: "pandoc n'a pas pu écrire le fichier .\(format.rawValue)")
                    : Text(
                        en: "pandoc could not write the .\(format.rawValue) file with \(given)",
                        fr: "pandoc n'a pas pu écrire le fichier .\(format.rawValue) avec \(given)"),
                cause: run.timedOut ? "timed out" : OfficeImport.lastLines(run.stderr))
        }
        if format == .odt && style.referenceDoc == nil { return try ExportReference.ruledTables(produced) }
        guard format == .pdf else { return data }
        let html = String(decoding: data, as: UTF8.self)
        if let browser { return try ExportPrinting.print(html: html, scratch: scratch, browser: browser, environment: environment) }
        // weasyprint and wkhtmltopdf get the page without the numbers only a first printing by chromium tells.
        let plain = html.replacing(#/<p class="nombre-de-pages">[^<]*</p>/#, with: "").replacing(
            #/<span class="points"></span><span class="page">JSFPAGEOF[A-Za-z0-9-]+X</span>/#, with: "")
        try writeFile(plain, to: produced)
        let engine = pdfEngine!
        let pdf = scratch + "/out.pdf"
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
