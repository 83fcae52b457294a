import Foundation
import JeSaisFaire

/// Reading award criteria written as text: "Prix : 40 %", "Valeur technique (60 points)", "40 % – Prix".
public enum CriteriaDetection {
    /// A criterion read from one line.
    public struct Item: Sendable, Equatable {
        public var label: String
        public var weight: Int
        /// The line says more than its label and weight (a description to keep as the criterion's text).
        public var hasMore: Bool
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

    /// The criterion a line states, nil when it carries no integer weight in % or points.
    public static func item(_ line: String) -> Item? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.count <= 200 else { return nil }
        let pattern = #/(?<value>\d{1,3}(?:[.,]\d+)?)\s*(?<unit>%|pour\s?cent|points?\b|pts?\b)/#.ignoresCase()
        guard let match = text.firstMatch(of: pattern) else { return nil }
        let raw = String(match.output.value)
        guard !raw.contains(","), !raw.contains("."), let weight = Int(raw), (0...100).contains(weight) else { return nil }
        let before = String(text[..<match.range.lowerBound])
        let after = String(text[match.range.upperBound...])
        var label = cleanLabel(before)
        var rest = after
        if label.isEmpty {
            label = cleanLabel(after)
            rest = ""
        }
        guard !label.isEmpty, label.filter(\.isLetter).count >= 2 else { return nil }
        let extra = rest.trimmingCharacters(in: CharacterSet(charactersIn: " )]:;.,–—-"))
        return Item(label: label, weight: weight, hasMore: extra.filter(\.isLetter).count >= 3)
    }

    static func cleanLabel(_ text: String) -> String {
        var s = text.trimmingCharacters(in: .whitespaces)
        // Leading list markers ("a)", "1.", "-", "•").
        if let m = s.firstMatch(of: #/^(?:[-•–—*]|[a-zA-Z0-9]{1,2}[.)°])\s+/#) { s = String(s[m.range.upperBound...]) }
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
