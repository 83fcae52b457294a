import Foundation
import Git

/// Where a proposal stands against the current draft, like a review comment ported to a new patch set.
public enum CarryOver: String, Sendable, Codable {
    /// Its target is unchanged since the draft it reacted to.
    case current
    /// Its target changed since: the company should re-examine it.
    case outdated
    /// Its target was removed.
    case orphaned
    /// Integrated, answered, rejected, withdrawn or superseded.
    case resolved
}

/// A proposal with everything known about it: the agent's thread and its state against the current draft.
public struct ProposalView: Sendable {
    public var record: ProposalRecord
    public var response: Response?
    public var carry: CarryOver
    /// The target as it is in the current draft; nil when removed.
    public var currentTarget: IndexEntry?

    public var proposal: Proposal { record.proposal }

    /// One word for tables: withdrawn, superseded, the agent's latest status, or open.
    public var status: String {
        switch record.state {
        case .withdrawn: return "withdrawn"
        case .superseded: return "superseded"
        case .open: return response?.status?.rawValue ?? "open"
        }
    }
}

/// The agent's answers on the dialogue branch, and the views companies and agent read.
public enum Dialogue {
    static let remote = "refs/remotes/origin/dialogue"

    /// The dialogue tip this clone reads: the local branch (the agent's), else origin's copy.
    static func tip(_ repository: Repository) throws(JSFError) -> (local: ObjectID?, base: ObjectID?) {
        try gitCall(Text(en: "cannot read the dialogue branch", fr: "impossible de lire la branche dialogue")) {
            let local = try repository.reference(named: Layout.dialogue)?.target
            let remote = try repository.reference(named: remote)?.target
            return (local, local ?? remote)
        }
    }

    /// Every response, by proposal id.
    public static func responses(_ repository: Repository) throws(JSFError) -> (responses: [String: Response], problems: [Problem]) {
        guard let tip = try tip(repository).base else { return ([:], []) }
        return try gitCall(Text(en: "cannot read the answers", fr: "impossible de lire les réponses")) {
            var responses: [String: Response] = [:]
            var problems: [Problem] = []
            for entry in try repository.treeEntries(at: tip, path: "responses") where entry.mode == .blob && entry.name.hasSuffix(".md") {
                let file = "dialogue:responses/\(entry.name)"
                let (response, issues) = Response.parse(String(decoding: try repository.blob(entry.id), as: UTF8.self), file: file)
                problems += issues
                if let response { responses[response.proposal] = response }
            }
            return (responses, problems)
        }
    }

    /// Every proposal with its answers and carry-over state against the current draft.
    public static func views(_ workspace: Workspace, role: Role) throws(JSFError) -> (views: [ProposalView], current: CurrentDraft?, problems: [Problem]) {
        let repository = workspace.repository
        let (records, problems) = try ProposalStore.all(repository)
        let (responses, responseProblems) = try responses(repository)
        let current: CurrentDraft? = try workspace.drafts().isEmpty ? nil : Proposing.currentDraft(workspace, role: role)
        let entries = Dictionary((current?.index.entries ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let views = records.map { record -> ProposalView in
            let response = responses[record.proposal.id]
            let target = entries[record.proposal.target]
            let carry: CarryOver
            if record.state != .open || [.integrated, .answered, .rejected].contains(response?.status) {
                carry = .resolved
            } else if target == nil {
                carry = .orphaned
            } else if target?.hash != record.proposal.targetHash {
                carry = .outdated
            } else {
                carry = .current
            }
            return ProposalView(record: record, response: response, carry: carry, currentTarget: target)
        }
        return (views, current, problems + responseProblems)
    }

    /// Finds one proposal by id, suggesting the closest ids otherwise.
    public static func find(_ id: String, in views: [ProposalView]) throws(JSFError) -> ProposalView {
        if let view = views.first(where: { $0.proposal.id == id.uppercased() || $0.proposal.id == id }) { return view }
        let closest = views.map { ($0.proposal.id, ClauseLookup.distance(id.uppercased(), $0.proposal.id)) }.sorted { $0.1 < $1.1 }.prefix(3).map(\.0)
        throw JSFError(.refused, Text(en: "no proposal '\(id)'", fr: "pas de proposition '\(id)'"),
                       hints: [Text(en: closest.isEmpty ? "there is no proposal yet; 'jsf fetch' gets the latest" : "closest ids: \(closest.joined(separator: ", ")); 'jsf inbox' lists them all",
                                    fr: closest.isEmpty ? "il n'y a encore aucune proposition ; 'jsf fetch' récupère les dernières" : "identifiants les plus proches : \(closest.joined(separator: ", ")) ; 'jsf inbox' les liste tous")])
    }

    /// Appends the agent's answer to a proposal's thread on the dialogue branch, without touching the working tree.
    public static func comment(_ workspace: Workspace, id: String, text: String, status: ResponseStatus?, identity: Identity,
                               context: Context) throws(JSFError) -> Response {
        let (views, _, _) = try views(workspace, role: .agent)
        let view = try find(id, in: views)
        if view.record.state == .withdrawn {
            throw JSFError(.refused, Text(en: "\(view.proposal.id) was withdrawn by its company: there is nothing to answer",
                                          fr: "\(view.proposal.id) a été retirée par son entreprise : il n'y a rien à répondre"))
        }
        if status == .integrated {
            throw JSFError(.usage, Text(en: "'integrated' is set by 'jsf publish' for the proposals 'jsf revise --apply' applied",
                                        fr: "'integrated' est posé par 'jsf publish' pour les propositions appliquées par 'jsf revise --apply'"))
        }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else {
            throw JSFError(.refused, Text(en: "the answer is empty", fr: "la réponse est vide"),
                           hints: [Text(en: "give it with -m TEXT or -F FILE", fr: "donnez-la avec -m TEXTE ou -F FICHIER")])
        }
        let entry = ResponseEntry(created: Timestamp.format(context.clock.now, timeZone: context.clock.timeZone),
                                  status: status ?? view.response?.entries.last(where: { $0.status != .integrated })?.status ?? .answered,
                                  version: nil, text: body)
        var response = view.response ?? Response(proposal: view.proposal.id, entries: [])
        response.entries.append(entry)
        try write([response], message: "\(view.proposal.id): \(entry.status.rawValue)\n", workspace: workspace, signature: context.signature(for: identity))
        return response
    }

    /// Commits responses on the agent's dialogue branch (an orphan branch), compare-and-swap.
    static func write(_ responses: [Response], message: String, workspace: Workspace, signature: Signature) throws(JSFError) {
        let repository = workspace.repository
        let (local, base) = try tip(repository)
        var files: [String: Data?] = [:]
        for response in responses { files[Response.path(for: response.proposal)] = Data(response.markdown().utf8) }
        try gitCall(Text(en: "cannot write on the dialogue branch", fr: "impossible d'écrire sur la branche dialogue"),
                    hint: Text(en: "another jsf may have written at the same time; run the command again", fr: "un autre jsf a peut-être écrit en même temps ; relancez la commande")) {
            let baseTree = try base.map { try repository.commit($0).tree }
            let tree = try repository.writeTree(files: files, base: baseTree)
            _ = try repository.createCommit(tree: tree, parents: base.map { [$0] } ?? [], author: signature, committer: signature,
                                            message: message, updating: Layout.dialogue, expectedTip: local)
        }
    }

    /// The cctp.md of draft vN, nil when there is no such draft.
    public static func draftSource(_ workspace: Workspace, version: Int) throws(JSFError) -> String? {
        guard let draft = try? workspace.draft("v\(version)") else { return nil }
        return try workspace.text(Layout.cctpFile, at: draft.commit)
    }

    /// The text of a clause (heading and body) as it stood in a draft.
    public static func clauseText(_ workspace: Workspace, id: String, version: Int) throws(JSFError) -> String? {
        try draftSource(workspace, version: version).flatMap { Reading.clauseSource($0, id: id) }
    }

    /// The body of a clause (without its heading) in a text.
    public static func clauseBody(_ source: String, id: String) -> String? {
        (try? CCTPText(parsing: source).clauses())?.first { $0.id == id }?.body
    }
}
