import Foundation
internal import Git

/// `jsf verify`: every ref of a clone or a hub, checked from the first commit, and what the hub sent that failed.
public struct VerificationReport: Sendable {
    public struct Entry: Sendable {
        /// The ref as it is in this repository (refs/remotes/origin/main, refs/heads/main, refs/jsf/quarantine/…).
        public var local: String
        public var verdict: RefVerdict
    }

    public var entries: [Entry]
    public var ok: Bool { entries.allSatisfy(\.verdict.ok) }
}

public enum RepositoryCheck {
    /// Verifies the repository at or above `context.directory` (a clone, or a bare hub) as `verify(_:only:)` does.
    static func verify(_ context: Context, only: [String]) throws(JSFError) -> VerificationReport {
        try verify(try open(context), only: only)
    }

    /// Opens the repository at or above `context.directory`; a bare hub is fine.
    static func open(_ context: Context) throws(JSFError) -> Repository {
        let repository: Repository
        do {
            repository = try Repository.discover(startingAt: context.directory)
        } catch {
            throw Workspace.openingError(error, directory: context.directory)
        }
        try Workspace.requireWholeHistory(repository)
        return repository
    }

    /// Verifies the refs that readers use (origin's verified copies, else the local branches, and the tags), then the
    /// local branches that are ahead of them, then what waits in quarantine; `only` keeps the refs it names.
    static func verify(_ repository: Repository, only: [String]) throws(JSFError) -> VerificationReport {
        try gitCall(Text(en: "cannot verify the repository", fr: "impossible de vérifier le dépôt")) {
            var canonical: [String: (local: String, tip: ObjectID)] = [:]
            var locals: [String: (local: String, tip: ObjectID)] = [:]
            for ref in try repository.references(matching: "refs/heads/*") {
                if let tip = ref.target { locals[ref.name] = (ref.name, tip) }
            }
            for ref in try repository.references(matching: "refs/remotes/origin/*") {
                guard let tip = ref.target else { continue }
                let name = "refs/heads/" + ref.name.dropFirst("refs/remotes/origin/".count)
                if name == "refs/heads/HEAD" { continue }
                canonical[name] = (ref.name, tip)
            }
            for (name, value) in locals where canonical[name] == nil { canonical[name] = value }
            for ref in try repository.references(matching: "refs/tags/*") {
                if let tip = ref.target { canonical[ref.name] = (ref.name, tip) }
            }
            // A name that matches no ref is a typo, not a clean bill of health.
            let known = Set(canonical.keys).union(locals.keys)
                .union(try repository.references(matching: Sync.quarantine + "*").map { "refs/" + $0.name.dropFirst(Sync.quarantine.count) })
            if let unknown = only.first(where: { name in !known.contains { matches($0, name) } }) {
                throw JSFError(
                    .refused,
                    Text(
                        en: "no ref '\(unknown)' in this repository: nothing was verified",
                        fr: "aucune ref '\(unknown)' dans ce dépôt : rien n'a été vérifié"),
                    hints: [
                        Text(
                            en: "refs are named main, dialogue, published, v2, final, proposals/7F3K9Q2M; 'jsf verify' alone checks them all",
                            fr: "les refs s'appellent main, dialogue, published, v2, final, proposals/7F3K9Q2M ; 'jsf verify' seul les vérifie toutes"
                        )
                    ])
            }
            let wanted = { (ref: String) -> Bool in only.isEmpty || only.contains { matches(ref, $0) } }
            var entries: [VerificationReport.Entry] = []
            let first = Verifier(repository: repository, trusted: [:], proposed: canonical.mapValues { .some($0.tip) }, mode: .history, now: nil)
            var verified: [String: ObjectID] = [:]
            for verdict in first.verify() {
                if verdict.ok, let new = verdict.new { verified[verdict.ref] = new }
                if wanted(verdict.ref) { entries.append(.init(local: canonical[verdict.ref]?.local ?? verdict.ref, verdict: verdict)) }
            }
            // What this clone remembers having verified: a copy that no longer descends from it was rewritten.
            let record = TrustRecord.load(repository)
            for entry in entries.indices {
                let ref = entries[entry].verdict.ref
                guard let remembered = record.tips[ref], let tip = entries[entry].verdict.new, remembered != tip else { continue }
                let descends = try repository.isAncestor(remembered, of: tip)
                let rewritten = ref.hasPrefix("refs/tags/") || !descends
                if rewritten {
                    entries[entry].verdict.problems.append(
                        TrustProblem(
                            ref: ref, object: tip, rule: ref.hasPrefix("refs/tags/") ? .movedTag : .fastForward,
                            message: Text(
                                en: "was verified at \(remembered.short) and has been rewritten since",
                                fr: "a été vérifiée en \(remembered.short) et réécrite depuis")))
                }
            }
            var ahead: [String: ObjectID?] = [:]
            for (name, value) in locals where canonical[name]?.local != value.local && canonical[name]?.tip != value.tip {
                ahead[name] = .some(value.tip)
            }
            var pending: [String: ObjectID?] = [:]
            for ref in try repository.references(matching: Sync.quarantine + "*") {
                guard let tip = ref.target else { continue }
                let name = "refs/" + ref.name.dropFirst(Sync.quarantine.count)
                if verified[name] != tip { pending[name] = .some(tip) }
            }
            for (proposed, label) in [(ahead, "refs/heads/"), (pending, Sync.quarantine)] where !proposed.isEmpty {
                let verifier = Verifier(repository: repository, trusted: verified, proposed: proposed, mode: .history, now: nil)
                // A quarantined ref that verifies is only waiting for the next fetch (a push of one's own lands there too).
                for verdict in verifier.verify() where wanted(verdict.ref) && (label != Sync.quarantine || !verdict.ok) {
                    let local = label == Sync.quarantine ? Sync.quarantine + verdict.ref.dropFirst("refs/".count) : verdict.ref
                    entries.append(.init(local: local, verdict: verdict))
                }
            }
            return VerificationReport(entries: entries)
        }
    }

    /// Whether `ref` is the one a user names `name` (main, v2, proposals/P, refs/…).
    static func matches(_ ref: String, _ name: String) -> Bool {
        ref == name || ref == "refs/heads/" + name || ref == "refs/tags/" + name || ref.hasSuffix("/" + name)
    }
}
