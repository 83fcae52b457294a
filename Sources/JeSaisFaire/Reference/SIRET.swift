import Foundation

/// Luhn checksum: from the right, double every second digit, subtract 9 above 9, sum mod 10 = 0.
public enum Luhn {
    /// False for an empty string or any non-ASCII-digit character.
    public static func isValid(_ digits: String) -> Bool {
        let values = digits.unicodeScalars.map { Int($0.value) - 48 }
        guard !values.isEmpty, values.allSatisfy({ (0...9).contains($0) }) else { return false }
        var sum = 0
        for (i, v) in values.reversed().enumerated() {
            if i % 2 == 1 {
                let d = v * 2
                sum += d > 9 ? d - 9 : d
            } else {
                sum += v
            }
        }
        return sum % 10 == 0
    }
}

/// Why a text is not a SIRET; the messages name the value as written (trimmed).
public enum SIRETError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case checksum(String)

    public var message: Text {
        switch self {
        case .malformed(let text):
            return Text(en: "'\(text)' is not a SIRET: expected 14 digits", fr: "'\(text)' n'est pas un SIRET : 14 chiffres sont attendus")
        case .checksum(let text):
            return Text(
                en: "'\(text)' is not a valid SIRET: its check digit is wrong (Luhn)",
                fr: "'\(text)' n'est pas un SIRET valide : sa clé de contrôle est fausse (Luhn)")
        }
    }

    public var description: String { message.en }
}

/// Spaces (including non-breaking ones) removed; nil unless what remains is `count` ASCII digits.
private func normalisedDigits(_ text: String, count: Int) -> String? {
    let kept = text.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) }
    guard kept.count == count, kept.allSatisfy({ $0.value >= 48 && $0.value <= 57 }) else { return nil }
    return String(String.UnicodeScalarView(kept))
}

public enum SIRET {
    /// SIREN of La Poste, whose SIRETs use the digit-sum-mod-5 rule instead of Luhn.
    public static let laPosteSIREN = "356000000"

    /// 14 digits (spaces allowed), Luhn over all 14; for SIREN 356000000 (La Poste), when Luhn
    /// fails, digit sum ≡ 0 mod 5. Returns the normalised 14 digits.
    public static func validate(_ text: String) throws(SIRETError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let digits = normalisedDigits(trimmed, count: 14) else { throw .malformed(trimmed) }
        if Luhn.isValid(digits) { return digits }
        if digits.hasPrefix(laPosteSIREN) {
            let sum = digits.unicodeScalars.reduce(0) { $0 + Int($1.value) - 48 }
            if sum % 5 == 0 { return digits }
        }
        throw .checksum(trimmed)
    }

    public static func isValid(_ text: String) -> Bool {
        (try? validate(text)) != nil
    }

    /// The SIREN (first 9 digits) of a valid SIRET, nil otherwise.
    public static func siren(of text: String) -> String? {
        (try? validate(text)).map { String($0.prefix(9)) }
    }
}

public enum SIREN {
    /// 9 digits (spaces allowed), Luhn.
    public static func isValid(_ text: String) -> Bool {
        guard let digits = normalisedDigits(text.trimmingCharacters(in: .whitespacesAndNewlines), count: 9) else {
            return false
        }
        return Luhn.isValid(digits)
    }
}
