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

    struct Matcher {
        let headings: [Heading]
        let keys: [String]
        var cursor = 0
        var unmatched: [String] = []

        init(headings: [Heading]) {
            self.headings = headings
            self.keys = headings.map { OfficeNumbering.key($0.text) }
        }

        mutating func visit(_ blocks: [A.Block]) -> [A.Block] {
            blocks.map { block in
                switch block {
                case .header(let level, let attr, let inlines):
                    return .header(level: level, attr, numbered(inlines))
                case .div(let attr, let inner):
                    return .div(attr, visit(inner))
                case .blockQuote(let inner):
                    return .blockQuote(visit(inner))
                default:
                    return block
                }
            }
        }

        /// The heading's inlines with the label of the next heading of the same text in front of them. A heading
        /// of another text is not forced onto the next number: it is reported, and the next ones still match.
        mutating func numbered(_ inlines: [A.Inline]) -> [A.Inline] {
            let text = A.stringify(inlines).trimmingCharacters(in: .whitespaces)
            let key = OfficeNumbering.key(text)
            guard !key.isEmpty else { return inlines }
            guard let found = keys[cursor...].firstIndex(of: key) else {
                unmatched.append(text)
                return inlines
            }
            cursor = found + 1
            // «Table des matières» in a style based on a numbered heading style: Word numbers it, but it is no clause.
            if HeadingDetection.isTableOfContentsTitle(text) { return inlines }
            guard let label = headings[found].label?.trimmingCharacters(in: .whitespaces), !label.isEmpty else { return inlines }
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
    static func roman(_ value: Int) -> String {
        guard value > 0, value < 4000 else { return String(value) }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
            (5, "V"), (4, "IV"), (1, "I"),
        ]
        var n = value
        var out = ""
        for (v, s) in table {
            while n >= v {
                out += s
                n -= v
            }
        }
        return out
    }

    /// A, B, … Z, then AA, BB, … (Word and LibreOffice repeat the letter).
    static func letter(_ value: Int) -> String {
        guard value > 0 else { return String(value) }
        let letter = Character(UnicodeScalar(UInt8(65 + (value - 1) % 26)))
        return String(repeating: String(letter), count: (value - 1) / 26 + 1)
    }
}
