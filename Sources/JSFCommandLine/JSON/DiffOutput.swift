import ArgumentParser
import Foundation
import JeSaisFaire

/// What `jsf diff --json` prints: the contract docs/cli.md describes, kept apart from the domain's types so that
/// the JSON stays stable when the model changes.
extension Diff {
    struct Side: Encodable {
        var number: String
        var title: String
        var level: Int
        var parent: String?
        var weight: Int?
    }

    struct Change: Encodable {
        var id: String
        var changes: [String]
        var old: Side?
        var new: Side?
        var redline: String?
    }

    struct Output: Encodable {
        var from: String
        var to: String
        var clauses: [Change]
    }
}
