/// A message in both languages jsf speaks; the command line picks one.
public struct Text: Sendable, Equatable, Codable, CustomStringConvertible {
    public let en: String
    public let fr: String

    public init(en: String, fr: String) {
        self.en = en
        self.fr = fr
    }

    public var description: String { en }

    public func localized(_ language: Language) -> String {
        language == .fr ? fr : en
    }
}

/// The language of messages, chosen from LC_ALL, LC_MESSAGES and LANG (English when unset).
public enum Language: String, Sendable {
    case en, fr

    public static func from(environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("fr") ? .fr : .en
        }
        return .en
    }
}
