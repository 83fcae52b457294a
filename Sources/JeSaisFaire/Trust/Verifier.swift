import Foundation
internal import Git

/// One thing the verifier refuses: which ref, which commit or tag, which rule, and why.
public struct TrustProblem: Sendable, Equatable, CustomStringConvertible {
    /// The rules, named as the hook and `jsf verify` print them.
    public enum Rule: String, Sendable, Codable {
        case layout, signature, owner
        case fastForward = "fast-forward"
        case deletion
        case movedTag = "moved-tag"
        case file, tree
        case pseudonym, supersedes, late, shape, time
    }

    public var ref: String
    var object: ObjectID?
    public var rule: Rule
    public var message: Text

    /// The commit or tag at fault, nil when the ref itself is.
    public var revision: RevisionID? { object.map(RevisionID.init) }

    public var description: String { "\(ref) \(object?.short ?? "-") [\(rule.rawValue)] \(message.en)" }

    /// The finding as a validation problem, listed under an error ("refs/heads/main 1a2b3c4: … (rule: owner)").
    public var asProblem: Problem {
        let place = object.map { "\(ref) \($0.short)" } ?? ref
        return Problem(
            file: place, code: "trust.\(rule.rawValue)", en: "\(message.en) (rule: \(rule.rawValue))", fr: "\(message.fr) (règle : \(rule.rawValue))")
    }
}

/// What the verifier found for one ref.
public struct RefVerdict: Sendable {
    /// The ref as the layout names it (refs/heads/…, refs/tags/…).
    public var ref: String
    /// The tip it trusted before, nil when none.
    var old: ObjectID?
    /// The tip it was asked to accept, nil for a deletion.
    var new: ObjectID?
    public var problems: [TrustProblem]

    /// The tip it was asked to accept (`new`), nil for a deletion.
    public var tip: RevisionID? { new.map(RevisionID.init) }

    public var ok: Bool { problems.isEmpty }
}

/// Checks that every ref is written only by its owner, as DESIGN.md §2–3 say, for the hub's pre-receive hook,
/// for `jsf fetch` (what arrives in quarantine against what this clone verified before) and for `jsf verify`.
///
/// `trusted` holds the tips already verified (the hub's current refs; the tips a clone remembers), `proposed` the
/// tips to accept (nil: deletion). Only commits that are new relative to the trusted tip are checked one by one,
/// so the hook's work depends on what is pushed, not on the size of the repository.
public final class Verifier {
    /// How strictly keys are read: a hub accepts new writes only from keys listed now; a reader of history
    /// accepts a commit signed by a key that main listed at some point.
    public enum Mode: Sendable { case hook, history }

    let repository: Repository
    let trusted: [String: ObjectID]
    let proposed: [String: ObjectID?]
    let mode: Mode
    /// Looks up a trusted tip that `trusted` does not hold (the hook lists only the refs it needs).
    let resolve: (String) -> ObjectID?
    /// The hub's clock, for proposals that arrive after their round closed; nil: not checked here.
    let now: Date?
    /// The agent key a clone was told to expect (`jsf clone --agent-key`): main's first commit must list it.
    var pinnedAgent: SSHPublicKey?

    private var consultations: [ObjectID: Consultation?] = [:]
    private var indexes: [Int: ClauseIndex?] = [:]
    private var facts: [Int: DraftFacts] = [:]
    private var everListed: (agent: Set<SSHPublicKey>, buyers: Set<SSHPublicKey>)?
    private var removedBuyersCache: [SSHPublicKey: ObjectID?]?
    /// main as it will stand: the proposed tip when it verified, else the trusted one.
    private var main: ObjectID?
    private var after: [String: ObjectID] = [:]

    init(
        repository: Repository, trusted: [String: ObjectID], proposed: [String: ObjectID?], mode: Mode, now: Date?,
        resolve: @escaping (String) -> ObjectID? = { _ in nil }
    ) {
        self.repository = repository
        self.resolve = resolve
        self.trusted = trusted
        self.proposed = proposed
        self.mode = mode
        self.now = now
    }

    /// Verifies every proposed ref; main first (it lists the keys), then the drafts, then the rest.
    public func verify() -> [RefVerdict] {
        after = trusted
        main = trusted[Layout.main]
        // The proposals before the dialogue, so that an answer counts only for a proposal that verified.
        func order(_ ref: String) -> Int {
            if ref == Layout.main { return 0 }
            if Layout.draftVersion(ofTag: ref) != nil { return 1 }
            if ref == Layout.dialogue { return 3 }
            if ref == Layout.published { return 4 }
            if ref == Layout.finalTag { return 5 }
            return 2
        }
        var verdicts: [RefVerdict] = []
        // Drafts by version (v9 before v10), each after the one it follows.
        func version(_ ref: String) -> Int { Layout.draftVersion(ofTag: ref) ?? 0 }
        for ref in proposed.keys.sorted(by: { (order($0), version($0), $0) < (order($1), version($1), $1) }) {
            let new = proposed[ref] ?? nil
            var verdict = RefVerdict(ref: ref, old: trusted[ref], new: new, problems: [])
            do {
                verdict.problems = try check(ref, old: trusted[ref], new: new)
            } catch {
                verdict.problems = [
                    TrustProblem(
                        ref: ref, object: new, rule: .file,
                        message: Text(
                            en: "cannot be read: \(error)", fr: "illisible : \(error)"))
                ]
            }
            if verdict.ok {
                if let new { after[ref] = new } else { after.removeValue(forKey: ref) }
                if ref == Layout.main { main = new }
            }
            verdicts.append(verdict)
        }
        return verdicts
    }

    // MARK: - Per ref

    private func check(_ ref: String, old: ObjectID?, new: ObjectID?) throws -> [TrustProblem] {
        guard let owner = Layout.owner(of: ref) else {
            return [
                problem(
                    ref, new, .layout, en: "is outside the consultation's layout (main, dialogue, proposals/<pseudonym>, published, v<N>, final)",
                    fr: "est hors de l'organisation d'une consultation (main, dialogue, proposals/<pseudonyme>, published, v<N>, final)")
            ]
        }
        guard let new else {
            return [
                problem(
                    ref, old, .deletion, en: "cannot be deleted: a consultation's history is kept whole",
                    fr: "ne peut pas être supprimée : l'historique d'une consultation est conservé en entier")
            ]
        }
        if ref.hasPrefix("refs/tags/") {
            if let old, old != new {
                return [
                    problem(
                        ref, new, .movedTag, en: "was \(old.short) and cannot move: a published tag is permanent",
                        fr: "valait \(old.short) et ne peut pas changer : une étiquette publiée est définitive")
                ]
            }
            if old == new { return [] }
            return ref == Layout.finalTag ? try checkFinal(new) : try checkDraftTag(ref, new)
        }
        if let old, old != new, try !repository.isAncestor(old, of: new) {
            return [
                problem(
                    ref, new, .fastForward, en: "does not descend from \(old.short): history cannot be rewritten",
                    fr: "ne descend pas de \(old.short) : l'historique ne peut pas être réécrit")
            ]
        }
        if old == new { return [] }
        switch owner {
        case .agent where ref == Layout.main: return try checkMain(old: old, new: new)
        case .agent: return try checkDialogue(old: old, new: new)
        case .company: return try checkProposals(ref, old: old, new: new)
        case .buyer: return try checkPublished(old: old, new: new)
        }
    }

    /// main: each new commit signed by an agent key that its parent listed (the first commit lists its own).
    private func checkMain(old: ObjectID?, new: ObjectID) throws -> [TrustProblem] {
        var problems: [TrustProblem] = []
        let ref = Layout.main
        for id in try newCommits(from: new, since: old) {
            let commit = try repository.commit(id)
            guard let current = try consultation(at: id) else {
                problems.append(problem(ref, id, .file, en: "has no readable consultation.yml", fr: "n'a pas de consultation.yml lisible"))
                continue
            }
            let parent = commit.parents.first
            if parent == nil, old != nil {
                problems.append(problem(ref, id, .shape, en: "is a second root commit", fr: "est un second commit racine"))
            }
            if parent == nil, let pinnedAgent, !current.agentKeys.contains(where: { $0.key == pinnedAgent }) {
                problems.append(
                    problem(
                        ref, id, .owner, en: "starts a consultation that does not list the agent key you were given (\(pinnedAgent.fingerprint))",
                        fr: "commence une consultation qui ne liste pas la clé d'agent qui vous a été donnée (\(pinnedAgent.fingerprint))"))
            }
            let listed: [KeyHolder] = try parent.map { try consultation(at: $0)?.agentKeys ?? [] } ?? current.agentKeys
            problems += try signature(ofCommit: id, ref: ref, allowed: Set(listed.map(\.key)), role: .agent)
            if let parent, let before = try consultation(at: parent), before.id != current.id {
                problems.append(
                    problem(
                        ref, id, .file,
                        en: "changes the consultation id from '\(before.id)' to '\(current.id)': it is part of every pseudonym and cannot change",
                        fr:
                            "change l'identifiant de consultation de '\(before.id)' en '\(current.id)' : il entre dans chaque pseudonyme et ne peut pas changer"
                    ))
            }
        }
        problems += try files(at: new, ref: ref)
        return problems
    }

    /// v<N>: an annotated tag signed by an agent key listed at the tagged commit, on main, after v<N-1>.
    private func checkDraftTag(_ ref: String, _ id: ObjectID) throws -> [TrustProblem] {
        guard try repository.objectType(id) == .tag else {
            return [problem(ref, id, .shape, en: "is not an annotated tag", fr: "n'est pas une étiquette annotée")]
        }
        let tag = try repository.tag(id)
        let version = Layout.draftVersion(ofTag: ref) ?? 0
        var problems: [TrustProblem] = []
        if tag.name != "v\(version)" || tag.targetType != .commit {
            problems.append(
                problem(
                    ref, id, .shape, en: "names '\(tag.name)' or does not point at a commit", fr: "se nomme '\(tag.name)' ou ne désigne pas un commit"
                ))
            return problems
        }
        guard let main, try repository.isAncestor(tag.target, of: main) else {
            return [
                problem(
                    ref, id, .shape, en: "points at \(tag.target.short), which is not on main",
                    fr: "désigne \(tag.target.short), qui n'est pas sur main")
            ]
        }
        if version > 1 {
            // A draft follows the previous one on main: it cannot re-publish an older text.
            if let previous = after[Layout.draftTag(version - 1)], let previousCommit = try? repository.resolveCommit(previous.hex) {
                let follows = try repository.isAncestor(previousCommit, of: tag.target)
                if previousCommit == tag.target || !follows {
                    problems.append(
                        problem(
                            ref, id, .shape, en: "points at \(tag.target.short), which does not come after v\(version - 1)",
                            fr: "désigne \(tag.target.short), qui ne vient pas après la v\(version - 1)"))
                }
            } else {
                problems.append(problem(ref, id, .shape, en: "comes without v\(version - 1)", fr: "arrive sans la v\(version - 1)"))
            }
        }
        if try consultation(at: tag.target)?.rounds.contains(where: { $0.version == version }) != true {
            problems.append(
                problem(
                    ref, id, .shape, en: "points at a commit whose consultation.yml has no round for v\(version)",
                    fr: "désigne un commit dont le consultation.yml n'a pas de tour pour la v\(version)"))
        }
        // Listed at the tagged commit, and, for what is new against a verified state, still listed now.
        var allowed = Set((try consultation(at: tag.target)?.agentKeys ?? []).map(\.key))
        if mode == .hook || trusted[Layout.main] != nil { allowed.formIntersection(try keys(\.agentKeys)) }
        problems += try signature(ofTag: id, ref: ref, allowed: allowed, role: .agent)
        problems += try files(at: tag.target, ref: ref)
        return problems
    }

    /// dialogue: agent-signed commits whose tree holds only responses/<proposal-id>.md, each valid.
    private func checkDialogue(old: ObjectID?, new: ObjectID) throws -> [TrustProblem] {
        let ref = Layout.dialogue
        var problems: [TrustProblem] = []
        let allowed = try keys(\.agentKeys)
        for id in try newCommits(from: new, since: old) {
            problems += try signature(ofCommit: id, ref: ref, allowed: allowed, role: .agent)
        }
        let tree = try repository.commit(new).tree
        var responses: [TreeEntry] = []
        for entry in try repository.tree(tree) {
            if entry.name == "responses", entry.mode == .tree {
                responses = try repository.tree(entry.id)
            } else {
                problems.append(
                    problem(
                        ref, new, .tree, en: "holds '\(entry.name)': the dialogue holds only responses/<proposal-id>.md",
                        fr: "contient '\(entry.name)' : le dialogue ne contient que responses/<id-de-proposition>.md"))
            }
        }
        let before =
            try old.map {
                try Dictionary(repository.treeEntries(at: $0, path: "responses").map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
            } ?? [:]
        for entry in responses where before[entry.name] != entry.id {
            let file = "dialogue:responses/\(entry.name)"
            guard entry.mode == .blob, entry.name.hasSuffix(".md"), let (pseudonym, number) = Proposal.parseID(String(entry.name.dropLast(3))) else {
                problems.append(
                    problem(
                        ref, new, .tree, en: "holds '\(file)', which names no proposal", fr: "contient '\(file)', qui ne nomme aucune proposition"))
                continue
            }
            // As every reader reads it (Dialogue.responses): UTF-8 without NUL, naming the proposal its file names.
            let data = try repository.blob(entry.id)
            guard let source = String(data: data, encoding: .utf8), !data.contains(0) else {
                problems.append(
                    problem(ref, new, .file, en: "\(file) is not UTF-8 text without NUL", fr: "\(file) n'est pas du texte UTF-8 sans NUL"))
                continue
            }
            let (response, issues) = Response.parse(source, file: file)
            problems += issues.filter { $0.severity == .error }.map { problem(ref, new, .file, $0) }
            if let response, response.proposal != "\(pseudonym.code)-\(number)" {
                problems.append(
                    problem(
                        ref, new, .file, en: "\(file) answers \(response.proposal), which its file name does not name",
                        fr: "\(file) répond à \(response.proposal), que son nom de fichier ne nomme pas"))
            }
            let branch = Layout.proposals(of: pseudonym.code)
            let exists = try (after[branch] ?? resolve(branch)).map { try repository.contents(ofPath: "\(number).md", at: $0) != nil } ?? false
            if !exists {
                problems.append(
                    problem(
                        ref, new, .file, en: "answers \(pseudonym.code)-\(number), which does not exist",
                        fr: "répond à \(pseudonym.code)-\(number), qui n'existe pas"))
            }
        }
        return problems
    }

    /// proposals/<P>: commits signed by the key whose fingerprint is P; only <n>.md, key.pub and identity.sealed;
    /// new proposals valid against the draft they name, existing ones changed only to be withdrawn.
    private func checkProposals(_ ref: String, old: ObjectID?, new: ObjectID) throws -> [TrustProblem] {
        guard let pseudonym = Pseudonym(code: String(ref.dropFirst(Layout.proposalsPrefix.count))) else {
            return [
                problem(
                    ref, new, .layout, en: "is not named by a pseudonym (8 characters of Crockford base32)",
                    fr: "n'est pas nommée par un pseudonyme (8 caractères en base32 de Crockford)")
            ]
        }
        var problems: [TrustProblem] = []
        // The branch's key is its key.pub, fixed by its first commit: the 40-bit pseudonym names it, the whole key signs.
        let pinned = try repository.contents(ofPath: "key.pub", at: old ?? new).flatMap { SSHPublicKey(openSSH: String(decoding: $0, as: UTF8.self)) }
        for id in try newCommits(from: new, since: old) {
            if mode == .hook { problems += try companyTimes(ofCommit: id, ref: ref) }
            guard let (signature, payload) = try repository.commitSignature(id) else {
                problems.append(problem(ref, id, .signature, en: "is not signed", fr: "n'est pas signé"))
                continue
            }
            do {
                let key = try SSHSignature.verify(signature, message: payload)
                if let pinned, key != pinned, key.pseudonym == pseudonym {
                    problems.append(
                        problem(
                            ref, id, .owner, en: "is signed by \(key.fingerprint), not by the branch's key.pub \(pinned.fingerprint)",
                            fr: "est signé par \(key.fingerprint), pas par la clé key.pub de la branche \(pinned.fingerprint)"))
                } else if key.pseudonym != pseudonym {
                    problems.append(
                        problem(
                            ref, id, .owner,
                            en:
                                "is signed by \(key.pseudonym.code) (\(key.fingerprint)), not by \(pseudonym.code): only a company writes its own branch",
                            fr:
                                "est signé par \(key.pseudonym.code) (\(key.fingerprint)), pas par \(pseudonym.code) : seule une entreprise écrit sa propre branche"
                        ))
                }
            } catch {
                problems.append(
                    problem(ref, id, .signature, en: "has a bad signature (\(error.reason))", fr: "a une signature invalide (\(error.reason))"))
            }
        }
        let entries = try repository.tree(repository.commit(new).tree)
        var files: [String: ObjectID] = [:]
        for entry in entries {
            let numbered = entry.name.hasSuffix(".md") && Proposal.parseID("\(pseudonym.code)-\(entry.name.dropLast(3))") != nil
            let sealed = ProposalRules.number(ofSealed: entry.name) != nil
            guard entry.mode == .blob, numbered || sealed || entry.name == "key.pub" || entry.name == "identity.sealed" else {
                problems.append(
                    problem(
                        ref, new, .tree, en: "holds '\(entry.name)': a proposal branch holds only <n>.md, <n>.sealed, key.pub and identity.sealed",
                        fr: "contient '\(entry.name)' : une branche de propositions ne contient que <n>.md, <n>.sealed, key.pub et identity.sealed"))
                continue
            }
            files[entry.name] = entry.id
        }
        // The same rules as every reader's (ProposalRules): the branch's key.pub, then each proposal against its draft.
        problems += ProposalRules.key(try files["key.pub"].map { try repository.blob($0) }, pseudonym: pseudonym, file: "key.pub")
            .map { problem(ref, new, $0.rule, en: $0.problem.message.en, fr: $0.problem.message.fr) }
        if let old, let before = try repository.contents(ofPath: "key.pub", at: old), let keyBlob = files["key.pub"],
            try repository.blob(keyBlob) != before
        {
            problems.append(
                problem(
                    ref, new, .pseudonym, en: "changes key.pub: a branch keeps the key it started with",
                    fr: "change key.pub : une branche garde la clé de ses débuts"))
        }
        let before =
            try old.map { try Dictionary(repository.tree(repository.commit($0).tree).map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a }) }
            ?? [:]
        if let sealed = files[SealedIdentity.path], before[SealedIdentity.path] != sealed {
            problems += try checkSealedIdentity(sealed, ref: ref, tip: new)
        }
        for name in before.keys where name.hasSuffix(".md") && files[name] == nil {
            problems.append(
                problem(
                    ref, new, .file, en: "deletes \(name): a proposal is withdrawn, never deleted",
                    fr: "supprime \(name) : une proposition se retire, elle ne se supprime pas"))
        }
        let numbers = Set(files.keys.compactMap(ProposalRules.number(ofFile:)))
        // Confidential proposals (Confidential.swift): their <n>.sealed files, and each against its <n>.md.
        problems += try ProposalRules.confidentialFiles(
            repository, files: files, before: before, place: String(ref.dropFirst("refs/heads/".count)), pseudonym: pseudonym, draft: draftFacts
        ).map { problem(ref, new, $0.rule, $0.problem) }
        for (name, blob) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".md") && before[name] != blob {
            let file = "\(ref.dropFirst("refs/heads/".count)):\(name)"
            let size = try repository.objectSize(blob)
            if size > ProposalRules.maximumFileBytes {
                let finding = ProposalRules.tooLarge(size, file: file)
                problems.append(problem(ref, new, finding.rule, finding.problem))
                continue
            }
            let (proposal, findings) = try ProposalRules.check(
                try repository.blob(blob), name: name, pseudonym: pseudonym, file: file, numbers: numbers, draft: draftFacts)
            problems += findings.map { problem(ref, new, $0.rule, $0.problem) }
            guard let proposal else { continue }
            if let previous = before[name] {
                let was = ProposalRules.read(try repository.blob(previous), name: name, pseudonym: pseudonym, file: file).0
                var expected = was
                expected?.withdrawn = proposal.withdrawn
                let withdrawal = was != nil && was?.withdrawn == nil && proposal.withdrawn != nil && expected == proposal
                if withdrawal, mode == .hook { problems += companyTime(proposal.withdrawn, key: "withdrawn", of: proposal, ref: ref, tip: new) }
                let share = ProposalRules.isShare(was: was, now: proposal, sealedRemoved: files[name.dropLast(3) + ".sealed"] == nil)
                if share, mode == .hook { problems += companyTime(proposal.shared, key: "shared", of: proposal, ref: ref, tip: new) }
                if !withdrawal && !share {
                    problems.append(
                        problem(
                            ref, new, .file, en: "rewrites \(proposal.id): a proposal can only be withdrawn, or amended by a new one",
                            fr: "réécrit \(proposal.id) : une proposition peut seulement être retirée, ou modifiée par une nouvelle"))
                }
                continue
            }
            if findings.isEmpty { problems += try late(proposal, ref: ref, tip: new) }
            if mode == .hook { problems += companyTime(proposal.created, key: "created", of: proposal, ref: ref, tip: new) }
        }
        return problems
    }

    /// identity.sealed as the writer writes it, and never sealed to the agent: the agent may not learn who proposes.
    private func checkSealedIdentity(_ blob: ObjectID, ref: String, tip: ObjectID) throws -> [TrustProblem] {
        let file = "\(ref.dropFirst("refs/heads/".count)):\(SealedIdentity.path)"
        guard try repository.objectSize(blob) <= SealedFile.maximumPayloadBytes * 2 else {
            return [problem(ref, tip, .file, en: "\(file) is too large", fr: "\(file) est trop gros")]
        }
        let (sealed, findings) = SealedFile.parse(String(decoding: try repository.blob(blob), as: UTF8.self), file: file, expected: .identity)
        var problems = findings.filter { $0.severity == .error }.map { problem(ref, tip, .file, $0) }
        if let sealed, let main, let consultation = try consultation(at: main) {
            let agent = Set(consultation.agentKeys.compactMap { $0.encryption?.key })
            if sealed.recipients.contains(where: { agent.contains($0.key) }) {
                problems.append(
                    problem(
                        ref, tip, .file, en: "\(file) is sealed to the agent's key: only the PFRA buyers may open an identity",
                        fr: "\(file) est scellé à la clé de l'agent : seuls les acheteurs de la PFRA peuvent ouvrir une identité"))
            }
        }
        return problems
    }

    /// A new commit of a company whose author or committer is not dated as jsf dates a company's writes (the hour,
    /// rounded down, +0000): an exact time would let its proposals be linked across hubs. Only for what a hub
    /// receives: what an older jsf wrote, exact, still reads.
    private func companyTimes(ofCommit id: ObjectID, ref: String) throws -> [TrustProblem] {
        let commit = try repository.commit(id)
        return [("author", "auteur", commit.author), ("committer", "validateur", commit.committer)].compactMap { en, fr, who in
            guard !CompanyTime.isRounded(who) else { return nil }
            let written = Self.gitDate(who)
            return problem(
                ref, id, .time,
                en: "has its \(en) dated \(written): a company's commits are dated to the hour, rounded down, in UTC (+0000)",
                fr: "a son \(fr) daté \(written) : les commits d'une entreprise sont datés à l'heure, arrondie à l'heure inférieure, en UTC (+0000)")
        }
    }

    /// A new proposal's `created`, or its `withdrawn` when it is withdrawn now, that is not a whole hour in UTC.
    private func companyTime(_ value: String?, key: String, of proposal: Proposal, ref: String, tip: ObjectID) -> [TrustProblem] {
        // A value that is no date at all is ProposalRules' finding already.
        guard let value, Timestamp.parseWithOffset(value) != nil, !CompanyTime.isRounded(value) else { return [] }
        return [
            problem(
                ref, tip, .time,
                en: "\(proposal.id): '\(key)' is \(String(value.prefix(40))): a company's dates are whole hours in UTC (2027-01-05T09:00:00+00:00)",
                fr:
                    "\(proposal.id) : '\(key)' vaut \(String(value.prefix(40))) : les dates d'une entreprise sont des heures pleines en UTC (2027-01-05T09:00:00+00:00)"
            )
        ]
    }

    /// The time of a signature at its own offset: "2027-01-04T10:47:21+01:00".
    static func gitDate(_ signature: Signature) -> String {
        Timestamp.format(signature.time, timeZone: TimeZone(secondsFromGMT: signature.offsetMinutes * 60) ?? CompanyTime.utc)
    }

    /// What ProposalRules needs of draft vN as it will stand: its index, consultation and images, read once.
    private func draftFacts(_ version: Int) throws -> DraftFacts? {
        guard let tag = after[Layout.draftTag(version)], let index = try index(of: version, tag: tag) else { return nil }
        if let known = facts[version] { return known }
        let commit = try repository.resolveCommit(tag.hex)
        let images = Set(try repository.treeEntries(at: commit, path: Assets.directory).map { Assets.directory + "/" + $0.name })
        let made = DraftFacts(index: index, consultation: try consultation(at: commit), images: images)
        facts[version] = made
        return made
    }

    /// A new proposal that arrives when its round is not open, by the hub's clock (the one rule of a proposal that
    /// needs the hook's context).
    private func late(_ proposal: Proposal, ref: String, tip: ObjectID) throws -> [TrustProblem] {
        var problems: [TrustProblem] = []
        if let now, let main {
            let committed = try consultation(at: main)
            let round = committed?.rounds.first { $0.version == proposal.version }
            if !(round?.isOpen(at: now) ?? false) {
                let closed = round?.closes.humanText(zone: committed?.timeZone ?? TimeZoneCheck.defaultZone) ?? Text(en: "?", fr: "?")
                problems.append(
                    problem(
                        ref, tip, .late,
                        en: "\(proposal.id) arrives when the round of v\(proposal.version) is not open (it closed on \(closed.en))",
                        fr: "\(proposal.id) arrive alors que le tour de la v\(proposal.version) n'est pas ouvert (clos le \(closed.fr))"
                    ))
            }
        }
        return problems
    }

    /// published: merge commits of a draft plus approval.yml, signed by a buyer; final: the buyer's signed tag on it.
    private func checkPublished(old: ObjectID?, new: ObjectID) throws -> [TrustProblem] {
        let ref = Layout.published
        var problems: [TrustProblem] = []
        guard main != nil else {
            return [
                problem(ref, new, .shape, en: "cannot be checked without a verified main", fr: "ne peut pas être vérifiée sans une main vérifiée")
            ]
        }
        let allowed = try buyerKeys()
        let final = finalCommit()
        // The approvals are published's first parents, down to the draft it started from (a commit of main).
        var cursor: ObjectID? = new
        var steps = 0
        while let id = cursor, id != old, steps < 10_000 {
            if let main, try repository.isAncestor(id, of: main) { break }
            var signed = try signature(ofCommit: id, ref: ref, allowed: allowed, role: .buyer)
            if !signed.isEmpty, try approvedBeforeRemoval(commit: id, signature: repository.commitSignature(id)) { signed = [] }
            problems += signed
            // After the approval (tag final), published takes only reveals (Participants.swift).
            if let final, id != final, try repository.isAncestor(final, of: id) {
                problems += try revealShape(id, ref: ref)
            } else {
                problems += try approvalShape(id, ref: ref)
            }
            cursor = try repository.commit(id).parents.first
            steps += 1
        }
        return problems
    }

    private func approvalShape(_ id: ObjectID, ref: String) throws -> [TrustProblem] {
        let commit = try repository.commit(id)
        guard commit.parents.count <= 2 else {
            return [
                problem(
                    ref, id, .shape, en: "has \(commit.parents.count) parents: an approval merges the previous one and the draft",
                    fr: "a \(commit.parents.count) parents : une approbation fusionne la précédente et la version")
            ]
        }
        guard let text = try repository.contents(ofPath: Approval.file, at: id) else {
            return [problem(ref, id, .shape, en: "has no approval.yml", fr: "n'a pas d'approval.yml")]
        }
        let (approval, issues) = Approval.parse(String(decoding: text, as: UTF8.self), file: "published:\(Approval.file)")
        guard let approval, issues.allSatisfy({ $0.severity != .error }) else {
            return issues.filter { $0.severity == .error }.map { problem(ref, id, .file, $0) }
        }
        guard let tag = after[Layout.draftTag(approval.version)], let draft = try? repository.resolveCommit(tag.hex),
            commit.parents.last == draft, approval.commit == draft.hex
        else {
            return [
                problem(
                    ref, id, .shape, en: "is not the merge of v\(approval.version) that approval.yml names",
                    fr: "n'est pas la fusion de la v\(approval.version) que nomme approval.yml")
            ]
        }
        let expected = try repository.tree(repository.commit(draft).tree).filter { $0.name != Approval.file }
        let actual = try repository.tree(commit.tree).filter { $0.name != Approval.file }
        if expected != actual {
            return [
                problem(
                    ref, id, .shape, en: "changes the text of v\(approval.version): an approval adds approval.yml and nothing else",
                    fr: "modifie le texte de la v\(approval.version) : une approbation ajoute approval.yml et rien d'autre")
            ]
        }
        return []
    }

    /// The commit tag final names, as it stands or as it is pushed now; nil when there is none.
    private func finalCommit() -> ObjectID? {
        let pushed: ObjectID? = proposed[Layout.finalTag] ?? nil
        guard let tag = after[Layout.finalTag] ?? pushed ?? resolve(Layout.finalTag) else { return nil }
        return try? repository.resolveCommit(tag.hex)
    }

    /// A reveal, after the approval: one parent, its tree plus reveals/<n>.yml (n the next number), a valid reveal
    /// naming the key that signed it (docs/format.md).
    private func revealShape(_ id: ObjectID, ref: String) throws -> [TrustProblem] {
        let commit = try repository.commit(id)
        let shape = problem(
            ref, id, .shape,
            en: "after the approval (tag final), published takes only reveals: one commit adding reveals/<n>.yml and nothing else",
            fr:
                "après l'approbation (étiquette final), published ne reçoit que des révélations : un commit qui ajoute reveals/<n>.yml et rien d'autre"
        )
        guard commit.parents.count == 1, let parent = commit.parents.first else { return [shape] }
        let before = try repository.tree(repository.commit(parent).tree)
        let after = try repository.tree(commit.tree)
        guard before.filter({ $0.name != Reveal.directory }) == after.filter({ $0.name != Reveal.directory }),
            let folder = after.first(where: { $0.name == Reveal.directory }), folder.mode == .tree
        else { return [shape] }
        let old = try before.first { $0.name == Reveal.directory }.map { entry in entry.mode == .tree ? try repository.tree(entry.id) : [] } ?? []
        let new = try repository.tree(folder.id)
        let number = old.count + 1
        guard new.count == number, old.allSatisfy({ new.contains($0) }), let added = new.first(where: { $0.name == "\(number).yml" }),
            added.mode == .blob
        else {
            return [
                problem(
                    ref, id, .shape, en: "a reveal adds \(Reveal.path(number)) (the next number) and keeps the others as they were",
                    fr: "une révélation ajoute \(Reveal.path(number)) (le numéro suivant) et garde les autres telles quelles")
            ]
        }
        let file = "published:\(Reveal.path(number))"
        let (reveal, issues) = Reveal.parse(String(decoding: try repository.blob(added.id), as: UTF8.self), file: file)
        let errors = issues.filter { $0.severity == .error }
        guard let reveal, errors.isEmpty else {
            return errors.isEmpty
                ? [problem(ref, id, .file, en: "\(file) is not a reveal", fr: "\(file) n'est pas une révélation")]
                : errors.map { problem(ref, id, .file, $0) }
        }
        guard reveal.number == number else {
            return [
                problem(
                    ref, id, .file, en: "\(file) says number \(reveal.number), not \(number)",
                    fr: "\(file) indique le numéro \(reveal.number), pas \(number)")
            ]
        }
        if let signed = try repository.commitSignature(id), let key = try? SSHSignature.verify(signed.signature, message: signed.payload),
            key.fingerprint != reveal.key
        {
            return [
                problem(
                    ref, id, .file, en: "\(file) names the key \(reveal.key), but \(key.fingerprint) signed it",
                    fr: "\(file) nomme la clé \(reveal.key), mais c'est \(key.fingerprint) qui l'a signé")
            ]
        }
        return []
    }

    /// Whether `target` is reached from `tip` down its first parents through reveals only (each adds to reveals/).
    private func onlyReveals(from tip: ObjectID, down target: ObjectID) throws -> Bool {
        var cursor = tip
        for _ in 0..<10_000 {
            let commit = try repository.commit(cursor)
            guard commit.parents.count == 1, let parent = commit.parents.first,
                try repository.tree(commit.tree).contains(where: { $0.name == Reveal.directory })
            else { return false }
            if parent == target { return true }
            cursor = parent
        }
        return false
    }

    private func checkFinal(_ id: ObjectID) throws -> [TrustProblem] {
        let ref = Layout.finalTag
        guard try repository.objectType(id) == .tag else {
            return [problem(ref, id, .shape, en: "is not an annotated tag", fr: "n'est pas une étiquette annotée")]
        }
        let tag = try repository.tag(id)
        // There is one approval: final is published's tip, an approval merge.
        guard tag.name == "final", let published = after[Layout.published], tag.targetType == .commit,
            try tag.target == published || onlyReveals(from: published, down: tag.target)
        else {
            return [problem(ref, id, .shape, en: "does not point at the approval on published", fr: "ne désigne pas l'approbation sur published")]
        }
        let signed = try signature(ofTag: id, ref: ref, allowed: buyerKeys(), role: .buyer)
        if !signed.isEmpty, try approvedBeforeRemoval(commit: tag.target, signature: repository.tagSignature(id)) { return [] }
        return signed
    }

    /// The buyer keys that may sign what is new: listed at main's tip. A key main no longer lists signed validly only
    /// what it had approved before its removal (`Published-Tip:` of the removal commit).
    private func buyerKeys() throws -> Set<SSHPublicKey> {
        guard let main else { return [] }
        return Set((try consultation(at: main)?.buyerKeys ?? []).map(\.key))
    }

    /// Whether `commit` was signed by a buyer key since removed, and is among what published held at the removal.
    private func approvedBeforeRemoval(commit: ObjectID, signature: (signature: String, payload: Data)?) throws -> Bool {
        guard let signature, let key = try? SSHSignature.verify(signature.signature, message: signature.payload),
            let entry = try removedBuyers()[key], let tip = entry
        else { return false }
        return try commit == tip || repository.isAncestor(commit, of: tip)
    }

    /// Buyer keys removed along main's first parents (and not listed again), with the published tip each removal names.
    private func removedBuyers() throws -> [SSHPublicKey: ObjectID?] {
        if let removedBuyersCache { return removedBuyersCache }
        var removed: [SSHPublicKey: ObjectID?] = [:]
        var cursor: ObjectID? = main
        var steps = 0
        let listedNow = try buyerKeys()
        while let id = cursor, steps < 100_000 {
            let commit = try repository.commit(id)
            cursor = commit.parents.first
            steps += 1
            guard let parent = cursor, let before = try consultation(at: parent), let after = try consultation(at: id) else { continue }
            for holder in before.buyerKeys where !after.buyerKeys.contains(where: { $0.key == holder.key }) && !listedNow.contains(holder.key) {
                guard removed[holder.key] == nil else { continue }
                let value = commit.message.split(separator: "\n").first { $0.hasPrefix(Keys.publishedTipTrailer + ": ") }
                    .map { String($0.dropFirst(Keys.publishedTipTrailer.count + 2)) }
                removed[holder.key] = .some(value.flatMap { ObjectID(hex: $0) })
            }
        }
        removedBuyersCache = removed
        return removed
    }

    // MARK: - Signatures

    private func signature(ofCommit id: ObjectID, ref: String, allowed: Set<SSHPublicKey>, role: Role) throws -> [TrustProblem] {
        guard let (signature, payload) = try repository.commitSignature(id) else {
            return [problem(ref, id, .signature, en: "is not signed", fr: "n'est pas signé")]
        }
        return judge(signature, payload, ref: ref, id: id, allowed: allowed, role: role)
    }

    private func signature(ofTag id: ObjectID, ref: String, allowed: Set<SSHPublicKey>, role: Role) throws -> [TrustProblem] {
        guard let (signature, payload) = try repository.tagSignature(id) else {
            return [problem(ref, id, .signature, en: "is not signed", fr: "n'est pas signée")]
        }
        return judge(signature, payload, ref: ref, id: id, allowed: allowed, role: role)
    }

    private func judge(_ signature: String, _ payload: Data, ref: String, id: ObjectID, allowed: Set<SSHPublicKey>, role: Role) -> [TrustProblem] {
        do {
            let key = try SSHSignature.verify(signature, message: payload)
            if allowed.contains(key) { return [] }
            let who =
                role == .agent ? Text(en: "an agent key", fr: "une clé d'agent") : Text(en: "a PFRA buyer key", fr: "une clé d'acheteur de la PFRA")
            return [
                problem(
                    ref, id, .owner, en: "is signed by \(key.fingerprint), which is not \(who.en) listed in consultation.yml",
                    fr: "est signé par \(key.fingerprint), qui n'est pas \(who.fr) listée dans consultation.yml")
            ]
        } catch {
            return [problem(ref, id, .signature, en: "has a bad signature (\(error.reason))", fr: "a une signature invalide (\(error.reason))")]
        }
    }

    /// The keys of a role that may sign what is new: those main lists at its tip, when there is a verified state to
    /// compare with (the hub's refs, the tips a clone verified before), as the hook judges; for a first verification,
    /// any key main listed at some point, since nothing then tells when a commit was made.
    private func keys(_ field: KeyPath<Consultation, [KeyHolder]>) throws -> Set<SSHPublicKey> {
        guard let main else { return [] }
        if mode == .hook || trusted[Layout.main] != nil { return Set((try consultation(at: main)?[keyPath: field] ?? []).map(\.key)) }
        if everListed == nil {
            var agent = Set<SSHPublicKey>()
            var buyers = Set<SSHPublicKey>()
            var cursor: ObjectID? = main
            var steps = 0
            while let id = cursor, steps < 100_000 {
                if let c = try consultation(at: id) {
                    agent.formUnion(c.agentKeys.map(\.key))
                    buyers.formUnion(c.buyerKeys.map(\.key))
                }
                cursor = try repository.commit(id).parents.first
                steps += 1
            }
            everListed = (agent, buyers)
        }
        return field == \Consultation.agentKeys ? everListed!.agent : everListed!.buyers
    }

    // MARK: - Reading

    /// The most new commits one ref may bring at once: more is refused rather than checked for minutes.
    public static let maximumNewCommits = 10_000

    /// The commits reachable from `tip` and not from `base`, newest first (one revision walk).
    private func newCommits(from tip: ObjectID, since base: ObjectID?) throws -> [ObjectID] {
        guard let commits = try repository.commits(from: tip, hiding: base.map { [$0] } ?? [], limit: Self.maximumNewCommits) else {
            throw TooManyCommits()
        }
        return commits
    }

    struct TooManyCommits: Error, CustomStringConvertible {
        var description: String { "brings more than \(Verifier.maximumNewCommits) new commits at once" }
    }

    private func consultation(at commit: ObjectID) throws -> Consultation? {
        if let cached = consultations[commit] { return cached }
        let parsed = try repository.contents(ofPath: Layout.consultationFile, at: commit)
            .flatMap { Consultation.parse(String(decoding: $0, as: UTF8.self)).0 }
        consultations[commit] = parsed
        return parsed
    }

    private func index(of version: Int, tag: ObjectID) throws -> ClauseIndex? {
        if let cached = indexes[version] { return cached }
        let commit = try repository.resolveCommit(tag.hex)
        let parsed = try repository.contents(ofPath: Layout.indexFile, at: commit)
            .flatMap { ClauseIndex.parse(String(decoding: $0, as: UTF8.self), file: Layout.indexFile).0 }
        indexes[version] = parsed
        return parsed
    }

    /// The three files at a commit, checked as `jsf check` checks a committed draft.
    private func files(at commit: ObjectID, ref: String) throws -> [TrustProblem] {
        var files: [String: String?] = [:]
        for file in Layout.files {
            files[file] = try repository.contents(ofPath: file, at: commit).map { data in
                String(data: data, encoding: .utf8) ?? "\u{FFFD}"
            }
        }
        let assets = try Workspace.assets(in: repository, at: commit)
        let found =
            try Checker.treeProblems(repository, at: commit, prefix: "\(commit.short):")
            + Checker.checkFiles(files, assets: assets, prefix: "\(commit.short):", strict: true)
        return found.filter { $0.severity == .error }.prefix(10).map { problem(ref, commit, .file, $0) }
    }

    private func text(_ blob: ObjectID) throws -> String {
        let data = try repository.blob(blob)
        return String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
    }

    private func problem(_ ref: String, _ object: ObjectID?, _ rule: TrustProblem.Rule, en: String, fr: String) -> TrustProblem {
        TrustProblem(ref: ref, object: object, rule: rule, message: Text(en: en, fr: fr))
    }

    private func problem(_ ref: String, _ object: ObjectID?, _ rule: TrustProblem.Rule, _ found: Problem) -> TrustProblem {
        TrustProblem(ref: ref, object: object, rule: rule, message: Text(en: found.description, fr: "\(found.location) : \(found.message.fr)"))
    }
}
