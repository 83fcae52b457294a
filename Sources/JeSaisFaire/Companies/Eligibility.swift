/// Whether a company is concerned by a consultation: its domain (CPV) and its territory (DESIGN.md §1, issue 3).
public struct Eligibility: Sendable, Equatable {
    public enum Scope: String, Sendable, Codable {
        /// CPV codes match on their group (3 first digits): the default.
        case group
        /// CPV codes match on their division (2 first digits): a consultation may widen to this.
        case division
        /// Every company may take part, whatever its CPV codes and territory: sourcing that restricts no one.
        case open

        /// The CPV prefix that must match: "division" under `division`, else "group".
        var level: Text { self == .division ? Text(en: "division", fr: "division") : Text(en: "group", fr: "groupe") }
    }

    public var concerned: Bool { scope == .open || (domainMatch != nil && territoryMatch != nil) }

    /// What the company declares it qualifies by, recorded in each proposal it writes; nil when the consultation
    /// is open to all or the company is not concerned.
    public var basis: DeclaredBasis? {
        guard scope != .open, let domainMatch, let territoryMatch else { return nil }
        let prefix = scope == .group ? domainMatch.company.group : domainMatch.company.division
        let territory = territoryMatch == "national" ? DeclaredBasis.national : (territoryDepartement ?? territoryMatch)
        return DeclaredBasis(cpv: prefix, territory: territory)
    }

    /// The company's département that matched the territory; nil for a national consultation or no match.
    public var territoryDepartement: String?
    /// The pair of codes that matched (company code, consultation code); nil when none.
    public var domainMatch: (company: CPVCode, consultation: CPVCode)?
    /// Why the territory matches ("67", "region:44 (68)", "national"); nil when it does not.
    public var territoryMatch: String?
    public var scope: Scope

    public static func == (lhs: Eligibility, rhs: Eligibility) -> Bool {
        lhs.domainMatch?.company == rhs.domainMatch?.company && lhs.domainMatch?.consultation == rhs.domainMatch?.consultation
            && lhs.territoryMatch == rhs.territoryMatch && lhs.scope == rhs.scope
    }

    public init(company: Identity, consultation: Consultation) {
        scope = consultation.eligibility
        domainMatch = nil
        territoryDepartement = nil
        outer: for mine in company.cpv {
            for theirs in consultation.cpv {
                let same = scope == .division ? mine.division == theirs.division : mine.group == theirs.group
                if same {
                    domainMatch = (mine, theirs)
                    break outer
                }
            }
        }
        if consultation.departements.isEmpty && consultation.regions.isEmpty {
            territoryMatch = "national"
        } else if let dep = company.departements.first(where: { consultation.departements.contains($0) }) {
            territoryMatch = dep
            territoryDepartement = dep
        } else if let dep = company.departements.first(where: { dep in
            consultation.regions.contains { Territory.region($0)?.departements.contains(dep) ?? false }
        }),
            let region = Territory.departement(dep)?.region
        {
            territoryMatch = "region:\(region) (\(dep))"
            territoryDepartement = dep
        } else {
            territoryMatch = nil
        }
    }

    /// Why the company is (or is not) concerned, in a sentence.
    public func explanation(company: Identity, consultation: Consultation) -> Text {
        if scope == .open {
            return Text(
                en: "the consultation is open to every company, whatever its CPV codes and territory",
                fr: "la consultation est ouverte à toutes les entreprises, quels que soient leurs codes CPV et leur territoire")
        }
        var en: [String] = []
        var fr: [String] = []
        let level = scope.level
        if let (mine, theirs) = domainMatch {
            let prefix = scope == .division ? mine.division : mine.group
            en.append("your CPV \(mine) shares the \(level.en) \(prefix) with \(theirs)")
            fr.append("votre CPV \(mine) partage le \(level.fr) \(prefix) avec \(theirs)")
        } else {
            let yours = company.cpv.map(\.description).joined(separator: ", ")
            let theirs = consultation.cpv.map(\.description).joined(separator: ", ")
            en.append("none of your CPV codes (\(yours.isEmpty ? "none" : yours)) shares a \(level.en) with the consultation's (\(theirs))")
            fr.append(
                "aucun de vos codes CPV (\(yours.isEmpty ? "aucun" : yours)) ne partage de \(level.fr) avec ceux de la consultation (\(theirs))")
        }
        if let territoryMatch {
            if territoryMatch == "national" {
                en.append("the consultation is national")
                fr.append("la consultation est nationale")
            } else if let rest = Territory.regionSuffix(territoryMatch), let code = rest.split(separator: " ").first,
                let region = Territory.region(String(code))
            {
                // "region:84 (01)": the région by its name, with the département that placed the company in it.
                let departement = rest.dropFirst(code.count)
                en.append("you are established in \(region.name)\(departement)")
                fr.append("vous êtes établi \(region.located)\(departement)")
            } else {
                en.append("you are established in \(territoryMatch)")
                fr.append("vous êtes établi dans le département \(territoryMatch)")
            }
        } else {
            let yours = company.departements.joined(separator: ", ")
            let theirs = (consultation.departements + consultation.regions.map { "region:\($0)" }).joined(separator: ", ")
            en.append("none of your départements (\(yours.isEmpty ? "none" : yours)) is in its territory (\(theirs))")
            fr.append("aucun de vos départements (\(yours.isEmpty ? "aucun" : yours)) n'est dans son territoire (\(theirs))")
        }
        return Text(en: en.joined(separator: "; "), fr: fr.joined(separator: " ; "))
    }
}

/// The basis a company declared for taking part, in each proposal (`declared:`): the CPV prefix it shares with the
/// consultation (a group of 3 digits, or a division of 2 under `eligibility: division`) and the département by
/// which it is in the territory, or `national`. The report states it per pseudonym, and the hub's hook checks it
/// against the consultation.
public struct DeclaredBasis: Sendable, Equatable, Hashable {
    public static let national = "national"

    public var cpv: String
    public var territory: String

    public init(cpv: String, territory: String) {
        self.cpv = cpv
        self.territory = territory
    }

    /// Why `self` does not qualify for `consultation`; nil when it does.
    public func mismatch(with consultation: Consultation) -> Text? {
        let scope = consultation.eligibility
        if scope == .open { return nil }
        let prefixes = Set(consultation.cpv.map { scope == .division ? $0.division : $0.group })
        let width = scope == .division ? 2 : 3
        if cpv.count != width || !prefixes.contains(cpv) {
            let level = scope.level
            return Text(
                en: "the declared CPV \(level.en) \(cpv) is not one of the consultation's (\(prefixes.sorted().joined(separator: ", ")))",
                fr: "le \(level.fr) CPV déclaré \(cpv) n'est pas l'un de ceux de la consultation (\(prefixes.sorted().joined(separator: ", ")))")
        }
        let national = consultation.departements.isEmpty && consultation.regions.isEmpty
        if territory == DeclaredBasis.national {
            if national { return nil }
            return Text(
                en: "'national' is declared, but the consultation has a territory",
                fr: "« national » est déclaré, mais la consultation a un territoire")
        }
        let inside =
            consultation.departements.contains(territory)
            || consultation.regions.contains { Territory.region($0)?.departements.contains(territory) ?? false }
        if national || Territory.departement(territory) == nil || !inside {
            return Text(
                en: "the declared département '\(territory)' is not in the consultation's territory",
                fr: "le département déclaré « \(territory) » n'est pas dans le territoire de la consultation")
        }
        return nil
    }
}
