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
    }

    /// Requires an identity of one of `roles`, then opens the consultation at or above `context.directory`.
    public static func open(_ context: Context, as roles: Set<Role>) throws(JSFError) -> Session {
        let identity = try context.identities.require(roles)
        return Session(workspace: try Workspace.open(context), identity: identity, context: context)
    }

    /// `jsf publish`: the agent tags the next draft.
    public func publish(_ request: PublishRequest) throws(JSFError) -> PublishResult {
        try Publication.publish(workspace, request: request, identity: identity, context: context)
    }

    /// `jsf round close`: the agent closes the open round.
    public func closeRound() throws(JSFError) -> Round {
        try Rounds.close(workspace, identity: identity, context: context)
    }

    /// `jsf comment`: the agent answers proposal `id`.
    public func comment(on id: String, text: String, status: ResponseStatus?) throws(JSFError) -> Response {
        try Dialogue.comment(workspace, id: id, text: text, status: status, identity: identity, context: context)
    }

    /// `jsf propose`: a company records a proposal on its branch.
    public func propose(_ request: ProposeRequest) throws(JSFError) -> ProposeResult {
        try Proposing.propose(workspace, request: request, identity: identity, context: context)
    }

    /// `jsf withdraw`: a company withdraws its proposal `id`.
    public func withdraw(_ id: String) throws(JSFError) -> Proposal {
        try Proposing.withdraw(workspace, id: id, identity: identity, context: context)
    }

    /// `jsf approve`: a PFRA buyer approves a draft (the latest when `version` is nil).
    public func approve(version: String?, note: String) throws(JSFError) -> Approving.Result {
        try Approving.approve(workspace, version: version, note: note, identity: identity, context: context)
    }

    /// `jsf consultation add-buyer`: the agent lists a buyer's key; returns the commit.
    public func addBuyer(name: String, key: SSHPublicKey) throws(JSFError) -> RevisionID {
        try Keys.addBuyer(workspace, name: name, key: key, identity: identity, context: context)
    }

    /// `jsf consultation remove-buyer`: the agent removes a buyer, named by name or key; returns the commit and who went.
    public func removeBuyer(name: String?, key: SSHPublicKey?) throws(JSFError) -> (RevisionID, KeyHolder) {
        try Keys.removeBuyer(workspace, name: name, key: key, identity: identity, context: context)
    }
}
