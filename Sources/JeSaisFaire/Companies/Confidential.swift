import Foundation
internal import Git

/// Whether a reader opened a confidential proposal's sealed content.
public enum SealedContent: Sendable, Equatable {
    /// Opened: the proposal holds its justification, estimate, weights and proposed text.
    case opened
    /// Not opened, and why (not sealed to this reader's key, altered, moved, not checked by this reader).
    case closed(Text)
}

/// Who reads confidential proposals, and with which key: an agent or buyer opens them with the key derived from
/// their secret alone (the one consultation.yml lists), a company its own ones with its key for the consultation.
public struct SealReader: Sendable {
    public var role: Role
    let secret: Data

    public init(role: Role, secret: Data) {
        self.role = role
        self.secret = secret
    }

    /// The reader as `identity` and `store` make it; nil without an identity or a secret.
    public static func of(_ identity: Identity?, store: IdentityStore) -> SealReader? {
        guard let identity, let secret = try? store.secret() else { return nil }
        return SealReader(role: identity.role, secret: secret)
    }

    /// Names the reader (the fingerprint of the key derived from its secret alone), for caches.
    public var fingerprint: String { EncryptionKey(secret: secret).publicKey.fingerprint }

    public func key(consultationID: String) -> EncryptionKey {
        role == .company ? EncryptionKey(secret: secret, consultationID: consultationID) : EncryptionKey(secret: secret)
    }
}

extension Proposal {
    /// The fixed body of a confidential proposal's `<n>.md`: its text is in `<n>.sealed`.
    public static let confidentialBody =
        "Proposition confidentielle (secret des affaires) : son contenu est scellé pour l'agent et les acheteurs de la consultation."

    /// "3.sealed".
    public var sealedFileName: String { "\(number).sealed" }

    /// True when the proposal is confidential and this reader does not hold its content.
    public var hidesContent: Bool { confidential && sealedContent != .opened }

    /// The text of `<n>.md` as if it were not confidential: what `<n>.sealed` holds, and what sharing it publishes.
    public func clearMarkdown() -> String {
        var clear = self
        clear.confidential = false
        clear.sealedContent = nil
        return clear.markdown()
    }

    /// What everyone may know of a confidential proposal: its front matter without estimate or weights, marked
    /// `confidential: true`, and the fixed body.
    func publicMarkdown() -> String {
        var pairs: [(String, YAMLValue)] = [
            ("format", .int(1)), ("id", .string(id)), ("kind", .string(kind.rawValue)), ("target", .string(target)),
            ("version", .int(version)), ("target_hash", .string(targetHash)),
        ]
        if let sectionHash { pairs.append(("section_hash", .string(sectionHash))) }
        pairs.append(("cost", .string(cost.rawValue)))
        if let declared { pairs.append(("declared", .map([("cpv", .string(declared.cpv)), ("territory", .string(declared.territory))]))) }
        pairs.append(("created", .string(created)))
        if let supersedes { pairs.append(("supersedes", .string(supersedes))) }
        if let withdrawn { pairs.append(("withdrawn", .string(withdrawn))) }
        pairs.append(("confidential", .bool(true)))
        return "---\n" + YAMLValue.map(pairs).render() + "---\n\n" + Proposal.confidentialBody + "\n"
    }

    /// The public form of this proposal, as a reader that cannot open it has it.
    public var sealedForm: Proposal {
        var sealed = self
        sealed.confidential = true
        sealed.estimate = nil
        sealed.weights = nil
        sealed.proposedText = nil
        sealed.justification = Proposal.confidentialBody
        sealed.sealedContent = nil
        return sealed
    }

    /// Reads `confidential` and checks what goes with it, as strictly as `publicMarkdown()` writes it.
    static func readConfidentiality(_ root: YAMLMap, body: String, kind: ProposalKind) -> Bool {
        guard let flag = root.string("confidential", required: false) else { return false }
        guard flag == "true" else {
            root.report(
                "confidential", code: "proposal.bad-confidential", en: "'confidential' is true, or absent",
                fr: "'confidential' vaut true, ou est absent")
            return false
        }
        for key in ["estimate", "weights", "shared"] where root.node(key) != nil {
            root.report(
                key, code: "proposal.confidential-clear",
                en: "a confidential proposal has no '\(key)' in clear: its content is in its .sealed file",
                fr: "une proposition confidentielle n'a pas de '\(key)' en clair : son contenu est dans son fichier .sealed")
        }
        if body.trimmedBlank != confidentialBody {
            root.reader.report(
                line: nil, key: nil, code: "proposal.confidential-body",
                en: "the body of a confidential proposal is the fixed text \"\(confidentialBody)\"; its own text is in its .sealed file",
                fr:
                    "le corps d'une proposition confidentielle est le texte fixe « \(confidentialBody) » ; son propre texte est dans son fichier .sealed"
            )
        }
        return true
    }
}

/// Confidential proposals (DOMAIN.md §1.2, §8; docs/format.md "Confidential proposals"): `<n>.md` holds the public
/// facts, `<n>.sealed` the complete clear `<n>.md`, sealed to the agents', the buyers' and the company's own keys.
public enum Confidential {
    /// Where `<n>.sealed` belongs; bound into its encryption.
    static func context(consultationID: String, pseudonym: Pseudonym, number: Int) -> SealedFile.Context {
        SealedFile.Context(kind: .proposal, consultationID: consultationID, pseudonym: pseudonym.code, path: "\(number).sealed")
    }

    /// The keys a confidential proposal is sealed to: every agent's and buyer's listed key, and the company's own.
    static func recipients(_ consultation: Consultation, company: EncryptionKey) throws(JSFError) -> [EncryptionPublicKey] {
        let agents = consultation.agentKeys.compactMap(\.encryption?.key)
        guard !agents.isEmpty else {
            throw JSFError(
                .refused,
                Text(
                    en: "consultation.yml lists no encryption key of the agent: a confidential proposal cannot be sealed to it",
                    fr: "consultation.yml ne liste aucune clé de chiffrement de l'agent : une proposition confidentielle ne peut pas lui être scellée"
                ),
                hints: [
                    Text(
                        en: "ask the agent to list one ('jsf identity show' prints it), or propose without --confidential",
                        fr: "demandez à l'agent d'en lister une ('jsf identity show' l'affiche), ou proposez sans --confidential")
                ])
        }
        return agents + consultation.buyerKeys.compactMap(\.encryption?.key) + [company.publicKey]
    }

    /// The files `jsf propose --confidential` writes for `proposal` (written in clear): `<n>.md` in its public form and
    /// `<n>.sealed` holding the clear text.
    /// It is sealed to the keys of the draft's consultation.yml (`consultation`), and of main's as last fetched (a
    /// buyer listed since the draft).
    static func files(sealing proposal: Proposal, consultation: Consultation, workspace: Workspace, company: EncryptionKey) throws(JSFError)
        -> [String: Data?]
    {
        var recipients = try recipients(consultation, company: company)
        for name in ["refs/remotes/origin/main", Layout.main] {
            guard let tip = try? workspace.repository.reference(named: name)?.target, let latest = try? workspace.consultation(at: tip),
                latest.id == consultation.id
            else { continue }
            recipients += (latest.agentKeys + latest.buyerKeys).compactMap(\.encryption?.key)
            break
        }
        let sealed: SealedFile
        do {
            sealed = try SealedFile.seal(
                Data(proposal.clearMarkdown().utf8), to: recipients,
                context: context(consultationID: consultation.id, pseudonym: proposal.pseudonym, number: proposal.number))
        } catch {
            throw JSFError(
                .refused,
                Text(en: "cannot seal \(proposal.id): \(error.message.en)", fr: "impossible de sceller \(proposal.id) : \(error.message.fr)"))
        }
        return [proposal.fileName: Data(proposal.sealedForm.markdown().utf8), proposal.sealedFileName: Data(sealed.text().utf8)]
    }

    /// Opens the sealed content of `listed` (read from `<n>.md`) with `key`. The content must be a proposal whose
    /// front matter is the public one (but for a later withdrawal, which only `<n>.md` records): otherwise it is
    /// shown as what it is, a proposal that breaks the rules. Not being a recipient is no fault: it stays closed.
    static func open(_ listed: Proposal, sealed: SealedFile, key: EncryptionKey, consultationID: String, file: String)
        -> (Proposal, [ProposalFinding])
    {
        var shown = listed
        let payload: Data
        do {
            payload = try sealed.open(
                with: key, context: context(consultationID: consultationID, pseudonym: listed.pseudonym, number: listed.number))
        } catch {
            shown.sealedContent = .closed(error.message)
            return (shown, [])
        }
        let (parsed, issues) = String(data: payload, encoding: .utf8).map { Proposal.parse($0, file: file) } ?? (nil, [])
        guard var clear = parsed, !issues.contains(where: { $0.severity == .error }), !clear.confidential, clear.shared == nil,
            clear.withdrawn == nil
        else {
            shown.sealedContent = .closed(Text(en: "its sealed content is not a proposal", fr: "son contenu scellé n'est pas une proposition"))
            return (
                shown,
                [
                    ProposalFinding(
                        .file,
                        Problem(
                            file: file, code: "proposal.sealed-content", en: "\(listed.id): its sealed content is not a proposal as jsf writes one",
                            fr: "\(listed.id) : son contenu scellé n'est pas une proposition telle que jsf l'écrit"))
                ]
            )
        }
        clear.withdrawn = listed.withdrawn
        clear.confidential = true
        clear.sealedContent = .opened
        let differing = differences(clear, listed)
        guard differing.isEmpty else {
            return (
                clear,
                [
                    ProposalFinding(
                        .file,
                        Problem(
                            file: file, code: "proposal.sealed-mismatch",
                            en: "\(listed.id): its sealed text disagrees with its public front matter (\(differing.joined(separator: ", ")))",
                            fr: "\(listed.id) : son texte scellé ne s'accorde pas avec son en-tête public (\(differing.joined(separator: ", ")))"))
                ]
            )
        }
        return (clear, [])
    }

    /// A confidential proposal (or one with a `<n>.sealed` beside it) as a reader of its branch has it: the rules of
    /// its sealed file (ProposalRules.sealed, against `facts`, its draft), and its content when `reader` opens it.
    static func read(
        _ listed: Proposal, sealed entry: TreeEntry?, repository: Repository, file: String, facts: DraftFacts?, reader: SealReader?
    ) throws -> (Proposal, [ProposalFinding]) {
        var data: Data?
        if let entry {
            // A tree or a file too large is no sealed file: read as a few bytes that are not one.
            let tooLarge = entry.mode == .blob ? try repository.objectSize(entry.id) > ProposalRules.maximumSealedBytes : true
            if tooLarge {
                data = Data([0xFF])
            } else {
                data = try repository.blob(entry.id)
            }
        }
        let (sealed, findings) = ProposalRules.sealed(listed, data: data, file: file, consultation: facts?.consultation)
        guard let sealed, findings.isEmpty, let reader, let id = facts?.consultation?.id else { return (listed, findings) }
        return open(listed, sealed: sealed, key: reader.key(consultationID: id), consultationID: id, file: file)
    }

    /// Why `jsf revise --apply` refuses a confidential proposal: the next draft would publish it.
    static func applyRefusal(_ p: Proposal) -> JSFError {
        JSFError(
            .refused,
            Text(
                en:
                    "\(p.id) is confidential (secret des affaires): applying it would publish it in the next draft, which needs its company's specific consent",
                fr:
                    "\(p.id) est confidentielle (secret des affaires) : l'appliquer la publierait dans la prochaine version, ce qui demande le consentement exprès de son entreprise"
            ),
            hints: [
                Text(
                    en:
                        "ask its company to consent with 'jsf consent \(p.id) --share' (say so in your answer: jsf comment \(p.id) …); once it has, 'jsf fetch' and apply it",
                    fr:
                        "demandez à son entreprise d'y consentir avec 'jsf consent \(p.id) --share' (dites-le dans votre réponse : jsf comment \(p.id) …) ; une fois fait, 'jsf fetch' puis appliquez-la"
                )
            ])
    }

    /// The front-matter fields in which `a` and `b` differ.
    static func differences(_ a: Proposal, _ b: Proposal) -> [String] {
        var fields: [String] = []
        if a.id != b.id { fields.append("id") }
        if a.kind != b.kind { fields.append("kind") }
        if a.target != b.target { fields.append("target") }
        if a.version != b.version { fields.append("version") }
        if a.targetHash != b.targetHash { fields.append("target_hash") }
        if a.sectionHash != b.sectionHash { fields.append("section_hash") }
        if a.cost != b.cost { fields.append("cost") }
        if a.declared != b.declared { fields.append("declared") }
        if a.created != b.created { fields.append("created") }
        if a.supersedes != b.supersedes { fields.append("supersedes") }
        return fields
    }
}

extension ProposalRules {
    /// `<n>.sealed` → n, nil for any other name.
    static func number(ofSealed name: String) -> Int? {
        guard name.hasSuffix(".sealed") else { return nil }
        return number(ofFile: String(name.dropLast(".sealed".count)) + ".md")
    }

    /// A sealed file holds at most this (the largest proposal file, in base64, with its recipients).
    static let maximumSealedBytes = SealedFile.maximumPayloadBytes * 2

    /// The rules `<n>.sealed` keeps beside `<n>.md` (`proposal`), whoever reads: only a confidential proposal has
    /// one, and it must; it parses as a sealed proposal, and is sealed to an agent key that consultation.yml lists
    /// in the draft the proposal reacts to (`consultation`, when known). `data` is nil when there is no such file.
    static func sealed(_ proposal: Proposal, data: Data?, file: String, consultation: Consultation?) -> (SealedFile?, [ProposalFinding]) {
        func finding(_ code: String, en: String, fr: String) -> ProposalFinding {
            ProposalFinding(.file, Problem(file: file, code: code, en: en, fr: fr))
        }
        guard proposal.confidential else {
            guard data != nil else { return (nil, []) }
            return (
                nil,
                [
                    finding(
                        "proposal.sealed-stray", en: "\(proposal.id) is not confidential, but has a \(proposal.sealedFileName) beside it",
                        fr: "\(proposal.id) n'est pas confidentielle, mais a un \(proposal.sealedFileName) à côté")
                ]
            )
        }
        guard let data else {
            return (
                nil,
                [
                    finding(
                        "proposal.sealed-missing", en: "\(proposal.id) is confidential, but has no \(proposal.sealedFileName)",
                        fr: "\(proposal.id) est confidentielle, mais n'a pas de \(proposal.sealedFileName)")
                ]
            )
        }
        guard data.count <= maximumSealedBytes, let text = String(data: data, encoding: .utf8) else {
            return (
                nil,
                [
                    finding(
                        "proposal.sealed-unreadable",
                        en: "\(proposal.sealedFileName) is not a sealed file (UTF-8, at most \(maximumSealedBytes) bytes)",
                        fr: "\(proposal.sealedFileName) n'est pas un fichier scellé (UTF-8, au plus \(maximumSealedBytes) octets)")
                ]
            )
        }
        let (sealed, problems) = SealedFile.parse(
            text, file: file.replacingOccurrences(of: proposal.fileName, with: proposal.sealedFileName), expected: .proposal)
        var found = problems.filter { $0.severity == .error }.map { ProposalFinding(.file, $0) }
        guard let sealed else {
            if found.isEmpty {
                found.append(
                    finding(
                        "proposal.sealed-unreadable", en: "\(proposal.sealedFileName) is not a sealed file",
                        fr: "\(proposal.sealedFileName) n'est pas un fichier scellé"))
            }
            return (nil, found)
        }
        if let consultation {
            let agents = consultation.agentKeys.compactMap(\.encryption?.key)
            if !agents.contains(where: sealed.isSealed(to:)) {
                found.append(
                    finding(
                        "proposal.sealed-agent",
                        en: "\(proposal.sealedFileName) is sealed to no agent key that consultation.yml lists in v\(proposal.version)",
                        fr: "\(proposal.sealedFileName) n'est scellé à aucune clé d'agent que consultation.yml liste dans la v\(proposal.version)"))
            }
        }
        return (sealed, found)
    }

    /// A proposal made public by its company's consent: `was` (confidential, not withdrawn) becomes `now`, its clear
    /// text with `shared`, the same front matter, and its `<n>.sealed` removed (`sealedRemoved`).
    static func isShare(was: Proposal?, now: Proposal, sealedRemoved: Bool) -> Bool {
        guard let was, was.confidential, was.withdrawn == nil, !now.confidential, now.shared != nil, now.withdrawn == nil, sealedRemoved
        else { return false }
        return Confidential.differences(was, now).isEmpty
    }

    /// The rules of the `<n>.sealed` files of a branch going from `before` to `files` (names to blobs), for the hub's
    /// hook and `jsf fetch`: none alone, none rewritten, none removed but by sharing its proposal, and a proposal is
    /// never shared unless it was confidential.
    static func sealedChanges(
        files: [String: ObjectID], before: [String: ObjectID], place: String, read: (_ name: String, _ blob: ObjectID) throws -> Proposal?
    ) rethrows -> [ProposalFinding] {
        var found: [ProposalFinding] = []
        func add(_ name: String, _ code: String, en: String, fr: String) {
            found.append(ProposalFinding(.file, Problem(file: "\(place):\(name)", code: code, en: en, fr: fr)))
        }
        for name in files.keys.sorted() {
            guard let n = number(ofSealed: name) else { continue }
            if files["\(n).md"] == nil {
                add(name, "proposal.sealed-alone", en: "\(name) has no \(n).md beside it", fr: "\(name) n'a pas de \(n).md à côté")
            }
        }
        for (name, blob) in before.sorted(by: { $0.key < $1.key }) {
            guard let n = number(ofSealed: name), files[name] != blob else { continue }
            if files[name] == nil, let md = files["\(n).md"], md != before["\(n).md"], let now = try read("\(n).md", md), now.shared != nil {
                continue
            }
            add(
                name, "proposal.sealed-rewrite",
                en: "\(files[name] == nil ? "deletes" : "rewrites") \(name): a sealed proposal stays as written until its company shares it",
                fr:
                    "\(files[name] == nil ? "supprime" : "réécrit") \(name) : une proposition scellée reste telle qu'écrite jusqu'à ce que son entreprise la partage"
            )
        }
        for (name, blob) in files.sorted(by: { $0.key < $1.key }) {
            guard number(ofFile: name) != nil, before[name] == nil, let now = try read(name, blob), now.shared != nil else { continue }
            add(
                name, "proposal.shared-new", en: "\(now.id) says it was shared, but it was never confidential",
                fr: "\(now.id) se dit partagée, mais elle n'a jamais été confidentielle")
        }
        return found
    }
}

extension ProposalRules {
    /// Every rule of confidential proposals on a branch going from `before` to `files` (names to blobs), for the
    /// hook and `jsf fetch`: `sealedChanges`, and `sealed` for each `<n>.md` or `<n>.sealed` new or changed.
    static func confidentialFiles(
        _ repository: Repository, files: [String: ObjectID], before: [String: ObjectID], place: String, pseudonym: Pseudonym,
        draft: (Int) throws -> DraftFacts?
    ) throws -> [ProposalFinding] {
        func proposal(_ blob: ObjectID, _ name: String) throws -> Proposal? {
            guard try repository.objectSize(blob) <= maximumFileBytes else { return nil }
            return read(try repository.blob(blob), name: name, pseudonym: pseudonym, file: "\(place):\(name)").0
        }
        var found = try sealedChanges(files: files, before: before, place: place) { name, blob in try proposal(blob, name) }
        for (name, blob) in files.sorted(by: { $0.key < $1.key }) {
            guard let n = number(ofFile: name) else { continue }
            let sealedName = "\(n).sealed"
            let sealedBlob = files[sealedName]
            guard before[name] != blob || before[sealedName] != sealedBlob, let listed = try proposal(blob, name),
                listed.confidential || sealedBlob != nil
            else { continue }
            var data: Data?
            if let sealedBlob {
                data = try repository.objectSize(sealedBlob) > maximumSealedBytes ? Data([0xFF]) : try repository.blob(sealedBlob)
            }
            found += sealed(listed, data: data, file: "\(place):\(name)", consultation: try draft(listed.version)?.consultation).1
        }
        return found
    }
}

extension Proposing {
    /// `jsf consent ID --share`: the company consents to make its confidential proposal `id` public, precisely
    /// designated (L2132-1). `<n>.md` becomes the clear text that `<n>.sealed` held, with `shared`, in a commit it
    /// signs; `<n>.sealed` goes.
    static func share(_ workspace: Workspace, id: String, identity: Identity, context: Context) throws(JSFError) -> Proposal {
        let current = try currentDraft(workspace, role: .company)
        let key = try key(for: identity, consultation: current.consultation, store: context.identities)
        let own = EncryptionKey(secret: try context.identities.secret(), consultationID: current.consultation.id)
        let hint = Text(en: "'jsf inbox --mine' lists yours", fr: "'jsf inbox --mine' liste les vôtres")
        guard let (pseudonym, number) = Proposal.parseID(id.uppercased()), pseudonym == key.pseudonym else {
            throw JSFError(
                .refused,
                Text(
                    en: "'\(id)' is not one of your proposals (yours are \(key.pseudonym.code)-N): a company consents only for its own",
                    fr:
                        "'\(id)' n'est pas l'une de vos propositions (les vôtres sont \(key.pseudonym.code)-N) : une entreprise ne consent que pour les siennes"
                ),
                hints: [hint])
        }
        let repository = workspace.repository
        let now = context.clock.now
        return try ProposalStore.commit(
            repository, pseudonym: key.pseudonym, signature: signature(key.pseudonym, at: now), signer: key.signer
        ) { base throws(JSFError) in
            var existing: [Proposal] = []
            if let base {
                existing = try ProposalStore.read(repository, tip: base, pseudonym: key.pseudonym, refName: Layout.proposals(of: key.pseudonym.code))
                    .proposals
            }
            guard let listed = existing.first(where: { $0.number == number }), let base else {
                throw JSFError(.refused, Text(en: "no proposal '\(id)'", fr: "pas de proposition '\(id)'"), hints: [hint])
            }
            guard listed.confidential else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "\(listed.id) is not confidential: it is public already\(listed.shared.map { " (shared on \($0))" } ?? "")",
                        fr: "\(listed.id) n'est pas confidentielle : elle est déjà publique\(listed.shared.map { " (partagée le \($0))" } ?? "")"))
            }
            guard listed.withdrawn == nil else {
                throw JSFError(
                    .refused,
                    Text(en: "\(listed.id) was withdrawn: there is nothing to share", fr: "\(listed.id) a été retirée : il n'y a rien à partager"))
            }
            let data = try gitCall(nil) { try repository.contents(ofPath: listed.sealedFileName, at: base) }
            let file = "proposals/\(key.pseudonym.code):\(listed.fileName)"
            let (sealed, findings) = ProposalRules.sealed(listed, data: data, file: file, consultation: nil)
            guard let sealed, findings.isEmpty else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "cannot read \(listed.sealedFileName): \(findings.map(\.problem.message.en).joined(separator: "; "))",
                        fr: "impossible de lire \(listed.sealedFileName) : \(findings.map(\.problem.message.fr).joined(separator: " ; "))"))
            }
            let (opened, problems) = Confidential.open(listed, sealed: sealed, key: own, consultationID: current.consultation.id, file: file)
            if case .closed(let why) = opened.sealedContent {
                throw JSFError(
                    .refused,
                    Text(en: "cannot open \(listed.sealedFileName): \(why.en)", fr: "impossible d'ouvrir \(listed.sealedFileName) : \(why.fr)"))
            }
            if let problem = problems.first?.problem {
                throw JSFError(
                    .refused, problem.message, hints: [Text(en: "it cannot be shared as it is", fr: "elle ne peut pas être partagée telle quelle")])
            }
            var clear = opened
            clear.confidential = false
            clear.sealedContent = nil
            clear.shared = CompanyTime.stamp(now)
            return (
                [clear.fileName: Data(clear.markdown().utf8), clear.sealedFileName: nil],
                "\(clear.id): shared (specific consent to make this confidential proposal public)\n", clear
            )
        }.1
    }
}
