import ArgumentParser
import Foundation
import JeSaisFaire

/// What `jsf discover --json` prints: the contract docs/cli.md describes, kept apart from the domain's types so that
/// the JSON stays stable when the model changes.
extension Discover {
    struct Output: Encodable {
        var id: String
        var title: String
        var buyer: String
        var cpv: [String]
        var departements: [String]
        var regions: [String]
        var hub: String
        var draft: String
        var published: String
        var closes: String?
        var open: Bool
        var concerned: Bool?
        var why: String?
        /// The agent's key the entry names, and why the entry is not trusted (not signed by it), if so.
        var agentKey: String?
        var untrusted: String?
    }
}
