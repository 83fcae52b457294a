import Foundation

/// The words people type for a kind, a cost effect or an answer's status: the English values of the files
/// (docs/format.md) and the French words of the screens, case, accents, spaces and underscores ignored. Files keep
/// the English values; these are only read from the command line.
enum Vocabulary {
    /// "Précision", "demande de précision", "DEMANDE_DE_PRECISION" → "demande-de-precision".
    static func key(_ word: String) -> String {
        let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces)
        return folded.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: "-")
    }

    static func find<T>(_ word: String, in words: [(T, [String])]) -> T? {
        let typed = key(word)
        return words.first { $0.1.contains(typed) }?.0
    }
}

extension ProposalKind {
    /// English values and their French words: clarification is also «question», «précision», «demande de précision».
    public static let words: [(ProposalKind, [String])] = [
        (.solution, ["solution"]),
        (.clarification, ["clarification", "question", "precision", "demande-de-precision"]),
        (.alternative, ["alternative", "variante"]),
    ]

    /// The kind a user typed, in English or French; nil for anything else.
    public init?(word: String) {
        guard let kind = Vocabulary.find(word, in: Self.words) else { return nil }
        self = kind
    }
}

extension CostImpact {
    /// English values and their French words (hausse, baisse, neutre, inconnu).
    public static let words: [(CostImpact, [String])] = [
        (.up, ["up", "hausse", "en-hausse"]),
        (.down, ["down", "baisse", "en-baisse"]),
        (.neutral, ["neutral", "neutre"]),
        (.unknown, ["unknown", "inconnu", "inconnue"]),
    ]

    /// The cost effect a user typed, in English or French; nil for anything else.
    public init?(word: String) {
        guard let cost = Vocabulary.find(word, in: Self.words) else { return nil }
        self = cost
    }
}

extension ResponseStatus {
    /// English values and their French words, as the screens write them (répondue, acceptée, …).
    public static let words: [(ResponseStatus, [String])] = [
        (.answered, ["answered", "repondue", "repondu"]),
        (.accepted, ["accepted", "acceptee", "accepte"]),
        (.partiallyAccepted, ["partially-accepted", "partiellement-acceptee", "partiellement-accepte"]),
        (.rejected, ["rejected", "rejetee", "rejete"]),
        (.noted, ["noted", "notee", "note"]),
        (.integrated, ["integrated", "integree", "integre"]),
    ]

    /// The status a user typed, in English or French; nil for anything else.
    public init?(word: String) {
        guard let status = Vocabulary.find(word, in: Self.words) else { return nil }
        self = status
    }
}

/// The statuses `jsf inbox --status` selects: an answer's, or open, withdrawn, superseded; typed in English or French.
public enum InboxStatus {
    public static let values = ["open"] + ResponseStatus.allCases.map(\.rawValue) + ["withdrawn", "superseded"]

    static let words: [(String, [String])] =
        [("open", ["open", "ouverte", "ouvert"])] + ResponseStatus.words.map { ($0.0.rawValue, $0.1) }
        + [("withdrawn", ["withdrawn", "retiree", "retire"]), ("superseded", ["superseded", "remplacee", "remplace"])]

    /// The English value of a status a user typed; nil for anything else.
    public static func value(of word: String) -> String? { Vocabulary.find(word, in: words) }
}

extension InboxStatus {
    /// The word the screens show for a status value: «ouverte», «répondue», «partiellement acceptée», …,
    /// «retirée», «remplacée»; the value itself for one jsf does not know.
    public static func label(of value: String) -> Text {
        switch value {
        case "open": return Text(en: "open", fr: "ouverte")
        case "withdrawn": return Text(en: "withdrawn", fr: "retirée")
        case "superseded": return Text(en: "superseded", fr: "remplacée")
        default: return ResponseStatus(rawValue: value)?.label ?? Text(en: value, fr: value)
        }
    }
}

extension CostImpact {
    /// One word for tables: up, down, neutral, unknown; hausse, baisse, neutre, inconnu.
    public var word: Text {
        switch self {
        case .up: return Text(en: "up", fr: "hausse")
        case .down: return Text(en: "down", fr: "baisse")
        case .neutral: return Text(en: "neutral", fr: "neutre")
        case .unknown: return Text(en: "unknown", fr: "inconnu")
        }
    }
}

extension CarryOver {
    /// Where a proposal stands against the current draft, as the screens say it.
    public var label: Text {
        switch self {
        case .current: return Text(en: "current", fr: "à jour")
        case .outdated: return Text(en: "outdated", fr: "obsolète")
        case .orphaned: return Text(en: "orphaned", fr: "orpheline")
        case .resolved: return Text(en: "resolved", fr: "résolue")
        }
    }
}
