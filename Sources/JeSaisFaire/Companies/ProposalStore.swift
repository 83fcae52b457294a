import Foundation
internal import Git

/// Where a proposal stands as far as its company is concerned.
public enum ProposalState: String, Sendable, Codable {
    case open, withdrawn, superseded
}

/// A proposal as found in the repository.
public struct ProposalRecord: Sendable {
    public var proposal: Proposal
    /// The ref it was read from.
    public var ref: String
    public var state: ProposalState
}

/// Reads and writes proposal branches without touching the working tree or the index.
public enum ProposalStore {
    static let remotePrefix = "refs/remotes/origin/proposals/"

    /// Every proposal branch, one ref per pseudonym: the local branch when there is one, unless origin's copy
    /// is ahead of it (its owner pushed from another machine). Enumerated by glob in two passes, never ref by ref.
    static func branches(_ repository: Repository) throws(JSFError) -> [Pseudonym: Reference] {
        try gitCall(Text(en: "cannot list the proposal branches", fr: "impossible de lister les branches de propositions")) {
            var chosen: [Pseudonym: Reference] = [:]
            for ref in try repository.references(matching: remotePrefix + "*") {
                if let p = Pseudonym(code: String(ref.name.dropFirst(remotePrefix.count))) { chosen[p] = ref }
            }
            for ref in try repository.references(matching: Layout.proposalsPrefix + "*") {
                guard let p = Pseudonym(code: String(ref.name.dropFirst(Layout.proposalsPrefix.count))) else { continue }
                if let remote = chosen[p]?.target, let local = ref.target, local != remote, try repository.isAncestor(local, of: remote) { continue }
                chosen[p] = ref
            }
            return chosen
        }
    }

    /// Whether the company `pseudonym` has a proposal branch here (local or origin's).
    static func hasBranch(_ workspace: Workspace, of pseudonym: Pseudonym) throws(JSFError) -> Bool {
        try branch(workspace.repository, of: pseudonym) != nil
    }

    /// The branch of one pseudonym, chosen as `branches` would; nil when there is none.
    static func branch(_ repository: Repository, of pseudonym: Pseudonym) throws(JSFError) -> Reference? {
        try gitCall {
            let local = try repository.reference(named: Layout.proposals(of: pseudonym.code))
            let remote = try repository.reference(named: remotePrefix + pseudonym.code)
            if let l = local?.target, let r = remote?.target, l != r, try repository.isAncestor(l, of: r) { return remote }
            return local ?? remote
        }
    }

    /// Every proposal of every branch, sorted by pseudonym and number, with its state.
    static func all(_ repository: Repository) throws(JSFError) -> (records: [ProposalRecord], problems: [Problem]) {
        // A one-pass scan of many small objects: no strict hash verification, no object cache (DESIGN.md §5).
        try? Repository.tuneForScans()
        var proposals: [(Proposal, String)] = []
        var problems: [Problem] = []
        for (pseudonym, ref) in try branches(repository).sorted(by: { $0.key < $1.key }) {
            guard let tip = ref.target else { continue }
            let (found, issues) = try read(repository, tip: tip, pseudonym: pseudonym, refName: ref.name)
            proposals += found.map { ($0, ref.name) }
            problems += issues
        }
        // A company amends only its own proposals: a supersedes naming another's is ignored (and refused by the hub).
        let superseded = Set(
            proposals.compactMap { proposal, _ -> String? in
                guard proposal.withdrawn == nil, let target = proposal.supersedes, Proposal.parseID(target)?.0 == proposal.pseudonym else {
                    return nil
                }
                return target
            })
        let records = proposals.map { proposal, ref in
            ProposalRecord(
                proposal: proposal, ref: ref,
                state: proposal.withdrawn != nil ? .withdrawn : superseded.contains(proposal.id) ? .superseded : .open)
        }
        return (records, problems)
    }

    /// The proposals on one branch tip.
    static func read(_ repository: Repository, tip: ObjectID, pseudonym: Pseudonym, refName: String) throws(JSFError) -> ([Proposal], [Problem]) {
        try gitCall(Text(en: "cannot read \(refName)", fr: "impossible de lire \(refName)")) {
            var proposals: [Proposal] = []
            var problems: [Problem] = []
            let tree = try repository.commit(tip).tree
            for entry in try repository.tree(tree) where entry.mode == .blob {
                guard entry.name.hasSuffix(".md"), let number = Int(entry.name.dropLast(3)), number > 0, entry.name.first != "0" else { continue }
                let file =
                    "\(refName.replacingOccurrences(of: "refs/heads/", with: "").replacingOccurrences(of: "refs/remotes/", with: "")):\(entry.name)"
                let text = String(decoding: try repository.blob(entry.id), as: UTF8.self)
                let (proposal, issues) = Proposal.parse(text, file: file)
                problems += issues
                guard let proposal else { continue }
                if proposal.pseudonym != pseudonym || proposal.number != number {
                    problems.append(
                        Problem(
                            file: file, code: "proposal.misplaced",
                            en: "holds proposal \(proposal.id), which belongs elsewhere",
                            fr: "contient la proposition \(proposal.id), qui appartient ailleurs"))
                    continue
                }
                proposals.append(proposal)
            }
            return (proposals.sorted { $0.number < $1.number }, problems)
        }
    }

    /// The tip a company writes on: its local branch, or origin's copy when this clone has none yet.
    static func tips(_ repository: Repository, pseudonym: Pseudonym) throws(JSFError) -> (local: ObjectID?, base: ObjectID?) {
        try gitCall {
            let local = try repository.reference(named: Layout.proposals(of: pseudonym.code))?.target
            let remote = try repository.reference(named: remotePrefix + pseudonym.code)?.target
            // Build on origin's copy when it is ahead (the company pushed from another machine).
            if let local, let remote, local != remote, try repository.isAncestor(local, of: remote) { return (local, remote) }
            return (local, local ?? remote)
        }
    }

    /// Commits on the company's branch (created from origin's copy or as an orphan) what `build` makes from the tip
    /// it is given, compare-and-swap against that same tip, rebuilt when another writer moved the branch meanwhile:
    /// two commands at once never write the same number twice.
    static func commit<T>(
        _ repository: Repository, pseudonym: Pseudonym, signature: Signature, signer: SSHSigner,
        build: (_ base: ObjectID?) throws(JSFError) -> (files: [String: Data?], message: String, value: T)
    ) throws(JSFError) -> (ObjectID, T) {
        try BranchWriter.commit(
            repository, ref: Layout.proposals(of: pseudonym.code),
            failure: Text(en: "cannot write on proposals/\(pseudonym.code)", fr: "impossible d'écrire sur proposals/\(pseudonym.code)"),
            signature: signature, signer: signer,
            tips: { () throws(JSFError) in try tips(repository, pseudonym: pseudonym) }, build: build)
    }
}
