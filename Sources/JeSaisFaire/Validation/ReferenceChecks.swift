/// Bilingual wording of the reference-data rules (CPV, territory, SIRET) for commands and `jsf check`.
public enum CPVCheck {
    public struct Parsed: Sendable {
        public let code: CPVCode
        /// Set when the written check digit disagrees with the 3-7-1 rule: a warning only (DOMAIN.md §3.2).
        public let warning: Text?
    }

    public static func check(_ text: String) -> Result<Parsed, CPVCodeError> {
        do throws(CPVCodeError) {
            let code = try CPVCode(text)
            var warning: Text?
            if code.checkDigitDisagrees {
                warning = Text(
                    en:
                        "CPV code \(code): check digit \(code.givenCheckDigit!) differs from the 3-7-1 rule (\(code.expectedCheckDigit)); the published rule is known to be wrong for some genuine codes, so check it against the official list",
                    fr:
                        "code CPV \(code) : le chiffre de contrôle \(code.givenCheckDigit!) diffère de la règle 3-7-1 (\(code.expectedCheckDigit)) ; cette règle est fausse pour certains codes authentiques, vérifiez-le dans la liste officielle"
                )
            }
            return .success(Parsed(code: code, warning: warning))
        } catch {
            return .failure(error)
        }
    }

    /// Parses a list, throwing on the first malformed code; warnings are returned.
    public static func parseAll(_ texts: [String]) throws(JSFError) -> (codes: [CPVCode], warnings: [Text]) {
        var codes: [CPVCode] = []
        var warnings: [Text] = []
        for text in texts {
            switch check(text) {
            case .success(let parsed):
                if !codes.contains(parsed.code) { codes.append(parsed.code) }
                if let warning = parsed.warning { warnings.append(warning) }
            case .failure(let failure):
                throw JSFError(
                    .refused, failure.message,
                    hints: [
                        Text(
                            en: "CPV codes are listed at simap.ted.europa.eu; the division (2 first digits) must be one of the 45 of CPV 2008",
                            fr:
                                "les codes CPV sont listés sur simap.ted.europa.eu ; la division (2 premiers chiffres) doit être l'une des 45 du CPV 2008"
                        )
                    ])
            }
        }
        return (codes, warnings)
    }
}

public enum TerritoryCheck {
    static var regionList: String {
        Territory.regions.map(\.code).joined(separator: ", ")
    }

    static func badDepartement(_ code: String) -> Text {
        if code == "20" {
            return Text(
                en: "'20' is not a département code: Corsica is 2A (Corse-du-Sud) or 2B (Haute-Corse)",
                fr: "'20' n'est pas un code de département : la Corse est 2A (Corse-du-Sud) ou 2B (Haute-Corse)")
        }
        if code.count == 1, code.first!.isNumber {
            return Text(
                en: "'\(code)' is not a département code: write it with two digits ('0\(code)')",
                fr: "'\(code)' n'est pas un code de département : écrivez-le sur deux chiffres ('0\(code)')")
        }
        return Text(
            en: "'\(code)' is not a département code (01–95, 2A, 2B, 971–974, 976)",
            fr: "'\(code)' n'est pas un code de département (01–95, 2A, 2B, 971–974, 976)")
    }

    /// Parses command-line territory tokens ("67", "2A", "region:44") into the two lists of consultation.yml.
    public static func parseAll(_ tokens: [String]) throws(JSFError) -> (departements: [String], regions: [String]) {
        var departements: [String] = []
        var regions: [String] = []
        for token in tokens {
            do {
                switch try Territory.parse(token) {
                case .departement(let code): if !departements.contains(code) { departements.append(code) }
                case .region(let code): if !regions.contains(code) { regions.append(code) }
                }
            } catch {
                let text: Text
                let lowered = token.lowercased()
                if lowered.hasPrefix("region:") || lowered.hasPrefix("région:") {
                    text = Text(
                        en: "'\(token)' is not an INSEE région code (\(regionList))",
                        fr: "'\(token)' n'est pas un code de région INSEE (\(regionList))")
                } else {
                    text = badDepartement(token)
                }
                throw JSFError(
                    .refused, text,
                    hints: [
                        Text(
                            en: "départements are INSEE codes (67, 2A, 971); régions take a prefix (region:44)",
                            fr: "les départements sont des codes INSEE (67, 2A, 971) ; les régions prennent un préfixe (region:44)")
                    ])
            }
        }
        return (departements, regions)
    }
}
