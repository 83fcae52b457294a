import Foundation
internal import Git

/// One consultation as a catalogue lists it: `consultations/<id>.yml`.
public struct CatalogueEntry: Sendable, Equatable {
    public var id: String
    public var title: String
    public var buyer: String
    public var cpv: [CPVCode]
    public var departements: [String]
    public var regions: [String]
    public var eligibility: Eligibility.Scope
    public var hub: String
    public var draft: String
    public var published: String
    public var closes: String?
    /// The agent's signing key: the entry's commits must be signed by it (and it never changes for an id).
    public var agentKey: SSHPublicKey?
    /// Why `jsf discover` does not trust this entry, nil when its signatures hold.
    public var untrusted: Text?

    public init(consultation: Consultation, hub: String, draft: Draft, round: Round?, timeZone: TimeZone, agentKey: SSHPublicKey?) {
        self.agentKey = agentKey
        id = consultation.id
        title = consultation.title
        buyer = consultation.buyer
        cpv = consultation.cpv
        departements = consultation.departements
        regions = consultation.regions
        eligibility = consultation.eligibility
        self.hub = hub
        self.draft = draft.name
        published = Timestamp.format(draft.date, timeZone: timeZone)
        closes = round?.closes.text
    }

    /// The consultation fields eligibility needs.
    public var consultation: Consultation {
        var c = Consultation(id: id, title: title, buyer: buyer, cpv: cpv, departements: departements, regions: regions)
        c.eligibility = eligibility
        return c
    }

    public func isOpen(at date: Date) -> Bool { closes.flatMap { Timestamp.parse($0) }.map { date < $0 } ?? false }

    public func yaml() -> String {
        var pairs: [(String, YAMLValue)] = [
            ("format", .int(1)), ("id", .string(id)), ("title", .string(title)), ("buyer", .string(buyer)),
            ("cpv", .list(cpv.map { .string($0.description) })),
            ("territory", .map([("departements", .list(departements.map { .string($0) })), ("regions", .list(regions.map { .string($0) }))])),
        ]
        if eligibility != .group { pairs.append(("eligibility", .string(eligibility.rawValue))) }
        pairs += [("hub", .string(hub)), ("draft", .string(draft)), ("published", .string(published))]
        if let closes { pairs.append(("closes", .string(closes))) }
        if let agentKey { pairs.append(("agent_key", .string(agentKey.openSSH))) }
        return YAMLValue.map(pairs).render()
    }

    public static func parse(_ text: String, file: String) -> (CatalogueEntry?, [Problem]) {
        let reader = YAMLReader(file: file)
        guard let root = reader.root(text) else { return (nil, reader.problems) }
        root.rejectUnknownKeys([
            "format", "id", "title", "buyer", "cpv", "territory", "eligibility", "hub", "draft", "published", "closes",
            "agent_key",
        ])
        root.checkFormat()
        guard let id = root.string("id"), let title = root.string("title"), let buyer = root.string("buyer"),
            let hub = root.string("hub"), let draft = root.string("draft"), let published = root.string("published")
        else {
            return (nil, reader.problems)
        }
        var cpv: [CPVCode] = []
        for (code, line) in root.strings("cpv") ?? [] {
            if let parsed = try? CPVCode(code) {
                cpv.append(parsed)
            } else {
                reader.report(line: line, key: "cpv", code: "cpv.malformed", en: "'\(code)' is not a CPV code", fr: "'\(code)' n'est pas un code CPV")
            }
        }
        let territory = root.map("territory", required: false)
        territory?.rejectUnknownKeys(["departements", "regions"])
        var entry = CatalogueEntry(
            id: id, title: title, buyer: buyer, cpv: cpv,
            departements: (territory?.strings("departements", required: false) ?? []).map(\.0),
            regions: (territory?.strings("regions", required: false) ?? []).map(\.0),
            eligibility: .group, hub: hub, draft: draft, published: published,
            closes: root.string("closes", required: false))
        if let scope = root.string("eligibility", required: false) { entry.eligibility = Eligibility.Scope(rawValue: scope) ?? .group }
        if let key = root.string("agent_key", required: false) {
            entry.agentKey = SSHPublicKey(openSSH: key)
            if entry.agentKey == nil {
                root.report(
                    "agent_key", code: "catalogue.bad-key", en: "'agent_key' is not an OpenSSH ed25519 public key",
                    fr: "'agent_key' n'est pas une clé publique OpenSSH ed25519")
            }
        }
        return (entry, reader.problems)
    }

    init(
        id: String, title: String, buyer: String, cpv: [CPVCode], departements: [String], regions: [String],
        eligibility: Eligibility.Scope, hub: String, draft: String, published: String, closes: String?
    ) {
        self.id = id
        self.title = title
        self.buyer = buyer
        self.cpv = cpv
        self.departements = departements
        self.regions = regions
        self.eligibility = eligibility
        self.hub = hub
        self.draft = draft
        self.published = published
        self.closes = closes
    }
}

/// A catalogue: a git repository listing open consultations, the on-ramp for companies. jsf keeps a bare
/// copy of each catalogue it uses under the identity directory and never needs a working tree for it.
public struct Catalogue {
    public let url: String
    let repository: Repository
    static let branch = "refs/heads/main"
    static let tracking = "refs/remotes/origin/main"

    /// Opens (creating when needed) the local copy of the catalogue at `url` and fetches it.
    /// With `create`, a missing local path becomes a new catalogue hub ('jsf hub init --catalogue').
    public static func open(_ url: String, context: Context, create: Bool = false) throws(JSFError) -> Catalogue {
        let location = HubPlan.isURL(url) ? url : context.absolute(url)
        if create, let missing = HubPlan.missingLocalPath(location) {
            try Hub.initialise(at: missing, kind: .catalogue, executable: context.executable, fixedClock: context.environment["JSF_NOW"] != nil)
        }
        if HubPlan.missingLocalPath(location) != nil {
            throw JSFError(
                .refused, Text(en: "no catalogue at '\(location)'", fr: "pas de catalogue à '\(location)'"),
                hints: [
                    Text(
                        en: "check the path; a new catalogue is an empty bare repository: 'git init --bare -b main \(url)'",
                        fr: "vérifiez le chemin ; un nouveau catalogue est un dépôt nu vide : 'git init --bare -b main \(url)'")
                ])
        }
        let cache = context.identities.directory + "/catalogues/" + ObjectID.hashBlob(Data(location.utf8)).short
        let repository = try gitCall(
            Text(en: "cannot prepare the local copy of the catalogue", fr: "impossible de préparer la copie locale du catalogue")
        ) {
            if FileManager.default.fileExists(atPath: cache) { return try Repository.open(at: cache) }
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            let repository = try Repository.create(at: cache, bare: true)
            try repository.addRemote(name: "origin", url: location)
            return repository
        }
        let catalogue = Catalogue(url: location, repository: repository)
        try catalogue.fetch()
        return catalogue
    }

    func fetch() throws(JSFError) {
        _ = try Network.call(
            .catalogue, url: url, retry: nil,
            hint: Text(en: "check the address and the network", fr: "vérifiez l'adresse et le réseau")
        ) {
            try repository.fetch(remote: "origin", refspecs: ["+\(Catalogue.branch):\(Catalogue.tracking)"])
        }
    }

    /// Every entry, most recently published first.
    public func entries() throws(JSFError) -> (entries: [CatalogueEntry], problems: [Problem]) {
        try gitCall(Text(en: "cannot read the catalogue", fr: "impossible de lire le catalogue")) {
            guard let tip = try repository.reference(named: Catalogue.tracking)?.target else { return ([], []) }
            var entries: [CatalogueEntry] = []
            var problems: [Problem] = []
            let untrusted = try CatalogueTrust.untrustedEntries(repository, tip: tip)
            // What this machine read before: a rewritten history, or an entry whose key changed, is not trusted.
            var memory = CatalogueTrust.Memory.load(repository)
            let rewritten = try memory.tip.map { try !repository.isAncestor($0, of: tip) } ?? false
            for file in try repository.treeEntries(at: tip, path: "consultations") where file.name.hasSuffix(".yml") && file.mode == .blob {
                let (entry, issues) = CatalogueEntry.parse(
                    String(decoding: try repository.blob(file.id), as: UTF8.self), file: "consultations/\(file.name)")
                problems += issues
                if var entry {
                    entry.untrusted = untrusted[entry.id]
                    if rewritten, let known = memory.tip {
                        entry.untrusted = Text(
                            en: "the catalogue's history was rewritten since this machine read it at \(known.short)",
                            fr: "l'historique du catalogue a été réécrit depuis que cette machine l'a lu en \(known.short)")
                    } else if let known = memory.keys[entry.id], let key = entry.agentKey, key != known {
                        entry.untrusted = Text(
                            en: "the entry \(entry.id) now names the agent key \(key.fingerprint), where this machine knew \(known.fingerprint)",
                            fr:
                                "l'entrée \(entry.id) nomme désormais la clé d'agent \(key.fingerprint), là où cette machine connaissait \(known.fingerprint)"
                        )
                    }
                    if entry.untrusted == nil, let key = entry.agentKey { memory.keys[entry.id] = key }
                    entries.append(entry)
                }
            }
            if !rewritten {
                memory.tip = tip
                memory.save(repository)
            }
            return (entries.sorted { (Timestamp.parse($0.published) ?? .distantPast) > (Timestamp.parse($1.published) ?? .distantPast) }, problems)
        }
    }

    /// Adds or updates an entry, signed by `identity`, and pushes the catalogue.
    public func record(_ entry: CatalogueEntry, by identity: Identity, context: Context) throws(JSFError) {
        let signature = context.signature(for: identity)
        try record(entry, signature: signature, signer: try context.signer(for: identity))
    }

    /// Adds or updates an entry and pushes the catalogue; retries once when someone else pushed first.
    func record(_ entry: CatalogueEntry, signature: Signature, signer: SSHSigner) throws(JSFError) {
        for attempt in 0..<2 {
            do {
                try gitCall(Text(en: "cannot update the catalogue '\(url)'", fr: "impossible de mettre à jour le catalogue '\(url)'")) {
                    let base = try repository.reference(named: Catalogue.tracking)?.target
                    let local = try repository.reference(named: Catalogue.branch)?.target
                    let baseTree = try base.map { try repository.commit($0).tree }
                    let tree = try repository.writeTree(files: ["consultations/\(entry.id).yml": Data(entry.yaml().utf8)], base: baseTree)
                    if let baseTree, baseTree == tree { return }
                    let commit = try repository.createCommit(
                        tree: tree, parents: base.map { [$0] } ?? [], author: signature, committer: signature,
                        message: "\(entry.id): \(entry.draft)\n", updating: nil, expectedTip: nil,
                        signer: signer)
                    try repository.updateReference(Catalogue.branch, to: commit, expected: local, message: "jsf: catalogue \(entry.id)")
                    try repository.push(remote: "origin", refspecs: ["\(Catalogue.branch):\(Catalogue.branch)"])
                    try repository.updateReference(Catalogue.tracking, to: commit, expected: base, message: "jsf: catalogue pushed")
                }
                return
            } catch {
                if attempt == 1 { throw error }
                try fetch()
            }
        }
    }
}

extension Catalogue {
    /// Where the consultation's catalogue address is remembered: the clone's git configuration, never the work tree.
    static let configKey = "jsf.catalogue"

    /// The catalogue the consultation was last registered in, nil when none.
    public static func remembered(_ workspace: Workspace) -> String? {
        (try? workspace.repository.configValue(configKey)) ?? nil
    }

    /// `jsf catalogue register` and `jsf publish --catalogue`: (re)writes the consultation's entry, from the latest
    /// draft as main records it (its round as last closed), in the catalogue at `url` (the remembered one when nil);
    /// a missing local path becomes a new catalogue. Writing the same entry twice changes nothing.
    public static func register(_ workspace: Workspace, url: String?, identity: Identity, context: Context) throws(JSFError) -> (
        url: String, entry: CatalogueEntry
    ) {
        guard let url = url ?? remembered(workspace) else {
            throw JSFError(
                .usage,
                Text(
                    en: "no catalogue given, and none remembered for this consultation",
                    fr: "aucun catalogue donné, et aucun retenu pour cette consultation"),
                hints: [Text(en: "give its address: jsf catalogue register URL", fr: "donnez son adresse : jsf catalogue register URL")])
        }
        guard let draft = try workspace.drafts().last else {
            throw JSFError(
                .refused,
                Text(
                    en: "no draft is published: there is nothing to list in a catalogue",
                    fr: "aucune version n'est publiée : il n'y a rien à inscrire dans un catalogue"),
                hints: [Text(en: "publish v1 first: jsf publish", fr: "publiez d'abord la v1 : jsf publish")])
        }
        guard let hub = try Sync.hub(of: workspace) else {
            throw JSFError(
                .refused,
                Text(
                    en: "a catalogue entry needs a hub companies can clone (no remote 'origin')",
                    fr: "une entrée de catalogue demande un hub que les entreprises peuvent cloner (pas de remote 'origin')"),
                hints: [
                    Text(
                        en: "add one with 'git remote add origin URL', then 'jsf push'",
                        fr: "ajoutez-en un avec 'git remote add origin URL', puis 'jsf push'")
                ])
        }
        let consultation = try workspace.consultation(at: try workspace.trustedMain() ?? draft.commit)
        let round = consultation.rounds.last { $0.version == draft.version }
        let entry = CatalogueEntry(
            consultation: consultation, hub: hub, draft: draft, round: round, timeZone: consultation.timeZone,
            agentKey: try context.identities.signingKey(for: identity).publicKey)
        let catalogue = try open(url, context: context, create: true)
        try catalogue.record(entry, by: identity, context: context)
        try? workspace.repository.setConfigValue(configKey, catalogue.url)
        return (catalogue.url, entry)
    }
}
