import Foundation
internal import Git

/// What a command runs with: environment, directory, clock and identity store — injected, so tests fix them all.
public struct Context: Sendable {
    public var environment: [String: String]
    /// The directory given by -C, or the current one.
    public var directory: String
    public var clock: Clock
    public var identities: IdentityStore

    public init(environment: [String: String], directory: String, clock: Clock) {
        self.environment = environment
        self.directory = directory
        self.clock = clock
        self.identities = IdentityStore(environment: environment)
    }

    /// A path given on the command line, made absolute against the directory.
    public func absolute(_ path: String) -> String {
        let expanded = path.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst(1) : path
        let full = expanded.hasPrefix("/") ? expanded : directory + "/" + expanded
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// The signature jsf writes for an agent or buyer: the organisation, the configured address or else a non-personal
    /// one under the reserved .invalid domain (git needs an address), local time.
    func signature(for identity: Identity) -> Signature {
        Signature(
            name: identity.authorName, email: identity.commitEmail ?? "\(slug(identity.authorName))@jsf.invalid", time: clock.now,
            offsetMinutes: clock.timeZone.secondsFromGMT(for: clock.now) / 60)
    }

    /// The absolute path of jsf, written into the hooks of the hubs it creates: the running executable unless the
    /// caller says otherwise (a test running commands in-process names the built jsf).
    public var executable: String {
        get {
            if let chosen = chosenExecutable { return chosen }
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
            return absolute(CommandLine.arguments.first ?? "jsf")
        }
        set { chosenExecutable = newValue }
    }

    private var chosenExecutable: String?

    /// The signer of an agent's or buyer's commits and tags: their own key (DESIGN.md §3).
    func signer(for identity: Identity) throws(JSFError) -> SSHSigner {
        SSHSigner(key: try identities.signingKey(for: identity))
    }
}
