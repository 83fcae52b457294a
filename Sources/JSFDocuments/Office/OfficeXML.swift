import Foundation
internal import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The XML parts of an office file (word/document.xml, content.xml), read into a small tree: enough to follow
/// styles and numbering, which pandoc's AST does not carry.
enum OfficeXML {
    /// An element by its local name (the namespace prefix dropped: `w:p` is `p`, `text:h` is `h`; the parts jsf reads
    /// use one namespace for the names it asks for).
    final class Element {
        let name: String
        let attributes: [String: String]
        /// Elements and, in document order, character data: elements named `#text` holding `text`.
        var children: [Element] = []
        var text = ""

        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        /// An attribute by its local name.
        subscript(attribute: String) -> String? { attributes[attribute] }

        func child(_ name: String) -> Element? { children.first { $0.name == name } }

        func children(_ name: String) -> [Element] { children.filter { $0.name == name } }

        /// The first descendant reached through `path` ("pPr", "numPr", "numId").
        func at(_ path: String...) -> Element? {
            var element: Element? = self
            for name in path { element = element?.child(name) }
            return element
        }
    }

    /// Why a part could not be read.
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The members `names` of the zip file at `path` that it holds.
    static func members(_ names: [String], ofZip path: String) throws -> [String: Data] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw ReadError(description: "not a zip file (\(error))")
        }
        var found: [String: Data] = [:]
        for name in names {
            guard let entry = archive[name] else { continue }
            var data = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { data.append($0) } } catch {
                throw ReadError(description: "\(name): \(error)")
            }
            found[name] = data
        }
        return found
    }

    /// The root element of `data`.
    static func parse(_ data: Data, name: String) throws -> Element {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "no root element"
            throw ReadError(description: "\(name) line \(parser.lineNumber): \(reason)")
        }
        return root
    }

    static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict { attributes[OfficeXML.localName(key)] = value }
            let element = Element(name: OfficeXML.localName(elementName), attributes: attributes)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let parent = stack.last else { return }
            if let last = parent.children.last, last.name == "#text" {
                last.text += string
            } else {
                let node = Element(name: "#text", attributes: [:])
                node.text = string
                parent.children.append(node)
            }
        }
    }
}
