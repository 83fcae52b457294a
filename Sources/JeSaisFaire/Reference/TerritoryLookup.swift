import Foundation

/// A territory as written on the command line: a département or a région.
public enum TerritoryCode: Hashable, Sendable, CustomStringConvertible {
    case departement(String)
    case region(String)

    /// "67" or "region:44".
    public var description: String {
        switch self {
        case .departement(let code): return code
        case .region(let code): return "region:\(code)"
        }
    }
}

/// A territory token that names no département or région. Messages are English.
public enum TerritoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String, hint: String?)

    public var description: String {
        switch self {
        case .unknown(let token, let hint):
            let kind: String
            if Territory.regionSuffix(token) != nil {
                kind = "a région code"
            } else if !token.isEmpty, token.count <= 5,
                token.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) })
            {
                kind = "a département code"
            } else {
                kind = "a département or région code"
            }
            let head = "'\(token)' is not \(kind)"
            if let hint { return "\(head): \(hint)" }
            return head
        }
    }
}

extension Region {
    /// «en Auvergne-Rhône-Alpes», «dans le Grand Est», «à La Réunion»: where a company is, in a French sentence.
    public var located: String {
        switch code {
        case "04", "06": return "à \(name)"
        case "44": return "dans le \(name)"
        case "32", "52": return "dans les \(name)"
        default: return "en \(name)"
        }
    }
}

extension Territory {
    private static let departementIndex: [String: Departement] =
        Dictionary(uniqueKeysWithValues: departements.map { ($0.code, $0) })
    private static let regionIndex: [String: Region] =
        Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })

    /// Exact INSEE code ("01", "2A", "971"); case-insensitive for 2a/2b. "1" is not "01".
    public static func departement(_ code: String) -> Departement? {
        departementIndex[code.trimmingCharacters(in: .whitespaces).uppercased()]
    }

    /// "44" or "region:44" (also "région:44", prefix case-insensitive).
    public static func region(_ code: String) -> Region? {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        return regionIndex[regionSuffix(trimmed) ?? trimmed]
    }

    /// The part after "region:" / "région:" (case-insensitive), or nil if there is no such prefix.
    static func regionSuffix(_ token: String) -> String? {
        for prefix in ["region:", "région:"] {
            if token.prefix(prefix.count).lowercased() == prefix {
                return String(token.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private static let regionCodeList = regions.map(\.code).joined(separator: ", ")
    private static let generalHint =
        "départements are 01–19, 2A, 2B, 21–95, 971–974 and 976; write a région as region:NN (e.g. region:44)"

    /// Parses "67", "2A", "971" (département) or "region:44" (région).
    public static func parse(_ token: String) throws(TerritoryError) -> TerritoryCode {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            throw .unknown(trimmed, hint: "write a département code (e.g. 67, 2A, 971) or region:NN")
        }
        if let code = regionSuffix(trimmed) {
            if let region = regionIndex[code] { return .region(region.code) }
            var hint = "région codes are \(regionCodeList)"
            if let dep = departement(code), let region = regionIndex[dep.region] {
                hint =
                    "\(dep.code) is the département \(dep.name) (write \(dep.code)); it is in the région \(region.name) (write region:\(region.code))"
            }
            throw .unknown(trimmed, hint: hint)
        }
        if let dep = departement(trimmed) { return .departement(dep.code) }
        throw .unknown(trimmed, hint: hint(forUnknown: trimmed))
    }

    private static func hint(forUnknown token: String) -> String {
        let isDigits = token.unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 }
        if token == "20" { return "Corsica is 2A (Corse-du-Sud) or 2B (Haute-Corse)" }
        if let name = nonDepartementOverseas[token] {
            return "\(token) (\(name)) is outside the 101 départements"
        }
        if isDigits, token.count == 1, let dep = departementIndex["0" + token] {
            return "département codes have two digits: write \(dep.code) (\(dep.name))"
        }
        if token.count == 5 {
            let upper = token.uppercased()
            if upper.hasPrefix("20") {
                return "this looks like a postal code; a Corsican postal code does not tell 2A from 2B: write 2A or 2B"
            }
            if let dep = departementIndex[String(upper.prefix(3))] ?? departementIndex[String(upper.prefix(2))] {
                return "this looks like a postal or commune code: write the département code (e.g. \(dep.code))"
            }
        }
        // A name instead of a code.
        let folded = fold(token)
        if let dep = departements.first(where: { fold($0.name) == folded }) {
            return "write the département code: \(dep.code) (\(dep.name))"
        }
        if let region = regions.first(where: { fold($0.name) == folded }) {
            return "write the région as region:\(region.code) (\(region.name))"
        }
        return generalHint
    }

    private static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            .replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "’", with: "'")
    }

    /// True when `dep` is listed in `departements` or belongs to one of `regions`
    /// (written "44" or "region:44"); true when both lists are empty (national).
    public static func covers(departements: [String], regions: [String], departement dep: String) -> Bool {
        if departements.isEmpty && regions.isEmpty { return true }
        let wanted = dep.trimmingCharacters(in: .whitespaces).uppercased()
        if departements.contains(where: { $0.trimmingCharacters(in: .whitespaces).uppercased() == wanted }) {
            return true
        }
        guard let regionCode = departementIndex[wanted]?.region else { return false }
        return regions.contains { region($0)?.code == regionCode }
    }
}
