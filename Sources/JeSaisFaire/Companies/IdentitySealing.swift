import Foundation
internal import Git

/// Where a company's branch stands with its sealed identity, against the buyers main lists now.
public struct SealingStatus: Sendable, Equatable {
    /// The buyers whose keys the identity must be sealed to, by name.
    public var buyers: [String]
    /// Listed buyers it is not sealed to yet (a buyer added after the company proposed).
    public var missing: [String]
    /// Keys it is sealed to that main no longer lists (a buyer removed).
    public var dropped: Int
    /// The branch holds no identity.sealed yet.
    public var absent: Bool

    /// True when the next propose or push writes identity.sealed again.
    public var needsSealing: Bool { !buyers.isEmpty && (absent || !missing.isEmpty || dropped > 0) }
}

/// A company's real identity on its branch, `identity.sealed`, sealed to every PFRA buyer main lists and never to
/// the agent (DESIGN.md §3): written with its first proposal, written again when the buyers change.
enum IdentitySealing {
    /// The keys to seal to: each buyer's signed encryption key, except one that is also the agent's.
    static func recipients(_ consultation: Consultation) -> [(name: String, key: EncryptionPublicKey)] {
        let agent = Set(consultation.agentKeys.compactMap { $0.encryption?.key })
        return consultation.buyerKeys.compactMap { holder in
            guard let key = holder.encryption?.key, !agent.contains(key) else { return nil }
            return (holder.name, key)
        }
    }

    /// The consultation as main stands now (buyers listed after the draft was tagged count).
    static func latestConsultation(_ workspace: Workspace) throws(JSFError) -> Consultation? {
        guard let tip = try workspace.trustedMain() else { return nil }
        return try? workspace.consultation(at: tip)
    }

    /// The sealed identity at `tip`, parsed; nil when there is none or it does not parse.
    static func sealed(_ repository: Repository, at tip: ObjectID?) throws(JSFError) -> (present: Bool, file: SealedFile?) {
        guard let tip, let data = try gitCall(nil, { try repository.contents(ofPath: SealedIdentity.path, at: tip) }) else {
            return (false, nil)
        }
        return (true, SealedFile.parse(String(decoding: data, as: UTF8.self), file: SealedIdentity.path, expected: .identity).0)
    }

    static func status(_ repository: Repository, at tip: ObjectID?, consultation: Consultation) throws(JSFError) -> SealingStatus {
        let wanted = recipients(consultation)
        let (present, file) = try sealed(repository, at: tip)
        let sealedTo = Set(file?.recipients.map(\.key) ?? [])
        let wantedKeys = Set(wanted.map(\.key))
        return SealingStatus(
            buyers: wanted.map(\.name), missing: wanted.filter { !sealedTo.contains($0.key) }.map(\.name),
            dropped: sealedTo.subtracting(wantedKeys).count, absent: !present || file == nil)
    }

    /// identity.sealed to write on a branch whose tip is `base`, or nil when the one there is sealed to exactly the
    /// buyers listed now (or when no buyer lists an encryption key yet: nothing can be sealed).
    static func file(
        _ repository: Repository, base: ObjectID?, identity: Identity, key: CompanyKey, consultation: Consultation, now: Date
    ) throws(JSFError) -> Data? {
        guard try status(repository, at: base, consultation: consultation).needsSealing else { return nil }
        let payload = SealedIdentity(
            identity: identity, pseudonym: key.pseudonym.code, consultationID: consultation.id,
            sealed: CompanyTime.stamp(now))
        do {
            let sealed = try SealedFile.seal(
                Data(payload.yaml().utf8), to: recipients(consultation).map(\.key),
                context: SealedIdentity.context(consultationID: consultation.id, pseudonym: key.pseudonym.code))
            return Data(sealed.text().utf8)
        } catch {
            throw JSFError(
                .refused, Text(en: "cannot seal your identity: \(error.message.en)", fr: "impossible de sceller votre identité : \(error.message.fr)")
            )
        }
    }

    /// Before a company's push: seals its identity again when the buyers changed since it last did (a commit on its
    /// branch); returns the buyers it was sealed to, or nil when nothing had to be written.
    static func resealIfNeeded(_ workspace: Workspace, identity: Identity, context: Context) throws(JSFError) -> [String]? {
        guard identity.role == .company, let consultation = try latestConsultation(workspace) else { return nil }
        let key = try Proposing.key(for: identity, consultation: consultation, store: context.identities)
        let repository = workspace.repository
        guard try ProposalStore.tips(repository, pseudonym: key.pseudonym).base != nil else { return nil }
        let now = context.clock.now
        let (_, sealedTo) = try ProposalStore.commit(
            repository, pseudonym: key.pseudonym, signature: Proposing.signature(key.pseudonym, at: now), signer: key.signer
        ) { base throws(JSFError) -> (files: [String: Data?], message: String, value: [String]?) in
            guard let file = try file(repository, base: base, identity: identity, key: key, consultation: consultation, now: now) else {
                return ([:], "", nil)
            }
            let names = recipients(consultation).map(\.name)
            return ([SealedIdentity.path: file], "Identité scellée de nouveau (\(names.count) acheteur(s) de la PFRA)\n", names)
        }
        return sealedTo
    }
}
