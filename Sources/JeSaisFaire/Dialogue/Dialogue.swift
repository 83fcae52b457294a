import Foundation
internal import Git

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
    /// First seen by this clone after its round closed (the committer date can lie, the clone's clock cannot).
    public var late = false

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

/// Every proposal as a role reads it: the genuine ones with their threads, those that break the rules (never
/// among the views, never counted), the current draft, and the problems met reading them.
public struct DialogueListing: Sendable {
    public var views: [ProposalView]
    public var invalid: [InvalidProposal]
    public var current: CurrentDraft?
    public var problems: [Problem]
}

/// One proposal as `jsf show ID` reads it: its view when it could be read, and why it is invalid when it is.
public struct ProposalLookup: Sendable {
    /// The proposal as read, with its thread; nil when its file cannot be read as a proposal at all.
    public var view: ProposalView?
    /// Set when it breaks the rules: then it is not a genuine proposal, whatever `view` says.
    public var invalid: InvalidProposal?
    public var current: CurrentDraft?
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

    /// Every response, by proposal id: `responses/<id>.md`, UTF-8 without NUL, naming the proposal its file names.
    static func responses(_ repository: Repository) throws(JSFError) -> (responses: [String: Response], problems: [Problem]) {
        guard let tip = try tip(repository).base else { return ([:], []) }
        return try gitCall(Text(en: "cannot read the answers", fr: "impossible de lire les réponses")) {
            var responses: [String: Response] = [:]
            var problems: [Problem] = []
            for entry in try repository.treeEntries(at: tip, path: "responses") where entry.mode == .blob && entry.name.hasSuffix(".md") {
                let file = "dialogue:responses/\(entry.name)"
                let data = try repository.blob(entry.id)
                guard let text = String(data: data, encoding: .utf8), !data.contains(0) else {
                    problems.append(
                        Problem(
                            .warning, file: file, code: "response.encoding", en: "is not UTF-8 text without NUL: the answer is not shown",
                            fr: "n'est pas du texte UTF-8 sans NUL : la réponse n'est pas affichée"))
                    continue
                }
                let (response, issues) = Response.parse(text, file: file)
                problems += issues
                guard let response else { continue }
                guard entry.name == response.proposal + ".md" else {
                    problems.append(
                        Problem(
                            .warning, file: file, code: "response.misplaced",
                            en: "answers \(response.proposal), which its file name does not name: the answer is not shown",
                            fr: "répond à \(response.proposal), que son nom de fichier ne nomme pas : la réponse n'est pas affichée"))
                    continue
                }
                responses[response.proposal] = response
            }
            return (responses, problems)
        }
    }

    /// A warning for each answer to a proposal that does not exist here (neither genuine nor invalid), naming its file.
    static func unanswerable(_ responses: [String: Response], known: Set<String>) -> [Problem] {
        responses.keys.sorted().filter { !known.contains($0) }.map { id in
            Problem(
                .warning, file: "dialogue:" + Response.path(for: id), code: "response.no-proposal",
                en: "answers \(id), which does not exist: the answer is not shown",
                fr: "répond à \(id), qui n'existe pas : la réponse n'est pas affichée")
        }
    }

    /// One proposal, reading only its company's branch (checked by the same rules as every listing), its own answer
    /// file (not the whole dialogue) and its own line of the first-seen record: the view the full listing gives it. An
    /// invalid one is found too, with its reasons.
    static func view(_ id: String, workspace: Workspace, role: Role) throws(JSFError) -> ProposalLookup {
        let repository = workspace.repository
        guard let match = try match(id, repository: repository, reader: workspace.sealReader) else {
            throw try notFound(id, workspace: workspace, role: role)
        }
        let invalid = match.invalid
        let record: ProposalRecord
        if let genuine = match.record {
            record = genuine
        } else if let invalid, let proposal = invalid.proposal {
            let superseded = match.genuine.contains { $0.withdrawn == nil && $0.supersedes == proposal.id }
            record = ProposalRecord(
                proposal: proposal, ref: invalid.ref, state: proposal.withdrawn != nil ? .withdrawn : superseded ? .superseded : .open)
        } else {
            return ProposalLookup(view: nil, invalid: invalid, current: nil)
        }
        let response = try response(to: record.proposal.id, repository: repository)
        let current: CurrentDraft? = try workspace.drafts().isEmpty ? nil : Proposing.currentDraft(workspace, role: role)
        var view = makeView(record, response: response, current: current)
        view.late = workspace.lateProposals(among: [record.proposal.id]).contains(record.proposal.id)
        return ProposalLookup(view: view, invalid: invalid, current: current)
    }

    /// The error for an unknown id, with the closest ids (this one reads everything, but only on failure).
    static func notFound(_ id: String, workspace: Workspace, role: Role) throws(JSFError) -> JSFError {
        let (all, _, _) = try views(workspace, role: role)
        do {
            _ = try find(id, in: all)
            return JSFError(.refused, Text(en: "no proposal '\(id)'", fr: "pas de proposition '\(id)'"))
        } catch {
            return error
        }
    }

    static func makeView(_ record: ProposalRecord, response: Response?, current: CurrentDraft?) -> ProposalView {
        let target = current?.index[record.proposal.target]
        let carry: CarryOver
        if record.state != .open || [.integrated, .answered, .rejected].contains(response?.status) {
            carry = .resolved
        } else if target == nil {
            carry = .orphaned
        } else if target?.hash != record.proposal.targetHash || record.proposal.sectionChanged(in: current?.index) {
            carry = .outdated
        } else {
            carry = .current
        }
        return ProposalView(record: record, response: response, carry: carry, currentTarget: target)
    }

    /// Every genuine proposal with its answers and carry-over state against the current draft.
    static func views(_ workspace: Workspace, role: Role) throws(JSFError) -> (views: [ProposalView], current: CurrentDraft?, problems: [Problem]) {
        let listing = try listing(workspace, role: role)
        return (listing.views, listing.current, listing.problems)
    }

    /// Every proposal, each checked by the rules of ProposalRules: the genuine ones with their answers and carry-over
    /// state against the current draft, the invalid ones apart; an answer to a proposal that does not exist is a warning.
    static func listing(_ workspace: Workspace, role: Role) throws(JSFError) -> DialogueListing {
        let repository = workspace.repository
        let proposals = try ProposalStore.listing(repository, reader: workspace.sealReader)
        let (responses, responseProblems) = try responses(repository)
        let current: CurrentDraft? = try workspace.drafts().isEmpty ? nil : Proposing.currentDraft(workspace, role: role)
        let late = workspace.lateProposals()
        let views = proposals.records.map { record in
            var view = makeView(record, response: responses[record.proposal.id], current: current)
            view.late = late.contains(record.proposal.id)
            return view
        }
        let known = Set(views.map(\.proposal.id) + proposals.invalid.map(\.id))
        return DialogueListing(
            views: views, invalid: proposals.invalid, current: current,
            problems: proposals.problems + responseProblems + unanswerable(responses, known: known))
    }

    /// Finds one proposal by id, suggesting the closest ids otherwise.
    /// An id among `invalid` is refused with its reasons: it is not a genuine proposal.
    public static func find(_ id: String, in views: [ProposalView], invalid: [InvalidProposal] = []) throws(JSFError) -> ProposalView {
        if let view = views.first(where: { $0.proposal.id == id.uppercased() || $0.proposal.id == id }) { return view }
        if let bad = invalid.first(where: { $0.id == id.uppercased() }) { throw refusal(bad) }
        let closest = views.map { ($0.proposal.id, ClauseLookup.distance(id.uppercased(), $0.proposal.id)) }.sorted { $0.1 < $1.1 }.prefix(3).map(\.0)
        throw JSFError(
            .refused, Text(en: "no proposal '\(id)'", fr: "pas de proposition '\(id)'"),
            hints: [
                Text(
                    en: closest.isEmpty
                        ? "there is no proposal yet; 'jsf fetch' gets the latest"
                        : "closest ids: \(closest.joined(separator: ", ")); 'jsf inbox' lists them all",
                    fr: closest.isEmpty
                        ? "il n'y a encore aucune proposition ; 'jsf fetch' récupère les dernières"
                        : "identifiants les plus proches : \(closest.joined(separator: ", ")) ; 'jsf inbox' les liste tous")
            ])
    }

    /// The refusal of a proposal that breaks the rules, with its reasons: it is not a genuine proposal.
    static func refusal(_ bad: InvalidProposal) -> JSFError {
        JSFError(
            .refused,
            Text(
                en: "\(bad.id) breaks the rules: it is not a genuine proposal",
                fr: "\(bad.id) enfreint les règles : ce n'est pas une proposition authentique"),
            hints: [Text(en: "'jsf show \(bad.id)' gives the reasons", fr: "'jsf show \(bad.id)' en donne les raisons")],
            problems: bad.reasons)
    }

    /// Appends the agent's answer to a proposal's thread on the dialogue branch, without touching the working tree;
    /// with `request.dryRun`, only says what it would write.
    static func comment(_ workspace: Workspace, request: CommentRequest, identity: Identity, context: Context) throws(JSFError) -> CommentResult {
        // Its branch alone: the proposals of the others change nothing to it (the whole listing is read only for an
        // unknown id, to suggest the closest ones).
        let record = try record(request.id, workspace: workspace, role: .agent)
        let id = record.proposal.id
        if record.state == .withdrawn, !request.erratum {
            throw JSFError(
                .refused,
                Text(
                    en: "\(id) was withdrawn by its company: there is nothing to answer",
                    fr: "\(id) a été retirée par son entreprise : il n'y a rien à répondre"))
        }
        if request.status == .integrated {
            throw JSFError(
                .usage,
                Text(
                    en: "'integrated' is set by 'jsf publish' for the proposals 'jsf revise --apply' applied",
                    fr: "'integrated' est posé par 'jsf publish' pour les propositions appliquées par 'jsf revise --apply'"),
                hints: [
                    Text(
                        en: "a draft integrates a proposal adjusted by hand with 'jsf publish --integrates \(id)'",
                        fr: "une version intègre une proposition retouchée à la main avec 'jsf publish --integrates \(id)'")
                ])
        }
        let body = request.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else {
            throw JSFError(
                .refused, Text(en: "the answer is empty", fr: "la réponse est vide"),
                hints: [Text(en: "give it with -m TEXT or -F FILE", fr: "donnez-la avec -m TEXTE ou -F FICHIER")])
        }
        let signedBy = request.signedBy?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let signedBy, signedBy.isEmpty || signedBy.contains(where: \.isNewline) {
            throw JSFError(
                .usage,
                Text(
                    en: "--signed-by '\(request.signedBy!)' is not a name on one line",
                    fr: "--signed-by '\(request.signedBy!)' n'est pas un nom sur une ligne"))
        }
        let created = Timestamp(context.clock.now, timeZone: context.clock.timeZone)
        // The entry is made from the thread as it stands at the tip the write starts from: two answers at once both stay.
        func update(_ existing: Response?) throws(JSFError) -> (Response, String) {
            var response = existing ?? Response(proposal: id, entries: [])
            let corrected = response.currentAnswer
            if request.erratum, corrected == nil {
                throw JSFError(
                    .refused,
                    Text(
                        en: "\(id) has no answer yet: there is nothing to correct",
                        fr: "\(id) n'a pas encore de réponse : il n'y a rien à corriger"),
                    hints: [Text(en: "answer it first: jsf comment \(id) -m …", fr: "répondez-y d'abord : jsf comment \(id) -m …")])
            }
            let status = request.status ?? corrected?.status ?? .answered
            let entry = ResponseEntry(created: created, status: status, text: body, erratum: request.erratum, signedBy: signedBy)
            response.entries.append(entry)
            return (response, "\(id): \(status.rawValue)\(request.erratum ? " (erratum)" : "")\n")
        }
        if request.dryRun {
            let repository = workspace.repository
            let path = Response.path(for: id)
            let existing = try tip(repository).base.flatMap { tip throws(JSFError) in
                try gitCall(nil) { try repository.contents(ofPath: path, at: tip) }
            }.flatMap { Response.parse(String(decoding: $0, as: UTF8.self), file: "dialogue:\(path)").0 }
            let (response, message) = try update(existing)
            return CommentResult(response: response, path: path, message: message, written: false)
        }
        var written: (Response, String)?
        try write([id], workspace: workspace, signature: context.signature(for: identity), signer: try context.signer(for: identity)) {
            _, existing throws(JSFError) in
            let made = try update(existing)
            written = made
            return made
        }
        return CommentResult(response: written!.0, path: Response.path(for: id), message: written!.1, written: true)
    }

    /// Commits on the agent's dialogue branch (an orphan branch) the responses `update` makes of each proposal's
    /// thread as it stands at the tip the write starts from (nil: none yet), compare-and-swap against that tip;
    /// when another writer moved the branch meanwhile, reads it again and updates again. The message is the last
    /// one `update` returned.
    static func write(
        _ ids: [String], workspace: Workspace, signature: Signature, signer: SSHSigner,
        update: (_ id: String, _ existing: Response?) throws(JSFError) -> (Response, String)
    ) throws(JSFError) {
        let repository = workspace.repository
        let failure = Text(en: "cannot write on the dialogue branch", fr: "impossible d'écrire sur la branche dialogue")
        _ = try BranchWriter.commit(
            repository, ref: Layout.dialogue, failure: failure, signature: signature, signer: signer,
            tips: { () throws(JSFError) in try tip(repository) },
            build: { base throws(JSFError) in
                var files: [String: Data?] = [:]
                var message = ""
                for id in ids {
                    let path = Response.path(for: id)
                    let existing = try base.flatMap { tip throws(JSFError) in
                        try gitCall(failure) { try repository.contents(ofPath: path, at: tip) }
                    }.flatMap { Response.parse(String(decoding: $0, as: UTF8.self), file: "dialogue:\(path)").0 }
                    let (response, text) = try update(id, existing)
                    files[path] = Data(response.markdown().utf8)
                    message = text
                }
                return (files, message, ())
            }
        )
    }

    /// The cctp.md of draft vN, nil when there is no such draft.
    static func draftSource(_ workspace: Workspace, version: Int) throws(JSFError) -> String? {
        guard let draft = try? workspace.draft("v\(version)") else { return nil }
        return try workspace.cctp(at: draft.commit, name: draft.name)
    }

    /// The text of a clause (heading and body; with its sub-clauses, the whole section) as it stood in a draft.
    static func clauseText(_ workspace: Workspace, id: String, version: Int, withSubclauses: Bool = false) throws(JSFError) -> String? {
        try draftSource(workspace, version: version).flatMap { Reading.clauseSource($0, id: id, withSubclauses: withSubclauses) }
    }

    /// The text of a section after its clause's heading (its own text and its sub-clauses, as written) in a text.
    public static func sectionBody(_ source: String, id: String) -> String? {
        let text = CCTPText(parsing: source)
        guard let n = text.headings.firstIndex(where: { $0.id == id }) else { return nil }
        return text.lines[text.sectionBodyRange(ofHeadingAt: n)].joined(separator: "\n").trimmedNewlines
    }

    /// The body of a clause (without its heading) in a text.
    public static func clauseBody(_ source: String, id: String) -> String? {
        (try? CCTPText(parsing: source).clauses())?.first { $0.id == id }?.body
    }
}
