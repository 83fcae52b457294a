import Foundation

/// `criteria.weight-text`: a criterion whose text states a weight other than its `weight` (docs/format.md, "Criteria").
extension Checker {
    /// The rule's code; `jsf approve` refuses a draft that has one.
    public static let weightTextCode = "criteria.weight-text"

    /// A warning for each percentage a criterion's title, body or sub-criteria state as its weight and that differs from it.
    static func weightTextProblems(_ text: CCTPText, file: String) -> [Problem] {
        var problems: [Problem] = []
        let headings = text.headings
        for (n, heading) in headings.enumerated() where heading.classes.contains("criterion") {
            guard let weight = heading.attributes["weight"].flatMap(CCTPText.parseWeight) else { continue }
            let title = splitNumbering(heading.text).title
            var found: [(line: Int, statement: WeightStatement)] = WeightStatements.statements(in: title, kind: .title, criterion: title).map {
                (heading.line, $0)
            }
            // Its text: its body and its sub-headings (sub-criteria), up to the next heading of its level or above, or another criterion.
            var end = n + 1
            while end < headings.count, headings[end].level > heading.level, !headings[end].classes.contains("criterion") { end += 1 }
            for m in n..<end {
                if m > n {
                    let sub = splitNumbering(headings[m].text).title
                    found += WeightStatements.statements(in: sub, kind: .item, criterion: title).map { (headings[m].line, $0) }
                }
                for line in logicalLines(text, ofHeadingAt: m) {
                    found += WeightStatements.statements(in: line.text, kind: line.isItem ? .item : .paragraph, criterion: title).map {
                        (line.number, $0)
                    }
                }
            }
            let name = heading.id ?? title
            for (line, statement) in found where statement.value != Double(weight) {
                problems.append(
                    Problem(
                        .warning, file: file, line: line, key: heading.id, code: weightTextCode,
                        en:
                            "criterion '\(name)' weighs \(weight) but its text says «\(statement.words)»: the criteria and their weights must be announced without ambiguity (R2152-12, transparency L3); make the text say \(weight) % or remove the percentage",
                        fr:
                            "le critère « \(name) » pèse \(weight) mais son texte dit « \(statement.words) » : les critères et leur pondération doivent être annoncés sans ambiguïté (R2152-12, transparence L3) ; faites dire \(weight) % au texte ou retirez le pourcentage"
                    ))
            }
        }
        return problems
    }

    /// The body of heading `n` as paragraphs and items, each on one line (a wrapped paragraph joined), with its first line number.
    static func logicalLines(_ text: CCTPText, ofHeadingAt n: Int) -> [(number: Int, text: String, isItem: Bool)] {
        var out: [(number: Int, text: String, isItem: Bool)] = []
        var open = false
        for i in text.bodyRange(ofHeadingAt: n) {
            let line = text.lines[i].trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                open = false
                continue
            }
            let isItem = line.firstMatch(of: #/^(?:[-*+•]\s|\d{1,3}[.)]\s|[a-z][.)]\s|\|)/#) != nil
            if open, !isItem, !line.hasPrefix("|"), let last = out.indices.last {
                out[last].text += " " + line
            } else {
                out.append((i + 1, line, isItem))
            }
            open = true
        }
        return out
    }
}
