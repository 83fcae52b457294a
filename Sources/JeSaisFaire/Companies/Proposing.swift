import Foundation
internal import Git

/// The draft companies react to: the latest published one, with the rounds as main now records them.
public struct CurrentDraft: Sendable {
    public var draft: Draft
    public var consultation: Consultation
    public var index: ClauseIndex
    public var source: String
    public var round: Round?

    public func roundOpen(at date: Date) -> Bool { round?.isOpen(at: date) ?? false }
}

public struct ProposeRequest: Sendable {
    public var target: String
    public var kind: ProposalKind
    public var cost: CostImpact
    public var estimate: String?
    public var justification: String
    public var proposedText: String?
    public var weight: Int?
    /// Every criterion's weight at once, as given: "prix=30,valeur-technique=60,8.3=10".
    public var weights: String?
    public var amend: String?
    public var allowIdentifying: Bool
    /// Seal the justification and proposed text to the agents' and buyers' keys (Confidential.swift).
    public var confidential = false

    public init(
        target: String, kind: ProposalKind, cost: CostImpact, estimate: String? = nil, justification: String,
        proposedText: String? = nil, weight: Int? = nil, weights: String? = nil, amend: String? = nil, allowIdentifying: Bool = false
    ) {
        self.weights = weights
        self.target = target
        self.kind = kind
        self.cost = cost
        self.estimate = estimate
        self.justification = justification
        self.proposedText = proposedText
        self.weight = weight
        self.amend = amend
        self.allowIdentifying = allowIdentifying
    }
}

public struct ProposeResult: Sendable {
    public var proposal: Proposal
    var commit: ObjectID
    public var targetEntry: IndexEntry
    /// For an alternative weighting: the weights before, for the message.
    public var previousWeights: [(id: String, weight: Int)]?
    /// For an alternative text on a clause with sub-clauses, or whose text has headings: what it does to the section.
    public var section: SectionReplacement?
    /// The section that alternative replaces as the draft has it (heading, own text and sub-clauses, as written).
    public var replacedSection: String?
}

/// What companies do: propose, amend, withdraw — always under their pseudonym.
public enum Proposing {
    /// The latest draft and the round recorded for it (main as fetched from origin, for companies).
    static func currentDraft(_ workspace: Workspace, role: Role) throws(JSFError) -> CurrentDraft {
        guard let draft = try workspace.drafts().last else {
            throw JSFError(
                .refused,
                Text(
                    en: "no draft is published yet: there is nothing to react to",
                    fr: "aucune version n'est publiée : il n'y a rien à quoi réagir"),
                hints: [Text(en: "run 'jsf fetch' later to get the first draft", fr: "lancez 'jsf fetch' plus tard pour obtenir la première version")]
            )
        }
        let repository = workspace.repository
        var mainTip = draft.commit
        let candidates = role == .agent ? [Layout.main] : ["refs/remotes/origin/main", Layout.main]
        for name in candidates {
            if let tip = try gitCall(nil, { try repository.reference(named: name)?.target }) {
                mainTip = tip
                break
            }
        }
        var consultation = try workspace.consultation(at: draft.commit)
        if let latest = try? workspace.consultation(at: mainTip) { consultation.rounds = latest.rounds }
        let (source, index) = try workspace.published(draft)
        return CurrentDraft(
            draft: draft, consultation: consultation, index: index, source: source,
            round: consultation.rounds.first { $0.version == draft.version })
    }

    /// The company's key for this consultation.
    public static func key(for identity: Identity, consultation: Consultation, store: IdentityStore) throws(JSFError) -> CompanyKey {
        CompanyKey(secret: try store.secret(), consultationID: consultation.id)
    }

    /// The pseudonym `identity` has in `consultation`; nil unless it is a company's identity.
    static func pseudonym(of identity: Identity?, in consultation: Consultation, store: IdentityStore) throws(JSFError) -> Pseudonym? {
        guard let identity, identity.role == .company else { return nil }
        return try key(for: identity, consultation: consultation, store: store).pseudonym
    }

    /// A pseudonymous signature: no name, no address of the company, UTC, the time rounded down to the hour.
    static func signature(_ pseudonym: Pseudonym, at date: Date) -> Signature {
        Signature(
            name: pseudonym.code, email: "\(pseudonym.code.lowercased())@pseudonym.jsf.invalid", time: CompanyTime.rounded(date), offsetMinutes: 0)
    }

    public static func requireConcerned(_ identity: Identity, _ consultation: Consultation) throws(JSFError) {
        let eligibility = Eligibility(company: identity, consultation: consultation)
        guard eligibility.concerned else {
            throw JSFError(
                .refused,
                Text(en: "your company is not concerned by this consultation", fr: "votre entreprise n'est pas concernée par cette consultation"),
                hints: [eligibility.explanation(company: identity, consultation: consultation)])
        }
    }

    /// A proposed text shows only images the draft has: a proposal carries no file, and an image from the web
    /// would be fetched by whoever reads or exports it.
    static func requireDraftImages(_ text: String, workspace: Workspace, draft: Draft) throws(JSFError) {
        let foreign = Assets.foreignImages(in: text, draft: Set(try workspace.assets(at: draft.commit).keys))
        guard let first = foreign.first else { return }
        throw JSFError(
            .refused,
            Text(
                en: "the proposed text shows the image '\(String(first.prefix(80)))', which \(draft.name) does not have",
                fr: "le texte proposé affiche l'image '\(String(first.prefix(80)))', que la \(draft.name) n'a pas"),
            hints: [
                Text(
                    en:
                        "a proposal brings no file: show only the draft's images (assets/…), or describe the picture and send it once the tender is open",
                    fr:
                        "une proposition n'apporte aucun fichier : n'affichez que les images de la version (assets/…), ou décrivez l'image et envoyez-la à l'ouverture de la consultation"
                )
            ])
    }

    static func propose(_ workspace: Workspace, request: ProposeRequest, identity: Identity, context: Context) throws(JSFError) -> ProposeResult {
        let current = try currentDraft(workspace, role: .company)
        try requireConcerned(identity, current.consultation)
        let now = context.clock.now
        try requireOpenRound(current, now: now, zone: current.consultation.timeZone)
        let entry = try ClauseLookup.find(request.target, in: current.index.entries, version: current.draft.name)

        let justification = request.justification.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !justification.isEmpty else {
            throw JSFError(
                .refused,
                Text(
                    en: "the justification is empty: say why, in a few sentences",
                    fr: "la justification est vide : dites pourquoi, en quelques phrases"),
                hints: [Text(en: "give it with -m TEXT or -F FILE", fr: "donnez-la avec -m TEXTE ou -F FICHIER")])
        }
        try limit(justification, Proposal.maximumJustification, Text(en: "the justification", fr: "la justification"))
        if let estimate = request.estimate { try limit(estimate, Proposal.maximumEstimate, Text(en: "the estimate", fr: "l'estimation")) }
        var proposedText = request.proposedText?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text = proposedText {
            try limit(text, Proposal.maximumProposedText, Text(en: "the proposed text", fr: "le texte proposé"))
            try requireDraftImages(text, workspace: workspace, draft: current.draft)
        }

        var weights: [(id: String, weight: Int)]?
        var previousWeights: [(id: String, weight: Int)]?
        if request.weight != nil && request.weights != nil {
            throw JSFError(
                .usage,
                Text(
                    en: "give one weight (--weight N) or all of them (--weights ID=N,…), not both",
                    fr: "donnez une pondération (--weight N) ou toutes (--weights ID=N,…), pas les deux"))
        }
        if let assignments = request.weights {
            guard request.kind == .alternative else {
                throw JSFError(
                    .usage,
                    Text(
                        en: "--weights proposes an alternative weighting: use it with --kind alternative",
                        fr: "--weights propose une autre pondération : utilisez-le avec --kind alternative"))
            }
            guard entry.kind == .criterion else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "--weights applies to a criterion, and '\(entry.id)' is a clause",
                        fr: "--weights s'applique à un critère, et '\(entry.id)' est une clause"),
                    hints: [
                        Text(
                            en: "criteria: \(current.index.criteria.map(\.id).joined(separator: ", "))",
                            fr: "critères : \(current.index.criteria.map(\.id).joined(separator: ", "))")
                    ])
            }
            previousWeights = current.index.criteria.map { ($0.id, $0.weight ?? 0) }
            weights = try Weights.resolving(
                assignments, criteria: current.index.criteria, entries: current.index.entries, version: current.draft.name)
        }
        if let weight = request.weight {
            guard entry.kind == .criterion else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "--weight applies to a criterion, and '\(entry.id)' is a clause",
                        fr: "--weight s'applique à un critère, et '\(entry.id)' est une clause"),
                    hints: [
                        Text(
                            en: "criteria: \(current.index.criteria.map(\.id).joined(separator: ", "))",
                            fr: "critères : \(current.index.criteria.map(\.id).joined(separator: ", "))")
                    ])
            }
            guard request.kind == .alternative else {
                throw JSFError(
                    .usage,
                    Text(
                        en: "--weight proposes an alternative weighting: use it with --kind alternative",
                        fr: "--weight propose une autre pondération : utilisez-le avec --kind alternative"))
            }
            guard (0...100).contains(weight) else {
                throw JSFError(.usage, Text(en: "--weight must be between 0 and 100", fr: "--weight doit être entre 0 et 100"))
            }
            previousWeights = current.index.criteria.map { ($0.id, $0.weight ?? 0) }
            weights = Weights.rebalanced(previousWeights!, setting: entry.id, to: weight)
        }
        if request.kind == .alternative && entry.kind == .clause && proposedText == nil {
            throw JSFError(
                .refused, Text(en: "an alternative clause needs its proposed text", fr: "une clause alternative a besoin de son texte proposé"),
                hints: [Text(en: "write it in a file and give --text-file FILE", fr: "écrivez-le dans un fichier et donnez --text-file FICHIER")])
        }
        if request.kind == .alternative && entry.kind == .criterion && weights == nil && proposedText == nil {
            throw JSFError(
                .refused,
                Text(
                    en: "an alternative criterion needs a proposed weight (--weight N or --weights ID=N,…) or text (--text-file FILE)",
                    fr:
                        "un critère alternatif a besoin d'une pondération (--weight N ou --weights ID=N,…) ou d'un texte (--text-file FICHIER)"
                ))
        }
        if request.kind != .alternative && proposedText != nil {
            throw JSFError(
                .usage,
                Text(
                    en: "--text-file gives the text of an alternative: use it with --kind alternative",
                    fr: "--text-file donne le texte d'une alternative : utilisez-le avec --kind alternative"))
        }
        if proposedText?.isEmpty == true { proposedText = nil }
        // An alternative text replaces the whole section: its headings must fit in it.
        var section: SectionReplacement?
        if let text = proposedText, request.kind == .alternative {
            section = try CCTPText(parsing: current.source).sectionReplacement(ofClause: entry.id, with: text)
            if section?.isStructured == false { section = nil }
        }

        if !request.allowIdentifying {
            // What the consultation writes itself (a town, a phrase) is no finding; each finding quotes what matched.
            let findings = Anonymity.Matcher(identity: identity, context: [current.consultation.title, current.source])
                .findings(in: [justification, request.estimate ?? "", proposedText ?? ""].joined(separator: "\n")).map(\.quoted)
            if !findings.isEmpty {
                throw JSFError(
                    .refused,
                    Text(
                        en: "the text names your company: \(findings.map(\.en).joined(separator: ", ")); it would be published under your pseudonym",
                        fr: "le texte nomme votre entreprise : \(findings.map(\.fr).joined(separator: ", ")) ; il serait publié sous votre pseudonyme"
                    ),
                    hints: [
                        Text(
                            en: "remove it, or pass --allow-identifying if you really want it seen by everyone",
                            fr: "retirez-le, ou passez --allow-identifying si vous voulez vraiment que tous le voient")
                    ])
            }
        }

        let key = try key(for: identity, consultation: current.consultation, store: context.identities)
        let repository = workspace.repository
        // The buyers main lists now, whom the identity is sealed to (some may have been added after the draft).
        let latest = try IdentitySealing.latestConsultation(workspace) ?? current.consultation
        let verb = request.amend.map { "amends \($0)" } ?? "\(request.kind.rawValue) on \(entry.id)"
        // The number, the tree and the compare-and-swap come from one read of the branch, retried on a conflict.
        let (commit, proposal) = try ProposalStore.commit(
            repository, pseudonym: key.pseudonym, signature: signature(key.pseudonym, at: now),
            signer: key.signer
        ) { base throws(JSFError) in
            var existing: [Proposal] = []
            var taken: Set<Int> = []
            if let base {
                let branch = try ProposalStore.read(
                    repository, tip: base, pseudonym: key.pseudonym, refName: Layout.proposals(of: key.pseudonym.code))
                existing = branch.proposals
                taken = branch.numbers
            }
            if let amend = request.amend {
                guard let old = existing.first(where: { $0.id == amend }) else {
                    throw JSFError(
                        .refused, Text(en: "no proposal '\(amend)' of yours to amend", fr: "aucune proposition '\(amend)' de votre part à modifier"),
                        hints: [Text(en: "'jsf inbox --mine' lists yours", fr: "'jsf inbox --mine' liste les vôtres")])
                }
                if old.withdrawn != nil {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "\(amend) was withdrawn; make a new proposal instead",
                            fr: "\(amend) a été retirée ; faites plutôt une nouvelle proposition"))
                }
                if let newer = existing.first(where: { $0.supersedes == amend && $0.withdrawn == nil }) {
                    throw JSFError(
                        .refused, Text(en: "\(amend) is already amended by \(newer.id)", fr: "\(amend) est déjà modifiée par \(newer.id)"),
                        hints: [Text(en: "amend \(newer.id) instead", fr: "modifiez plutôt \(newer.id)")])
                }
            }
            // Every file <n>.md holds a number, even one that is not a valid proposal: none is overwritten.
            let number = (taken.max() ?? 0) + 1
            let proposal = Proposal(
                pseudonym: key.pseudonym, number: number, kind: request.kind, target: entry.id,
                version: current.draft.version, targetHash: entry.hash,
                sectionHash: current.index.sectionHash(of: entry.id), cost: request.cost,
                estimate: request.estimate?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty,
                declared: Eligibility(company: identity, consultation: current.consultation).basis,
                created: CompanyTime.stamp(now), supersedes: request.amend,
                weights: weights, justification: justification, proposedText: proposedText)
            let file = Data(proposal.markdown().utf8)
            guard file.count <= ProposalRules.maximumFileBytes else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "the proposal would be \(file.count) bytes long; a proposal file holds at most \(ProposalRules.maximumFileBytes)",
                        fr:
                            "la proposition ferait \(file.count) octets ; un fichier de proposition en contient au plus \(ProposalRules.maximumFileBytes)"
                    ),
                    hints: [Text(en: "shorten the texts", fr: "raccourcissez les textes")])
            }
            var files: [String: Data?] = [proposal.fileName: file]
            if request.confidential {
                let own = EncryptionKey(secret: try context.identities.secret(), consultationID: current.consultation.id)
                files = try Confidential.files(sealing: proposal, consultation: current.consultation, workspace: workspace, company: own)
            }
            if let sealed = try IdentitySealing.file(repository, base: base, identity: identity, key: key, consultation: latest, now: now) {
                files[SealedIdentity.path] = sealed
            }
            var hasKey = false
            if let base { hasKey = try gitCall(nil) { try repository.contents(ofPath: "key.pub", at: base) } != nil }
            if !hasKey { files["key.pub"] = Data(key.openSSHPublicKey.utf8) }
            return (files, "\(proposal.id): \(verb) (v\(current.draft.version))\n", request.confidential ? proposal.sealedForm : proposal)
        }
        return ProposeResult(
            proposal: proposal, commit: commit, targetEntry: entry, previousWeights: previousWeights, section: section,
            replacedSection: section.flatMap { _ in Reading.clauseSource(current.source, id: entry.id, withSubclauses: true) })
    }

    static func withdraw(_ workspace: Workspace, id: String, identity: Identity, context: Context) throws(JSFError) -> Proposal {
        let current = try currentDraft(workspace, role: .company)
        let key = try key(for: identity, consultation: current.consultation, store: context.identities)
        guard let (pseudonym, _) = Proposal.parseID(id), pseudonym == key.pseudonym else {
            throw JSFError(
                .refused,
                Text(
                    en: "'\(id)' is not one of your proposals (yours are \(key.pseudonym.code)-N)",
                    fr: "'\(id)' n'est pas l'une de vos propositions (les vôtres sont \(key.pseudonym.code)-N)"),
                hints: [Text(en: "'jsf inbox --mine' lists yours", fr: "'jsf inbox --mine' liste les vôtres")])
        }
        let repository = workspace.repository
        let now = context.clock.now
        return try ProposalStore.commit(
            repository, pseudonym: key.pseudonym, signature: signature(key.pseudonym, at: now),
            signer: key.signer
        ) { base throws(JSFError) in
            var existing: [Proposal] = []
            if let base {
                existing = try ProposalStore.read(repository, tip: base, pseudonym: key.pseudonym, refName: Layout.proposals(of: key.pseudonym.code))
                    .proposals
            }
            guard var proposal = existing.first(where: { $0.id == id }) else {
                throw JSFError(
                    .refused, Text(en: "no proposal '\(id)'", fr: "pas de proposition '\(id)'"),
                    hints: [Text(en: "'jsf inbox --mine' lists yours", fr: "'jsf inbox --mine' liste les vôtres")])
            }
            if let withdrawn = proposal.withdrawn {
                let zone = current.consultation.timeZone
                throw JSFError(
                    .refused,
                    Text(
                        en: "\(id) was already withdrawn on \(HumanDate.format(withdrawn, language: .en, zone: zone))",
                        fr: "\(id) a déjà été retirée le \(HumanDate.format(withdrawn, language: .fr, zone: zone))"))
            }
            proposal.withdrawn = CompanyTime.stamp(now)
            return ([proposal.fileName: Data(proposal.markdown().utf8)], "\(proposal.id): withdrawn\n", proposal)
        }.1
    }

    static func requireOpenRound(_ current: CurrentDraft, now: Date, zone: TimeZone) throws(JSFError) {
        guard let round = current.round else {
            throw JSFError(
                .refused,
                Text(
                    en: "\(current.draft.name) has no round: proposals are closed",
                    fr: "\(current.draft.name) n'a pas de tour : les propositions sont closes"))
        }
        if now >= round.closes.date {
            throw JSFError(
                .refused,
                Text(
                    en: "the round of \(current.draft.name) closed on \(round.closes.human(.en, zone: zone)): proposals are no longer accepted",
                    fr:
                        "le tour de \(current.draft.name) s'est clos le \(round.closes.human(.fr, zone: zone)) : les propositions ne sont plus acceptées"
                ),
                hints: [
                    Text(
                        en: "run 'jsf fetch' to see whether a new draft is out", fr: "lancez 'jsf fetch' pour voir si une nouvelle version est parue")
                ])
        }
        if now < round.opens.date {
            throw JSFError(
                .refused,
                Text(
                    en: "the round of \(current.draft.name) opens on \(round.opens.human(.en, zone: zone))",
                    fr: "le tour de \(current.draft.name) s'ouvre le \(round.opens.human(.fr, zone: zone))"
                ))
        }
    }

    static func limit(_ text: String, _ maximum: Int, _ what: Text) throws(JSFError) {
        guard text.count <= maximum else {
            throw JSFError(
                .refused,
                Text(
                    en: "\(what.en) is \(text.count) characters long; the limit is \(maximum)",
                    fr: "\(what.fr) fait \(text.count) caractères ; la limite est \(maximum)"),
                hints: [
                    Text(
                        en: "shorten it; details can go to the agent after the consultation",
                        fr: "raccourcissez-le ; les détails pourront être donnés à l'agent ensuite")
                ])
        }
    }
}

/// Criteria weights.
public enum Weights {
    /// "prix=30, valeur-technique=60, 8.3=10": every criterion of the draft named once (by id, number or prefix,
    /// through `ClauseLookup`) with a whole weight from 0 to 100, summing to 100; in document order.
    static func resolving(
        _ text: String, criteria: [IndexEntry], entries: [IndexEntry], version: String
    ) throws(JSFError) -> [(id: String, weight: Int)] {
        let example = criteria.map { "\($0.id)=\($0.weight ?? 0)" }.joined(separator: ",")
        let syntax = Text(en: "write --weights \(example)", fr: "écrivez --weights \(example)")
        var given: [String: (part: String, weight: Int)] = [:]
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        for part in parts {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
                throw JSFError(
                    .usage,
                    Text(
                        en: "--weights: '\(part)' is not CRITERION=WEIGHT", fr: "--weights : '\(part)' n'est pas de la forme CRITÈRE=PONDÉRATION"),
                    hints: [syntax])
            }
            guard pieces[1].count <= 3, pieces[1].allSatisfy({ $0.isASCII && $0.isNumber }), let weight = Int(pieces[1]), (0...100).contains(weight)
            else {
                throw JSFError(
                    .usage,
                    Text(
                        en: "--weights: the weight in '\(part)' must be a whole number from 0 to 100",
                        fr: "--weights : la pondération de '\(part)' doit être un entier de 0 à 100"),
                    hints: [syntax])
            }
            let criterion: IndexEntry
            if ClauseLookup.match(pieces[0], in: criteria) == .none {
                if case .id(let id) = ClauseLookup.match(pieces[0], in: entries) {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "--weights: '\(id)' in '\(part)' is a clause, not a criterion of \(version)",
                            fr: "--weights : '\(id)' dans '\(part)' est une clause, pas un critère de la \(version)"),
                        hints: [syntax])
                }
                let closest = ClauseLookup.closest(pieces[0], in: criteria).map(ClauseLookup.describe).joined(separator: ", ")
                throw JSFError(
                    .refused,
                    Text(
                        en: "--weights: no criterion '\(pieces[0])' (in '\(part)') in \(version)",
                        fr: "--weights : pas de critère '\(pieces[0])' (dans '\(part)') dans la \(version)"),
                    hints: [Text(en: "closest criteria: \(closest)", fr: "critères les plus proches : \(closest)"), syntax])
            }
            do {
                criterion = try ClauseLookup.find(pieces[0], in: criteria, version: version)
            } catch {
                var wrapped = error
                wrapped.message = Text(en: "--weights: " + error.message.en, fr: "--weights : " + error.message.fr)
                throw wrapped
            }
            if let earlier = given[criterion.id] {
                throw JSFError(
                    .usage,
                    Text(
                        en: "--weights: '\(criterion.id)' is named twice ('\(earlier.part)' and '\(part)')",
                        fr: "--weights : '\(criterion.id)' est nommé deux fois ('\(earlier.part)' et '\(part)')"),
                    hints: [syntax])
            }
            given[criterion.id] = (part, weight)
        }
        let missing = criteria.filter { given[$0.id] == nil }.map(\.id)
        guard missing.isEmpty else {
            throw JSFError(
                .usage,
                Text(
                    en: "--weights must name every criterion: missing \(missing.joined(separator: ", "))",
                    fr: "--weights doit nommer chaque critère : il manque \(missing.joined(separator: ", "))"),
                hints: [syntax])
        }
        let total = given.values.reduce(0) { $0 + $1.weight }
        guard total == 100 else {
            let detail = criteria.map { "\($0.id)=\(given[$0.id]!.weight)" }.joined(separator: ", ")
            throw JSFError(
                .usage,
                Text(
                    en: "--weights sum to \(total), not 100 (\(detail))",
                    fr: "les pondérations de --weights totalisent \(total), et non 100 (\(detail))"),
                hints: [syntax])
        }
        return criteria.map { ($0.id, given[$0.id]!.weight) }
    }

    /// Sets one criterion's weight and spreads the difference over the others in proportion to their weights
    /// (largest remainders), so that the total stays 100.
    public static func rebalanced(_ weights: [(id: String, weight: Int)], setting id: String, to value: Int) -> [(id: String, weight: Int)] {
        let others = weights.filter { $0.id != id }
        let remaining = 100 - value
        let total = others.reduce(0) { $0 + $1.weight }
        var shares: [(id: String, weight: Int, remainder: Double)] = others.map { item in
            let exact = total == 0 ? Double(remaining) / Double(max(others.count, 1)) : Double(item.weight) * Double(remaining) / Double(total)
            return (item.id, Int(exact.rounded(.down)), exact - exact.rounded(.down))
        }
        var missing = remaining - shares.reduce(0) { $0 + $1.weight }
        for index in shares.indices.sorted(by: { shares[$0].remainder > shares[$1].remainder }) where missing > 0 {
            shares[index].weight += 1
            missing -= 1
        }
        let byID = Dictionary(uniqueKeysWithValues: shares.map { ($0.id, $0.weight) })
        return weights.map { ($0.id, $0.id == id ? value : byID[$0.id] ?? 0) }
    }
}
