import Foundation
import JeSaisFaire

/// Criteria: the weighted items of the award criteria section become criterion headings.
extension Converter {
    /// Finds the award criteria section and, when its items carry weights summing to 100, makes them criterion headings.
    mutating func detectCriteria(_ blocks: [A.Block]) -> [A.Block] {
        // Already criteria (Markdown input with .criterion headings): nothing to do.
        if blocks.contains(where: { Self.headerClasses($0).contains("criterion") }) { return blocks }
        var found = false
        var b = 0
        while b < blocks.count {
            guard case .header(let level, _, let inlines) = blocks[b] else {
                b += 1
                continue
            }
            let sectionTitle = A.stringify(inlines)
            guard CriteriaDetection.isCriteriaTitle(splitNumbering(sectionTitle).title) else {
                b += 1
                continue
            }
            found = true
            // The section: up to the next heading of the same or a higher level.
            var end = b + 1
            while end < blocks.count {
                if case .header(let l, _, _) = blocks[end], l <= level { break }
                end += 1
            }
            switch criteriaFromSubheadings(blocks, section: b, end: end, title: sectionTitle) {
            case .converted(let result): return result
            case .refused: return blocks
            case .none: break
            }
            switch criteriaFromItems(blocks, section: b, end: end, level: level, title: sectionTitle) {
            case .converted(let result): return result
            case .refused: return blocks
            case .none: break
            }
            warnings.append(
                Text(
                    en: "no weighted criteria (\"Prix : 40 %\") found under '\(sectionTitle)': no criteria imported",
                    fr: "aucun critère pondéré (« Prix : 40 % ») trouvé sous « \(sectionTitle) » : aucun critère importé"))
            return blocks
        }
        if !found {
            let mentions = blocks.contains { block in
                guard let inlines = A.paragraphInlines(block) else { return false }
                return CriteriaDetection.fold(A.stringify(inlines)).contains("criteres d'attribution")
            }
            if mentions {
                warnings.append(
                    Text(
                        en: "the award criteria are mentioned but no heading 'Critères d'attribution' was found: no criteria imported",
                        fr:
                            "les critères d'attribution sont mentionnés mais aucun titre « Critères d'attribution » n'a été trouvé : aucun critère importé"
                    ))
            }
        }
        return blocks
    }

    enum CriteriaOutcome {
        case converted([A.Block])
        case refused, none
    }

    static func headerClasses(_ block: A.Block) -> [String] {
        guard case .header(_, let attr, _) = block else { return [] }
        return attr.classes
    }

    static func headerAttributes(_ block: A.Block) -> [(String, String)] {
        guard case .header(_, let attr, _) = block else { return [] }
        return attr.attributes.map { ($0.key, $0.value) }
    }

    mutating func refuseTotal(_ total: Int, title: String) {
        warnings.append(
            Text(
                en: "the criteria under '\(title)' weigh \(total) in all, not 100: left as they are; set weights with {.criterion weight=N} by hand",
                fr:
                    "les critères sous « \(title) » pèsent \(total) au total, et non 100 : laissés tels quels ; indiquez les pondérations avec {.criterion weight=N} à la main"
            ))
    }

    /// Sub-headings of the section that state a weight ("8.1 Prix : 40 %").
    mutating func criteriaFromSubheadings(_ blocks: [A.Block], section: Int, end: Int, title: String) -> CriteriaOutcome {
        var subs: [(index: Int, item: CriteriaDetection.Item, number: String?, level: Int)] = []
        var childLevel: Int?
        for i in (section + 1)..<end {
            guard case .header(let l, _, let inlines) = blocks[i] else { continue }
            if childLevel == nil { childLevel = l }
            guard l == childLevel else { continue }
            let split = splitNumbering(A.stringify(inlines))
            guard let item = CriteriaDetection.item(split.title) else { return .none }
            subs.append((i, item, split.number, l))
        }
        guard !subs.isEmpty else { return .none }
        let total = subs.reduce(0) { $0 + $1.item.weight }
        guard total == 100 else {
            refuseTotal(total, title: title)
            return .refused
        }
        var blocks = blocks
        for sub in subs {
            let label = (sub.number.map { $0 + " " } ?? "") + sub.item.label
            let source = Self.headerAttributes(blocks[sub.index]).first { $0.0 == Converter.sourceKey }?.1 ?? ImportReport.Source.style.rawValue
            blocks[sub.index] = A.header(
                level: sub.level, classes: ["criterion"],
                attributes: [("weight", String(sub.item.weight)), (Converter.sourceKey, source)], A.inlines(label))
        }
        return .converted(blocks)
    }

    /// List items or paragraphs of the section that state a weight ("- Prix : 40 %").
    mutating func criteriaFromItems(_ blocks: [A.Block], section: Int, end: Int, level: Int, title: String) -> CriteriaOutcome {
        struct Found {
            var item: CriteriaDetection.Item
            var body: [A.Block]
            var text: String
        }
        // Candidate groups: a list of the section whose every item has a weight, or a run of weighted paragraphs.
        var groups: [(range: Range<Int>, found: [Found])] = []
        var i = section + 1
        while i < end {
            let block = blocks[i]
            let listItems: [[A.Block]]?
            switch block {
            case .bulletList(let items), .orderedList(_, let items): listItems = items
            default: listItems = nil
            }
            if let listItems {
                var found: [Found] = []
                var all = true
                for parts in listItems {
                    guard let first = parts.first, let inlines = A.paragraphInlines(first),
                        let item = CriteriaDetection.item(A.stringify(inlines))
                    else {
                        all = false
                        break
                    }
                    var body: [A.Block] = []
                    if item.hasMore { body.append(.para(inlines)) }
                    body += parts.dropFirst()
                    found.append(Found(item: item, body: body, text: A.stringify(inlines)))
                }
                if all, !found.isEmpty { groups.append((i..<(i + 1), found)) }
                i += 1
            } else if let inlines = A.paragraphInlines(block), CriteriaDetection.item(A.stringify(inlines)) != nil {
                var j = i
                var found: [Found] = []
                while j < end, let inl = A.paragraphInlines(blocks[j]), let item = CriteriaDetection.item(A.stringify(inl)) {
                    found.append(Found(item: item, body: item.hasMore ? [.para(inl)] : [], text: A.stringify(inl)))
                    j += 1
                }
                groups.append((i..<j, found))
                i = j
            } else {
                i += 1
            }
        }
        guard !groups.isEmpty else { return .none }
        guard let group = groups.first(where: { $0.found.reduce(0) { $0 + $1.item.weight } == 100 }) else {
            refuseTotal(groups[0].found.reduce(0) { $0 + $1.item.weight }, title: title)
            return .refused
        }
        // The section's other blocks stay first; the criteria come last, each a heading followed by its text.
        let before = Array(blocks[(section + 1)..<group.range.lowerBound])
        let after = Array(blocks[group.range.upperBound..<end])
        if !after.isEmpty {
            warnings.append(
                Text(
                    en: "the text that followed the criteria of '\(title)' was moved before them",
                    fr: "le texte qui suivait les critères de « \(title) » a été placé avant eux"))
        }
        var criteria: [A.Block] = []
        for found in group.found {
            criteria.append(
                A.header(
                    level: level + 1, classes: ["criterion"],
                    attributes: [("weight", String(found.item.weight)), (Converter.sourceKey, ImportReport.Source.criterion.rawValue)],
                    A.inlines(found.item.label)))
            criteria += found.body
            criteriaTexts.insert(found.text)
        }
        return .converted(Array(blocks[...section]) + before + after + criteria + Array(blocks[end...]))
    }
}
