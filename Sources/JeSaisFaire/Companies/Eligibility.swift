/// Whether a company is concerned by a consultation: its domain (CPV) and its territory (DESIGN.md §1, issue 3).
public struct Eligibility: Sendable, Equatable {
    public enum Scope: String, Sendable, Codable {
        /// CPV codes match on their group (3 first digits): the default.
        case group
        /// CPV codes match on their division (2 first digits): a consultation may widen to this.
        case division
    }

    public var concerned: Bool { domainMatch != nil && territoryMatch != nil }
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
        outer: for mine in company.cpv {
            for theirs in consultation.cpv {
                let same = scope == .group ? mine.group == theirs.group : mine.division == theirs.division
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
        } else if let dep = company.departements.first(where: { dep in
            consultation.regions.contains { Territory.region($0)?.departements.contains(dep) ?? false }
        }),
            let region = Territory.departement(dep)?.region
        {
            territoryMatch = "region:\(region) (\(dep))"
        } else {
            territoryMatch = nil
        }
    }

    /// Why the company is (or is not) concerned, in a sentence.
    public func explanation(company: Identity, consultation: Consultation) -> Text {
        var en: [String] = []
        var fr: [String] = []
        let level = Text(en: scope == .group ? "group" : "division", fr: scope == .group ? "groupe" : "division")
        if let (mine, theirs) = domainMatch {
            let prefix = scope == .group ? mine.group : mine.division
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
            } else {
                en.append("you are established in \(territoryMatch)")
                fr.append("vous êtes établi en \(territoryMatch)")
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
