import Foundation

/// A percentage that a criterion's text gives as the criterion's own weight ("60 % de la note globale").
public struct WeightStatement: Sendable, Equatable {
    /// The value stated: 60 for «60 %», 12.5 for «12,5 %».
    public var value: Double
    /// The words that state it, as written.
    public var words: String
    /// Where the words start in the line, in characters.
    public var offset: Int

    /// "60", "12,5".
    public var valueText: String {
        value == value.rounded() ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
    }
}

/// Which percentages of a criterion's text state its weight (docs/format.md, "Criteria"). A percentage elsewhere in the
/// text (a rebate, a share of the meals, a sub-criterion's share) is not the criterion's weight and is left alone.
///
/// - In the criterion's own heading title, every percentage or number of points is its weight: «Valeur technique (60 %)».
/// - In a paragraph of its text, a percentage is its weight when it is qualified as a weight: followed by «de la note»
///   (globale, finale…), «du total», «des points» or «de la pondération», or preceded by «pondéré(e) à», «pondération
///   (de, :)», «coefficient (de)», «compte pour», «représente», «à hauteur de», «intervient pour»; or when the line is
///   the criterion's title and a percentage («Valeur technique : 60 %»).
/// - A list item, a table row or a sub-heading is a sub-criterion: its percentages are its own share, unless it speaks
///   of the criterion itself («ce critère», «le critère») or is the criterion's title and a percentage.
/// - «dont N %» and a «sous-critère» in the same part of the sentence are a sub-criterion's share.
public enum WeightStatements {
    /// The kinds of line a criterion's text is made of.
    public enum Line: Sendable {
        /// The criterion's own heading title.
        case title
        /// A paragraph line.
        case paragraph
        /// A list item, a table row or a sub-heading: a sub-criterion's line.
        case item
    }

    /// The weights `line` states for the criterion titled `criterion`.
    public static func statements(in line: String, kind: Line, criterion: String) -> [WeightStatement] {
        var found: [WeightStatement] = []
        let text = line
        let folded = fold(text)
        guard folded.count == text.count else { return [] }
        let chars = Array(text)
        let foldedChars = Array(folded)
        let criterionName = fold(criterion).trimmingCharacters(in: .whitespaces)
        let aboutCriterion = (folded.contains("ce critere") || folded.contains("le critere") || folded.contains("du critere"))
        let percentage = #/(?<value>\d{1,3}(?:[.,]\d{1,2})?)[ \u{00A0}\u{202F}]*(?<unit>%|pour[ \u{00A0}]?cents?\b|points?\b|pts?\b)/#
            .ignoresCase()
        for match in text.matches(of: percentage) {
            // Part of a longer number ("1 250 %" is not read, nor "2,15 %" as "15 %").
            if match.range.lowerBound > text.startIndex, let previous = text[..<match.range.lowerBound].last,
                previous.isNumber || previous == "," || previous == "."
            {
                continue
            }
            let start = text.distance(from: text.startIndex, to: match.range.lowerBound)
            let end = text.distance(from: text.startIndex, to: match.range.upperBound)
            let raw = String(match.output.value).replacingOccurrences(of: ",", with: ".")
            guard let value = Double(raw) else { continue }
            let before = String(foldedChars[..<start])
            let after = String(foldedChars[end...])
            let segment = before.split(whereSeparator: { ",;.:(".contains($0) }).last.map(String.init) ?? before
            let segmentWords = Set(segment.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init))
            if segmentWords.contains("dont") || segment.contains("sous-critere") || segment.contains("sous critere") { continue }
            let unit = match.output.unit.lowercased()
            let isPoints = unit.hasPrefix("point") || unit.hasPrefix("pt")
            let labelled = isLabel(before, criterion: criterionName) && after.trimmingCharacters(in: trailingGlue).isEmpty
            var states = false
            switch kind {
            case .title:
                states = true
            case .paragraph:
                states = !isPoints && (labelled || qualifiedAfter(after) || qualifiedBefore(before))
            case .item:
                states =
                    !isPoints
                    && (labelled || (aboutCriterion && !folded.contains("sous-critere") && (qualifiedAfter(after) || qualifiedBefore(before))))
            }
            guard states else { continue }
            var wordsEnd = end
            if let qualifier = qualifier(after) { wordsEnd += after.distance(from: after.startIndex, to: qualifier.range.upperBound) }
            found.append(WeightStatement(value: value, words: String(chars[start..<wordsEnd]), offset: start))
        }
        if kind == .title {
            for match in folded.matches(of: #/\bnote?e?s?\s+sur\s+(?<value>\d{1,3})\b(?!\s*(?:%|points?|pts?))/#) {
                guard let value = Double(match.output.value) else { continue }
                let start = folded.distance(from: folded.startIndex, to: match.range.lowerBound)
                let end = folded.distance(from: folded.startIndex, to: match.range.upperBound)
                found.append(WeightStatement(value: value, words: String(chars[start..<end]), offset: start))
            }
        }
        return found.sorted { $0.offset < $1.offset }
    }

    /// «de la note (globale…)», «du total»… right after the number, in folded text.
    static func qualifier(_ after: String) -> Regex<Substring>.Match? {
        after.firstMatch(
            of:
                #/^[ \u{00A0}\u{202F}]*(?:de\s+la\s+(?:note|notation|ponderation)(?:\s+(?:globale|finale|totale|generale|de\s+l'offre))?|du\s+total|des\s+points|de\s+l'evaluation)/#
        )
    }

    static func qualifiedAfter(_ after: String) -> Bool { qualifier(after) != nil }

    /// `after` (the text that follows a weight) without a leading «de la note globale», «du total»….
    public static func droppingQualifier(_ after: String) -> String {
        let folded = fold(after)
        guard folded.count == after.count, let match = qualifier(folded) else { return after }
        return String(after.dropFirst(folded.distance(from: folded.startIndex, to: match.range.upperBound)))
    }

    static func qualifiedBefore(_ before: String) -> Bool {
        let tail = before.trimmingCharacters(in: CharacterSet(charactersIn: " \u{00A0}\u{202F}:=(–—-"))
        return tail.firstMatch(
            of:
                #/(?:\bponderee?s?\s+(?:a|de)|\bponderation(?:\s+(?:de|egale\s+a|fixee\s+a|a\s+hauteur\s+de))?|\bcoefficient(?:\s+de)?|\bcompte\s+pour|\brepresente|\ba\s+hauteur\s+de|\bintervient\s+pour|\bcomptant\s+pour|\bpese)$/#
        ) != nil
    }

    static let trailingGlue = CharacterSet(charactersIn: " \u{00A0}\u{202F})].;,–—-")

    /// The text before the number is the criterion's title alone, after a list marker or «Critère n° 2 :».
    static func isLabel(_ before: String, criterion: String) -> Bool {
        guard !criterion.isEmpty else { return false }
        var s = before.trimmingCharacters(in: .whitespaces)
        if let m = s.firstMatch(of: #/^(?:[-•–—*+]|\d{1,2}[.)°]|[a-z][.)]|\|)\s*/#) { s = String(s[m.range.upperBound...]) }
        if let m = s.firstMatch(of: #/^critere\s*(?:n\s*°|no\.?|n\.)?\s*\d{1,2}\s*[:–—.-]?\s*/#) { s = String(s[m.range.upperBound...]) }
        s = s.trimmingCharacters(in: CharacterSet(charactersIn: " \u{00A0}\u{202F}:(–—-=,;[|"))
        for article in ["le ", "la ", "les ", "l'"] where s.hasPrefix(article) && !criterion.hasPrefix(article) {
            s.removeFirst(article.count)
        }
        return s == criterion
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .replacingOccurrences(of: "’", with: "'")
    }
}
