import Foundation
import JeSaisFaire

/// Headings: heading-like paragraphs become headings, and every heading gets its level.
extension Converter {
    mutating func detectHeadings(_ items: inout [Item]) {
        var tracker = NumberingTracker()
        var seenHeading = false
        var n = 0
        while n < items.count {
            defer { n += 1 }
            let block = items[n].block
            if case .header(let level, let attr, let original) = block {
                let inlines = A.ungluingNumber(A.headingInlines(original))
                let text = A.stringify(inlines)
                let candidate = HeadingDetection.candidate(text)
                var planned = Planned(candidate: candidate, styleLevel: level, source: .style, inlines: inlines, text: text)
                planned.id = attr.id
                planned.classes = attr.classes
                planned.attributes = attr.attributes.map { ($0.key, $0.value) }
                if let candidate {
                    tracker.accept(candidate)
                }
                items[n].heading = planned
                seenHeading = true
                continue
            }
            guard let inlines = A.paragraphInlines(block) else { continue }
            let text = A.stringify(inlines)
            let bold = A.boldShare(inlines)
            switch HeadingDetection.classify(text, boldShare: bold) {
            case .body:
                continue
            case .unnumberedEmphasis:
                if seenHeading { items[n].unnumberedEmphasis = text }
                continue
            case .heading(var candidate, let isBold):
                var headingInlines = A.ungluingNumber(A.headingInlines(inlines))
                var mergedNext = false
                // "ARTICLE 3" alone, its title in the next paragraph.
                if candidate.title.isEmpty {
                    guard n + 1 < items.count, let next = A.paragraphInlines(items[n + 1].block) else { continue }
                    let nextText = A.stringify(next)
                    guard nextText.count <= 90, !HeadingDetection.endsLikeSentence(nextText),
                        A.boldShare(next) >= 0.6 || HeadingDetection.isCapitals(nextText) || isBold,
                        HeadingDetection.candidate(nextText) == nil
                    else { continue }
                    headingInlines += [.space, .str("–"), .space] + A.headingInlines(next)
                    candidate.title = nextText
                    items[n + 1].consumed = true
                    mergedNext = true
                }
                switch tracker.check(candidate) {
                case .fits:
                    tracker.accept(candidate)
                    items[n].heading = Planned(
                        candidate: candidate, styleLevel: nil, source: isBold ? .bold : .pattern,
                        inlines: headingInlines, text: A.stringify(headingInlines))
                    seenHeading = true
                case .breaks(let after):
                    if let start = emptyRunStart(candidate, tracker: tracker, items: items, before: n) {
                        // The numbering restarts after headings with no text between them (a table of contents
                        // typed as paragraphs): the sequence with body text wins.
                        for i in start..<n where items[i].heading != nil && !items[i].consumed {
                            items[i].heading = nil
                            items[i].consumed = true
                            droppedTOCLines += 1
                        }
                        tracker = NumberingTracker()
                        tracker.accept(candidate)
                        items[n].heading = Planned(
                            candidate: candidate, styleLevel: nil, source: isBold ? .bold : .pattern,
                            inlines: headingInlines, text: A.stringify(headingInlines))
                        continue
                    }
                    if isBold || HeadingDetection.isCapitals(candidate.title) || candidate.hasKeyword {
                        warnings.append(
                            Text(
                                en: "'\(text)' looks like a heading but breaks the numbering (after \(after)): kept as a paragraph",
                                fr: "« \(text) » ressemble à un titre mais rompt la numérotation (après \(after)) : gardé comme paragraphe"))
                    }
                    if mergedNext { items[n + 1].consumed = false }
                }
            }
        }
    }

    /// Headings out of the lists whose every item starts with a heading, in order, with what follows them in their
    /// item: LibreOffice saves a Word file whose heading styles are numbered by a list (not by the outline) with each
    /// heading in a list of its own, nested by level (`1. # OBJET`, `1. 1. ## GÉNÉRALITÉS`), or the headings of a
    /// restarted numbering in a list; pandoc's headings there would not be seen as clauses. Their numbers are not
    /// pandoc's (it reads such a list as starting at 1): the file's numbering gives them when it can, else their
    /// position does.
    static func hoistingListedHeadings(_ blocks: [A.Block]) -> [A.Block] {
        blocks.flatMap { listedHeadings($0) ?? [$0] }
    }

    /// The blocks of a list whose items each start with a heading or with such a list, those lists opened too; nil
    /// for any other block.
    static func listedHeadings(_ block: A.Block) -> [A.Block]? {
        let items: [[A.Block]]
        switch block {
        case .orderedList(_, let list), .bulletList(let list): items = list
        default: return nil
        }
        var blocks: [A.Block] = []
        for item in items {
            guard let first = item.first else { continue }
            if case .header = first {
                blocks.append(first)
            } else if let nested = listedHeadings(first) {
                blocks += nested
            } else {
                return nil
            }
            for inner in item.dropFirst() { blocks += listedHeadings(inner) ?? [inner] }
        }
        return blocks.contains(where: { if case .header = $0 { true } else { false } }) ? blocks : nil
    }

    /// A first-level number at or below the current one ("1" after "5.2") when no body text came since the
    /// numbering began: what came before was a list of headings, not the document. The index where it began.
    func emptyRunStart(_ candidate: HeadingCandidate, tracker: NumberingTracker, items: [Item], before n: Int) -> Int? {
        guard case .numbered(let depth) = candidate.kind, depth == 1, let first = candidate.arabic?.first,
            let current = tracker.path.first, first <= current
        else { return nil }
        guard let start = items[..<n].firstIndex(where: { $0.heading?.candidate?.arabic != nil && !$0.consumed }) else { return nil }
        return items[start..<n].allSatisfy { $0.heading != nil || $0.consumed } ? start : nil
    }

    /// The cover block: headings without a number (the title «Cahier des Clauses Techniques Particulières», a
    /// subtitle) before the first numbered heading of the top level, each followed by short lines only (buyer, object,
    /// date) or by another heading, become paragraphs above the first clause.
    mutating func keepCoverOutOfClauses(_ items: inout [Item]) {
        guard
            let first = items.firstIndex(where: { item in
                guard !item.consumed, let h = item.heading, let kind = h.candidate?.kind else { return false }
                if case .numbered(let depth) = kind, depth > 1 { return false }
                return true
            })
        else { return }
        let firstLevel = items[first].heading!.styleLevel
        for i in 0..<first {
            guard !items[i].consumed, let h = items[i].heading, h.candidate == nil, let style = h.styleLevel else { continue }
            if let firstLevel, style < firstLevel { continue }
            // A heading followed by sentences (a preamble) stays a clause; a title page has short lines.
            let next = items[(i + 1)...].firstIndex { $0.heading != nil && !$0.consumed } ?? first
            let coverLines = items[(i + 1)..<next].filter { !$0.consumed }.allSatisfy { item in
                guard let inlines = A.paragraphInlines(item.block) else { return false }
                let line = A.stringify(inlines)
                return line.count <= 100 && !HeadingDetection.endsLikeSentence(line)
            }
            guard coverLines else { continue }
            items[i].heading = nil
            items[i].block = .para([.strong(h.inlines)])
        }
    }

    /// Levels: the kinds present are ranked (titre > partie > chapitre > roman > section > letter > article/1 > 1.1 > …)
    /// and the top kind present becomes level 1; heading styles keep their level, and set the offset of the
    /// detected kinds they share.
    mutating func assignLevels(_ items: inout [Item]) {
        let indices = items.indices.filter { items[$0].heading != nil && !items[$0].consumed }
        let ranks = Set(indices.compactMap { items[$0].heading?.candidate?.kind.rank }).sorted()
        func compressed(_ kind: HeadingKind) -> Int { (ranks.firstIndex(of: kind.rank) ?? 0) + 1 }
        var offsets: [Int: Int] = [:]
        var styledLevels: [Int] = []
        for i in indices {
            guard let h = items[i].heading, let style = h.styleLevel else { continue }
            styledLevels.append(style)
            if let kind = h.candidate?.kind { offsets[style - compressed(kind), default: 0] += 1 }
        }
        let offset: Int
        if let best = offsets.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            offset = best.key
        } else if let deepest = styledLevels.max() {
            // Styled headings without numbers: numbered paragraphs sit below them.
            offset = deepest
        } else {
            offset = 0
        }
        for i in indices {
            guard var h = items[i].heading else { continue }
            if let style = h.styleLevel {
                h.level = style
            } else if let kind = h.candidate?.kind {
                h.level = compressed(kind) + offset
            }
            items[i].heading = h
        }
        let minimum = indices.compactMap { items[$0].heading?.level }.min() ?? 1
        for i in indices {
            items[i].heading!.level = min(6, max(1, items[i].heading!.level - minimum + 1))
        }
    }
}
