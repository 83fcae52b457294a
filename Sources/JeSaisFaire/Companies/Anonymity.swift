import Foundation

/// Finds what would name a company in a text it is about to publish under its pseudonym.
public enum Anonymity {
    /// Common mail providers: their domains say nothing about the company.
    static let publicMailDomains: Set<String> = [
        "gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "neuf.fr", "outlook.com", "outlook.fr",
        "hotmail.com", "hotmail.fr", "live.fr", "yahoo.fr", "yahoo.com", "icloud.com", "protonmail.com", "proton.me", "gmx.fr",
    ]
    static let legalForms: Set<String> = ["sarl", "sas", "sasu", "sa", "eurl", "sci", "snc", "scop", "sca", "ei", "eirl", "scic"]

    /// Each identifying item found, described for the user.
    public static func findings(in text: String, identity: Identity) -> [Text] {
        let folded = fold(text)
        var found: [Text] = []
        names: for name in [identity.organisation, identity.name].compactMap({ $0 }) {
            for candidate in nameVariants(name) where containsWord(folded, candidate) {
                found.append(Text(en: "your name '\(name)'", fr: "votre nom '\(name)'"))
                break names
            }
        }
        let runs = digitRuns(text)
        if let siret = identity.siret {
            if runs.contains(where: { $0.contains(siret) }) {
                found.append(Text(en: "your SIRET \(siret)", fr: "votre SIRET \(siret)"))
            } else if runs.contains(where: { $0.contains(String(siret.prefix(9))) }) {
                found.append(Text(en: "your SIREN \(siret.prefix(9))", fr: "votre SIREN \(siret.prefix(9))"))
            }
        }
        if let email = identity.email?.lowercased(), !email.isEmpty {
            if folded.contains(fold(email)) {
                found.append(Text(en: "your email \(email)", fr: "votre email \(email)"))
            } else if let domain = email.split(separator: "@").last.map(String.init), !publicMailDomains.contains(domain), folded.contains(domain) {
                found.append(Text(en: "your mail domain \(domain)", fr: "votre domaine de messagerie \(domain)"))
            }
        }
        if let phone = identity.phone {
            var digits = phone.filter(\.isNumber)
            if digits.hasPrefix("33") && digits.count == 11 { digits = "0" + digits.dropFirst(2) }
            let core = String(digits.suffix(9))
            if core.count == 9, runs.contains(where: { $0.contains(core) }) {
                found.append(Text(en: "your phone number \(phone)", fr: "votre numéro de téléphone \(phone)"))
            }
        }
        if let website = identity.website {
            var domain = website.lowercased()
            for prefix in ["https://", "http://"] where domain.hasPrefix(prefix) { domain = String(domain.dropFirst(prefix.count)) }
            if domain.hasPrefix("www.") { domain = String(domain.dropFirst(4)) }
            domain = String(domain.split(separator: "/").first ?? "")
            if domain.count >= 4, folded.contains(domain) {
                found.append(Text(en: "your web site \(domain)", fr: "votre site web \(domain)"))
            }
        }
        return found
    }

    /// Lowercased, accents removed, runs of blanks made single.
    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The name, and the name without its legal form ("Nettoyage Rhénan SARL" → "nettoyage rhenan").
    static func nameVariants(_ name: String) -> [String] {
        let folded = fold(name)
        let words = folded.split(separator: " ").map(String.init)
        let core = words.filter { !legalForms.contains($0.replacingOccurrences(of: ".", with: "").trimmingCharacters(in: .punctuationCharacters)) }
            .joined(separator: " ")
        return [folded, core].filter { $0.count >= 4 }
    }

    /// True when `needle` occurs in `text` as whole words ("alsa" is not in "l'alsace").
    static func containsWord(_ text: String, _ needle: String) -> Bool {
        var start = text.startIndex
        while let range = text.range(of: needle, range: start..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false) && !(before?.isNumber ?? false) && !(after?.isLetter ?? false) && !(after?.isNumber ?? false) {
                return true
            }
            start = text.index(after: range.lowerBound)
        }
        return false
    }

    /// Digits of each run of digits, spaces, dots and dashes: "732 829 320 00074" → "73282932000074".
    static func digitRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = ""
        for character in text {
            if character.isNumber && character.isASCII {
                current.append(character)
            } else if character == " " || character == "." || character == "-" || character == "\u{00A0}" {
                continue
            } else {
                if !current.isEmpty { runs.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
