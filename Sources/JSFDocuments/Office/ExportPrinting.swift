import Foundation
import JeSaisFaire

/// The PDF export: the HTML printed by headless Chromium, twice. Chromium prints the header and «Page X / Y» in
/// the page's margin boxes, but CSS cannot put the number of pages or a heading's page in the text; the first
/// printing tells them (the PDF's page tree and the named destinations of the sommaire's links), the second prints
/// them. A third printing follows only if the numbers moved a page.
enum ExportPrinting {
    static func print(html: String, scratch: String, browser: ExternalTool, environment: [String: String]) throws(JSFError) -> Data {
        var pages: [String: Int] = [:]
        var count: Int?
        var pdf = Data()
        for _ in 0..<3 {
            var text = html.replacingOccurrences(of: ExportLayout.pageCountMark, with: count.map(String.init) ?? "00")
            text = text.replacing(#/JSFPAGEOF([A-Za-z0-9-]+)X/#) { match in pages[String(match.output.1)].map(String.init) ?? "00" }
            pdf = try printOnce(text, scratch: scratch, browser: browser, environment: environment)
            let reading = PDFReading(pdf)
            let printed = reading.pageCount
            let destinations = reading.destinationPages
            if printed == count && destinations == pages { break }
            count = printed
            pages = destinations
        }
        return pdf
    }

    static func printOnce(_ html: String, scratch: String, browser: ExternalTool, environment: [String: String]) throws(JSFError) -> Data {
        let page = scratch + "/print.html"
        let pdf = scratch + "/out.pdf"
        try OfficeExport.writeFile(html, to: page)
        try? FileManager.default.removeItem(atPath: pdf)
        return try HeadlessPrint.print(browser, html: page, to: pdf, scratch: scratch, environment: environment)
    }
}

/// What the export needs of a PDF Chromium wrote (Skia writes its page tree and named destinations as plain
/// objects): the number of pages, and the page of each named destination.
struct PDFReading {
    let text: String

    /// Latin-1: one character per byte, so binary streams cannot break the reading.
    init(_ data: Data) { text = String(data: data, encoding: .isoLatin1) ?? "" }

    /// The dictionary of object `number` (up to its stream or endobj).
    func object(_ number: Int) -> Substring? {
        guard let start = text.range(of: "\n\(number) 0 obj") ?? (text.hasPrefix("\(number) 0 obj") ? text.range(of: "\(number) 0 obj") : nil)
        else { return nil }
        let rest = text[start.upperBound...]
        let ends = [rest.range(of: "endobj"), rest.range(of: "stream")].compactMap { $0?.lowerBound }
        return rest[..<(ends.min() ?? rest.endIndex)]
    }

    var catalog: Substring? {
        guard let at = text.range(of: "/Type /Catalog") else { return nil }
        let before = text[..<at.lowerBound]
        guard let open = before.range(of: " 0 obj", options: .backwards) else { return nil }
        let digits = before[..<open.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed())).flatMap(object)
    }

    static func reference(_ key: String, in dictionary: Substring) -> Int? {
        for match in dictionary.matches(of: #/\/(Pages|Dests)\s+(\d+) 0 R/#) where match.output.1 == key {
            return Int(match.output.2)
        }
        return nil
    }

    /// The page objects, in order.
    var pages: [Int] {
        guard let catalog, let root = Self.reference("Pages", in: catalog) else { return [] }
        var out: [Int] = []
        var seen = Set<Int>()
        func walk(_ number: Int) {
            guard seen.insert(number).inserted, let node = object(number) else { return }
            if let kids = node.firstMatch(of: #/\/Kids\s*\[([^\]]*)\]/#) {
                for ref in kids.output.1.matches(of: #/(\d+) 0 R/#) { if let n = Int(ref.output.1) { walk(n) } }
            } else {
                out.append(number)
            }
        }
        walk(root)
        return out
    }

    var pageCount: Int? {
        let pages = pages
        return pages.isEmpty ? nil : pages.count
    }

    /// Named destination → page number (from 1).
    var destinationPages: [String: Int] {
        guard let catalog, let dests = Self.reference("Dests", in: catalog).flatMap(object) else { return [:] }
        let order = Dictionary(pages.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        var out: [String: Int] = [:]
        for match in dests.matches(of: #/\/([A-Za-z0-9_.-]+)\s*\[\s*(\d+) 0 R/#) {
            if let object = Int(match.output.2), let page = order[object] { out[String(match.output.1)] = page }
        }
        return out
    }
}
