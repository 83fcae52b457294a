import Foundation
internal import Git

#if canImport(Glibc)
    import Glibc
#endif

/// One proposal as the full listing would find it, read from its company's branch alone: genuine (its record, with
/// the state the listing gives it) or breaking the rules (its file, with its reasons).
struct ProposalMatch {
    var record: ProposalRecord?
    var invalid: InvalidProposal?
    /// The genuine proposals of its branch (an invalid one is superseded by one of them, never by another's).
    var genuine: [Proposal]
}

extension ProposalStore {
    /// The proposals of the company `pseudonym` from its branch alone (chosen as `branches` chooses), each checked by
    /// every rule as `listing` checks it, with the state `listing` gives it: a company supersedes only its own
    /// proposals, which are all on its branch, so no other branch changes their state. Nil when it has no branch.
    static func listing(_ repository: Repository, of pseudonym: Pseudonym, reader: SealReader? = nil) throws(JSFError) -> ProposalListing? {
        guard let ref = try branch(repository, of: pseudonym), let tip = ref.target else { return nil }
        let branch = try read(repository, tip: tip, pseudonym: pseudonym, refName: ref.name, drafts: DraftBook(repository), reader: reader)
        return ProposalListing(
            records: records(branch.proposals.map { ($0, ref.name) }), invalid: branch.invalid, problems: branch.problems)
    }
}

extension Dialogue {
    /// The proposal `id` (in any case), read from its company's branch alone; nil when that branch holds no such
    /// file (or there is no such branch, or `id` is not PSEUDONYM-N).
    static func match(_ id: String, repository: Repository, reader: SealReader? = nil) throws(JSFError) -> ProposalMatch? {
        let normalized = id.uppercased()
        guard let (pseudonym, _) = Proposal.parseID(normalized),
            let branch = try ProposalStore.listing(repository, of: pseudonym, reader: reader)
        else {
            return nil
        }
        let record = branch.records.first { $0.proposal.id == normalized }
        let invalid = branch.invalid.first { $0.id == normalized }
        guard record != nil || invalid != nil else { return nil }
        return ProposalMatch(record: record, invalid: invalid, genuine: branch.records.map(\.proposal))
    }

    /// The genuine proposal `id`, as `find` finds it among the views of the full listing, read from its branch alone.
    /// One that breaks the rules is refused with its reasons; an unknown one gets `find`'s error, with the closest
    /// ids (only then is every proposal read).
    static func record(_ id: String, workspace: Workspace, role: Role) throws(JSFError) -> ProposalRecord {
        if let match = try match(id, repository: workspace.repository, reader: workspace.sealReader) {
            if let record = match.record { return record }
            if let invalid = match.invalid { throw refusal(invalid) }
        }
        throw try notFound(id, workspace: workspace, role: role)
    }

    /// The agent's answer to the proposal `id` as the full reading of the dialogue gives it (`responses`), from the
    /// one file `responses/<id>.md`: nil when there is none, or it is not shown (not a file, not UTF-8 without NUL,
    /// unreadable, or answering another proposal).
    static func response(to id: String, repository: Repository) throws(JSFError) -> Response? {
        guard let tip = try tip(repository).base else { return nil }
        let path = Response.path(for: id)
        return try gitCall(Text(en: "cannot read the answers", fr: "impossible de lire les réponses")) {
            if let directory = try repository.entry(atPath: "responses", at: tip), directory.mode != .tree {
                // Refused as the full reading refuses it.
                _ = try repository.treeEntries(at: tip, path: "responses")
            }
            guard let entry = try repository.entry(atPath: path, at: tip), entry.mode == .blob else { return nil }
            let data = try repository.blob(entry.id)
            guard let text = String(data: data, encoding: .utf8), !data.contains(0),
                let response = Response.parse(text, file: "dialogue:\(path)").0, response.proposal == id
            else { return nil }
            return response
        }
    }

    /// The genuine proposals of the company `pseudonym` with their answers and carry-over state, and its files that
    /// break the rules, as the full listing gives them, from its branch and their answer files alone. Its problems
    /// are those of its branch only.
    static func listing(_ workspace: Workspace, role: Role, of pseudonym: Pseudonym, current: CurrentDraft?) throws(JSFError) -> DialogueListing {
        let repository = workspace.repository
        guard let branch = try ProposalStore.listing(repository, of: pseudonym, reader: workspace.sealReader) else {
            return DialogueListing(views: [], invalid: [], current: current, problems: [])
        }
        let late = workspace.lateProposals(among: branch.records.map(\.proposal.id))
        var views: [ProposalView] = []
        for record in branch.records {
            var view = makeView(record, response: try response(to: record.proposal.id, repository: repository), current: current)
            view.late = late.contains(record.proposal.id)
            views.append(view)
        }
        return DialogueListing(views: views, invalid: branch.invalid, current: current, problems: branch.problems)
    }

    /// What `jsf status` shows a company of its own proposals, read from its branch alone: its pseudonym, its genuine
    /// proposals and its files that break the rules. Nil when no draft is published.
    static func own(_ workspace: Workspace, identity: Identity, store: IdentityStore) throws(JSFError) -> (
        pseudonym: Pseudonym?, listing: DialogueListing
    )? {
        guard !(try workspace.drafts().isEmpty) else { return nil }
        let current = try Proposing.currentDraft(workspace, role: .company)
        guard let pseudonym = try Proposing.pseudonym(of: identity, in: current.consultation, store: store) else {
            return (nil, DialogueListing(views: [], invalid: [], current: current, problems: []))
        }
        return (pseudonym, try listing(workspace, role: .company, of: pseudonym, current: current))
    }
}

extension Workspace {
    /// Those of `ids` that `lateProposals()` names, reading only their lines of the first-seen record and their own files.
    func lateProposals(among ids: [String]) -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return lateProposals(firstSeen: TrustRecord.firstSeen(repository, of: ids))
    }
}

extension TrustRecord {
    /// `firstSeen(repository)` for `ids` only. In a file as jsf writes it (ASCII lines ended by "\n", without "\r"),
    /// only the lines that hold one of the ids are read, each as `firstSeen` reads every line; any other file is read
    /// whole by `firstSeen`.
    static func firstSeen(_ repository: Repository, of ids: [String]) -> [String: String] {
        let path = directory(repository) + "/first-seen"
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return [:] }
        let wanted = Set(ids)
        guard isPlainASCII(data) else { return firstSeen(repository).filter { wanted.contains($0.key) } }
        var found: [String: String] = [:]
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard raw.baseAddress != nil else { return }
            for id in wanted {
                let needle = Array(id.utf8)
                var lines: [Range<Int>] = []
                var offset = 0
                while let at = Self.search(needle, in: raw, from: offset) {
                    var start = at
                    while start > 0, raw[start - 1] != 0x0A { start -= 1 }
                    var end = at + needle.count
                    while end < raw.count, raw[end] != 0x0A { end += 1 }
                    if lines.last != start..<end { lines.append(start..<end) }
                    offset = end
                }
                for line in lines {
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: raw[line]), as: UTF8.self)
                    let parts = text.split(separator: " ", maxSplits: 1)
                    if parts.count == 2, parts[0] == id { found[id] = String(parts[1]) }
                }
            }
        }
        return found
    }

    /// The offset of the first occurrence of `needle` in `raw` at or after `offset`: memchr finds its first byte.
    static func search(_ needle: [UInt8], in raw: UnsafeRawBufferPointer, from offset: Int) -> Int? {
        guard let base = raw.baseAddress, let first = needle.first else { return nil }
        var from = offset
        while from + needle.count <= raw.count, let hit = memchr(base + from, Int32(first), raw.count - from) {
            let at = base.distance(to: UnsafeRawPointer(hit))
            guard at + needle.count <= raw.count else { return nil }
            if needle.withUnsafeBytes({ memcmp(base + at, $0.baseAddress!, needle.count) }) == 0 { return at }
            from = at + 1
        }
        return nil
    }

    /// Whether `data` holds only ASCII bytes, none of them "\r": then its characters are its bytes.
    static func isPlainASCII(_ data: Data) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let high: UInt64 = 0x8080_8080_8080_8080
            let ones: UInt64 = 0x0101_0101_0101_0101
            let carriage: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
            var index = 0
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let crossed = word ^ carriage
                // A byte ≥ 0x80, or a byte equal to "\r" (a zero byte in `crossed`).
                if word & high != 0 || (crossed &- ones) & ~crossed & high != 0 { return false }
                index += 8
            }
            while index < raw.count {
                if raw[index] >= 0x80 || raw[index] == 0x0D { return false }
                index += 1
            }
            return true
        }
    }
}

extension ReadingSession {
    /// A company's own proposals as `jsf status` shows them, from its branch alone: its pseudonym, its genuine
    /// proposals with their answers and state, and its files that break the rules; nil when no draft is published.
    public func ownProposals(of identity: Identity) throws(JSFError) -> (
        pseudonym: Pseudonym?, views: [ProposalView], invalid: [InvalidProposal]
    )? {
        try Dialogue.own(workspace, identity: identity, store: context.identities).map { ($0.pseudonym, $0.listing.views, $0.listing.invalid) }
    }
}
