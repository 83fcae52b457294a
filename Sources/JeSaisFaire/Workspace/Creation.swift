import Foundation
internal import Git

/// What `jsf init` needs.
public struct CreationRequest: Sendable {
    public var directory: String
    public var id: String
    public var title: String
    public var buyer: String
    public var cpv: [String]
    public var territory: [String]
    /// A Markdown CCTP to start from; the scaffold otherwise.
    public var cctpSource: String?
    /// The name problems in `cctpSource` are reported under (the --from file).
    public var cctpSourceName: String?
    /// The images `cctpSource` shows (path under assets/ → bytes), as `jsf import` kept them.
    public var assets: [String: Data] = [:]
    public var hub: String?
    public var procedure: String?
    public var estimatedAmount: Int?
    /// The IANA zone of the consultation's dates; proposed from the territory when nil.
    public var timeZone: String?

    public init(
        directory: String, id: String, title: String, buyer: String, cpv: [String], territory: [String],
        cctpSource: String? = nil, hub: String? = nil, procedure: String? = nil, estimatedAmount: Int? = nil
    ) {
        self.directory = directory
        self.id = id
        self.title = title
        self.buyer = buyer
        self.cpv = cpv
        self.territory = territory
        self.cctpSource = cctpSource
        self.hub = hub
        self.procedure = procedure
        self.estimatedAmount = estimatedAmount
    }
}

public struct CreationResult: Sendable {
    public var directory: String
    public var commit: RevisionID
    public var clauses: Int
    public var criteria: Int
    public var hub: String?
    public var hubCreated: Bool
    public var warnings: [Text]
    /// The zone written to consultation.yml, and whether jsf chose it from the territory (no --time-zone).
    public var timeZone: String = TimeZoneCheck.defaultIdentifier
    public var timeZoneProposed = false
}

/// Creates a consultation: a repository whose main holds the three files, not yet published.
public enum Creation {
    static func create(_ request: CreationRequest, identity: Identity, context: Context) throws(JSFError) -> CreationResult {
        guard Consultation.isValidID(request.id) else {
            throw JSFError(
                .refused,
                Text(
                    en: "'\(request.id)' is not a valid consultation id: use 3 to 64 lowercase letters, digits and single hyphens",
                    fr: "'\(request.id)' n'est pas un identifiant de consultation valide : 3 à 64 minuscules, chiffres et tirets simples"),
                hints: [Text(en: "for example --id maintenance-informatique-2027", fr: "par exemple --id maintenance-informatique-2027")])
        }
        for (name, value) in [("--title", request.title), ("--buyer", request.buyer)] where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw JSFError(.usage, Text(en: "\(name) cannot be empty", fr: "\(name) ne peut pas être vide"))
        }
        guard !request.cpv.isEmpty else {
            throw JSFError(
                .usage, Text(en: "at least one --cpv code is needed", fr: "au moins un code --cpv est nécessaire"),
                hints: [Text(en: "for example --cpv 72000000-5", fr: "par exemple --cpv 72000000-5")])
        }
        let (cpv, warnings) = try CPVCheck.parseAll(request.cpv)
        let (departements, regions) = try TerritoryCheck.parseAll(request.territory)
        let zone = request.timeZone ?? TimeZoneCheck.proposed(departements: departements, regions: regions)
        guard TimeZoneCheck.zone(zone) != nil else {
            let problem = TimeZoneCheck.problem(zone)
            throw JSFError(.usage, Text(en: "--time-zone: " + problem.en, fr: "--time-zone : " + problem.fr), hints: [TimeZoneCheck.hint])
        }

        var source = request.cctpSource ?? Scaffold.cctp(title: request.title, buyer: request.buyer)
        if !source.hasSuffix("\n") { source += "\n" }
        let assigned = CCTPText(parsing: source).assigningIDs().text
        let text = CCTPText(parsing: assigned)
        let textProblems =
            (Checker.checkText(text, file: request.cctpSourceName ?? Layout.cctpFile, requireIDs: true)
            + Assets.problems(request.assets, cctp: assigned, prefix: "")).filter { $0.severity == .error }
        guard textProblems.isEmpty, let clauses = try? text.clauses() else {
            throw JSFError(
                .refused, Text(en: "the CCTP has problems to fix first", fr: "le CCTP a des problèmes à corriger d'abord"),
                hints: [Text(en: "edit the document and run 'jsf init' again", fr: "corrigez le document et relancez 'jsf init'")],
                problems: textProblems)
        }
        guard !clauses.isEmpty else {
            throw JSFError(
                .refused,
                Text(
                    en: "the CCTP has no heading: each clause starts with a Markdown heading (# Article 1 — Objet)",
                    fr: "le CCTP n'a aucun titre : chaque clause commence par un titre Markdown (# Article 1 — Objet)"))
        }
        // The agent's key goes into the first commit, which it signs: from then on, only listed keys may write main.
        let agentKey = try context.identities.signingKey(for: identity)
        let agentEncryption = EncryptionKey(secret: try context.identities.secret()).listed(signedBy: agentKey)
        var consultation = Consultation(
            id: request.id, title: request.title, buyer: request.buyer, cpv: cpv,
            departements: departements, regions: regions, procedure: request.procedure,
            estimatedAmount: request.estimatedAmount,
            agentKeys: [KeyHolder(name: identity.authorName, key: agentKey.publicKey, encryption: agentEncryption)])
        consultation.timeZoneIdentifier = zone
        let index = ClauseIndex.derive(from: clauses, previous: nil, version: 1)
        let files = [Layout.consultationFile: consultation.yaml(), Layout.cctpFile: assigned, Layout.indexFile: index.yaml()]

        let fm = FileManager.default
        let dir = request.directory
        var isDirectory: ObjCBool = false
        let existed = fm.fileExists(atPath: dir, isDirectory: &isDirectory)
        if existed {
            guard isDirectory.boolValue else {
                throw JSFError(.refused, Text(en: "'\(dir)' exists and is not a directory", fr: "'\(dir)' existe et n'est pas un dossier"))
            }
            if fm.fileExists(atPath: dir + "/.git") {
                throw JSFError(
                    .refused, Text(en: "'\(dir)' is already a git repository", fr: "'\(dir)' est déjà un dépôt git"),
                    hints: [
                        Text(en: "choose another directory: 'jsf init DIR --id …'", fr: "choisissez un autre dossier : 'jsf init DOSSIER --id …'")
                    ])
            }
            for file in Layout.files + request.assets.keys.sorted()
            where fm.fileExists(atPath: dir + "/" + file) && fm.contents(atPath: dir + "/" + file) != request.assets[file] {
                throw JSFError(
                    .refused,
                    Text(
                        en: "'\(dir)/\(file)' already exists; jsf will not overwrite it",
                        fr: "'\(dir)/\(file)' existe déjà ; jsf ne l'écrasera pas"),
                    hints: [
                        Text(
                            en: "use --from to start from an existing CCTP, or another directory",
                            fr: "utilisez --from pour partir d'un CCTP existant, ou un autre dossier")
                    ])
            }
        }
        var hubPlan: HubPlan?
        if let hub = request.hub { hubPlan = try HubPlan.resolve(hub, context: context) }

        // From here on, undo everything on failure.
        var created: [String] = []
        do {
            if !existed {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
                created.append(dir)
            } else {
                created.append(dir + "/.git")
                created += Layout.files.map { dir + "/" + $0 }
                if !request.assets.isEmpty, !fm.fileExists(atPath: dir + "/" + Assets.directory) { created.append(dir + "/" + Assets.directory) }
            }
            let repository = try Repository.create(at: dir, bare: false, initialBranch: Layout.mainBranch)
            var blobs: [String: Data?] = [:]
            for (file, content) in files { blobs[file] = Data(content.utf8) }
            for (path, data) in request.assets { blobs[path] = data }
            let tree = try repository.writeTree(files: blobs, base: nil)
            let signature = context.signature(for: identity)
            let signer = SSHSigner(key: agentKey)
            let commit = try repository.createCommit(
                tree: tree, parents: [], author: signature, committer: signature,
                message: "Nouvelle consultation \(request.id)\n\n\(request.title)\n",
                updating: Layout.main, expectedTip: nil, signer: signer)
            for (file, content) in files { try AtomicFile.write(content, to: dir + "/" + file) }
            if !request.assets.isEmpty { try fm.createDirectory(atPath: dir + "/" + Assets.directory, withIntermediateDirectories: true) }
            for (path, data) in request.assets { try AtomicFile.write(data, to: dir + "/" + path) }
            try repository.resetIndex(toTree: tree)
            var hubCreated = false
            if let hubPlan {
                if hubPlan.create {
                    try Hub.initialise(
                        at: hubPlan.location, kind: .consultation, executable: context.executable,
                        fixedClock: context.environment["JSF_NOW"] != nil)
                    created.append(hubPlan.location)
                    hubCreated = true
                }
                try repository.addRemote(name: "origin", url: hubPlan.location)
            }
            var result = CreationResult(
                directory: dir, commit: RevisionID(commit), clauses: clauses.count,
                criteria: clauses.filter { $0.kind == .criterion }.count,
                hub: hubPlan?.location, hubCreated: hubCreated, warnings: warnings)
            result.timeZone = zone
            result.timeZoneProposed = request.timeZone == nil
            return result
        } catch {
            for path in created.reversed() { try? fm.removeItem(atPath: path) }
            if let error = error as? GitError {
                throw JSFError.git(error, Text(en: "cannot create the consultation", fr: "impossible de créer la consultation"))
            }
            throw JSFError(.repository, Text(en: "cannot create the consultation", fr: "impossible de créer la consultation"), cause: "\(error)")
        }
    }
}

/// Where `--hub` points: a URL as is, or a local bare repository (created when absent).
struct HubPlan {
    var location: String
    var create: Bool

    static func isURL(_ text: String) -> Bool {
        if text.contains("://") { return true }
        // scp-like "host:path", but not a Windows-like or relative local path.
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") { return true }
        return false
    }

    /// The path of a local location (a path or a file:// URL) that does not exist; nil for remote URLs and existing paths.
    static func missingLocalPath(_ location: String) -> String? {
        let path = location.hasPrefix("file://") ? String(location.dropFirst(7)) : location
        guard !isURL(path) else { return nil }
        return FileManager.default.fileExists(atPath: path) ? nil : path
    }

    static func resolve(_ hub: String, context: Context) throws(JSFError) -> HubPlan {
        if isURL(hub) { return HubPlan(location: hub, create: false) }
        let path = context.absolute(hub)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return HubPlan(location: path, create: true) }
        guard isDirectory.boolValue, let repository = try? Repository.open(at: path), repository.isBare else {
            throw JSFError(
                .refused, Text(en: "'\(path)' exists and is not a bare git repository", fr: "'\(path)' existe et n'est pas un dépôt git nu"),
                hints: [
                    Text(
                        en: "give a new path (jsf creates the hub) or an existing bare repository",
                        fr: "donnez un nouveau chemin (jsf crée le hub) ou un dépôt nu existant")
                ])
        }
        return HubPlan(location: path, create: false)
    }
}
