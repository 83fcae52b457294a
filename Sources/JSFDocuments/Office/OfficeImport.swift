import Foundation
import JeSaisFaire

/// Office documents (.docx, .odt) and Markdown to cctp.md, through pandoc.
public enum OfficeImport {
    public static let formats = ["docx", "odt", "md"]

    /// Converts `path` (.docx, .odt, .md or .markdown) into a cctp.md with ids and the images it shows (path under
    /// assets/ → bytes), and reports what it found.
    public static func markdown(fromFile path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(JSFError) -> (markdown: String, report: ImportReport, assets: [String: Data])
    {
        let name = (path as NSString).lastPathComponent
        let ext = (path as NSString).pathExtension.lowercased()
        let format: String
        switch ext {
        case "docx", "odt": format = ext
        case "md", "markdown": format = "md"
        default:
            var hints = [
                Text(
                    en: "jsf imports .docx (Word), .odt (LibreOffice) and .md (Markdown) files",
                    fr: "jsf importe les fichiers .docx (Word), .odt (LibreOffice) et .md (Markdown)")
            ]
            if ["doc", "rtf", "pdf", "wpd"].contains(ext) {
                hints.append(
                    Text(
                        en: "open it in LibreOffice or Word and save it as .odt or .docx first",
                        fr: "ouvrez-le dans LibreOffice ou Word et enregistrez-le d'abord en .odt ou .docx"))
            }
            throw JSFError(
                .refused, Text(en: "'\(name)' is not a .docx, .odt or .md file", fr: "'\(name)' n'est pas un fichier .docx, .odt ou .md"),
                hints: hints)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isReadableFile(atPath: path)
        else {
            throw JSFError(
                .refused, Text(en: "cannot read '\(path)'", fr: "impossible de lire '\(path)'"),
                hints: [Text(en: "check the path", fr: "vérifiez le chemin")])
        }
        let pandoc = try ExternalTool.pandoc(
            environment: environment,
            purpose: Text(
                en: "to read \(format == "md" ? "Markdown" : "." + format) files",
                fr: "pour lire les fichiers \(format == "md" ? "Markdown" : "." + format)"))
        let scratch: String
        do { scratch = try ScratchDirectory.make() } catch {
            throw JSFError(
                .repository, Text(en: "cannot create a temporary directory", fr: "impossible de créer un dossier temporaire"), cause: "\(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // docx+styles: each paragraph's Word style, for the nesting of lists styled «List Bullet 2» (cleaned away after).
        let reader = format == "md" ? "markdown-auto_identifiers" : format == "docx" ? "docx+styles" : format
        // Images come out of the document into the scratch folder; Markdown's are beside the file.
        let media = scratch + "/media"
        let read = try pandoc.run(
            ["-f", reader, "-t", "json"] + (format == "md" ? [] : ["--extract-media=" + media]) + [path], environment: environment)
        func unreadable(cause: String) -> JSFError {
            JSFError(
                .refused, Text(en: "pandoc could not read '\(name)' as \(format)", fr: "pandoc n'a pas pu lire '\(name)' en \(format)"),
                hints: [
                    Text(
                        en: "check that the file opens in LibreOffice or Word, and save it again",
                        fr: "vérifiez que le fichier s'ouvre dans LibreOffice ou Word, et enregistrez-le de nouveau")
                ],
                cause: cause)
        }
        guard read.status == 0, !read.timedOut else { throw unreadable(cause: read.timedOut ? "timed out" : lastLines(read.stderr)) }
        var document: PandocAST.Document
        do { document = try PandocAST.decode(read.stdout) } catch { throw unreadable(cause: "pandoc's JSON: \(error)") }
        // Word's and LibreOffice's automatic heading numbers, which pandoc drops.
        let numbering = OfficeNumbering.numberingHeadings(document.blocks, file: path, format: format)
        document.blocks = numbering.blocks
        var converter = Converter(format: format, meta: document.meta)
        converter.imageBase = format == "md" ? (path as NSString).deletingLastPathComponent : FileManager.default.currentDirectoryPath
        document.blocks = converter.convert(document.blocks)
        document.meta = [:]
        guard let json = try? PandocAST.encode(document) else {
            throw JSFError(.refused, Text(en: "cannot convert '\(name)'", fr: "impossible de convertir '\(name)'"))
        }
        let jsonPath = scratch + "/document.json"
        let mdPath = scratch + "/cctp.md"
        guard FileManager.default.createFile(atPath: jsonPath, contents: json) else {
            throw JSFError(.repository, Text(en: "cannot write a temporary file", fr: "impossible d'écrire un fichier temporaire"))
        }
        let write = try pandoc.run(
            [
                "-f", "json", "-t",
                "markdown-smart-simple_tables-multiline_tables-raw_attribute-fenced_divs-bracketed_spans-native_divs-native_spans",
                "--wrap=none", "--markdown-headings=atx", "--reference-location=block", "-o", mdPath, jsonPath,
            ], environment: environment)
        guard write.status == 0, let data = FileManager.default.contents(atPath: mdPath) else {
            throw JSFError(
                .refused, Text(en: "pandoc could not write Markdown for '\(name)'", fr: "pandoc n'a pas pu écrire le Markdown de '\(name)'"),
                cause: lastLines(write.stderr))
        }
        var markdown = tidy(String(decoding: data, as: UTF8.self))
        markdown = CCTPText(parsing: markdown).assigningIDs().text

        var report = ImportReport(format: format)
        report.warnings = numbering.warnings + converter.warnings
        report.droppedImages = converter.droppedImages
        report.droppedTOCLines = converter.droppedTOCLines
        let text = CCTPText(parsing: markdown)
        if text.headings.count != converter.sources.count {
            report.warnings.append(
                Text(
                    en: "\(converter.sources.count) headings were written but \(text.headings.count) are read back: check the result",
                    fr: "\(converter.sources.count) titres ont été écrits mais \(text.headings.count) sont relus : vérifiez le résultat"))
        }
        if let clauses = try? text.clauses() {
            for (n, clause) in clauses.enumerated() {
                let source = text.headings.count == converter.sources.count ? converter.sources[n] : nil
                report.headings.append(
                    .init(
                        number: clause.number, numbered: splitNumbering(clause.heading).number != nil,
                        title: clause.title, level: clause.level, source: source, weight: clause.weight, id: clause.id))
            }
        } else {
            for problem in text.problems(requireIDs: true) {
                report.warnings.append(
                    Text(
                        en: "cctp.md line \(problem.line ?? 0): \(problem.message.en)", fr: "cctp.md line \(problem.line ?? 0): \(problem.message.en)"
                    ))
            }
        }
        if text.headings.isEmpty {
            report.warnings.append(
                Text(
                    en: "no heading found: number the articles (ARTICLE 1 – …, 1.1 …) or use heading styles, then import again",
                    fr: "aucun titre trouvé : numérotez les articles (ARTICLE 1 – …, 1.1 …) ou utilisez des styles de titre, puis importez de nouveau"
                ))
        }
        return (markdown, report, Set(Assets.paths(shownIn: markdown)).reduce(into: [:]) { $0[$1] = converter.assets[$1] })
    }

    /// Pandoc's Markdown, made stable: integer weights unquoted, no trailing blanks, one final newline.
    static func tidy(_ markdown: String) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var l = String(line)
            while let c = l.last, c == " " || c == "\t" || c == "\r" { l.removeLast() }
            if l.hasPrefix("#"), l.contains("weight=\"") {
                l = l.replacing(#/weight="(\d+)"/#) { "weight=\($0.output.1)" }
            }
            return l
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n") + "\n"
    }

    static func lastLines(_ text: String, count: Int = 5) -> String {
        text.split(separator: "\n").suffix(count).joined(separator: "\n")
    }
}
