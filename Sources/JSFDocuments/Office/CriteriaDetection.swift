import Foundation
import JeSaisFaire

/// Reading award criteria written as text: "Prix : 40 %", "Valeur technique (60 points)", "40 % – Prix".
public enum CriteriaDetection {
    /// A criterion read from one line.
    public struct Item: Sendable, Equatable {
        public var label: String
        public var weight: Int
        /// The line says more than its label and weight (a description to keep as the criterion's text).
        public var hasMore: Bool { rest.filter(\.isLetter).count >= 3 }
        /// What the line says after its label and weight («apprécié au vu du mémoire technique»), capitalised.
        public var rest: String = ""

        public init(label: String, weight: Int, rest: String = "") {
            self.label = label
            self.weight = weight
            self.rest = rest
        }
    }

    /// Is this the title of the award criteria section? ("Critères d'attribution", "Critères de jugement des offres",
    /// "Jugement des offres", "Critères de sélection des offres", "Pondération des critères"…)
    public static func isCriteriaTitle(_ title: String) -> Bool {
        let t = fold(title)
        if t.contains("critere") {
            return ["attribution", "jugement", "offre", "analyse", "notation", "choix", "selection", "evaluation", "ponderation", "classement"]
                .contains { t.contains($0) } || t.split(separator: " ").count <= 2
        }
        return t.contains("jugement des offres") || t.contains("analyse des offres") || t.contains("ponderation")
    }

    /// The criterion a line states, nil when it carries no integer weight in % or points («noté sur 60» too).
    /// Its label leaves out «Critère n° 2 :» and the weight's own words; a label in capitals is put in sentence case.
    public static func item(_ line: String) -> Item? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.count <= 200 else { return nil }
        let pattern = #/(?<value>\d{1,3}(?:[.,]\d+)?)\s*(?<unit>%|pour\s?cent|points?\b|pts?\b)/#.ignoresCase()
        let noted = #/(?:not[ée]e?s?|évaluée?s?)\s+sur\s+(?<value>\d{1,3})\b/#.ignoresCase()
        let found: (value: Substring, range: Range<String.Index>)
        if let match = text.firstMatch(of: pattern) {
            found = (match.output.value, match.range)
        } else if let match = text.firstMatch(of: noted) {
            found = (match.output.value, match.range)
        } else {
            return nil
        }
        let raw = String(found.value)
        guard !raw.contains(","), !raw.contains("."), let weight = Int(raw), (0...100).contains(weight) else { return nil }
        let before = String(text[..<found.range.lowerBound])
        let after = WeightStatements.droppingQualifier(String(text[found.range.upperBound...]))
        var label = cleanLabel(before)
        var rest = after
        if label.isEmpty {
            label = cleanLabel(after)
            rest = ""
        }
        guard !label.isEmpty, label.filter(\.isLetter).count >= 2 else { return nil }
        let extra = rest.trimmingCharacters(in: CharacterSet(charactersIn: " )]:;.,–—-"))
        return Item(label: sentenceCase(label), weight: weight, rest: extra.prefix(1).uppercased() + extra.dropFirst())
    }

    /// «VALEUR TECHNIQUE» → «Valeur technique»; a label with lower-case letters is kept as written.
    public static func sentenceCase(_ label: String) -> String {
        let letters = label.filter(\.isLetter)
        guard letters.count >= 2, letters.allSatisfy({ !$0.isLowercase }) else { return label }
        let lower = label.lowercased()
        return lower.prefix(1).uppercased() + lower.dropFirst()
    }

    static func cleanLabel(_ text: String) -> String {
        var s = text.trimmingCharacters(in: .whitespaces)
        // Leading list markers ("a)", "1.", "-", "•").
        if let m = s.firstMatch(of: #/^(?:[-•–—*]|[a-zA-Z0-9]{1,2}[.)°])\s+/#) { s = String(s[m.range.upperBound...]) }
        // "Critère 1 :", "CRITERE N°2 –", "Critère n° 3." before the label.
        if let m = s.firstMatch(of: #/^crit[èeé]re\s*(?:n\s*°|no\.?|n\.)?\s*\d{1,2}\s*(?:[:.–—-]\s*)?/#.ignoresCase()) {
            s = String(s[m.range.upperBound...])
        }
        // Trailing glue before the weight: "Prix : ", "Prix (", "Prix – ", "Prix pondéré à ", "Prix, noté sur".
        for _ in 0..<3 {
            s = s.trimmingCharacters(in: CharacterSet(charactersIn: " :(–—-=,;[\t"))
            for tail in ["pondéré à", "pondérée à", "pondération de", "pondération", "noté sur", "notée sur", "soit", "à hauteur de", "sur"]
            where fold(s).hasSuffix(fold(tail)) {
                s = String(s.dropLast(tail.count))
            }
        }
        s = s.trimmingCharacters(in: CharacterSet(charactersIn: " :(–—-=,;[\t"))
        // A label is not a sentence.
        if s.count > 90 { return "" }
        return s
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
    }
}
