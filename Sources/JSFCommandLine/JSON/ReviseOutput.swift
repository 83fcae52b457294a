import ArgumentParser
import JeSaisFaire

/// What `jsf revise --json` prints (docs/cli.md).
extension Revise {
    struct Output: Encodable {
        /// The alternatives this run applied.
        var applied: [Applied]
        /// Every proposal the next draft integrates.
        var pending: [String]
        /// Accepted alternatives not applied yet.
        var acceptable: [String]

        init(_ result: RevisionResult) {
            applied = result.applied.map { view in
                let p = view.proposal
                let section = result.sections[p.id]
                return Applied(
                    id: p.id, target: p.target, weights: p.weights.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.id, $0.weight) }) },
                    section: section.map { Section(kept: $0.kept, added: $0.added, removed: $0.removed.map(Subclause.init)) })
            }
            pending = result.pending
            acceptable = result.acceptable.map(\.proposal.id)
        }
    }

    struct Applied: Encodable {
        var id: String
        var target: String
        var weights: [String: Int]?
        /// For an alternative that replaced a section: what became of its sub-clauses.
        var section: Section?
    }

    struct Section: Encodable {
        /// Ids of the sub-clauses kept, in the new order.
        var kept: [String]
        /// Ids of the new headings.
        var added: [String]
        var removed: [Subclause]
    }

    struct Subclause: Encodable {
        var id: String
        var number: String
        var title: String

        init(_ subclause: SectionReplacement.Subclause) {
            id = subclause.id
            number = subclause.number
            title = subclause.title
        }
    }
}
