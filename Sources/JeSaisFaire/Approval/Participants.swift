import Foundation
internal import Git

/// `identity.sealed` on one company's branch, as `jsf participants` reads it without opening it.
public struct SealedIdentityStatus: Sendable {
    public enum State: String, Sendable, Codable {
        /// The branch has no identity.sealed (it proposed before jsf sealed identities, or was written by hand).
        case absent
        /// identity.sealed is there but does not parse.
        case unreadable
        /// identity.sealed parses.
        case sealed
    }

    /// One key it is sealed to, with the listed buyer that holds it (nil: no buyer listed now holds it).
    public struct Recipient: Sendable, Equatable {
        public var fingerprint: String
        public var buyer: String?
    }

    public var state: State
    /// The blob of identity.sealed, in hex; nil when absent.
    public var blob: String?
    public var problems: [Problem]
    public var recipients: [Recipient]
    /// The buyers listed now, with an encryption key, that it is not sealed to (listed after the company sealed).
    public var missing: [String]
    /// Whether it is sealed to the encryption key of whoever runs jsf; nil when they hold none (a company).
    public var toYou: Bool?
}

/// One company of the dialogue, by its pseudonym: what it did, and its sealed identity.
public struct Participant: Sendable {
    public var pseudonym: String
    /// The branch read: "proposals/7F3K9Q2M" or "origin/proposals/7F3K9Q2M".
    public var branch: String
    /// Genuine proposals by kind (every kind present, zero included).
    public var kinds: [(kind: ProposalKind, count: Int)]
    public var proposals: Int
    public var withdrawn: Int
    /// Proposals with an answer of the agent (any status), and among them integrated ones.
    public var answered: Int
    public var integrated: Int
    /// The first and last time it wrote (its proposals' `created` and withdrawals), rounded down to the hour (UTC).
    public var first: Date?
    public var last: Date?
    public var identity: SealedIdentityStatus
}

/// reveals/<n>.yml on branch published: one act of revealing, by a PFRA buyer after the approval. It names who
/// revealed, when, and which identity.sealed blobs were opened; never the identities themselves (published is public).
public struct Reveal: Sendable, Equatable {
    public static let directory = "reveals"

    public struct Opened: Sendable, Equatable {
        public var pseudonym: String
        /// The blob id of the identity.sealed opened.
        public var identity: String
    }

    public var number: Int
    /// The revealing buyer's organisation (the author of their commits).
    public var buyer: String
    /// The fingerprint of their signing key, and of the encryption key that opened the identities.
    public var key: String
    public var encryptionKey: String
    public var date: String
    public var opened: [Opened]

    public static func path(_ number: Int) -> String { "\(directory)/\(number).yml" }

    public func yaml() -> String {
        YAMLValue.map([
            ("format", .int(1)), ("number", .int(number)), ("buyer", .string(buyer)), ("key", .string(key)),
            ("encryption_key", .string(encryptionKey)), ("date", .string(date)),
            ("opened", .list(opened.map { .map([("pseudonym", .string($0.pseudonym)), ("identity", .string($0.identity))]) })),
        ]).render()
    }

    /// Reads reveals/<n>.yml as strictly as `yaml()` writes it.
    public static func parse(_ text: String, file: String) -> (Reveal?, [Problem]) {
        let reader = YAMLReader(file: file)
        guard let root = reader.root(text) else { return (nil, reader.problems) }
        root.rejectUnknownKeys(["format", "number", "buyer", "key", "encryption_key", "date", "opened"])
        root.checkFormat()
        let number = root.int("number")
        let buyer = root.string("buyer")
        let key = root.string("key")
        let encryptionKey = root.string("encryption_key")
        let date = root.string("date")
        if let date, Timestamp.parse(date) == nil {
            root.report("date", code: "reveal.date", en: "'\(date)' is not a date (ISO 8601)", fr: "'\(date)' n'est pas une date (ISO 8601)")
        }
        var opened: [Opened] = []
        for map in root.maps("opened") ?? [] {
            map.rejectUnknownKeys(["pseudonym", "identity"])
            guard let pseudonym = map.string("pseudonym"), let identity = map.string("identity") else { continue }
            if Pseudonym(code: pseudonym) == nil {
                map.report(
                    "pseudonym", code: "reveal.pseudonym", en: "'\(pseudonym)' is not a pseudonym", fr: "'\(pseudonym)' n'est pas un pseudonyme")
            }
            if ObjectID(hex: identity) == nil {
                map.report(
                    "identity", code: "reveal.identity", en: "'\(identity)' is not a blob id (40 hex digits)",
                    fr: "'\(identity)' n'est pas un identifiant de blob (40 chiffres hexadécimaux)")
            }
            opened.append(Opened(pseudonym: pseudonym, identity: identity))
        }
        if root.node("opened") != nil, opened.isEmpty, reader.problems.isEmpty {
            root.report("opened", code: "reveal.empty", en: "'opened' is empty", fr: "'opened' est vide")
        }
        guard reader.problems.allSatisfy({ $0.severity != .error }), let number, let buyer, let key, let encryptionKey, let date else {
            return (nil, reader.problems)
        }
        return (Reveal(number: number, buyer: buyer, key: key, encryptionKey: encryptionKey, date: date, opened: opened), reader.problems)
    }
}

/// A reveal as recorded on published, with its commit.
public struct RecordedReveal: Sendable {
    public var reveal: Reveal
    public var commit: RevisionID
}

/// One check of a revealed identity.
public struct RevealCheck: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable { case ok, failed, unchecked }
    /// siret, departement, eligibility, declared, register.
    public var code: String
    public var outcome: Outcome
    public var message: Text
}

/// One identity opened by `jsf participants --reveal`, with its checks.
public struct RevealedParticipant: Sendable {
    public var identity: SealedIdentity
    /// The blob of the identity.sealed opened.
    public var blob: String
    public var checks: [RevealCheck]
}

/// A company whose identity the buyer could not open, and why.
public struct UnopenedParticipant: Sendable {
    public var pseudonym: String
    public var reason: Text
}

public struct RevealResult: Sendable {
    public var reveal: Reveal
    public var commit: RevisionID
    public var revealed: [RevealedParticipant]
    public var unopened: [UnopenedParticipant]
    /// The SIRENE extract checked against; nil when none was given.
    public var register: String?
}

/// The establishments of an extract of INSEE's SIRENE StockEtablissement file (CSV, with its header line), as the
/// reveal checks them: only the rows of the SIRETs asked for are kept, so the whole stock file can be given.
public struct SireneRegister: Sendable {
    public struct Establishment: Sendable, Equatable {
        public var siret: String
        public var postalCode: String
        public var commune: String
        /// `A` (active) or `F` (closed).
        public var state: String

        /// The département the establishment is in: from the commune code ("35238" → 35, "2A004" → 2A, "97411" →
        /// 974), else from the postal code (not for Corsica, whose postal codes 20xxx cover both départements).
        public var departement: String? {
            for code in [commune, postalCode] where code.count == 5 {
                if code.hasPrefix("97") || code.hasPrefix("98") { return String(code.prefix(3)) }
                if code == commune || !code.hasPrefix("20") { return String(code.prefix(2)) }
            }
            return nil
        }
    }

    public static let columns = ["siret", "codePostalEtablissement", "codeCommuneEtablissement", "etatAdministratifEtablissement"]

    public var file: String
    public var establishments: [String: Establishment]

    /// Reads `path` (named `file` in messages), keeping the rows of `sirets`.
    public static func read(_ path: String, file: String, sirets: Set<String>) throws(JSFError) -> SireneRegister {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw JSFError(
                .refused, Text(en: "cannot read the SIRENE extract '\(file)'", fr: "impossible de lire l'extrait SIRENE '\(file)'"),
                hints: [
                    Text(
                        en: "give a CSV extract of INSEE's StockEtablissement file with --sirene FILE",
                        fr: "donnez un extrait CSV du fichier StockEtablissement de l'INSEE avec --sirene FICHIER")
                ])
        }
        defer { try? handle.close() }
        var register = SireneRegister(file: file, establishments: [:])
        var header: [String: Int]?
        var buffer = Data()
        var lineNumber = 0
        func take(_ line: Data) throws(JSFError) {
            lineNumber += 1
            var text = String(decoding: line, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            if lineNumber == 1, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            if text.isEmpty { return }
            let fields = csvFields(text)
            guard let index = header else {
                var found: [String: Int] = [:]
                for (i, name) in fields.enumerated() { found[name] = i }
                let absent = columns.filter { found[$0] == nil }
                guard absent.isEmpty else {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "\(file):1: the SIRENE extract has no column \(absent.joined(separator: ", "))",
                            fr: "\(file):1 : l'extrait SIRENE n'a pas de colonne \(absent.joined(separator: ", "))"),
                        hints: [
                            Text(
                                en: "give a CSV extract of StockEtablissement with its header line (\(columns.joined(separator: ","))…)",
                                fr: "donnez un extrait CSV de StockEtablissement avec sa ligne d'en-tête (\(columns.joined(separator: ","))…)")
                        ])
                }
                header = found
                return
            }
            func field(_ name: String) -> String {
                guard let i = index[name], i < fields.count else { return "" }
                return fields[i]
            }
            let siret = field("siret")
            guard sirets.contains(siret) else { return }
            register.establishments[siret] = Establishment(
                siret: siret, postalCode: field("codePostalEtablissement"), commune: field("codeCommuneEtablissement"),
                state: field("etatAdministratifEtablissement"))
        }
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw JSFError(
                    .refused, Text(en: "cannot read the SIRENE extract '\(file)'", fr: "impossible de lire l'extrait SIRENE '\(file)'"),
                    cause: "\(error)")
            }
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                try take(buffer[buffer.startIndex..<newline])
                buffer = Data(buffer[buffer.index(after: newline)...])
            }
        }
        if !buffer.isEmpty { try take(buffer) }
        guard header != nil else {
            throw JSFError(
                .refused, Text(en: "\(file): the SIRENE extract is empty", fr: "\(file) : l'extrait SIRENE est vide"),
                hints: [
                    Text(
                        en: "give a CSV extract of StockEtablissement with its header line",
                        fr: "donnez un extrait CSV de StockEtablissement avec sa ligne d'en-tête")
                ])
        }
        return register
    }

    /// The fields of one CSV line (RFC 4180: commas, double quotes around a field, "" for a quote inside).
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }
}

/// `jsf participants`: the companies of the dialogue by pseudonym, and, after the approval, who they are.
public enum Participants {
    /// Every company with a proposal branch: its activity and its sealed identity, as `identity` sees it.
    static func list(_ workspace: Workspace, identity: Identity, context: Context) throws(JSFError) -> [Participant] {
        let repository = workspace.repository
        let consultation = try currentConsultation(workspace)
        let buyers = consultation?.buyerKeys.filter { $0.encryption != nil } ?? []
        let mine: EncryptionPublicKey? = identity.role == .company ? nil : EncryptionKey(secret: try context.identities.secret()).publicKey
        let (views, _, _) = try Dialogue.views(workspace, role: identity.role)
        var byPseudonym: [String: [ProposalView]] = [:]
        for view in views { byPseudonym[view.proposal.pseudonym.code, default: []].append(view) }
        var participants: [Participant] = []
        for (pseudonym, ref) in try ProposalStore.branches(repository).sorted(by: { $0.key < $1.key }) {
            guard let tip = ref.target else { continue }
            let own = byPseudonym[pseudonym.code] ?? []
            var dates: [Date] = []
            for view in own {
                if let date = Timestamp.parse(view.proposal.created) { dates.append(date) }
                if let withdrawn = view.proposal.withdrawn, let date = Timestamp.parse(withdrawn) { dates.append(date) }
            }
            let branch =
                ref.name.hasPrefix("refs/remotes/")
                ? String(ref.name.dropFirst("refs/remotes/".count)) : String(ref.name.dropFirst("refs/heads/".count))
            participants.append(
                Participant(
                    pseudonym: pseudonym.code, branch: branch,
                    kinds: ProposalKind.allCases.map { kind in (kind, own.filter { $0.proposal.kind == kind }.count) },
                    proposals: own.count, withdrawn: own.filter { $0.record.state == .withdrawn }.count,
                    answered: own.filter { $0.response?.status != nil }.count,
                    integrated: own.filter { $0.response?.status == .integrated }.count,
                    first: dates.min().map(hour), last: dates.max().map(hour),
                    identity: try status(repository, tip: tip, branch: branch, buyers: buyers, mine: mine)))
        }
        return participants
    }

    /// Rounded down to the hour (UTC): no finer time of a company is shown.
    static func hour(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    static func currentConsultation(_ workspace: Workspace) throws(JSFError) -> Consultation? {
        guard let main = try workspace.trustedMain() else { return nil }
        return try workspace.consultation(at: main)
    }

    static func status(
        _ repository: Repository, tip: ObjectID, branch: String, buyers: [KeyHolder], mine: EncryptionPublicKey?
    ) throws(JSFError) -> SealedIdentityStatus {
        let file = "\(branch):\(SealedIdentity.path)"
        let entry = try gitCall(Text(en: "cannot read \(file)", fr: "impossible de lire \(file)")) {
            try repository.entry(atPath: SealedIdentity.path, at: tip)
        }
        guard let entry else {
            return SealedIdentityStatus(state: .absent, blob: nil, problems: [], recipients: [], missing: [], toYou: nil)
        }
        let data = try gitCall(Text(en: "cannot read \(file)", fr: "impossible de lire \(file)")) {
            entry.mode == .blob ? try repository.blob(entry.id) : Data()
        }
        let (sealed, problems) = SealedFile.parse(String(decoding: data, as: UTF8.self), file: file, expected: .identity)
        guard let sealed else {
            return SealedIdentityStatus(state: .unreadable, blob: entry.id.hex, problems: problems, recipients: [], missing: [], toYou: nil)
        }
        let recipients = sealed.recipients.map { recipient in
            SealedIdentityStatus.Recipient(
                fingerprint: recipient.key.fingerprint, buyer: buyers.first { $0.encryption?.key == recipient.key }?.name)
        }
        let missing = buyers.filter { holder in holder.encryption.map { !sealed.isSealed(to: $0.key) } ?? false }.map(\.name)
        return SealedIdentityStatus(
            state: .sealed, blob: entry.id.hex, problems: problems, recipients: recipients, missing: missing,
            toYou: mine.map { sealed.isSealed(to: $0) })
    }

    /// Refuses the reveal to anyone but a PFRA buyer, each with its reason.
    static func requireRevealer(_ identity: Identity) throws(JSFError) {
        switch identity.role {
        case .buyer: return
        case .agent:
            throw JSFError(
                .refused,
                Text(
                    en: "the agent cannot open any identity: companies seal them to the PFRA buyers' keys only, never to the agent's",
                    fr:
                        "l'agent ne peut ouvrir aucune identité : les entreprises les scellent aux seules clés des acheteurs de la PFRA, jamais à celle de l'agent"
                ),
                hints: [
                    Text(
                        en: "a PFRA buyer reveals them after the approval with 'jsf participants --reveal'; 'jsf participants' lists the pseudonyms",
                        fr:
                            "un acheteur de la PFRA les révèle après l'approbation avec 'jsf participants --reveal' ; 'jsf participants' liste les pseudonymes"
                    )
                ])
        case .company:
            throw JSFError(
                .refused,
                Text(
                    en:
                        "a company cannot open any identity, its own or another's: it is not a recipient (identities are sealed to the PFRA buyers' keys)",
                    fr:
                        "une entreprise ne peut ouvrir aucune identité, ni la sienne ni celle d'une autre : elle n'en est pas destinataire (les identités sont scellées aux clés des acheteurs de la PFRA)"
                ))
        }
    }

    /// `jsf participants --reveal`: opens every identity sealed to the buyer's key, checks each, and records the act
    /// on published (reveals/<n>.yml, signed by the buyer). Refused before the approval, and when no identity opens.
    static func reveal(_ workspace: Workspace, sirene: (path: String, file: String)?, identity: Identity, context: Context) throws(JSFError)
        -> RevealResult
    {
        try requireRevealer(identity)
        let repository = workspace.repository
        guard let final = try FinalTag.read(workspace), let approval = try Approval.current(workspace) else {
            throw JSFError(
                .refused,
                Text(
                    en: "nothing is approved yet: the identities are revealed only after the approval (tag final)",
                    fr: "rien n'est encore approuvé : les identités ne sont révélées qu'après l'approbation (étiquette final)"),
                hints: [
                    Text(
                        en:
                            "'jsf participants' lists the pseudonyms meanwhile; after 'jsf approve' (or 'jsf fetch' once a buyer approved), run it again",
                        fr:
                            "'jsf participants' liste les pseudonymes en attendant ; après 'jsf approve' (ou 'jsf fetch' quand un acheteur a approuvé), relancez-la"
                    )
                ])
        }
        try Approving.requireListed(workspace, identity: identity, context: context)
        let key = EncryptionKey(secret: try context.identities.secret())
        let consultation = try workspace.consultation(at: final.commit.objectID)
        let buyers = (try currentConsultation(workspace))?.buyerKeys ?? consultation.buyerKeys
        let (views, _, _) = try Dialogue.views(workspace, role: .buyer)
        var opened: [(SealedIdentity, String)] = []
        var unopened: [UnopenedParticipant] = []
        for (pseudonym, ref) in try ProposalStore.branches(repository).sorted(by: { $0.key < $1.key }) {
            guard let tip = ref.target else { continue }
            let branch =
                ref.name.hasPrefix("refs/remotes/")
                ? String(ref.name.dropFirst("refs/remotes/".count)) : String(ref.name.dropFirst("refs/heads/".count))
            let file = "\(branch):\(SealedIdentity.path)"
            let entry = try gitCall(Text(en: "cannot read \(file)", fr: "impossible de lire \(file)")) {
                try repository.entry(atPath: SealedIdentity.path, at: tip)
            }
            guard let entry, entry.mode == .blob else {
                unopened.append(
                    UnopenedParticipant(
                        pseudonym: pseudonym.code,
                        reason: Text(
                            en: "\(branch) has no identity.sealed (it proposed before identities were sealed)",
                            fr: "\(branch) n'a pas d'identity.sealed (elle a proposé avant que les identités soient scellées)")))
                continue
            }
            let data = try gitCall(Text(en: "cannot read \(file)", fr: "impossible de lire \(file)")) { try repository.blob(entry.id) }
            let (sealed, problems) = SealedFile.parse(String(decoding: data, as: UTF8.self), file: file, expected: .identity)
            guard let sealed else {
                let why = problems.first.map { $0.message } ?? Text(en: "unreadable", fr: "illisible")
                unopened.append(
                    UnopenedParticipant(
                        pseudonym: pseudonym.code, reason: Text(en: "\(file) does not parse: \(why.en)", fr: "\(file) ne se lit pas : \(why.fr)")))
                continue
            }
            guard sealed.isSealed(to: key.publicKey) else {
                let holders = sealed.recipients.map { recipient in
                    buyers.first { $0.encryption?.key == recipient.key }?.name ?? recipient.key.fingerprint
                }.joined(separator: ", ")
                unopened.append(
                    UnopenedParticipant(
                        pseudonym: pseudonym.code,
                        reason: Text(
                            en:
                                "its identity is not sealed to your key (\(key.publicKey.fingerprint)): your key was not listed when it sealed; it is sealed to \(holders). The company re-seals at its next 'jsf propose' or 'jsf push' after 'jsf fetch'",
                            fr:
                                "son identité n'est pas scellée à votre clé (\(key.publicKey.fingerprint)) : votre clé n'était pas listée quand elle l'a scellée ; elle est scellée à \(holders). L'entreprise la rescelle à son prochain 'jsf propose' ou 'jsf push' après 'jsf fetch'"
                        )))
                continue
            }
            let payload: Data
            do {
                payload = try sealed.open(with: key, context: SealedIdentity.context(consultationID: consultation.id, pseudonym: pseudonym.code))
            } catch {
                unopened.append(
                    UnopenedParticipant(
                        pseudonym: pseudonym.code,
                        reason: Text(en: "\(file) does not open: \(error.message.en)", fr: "\(file) ne s'ouvre pas : \(error.message.fr)")))
                continue
            }
            let (revealed, found) = SealedIdentity.parse(String(decoding: payload, as: UTF8.self), file: file)
            guard let revealed, revealed.pseudonym == pseudonym.code, revealed.consultationID == consultation.id else {
                let why =
                    found.first?.message
                    ?? Text(en: "it names another pseudonym or consultation", fr: "elle nomme un autre pseudonyme ou une autre consultation")
                unopened.append(
                    UnopenedParticipant(
                        pseudonym: pseudonym.code,
                        reason: Text(en: "the identity in \(file) is not valid: \(why.en)", fr: "l'identité de \(file) n'est pas valide : \(why.fr)"))
                )
                continue
            }
            opened.append((revealed, entry.id.hex))
        }
        guard !opened.isEmpty else {
            throw JSFError(
                .refused,
                Text(
                    en: unopened.isEmpty ? "no company took part: there is no identity to reveal" : "no identity opens with your key",
                    fr: unopened.isEmpty
                        ? "aucune entreprise n'a participé : il n'y a aucune identité à révéler" : "aucune identité ne s'ouvre avec votre clé"),
                hints: unopened.map { Text(en: "\($0.pseudonym): \($0.reason.en)", fr: "\($0.pseudonym) : \($0.reason.fr)") })
        }
        var register: SireneRegister?
        if let sirene {
            let sirets = Set(opened.compactMap { $0.0.siret.flatMap { try? SIRET.validate($0) } })
            register = try SireneRegister.read(sirene.path, file: sirene.file, sirets: sirets)
        }
        let revealed = opened.map { identity, blob in
            RevealedParticipant(
                identity: identity, blob: blob,
                checks: checks(
                    identity, proposals: views.filter { $0.proposal.pseudonym.code == identity.pseudonym }.map(\.proposal),
                    consultation: consultation, register: register))
        }
        let signature = context.signature(for: identity)
        let signer = try context.signer(for: identity)
        let signingKey = try context.identities.signingKey(for: identity).publicKey
        let date = Timestamp.format(context.clock.now, timeZone: context.clock.timeZone)
        let failure = Text(en: "cannot record the reveal on published", fr: "impossible d'enregistrer la révélation sur published")
        let (commit, reveal) = try BranchWriter.commit(
            repository, ref: Layout.published, failure: failure, signature: signature, signer: signer,
            tips: { () throws(JSFError) in try publishedTips(repository, failure: failure) },
            build: { (base) throws(JSFError) in
                guard let base, try gitCall(failure, { try base == final.commit.objectID || repository.isAncestor(final.commit.objectID, of: base) })
                else {
                    throw JSFError(
                        .refused,
                        Text(
                            en: "published does not hold the approval (tag final) here",
                            fr: "published ne contient pas l'approbation (étiquette final) ici"),
                        hints: [Text(en: "run 'jsf fetch' first", fr: "lancez d'abord 'jsf fetch'")])
                }
                let existing = try gitCall(failure) { try repository.treeEntries(at: base, path: Reveal.directory) }
                let number = existing.count + 1
                let reveal = Reveal(
                    number: number, buyer: identity.authorName, key: signingKey.fingerprint, encryptionKey: key.publicKey.fingerprint,
                    date: date, opened: revealed.map { Reveal.Opened(pseudonym: $0.identity.pseudonym, identity: $0.blob) })
                let message =
                    "Levée de l'anonymat n° \(number) (v\(approval.version) approuvée)\n\n"
                    + "Revealed-By: \(identity.authorName)\nRevealed-Key: \(signingKey.fingerprint)\n"
                    + "Revealed-Pseudonyms: \(reveal.opened.map(\.pseudonym).joined(separator: ", "))\n"
                return ([Reveal.path(number): Data(reveal.yaml().utf8)], message, reveal)
            })
        return RevealResult(
            reveal: reveal, commit: RevisionID(commit), revealed: revealed, unopened: unopened, register: register?.file)
    }

    /// The published a buyer builds on: its local branch, or origin's copy when it is ahead or there is no local one.
    static func publishedTips(_ repository: Repository, failure: Text) throws(JSFError) -> (local: ObjectID?, base: ObjectID?) {
        try gitCall(failure) {
            let local = try repository.reference(named: Layout.published)?.target
            let remote = try repository.reference(named: "refs/remotes/origin/published")?.target
            if let local, let remote, local != remote, try repository.isAncestor(local, of: remote) { return (local, remote) }
            return (local, local ?? remote)
        }
    }

    /// What the reveal checks of one identity: its SIRET, its départements against what its proposals declared and
    /// against the consultation's territory and eligibility, and, with a register, the establishment's département and state.
    static func checks(_ identity: SealedIdentity, proposals: [Proposal], consultation: Consultation, register: SireneRegister?) -> [RevealCheck] {
        var checks: [RevealCheck] = []
        var siret: String?
        if let declared = identity.siret {
            do {
                siret = try SIRET.validate(declared)
                checks.append(
                    RevealCheck(code: "siret", outcome: .ok, message: Text(en: "SIRET \(declared) is valid", fr: "le SIRET \(declared) est valide")))
            } catch {
                checks.append(RevealCheck(code: "siret", outcome: .failed, message: error.message))
            }
        } else {
            checks.append(
                RevealCheck(code: "siret", outcome: .failed, message: Text(en: "no SIRET was declared", fr: "aucun SIRET n'a été déclaré")))
        }
        let departements = identity.departements.joined(separator: ", ")
        // What each proposal declared, against the départements of the identity.
        let declared = Set(proposals.compactMap(\.declared?.territory)).sorted()
        for territory in declared where territory != DeclaredBasis.national {
            let inside = identity.departements.contains(territory)
            checks.append(
                RevealCheck(
                    code: "declared", outcome: inside ? .ok : .failed,
                    message: inside
                        ? Text(
                            en: "its proposals declared the département \(territory), one of its own (\(departements))",
                            fr: "ses propositions ont déclaré le département \(territory), l'un des siens (\(departements))")
                        : Text(
                            en:
                                "its proposals declared the département \(territory), which is not one of its own (\(departements.isEmpty ? "none" : departements))",
                            fr:
                                "ses propositions ont déclaré le département \(territory), qui n'est pas l'un des siens (\(departements.isEmpty ? "aucun" : departements))"
                        )))
        }
        for basis in Set(proposals.compactMap(\.declared)).sorted(by: { ($0.cpv, $0.territory) < ($1.cpv, $1.territory) }) {
            if let mismatch = basis.mismatch(with: consultation) {
                checks.append(RevealCheck(code: "declared", outcome: .failed, message: mismatch))
            }
        }
        let company = Identity(
            role: .company, name: identity.name, cpv: identity.cpv.compactMap { try? CPVCode($0) }, departements: identity.departements)
        let eligibility = Eligibility(company: company, consultation: consultation)
        let explanation = eligibility.explanation(company: company, consultation: consultation)
        checks.append(
            RevealCheck(
                code: "eligibility", outcome: eligibility.concerned ? .ok : .failed,
                message: eligibility.concerned
                    ? Text(en: "eligible: \(explanation.en)", fr: "éligible : \(explanation.fr)")
                    : Text(en: "not eligible: \(explanation.en)", fr: "non éligible : \(explanation.fr)")))
        guard let register else {
            checks.append(
                RevealCheck(
                    code: "register", outcome: .unchecked,
                    message: Text(
                        en: "no SIRENE register was given (--sirene FILE): the département was checked only against what the company declared",
                        fr:
                            "aucun registre SIRENE n'a été donné (--sirene FICHIER) : le département n'a été vérifié que par rapport aux déclarations de l'entreprise"
                    )))
            return checks
        }
        guard let siret else {
            checks.append(
                RevealCheck(
                    code: "register", outcome: .failed,
                    message: Text(
                        en: "without a valid SIRET, \(register.file) cannot be searched",
                        fr: "sans SIRET valide, \(register.file) ne peut pas être consulté")))
            return checks
        }
        guard let establishment = register.establishments[siret] else {
            checks.append(
                RevealCheck(
                    code: "register", outcome: .failed,
                    message: Text(en: "SIRET \(siret) is not in \(register.file)", fr: "le SIRET \(siret) ne figure pas dans \(register.file)")))
            return checks
        }
        if establishment.state != "A" {
            checks.append(
                RevealCheck(
                    code: "register", outcome: .failed,
                    message: Text(
                        en: "\(register.file): the establishment \(siret) is not active (etatAdministratifEtablissement \(establishment.state))",
                        fr: "\(register.file) : l'établissement \(siret) n'est pas actif (etatAdministratifEtablissement \(establishment.state))")))
        }
        guard let found = establishment.departement else {
            checks.append(
                RevealCheck(
                    code: "register", outcome: .failed,
                    message: Text(
                        en: "\(register.file): the establishment \(siret) has no French commune code",
                        fr: "\(register.file) : l'établissement \(siret) n'a pas de code commune français")))
            return checks
        }
        let own = identity.departements.contains(found)
        checks.append(
            RevealCheck(
                code: "register", outcome: own ? .ok : .failed,
                message: own
                    ? Text(
                        en: "\(register.file): the establishment \(siret) is in the département \(found), as declared",
                        fr: "\(register.file) : l'établissement \(siret) est dans le département \(found), comme déclaré")
                    : Text(
                        en: "\(register.file): the establishment \(siret) is in the département \(found), not in the declared ones (\(departements))",
                        fr: "\(register.file) : l'établissement \(siret) est dans le département \(found), pas dans ceux déclarés (\(departements))"))
        )
        let national = consultation.departements.isEmpty && consultation.regions.isEmpty
        let inside =
            national || consultation.departements.contains(found)
            || consultation.regions.contains { Territory.region($0)?.departements.contains(found) ?? false }
        if !inside {
            checks.append(
                RevealCheck(
                    code: "register", outcome: .failed,
                    message: Text(
                        en: "\(register.file): the département \(found) of the establishment is not in the consultation's territory",
                        fr: "\(register.file) : le département \(found) de l'établissement n'est pas dans le territoire de la consultation")))
        }
        return checks
    }

    /// Every reveal recorded on published (origin's copy when it is ahead, else the local branch), in order.
    static func recorded(_ repository: Repository) throws(JSFError) -> [RecordedReveal] {
        let failure = Text(en: "cannot read the reveals on published", fr: "impossible de lire les révélations sur published")
        guard let tip = try publishedTips(repository, failure: failure).base else { return [] }
        return try gitCall(failure) {
            var found: [RecordedReveal] = []
            var cursor: ObjectID? = tip
            var steps = 0
            // Walk back the reveal commits (each adds one reveals/<n>.yml) down to the approval.
            while let id = cursor, steps < 10_000 {
                steps += 1
                let commit = try repository.commit(id)
                guard commit.parents.count == 1, let parent = commit.parents.first else { break }
                let before = Set(try repository.treeEntries(at: parent, path: Reveal.directory).map(\.name))
                let after = try repository.treeEntries(at: id, path: Reveal.directory)
                guard let added = after.first(where: { !before.contains($0.name) }), added.mode == .blob else { break }
                let text = String(decoding: try repository.blob(added.id), as: UTF8.self)
                if let reveal = Reveal.parse(text, file: "published:\(Reveal.directory)/\(added.name)").0 {
                    found.append(RecordedReveal(reveal: reveal, commit: RevisionID(id)))
                }
                cursor = parent
            }
            return found.reversed()
        }
    }
}

extension Session {
    /// `jsf participants`: every company by pseudonym, its activity and its sealed identity (an agent or a buyer).
    public func participants() throws(JSFError) -> [Participant] {
        try Participants.list(workspace, identity: identity, context: context)
    }

    /// `jsf participants --reveal`: a PFRA buyer opens the identities after the approval and records it on published.
    /// `sirene` is the path of a SIRENE StockEtablissement extract, as given.
    public func reveal(sirene: String?) throws(JSFError) -> RevealResult {
        try Participants.reveal(
            workspace, sirene: sirene.map { (context.absolute($0), $0) }, identity: identity, context: context)
    }

    /// Refuses the reveal to an agent or a company, each with its reason; nothing else is read.
    public static func requireRevealer(_ context: Context) throws(JSFError) {
        try Participants.requireRevealer(try context.identities.require(nil))
    }
}

extension ReadingSession {
    /// The reveals recorded on published, in order.
    public func reveals() throws(JSFError) -> [RecordedReveal] {
        try Participants.recorded(workspace.repository)
    }

    /// The reveals recorded on published in the repository at or above `context.directory` (a clone or a bare hub).
    public static func reveals(_ context: Context) throws(JSFError) -> [RecordedReveal] {
        try Participants.recorded(try RepositoryCheck.open(context))
    }
}
