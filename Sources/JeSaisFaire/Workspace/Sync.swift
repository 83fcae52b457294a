import Foundation
internal import Git

/// Exchanges with the hub (the remote 'origin').
public enum Sync {
    public static let remote = "origin"

    /// The hub's URL, nil when the consultation has none.
    public static func hub(of workspace: Workspace) throws(JSFError) -> String? {
        try gitCall { try workspace.repository.remoteURL(remote) }
    }

    /// Refuses early, with a clear message, a hub that is a local path with no repository.
    static func requireReachable(_ url: String, from root: String, retry: String) throws(JSFError) {
        if let path = localHubPath(url, root: root), !FileManager.default.fileExists(atPath: path) {
            throw JSFError(
                .repository, Text(en: "the hub '\(url)' does not exist", fr: "le hub '\(url)' n'existe pas"),
                hints: [
                    Text(
                        en: "fix it with 'git remote set-url origin PATH', then run '\(retry)'",
                        fr: "corrigez-le avec 'git remote set-url origin CHEMIN', puis lancez '\(retry)'")
                ])
        }
    }

    /// The hub's directory when it is on this machine (a path or file://); git reads a relative remote path from
    /// the working tree's root. Nil for a network URL.
    static func localHubPath(_ url: String, root: String) -> String? {
        if url.hasPrefix("file://") { return String(url.dropFirst(7)) }
        guard !HubPlan.isURL(url) else { return nil }
        return url.hasPrefix("/") ? url : root + "/" + url
    }

    /// Pushes the refs `role` owns; returns the refspecs pushed.
    @discardableResult
    public static func push(
        _ workspace: Workspace, role: Role, pseudonym: String? = nil, now: Date = Date(),
        progress: ((SyncProgress) -> Void)? = nil
    ) throws(JSFError) -> [String] {
        guard let url = try hub(of: workspace) else {
            throw JSFError(
                .refused,
                Text(en: "this consultation has no hub (no remote 'origin')", fr: "cette consultation n'a pas de hub (pas de remote 'origin')"),
                hints: [Text(en: "add one with 'git remote add origin URL'", fr: "ajoutez-en un avec 'git remote add origin URL'")])
        }
        try requireReachable(url, from: workspace.root, retry: "jsf push")
        let repository = workspace.repository
        if role == .company { try CompanyTime.keepReflogsNeutral(repository) }
        let refspecs = try pushRefspecs(workspace, role: role, pseudonym: pseudonym)
        guard !refspecs.isEmpty else { return [] }
        try reviewLocalPush(workspace, url: url, refspecs: refspecs, now: now)
        // Writing into a hub on this machine: hold its writer lock too, so that a lock left there can be told stale.
        let hubLock = localHubPath(url, root: workspace.root).flatMap {
            WriterLock.shared(gitDirectory: Leftovers.gitDirectory(ofRepository: $0), hub: true)
        }
        defer { hubLock?.release() }
        // The tips pushed, read once: the clone's copies of the hub's branches are moved to these, not to whatever a
        // concurrent command writes locally after the push.
        let pushed = try gitCall { () throws(GitError) in try branchTips(refspecs, in: repository) }
        // The copy of a hub's ref below a branch pushed now (refs/jsf/quarantine/heads/proposals/<P>/x, kept aside by
        // a fetch) would stop libgit2 from recording the pushed branch beside it: it is only a copy, the next fetch
        // brings back whatever the hub still holds.
        for spec in refspecs {
            guard let target = spec.split(separator: ":", maxSplits: 1).last, target.hasPrefix("refs/heads/") else { continue }
            let below = quarantine + target.dropFirst("refs/".count) + "/*"
            for reference in (try? repository.references(matching: below)) ?? [] { try? repository.deleteReference(reference.name) }
        }
        var unreachable = false
        do {
            try pushRefs()
        } catch {
            // A hub that holds refs under proposals/<P>/ stops the branch proposals/<P> from being created there (not
            // worth asking a hub that did not answer).
            if !unreachable, let blocked = hubCollisions(repository, refspecs: refspecs).first {
                throw JSFError(
                    .refused,
                    Text(
                        en:
                            "the hub holds \(blocked.found), so your branch \(blocked.branch) cannot be created there (a ref cannot be both a branch and a folder): nothing was pushed",
                        fr:
                            "le hub contient \(blocked.found), si bien que votre branche \(blocked.branch) ne peut pas y être créée (une référence ne peut être à la fois une branche et un dossier) : rien n'a été poussé"
                    ),
                    hints: [
                        Text(
                            en:
                                "it is not yours to remove: ask the hub's host to delete it ('git update-ref -d \(blocked.found)' in the hub), then run 'jsf push' again",
                            fr:
                                "ce n'est pas à vous de la supprimer : demandez à l'hébergeur du hub de l'effacer ('git update-ref -d \(blocked.found)' dans le hub), puis relancez 'jsf push'"
                        )
                    ])
            }
            throw error
        }
        recordPushed(pushed, in: repository)
        return refspecs

        func pushRefs() throws(JSFError) {
            let markUnreachable = { unreachable = true }
            try Network.call(
                .push, url: url, retry: "jsf push",
                message: Text(en: "cannot push to '\(url)'", fr: "impossible de pousser vers '\(url)'"),
                hint: Text(
                    en: "check the network and the hub, then run 'jsf push' again",
                    fr: "vérifiez le réseau et le hub, puis relancez 'jsf push'"),
                failed: markUnreachable
            ) {
                try repository.push(remote: remote, refspecs: refspecs, progress: SyncProgress.forwarding(progress))
            }
        }
    }

    /// The hub's refs below a proposals branch this push creates (refs/heads/proposals/<P>/…), read into a scratch
    /// namespace and removed again; empty when there are none or the hub cannot be read.
    static func hubCollisions(_ repository: Repository, refspecs: [String]) -> [(branch: String, found: String)] {
        var found: [(branch: String, found: String)] = []
        for spec in refspecs {
            guard let target = spec.split(separator: ":", maxSplits: 1).last.map(String.init), target.hasPrefix(Layout.proposalsPrefix) else {
                continue
            }
            let scratch = "refs/jsf/collision/" + target.dropFirst(Layout.proposalsPrefix.count)
            _ = try? repository.fetch(remote: remote, refspecs: ["+\(target)/*:\(scratch)/*"])
            for reference in (try? repository.references(matching: scratch + "/*")) ?? [] {
                found.append((target.replacingOccurrences(of: "refs/heads/", with: ""), target + reference.name.dropFirst(scratch.count)))
                try? repository.deleteReference(reference.name)
            }
        }
        return found
    }

    /// The refspecs `jsf push` sends for `role`: the refs it owns that exist here, and those of `adding` (refs a
    /// command is about to create) for what `--dry-run` says.
    public static func pushRefspecs(_ workspace: Workspace, role: Role, pseudonym: String? = nil, adding: [String] = []) throws(JSFError) -> [String]
    {
        let repository = workspace.repository
        var refspecs: [String]
        switch role {
        case .agent:
            refspecs = Layout.pushRefspecs(for: .agent, draftTags: try workspace.drafts().map(\.version))
            refspecs.append("\(Layout.dialogue):\(Layout.dialogue)")
        default:
            refspecs = Layout.pushRefspecs(for: role, pseudonym: pseudonym)
        }
        for ref in adding where !refspecs.contains("\(ref):\(ref)") { refspecs.append("\(ref):\(ref)") }
        return try gitCall {
            try refspecs.filter { spec in
                let source = String(spec.split(separator: ":").first ?? "")
                if adding.contains(source) { return true }
                return try repository.reference(named: source) != nil
            }
        }
    }

    /// What the hub now holds, in this clone's copies of its branches: libgit2 updates remote-tracking refs through
    /// the remote's fetch refspec, which a verified fetch points at the quarantine, so refs/remotes/origin/… would stay
    /// behind what was just pushed (and `jsf verify` would then find a new draft tag off main).
    static func recordPushed(_ tips: [(branch: String, tip: ObjectID)], in repository: Repository) {
        for (branch, tip) in tips {
            let tracking = Sync.tracking(branch)
            let current = try? repository.reference(named: tracking)?.target
            guard current != tip else { continue }
            // A copy, not a record: if a concurrent push moved it meanwhile, or it cannot be written, the push still
            // landed, and the next fetch sets it from the hub.
            try? repository.updateReference(tracking, to: tip, expected: current, message: "jsf push: \(branch)")
        }
    }

    /// The local tips of the branches `refspecs` push (`src:refs/heads/…`).
    static func branchTips(_ refspecs: [String], in repository: Repository) throws(GitError) -> [(branch: String, tip: ObjectID)] {
        var tips: [(branch: String, tip: ObjectID)] = []
        for spec in refspecs {
            let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("refs/heads/"), let tip = try repository.reference(named: parts[0])?.target else { continue }
            tips.append((parts[1], tip))
        }
        return tips
    }
}

extension Sync {
    /// libgit2 writes into a hub on a local path by itself, without git's receive-pack, so the hub's hook would not
    /// run: jsf applies the hub's rules first, reading the hub's refs and (in memory) this clone's objects.
    static func reviewLocalPush(_ workspace: Workspace, url: String, refspecs: [String], now: Date) throws(JSFError) {
        guard let path = localHubPath(url, root: workspace.root) else { return }
        let verdicts: [RefVerdict] = try gitCall(Text(en: "cannot read the hub '\(url)'", fr: "impossible de lire le hub '\(url)'")) {
            let hub = try Repository.open(at: path)
            // Only hubs made by 'jsf hub init' carry rules; a plain bare repository has no hook to stand in for.
            guard try hub.configValue("jsf.hub") != nil else { return [] }
            try hub.addObjectAlternate(workspace.repository.gitDirectory + "/objects")
            var updates: [Hub.Update] = []
            for spec in refspecs {
                let parts = spec.split(separator: ":").map(String.init)
                guard parts.count == 2, let new = try workspace.repository.reference(named: parts[0])?.target else { continue }
                let old = try hub.reference(named: parts[1])?.target
                if old != new { updates.append(Hub.Update(old: old, new: new, ref: parts[1])) }
            }
            return try Hub.review(updates, repository: hub, now: Hub.now(of: hub, fixed: now))
        }
        let problems = verdicts.flatMap(\.problems)
        guard !problems.isEmpty else { return }
        throw JSFError(
            .refused, Text(en: "the hub '\(url)' refuses this push", fr: "le hub '\(url)' refuse cet envoi"),
            problems: problems.map(\.asProblem))
    }
}

public struct CloneResult: Sendable {
    public var directory: String
    public var consultation: Consultation?
    public var latest: Draft?
    public var eligibility: Eligibility?
    public var pseudonym: Pseudonym?
    /// What the hub holds that failed verification: left in quarantine, never shown.
    public var refused: [TrustProblem] = []
}

public struct FetchReport: Sendable {
    var updates: [RefUpdate]
    /// How many local refs the fetch moved or created.
    public var fetchedRefs: Int { updates.count }
    public var newDrafts: [String]
    /// Proposal branches that moved, by pseudonym.
    public var proposals: [String]
    public var dialogueMoved: Bool
    /// Whether local main was brought up to origin's (companies and buyers, clean working tree only).
    public var mainAdvanced: Bool
    public var mainLeftBehind: Bool
    /// Proposals whose thread got a new answer.
    public var answered: [String] = []
    /// What failed verification and stays in quarantine: which ref, which commit, why.
    public var refused: [TrustProblem] = []
    /// Refs the hub no longer has; the local copies are kept.
    public var deleted: [String] = []
    /// Proposals first seen after their round closed.
    public var late: [String] = []
    /// For a company that has proposed: its sealed identity against the buyers main lists now.
    public var sealing: SealingStatus?
}

extension Sync {
    /// The directory a clone of `url` goes to by default: its last path component without ".git".
    public static func defaultDirectory(for url: String) -> String {
        var name = url
        while name.hasSuffix("/") { name.removeLast() }
        name = String(name.split(whereSeparator: { $0 == "/" || $0 == ":" }).last ?? "consultation")
        if name.hasSuffix(".git") { name.removeLast(4) }
        return name.isEmpty ? "consultation" : name
    }

    /// Clones a consultation; for a company, configures the clone so that nothing it commits carries its git identity.
    /// `agentKey`: the agent's key as the catalogue or the agent gave it; main's first commit must list it.
    static func clone(
        url: String, to directory: String, identity: Identity?, context: Context, agentKey: SSHPublicKey? = nil,
        progress: ((SyncProgress) -> Void)? = nil
    ) throws(JSFError) -> CloneResult {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory), (try? fm.contentsOfDirectory(atPath: directory).isEmpty) == false {
            throw JSFError(
                .refused, Text(en: "'\(directory)' already exists and is not empty", fr: "'\(directory)' existe déjà et n'est pas vide"),
                hints: [Text(en: "give another directory: 'jsf clone URL DIR'", fr: "donnez un autre dossier : 'jsf clone URL DOSSIER'")])
        }
        let existed = fm.fileExists(atPath: directory)
        let source = HubPlan.isURL(url) ? url : context.absolute(url)
        if let local = HubPlan.missingLocalPath(source) {
            throw JSFError(
                .refused, Text(en: "no repository at '\(local)'", fr: "aucun dépôt à '\(local)'"),
                hints: [
                    Text(
                        en: "check the path, or give a URL (ssh://, https://, git://)",
                        fr: "vérifiez le chemin, ou donnez une URL (ssh://, https://, git://)")
                ])
        }
        let repository: Repository
        let received: ReceiveReport
        let removeClone: @Sendable () -> Void = {
            if !existed {
                try? FileManager.default.removeItem(atPath: directory)
            } else {
                try? FileManager.default.removeItem(atPath: directory + "/.git")
            }
        }
        do {
            (repository, received) = try Network.call(
                .clone, url: url, retry: "jsf clone \(url)",
                message: Text(en: "cannot clone '\(url)'", fr: "impossible de cloner '\(url)'"),
                hint: Text(
                    en: "check the address and the network (ssh://, https://, git://, file:// or a path)",
                    fr: "vérifiez l'adresse et le réseau (ssh://, https://, git://, file:// ou un chemin)"),
                abandon: removeClone
            ) {
                try pseudonymousClone(
                    from: source, to: directory, pseudonymous: identity?.role == .company,
                    agentKey: agentKey, clock: context.clock, progress: SyncProgress.forwarding(progress))
            }
        } catch {
            removeClone()
            throw error
        }
        guard let root = repository.workingDirectory else {
            throw JSFError(.repository, Text(en: "the clone has no working tree", fr: "le clone n'a pas de copie de travail"))
        }
        let workspace = Workspace(repository: repository, root: root)
        let latest = try workspace.drafts().last
        var consultation: Consultation?
        if let latest { consultation = try? workspace.consultation(at: latest.commit) }
        if consultation == nil, let head = try workspace.headCommit() { consultation = try? workspace.consultation(at: head) }
        // A clone is a first fetch: 'jsf status' and 'jsf inbox' date what it brought from then (in UTC for a company).
        let zone = identity?.role == .company ? CompanyTime.utc : context.clock.timeZone
        LastFetch(date: Timestamp.format(context.clock.now, timeZone: zone), drafts: [], answered: []).save(workspace)
        var result = CloneResult(directory: root, consultation: consultation, latest: latest)
        result.refused = received.refused
        if let identity, identity.role == .company, let consultation {
            let key = try Proposing.key(for: identity, consultation: consultation, store: context.identities)
            let signature = Proposing.signature(key.pseudonym, at: context.clock.now)
            try gitCall(Text(en: "cannot configure the clone", fr: "impossible de configurer le clone")) {
                try repository.setConfigValue("user.name", signature.name)
                try repository.setConfigValue("user.email", signature.email)
                try repository.setConfigValue("jsf.pseudonym", key.pseudonym.code)
            }
            result.pseudonym = key.pseudonym
            result.eligibility = Eligibility(company: identity, consultation: consultation)
        }
        return result
    }

    /// A clone made step by step so that a neutral identity is configured before anything is written: libgit2's
    /// clone would sign its first reflog entries with the user's global git identity.
    /// Every clone is made this way, so that what it receives is verified (quarantine) before anything is checked out.
    static func pseudonymousClone(
        from source: String, to directory: String, pseudonymous: Bool, agentKey: SSHPublicKey?, clock: Clock,
        progress: ((TransferProgress) -> Void)?
    ) throws -> (Repository, ReceiveReport) {
        let repository = try Repository.create(at: directory, bare: false, initialBranch: Layout.mainBranch)
        if let agentKey { try TrustRecord.pin(agentKey, in: repository) }
        if pseudonymous {
            try repository.setConfigValue("user.name", "jsf")
            try repository.setConfigValue("user.email", "jsf@pseudonym.jsf.invalid")
            // Before the first ref is written: libgit2 would date its reflog entries by this machine's clock and zone.
            try repository.disableReflogs()
        }
        try repository.addRemote(name: remote, url: source)
        try configureQuarantine(repository)
        let received = try receive(repository, clock: clock, progress: progress)
        if let main = try repository.reference(named: "refs/remotes/origin/main")?.target {
            try repository.updateReference(Layout.main, to: main, expected: nil, message: "clone: from \(source)")
            // No upstream for main: a plain `git pull` would merge the hub's main unverified; 'jsf fetch' brings it.
            try repository.checkoutHead(force: true)
        }
        return (repository, received)
    }

    /// Fetches every ref of the hub; reports new drafts, moved proposal branches and answers.
    static func fetch(
        _ workspace: Workspace, role: Role?, clock: Clock = Clock(now: Date()),
        progress: ((SyncProgress) -> Void)? = nil
    ) throws(JSFError) -> FetchReport {
        guard let url = try hub(of: workspace) else {
            throw JSFError(
                .refused,
                Text(en: "this consultation has no hub (no remote 'origin')", fr: "cette consultation n'a pas de hub (pas de remote 'origin')"),
                hints: [Text(en: "add one with 'git remote add origin URL'", fr: "ajoutez-en un avec 'git remote add origin URL'")])
        }
        try requireReachable(url, from: workspace.root, retry: "jsf fetch")
        let repository = workspace.repository
        if role == .company { try CompanyTime.keepReflogsNeutral(repository) }
        let before = (try? Dialogue.responses(repository).responses) ?? [:]
        let received = try Network.call(
            .fetch, url: url, retry: "jsf fetch",
            message: Text(en: "cannot fetch from '\(url)'", fr: "impossible de récupérer depuis '\(url)'"),
            hint: Text(en: "check the network and the hub, then run 'jsf fetch' again", fr: "vérifiez le réseau et le hub, puis relancez 'jsf fetch'")
        ) {
            try configureQuarantine(repository)
            return try receive(repository, clock: clock, progress: SyncProgress.forwarding(progress))
        }
        let updates = received.updates
        var report = FetchReport(updates: updates, newDrafts: [], proposals: [], dialogueMoved: false, mainAdvanced: false, mainLeftBehind: false)
        report.refused = received.refused
        report.deleted = received.deleted
        report.late = received.late
        for update in updates {
            if let version = Layout.draftVersion(ofTag: update.name), update.old == nil { report.newDrafts.append("v\(version)") }
            if update.name.hasPrefix(ProposalStore.remotePrefix) {
                report.proposals.append(String(update.name.dropFirst(ProposalStore.remotePrefix.count)))
            }
            if update.name == "refs/remotes/origin/dialogue" { report.dialogueMoved = true }
        }
        if report.dialogueMoved {
            let after = try Dialogue.responses(repository).responses
            report.answered = after.filter { id, response in response.entries.count > (before[id]?.entries.count ?? 0) }.keys.sorted()
        }
        LastFetch(
            date: Timestamp.format(clock.now, timeZone: role == .company ? CompanyTime.utc : clock.timeZone), drafts: report.newDrafts,
            answered: report.answered
        ).save(workspace)
        if role != .agent, let moved = updates.first(where: { $0.name == "refs/remotes/origin/main" }) {
            let advanced = try fastForwardMain(workspace, to: moved.new)
            report.mainAdvanced = advanced
            report.mainLeftBehind = !advanced
        }
        return report
    }

    /// Brings local main to `target` when it is behind and the working tree holds no edit of the consultation files.
    static func fastForwardMain(_ workspace: Workspace, to target: ObjectID) throws(JSFError) -> Bool {
        let repository = workspace.repository
        return try gitCall(Text(en: "cannot update main", fr: "impossible de mettre à jour main")) {
            guard let local = try repository.reference(named: Layout.main)?.target else { return false }
            if local == target { return true }
            var cursor: ObjectID? = target
            var steps = 0
            var behind = false
            while let id = cursor, steps < 10_000 {
                if id == local {
                    behind = true
                    break
                }
                cursor = try repository.commit(id).parents.first
                steps += 1
            }
            guard behind, try repository.headReferenceName() == Layout.main else { return false }
            for file in Layout.files {
                let committed = try repository.contents(ofPath: file, at: local)
                let current = FileManager.default.contents(atPath: workspace.path(file))
                if committed != current { return false }
            }
            try repository.updateReference(Layout.main, to: target, expected: local, message: "jsf fetch: fast-forward")
            try repository.checkoutHead(force: false)
            return true
        }
    }
}

/// What the last `jsf fetch` (or the clone) brought, and when: `.git/jsf/last-fetch.yml`, beside the repository and never
/// in the work tree, for `jsf status` and `jsf inbox`.
public struct LastFetch: Sendable, Equatable {
    public var date: String
    /// `date` as an instant; nil when the file holds no readable date.
    public var instant: Date? { Timestamp.parse(date) }
    public var drafts: [String]
    public var answered: [String]

    static func path(_ workspace: Workspace) -> String { workspace.repository.gitDirectory + "/jsf/last-fetch.yml" }

    func save(_ workspace: Workspace) {
        let text = YAMLValue.map([
            ("format", .int(1)), ("date", .string(date)), ("drafts", .list(drafts.map { .string($0) })),
            ("answered", .list(answered.map { .string($0) })),
        ]).render()
        let path = Self.path(workspace)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? AtomicFile.write(text, to: path)
    }

    static func load(_ workspace: Workspace) -> LastFetch? {
        guard let text = try? String(contentsOfFile: path(workspace), encoding: .utf8) else { return nil }
        let reader = YAMLReader(file: "last-fetch.yml")
        guard let root = reader.root(text), let date = root.string("date") else { return nil }
        return LastFetch(
            date: date, drafts: (root.strings("drafts", required: false) ?? []).map(\.0),
            answered: (root.strings("answered", required: false) ?? []).map(\.0))
    }
}
