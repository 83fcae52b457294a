import ArgumentParser
import Foundation
import JeSaisFaire

/// What `jsf verify --json` prints: the contract docs/cli.md describes, kept apart from the domain's types so that
/// the JSON stays stable when the model changes.
extension Verify {
    struct Output: Encodable {
        struct Problem: Encodable {
            var object: String?
            var rule: String
            var message: String
        }
        struct Ref: Encodable {
            var ref: String
            var local: String
            var tip: String?
            var ok: Bool
            var problems: [Problem]
        }
        var ok: Bool
        var refs: [Ref]
        /// The reveals recorded on published (absent when none).
        var reveals: [Log.RevealOutput]?
    }
}
