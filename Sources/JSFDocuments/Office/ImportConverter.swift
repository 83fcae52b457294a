import Foundation
import JeSaisFaire

/// The AST transformation: clean pandoc's noise, turn heading-like paragraphs into headings, criteria into criterion headings.
struct Converter {
    typealias A = PandocAST
    let format: String
    let meta: [String: A.MetaValue]
    var warnings: [Text] = []
    var droppedImages = 0
    /// Where relative image paths point from (pandoc's --extract-media folder, or the Markdown file's folder).
    var imageBase = ""
    /// The images kept, by their path under assets/.
    var assets: [String: Data] = [:]
    var droppedTOCLines = 0
    /// How each heading of the output was recognised, in order.
    var sources: [ImportReport.Source] = []

    init(format: String, meta: [String: A.MetaValue]) {
        self.format = format
        self.meta = meta
    }

    /// One top-level block on its way to the output.
    struct Item {
        var block: A.Block
        var heading: Planned?
        /// Index of the block in `items` whose paragraph is a heading title continuation (merged into the previous).
        var consumed = false
        var unnumberedEmphasis: String?
    }

    struct Planned {
        var candidate: HeadingCandidate?
        var styleLevel: Int?
        var source: ImportReport.Source
        var inlines: [A.Inline]
        var level = 1
        var id = ""
        var classes: [String] = []
        var attributes: [(String, String)] = []
        var text: String
    }

    /// A private attribute carrying how a heading was recognised, removed before writing.
    static let sourceKey = "jsf-import-source"

    mutating func convert(_ blocks: [A.Block]) -> [A.Block] {
        var flat: [A.Block] = coverFromMeta()
        for block in Converter.nestingListsByStyle(blocks) { flat += clean(block, topLevel: true) }
        flat = droppingTableOfContents(Converter.hoistingListedHeadings(flat))
        flat = Converter.separatingLists(flat)
        var items = flat.map { Item(block: $0) }
        detectHeadings(&items)
        keepCoverOutOfClauses(&items)
        assignLevels(&items)
        var output: [A.Block] = []
        for item in items where !item.consumed {
            if let h = item.heading {
                output.append(
                    A.header(
                        level: h.level, id: h.id, classes: h.classes,
                        attributes: h.attributes + [(Converter.sourceKey, h.source.rawValue)], h.inlines))
            } else {
                output.append(item.block)
            }
        }
        output = detectCriteria(output)
        // Sources out of the headings, in order.
        for (n, block) in output.enumerated() {
            guard case .header(let level, var attr, let inlines) = block else { continue }
            let source = attr.attributes.first { $0.key == Converter.sourceKey }.flatMap { ImportReport.Source(rawValue: $0.value) } ?? .style
            attr.attributes.removeAll { $0.key == Converter.sourceKey }
            output[n] = .header(level: level, attr, inlines)
            sources.append(source)
        }
        for item in items where !item.consumed && item.heading == nil {
            guard let text = item.unnumberedEmphasis, !criteriaTexts.contains(text) else { continue }
            warnings.append(
                Text(
                    en:
                        "'\(text)' is in bold or capitals but has no number: kept as a paragraph (give it a heading style or a number to make it a clause)",
                    fr:
                        "« \(text) » est en gras ou en capitales mais sans numéro : gardé comme paragraphe (donnez-lui un style de titre ou un numéro pour en faire une clause)"
                ))
        }
        return output
    }

    /// Lines that became criteria (no "bold without number" warning for them).
    var criteriaTexts = Set<String>()
}
