import Foundation
import JeSaisFaire

/// What every format of `jsf export` shows beside the text, written for each: the header line, the sommaire, the
/// sentence giving the number of pages, the page break.
enum ExportLayout {
    /// A line of the sommaire: a heading of level 1 or 2, and the anchor its heading carries.
    struct Entry: Equatable {
        var level: Int
        var text: String
        var anchor: String
    }

    static let sommaireTitle = "Sommaire"
    /// «Le présent document comporte N pages.», around the number.
    static let pagesBefore = "Le présent document comporte "
    static let pagesAfter = " pages."
    /// Stand-ins in the HTML printed to PDF, replaced by the numbers a first printing counts.
    static let pageCountMark = "JSFPAGECOUNT"
    static func pageMark(_ anchor: String) -> String { "JSFPAGEOF\(anchor)X" }

    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The header of every page but the first: the consultation's title, the version and its date.
    static func headerLine(_ source: ExportSource) -> String {
        var version = source.version.map { "Version \($0)" } ?? "Version \(source.name)"
        if let day = source.versionDay { version += " du \(OfficeExport.frenchDay(day))" }
        if source.name == "final" { version += ", approuvée le \(source.approvalDay.map(OfficeExport.frenchDay) ?? "?")" }
        return source.consultation.title + " — " + version
    }

    /// The raw block that ends a page in `format`.
    static func pageBreak(_ format: ExportFormat) -> String {
        switch format {
        case .docx: "```{=openxml}\n<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n```"
        case .odt: "```{=opendocument}\n<text:p text:style-name=\"Pagebreak\"/>\n```"
        case .html, .pdf: "```{=html}\n<div class=\"saut-de-page\"></div>\n```"
        case .md: ""
        }
    }

    /// The sentence on the title page, with the number the format computes (nil: the format has no pages).
    static func pageCount(_ format: ExportFormat) -> String? {
        switch format {
        case .docx:
            return "```{=openxml}\n<w:p><w:pPr><w:pStyle w:val=\"Couverture\"/></w:pPr>" + ExportReference.wordRun(pagesBefore)
                + ExportReference.wordField("NUMPAGES", shown: "1") + ExportReference.wordRun(pagesAfter) + "</w:p>\n```"
        case .odt:
            return "```{=opendocument}\n<text:p text:style-name=\"Couverture\">\(xmlEscaped(pagesBefore))<text:page-count>1</text:page-count>"
                + "\(xmlEscaped(pagesAfter))</text:p>\n```"
        case .pdf:
            return "```{=html}\n<p class=\"nombre-de-pages\">\(xmlEscaped(pagesBefore))\(pageCountMark)\(xmlEscaped(pagesAfter))</p>\n```"
        case .html, .md:
            return nil
        }
    }

    /// The sommaire as a raw block of `format`: page numbers are page references the office suite computes, or (pdf)
    /// stand-ins for the numbers of a first printing.
    static func sommaire(_ entries: [Entry], format: ExportFormat) -> String? {
        guard !entries.isEmpty else { return nil }
        switch format {
        case .docx:
            var xml = "<w:p><w:pPr><w:pStyle w:val=\"Sommaire\"/></w:pPr>" + ExportReference.wordRun(sommaireTitle) + "</w:p>"
            for e in entries {
                // Plain paragraphs of page references, not a TOC field: LibreOffice shows a TOC field's cached text, but
                // computes PAGEREF; Word updates both (updateFields).
                xml +=
                    "<w:p><w:pPr><w:pStyle w:val=\"TOC\(e.level)\"/></w:pPr><w:hyperlink w:anchor=\"\(e.anchor)\">"
                    + ExportReference.wordRun(e.text) + "<w:r><w:tab/></w:r>" + ExportReference.wordField("PAGEREF \(e.anchor) \\h", shown: "")
                    + "</w:hyperlink></w:p>"
            }
            return "```{=openxml}\n" + xml + "\n```"
        case .odt:
            var xml = "<text:p text:style-name=\"Sommaire\">\(sommaireTitle)</text:p>"
            for e in entries {
                xml +=
                    "<text:p text:style-name=\"Contents_20_\(e.level)\"><text:a xlink:type=\"simple\" xlink:href=\"#\(e.anchor)\">"
                    + "\(xmlEscaped(e.text))<text:tab/><text:bookmark-ref text:reference-format=\"page\" text:ref-name=\"\(e.anchor)\">"
                    + "</text:bookmark-ref></text:a></text:p>"
            }
            return "```{=opendocument}\n" + xml + "\n```"
        case .html, .pdf:
            var html = "<nav class=\"sommaire\" id=\"sommaire\"><p class=\"sommaire-titre\">\(sommaireTitle)</p>"
            for e in entries {
                let page = format == .pdf ? "<span class=\"points\"></span><span class=\"page\">\(pageMark(e.anchor))</span>" : ""
                html += "<p class=\"toc\(e.level)\"><a href=\"#\(e.anchor)\"><span class=\"titre\">\(xmlEscaped(e.text))</span>\(page)</a></p>"
            }
            return "```{=html}\n" + html + "</nav>\n```"
        case .md:
            return nil
        }
    }

    /// The style sheet of the html and pdf exports: the page of a CCTP, its header and «Page X / Y» footer in the
    /// page's margin boxes (Chromium prints them since version 131; a browser prints them from the html export too).
    /// `coverLines`: the lines of the text's own cover on the title page; a long cover starts higher, to fit.
    static func css(header: String, coverLines: Int = 0) -> String {
        // A CSS string: backslash and quote escaped, and no '<' that could close the style element.
        let quoted =
            "\""
            + header.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "<", with: "\\3C ") + "\""
        return """
            <style>
            @page {
              size: A4; margin: 2.2cm 2cm 2.2cm 2cm;
              @top-center { content: \(quoted); font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 9pt; border-bottom: 0.5pt solid #000; vertical-align: bottom; padding-bottom: 2mm; margin-bottom: 4mm; }
              @bottom-center { content: "Page " counter(page) " / " counter(pages); font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 9pt; }
            }
            @page :first { @top-center { content: none; border: none; } }
            html { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 11pt; color: #000; background: #fff; line-height: 1.4; }
            body { max-width: 46em; margin: 0 auto; padding: 1.5em; }
            p { text-align: justify; }
            header#title-block-header, header#title-block-header p { text-align: center; }
            header#title-block-header { padding-top: \(coverLines > 6 ? "0.5cm" : "4cm"); margin-bottom: 0.8cm; }
            header#title-block-header .title { font-size: 2.1em; margin-bottom: 0.4em; border: none; text-align: center; }
            header#title-block-header .subtitle { font-size: 1.35em; font-weight: bold; text-transform: uppercase; margin: 1em 0; }
            header#title-block-header .author { font-size: 1.2em; }
            header#title-block-header .date { margin-top: 2em; font-size: 1.05em; }
            div[data-custom-style="Couverture"] p, p.nombre-de-pages { text-align: center; margin: 0.4em 0; }
            p.nombre-de-pages { margin-top: 2em; }
            div.saut-de-page { break-after: page; page-break-after: always; height: 0; }
            nav.sommaire p { margin: 0.15em 0; text-align: left; }
            nav.sommaire .sommaire-titre { text-align: center; font-weight: bold; font-size: 1.3em; text-transform: uppercase; margin-bottom: 1em; }
            nav.sommaire a { color: inherit; text-decoration: none; display: flex; align-items: baseline; }
            nav.sommaire .toc1 { font-weight: bold; margin-top: 0.5em; }
            nav.sommaire .toc2 { padding-left: 1.5em; }
            nav.sommaire .titre { flex: 0 1 auto; }
            nav.sommaire .points { flex: 1 1 2em; border-bottom: 1pt dotted #000; margin: 0 0.3em 0.3em 0.3em; }
            nav.sommaire .page { flex: 0 0 auto; }
            h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; line-height: 1.25; text-align: left; }
            h1 { font-size: 1.35em; border-bottom: 1px solid #000; padding-bottom: 0.2em; margin-top: 1.6em; }
            h2 { font-size: 1.15em; margin-top: 1.3em; }
            h3 { font-size: 1.05em; font-style: italic; }
            table { border-collapse: collapse; margin: 1em 0; break-inside: avoid; }
            th, td { border: 1px solid #000; padding: 0.25em 0.6em; vertical-align: top; }
            th { background: #eee; }
            @media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
            </style>
            """
    }
}
