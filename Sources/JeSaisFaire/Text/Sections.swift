import Foundation
internal import Git

/// What the proposed text of an alternative does to the section it replaces: the clause's own text and its
/// sub-clauses, read as the text between the clause's heading and the next heading of its level or above.
public struct SectionReplacement: Sendable, Equatable {
    /// A sub-clause of the section as it stood before.
    public struct Subclause: Sendable, Equatable {
        public var id: String
        public var number: String
        public var title: String
    }

    /// The clause whose section is replaced.
    public var target: String
    /// The section's sub-clauses before, in document order.
    public var before: [Subclause]
    /// Sub-clauses of the proposed text that keep their id, in the proposed order.
    public var kept: [String]
    /// Headings of the proposed text that are new, with the ids they get (or give, as `{#id}`).
    public var added: [String]
    /// Sub-clauses the proposed text no longer has.
    public var removed: [Subclause]

    /// True when the section has sub-clauses or the proposed text has headings: more than the clause's own text.
    public var isStructured: Bool { !before.isEmpty || !kept.isEmpty || !added.isEmpty }
}

extension CCTPText {
    /// Index past the last heading of the section of heading `n`: the first following heading of its level or above.
    func sectionEnd(ofHeadingAt n: Int) -> Int {
        var end = n + 1
        while end < headings.count, headings[end].level > headings[n].level { end += 1 }
        return end
    }

    /// 0-based half-open range of the lines after heading `n` up to the end of its section.
    func sectionBodyRange(ofHeadingAt n: Int) -> Range<Int> {
        let start = min(headings[n].lastLine, lines.count)
        let endHeading = sectionEnd(ofHeadingAt: n)
        let end = endHeading < headings.count ? headings[endHeading].line - 1 : lines.count
        return start..<max(start, end)
    }

    /// The lines of `range` replaced by `body`, trimmed of blank lines and set apart from the headings by one blank line.
    func replacingLines(_ range: Range<Int>, with body: [String]) -> String {
        // The new text's notes must not take the label of a note elsewhere in the file.
        var outside = lines
        outside.removeSubrange(range)
        let taken = Footnotes(scanning: outside.joined(separator: "\n")).labels
        var newBody = Footnotes.relabel(body.joined(separator: "\n"), avoiding: taken).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        while let f = newBody.first, CCTPText.isBlank(f) { newBody.removeFirst() }
        while let l = newBody.last, CCTPText.isBlank(l) { newBody.removeLast() }
        let atEnd = range.upperBound >= lines.count
        let replacement: [String]
        if atEnd {
            replacement = newBody.isEmpty ? [] : [""] + newBody
        } else {
            replacement = [""] + newBody + (newBody.isEmpty ? [] : [""])
        }
        let eol = terms.first(where: { !$0.isEmpty }) ?? "\n"
        var lines = self.lines
        var terms = self.terms
        lines.replaceSubrange(range, with: replacement)
        terms.replaceSubrange(range, with: Array(repeating: eol, count: replacement.count))
        // Every line but the last needs a terminator; a file we appended to ends with one.
        for i in 0..<max(0, terms.count - 1) where terms[i].isEmpty { terms[i] = eol }
        if atEnd, !replacement.isEmpty, let last = terms.indices.last { terms[last] = eol }
        return CCTPText.join(lines, terms)
    }

    /// Reads `proposed` as the new text of the section of clause `id` (the text after its heading): which
    /// sub-clauses it keeps, which headings are new, which sub-clauses it drops. Refused when a heading of the
    /// proposed text is not inside the section (its level is the clause's or above), carries an id of a clause
    /// outside the section, or breaks the rules of headings. Nil when the document has no clause `id`.
    public func sectionReplacement(ofClause id: String, with proposed: String) throws(JSFError) -> SectionReplacement? {
        try planSection(ofClause: id, with: proposed)?.replacement
    }

    /// The source with the section of clause `id` replaced by `proposed` (see `sectionReplacement`): the kept
    /// sub-clauses carry their ids, the new headings get new ones. Nil when the document has no clause `id`.
    public func replacingSection(ofClause id: String, with proposed: String) throws(JSFError) -> (
        text: String, replacement: SectionReplacement
    )? {
        guard let plan = try planSection(ofClause: id, with: proposed) else { return nil }
        var newLines = plan.proposed.lines
        for (k, assigned) in plan.assigned {
            let record = plan.proposed.records[k]
            var line = newLines[record.attrLine]
            if let range = record.layout.blockRange, let tokens = record.layout.tokens {
                line.insert(contentsOf: "#" + assigned.id + (tokens.isEmpty ? "" : " "), at: line.index(after: range.lowerBound))
            } else {
                let block = ([AttributeToken.id(assigned.id)] + assigned.carried).map(\.raw).joined(separator: " ")
                line.insert(contentsOf: " {\(block)}", at: record.layout.insertAt)
            }
            newLines[record.attrLine] = line
        }
        return (replacingLines(sectionBodyRange(ofHeadingAt: plan.heading), with: newLines), plan.replacement)
    }

    /// The text after the heading of clause `id` to the end of its section, headings' attribute blocks removed,
    /// each line trimmed of trailing blanks: what an applied section alternative is compared with.
    func plainSection(ofClause id: String) -> String? {
        guard let n = headings.firstIndex(where: { $0.id == id }) else { return nil }
        return plain(sectionBodyRange(ofHeadingAt: n))
    }

    /// The whole text, headings' attribute blocks removed, as `plainSection`.
    func plainText() -> String { plain(0..<lines.count) }

    private func plain(_ range: Range<Int>) -> String {
        var lines = self.lines
        for record in records where range.contains(record.attrLine) {
            if let block = record.layout.blockRange {
                var line = lines[record.attrLine]
                line.removeSubrange(block)
                lines[record.attrLine] = line
            }
        }
        return lines[range].map { line -> String in
            var l = Substring(line)
            while let c = l.last, c == " " || c == "\t" { l.removeLast() }
            return String(l)
        }.joined(separator: "\n").trimmedNewlines
    }

    private struct SectionPlan {
        var heading: Int
        var proposed: CCTPText
        /// Headings of the proposed text that get an id written: index, id, and attributes carried from the kept heading.
        var assigned: [(Int, (id: String, carried: [AttributeToken]))]
        var replacement: SectionReplacement
    }

    private func planSection(ofClause id: String, with proposedText: String) throws(JSFError) -> SectionPlan? {
        guard let n = headings.firstIndex(where: { $0.id == id }) else { return nil }
        // Numbers and ids as publish will see them: headings still without an id get theirs.
        let indexed = (try? CCTPText(parsing: assigningIDs().text).clauses()) ?? []
        guard indexed.count == headings.count else {
            throw JSFError(
                .refused,
                Text(
                    en: "cctp.md has headings jsf cannot index: the section of '\(id)' cannot be replaced",
                    fr: "cctp.md a des titres que jsf ne sait pas indexer : la section de '\(id)' ne peut pas être remplacée"),
                hints: [Text(en: "run 'jsf check'", fr: "lancez 'jsf check'")])
        }
        let end = sectionEnd(ofHeadingAt: n)
        let before = indexed[(n + 1)..<end].map { SectionReplacement.Subclause(id: $0.id, number: $0.number, title: $0.title) }
        let inSection = Dictionary(((n + 1)..<end).map { (indexed[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        let elsewhere = Dictionary(
            indexed.enumerated().filter { !((n + 1)..<end).contains($0.offset) }.map { ($1.id, $1) }, uniquingKeysWith: { a, _ in a })
        let proposed = CCTPText(parsing: proposedText.trimmedNewlines)
        let place = Text(en: "the proposed text", fr: "le texte proposé")
        let problems = proposed.problems(requireIDs: false, file: place.en)
        if !problems.isEmpty {
            throw JSFError(
                .refused,
                Text(
                    en: "the headings of the proposed text break the rules of cctp.md",
                    fr: "les titres du texte proposé enfreignent les règles de cctp.md"),
                problems: problems)
        }
        let target = headings[n]
        let deeper = String(repeating: "#", count: min(target.level + 1, 6))
        for h in proposed.headings where h.level <= target.level {
            throw JSFError(
                .refused,
                Text(
                    en:
                        "line \(h.line) of the proposed text: heading '\(h.text)' is of level \(h.level), not inside the section of '\(id)' (level \(target.level))",
                    fr:
                        "ligne \(h.line) du texte proposé : le titre '\(h.text)' est de niveau \(h.level), hors de la section de '\(id)' (niveau \(target.level))"
                ),
                hints: [
                    Text(
                        en:
                            "the proposed text replaces what follows the heading of '\(id)': leave its heading out, and write sub-clauses as '\(deeper) …' headings",
                        fr:
                            "le texte proposé remplace ce qui suit le titre de '\(id)' : omettez ce titre, et écrivez les sous-clauses en titres '\(deeper) …'"
                    )
                ])
        }

        // Headings that name their id keep it (a sub-clause of the section) or bring a new one.
        var claimed: Set<String> = []
        var ids: [String?] = proposed.headings.map(\.id)
        for (k, h) in proposed.headings.enumerated() {
            guard let given = h.id else { continue }
            if inSection[given] != nil {
                claimed.insert(given)
            } else if let other = elsewhere[given] {
                let which = given == id ? "the clause itself" : "\(other.number) \(other.title)"
                let quelle = given == id ? "la clause elle-même" : "\(other.number) \(other.title)"
                throw JSFError(
                    .refused,
                    Text(
                        en: "line \(h.line) of the proposed text: '{#\(given)}' is the id of \(which), outside the section of '\(id)'",
                        fr: "ligne \(h.line) du texte proposé : '{#\(given)}' est l'identifiant de \(quelle), hors de la section de '\(id)'"),
                    hints: [
                        Text(
                            en: "remove '{#\(given)}' from that heading: a new heading gets its id when the text is applied",
                            fr: "retirez '{#\(given)}' de ce titre : un nouveau titre reçoit son identifiant quand le texte est appliqué")
                    ])
            }
            ids[k] = given
        }
        // Headings without an id keep the id of the unclaimed sub-clause with the same title, the same number first.
        var carried: [Int: [AttributeToken]] = [:]
        for (k, h) in proposed.headings.enumerated() where h.id == nil {
            let split = splitNumbering(h.text)
            let title = Self.matchKey(split.title)
            let candidates = ((n + 1)..<end).filter { !claimed.contains(indexed[$0].id) && Self.matchKey(indexed[$0].title) == title }
            let sameNumber = candidates.filter { split.number != nil && indexed[$0].number == split.number }
            guard let match = sameNumber.first ?? (candidates.count == 1 ? candidates.first : nil) else { continue }
            claimed.insert(indexed[match].id)
            ids[k] = indexed[match].id
            // A heading written without attributes keeps those of the sub-clause (a criterion stays one).
            if proposed.records[k].layout.blockRange == nil {
                carried[k] = (records[match].layout.tokens ?? []).filter {
                    if case .id = $0 { return false }
                    return true
                }
            }
        }
        // New headings get ids as publish gives them, unused anywhere in the document or the proposed text.
        var used = Set(indexed.map(\.id)).union(ids.compactMap { $0 })
        var assigned: [(Int, (id: String, carried: [AttributeToken]))] = []
        var kept: [String] = []
        var added: [String] = []
        for (k, h) in proposed.headings.enumerated() {
            if let known = ids[k] {
                if inSection[known] != nil { kept.append(known) } else { added.append(known) }
                if h.id == nil { assigned.append((k, (known, carried[k] ?? []))) }
                continue
            }
            let base = slug(h.text)
            var candidate = base
            var next = 2
            while used.contains(candidate) {
                candidate = "\(base)-\(next)"
                next += 1
            }
            used.insert(candidate)
            added.append(candidate)
            assigned.append((k, (candidate, [])))
        }
        let keptSet = Set(kept)
        return SectionPlan(
            heading: n, proposed: proposed, assigned: assigned,
            replacement: SectionReplacement(
                target: id, before: before, kept: kept, added: added, removed: before.filter { !keptSet.contains($0.id) }))
    }

    /// A title as headings are matched: case, accents and runs of blanks do not matter.
    private static func matchKey(_ title: String) -> String {
        title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}

/// The content hash of a section: each clause of it (the clause and its sub-clauses, in document order) as its
/// depth below the clause, id and content hash, one a line. Nil when the clause has no sub-clause: its own
/// content hash says it all. Renumbering the section does not change it; editing, adding, removing, moving
/// or retitling a sub-clause does.
func sectionContentHash(_ items: [(level: Int, id: String, hash: String)], at n: Int) -> String? {
    var end = n + 1
    while end < items.count, items[end].level > items[n].level { end += 1 }
    guard end > n + 1 else { return nil }
    let text = items[n..<end].map { "\($0.level - items[n].level) \($0.id) \($0.hash)\n" }.joined()
    return ObjectID.hashBlob(Data(text.utf8)).hex
}

extension ClauseIndex {
    /// The content hash of the section of clause `id` (see `sectionHash`); nil when it has no sub-clause.
    public func sectionHash(of id: String) -> String? {
        guard let n = positions[id] else { return nil }
        let section = [entries[n]] + subclauses(of: id)
        return sectionContentHash(section.map { ($0.level, $0.id, $0.hash) }, at: 0)
    }

    /// The sub-clauses of clause `id`, in document order: the entries after it of a deeper level.
    public func subclauses(of id: String) -> [IndexEntry] {
        guard let n = positions[id] else { return [] }
        var end = n + 1
        while end < entries.count, entries[end].level > entries[n].level { end += 1 }
        return Array(entries[(n + 1)..<end])
    }
}

extension Array where Element == Clause {
    /// The content hash of the section of clause `id` (see `sectionHash`); nil when it has no sub-clause.
    func sectionHash(of id: String) -> String? {
        guard let n = firstIndex(where: { $0.id == id }) else { return nil }
        return sectionContentHash(map { ($0.level, $0.id, $0.contentHash) }, at: n)
    }
}
