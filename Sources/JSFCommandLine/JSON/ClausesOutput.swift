import ArgumentParser
import JeSaisFaire

/// What `jsf clauses --json` prints: the contract docs/cli.md describes, kept apart from the domain's types so that
/// the JSON stays stable when the model changes.
extension Clauses {
    struct Output: Encodable {
        var version: String
        var commit: String
        var clauses: [Clause]
    }

    /// One entry of clauses.yml, field for field (nil fields are left out).
    struct Clause: Encodable {
        var id: String
        var number: String
        var title: String
        var level: Int
        var parent: String?
        /// clause or criterion.
        var kind: String
        var weight: Int?
        var hash: String
        var introduced: Int
        var changed: Int

        init(_ entry: IndexEntry) {
            id = entry.id
            number = entry.number
            title = entry.title
            level = entry.level
            parent = entry.parent
            kind = entry.kind.rawValue
            weight = entry.weight
            hash = entry.hash
            introduced = entry.introduced
            changed = entry.changed
        }
    }
}
