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

/// A file `<n>.md` on a proposal branch that breaks the rules (docs/format.md): shown marked invalid with its
/// reasons, never as a genuine proposal, and never counted.
public struct InvalidProposal: Sendable {
    public var pseudonym: Pseudonym
    public var number: Int
    /// The ref it was read from.
    public var ref: String
    /// "proposals/7F3K9Q2M:3.md".
    public var file: String
    /// What could be read of it; nil when it cannot be read as a proposal at all.
    public var proposal: Proposal?
    /// Every rule it breaks, at least one.
    public var reasons: [Problem]

    /// "7F3K9Q2M-3", from its branch and its file name.
    public var id: String { "\(pseudonym.code)-\(number)" }

    /// One warning for lists that leave it out (the report): "<file>: 7F3K9Q2M-3 is not a genuine proposal: …".
    public var asProblem: Problem {
        Problem(
            .warning, file: file, code: "proposal.invalid",
            en: "\(id) breaks the rules and is left out: " + reasons.map(\.message.en).joined(separator: "; "),
            fr: "\(id) enfreint les règles et est laissée de côté : " + reasons.map(\.message.fr).joined(separator: " ; "))
    }
}

/// The published drafts as the proposal rules read them (ProposalRules): each draft's index, consultation and
/// images read once, on first use, whatever the number of proposals that react to it.
final class DraftBook {
    private let repository: Repository
    private var facts: [Int: DraftFacts?] = [:]

    init(_ repository: Repository) {
        self.repository = repository
    }

    /// Draft vN as published here (an annotated tag v<N>); nil when there is none, or it cannot be read.
    func facts(_ version: Int) throws -> DraftFacts? {
        if let known = facts[version] { return known }
        var found: DraftFacts?
        if version > 0, let ref = try repository.reference(named: Layout.draftTag(version)), let target = ref.target,
            try repository.objectType(target) == .tag
        {
            let commit = try repository.resolveCommit(ref.name)
            if let data = try repository.contents(ofPath: Layout.indexFile, at: commit), let text = String(data: data, encoding: .utf8),
                let index = ClauseIndex.parse(text, file: Layout.indexFile).0
            {
                let consultation = try repository.contents(ofPath: Layout.consultationFile, at: commit)
                    .flatMap { String(data: $0, encoding: .utf8) }.flatMap { Consultation.parse($0).0 }
                let images = Set(try repository.treeEntries(at: commit, path: Assets.directory).map { Assets.directory + "/" + $0.name })
                found = DraftFacts(index: index, consultation: consultation, images: images)
            }
        }
        facts[version] = .some(found)
        return found
    }
}

/// What one proposal branch holds: the genuine proposals, the files that break the rules, and what could not be
/// read at all (a file that is not `<n>.md`, …).
struct BranchProposals {
    var proposals: [Proposal] = []
    var invalid: [InvalidProposal] = []
    var problems: [Problem] = []
    /// Every number a file `<n>.md` holds, genuine or not: a writer never reuses one.
    var numbers: Set<Int> = []
}

/// Every proposal of every branch: the genuine ones with their state, and those that break the rules.
struct ProposalListing {
    var records: [ProposalRecord] = []
    var invalid: [InvalidProposal] = []
    var problems: [Problem] = []
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

    /// Every genuine proposal of every branch, sorted by pseudonym and number, with its state; the files that break
    /// the rules are among the problems, as warnings.
    static func all(_ repository: Repository, reader: SealReader? = nil) throws(JSFError) -> (records: [ProposalRecord], problems: [Problem]) {
        let listing = try listing(repository, reader: reader)
        return (listing.records, listing.problems + listing.invalid.map(\.asProblem))
    }

    /// Every proposal of every branch, each checked by the rules of ProposalRules against the draft it names (each
    /// draft read once): the genuine ones sorted by pseudonym and number with their state, and those that break the rules.
    static func listing(_ repository: Repository, reader: SealReader? = nil) throws(JSFError) -> ProposalListing {
        // A one-pass scan of many small objects: no strict hash verification, no object cache (DESIGN.md §5).
        try? Repository.tuneForScans()
        let drafts = DraftBook(repository)
        var proposals: [(Proposal, String)] = []
        var listing = ProposalListing()
        for (pseudonym, ref) in try branches(repository).sorted(by: { $0.key < $1.key }) {
            guard let tip = ref.target else { continue }
            let branch = try read(repository, tip: tip, pseudonym: pseudonym, refName: ref.name, drafts: drafts, reader: reader)
            proposals += branch.proposals.map { ($0, ref.name) }
            listing.invalid += branch.invalid
            listing.problems += branch.problems
        }
        listing.records = records(proposals)
        return listing
    }

    /// The proposals with their state: a company amends only its own proposals (a supersedes naming another's is
    /// ignored, and refused by the hub).
    static func records(_ proposals: [(Proposal, String)]) -> [ProposalRecord] {
        let superseded = Set(
            proposals.compactMap { proposal, _ -> String? in
                guard proposal.withdrawn == nil, let target = proposal.supersedes, Proposal.parseID(target)?.0 == proposal.pseudonym else {
                    return nil
                }
                return target
            })
        return proposals.map { proposal, ref in
            ProposalRecord(
                proposal: proposal, ref: ref,
                state: proposal.withdrawn != nil ? .withdrawn : superseded.contains(proposal.id) ? .superseded : .open)
        }
    }

    /// The proposals on one branch tip. With `drafts`, each is checked by every rule of ProposalRules (its key.pub,
    /// its draft) and those that break one are set apart as invalid; without, only whether it can be read (for a
    /// writer, which needs the numbers taken and the proposals it amends or withdraws).
    /// With `reader` too, each confidential proposal it can open is read with its sealed content (Confidential.swift).
    static func read(
        _ repository: Repository, tip: ObjectID, pseudonym: Pseudonym, refName: String, drafts: DraftBook? = nil, reader: SealReader? = nil
    ) throws(JSFError) -> BranchProposals {
        try gitCall(Text(en: "cannot read \(refName)", fr: "impossible de lire \(refName)")) {
            var branch = BranchProposals()
            let place = ["refs/heads/", "refs/remotes/"].first(where: refName.hasPrefix).map { String(refName.dropFirst($0.count)) } ?? refName
            let entries = try repository.tree(repository.commit(tip).tree)
            var numbered: [(Int, TreeEntry)] = []
            var key: Data?
            var sealedFiles: [Int: TreeEntry] = [:]
            for entry in entries {
                if let number = ProposalRules.number(ofFile: entry.name) {
                    branch.numbers.insert(number)
                    numbered.append((number, entry))
                } else if let number = ProposalRules.number(ofSealed: entry.name) {
                    sealedFiles[number] = entry
                } else if entry.name == "key.pub", entry.mode == .blob {
                    key = try repository.blob(entry.id)
                }
            }
            // The branch's key.pub makes every proposal on it genuine or not.
            let keyFindings = drafts == nil ? [] : ProposalRules.key(key, pseudonym: pseudonym, file: "\(place):key.pub")
            for (number, entry) in numbered.sorted(by: { $0.0 < $1.0 }) {
                let file = "\(place):\(entry.name)"
                var findings = keyFindings
                var proposal: Proposal?
                if entry.mode != .blob {
                    findings.append(
                        ProposalFinding(
                            .tree, Problem(file: file, code: "proposal.not-a-file", en: "is not a file", fr: "n'est pas un fichier")))
                } else if let size = try? repository.objectSize(entry.id), size > ProposalRules.maximumFileBytes {
                    // Never read into memory: its size alone says it is not a proposal.
                    findings.append(ProposalRules.tooLarge(size, file: file))
                } else {
                    var (read, found) = ProposalRules.read(try repository.blob(entry.id), name: entry.name, pseudonym: pseudonym, file: file)
                    findings += found
                    if let listed = read, let drafts, listed.confidential || sealedFiles[number] != nil {
                        let (opened, more) = try Confidential.read(
                            listed, sealed: sealedFiles[number], repository: repository, file: file, facts: drafts.facts(listed.version),
                            reader: reader)
                        read = opened
                        findings += more
                    }
                    proposal = read
                    if let read, let drafts {
                        findings += try ProposalRules.content(read, numbers: branch.numbers, file: file, draft: drafts.facts)
                    }
                }
                if findings.isEmpty, let proposal {
                    branch.proposals.append(proposal)
                } else {
                    branch.invalid.append(
                        InvalidProposal(
                            pseudonym: pseudonym, number: number, ref: refName, file: file, proposal: proposal,
                            reasons: findings.map(\.problem)))
                }
            }
            if drafts != nil {
                for (number, _) in sealedFiles.sorted(by: { $0.key < $1.key }) where !branch.numbers.contains(number) {
                    branch.problems.append(
                        Problem(
                            .warning, file: "\(place):\(number).sealed", code: "proposal.sealed-alone",
                            en: "has no \(number).md beside it: it is not a proposal",
                            fr: "n'a pas de \(number).md à côté : ce n'est pas une proposition"))
                }
            }
            return branch
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
        try CompanyTime.keepReflogsNeutral(repository)
        return try BranchWriter.commit(
            repository, ref: Layout.proposals(of: pseudonym.code),
            failure: Text(en: "cannot write on proposals/\(pseudonym.code)", fr: "impossible d'écrire sur proposals/\(pseudonym.code)"),
            signature: signature, signer: signer,
            tips: { () throws(JSFError) in try tips(repository, pseudonym: pseudonym) }, build: build)
    }
}
