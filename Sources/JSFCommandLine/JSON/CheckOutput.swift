import ArgumentParser
import JeSaisFaire

/// What `jsf check --json` prints: the contract docs/cli.md describes, kept apart from the domain's types so that
/// the JSON stays stable when the model changes.
extension Check {
    struct Output: Encodable {
        struct Item: Encodable {
            var severity: String
            var file: String
            var line: Int?
            var key: String?
            var code: String
            var message: String
        }

        var passed: Bool
        var errors: Int
        var warnings: Int
        var problems: [Item]
    }
}
