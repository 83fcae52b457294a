import CCmarkGFM

/// A top-level heading as reported by cmark-gfm (internal: no cmark pointer leaves this file).
struct CMarkHeading: Sendable, Equatable {
    var level: Int
    var startLine: Int
    var endLine: Int
    var endColumn: Int
    /// Plain text of the inline content (soft/hard breaks as spaces, inline HTML dropped).
    var text: String
}

enum CMark {
    /// `body` on the root of `source` parsed with CMARK_OPT_SOURCEPOS, freed after it; nil for an empty text.
    static func parsed<T>(_ source: String, _ body: (OpaquePointer) -> T) -> T? {
        var bytes = Array(source.utf8)
        if bytes.isEmpty { return nil }
        let root: OpaquePointer? = bytes.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                cmark_parse_document(p, buf.count, CMARK_OPT_SOURCEPOS)
            }
        }
        guard let root else { return nil }
        defer { cmark_node_free(root) }
        return body(root)
    }

    /// Parses `source` with CMARK_OPT_SOURCEPOS and returns the headings that are direct children of the
    /// document (headings inside block quotes, list items, code or HTML blocks are not returned).
    static func topLevelHeadings(_ source: String) -> [CMarkHeading] {
        parsed(source) { root in
            var result: [CMarkHeading] = []
            var child = cmark_node_first_child(root)
            while let node = child {
                if cmark_node_get_type(node) == CMARK_NODE_HEADING {
                    var text = ""
                    appendText(of: node, to: &text)
                    result.append(
                        CMarkHeading(
                            level: Int(cmark_node_get_heading_level(node)),
                            startLine: Int(cmark_node_get_start_line(node)),
                            endLine: Int(cmark_node_get_end_line(node)),
                            endColumn: Int(cmark_node_get_end_column(node)),
                            text: text))
                }
                child = cmark_node_next(node)
            }
            return result
        } ?? []
    }

    private static func appendText(of node: OpaquePointer, to out: inout String) {
        var child = cmark_node_first_child(node)
        while let c = child {
            let type = cmark_node_get_type(c)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                if let lit = cmark_node_get_literal(c) { out += String(cString: lit) }
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                out += " "
            } else if type == CMARK_NODE_HTML_INLINE {
                // dropped
            } else {
                appendText(of: c, to: &out)
            }
            child = cmark_node_next(c)
        }
    }
}

extension CMark {
    /// The images of `source` (`![alt](url)`, reference images too), with their 1-based line, in document order.
    static func images(_ source: String) -> [(url: String, line: Int)] {
        parsed(source) { root in
            guard let iterator = cmark_iter_new(root) else { return [] }
            defer { cmark_iter_free(iterator) }
            var result: [(url: String, line: Int)] = []
            var event = cmark_iter_next(iterator)
            while event != CMARK_EVENT_DONE {
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_IMAGE {
                    var line = Int(cmark_node_get_start_line(node))
                    var parent = cmark_node_parent(node)
                    while line == 0, let p = parent {
                        line = Int(cmark_node_get_start_line(p))
                        parent = cmark_node_parent(p)
                    }
                    result.append((cmark_node_get_url(node).map { String(cString: $0) } ?? "", line))
                }
                event = cmark_iter_next(iterator)
            }
            return result
        } ?? []
    }
}
