import Foundation
internal import Git

/// A change of the keys consultation.yml lists, as `jsf log` shows it.
public struct KeyEvent: Sendable {
    public enum Change: String, Sendable { case added, removed }
    public var commit: RevisionID
    public var date: Date
    public var change: Change
    public var role: Role
    public var holder: KeyHolder
}

/// The agent lists the PFRA buyers who may approve; each change is a signed commit on main (DESIGN.md §3).
public enum Keys {
    /// The trailer of a buyer's removal: the tip of published then (or `none`), the last approval that key may sign.
    static let publishedTipTrailer = "Published-Tip"
    /// Adds a buyer's key; returns the commit.
    static func addBuyer(
        _ workspace: Workspace, name: String, key: SSHPublicKey, encryption: ListedEncryptionKey?, identity: Identity, context: Context
    ) throws(JSFError) -> RevisionID {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw JSFError(.usage, Text(en: "--name cannot be empty", fr: "--name ne peut pas être vide")) }
        if let encryption, !encryption.isSigned(by: key) {
            throw JSFError(
                .refused,
                Text(
                    en: "the encryption key is not signed by the buyer's signing key \(key.fingerprint)",
                    fr: "la clé de chiffrement n'est pas signée par la clé de signature de l'acheteur de la PFRA \(key.fingerprint)"),
                hints: [
                    Text(
                        en: "copy both keys from the buyer's own 'jsf identity show'",
                        fr: "copiez les deux clés depuis le 'jsf identity show' de l'acheteur de la PFRA lui-même")
                ])
        }
        var updating = false
        return RevisionID(
            try change(
                workspace, identity: identity, context: context,
                message: {
                    updating
                        ? "Clé de chiffrement de l'acheteur : \(name)\n\nEncryption-Key: buyer \(key.fingerprint) \(encryption?.key.fingerprint ?? "")\n"
                        : "Acheteur ajouté : \(name)\n\nKey-Added: buyer \(key.fingerprint)\n"
                }
            ) { consultation throws(JSFError) in
                if let encryption, consultation.agentKeys.contains(where: { $0.encryption?.key == encryption.key }) {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "this encryption key is the agent's: identities sealed to it would not be secret from the agent",
                            fr:
                                "cette clé de chiffrement est celle de l'agent : les identités qui lui sont scellées ne seraient pas secrètes pour l'agent"
                        ))
                }
                if let index = consultation.buyerKeys.firstIndex(where: { $0.key == key }), let encryption,
                    consultation.buyerKeys[index].encryption != encryption
                {
                    // The same buyer, listed before its encryption key was known (or with another one): record it.
                    consultation.buyerKeys[index].encryption = encryption
                    updating = true
                    return
                }
                if let existing = (consultation.buyerKeys + consultation.agentKeys).first(where: { $0.key == key }) {
                    throw JSFError(
                        .refused, Text(en: "this key is already listed, for '\(existing.name)'", fr: "cette clé figure déjà, pour '\(existing.name)'")
                    )
                }
                consultation.buyerKeys.append(KeyHolder(name: name, key: key, encryption: encryption))
            })
    }

    /// Removes a buyer, named by name or key; returns the commit.
    static func removeBuyer(_ workspace: Workspace, name: String?, key: SSHPublicKey?, identity: Identity, context: Context) throws(JSFError) -> (
        RevisionID, KeyHolder
    ) {
        var removed: KeyHolder?
        // What the buyer had approved until now stays valid, and only that: the removal names published's tip.
        let published = try gitCall(nil) {
            try workspace.repository.reference(named: Layout.published)?.target
                ?? workspace.repository.reference(named: "refs/remotes/origin/published")?.target
        }
        let tip = "\n\(Keys.publishedTipTrailer): \(published?.hex ?? "none")"
        let commit = try change(
            workspace, identity: identity, context: context,
            message: {
                removed.map { "Acheteur retiré : \($0.name)\n\nKey-Removed: buyer \($0.key.fingerprint)\(tip)\n" } ?? ""
            },
            edit: { consultation throws(JSFError) in
                let matches = consultation.buyerKeys.filter { holder in (name == nil || holder.name == name) && (key == nil || holder.key == key) }
                guard matches.count == 1, let holder = matches.first else {
                    let listed = consultation.buyerKeys.map { "\($0.name) (\($0.key.fingerprint))" }.joined(separator: ", ")
                    throw JSFError(
                        .refused,
                        Text(
                            en: matches.isEmpty ? "no such buyer (listed: \(listed.isEmpty ? "none" : listed))" : "several buyers match: give --key",
                            fr: matches.isEmpty
                                ? "aucun acheteur de la PFRA de ce nom (listés : \(listed.isEmpty ? "aucun" : listed))"
                                : "plusieurs acheteurs de la PFRA correspondent : donnez --key"))
                }
                consultation.buyerKeys.removeAll { $0.key == holder.key }
                removed = holder
            }
        )
        return (RevisionID(commit), removed!)
    }

    /// Commits consultation.yml changed by `edit` on main (from HEAD, not from the working tree's other edits), signed.
    private static func change(
        _ workspace: Workspace, identity: Identity, context: Context, message: () -> String,
        edit: (inout Consultation) throws(JSFError) -> Void
    ) throws(JSFError) -> ObjectID {
        let repository = workspace.repository
        guard let head = try workspace.headCommit(), try gitCall(nil, { try repository.headReferenceName() }) == Layout.main else {
            throw JSFError(
                .refused, Text(en: "keys are changed from branch main", fr: "les clés se modifient depuis la branche main"),
                hints: [Text(en: "run 'git switch main' first", fr: "lancez d'abord 'git switch main'")])
        }
        var committed = try workspace.consultation(at: head)
        try edit(&committed)
        return try workspace.commitConsultation(
            committed, over: head, message: message(),
            failure: Text(en: "cannot record the key change", fr: "impossible d'enregistrer le changement de clé"),
            identity: identity, context: context
        ) { worktree in
            worktree.agentKeys = committed.agentKeys
            worktree.buyerKeys = committed.buyerKeys
        }
    }

    /// Every key added or removed along main's first parents, oldest first.
    static func history(_ workspace: Workspace) throws(JSFError) -> [KeyEvent] {
        let repository = workspace.repository
        return try gitCall(Text(en: "cannot read the history of main", fr: "impossible de lire l'historique de main")) {
            guard let tip = try workspace.trustedMain() else { return [] }
            var chain: [ObjectID] = []
            var cursor: ObjectID? = tip
            while let id = cursor, chain.count < 100_000 {
                chain.append(id)
                cursor = try repository.commit(id).parents.first
            }
            var events: [KeyEvent] = []
            var previous: Consultation?
            for id in chain.reversed() {
                let commit = try repository.commit(id)
                guard let data = try repository.contents(ofPath: Layout.consultationFile, at: id),
                    let consultation = Consultation.parse(String(decoding: data, as: UTF8.self)).0
                else { continue }
                for (role, before, after) in [
                    (Role.agent, previous?.agentKeys ?? [], consultation.agentKeys),
                    (Role.buyer, previous?.buyerKeys ?? [], consultation.buyerKeys),
                ] {
                    for holder in after where !before.contains(where: { $0.key == holder.key }) {
                        events.append(KeyEvent(commit: RevisionID(id), date: commit.committer.time, change: .added, role: role, holder: holder))
                    }
                    for holder in before where !after.contains(where: { $0.key == holder.key }) {
                        events.append(KeyEvent(commit: RevisionID(id), date: commit.committer.time, change: .removed, role: role, holder: holder))
                    }
                }
                previous = consultation
            }
            return events
        }
    }

    /// git's allowed-signers file: every agent and buyer key main ever listed (a removed one only for signatures
    /// made before its removal), and each company's key.pub whose fingerprint is its branch's pseudonym.
    /// `roles` keeps the keys of some roles only: git checks a signature against the whole file, so checking
    /// main with the agent's keys alone (and published with the buyers') also checks who signed.
    static func allowedSigners(_ workspace: Workspace, roles: Set<Role> = Set(Role.allCases)) throws(JSFError) -> String {
        var lines = [
            "# git's allowed signers for this consultation, written by 'jsf allowed-signers'.",
            "# git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=THIS_FILE verify-commit COMMIT",
        ]
        var seen: Set<SSHPublicKey> = []
        var removedAt: [SSHPublicKey: Date] = [:]
        let events = try history(workspace)
        for event in events where event.change == .removed { removedAt[event.holder.key] = event.date }
        for event in events where event.change == .added && !seen.contains(event.holder.key) && roles.contains(event.role) {
            seen.insert(event.holder.key)
            let principal = "\(slug(event.holder.name).isEmpty ? "key" : slug(event.holder.name))@\(event.role.rawValue)"
            var options = "namespaces=\"git\""
            if let until = removedAt[event.holder.key],
                !events.contains(where: { $0.change == .added && $0.holder.key == event.holder.key && $0.date > until })
            {
                options += ",valid-before=\"\(validity(until))\""
            }
            lines.append("# \(event.role.label.en): \(event.holder.name)")
            lines.append("\(principal) \(options) \(event.holder.key.openSSH)")
        }
        for (pseudonym, ref) in try ProposalStore.branches(workspace.repository).sorted(by: { $0.key < $1.key }) where roles.contains(.company) {
            guard let tip = ref.target,
                let data = try gitCall(nil, { try workspace.repository.contents(ofPath: "key.pub", at: tip) }),
                let key = SSHPublicKey(openSSH: String(decoding: data, as: UTF8.self)), key.pseudonym == pseudonym
            else { continue }
            lines.append("\(pseudonym.code)@company namespaces=\"git\" \(key.openSSH)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "20270105100000Z": ssh-keygen's time format, in UTC.
    static func validity(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
