import Foundation
import JeSaisFaire

/// The numbers Word's automatic numbering and LibreOffice's outline numbering show before headings. Pandoc drops
/// them, so they are computed from the file itself (`WordNumbering`, `OpenDocumentNumbering`) and written back in
/// front of the headings pandoc read, matched in document order by their text.
enum OfficeNumbering {
    typealias A = PandocAST

    /// A heading paragraph as the office file holds it: its text, and the number shown before it (nil: none).
    struct Heading: Equatable, Sendable {
        var text: String
        var label: String?
    }

    /// `blocks` (pandoc's reading of the .docx or .odt at `path`) with the numbers of their headings put back, and
    /// what could not be matched.
    static func numberingHeadings(_ blocks: [A.Block], file path: String, format: String) -> (blocks: [A.Block], warnings: [Text]) {
        let name = (path as NSString).lastPathComponent
        let headings: [Heading]
        do {
            switch format {
            case "docx": headings = try WordNumbering.headings(ofFile: path)
            case "odt": headings = try OpenDocumentNumbering.headings(ofFile: path)
            default: return (blocks, [])
            }
        } catch {
            return (
                blocks,
                [
                    Text(
                        en: "cannot read the automatic numbering of '\(name)' (\(error)): headings keep only the numbers typed in their text",
                        fr:
                            "impossible de lire la numérotation automatique de '\(name)' (\(error)) : les titres ne gardent que les numéros tapés dans leur texte"
                    )
                ]
            )
        }
        guard headings.contains(where: { $0.label != nil }) else { return (blocks, []) }
        var matcher = Matcher(headings: headings)
        let numbered = matcher.visit(blocks)
        let warnings = matcher.unmatched.map { text in
            Text(
                en: "heading '\(text)' is not found in the automatic numbering of '\(name)': its number, if Word or LibreOffice showed one, is lost",
                fr:
                    "le titre « \(text) » est introuvable dans la numérotation automatique de '\(name)' : son numéro, si Word ou LibreOffice en affichait un, est perdu"
            )
        }
        return (numbered, warnings)
    }

    /// Letters and digits only, lowercased: pandoc and the XML agree on these whatever the spaces, tabs, quotes and
    /// fields between them.
    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Pairs pandoc's headings with the file's, in document order: the longest common subsequence of their texts,
    /// so that a heading pandoc dropped, merged or changed costs only itself, never the ones after it.
    struct Matcher {
        let headings: [Heading]
        let keys: [String]
        var unmatched: [String] = []
        /// For each of pandoc's headings in order, the file's heading it is paired with.
        var pairs: [Int?] = []
        var next = 0

        init(headings: [Heading]) {
            self.headings = headings
            self.keys = headings.map { OfficeNumbering.key($0.text) }
        }

        mutating func visit(_ blocks: [A.Block]) -> [A.Block] {
            var texts: [String] = []
            collect(blocks, into: &texts)
            pairs = Matcher.align(texts.map(OfficeNumbering.key), keys)
            unmatched = zip(texts, pairs).filter { $0.1 == nil && !OfficeNumbering.key($0.0).isEmpty }.map(\.0)
            next = 0
            return number(blocks)
        }

        func collect(_ blocks: [A.Block], into texts: inout [String]) {
            for block in blocks {
                switch block {
                case .header(_, _, let inlines): texts.append(A.stringify(inlines).trimmingCharacters(in: .whitespaces))
                case .div(_, let inner), .blockQuote(let inner): collect(inner, into: &texts)
                // Headings a word processor numbered with a list (hoisted out of it later).
                case .orderedList(_, let items), .bulletList(let items): for item in items { collect(item, into: &texts) }
                default: continue
                }
            }
        }

        mutating func number(_ blocks: [A.Block]) -> [A.Block] {
            blocks.map { block in
                switch block {
                case .header(let level, let attr, let inlines):
                    defer { next += 1 }
                    return .header(level: level, attr, numbered(inlines, pair: pairs[next]))
                case .div(let attr, let inner):
                    return .div(attr, number(inner))
                case .blockQuote(let inner):
                    return .blockQuote(number(inner))
                case .orderedList(let attributes, let items):
                    return .orderedList(attributes, items.map { number($0) })
                case .bulletList(let items):
                    return .bulletList(items.map { number($0) })
                default:
                    return block
                }
            }
        }

        /// For each of `a`, the index of `b` it is paired with; equal non-empty keys only, in order, as many as can be.
        static func align(_ a: [String], _ b: [String]) -> [Int?] {
            let n = a.count
            let m = b.count
            var pairs = [Int?](repeating: nil, count: n)
            guard n * m <= 4_000_000 else {
                // Thousands of headings on both sides: each to the next of the same text.
                var j = 0
                for i in 0..<n where !a[i].isEmpty {
                    guard let found = b[j...].firstIndex(of: a[i]) else { continue }
                    pairs[i] = found
                    j = found + 1
                }
                return pairs
            }
            // suffix[i * (m + 1) + j]: the longest common subsequence of a[i...] and b[j...].
            var suffix = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    suffix[i * (m + 1) + j] =
                        !a[i].isEmpty && a[i] == b[j]
                        ? suffix[(i + 1) * (m + 1) + j + 1] + 1 : max(suffix[(i + 1) * (m + 1) + j], suffix[i * (m + 1) + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < n && j < m {
                if !a[i].isEmpty && a[i] == b[j] {
                    pairs[i] = j
                    i += 1
                    j += 1
                } else if suffix[(i + 1) * (m + 1) + j] >= suffix[i * (m + 1) + j + 1] {
                    i += 1
                } else {
                    j += 1
                }
            }
            return pairs
        }

        /// The heading's inlines with the label of its paired heading in front of them.
        func numbered(_ inlines: [A.Inline], pair: Int?) -> [A.Inline] {
            let text = A.stringify(inlines).trimmingCharacters(in: .whitespaces)
            guard let pair else { return inlines }
            // «Table des matières» in a style based on a numbered heading style: Word numbers it, but it is no clause.
            if HeadingDetection.isTableOfContentsTitle(text) { return inlines }
            guard let label = headings[pair].label?.trimmingCharacters(in: .whitespaces), !label.isEmpty else { return inlines }
            // The number typed as well as shown ("1.1 Objet" under a numbered style): Word shows it twice; keep one.
            if let typed = splitNumbering(text).number, typed == splitNumbering(label + " x").number { return inlines }
            var out: [A.Inline] = []
            for word in label.split(whereSeparator: \.isWhitespace) {
                out += [.str(String(word)), .space]
            }
            return out + inlines
        }
    }
}

/// The number formats of Word and OpenDocument: 1, I, i, A, a.
enum NumberFormat {
    static func roman(_ value: Int) -> String { romanNumeral(value) }

    /// A, B, … Z, then AA, BB, … (Word and LibreOffice repeat the letter).
    static func letter(_ value: Int) -> String {
        guard value > 0 else { return String(value) }
        let letter = Character(UnicodeScalar(UInt8(65 + (value - 1) % 26)))
        return String(repeating: String(letter), count: (value - 1) / 26 + 1)
    }
}
