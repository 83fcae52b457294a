import Foundation

/// Text from the repository written into Markdown that pandoc reads: the report's and the export's.
enum MarkdownInline {
    /// Plain text made safe as inline Markdown: every ASCII sign pandoc or CommonMark could read as markup
    /// (emphasis, code, links, raw HTML and entities, tables, strikeout, sub- and superscripts, maths, attributes)
    /// is backslash-escaped; line breaks become spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ") {
            if "\\`*_[]<>|~^$&#{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
