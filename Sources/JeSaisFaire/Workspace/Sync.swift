import Foundation
import Git

/// Exchanges with the hub (the remote 'origin').
public enum Sync {
    public static let remote = "origin"

    /// The hub's URL, nil when the consultation has none.
    public static func hub(of workspace: Workspace) throws(JSFError) -> String? {
        try gitCall { try workspace.repository.remoteURL(remote) }
    }

    /// Pushes the refs `role` owns; returns the refspecs pushed.
    @discardableResult
    public static func push(_ workspace: Workspace, role: Role, pseudonym: String? = nil,
                            progress: ((TransferProgress) -> Void)? = nil) throws(JSFError) -> [String] {
        guard let url = try hub(of: workspace) else {
            throw JSFError(.refused, Text(en: "this consultation has no hub (no remote 'origin')", fr: "cette consultation n'a pas de hub (pas de remote 'origin')"),
                           hints: [Text(en: "add one with 'git remote add origin URL'", fr: "ajoutez-en un avec 'git remote add origin URL'")])
        }
        var refspecs: [String]
        switch role {
        case .agent:
            refspecs = Layout.pushRefspecs(for: .agent, draftTags: try workspace.drafts().map(\.version))
            if try gitCall(nil, { try workspace.repository.reference(named: Layout.dialogue) }) != nil {
                refspecs.append("\(Layout.dialogue):\(Layout.dialogue)")
            }
        default:
            refspecs = Layout.pushRefspecs(for: role, pseudonym: pseudonym)
        }
        let repository = workspace.repository
        refspecs = try gitCall {
            try refspecs.filter { spec in try repository.reference(named: String(spec.split(separator: ":").first ?? "")) != nil }
        }
        guard !refspecs.isEmpty else { return [] }
        try gitCall(Text(en: "cannot push to '\(url)'", fr: "impossible de pousser vers '\(url)'"),
                    hint: Text(en: "check the network and the hub, then run 'jsf push' again",
                               fr: "vérifiez le réseau et le hub, puis relancez 'jsf push'")) {
            try repository.push(remote: remote, refspecs: refspecs, progress: progress)
        }
        return refspecs
    }
}
