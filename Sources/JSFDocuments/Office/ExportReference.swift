import Foundation
import JeSaisFaire
internal import ZIPFoundation

/// The built-in reference documents of `jsf export`: pandoc's own default reference.docx and reference.odt, edited
/// at run time into the look of a French administration's CCTP (A4, serif, black headings, no logo, the
/// consultation's title and version in the header, «Page X / Y» in the footer, a first page without header).
/// Nothing binary is committed: the edits below are the whole source.
enum ExportReference {
    /// A zip file's members in their order (directories dropped).
    struct Members {
        var entries: [(path: String, data: Data)]

        subscript(path: String) -> String? {
            get { entries.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) } }
            set {
                let data = Data((newValue ?? "").utf8)
                if let i = entries.firstIndex(where: { $0.path == path }) {
                    entries[i].data = data
                } else {
                    entries.append((path, data))
                }
            }
        }
    }

    static func read(_ path: String) throws -> Members {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var entries: [(String, Data)] = []
        for entry in archive where entry.type == .file {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            entries.append((entry.path, data))
        }
        return Members(entries: entries)
    }

    /// Writes `members` as a zip file; an ODT's `mimetype` goes first and stored, as the format requires.
    static func write(_ members: Members, to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let date = Date(timeIntervalSince1970: 946_684_800)
        let ordered = members.entries.filter { $0.path == "mimetype" } + members.entries.filter { $0.path != "mimetype" }
        for (name, data) in ordered {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                compressionMethod: name == "mimetype" ? .none : .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
    }

    // MARK: DOCX

    static let wordNamespaces =
        #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
    static let serif = "Times New Roman"
    /// A4 with 2 cm margins, in twentieths of a point; the text is 17 cm wide.
    static let wordTextWidth = 9638

    /// A Word field with its shown value (Word and LibreOffice compute PAGE, NUMPAGES and PAGEREF when they lay out).
    static func wordField(_ instruction: String, shown: String) -> String {
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \(instruction) </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>\(shown)</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    static func wordRun(_ text: String) -> String {
        "<w:r><w:t xml:space=\"preserve\">\(ExportLayout.xmlEscaped(text))</w:t></w:r>"
    }

    /// pandoc's reference.docx made into the CCTP's: `header` is the line at the top of every page but the first.
    static func docx(from members: Members, header: String) -> Members {
        var m = members
        let header1 =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr \(wordNamespaces)><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>"
            + wordRun(header) + "</w:p></w:hdr>"
        let headerFirst =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr \(wordNamespaces)><w:p/></w:hdr>"
        let footer =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr \(wordNamespaces)><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
            + wordRun("Page ") + wordField("PAGE", shown: "1") + wordRun(" / ") + wordField("NUMPAGES", shown: "1") + "</w:p></w:ftr>"
        m["word/jsf-header.xml"] = header1
        m["word/jsf-header-first.xml"] = headerFirst
        m["word/jsf-footer.xml"] = footer
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        m["word/_rels/document.xml.rels"] = m["word/_rels/document.xml.rels"]?.replacingOccurrences(
            of: "</Relationships>",
            with: "<Relationship Type=\"\(type)header\" Id=\"rIdJsfHeader\" Target=\"jsf-header.xml\"/>"
                + "<Relationship Type=\"\(type)header\" Id=\"rIdJsfHeaderFirst\" Target=\"jsf-header-first.xml\"/>"
                + "<Relationship Type=\"\(type)footer\" Id=\"rIdJsfFooter\" Target=\"jsf-footer.xml\"/></Relationships>")
        let part = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        m["[Content_Types].xml"] = m["[Content_Types].xml"]?.replacingOccurrences(
            of: "</Types>",
            with: "<Override PartName=\"/word/jsf-header.xml\" ContentType=\"\(part)header+xml\"/>"
                + "<Override PartName=\"/word/jsf-header-first.xml\" ContentType=\"\(part)header+xml\"/>"
                + "<Override PartName=\"/word/jsf-footer.xml\" ContentType=\"\(part)footer+xml\"/></Types>")
        // pandoc takes the page (size, margins, headers and footers) from the reference's last sectPr.
        let section =
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdJsfHeader\"/><w:headerReference w:type=\"first\" r:id=\"rIdJsfHeaderFirst\"/>"
            + "<w:footerReference w:type=\"default\" r:id=\"rIdJsfFooter\"/><w:footerReference w:type=\"first\" r:id=\"rIdJsfFooter\"/>"
            + "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1134\" w:bottom=\"1418\" w:left=\"1134\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
            + "<w:titlePg/></w:sectPr>"
        if var document = m["word/document.xml"] {
            document = document.replacing(#/<w:sectPr\s*/>|<w:sectPr[\s>][\s\S]*?</w:sectPr>/#, with: "")
            document = document.replacingOccurrences(of: "</w:body>", with: section + "</w:body>")
            m["word/document.xml"] = document
        }
        if var styles = m["word/styles.xml"] {
            let fonts = "<w:rFonts w:ascii=\"\(serif)\" w:hAnsi=\"\(serif)\" w:eastAsia=\"\(serif)\" w:cs=\"\(serif)\" />"
            styles = styles.replacing(#/<w:rFonts w:asciiTheme[^>]*/>/#, with: fonts)
            styles = styles.replacing(#/<w:color [^>]*/>/#, with: "<w:color w:val=\"000000\" />")
            styles = styles.replacingOccurrences(of: "w:val=\"en-US\"", with: "w:val=\"fr-FR\"")
            // Tables ruled, as in a CCTP (pandoc's have a line under the header only).
            let rule = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
            let borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(rule)/>" }.joined()
            if let table = styles.range(of: "w:styleId=\"Table\">"),
                let indent = styles.range(of: "<w:tblCellMar>", range: table.upperBound..<styles.endIndex)
            {
                styles.insert(contentsOf: "<w:tblBorders>\(borders)</w:tblBorders>\n      ", at: indent.lowerBound)
            }
            // The title a third down the first page.
            styles = styles.replacingOccurrences(
                of: "<w:spacing w:before=\"480\" w:after=\"240\" />", with: "<w:spacing w:before=\"3600\" w:after=\"360\" />")
            // 11 pt body text, justified.
            styles = styles.replacingOccurrences(
                of: "<w:sz w:val=\"24\" />\n        <w:szCs w:val=\"24\" />", with: "<w:sz w:val=\"22\" />\n        <w:szCs w:val=\"22\" />")
            styles = styles.replacingOccurrences(
                of: "<w:spacing w:before=\"180\" w:after=\"180\" />",
                with: "<w:spacing w:before=\"120\" w:after=\"120\" />\n      <w:jc w:val=\"both\" />")
            let tab = "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"\(wordTextWidth)\"/></w:tabs>"
            let added = [
                "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"000000\"/></w:pBdr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>",
                "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>",
                "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr>\(tab)<w:spacing w:before=\"120\" w:after=\"40\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>",
                "<w:style w:type=\"paragraph\" w:styleId=\"TOC2\"><w:name w:val=\"toc 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr>\(tab)<w:spacing w:after=\"40\"/><w:ind w:left=\"284\"/></w:pPr></w:style>",
                "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Couverture\"><w:name w:val=\"Couverture\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"120\" w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr></w:style>",
                "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Sommaire\"><w:name w:val=\"Sommaire\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"TOC1\"/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:caps/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>",
            ]
            styles = styles.replacingOccurrences(of: "</w:styles>", with: added.joined() + "</w:styles>")
            m["word/styles.xml"] = styles
        }
        // Word then computes the sommaire's page references when the document opens (LibreOffice always does).
        m["word/settings.xml"] = m["word/settings.xml"]?.replacing(
            #/(<w:settings[^>]*>)/#, with: { "\($0.output.1)<w:updateFields w:val=\"true\"/>" })
        return m
    }

    // MARK: ODT

    /// pandoc's reference.odt made into the CCTP's: A4, serif headings, `header` on every page but the first (the
    /// Title paragraph opens the «First Page» master), «Page X / Y» on all, the styles of the title page and sommaire.
    static func odt(from members: Members, header: String) -> Members {
        var m = members
        guard var styles = m["styles.xml"] else { return m }
        styles = styles.replacing(#/fo:page-width="[^"]*"/#, with: "fo:page-width=\"21cm\"")
        styles = styles.replacing(#/fo:page-height="[^"]*"/#, with: "fo:page-height=\"29.7cm\"")
        // Margins of 2 cm, in the page layout only (its header and footer have margins of their own).
        if let layout = styles.firstRange(of: #/<style:page-layout-properties[^>]*>/#) {
            let properties = String(styles[layout]).replacing(#/fo:margin-(top|bottom|left|right)="[^"]*"/#) { "fo:margin-\($0.output.1)=\"2cm\"" }
            styles.replaceSubrange(layout, with: properties)
        }
        styles = styles.replacingOccurrences(
            of: "<style:header-style />",
            with:
                "<style:header-style><style:header-footer-properties fo:min-height=\"0.6cm\" fo:margin-bottom=\"0.5cm\" style:dynamic-spacing=\"false\"/></style:header-style>"
        )
        styles = styles.replacingOccurrences(of: "style:font-name=\"Arial\"", with: "style:font-name=\"\(serif)\"")
        styles = styles.replacingOccurrences(of: "fo:language=\"en\" fo:country=\"US\"", with: "fo:language=\"fr\" fo:country=\"FR\"")
        // 11 pt body text, justified, as in the .docx.
        styles = styles.replacingOccurrences(
            of: "style:font-name=\"\(serif)\" fo:font-size=\"12pt\"", with: "style:font-name=\"\(serif)\" fo:font-size=\"11pt\"")
        if let body = styles.range(of: "style:name=\"Text_20_body\""),
            let properties = styles.range(of: "<style:paragraph-properties ", range: body.upperBound..<styles.endIndex)
        {
            styles.insert(contentsOf: "fo:text-align=\"justify\" ", at: properties.upperBound)
        }
        let footer =
            "<style:footer><text:p text:style-name=\"Footer\">Page <text:page-number text:select-page=\"current\">1</text:page-number> / <text:page-count>1</text:page-count></text:p></style:footer>"
        let masters =
            "<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"Mpm1\"><style:header><text:p text:style-name=\"Header\">"
            + ExportLayout.xmlEscaped(header) + "</text:p></style:header>\(footer)</style:master-page>"
            + "<style:master-page style:name=\"First_20_Page\" style:display-name=\"First Page\" style:page-layout-name=\"Mpm1\" style:next-style-name=\"Standard\">\(footer)</style:master-page></office:master-styles>"
        styles = styles.replacing(#/<office:master-styles>[\s\S]*</office:master-styles>/#, with: masters)
        // The Footer of pandoc's reference has tab stops for Letter paper: the new one is centred.
        styles = styles.replacing(
            #/<style:style style:name="Footer" style:family="paragraph"[\s\S]*?</style:style>/#, with: "")
        let dots =
            "<style:tab-stops><style:tab-stop style:position=\"17cm\" style:type=\"right\" style:leader-style=\"dotted\" style:leader-text=\".\"/></style:tab-stops>"
        let added = [
            "<style:style style:name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:master-page-name=\"First_20_Page\" style:class=\"chapter\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"5cm\" fo:margin-bottom=\"0.6cm\" fo:keep-with-next=\"always\"/><style:text-properties fo:font-size=\"22pt\" fo:font-weight=\"bold\"/></style:style>",
            "<style:style style:name=\"Subtitle\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"chapter\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"0.4cm\" fo:margin-bottom=\"1cm\"/><style:text-properties fo:font-size=\"15pt\" fo:font-weight=\"bold\" fo:text-transform=\"uppercase\"/></style:style>",
            "<style:style style:name=\"Header\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"><style:paragraph-properties fo:text-align=\"center\" fo:padding-bottom=\"0.1cm\" fo:border-bottom=\"0.5pt solid #000000\"/><style:text-properties fo:font-size=\"9pt\"/></style:style>",
            "<style:style style:name=\"Footer\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"><style:paragraph-properties fo:text-align=\"center\"/><style:text-properties fo:font-size=\"9pt\"/></style:style>",
            "<style:style style:name=\"Couverture\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"0.2cm\" fo:margin-bottom=\"0.2cm\"/></style:style>",
            "<style:style style:name=\"Sommaire\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"index\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"0.4cm\" fo:margin-bottom=\"0.6cm\" fo:keep-with-next=\"always\"/><style:text-properties fo:font-size=\"14pt\" fo:font-weight=\"bold\" fo:text-transform=\"uppercase\"/></style:style>",
            "<style:style style:name=\"Contents_20_1\" style:display-name=\"Contents 1\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"index\"><style:paragraph-properties fo:margin-top=\"0.2cm\" fo:margin-bottom=\"0.05cm\">\(dots)</style:paragraph-properties><style:text-properties fo:font-weight=\"bold\"/></style:style>",
            "<style:style style:name=\"Contents_20_2\" style:display-name=\"Contents 2\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"index\"><style:paragraph-properties fo:margin-left=\"0.5cm\" fo:margin-bottom=\"0.05cm\"><style:tab-stops><style:tab-stop style:position=\"16.5cm\" style:type=\"right\" style:leader-style=\"dotted\" style:leader-text=\".\"/></style:tab-stops></style:paragraph-properties></style:style>",
        ]
        styles = styles.replacingOccurrences(of: "</office:styles>", with: added.joined() + "</office:styles>")
        m["styles.xml"] = styles
        return m
    }

    /// The .odt pandoc wrote at `path`, its tables ruled: pandoc writes its cells' automatic styles without borders
    /// in content.xml, where no reference document reaches.
    static func ruledTables(_ path: String) throws(JSFError) -> Data {
        do {
            var members = try read(path)
            if let content = members["content.xml"] {
                members["content.xml"] = content.replacing(
                    #/(<style:style style:name="Table(Header)?RowCell" style:family="table-cell">\s*<style:table-cell-properties) fo:border="none"/#
                ) { "\($0.output.1) fo:border=\"0.5pt solid #000000\" fo:padding=\"0.1cm\"" }
            }
            try write(members, to: path + ".ruled")
            guard let data = FileManager.default.contents(atPath: path + ".ruled") else { throw CocoaError(.fileReadNoSuchFile) }
            return data
        } catch {
            throw JSFError(
                .repository, Text(en: "cannot write a temporary file", fr: "impossible d'écrire un fichier temporaire"), cause: "\(error)")
        }
    }
}
