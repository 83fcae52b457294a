import ArgumentParser
import JeSaisFaire

/// What `jsf show CLAUSE --json` prints: the clause and its sub-clauses, each with its own text (docs/cli.md).
extension Show {
    struct Output: Encodable {
        var version: String
        var commit: String
        var clause: Clause
        /// The sub-clauses, in document order, at any depth; empty with --own.
        var subclauses: [Clause]
    }

    /// One clause: its entry of clauses.yml and its own text (heading and body as written, without its sub-clauses).
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
        var text: String

        init(_ entry: IndexEntry, text: String) {
            id = entry.id
            number = entry.number
            title = entry.title
            level = entry.level
            parent = entry.parent
            kind = entry.kind.rawValue
            weight = entry.weight
            hash = entry.hash
            self.text = text
        }
    }
}
