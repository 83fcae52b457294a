import CCmarkGFM
import Foundation

/// A text of the repository written in Markdown (a justification, a proposed text, an answer), as the HTML of the
/// report shows it: parsed by cmark-gfm and rendered node by node, so that nothing from the repository becomes
/// markup the report did not choose. Raw HTML is shown as text; a heading becomes a bold paragraph (the report's
/// outline stays its own); a link shows its text and its address, an image its description and address, so
/// that the document stays self-contained and the addresses can be read on paper.
enum MarkdownHTML {
    static func render(_ source: String) -> String {
        var bytes = Array(source.utf8)
        guard !bytes.isEmpty else { return "" }
        let root: OpaquePointer? = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parse_document(pointer, buffer.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let root else { return HTMLReport.escape(source) }
        defer { cmark_node_free(root) }
        var out = ""
        children(of: root, tight: false, into: &out)
        return out
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func children(of node: OpaquePointer, tight: Bool, into out: inout String) {
        var child = cmark_node_first_child(node)
        while let c = child {
            render(c, tight: tight, into: &out)
            child = cmark_node_next(c)
        }
    }

    /// The plain text of a node's inlines (an image's description).
    private static func plain(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let c = child {
            switch cmark_node_get_type(c) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: text += literal(c)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: text += plain(c)
            }
            child = cmark_node_next(c)
        }
        return text
    }

    private static func render(_ node: OpaquePointer, tight: Bool, into out: inout String) {
        let e = HTMLReport.escape
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            if tight {
                children(of: node, tight: false, into: &out)
            } else {
                out += "<p>"
                children(of: node, tight: false, into: &out)
                out += "</p>\n"
            }
        case CMARK_NODE_HEADING:
            out += "<p><strong>"
            children(of: node, tight: false, into: &out)
            out += "</strong></p>\n"
        case CMARK_NODE_BLOCK_QUOTE:
            out += "<blockquote>\n"
            children(of: node, tight: false, into: &out)
            out += "</blockquote>\n"
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let start = Int(cmark_node_get_list_start(node))
            out += ordered ? (start != 1 ? "<ol start=\"\(start)\">\n" : "<ol>\n") : "<ul>\n"
            children(of: node, tight: cmark_node_get_list_tight(node) != 0, into: &out)
            out += ordered ? "</ol>\n" : "</ul>\n"
        case CMARK_NODE_ITEM:
            out += "<li>"
            children(of: node, tight: tight, into: &out)
            out += "</li>\n"
        case CMARK_NODE_CODE_BLOCK:
            out += "<pre><code>\(e(literal(node)))</code></pre>\n"
        case CMARK_NODE_HTML_BLOCK:
            out += "<p class=\"raw\">\(e(literal(node)))</p>\n"
        case CMARK_NODE_THEMATIC_BREAK:
            out += "<hr>\n"
        case CMARK_NODE_TEXT:
            out += e(literal(node))
        case CMARK_NODE_SOFTBREAK:
            out += "\n"
        case CMARK_NODE_LINEBREAK:
            out += "<br>\n"
        case CMARK_NODE_CODE:
            out += "<code>\(e(literal(node)))</code>"
        case CMARK_NODE_HTML_INLINE:
            out += e(literal(node))
        case CMARK_NODE_EMPH:
            out += "<em>"
            children(of: node, tight: false, into: &out)
            out += "</em>"
        case CMARK_NODE_STRONG:
            out += "<strong>"
            children(of: node, tight: false, into: &out)
            out += "</strong>"
        case CMARK_NODE_LINK:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let text = plain(node)
            children(of: node, tight: false, into: &out)
            if !url.isEmpty && url != text && "mailto:" + text != url { out += " (<span class=\"url\">\(e(url))</span>)" }
        case CMARK_NODE_IMAGE:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            out += "[\(e(plain(node)))" + (url.isEmpty ? "" : " (<span class=\"url\">\(e(url))</span>)") + "]"
        default:
            children(of: node, tight: false, into: &out)
        }
    }
}

extension MarkdownHTML {
    /// The headings of a text of the repository, as lines (1-based, inclusive), the column where each starts (after
    /// the marks of a quote or a list item) and the Markdown of their content:
    /// the Markdown report turns them into bold lines, so that a text quoted in the report adds nothing to its outline.
    static func headings(_ source: String) -> [(lines: ClosedRange<Int>, column: Int, content: String)] {
        var bytes = Array(source.utf8)
        guard !bytes.isEmpty else { return [] }
        let root: OpaquePointer? = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parse_document(pointer, buffer.count, CMARK_OPT_SOURCEPOS)
            }
        }
        guard let root else { return [] }
        defer { cmark_node_free(root) }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [(lines: ClosedRange<Int>, column: Int, content: String)] = []
        func walk(_ node: OpaquePointer) {
            var child = cmark_node_first_child(node)
            while let c = child {
                let type = cmark_node_get_type(c)
                if type == CMARK_NODE_HEADING {
                    let start = Int(cmark_node_get_start_line(c))
                    let end = max(start, Int(cmark_node_get_end_line(c)))
                    let column = max(1, Int(cmark_node_get_start_column(c)))
                    guard start >= 1, end <= lines.count else { return }
                    func tail(_ line: String) -> String { String(line.utf8.dropFirst(column - 1)).map { String($0) } ?? line }
                    let first = tail(lines[start - 1])
                    let content: String
                    if first.hasPrefix("#") {
                        content = first.replacing(#/^#{1,6}\s*/#, with: "").replacing(#/\s+#+\s*$/#, with: "").replacing(#/^#+\s*$/#, with: "")
                    } else {
                        content = (start..<end).map { tail(lines[$0 - 1]).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                    }
                    found.append((start...end, column, content.trimmingCharacters(in: .whitespaces)))
                } else if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM {
                    walk(c)
                }
                child = cmark_node_next(c)
            }
        }
        walk(root)
        return found
    }
}
