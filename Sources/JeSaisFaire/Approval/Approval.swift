import Foundation
internal import Git

/// approval.yml on branch published: which draft a PFRA buyer approved, when, and why.
public struct Approval: Sendable, Equatable {
    public static let file = "approval.yml"

    public var version: Int
    /// The approving organisation (the PFRA).
    public var buyer: String
    public var date: String
    public var note: String
    /// The approved draft's commit.
    public var commit: String

    public func yaml() -> String {
        YAMLValue.map([
            ("format", .int(1)), ("version", .int(version)), ("buyer", .string(buyer)), ("date", .string(date)),
            ("note", .string(note)), ("commit", .string(commit)),
        ]).render()
    }

    /// What approval.yml states, each field nil when it is absent or of the wrong type.
    public struct Fields: Sendable, Equatable {
        public var version: Int?
        public var buyer: String?
        public var date: String?
        public var note: String?
        public var commit: String?
    }

    /// The fields of approval.yml, and what is wrong with it; nil when it is not a YAML mapping.
    /// A document about the approval shows what a damaged file still says; `parse` requires the whole of it.
    public static func read(_ text: String, file: String = Approval.file) -> (Fields?, [Problem]) {
        let reader = YAMLReader(file: file)
        guard let root = reader.root(text) else { return (nil, reader.problems) }
        root.rejectUnknownKeys(["format", "version", "buyer", "date", "note", "commit"])
        root.checkFormat()
        let fields = Fields(
            version: root.int("version"), buyer: root.string("buyer"), date: root.string("date"),
            note: root.string("note", required: false), commit: root.string("commit", required: false))
        return (fields, reader.problems)
    }

    public static func parse(_ text: String, file: String = Approval.file) -> (Approval?, [Problem]) {
        let (fields, problems) = read(text, file: file)
        guard let fields, let version = fields.version, let buyer = fields.buyer, let date = fields.date else { return (nil, problems) }
        return (Approval(version: version, buyer: buyer, date: date, note: fields.note ?? "", commit: fields.commit ?? ""), problems)
    }

    /// The approval recorded at tag `final`, if any.
    static func current(_ workspace: Workspace) throws(JSFError) -> Approval? {
        guard let final = try gitCall(nil, { try workspace.repository.reference(named: Layout.finalTag) }), final.target != nil,
            let text = try workspace.text(file, at: try gitCall(nil, { try workspace.repository.resolveCommit(Layout.finalTag) }))
        else { return nil }
        return parse(text).0
    }
}

/// The approval as a document reports it: approval.yml at tag `final`, else on branch `published` (local,
/// then origin's copy), with the fields it could read.
public struct RecordedApproval: Sendable, Equatable {
    public var fields: Approval.Fields
    /// Where it was read: "final" or "published".
    public var ref: String
    /// The commit it was read at, in hex.
    public var commit: String

    /// The recorded approval; nil when neither `final` nor `published` exists. A missing or malformed
    /// approval.yml still gives the approval, with no field.
    public static func read(_ workspace: Workspace) throws(JSFError) -> RecordedApproval? {
        let repository = workspace.repository
        for (ref, name) in [(Layout.finalTag, "final"), (Layout.published, "published"), ("refs/remotes/origin/published", "published")] {
            guard try gitCall(nil, { try repository.reference(named: ref) }) != nil else { continue }
            guard let commit = try? repository.resolveCommit(ref) else { continue }
            let text = try? workspace.text(Approval.file, at: commit)
            let fields = text.flatMap { Approval.read($0).0 } ?? Approval.Fields()
            return RecordedApproval(fields: fields, ref: name, commit: commit.hex)
        }
        return nil
    }
}

/// The approved text: what tag `final` names.
public struct FinalTag: Sendable {
    /// The commit on branch published that the tag names.
    public var commit: RevisionID
    public var parents: [RevisionID]
    /// The tagger's time and offset, when the tag is annotated.
    public var tagged: (date: Date, offsetMinutes: Int)?

    /// Tag `final`; nil when it does not exist.
    public static func read(_ workspace: Workspace) throws(JSFError) -> FinalTag? {
        let failure = Text(en: "cannot read the tag final", fr: "impossible de lire l'étiquette final")
        let repository = workspace.repository
        let reference = try gitCall(failure) { try repository.reference(named: Layout.finalTag) }
        guard let target = reference?.target else { return nil }
        let commit = try gitCall(failure) { try repository.resolveCommit(Layout.finalTag) }
        let parents = try gitCall(nil) { try repository.commit(commit).parents }
        let tagger = (try? repository.tag(target))?.tagger
        return FinalTag(commit: RevisionID(commit), parents: parents.map(RevisionID.init), tagged: tagger.map { ($0.time, $0.offsetMinutes) })
    }
}

/// What stands in the way of approving a draft.
public struct ApprovalBlock: Sendable, Equatable {
    public var code: String
    public var message: Text
}

/// What an approval leaves unresolved without blocking it: shown to the buyer before they confirm.
public struct Unresolved: Sendable, Equatable {
    /// `outdated`, `orphaned`, `unanswered`.
    public var code: String
    public var ids: [String]
    public var message: Text
}

/// `jsf approve`: a PFRA buyer co-signs the final text.
public enum Approving {
    /// What stays unresolved in the dialogue if `draft` is approved now: proposals to re-examine (outdated, orphaned)
    /// and proposals without an answer (a clarification without one blocks the approval instead, unless late).
    public static func unresolved(_ workspace: Workspace) throws(JSFError) -> [Unresolved] {
        let (views, _, _) = try Dialogue.views(workspace, role: .buyer)
        let open = views.filter { $0.record.state == .open }
        let groups: [(code: String, ids: [String], en: String, fr: String)] = [
            (
                "outdated", open.filter { $0.carry == .outdated }.map(\.proposal.id),
                "outdated (their clause changed since, no company re-examined them)", "obsolètes (leur clause a changé depuis, sans réexamen)"
            ),
            (
                "orphaned", open.filter { $0.carry == .orphaned }.map(\.proposal.id), "orphaned (their clause was removed)",
                "orphelines (leur clause a été supprimée)"
            ),
            (
                "unanswered", open.filter { $0.response == nil && ($0.proposal.kind != .clarification || $0.late) }.map(\.proposal.id),
                "without an answer", "sans réponse"
            ),
        ]
        return groups.filter { !$0.ids.isEmpty }.map { group in
            let list = group.ids.joined(separator: ", ")
            return Unresolved(code: group.code, ids: group.ids, message: Text(en: "\(group.en): \(list)", fr: "\(group.fr) : \(list)"))
        }
    }

    /// Everything `approve` checks before writing, without the note: the draft it would approve, and what stays
    /// unresolved. Throws what `approve` would refuse.
    static func review(_ workspace: Workspace, version: String?, identity: Identity, context: Context) throws(JSFError) -> (
        draft: Draft, unresolved: [Unresolved]
    ) {
        let drafts = try workspace.drafts()
        guard let latest = drafts.last else {
            throw JSFError(
                .refused,
                Text(en: "no draft is published: there is nothing to approve", fr: "aucune version n'est publiée : il n'y a rien à approuver"),
                hints: [Text(en: "run 'jsf fetch' to get the latest drafts", fr: "lancez 'jsf fetch' pour obtenir les dernières versions")])
        }
        if let existing = try Approval.current(workspace) {
            throw JSFError(
                .refused,
                Text(
                    en:
                        "v\(existing.version) was already approved on \(HumanDate.format(existing.date, language: .en, zone: workspace.timeZone())) (tag final)",
                    fr:
                        "la v\(existing.version) a déjà été approuvée le \(HumanDate.format(existing.date, language: .fr, zone: workspace.timeZone())) (étiquette final)"
                ))
        }
        let draft = try version.map { name throws(JSFError) in try workspace.draft(name) } ?? latest
        try requireListed(workspace, identity: identity, context: context)
        let blocks = try blocks(workspace, draft: draft, latest: latest, now: context.clock.now)
        guard blocks.isEmpty else {
            throw JSFError(
                .refused, Text(en: "\(draft.name) cannot be approved yet:", fr: "la \(draft.name) ne peut pas encore être approuvée :"),
                hints: blocks.map(\.message) + [
                    Text(
                        en: "'jsf status' shows the round; 'jsf inbox --kind clarification' the questions",
                        fr: "'jsf status' montre le tour ; 'jsf inbox --kind clarification' les questions")
                ])
        }
        return (draft, try unresolved(workspace))
    }

    public struct Result: Sendable {
        public var approval: Approval
        public var merge: RevisionID
        public var tag: RevisionID
        public var parents: [RevisionID]
    }

    /// Everything that blocks approving `draft` now, empty when it can be approved.
    public static func blocks(_ workspace: Workspace, draft: Draft, latest: Draft, now: Date) throws(JSFError) -> [ApprovalBlock] {
        var blocks: [ApprovalBlock] = []
        if draft.version != latest.version {
            blocks.append(
                ApprovalBlock(
                    code: "not-latest",
                    message: Text(
                        en: "\(draft.name) is not the latest draft (\(latest.name) is)",
                        fr: "\(draft.name) n'est pas la dernière version (c'est la \(latest.name))")))
        }
        let current = try Proposing.currentDraft(workspace, role: .buyer)
        if let round = current.round, round.isOpen(at: now) {
            blocks.append(
                ApprovalBlock(
                    code: "round-open",
                    message: Text(
                        en: "the round of \(latest.name) is open until \(round.closes.human(.en, zone: current.consultation.timeZone))",
                        fr: "le tour de la \(latest.name) est ouvert jusqu'au \(round.closes.human(.fr, zone: current.consultation.timeZone))")))
        }
        let (views, _, _) = try Dialogue.views(workspace, role: .buyer)
        // A question that arrived after its round closed cannot hold the approval back.
        let unanswered = views.filter { $0.proposal.kind == .clarification && $0.record.state == .open && $0.response == nil && !$0.late }.map(
            \.proposal.id)
        if !unanswered.isEmpty {
            blocks.append(
                ApprovalBlock(
                    code: "clarification-unanswered",
                    message: Text(
                        en: "clarification requests without an answer: \(unanswered.joined(separator: ", "))",
                        fr: "demandes de précision sans réponse : \(unanswered.joined(separator: ", "))")))
        }
        var files: [String: String?] = [:]
        for file in Layout.files { files[file] = try workspace.text(file, at: draft.commit) }
        let assets = try workspace.assets(at: draft.commit)
        let problems = Checker.checkFiles(files, assets: assets, prefix: "\(draft.name):", strict: true)
        let errors = problems.filter { $0.severity == .error }
        // A warning for 'jsf check' while the text is edited; a contradiction in the approved text could void the award.
        let contradictions = problems.filter { $0.code == Checker.weightTextCode }
        if !contradictions.isEmpty {
            blocks.append(
                ApprovalBlock(
                    code: "criteria-weight-text",
                    message: Text(
                        en: "in \(draft.name) the text of a criterion contradicts its weight: "
                            + contradictions.map { "\($0.location): \($0.message.en)" }.joined(separator: "; "),
                        fr: "dans la \(draft.name), le texte d'un critère contredit sa pondération : "
                            + contradictions.map { "\($0.location) : \($0.message.fr)" }.joined(separator: " ; "))))
        }
        if !errors.isEmpty {
            blocks.append(
                ApprovalBlock(
                    code: "check",
                    message: Text(
                        en: "\(draft.name) fails 'jsf check': " + errors.prefix(5).map(\.description).joined(separator: "; "),
                        fr: "\(draft.name) échoue à 'jsf check' : "
                            + errors.prefix(5).map { "\($0.location): \($0.message.fr)" }.joined(separator: " ; "))))
        }
        return blocks
    }

    /// Only a buyer whose key the agent listed in consultation.yml may approve (DESIGN.md §3); say how to be listed.
    static func requireListed(_ workspace: Workspace, identity: Identity, context: Context) throws(JSFError) {
        let key = try context.identities.signingKey(for: identity).publicKey
        guard let main = try workspace.trustedMain() else { return }
        let consultation = try workspace.consultation(at: main)
        guard !consultation.buyerKeys.contains(where: { $0.key == key }) else { return }
        throw JSFError(
            .refused,
            Text(
                en: "your key \(key.fingerprint) is not listed among the PFRA buyers of this consultation",
                fr: "votre clé \(key.fingerprint) ne figure pas parmi les acheteurs de la PFRA de cette consultation"),
            hints: [
                Text(
                    en:
                        "ask the agent to run: jsf consultation add-buyer --name \"\(identity.authorName)\" --key-string \"\(key.openSSH)\"; then 'jsf fetch'",
                    fr:
                        "demandez à l'agent de lancer : jsf consultation add-buyer --name \"\(identity.authorName)\" --key-string \"\(key.openSSH)\" ; puis 'jsf fetch'"
                )
            ])
    }

    static func approve(_ workspace: Workspace, version: String?, note: String, identity: Identity, context: Context) throws(JSFError) -> Result {
        let repository = workspace.repository
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else {
            throw JSFError(.usage, Text(en: "the approval needs a note: -m TEXT", fr: "l'approbation demande une note : -m TEXTE"))
        }
        let drafts = try workspace.drafts()
        let (draft, _) = try review(workspace, version: version, identity: identity, context: context)
        let signature = context.signature(for: identity)
        let signer = try context.signer(for: identity)
        let approval = Approval(
            version: draft.version, buyer: identity.authorName, date: Timestamp.format(context.clock.now, timeZone: context.clock.timeZone),
            note: note, commit: draft.commit.hex)
        return try gitCall(Text(en: "cannot record the approval", fr: "impossible d'enregistrer l'approbation")) {
            let local = try repository.reference(named: Layout.published)?.target
            let previous = try local ?? repository.reference(named: "refs/remotes/origin/published")?.target
            var first = previous ?? drafts.first!.commit
            if first == draft.commit { first = try repository.commit(draft.commit).parents.first ?? first }
            let parents = first == draft.commit ? [draft.commit] : [first, draft.commit]
            let base = try repository.commit(draft.commit).tree
            let tree = try repository.writeTree(files: [Approval.file: Data(approval.yaml().utf8)], base: base)
            let message = "Approbation de la \(draft.name)\n\n\(note)\n\nApproved-Version: \(draft.name)\nApproved-By: \(identity.authorName)\n"
            let merge = try repository.createCommit(
                tree: tree, parents: parents, author: signature, committer: signature, message: message,
                updating: Layout.published, expectedTip: local, signer: signer)
            do {
                let tag = try repository.createTag(name: "final", target: merge, tagger: signature, message: message, signer: signer)
                return Result(approval: approval, merge: RevisionID(merge), tag: RevisionID(tag), parents: parents.map(RevisionID.init))
            } catch {
                if let local {
                    try? repository.updateReference(Layout.published, to: local, expected: merge, message: "jsf: approval abandoned")
                } else {
                    try? repository.deleteReference(Layout.published)
                }
                throw error
            }
        }
    }
}
