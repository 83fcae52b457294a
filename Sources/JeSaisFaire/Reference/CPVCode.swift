import Foundation

/// Why a text is not a CPV code, with its stable code for `jsf check` and its message in both languages.
public enum CPVCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not 8 digits optionally followed by `-D`. Carries the offending text (trimmed).
    case malformed(String)
    /// Well formed, but the first two digits are not one of the 45 divisions.
    case unknownDivision(String, division: String)

    /// "cpv.malformed", "cpv.unknown-division".
    public var code: String {
        switch self {
        case .malformed: return "cpv.malformed"
        case .unknownDivision: return "cpv.unknown-division"
        }
    }

    public var message: Text {
        switch self {
        case .malformed(let text):
            return Text(
                en: "'\(text)' is not a CPV code: expected 8 digits, optionally followed by -D (e.g. 72000000-5)",
                fr: "'\(text)' n'est pas un code CPV : 8 chiffres sont attendus, éventuellement suivis de -C (ex. 72000000-5)")
        case .unknownDivision(let text, let division):
            return Text(
                en: "'\(text)' is not a CPV code: division \(division) does not exist",
                fr: "'\(text)' n'est pas un code CPV : la division \(division) n'existe pas")
        }
    }

    public var description: String { message.en }
}

/// A code of the CPV 2008 main vocabulary: 8 digits and an optional check digit (`72000000-5`).
///
/// The format and the division are validated. The check digit is never an error: the published
/// algorithm is broken (DOMAIN.md §3.2), so a mismatch only sets `checkDigitDisagrees`.
/// Encodes and decodes as a single string (`description`).
public struct CPVCode: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The 8 digits.
    public let digits: String
    /// The check digit as written after the dash, if any.
    public let givenCheckDigit: Int?

    /// Accepts "72000000", "72000000-5", with surrounding whitespace; rejects anything else.
    public init(_ text: String) throws(CPVCodeError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let chars = Array(trimmed.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        let ok: Bool
        switch chars.count {
        case 8: ok = chars.allSatisfy(isDigit)
        case 10: ok = chars[0..<8].allSatisfy(isDigit) && chars[8] == "-" && isDigit(chars[9])
        default: ok = false
        }
        guard ok else { throw .malformed(trimmed) }
        let digits = String(String.UnicodeScalarView(chars[0..<8]))
        let division = String(digits.prefix(2))
        guard CPVDivisions.labels[division] != nil else {
            throw .unknownDivision(trimmed, division: division)
        }
        self.digits = digits
        self.givenCheckDigit = chars.count == 10 ? Int(chars[9].value - 48) : nil
    }

    /// First 2 digits.
    public var division: String { String(digits.prefix(2)) }
    /// First 3 digits.
    public var group: String { String(digits.prefix(3)) }
    /// First 4 digits.
    public var cpvClass: String { String(digits.prefix(4)) }
    /// First 5 digits.
    public var category: String { String(digits.prefix(5)) }

    /// French label of the division, nil when unknown.
    public var divisionLabel: String? { CPVDivisions.labels[division] }

    /// Whether the code is a division itself (`XX000000`).
    public var isDivision: Bool { digits.hasSuffix("000000") }

    /// Check digit from the empirical rule: weights 3,7,1 repeating from the left, sum mod 10.
    /// Matches ~94.4 % of genuine codes only.
    public var expectedCheckDigit: Int {
        let weights = [3, 7, 1]
        var sum = 0
        for (i, scalar) in digits.unicodeScalars.enumerated() {
            sum += Int(scalar.value - 48) * weights[i % 3]
        }
        return sum % 10
    }

    /// The official check digit when this code is a division (`XX000000`), from `CPVDivisions.checkDigits`.
    public var officialCheckDigit: Int? {
        isDivision ? CPVDivisions.checkDigits[division] : nil
    }

    /// True when a check digit was written and it differs from the official one (for divisions)
    /// or, otherwise, from `expectedCheckDigit`. A warning, never an error.
    public var checkDigitDisagrees: Bool {
        guard let given = givenCheckDigit else { return false }
        return given != (officialCheckDigit ?? expectedCheckDigit)
    }

    /// As written, normalised: "72000000-5" or "72000000".
    public var description: String {
        if let given = givenCheckDigit { return "\(digits)-\(given)" }
        return digits
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CPVCode(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
