import Foundation

/// One opened consultation as one person works on it: the workspace, who they are and the context they run in.
/// Its methods are the use cases the commands call, so that no command threads `(workspace, identity:, context:)`.
public final class Session {
    public let workspace: Workspace
    public let identity: Identity
    public let context: Context

    /// A session over a workspace already open, for `identity`.
    public init(workspace: Workspace, identity: Identity, context: Context) {
        self.workspace = workspace
        self.identity = identity
        self.context = context
        workspace.sealReader = SealReader.of(identity, store: context.identities)
    }

    /// Requires an identity of one of `roles` (any role when nil), then opens the consultation at or above `context.directory`.
    public static func open(_ context: Context, as roles: Set<Role>?) throws(JSFError) -> Session {
        let identity = try context.identities.require(roles)
        return Session(workspace: try Workspace.open(context), identity: identity, context: context)
    }

    /// `jsf init`: the agent creates a consultation (a new repository) as `request` says.
    public static func create(_ request: CreationRequest, identity: Identity, context: Context) throws(JSFError) -> CreationResult {
        try Creation.create(request, identity: identity, context: context)
    }

    /// `jsf clone`: gets a consultation from its hub into `directory`, verified as `jsf fetch` verifies; any identity or none.
    public static func clone(
        url: String, to directory: String, identity: Identity?, context: Context, agentKey: SSHPublicKey?,
        progress: ((SyncProgress) -> Void)? = nil
    ) throws(JSFError) -> CloneResult {
        try Sync.clone(url: url, to: directory, identity: identity, context: context, agentKey: agentKey, progress: progress)
    }

    /// `jsf revise`: the agent applies accepted alternatives to the working tree's cctp.md.
    public func revise(apply ids: [String]) throws(JSFError) -> RevisionResult {
        try Revision.revise(workspace, apply: ids, context: context)
    }

    /// `jsf push`: pushes the refs the identity's role owns to the hub (a company's: its proposal branch); returns the refspecs pushed.
    /// The buyers a company's push sealed its identity to again (nil: nothing to seal).
    public private(set) var resealed: [String]?

    public func push() throws(JSFError) -> [String] {
        var pseudonym: String?
        if identity.role == .company {
            let current = try Proposing.currentDraft(workspace, role: .company)
            pseudonym = try Proposing.pseudonym(of: identity, in: current.consultation, store: context.identities)?.code
            resealed = try IdentitySealing.resealIfNeeded(workspace, identity: identity, context: context)
        }
        return try Sync.push(workspace, role: identity.role, pseudonym: pseudonym, now: context.clock.now)
    }

    /// `jsf publish`: the agent tags the next draft.
    public func publish(_ request: PublishRequest) throws(JSFError) -> PublishResult {
        try Publication.publish(workspace, request: request, identity: identity, context: context)
    }

    /// `jsf publish --dry-run`: what the next draft would be, nothing written.
    public func publishPlan(_ request: PublishRequest) throws(JSFError) -> PublishPlan {
        try Publication.plan(workspace, request: request, context: context)
    }

    /// `jsf round close`: the agent closes the open round.
    public func closeRound() throws(JSFError) -> Round {
        try Rounds.close(workspace, identity: identity, context: context)
    }

    /// `jsf comment`: the agent answers a proposal, corrects an answer, or says what it would write.
    public func comment(_ request: CommentRequest) throws(JSFError) -> CommentResult {
        try Dialogue.comment(workspace, request: request, identity: identity, context: context)
    }

    /// `jsf propose`: a company records a proposal on its branch.
    public func propose(_ request: ProposeRequest) throws(JSFError) -> ProposeResult {
        try Proposing.propose(workspace, request: request, identity: identity, context: context)
    }

    /// `jsf consent ID --share`: a company makes its confidential proposal `id` public.
    public func share(_ id: String) throws(JSFError) -> Proposal {
        try Proposing.share(workspace, id: id, identity: identity, context: context)
    }

    /// `jsf withdraw`: a company withdraws its proposal `id`.
    public func withdraw(_ id: String) throws(JSFError) -> Proposal {
        try Proposing.withdraw(workspace, id: id, identity: identity, context: context)
    }

    /// What `jsf approve` would approve and leave unresolved; throws what it would refuse. Writes nothing.
    public func approvalReview(version: String?) throws(JSFError) -> (draft: Draft, unresolved: [Unresolved]) {
        try Approving.review(workspace, version: version, identity: identity, context: context)
    }

    /// `jsf approve`: a PFRA buyer approves a draft (the latest when `version` is nil).
    public func approve(version: String?, note: String) throws(JSFError) -> Approving.Result {
        try Approving.approve(workspace, version: version, note: note, identity: identity, context: context)
    }

    /// `jsf consultation add-buyer`: the agent lists a buyer's key; returns the commit.
    public func addBuyer(name: String, key: SSHPublicKey, encryption: ListedEncryptionKey? = nil) throws(JSFError) -> RevisionID {
        try Keys.addBuyer(workspace, name: name, key: key, encryption: encryption, identity: identity, context: context)
    }

    /// `jsf consultation remove-buyer`: the agent removes a buyer, named by name or key; returns the commit and who went.
    public func removeBuyer(name: String?, key: SSHPublicKey?) throws(JSFError) -> (RevisionID, KeyHolder) {
        try Keys.removeBuyer(workspace, name: name, key: key, identity: identity, context: context)
    }
}

/// A consultation opened to read it (and to fetch it), by whoever runs jsf: an identity is not required. Its
/// methods are the views the reading commands show. The identity, when there is one, is loaded once.
public final class ReadingSession {
    public let workspace: Workspace
    public let context: Context
    private var loaded: Identity??

    init(workspace: Workspace, context: Context, identity: Identity?? = nil) {
        self.workspace = workspace
        self.context = context
        self.loaded = identity
        if case .some(let identity) = identity { workspace.sealReader = SealReader.of(identity, store: context.identities) }
    }

    /// Opens the consultation at or above `context.directory`; with `loadingIdentityFirst`, loads the identity
    /// before (so that an unreadable identity is reported before a missing consultation), else when first asked.
    public static func open(_ context: Context, loadingIdentityFirst: Bool = false) throws(JSFError) -> ReadingSession {
        guard loadingIdentityFirst else { return ReadingSession(workspace: try Workspace.open(context), context: context) }
        let identity = try context.identities.load()
        return ReadingSession(workspace: try Workspace.open(context), context: context, identity: .some(identity))
    }

    /// The identity of whoever runs jsf, nil when there is none; loaded on the first call.
    public func identity() throws(JSFError) -> Identity? {
        if let loaded { return loaded }
        let identity = try context.identities.load()
        loaded = .some(identity)
        workspace.sealReader = SealReader.of(identity, store: context.identities)
        return identity
    }

    /// `jsf verify`: verifies the repository at or above `context.directory` (a clone, or a bare hub).
    public static func verify(_ context: Context, only refs: [String]) throws(JSFError) -> VerificationReport {
        try RepositoryCheck.verify(context, only: refs)
    }

    /// `jsf status`: the consultation, its drafts, its round and what is not published yet.
    public func status() throws(JSFError) -> StatusReport {
        try Reading.status(workspace, clock: context.clock)
    }

    /// What the last `jsf fetch` (or the clone) brought and when; nil when this clone never fetched.
    public func lastFetch() -> LastFetch? {
        LastFetch.load(workspace)
    }

    /// Every proposal as `role` sees it, with the current draft and the problems met reading them.
    public func views(as role: Role) throws(JSFError) -> (views: [ProposalView], current: CurrentDraft?, problems: [Problem]) {
        _ = try? identity()
        return try Dialogue.views(workspace, role: role)
    }

    /// Every proposal as `role` sees it: the genuine ones and, apart, those that break the rules.
    public func listing(as role: Role) throws(JSFError) -> DialogueListing {
        _ = try? identity()
        return try Dialogue.listing(workspace, role: role)
    }

    /// One proposal as `role` sees it (`jsf show ID`), genuine or invalid.
    public func view(_ id: String, as role: Role) throws(JSFError) -> ProposalLookup {
        _ = try? identity()
        return try Dialogue.view(id, workspace: workspace, role: role)
    }

    /// Whether the company `pseudonym` has a proposal branch.
    public func hasProposals(of pseudonym: Pseudonym) throws(JSFError) -> Bool {
        try ProposalStore.hasBranch(workspace, of: pseudonym)
    }

    /// The pseudonym of `identity` in `consultation`, nil unless it is a company's.
    public func pseudonym(of identity: Identity?, in consultation: Consultation) throws(JSFError) -> Pseudonym? {
        try Proposing.pseudonym(of: identity, in: consultation, store: context.identities)
    }

    /// The draft named `version` (v1, v2, …), or HEAD when nil: its name and commit.
    public func revision(_ version: String?) throws(JSFError) -> (name: String, commit: RevisionID) {
        try Reading.revision(workspace, version: version)
    }

    /// The cctp.md of the draft named `name` (v1, v2, …), with the draft's name.
    public func draftText(_ name: String) throws(JSFError) -> (name: String, text: String) {
        let draft = try workspace.draft(name)
        return (draft.name, try workspace.cctp(at: draft.revision, name: draft.name))
    }

    /// The cctp.md of the last draft published, with its name; nil when nothing is published.
    public func latestDraftText() throws(JSFError) -> (name: String, text: String)? {
        guard let last = try workspace.drafts().last else { return nil }
        return (last.name, try workspace.cctp(at: last.revision, name: last.name))
    }

    /// The cctp.md of draft vN, nil when there is no such draft.
    public func draftText(version: Int) throws(JSFError) -> String? {
        try Dialogue.draftSource(workspace, version: version)
    }

    /// The text of a clause (heading and body; with its sub-clauses, the whole section) as it stood in draft vN.
    public func clauseText(_ id: String, version: Int, withSubclauses: Bool = false) throws(JSFError) -> String? {
        try Dialogue.clauseText(workspace, id: id, version: version, withSubclauses: withSubclauses)
    }

    /// `jsf log`: the published drafts, oldest first.
    public func log() throws(JSFError) -> [Reading.DraftSummary] {
        try Reading.log(workspace)
    }

    /// The buyer's approval (tag final), nil when there is none.
    public func approval() throws(JSFError) -> Approval? {
        try Approval.current(workspace)
    }

    /// `jsf log --keys`: every signing key consultation.yml listed or stopped listing.
    public func keyHistory() throws(JSFError) -> [KeyEvent] {
        try Keys.history(workspace)
    }

    /// `jsf allowed-signers`: git's allowed-signers file for the keys of `roles`.
    public func allowedSigners(roles: Set<Role>) throws(JSFError) -> String {
        try Keys.allowedSigners(workspace, roles: roles)
    }

    /// `jsf check`: validates the working tree and HEAD.
    public func check() throws(JSFError) -> CheckReport {
        try Checker.check(workspace)
    }

    /// `jsf fetch`: fetches the hub into quarantine, verifies and keeps what passed.
    public func fetch() throws(JSFError) -> FetchReport {
        let identity = try identity()
        var report = try Sync.fetch(workspace, role: identity?.role, clock: context.clock)
        report.sealing = try sealingStatus(of: identity)
        return report
    }

    /// For a company that has proposed: where its sealed identity stands against the buyers main lists now.
    public func sealingStatus(of identity: Identity?) throws(JSFError) -> SealingStatus? {
        guard let identity, identity.role == .company, let consultation = try IdentitySealing.latestConsultation(workspace) else { return nil }
        let key = try Proposing.key(for: identity, consultation: consultation, store: context.identities)
        guard let tip = try ProposalStore.tips(workspace.repository, pseudonym: key.pseudonym).base else { return nil }
        return try IdentitySealing.status(workspace.repository, at: tip, consultation: consultation)
    }
}
