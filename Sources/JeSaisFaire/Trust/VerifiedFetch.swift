import Foundation
internal import Git

/// What a clone has verified: the tips of the hub's refs it accepted and the moment it first saw each proposal.
/// Kept beside the repository (.git/jsf/), so a rewrite on a hub without hooks is seen at the next fetch.
public struct TrustRecord: Sendable, Equatable {
    /// Layout ref (refs/heads/…, refs/tags/…) → the tip this clone verified.
    var tips: [String: ObjectID] = [:]
    /// Proposal id → the time of the fetch before the one that first saw it (UTC, ISO 8601; "-" when that was the
    /// first fetch): the proposal reached the hub after then. The committer date can lie, this cannot.
    public var firstSeen: [String: String] = [:]
    /// When the last fetch that verified the hub ended, nil before the first.
    public var fetched: Timestamp?

    static func directory(_ repository: Repository) -> String { repository.gitDirectory + "/jsf" }

    /// The agent key this clone was told to expect, kept in .git/jsf/agent-key.
    static func pinnedAgent(_ repository: Repository) -> SSHPublicKey? {
        (try? String(contentsOfFile: directory(repository) + "/agent-key", encoding: .utf8)).flatMap { SSHPublicKey(openSSH: $0) }
    }

    static func pin(_ key: SSHPublicKey, in repository: Repository) throws {
        try FileManager.default.createDirectory(atPath: directory(repository), withIntermediateDirectories: true)
        try AtomicFile.write(key.openSSH + "\n", to: directory(repository) + "/agent-key")
    }

    static func load(_ repository: Repository) -> TrustRecord {
        var record = TrustRecord()
        let dir = directory(repository)
        if let text = try? String(contentsOfFile: dir + "/verified", encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1)
                if parts.count == 2, let id = ObjectID(hex: String(parts[0])) { record.tips[String(parts[1])] = id }
            }
        }
        record.fetched = (try? String(contentsOfFile: dir + "/fetched", encoding: .utf8)).flatMap {
            Timestamp($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        record.firstSeen = firstSeen(repository)
        return record
    }

    /// Only the first-seen times, for the readers that mark late proposals (not the verified tips).
    static func firstSeen(_ repository: Repository) -> [String: String] {
        var firstSeen: [String: String] = [:]
        guard let text = try? String(contentsOfFile: directory(repository) + "/first-seen", encoding: .utf8) else { return [:] }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { firstSeen[String(parts[0])] = String(parts[1]) }
        }
        return firstSeen
    }

    func save(_ repository: Repository) throws(JSFError) {
        let dir = Self.directory(repository)
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try AtomicFile.write(tips.sorted { $0.key < $1.key }.map { "\($0.value.hex) \($0.key)\n" }.joined(), to: dir + "/verified")
            try AtomicFile.write(firstSeen.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined(), to: dir + "/first-seen")
            if let fetched { try AtomicFile.write(fetched.text + "\n", to: dir + "/fetched") }
        } catch {
            throw JSFError(
                .repository,
                Text(en: "cannot record what was verified in '\(dir)'", fr: "impossible d'enregistrer ce qui a été vérifié dans '\(dir)'"),
                cause: "\(error)")
        }
    }
}

/// What came from the hub, once verified.
public struct ReceiveReport: Sendable {
    /// Local refs moved to verified tips (refs/remotes/origin/…, refs/tags/…).
    var updates: [RefUpdate] = []
    /// Refs that failed verification and stay in quarantine, with why.
    public var refused: [TrustProblem] = []
    /// Refs the hub no longer has; the local copy is kept.
    public var deleted: [String] = []
    /// Proposals first seen after their round closed.
    public var late: [String] = []
}

extension Sync {
    /// Where a fetch lands before verification; plain `git fetch` lands there too (the clone's refspec says so).
    public static let quarantine = "refs/jsf/quarantine/"
    static let fetchRefspecs = ["+refs/heads/*:\(quarantine)heads/*", "+refs/tags/*:\(quarantine)tags/*"]

    /// The local ref that holds a verified copy of the hub's `ref`.
    static func tracking(_ ref: String) -> String {
        ref.hasPrefix("refs/heads/") ? "refs/remotes/origin/" + ref.dropFirst("refs/heads/".count) : ref
    }

    /// Points the clone's configuration at the quarantine, so that no fetch bypasses verification.
    static func configureQuarantine(_ repository: Repository) throws {
        try repository.setConfigValue("remote.\(remote).fetch", fetchRefspecs[0])
        try repository.setConfigValue("remote.\(remote).tagOpt", "--no-tags")
    }

    /// Fetches the hub into the quarantine namespace, verifies it against what this clone verified before, and
    /// moves to the refs that reading commands use only what passes (DESIGN.md §3).
    static func receive(_ repository: Repository, clock: Clock, progress: ((TransferProgress) -> Void)?) throws -> ReceiveReport {
        // Empty the quarantine once the download is complete, before the fetch writes it again: a ref absent after the
        // fetch is a ref the hub deleted, and a download that fails leaves the quarantine as it was.
        _ = try repository.fetch(remote: remote, refspecs: fetchRefspecs, progress: progress) { () throws(GitError) in
            for ref in try repository.references(matching: quarantine + "*") { try? repository.deleteReference(ref.name) }
        }
        var hub: [String: ObjectID] = [:]
        for ref in try repository.references(matching: quarantine + "*") {
            guard let target = ref.target else { continue }
            hub["refs/" + ref.name.dropFirst(quarantine.count)] = target
        }
        var record = TrustRecord.load(repository)
        // Nothing verified yet (a new clone, a plain `git clone`, a clone of an older jsf): whatever it already holds
        // from the hub is checked again from the first commit, and what fails is taken out of the readers' refs.
        let firstVerification = record.tips.isEmpty
        var proposed: [String: ObjectID?] = [:]
        for (ref, tip) in hub where record.tips[ref] != tip { proposed[ref] = .some(tip) }
        var report = ReceiveReport()
        for ref in record.tips.keys where hub[ref] == nil { report.deleted.append(ref) }
        let verifier = Verifier(repository: repository, trusted: record.tips, proposed: proposed, mode: .history, now: nil)
        verifier.pinnedAgent = TrustRecord.pinnedAgent(repository)
        let round = { (version: Int) -> Round? in
            guard let main = record.tips[Layout.main] ?? hub[Layout.main],
                let data = try? repository.contents(ofPath: Layout.consultationFile, at: main)
            else { return nil }
            return Consultation.parse(String(decoding: data, as: UTF8.self)).0?.rounds.first { $0.version == version }
        }
        // A proposal first seen now reached the hub after the previous fetch: late when that fetch was after the close.
        let arrivedAfter = record.fetched?.text ?? "-"
        let previous = record.fetched?.date
        for verdict in verifier.verify() {
            guard verdict.ok, let new = verdict.new else {
                report.refused += verdict.problems
                if firstVerification, let forged = verdict.new { try withdrawUnverified(repository, ref: verdict.ref, forged: forged) }
                continue
            }
            let local = tracking(verdict.ref)
            let current = try repository.reference(named: local)?.target
            if verdict.ref.hasPrefix("refs/tags/"), let current, current != new {
                // A tag that moved on the hub: keep ours (the verifier saw the record, not this ref).
                report.refused.append(
                    TrustProblem(
                        ref: verdict.ref, object: new, rule: .movedTag,
                        message: Text(
                            en: "differs from the tag this clone holds (\(current.short)); the local one is kept",
                            fr: "diffère de l'étiquette de ce clone (\(current.short)) ; la locale est conservée")))
                continue
            }
            if current != new {
                try repository.updateReference(local, to: new, expected: current, message: "jsf fetch: verified")
                report.updates.append(RefUpdate(name: local, old: current, new: new))
            }
            if verdict.ref.hasPrefix(Layout.proposalsPrefix) {
                for id in try newProposals(repository, ref: verdict.ref, old: verdict.old, new: new) where record.firstSeen[id] == nil {
                    record.firstSeen[id] = arrivedAfter
                    if let previous, let (_, number) = Proposal.parseID(id),
                        let data = try repository.contents(ofPath: "\(number).md", at: new),
                        let proposal = Proposal.parse(String(decoding: data, as: UTF8.self), file: id).0,
                        let closes = round(proposal.version)?.closes.date, previous >= closes
                    {
                        report.late.append(id)
                    }
                }
            }
            record.tips[verdict.ref] = new
        }
        record.fetched = Timestamp(clock.now, timeZone: TimeZone(identifier: "UTC")!)
        try record.save(repository)
        report.late.sort()
        report.deleted.sort()
        return report
    }

    /// At a first verification, a copy of `ref` that this clone got unverified (a plain `git clone`, an older jsf)
    /// and that is the forged one is removed from the refs readers use; the hub's version stays in quarantine.
    static func withdrawUnverified(_ repository: Repository, ref: String, forged: ObjectID) throws {
        let local = tracking(ref)
        guard let current = try repository.reference(named: local)?.target else { return }
        // A branch copy is the hub's; a tag is removed only when it is the hub's forged one, never the agent's own.
        if ref.hasPrefix("refs/heads/") || current == forged { try repository.deleteReference(local) }
    }

    /// The proposal ids a branch gained between two tips.
    static func newProposals(_ repository: Repository, ref: String, old: ObjectID?, new: ObjectID) throws -> [String] {
        let code = String(ref.dropFirst(Layout.proposalsPrefix.count))
        let before = Set(try old.map { try repository.tree(repository.commit($0).tree).map(\.name) } ?? [])
        return try repository.tree(repository.commit(new).tree).map(\.name).filter { $0.hasSuffix(".md") && !before.contains($0) }
            .map { "\(code)-\($0.dropLast(3))" }
    }
}

extension Workspace {
    /// Proposals this clone first saw after their round had closed.
    public func lateProposals() -> Set<String> {
        lateProposals(firstSeen: TrustRecord.firstSeen(repository))
    }

    /// Those of the proposals in `firstSeen` (id → when this clone first saw it) first seen after their round closed.
    func lateProposals(firstSeen: [String: String]) -> Set<String> {
        guard !firstSeen.isEmpty, let main = try? trustedMain(), let consultation = try? consultation(at: main) else { return [] }
        var late: Set<String> = []
        guard let earliest = consultation.rounds.map(\.closes.date).min() else { return [] }
        for (id, seen) in firstSeen {
            // Most proposals arrive before any round closes: only the others need their file read.
            guard let seenDate = Timestamp.parse(seen), seenDate >= earliest, let (pseudonym, number) = Proposal.parseID(id) else { continue }
            let branch = "refs/remotes/origin/proposals/\(pseudonym.code)"
            guard let tip = try? repository.reference(named: branch)?.target,
                let text = try? repository.contents(ofPath: "\(number).md", at: tip),
                let proposal = Proposal.parse(String(decoding: text, as: UTF8.self), file: id).0,
                let closes = consultation.rounds.first(where: { $0.version == proposal.version })?.closes.date
            else { continue }
            if seenDate >= closes { late.insert(id) }
        }
        return late
    }
}
