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
        var end = end
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
        for n in subs.indices {
            let sub = subs[n]
            let label = (sub.number.map { $0 + " " } ?? "") + sub.item.label
            let source = Self.headerAttributes(blocks[sub.index]).first { $0.0 == Converter.sourceKey }?.1 ?? ImportReport.Source.style.rawValue
            blocks[sub.index] = A.header(
                level: sub.level, classes: ["criterion"],
                attributes: [("weight", String(sub.item.weight)), (Converter.sourceKey, source)], A.inlines(label))
            // Its text, up to the next criterion: what the heading said after the weight, then its paragraphs.
            let bodyEnd = n + 1 < subs.count ? subs[n + 1].index : end
            var body: [A.Block] = sub.item.hasMore ? [.para(A.inlines(sub.item.rest))] : []
            body += droppingWeight(Array(blocks[(sub.index + 1)..<bodyEnd]), item: sub.item)
            blocks.replaceSubrange((sub.index + 1)..<bodyEnd, with: body)
            let shift = body.count - (bodyEnd - sub.index - 1)
            for later in (n + 1)..<subs.count { subs[later].index += shift }
            end += shift
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
                    if item.hasMore { body.append(.para(A.inlines(item.rest))) }
                    body += droppingWeight(Array(parts.dropFirst()), item: item)
                    found.append(Found(item: item, body: body, text: A.stringify(inlines)))
                }
                if all, !found.isEmpty { groups.append((i..<(i + 1), found)) }
                i += 1
            } else if let inlines = A.paragraphInlines(block), CriteriaDetection.item(A.stringify(inlines)) != nil {
                // A run of criterion lines, each perhaps followed by its description («CRITERE 1 : … (60 %)», then
                // paragraphs): what comes between two criterion lines is the first one's text.
                // A line that restates the previous criterion's weight («Ce critère est pondéré à 60 %») is its text.
                func weighted(_ k: Int, after previous: Found?) -> CriteriaDetection.Item? {
                    guard let inlines = A.paragraphInlines(blocks[k]), let item = CriteriaDetection.item(A.stringify(inlines)) else { return nil }
                    if let previous,
                        WeightStatements.statements(in: A.stringify(inlines), kind: .paragraph, criterion: previous.item.label)
                            .contains(where: { $0.value == Double(previous.item.weight) })
                    {
                        return nil
                    }
                    return item
                }
                func isHeading(_ k: Int) -> Bool {
                    if case .header = blocks[k] { return true }
                    return false
                }
                var j = i
                var found: [Found] = []
                var described = 0
                while j < end {
                    if let item = weighted(j, after: found.last), let inl = A.paragraphInlines(blocks[j]) {
                        found.append(Found(item: item, body: item.hasMore ? [.para(A.inlines(item.rest))] : [], text: A.stringify(inl)))
                        j += 1
                        continue
                    }
                    // Complete at 100: a later line with a percentage is not one more criterion.
                    if found.reduce(0, { $0 + $1.item.weight }) >= 100 { break }
                    var k = j
                    while k < end, !isHeading(k), weighted(k, after: found.last) == nil { k += 1 }
                    guard k < end, k > j, !isHeading(k), let last = found.indices.last else { break }
                    found[last].body += droppingWeight(Array(blocks[j..<k]), item: found[last].item)
                    described += 1
                    j = k
                }
                // When every criterion before the last had a text, what follows the last one is its text too, up to a
                // line in bold or capitals.
                if found.count > 1, described == found.count - 1, found.reduce(0, { $0 + $1.item.weight }) == 100, let last = found.indices.last {
                    var k = j
                    while k < end, !isHeading(k), !Self.isEmphasisLine(blocks[k]) { k += 1 }
                    found[last].body += droppingWeight(Array(blocks[j..<k]), item: found[last].item)
                    j = k
                }
                groups.append((i..<j, found))
                i = j
            } else if case .table(let table) = block, let found = Self.criteria(in: table) {
                groups.append((i..<(i + 1), found.map { Found(item: $0.item, body: $0.body, text: $0.text) }))
                i += 1
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
        var before = Array(blocks[(section + 1)..<group.range.lowerBound])
        var after = Array(blocks[group.range.upperBound..<end])
        var following: [A.Block] = []
        // A line in bold or capitals after the criteria («ANNEXES») starts a part of its own: it becomes a heading
        // beside the criteria section, and what follows it stays after the criteria, in document order.
        if let start = after.firstIndex(where: Self.isEmphasisLine) {
            let inlines = A.paragraphInlines(after[start])!
            let text = A.stringify(inlines)
            following =
                [A.header(level: level, attributes: [(Converter.sourceKey, ImportReport.Source.bold.rawValue)], A.headingInlines(inlines))]
                + after[(start + 1)...]
            after = Array(after[..<start])
            criteriaTexts.insert(text)
            warnings.append(
                Text(
                    en:
                        "'\(text)' follows the criteria of '\(title)': it became a heading of its own, so that it and what follows stay after the criteria",
                    fr:
                        "« \(text) » suit les critères de « \(title) » : il devient un titre à part entière, pour rester, avec ce qui le suit, après les critères"
                ))
        }
        if !after.isEmpty {
            let last = group.found.last?.item.label ?? ""
            warnings.append(
                Text(
                    en:
                        "the text that followed the criteria of '\(title)' was moved before them: after them, it would have become the text of the last criterion, '\(last)'",
                    fr:
                        "le texte qui suivait les critères de « \(title) » a été placé avant eux : après eux, il serait devenu le texte du dernier critère, « \(last) »"
                ))
            before += after
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
        return .converted(Array(blocks[...section]) + before + criteria + following + Array(blocks[end...]))
    }

    /// A short line in bold or capitals without a number («ANNEXES»): the start of another part.
    static func isEmphasisLine(_ block: A.Block) -> Bool {
        guard let inlines = A.paragraphInlines(block) else { return false }
        let text = A.stringify(inlines)
        return text.split(separator: " ").count <= 6 && HeadingDetection.classify(text, boldShare: A.boldShare(inlines)) == .unnumberedEmphasis
    }

    /// A table of criteria: a row per criterion, its label and its weight («Prix | 40 %», or «Prix | 40» under a
    /// «Pondération», «Poids», «%» or «Points» column), further cells its text. Nil unless every body row is one.
    static func criteria(in table: A.Table) -> [(item: CriteriaDetection.Item, body: [A.Block], text: String)]? {
        let text = { (cell: A.Cell) in cell.blocks.compactMap { A.paragraphInlines($0) }.map { A.stringify($0) }.joined(separator: " ") }
        let header = table.head.rows.last?.cells.map(text) ?? []
        let weightColumn = header.firstIndex { heading in
            let folded = CriteriaDetection.fold(heading)
            return ["ponderation", "poids", "%", "points", "coefficient"].contains { folded.contains($0) }
        }
        let rows = table.bodies.flatMap(\.rows)
        guard !rows.isEmpty else { return nil }
        var found: [(item: CriteriaDetection.Item, body: [A.Block], text: String)] = []
        for row in rows {
            var cells = row.cells.map(text)
            guard cells.count >= 2 else { return nil }
            if let weightColumn, weightColumn < cells.count, cells[weightColumn].allSatisfy(\.isNumber), !cells[weightColumn].isEmpty {
                cells[weightColumn] += " %"
            }
            let line = cells[0] + " : " + cells[1]
            guard let item = CriteriaDetection.item(line), !item.hasMore else { return nil }
            let more = cells.dropFirst(2).filter { !$0.isEmpty }
            found.append((item, more.map { A.Block.para(A.inlines($0)) }, line))
        }
        return found
    }

    /// `blocks` without the paragraphs that only state the criterion's weight («Ce critère est pondéré à 40 %.»),
    /// which the heading's weight now says; a paragraph that says more is kept, with a warning when it states the weight.
    mutating func droppingWeight(_ blocks: [A.Block], item: CriteriaDetection.Item) -> [A.Block] {
        blocks.compactMap { block in
            guard let inlines = A.paragraphInlines(block) else { return block }
            let line = A.stringify(inlines)
            let statements = WeightStatements.statements(in: line, kind: .paragraph, criterion: item.label)
            guard !statements.isEmpty else { return block }
            var rest = line
            for statement in statements.reversed() {
                let start = rest.index(rest.startIndex, offsetBy: statement.offset)
                rest.replaceSubrange(start..<rest.index(start, offsetBy: statement.words.count), with: " ")
            }
            let boilerplate: Set<String> = [
                "ce", "le", "la", "critere", "est", "sont", "pondere", "ponderee", "a", "ponderation", "de", "du", "sa", "son", "poids",
                "compte", "pour", "represente", "coefficient", "hauteur", "intervient", "il", "soit", "affecte", "d'une", "un", "une",
                "fixee", "fixe",
            ]
            let words = CriteriaDetection.fold(rest).split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init)
            let labelWords = Set(CriteriaDetection.fold(item.label).split(whereSeparator: { !$0.isLetter }).map(String.init))
            if words.allSatisfy({ boilerplate.contains($0) || labelWords.contains($0) }) { return nil }
            warnings.append(
                Text(
                    en:
                        "the text of criterion '\(item.label)' states its weight («\(statements[0].words)»): check that it still says \(item.weight) %",
                    fr:
                        "le texte du critère « \(item.label) » indique sa pondération (« \(statements[0].words) ») : vérifiez qu'il dit toujours \(item.weight) %"
                ))
            return block
        }
    }
}
