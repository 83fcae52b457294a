import Foundation

/// A person's identity, kept outside every repository (DESIGN.md §3).
public struct Identity: Sendable, Equatable {
    public var role: Role
    public var name: String
    public var organisation: String?
    public var siret: String?
    public var cpv: [CPVCode]
    public var departements: [String]
    public var email: String?
    public var phone: String?
    public var website: String?
    /// A company's street line ("12 rue du Dôme"), postal code and town: what the anonymity check looks for.
    public var address: String?
    public var postalCode: String?
    public var city: String?
    /// For an agent or buyer: the address their commits carry; empty (no address) unless configured.
    public var commitEmail: String?
    /// For an agent or buyer who brought their own OpenSSH key (--ssh-key): its path; nil for the key jsf generated.
    public var signingKeyPath: String?

    public init(
        role: Role, name: String, organisation: String? = nil, siret: String? = nil, cpv: [CPVCode] = [],
        departements: [String] = [], email: String? = nil, phone: String? = nil, website: String? = nil,
        commitEmail: String? = nil
    ) {
        self.role = role
        self.name = name
        self.organisation = organisation
        self.siret = siret
        self.cpv = cpv
        self.departements = departements
        self.email = email
        self.phone = phone
        self.website = website
        self.commitEmail = commitEmail
    }

    /// The name jsf writes as author of an agent's or buyer's commits: the organisation, not the person.
    public var authorName: String { organisation ?? name }

    public func yaml() -> String {
        var pairs: [(String, YAMLValue)] = [("format", .int(1)), ("role", .string(role.rawValue)), ("name", .string(name))]
        if let organisation { pairs.append(("organisation", .string(organisation))) }
        if let siret { pairs.append(("siret", .string(siret))) }
        if !cpv.isEmpty { pairs.append(("cpv", .list(cpv.map { .string($0.description) }))) }
        if !departements.isEmpty { pairs.append(("departements", .list(departements.map { .string($0) }))) }
        if let email { pairs.append(("email", .string(email))) }
        if let phone { pairs.append(("phone", .string(phone))) }
        if let website { pairs.append(("website", .string(website))) }
        if let address { pairs.append(("address", .string(address))) }
        if let postalCode { pairs.append(("postal_code", .string(postalCode))) }
        if let city { pairs.append(("city", .string(city))) }
        if let commitEmail { pairs.append(("commit_email", .string(commitEmail))) }
        if let signingKeyPath { pairs.append(("signing_key", .string(signingKeyPath))) }
        return YAMLValue.map(pairs).render()
    }

    public static func parse(_ text: String, file: String) -> (Identity?, [Problem]) {
        let reader = YAMLReader(file: file)
        guard let root = reader.root(text) else { return (nil, reader.problems) }
        root.rejectUnknownKeys([
            "format", "role", "name", "organisation", "siret", "cpv", "departements", "email", "phone",
            "website", "commit_email", "signing_key", "address", "postal_code", "city",
        ])
        root.checkFormat()
        guard let roleText = root.string("role"), let name = root.string("name") else { return (nil, reader.problems) }
        guard let role = Role(rawValue: roleText) else {
            root.report(
                "role", code: "identity.bad-role", en: "'role' must be agent, company or buyer, not '\(roleText)'",
                fr: "'role' doit valoir agent, company ou buyer, pas '\(roleText)'")
            return (nil, reader.problems)
        }
        var identity = Identity(role: role, name: name)
        identity.organisation = root.string("organisation", required: false)
        identity.siret = root.string("siret", required: false)
        if let siret = identity.siret, !SIRET.isValid(siret) {
            root.report("siret", code: "identity.bad-siret", en: "'\(siret)' is not a valid SIRET", fr: "'\(siret)' n'est pas un SIRET valide")
        }
        for (code, line) in root.strings("cpv", required: false) ?? [] {
            switch CPVCheck.check(code) {
            case .success(let parsed): identity.cpv.append(parsed.code)
            case .failure(let failure): reader.report(line: line, key: "cpv", code: failure.code, en: failure.message.en, fr: failure.message.fr)
            }
        }
        for (code, line) in root.strings("departements", required: false) ?? [] {
            if let dep = Territory.departement(code) {
                identity.departements.append(dep.code)
            } else {
                let text = TerritoryCheck.badDepartement(code)
                reader.report(line: line, key: "departements", code: "territory.unknown", en: text.en, fr: text.fr)
            }
        }
        identity.email = root.string("email", required: false)
        identity.phone = root.string("phone", required: false)
        identity.website = root.string("website", required: false)
        identity.address = root.string("address", required: false)
        identity.postalCode = root.string("postal_code", required: false)
        identity.city = root.string("city", required: false)
        identity.commitEmail = root.string("commit_email", required: false)
        identity.signingKeyPath = root.string("signing_key", required: false)
        return (identity, reader.problems)
    }
}

/// Where identities live: $JSF_HOME, else $XDG_CONFIG_HOME/jsf, else ~/.config/jsf.
public struct IdentityStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public init(environment: [String: String]) {
        if let home = environment["JSF_HOME"], !home.isEmpty {
            directory = home
        } else if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directory = xdg + "/jsf"
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            directory = home + "/.config/jsf"
        }
    }

    public var identityPath: String { directory + "/identity.yml" }
    public var secretPath: String { directory + "/secret" }
    /// The signing key jsf generates for an agent or buyer (OpenSSH private key, mode 0600).
    public var generatedKeyPath: String { directory + "/signing_key" }

    public var exists: Bool { FileManager.default.fileExists(atPath: identityPath) }

    /// The identity, or nil when none was created.
    public func load() throws(JSFError) -> Identity? {
        guard let data = FileManager.default.contents(atPath: identityPath) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else {
            throw JSFError(.refused, Text(en: "'\(identityPath)' is not UTF-8 text", fr: "'\(identityPath)' n'est pas du texte UTF-8"))
        }
        let (identity, problems) = Identity.parse(text, file: identityPath)
        let errors = problems.filter { $0.severity == .error }
        guard let identity, errors.isEmpty else {
            throw JSFError(
                .refused, Text(en: "the identity file is invalid", fr: "le fichier d'identité est invalide"),
                hints: [
                    Text(
                        en: "fix it by hand or recreate it with 'jsf identity init --force …'",
                        fr: "corrigez-le à la main ou recréez-le avec 'jsf identity init --force …'")
                ],
                problems: errors)
        }
        return identity
    }

    /// The identity, or an error telling how to create one.
    public func require(_ roles: Set<Role>? = nil) throws(JSFError) -> Identity {
        guard let identity = try load() else {
            throw JSFError(
                .refused, Text(en: "no identity yet", fr: "aucune identité pour l'instant"),
                hints: [
                    Text(
                        en: "create one with 'jsf identity init --role agent|company|buyer --name …'",
                        fr: "créez-en une avec 'jsf identity init --role agent|company|buyer --name …'")
                ])
        }
        if let roles, !roles.contains(identity.role) {
            let wanted = Role.allCases.filter { roles.contains($0) }
            throw JSFError(
                .refused,
                Text(
                    en:
                        "this command is for the \(wanted.map(\.label.en).joined(separator: " or ")) role; your identity is \(identity.role.label.en)",
                    fr:
                        "cette commande est réservée au rôle \(wanted.map(\.label.fr).joined(separator: " ou ")) ; votre identité est \(identity.role.label.fr)"
                ),
                hints: [
                    Text(
                        en: "use another JSF_HOME for another role, or 'jsf identity init --force' to change it",
                        fr: "utilisez un autre JSF_HOME pour un autre rôle, ou 'jsf identity init --force' pour la changer")
                ])
        }
        return identity
    }

    /// Writes the identity and, when absent, a fresh 32-byte secret readable by its owner only. Existing secrets are kept so pseudonyms stay stable.
    public func save(_ identity: Identity) throws(JSFError) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !fm.fileExists(atPath: secretPath) {
                var bytes = [UInt8](repeating: 0, count: 32)
                var generator = SystemRandomNumberGenerator()
                for i in bytes.indices { bytes[i] = generator.next() }
                try AtomicFile.write(Data(bytes), to: secretPath, permissions: 0o600)
            }
            try AtomicFile.write(Data(identity.yaml().utf8), to: identityPath, permissions: 0o600)
        } catch {
            throw JSFError(
                .refused, Text(en: "cannot write the identity in '\(directory)'", fr: "impossible d'écrire l'identité dans '\(directory)'"),
                cause: "\(error)")
        }
    }

    /// Gives an agent or buyer a signing key: reads `importing` (an unencrypted OpenSSH ed25519 key) when given,
    /// else keeps the key already generated here, else generates one. Returns the identity that records it.
    public func prepareSigningKey(for identity: Identity, importing path: String?) throws(JSFError) -> (Identity, SSHSigningKey) {
        var identity = identity
        if let path {
            identity.signingKeyPath = path
            return (identity, try signingKey(for: identity))
        }
        identity.signingKeyPath = nil
        if FileManager.default.fileExists(atPath: generatedKeyPath) { return (identity, try signingKey(for: identity)) }
        let key = SSHSigningKey.generate()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(Data(key.openSSHPrivateKey(comment: identity.authorName).utf8), to: generatedKeyPath, permissions: 0o600)
            try AtomicFile.write(
                Data((key.publicKey.openSSH + " " + identity.authorName + "\n").utf8), to: generatedKeyPath + ".pub", permissions: 0o644)
        } catch {
            throw JSFError(
                .refused,
                Text(en: "cannot write the signing key in '\(directory)'", fr: "impossible d'écrire la clé de signature dans '\(directory)'"),
                cause: "\(error)")
        }
        return (identity, key)
    }

    /// The signing key of an agent or buyer: the one they brought, or the one jsf generated.
    public func signingKey(for identity: Identity) throws(JSFError) -> SSHSigningKey {
        let path = identity.signingKeyPath ?? generatedKeyPath
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw JSFError(
                .refused, Text(en: "cannot read the signing key '\(path)'", fr: "impossible de lire la clé de signature '\(path)'"),
                hints: [
                    Text(
                        en:
                            "give one with 'jsf identity init --force --ssh-key PATH …', or remove 'signing_key' from \(identityPath) to have jsf generate one",
                        fr:
                            "donnez-en une avec 'jsf identity init --force --ssh-key CHEMIN …', ou retirez 'signing_key' de \(identityPath) pour que jsf en génère une"
                    )
                ])
        }
        do {
            return try SSHSigningKey.parse(openSSHPrivateKey: text)
        } catch {
            throw JSFError(.refused, Text(en: "'\(path)' cannot sign: \(error.message.en)", fr: "'\(path)' ne peut pas signer : \(error.message.fr)"))
        }
    }

    /// The 32-byte secret.
    public func secret() throws(JSFError) -> Data {
        guard let data = FileManager.default.contents(atPath: secretPath), data.count == 32 else {
            throw JSFError(
                .refused,
                Text(
                    en: "the secret '\(secretPath)' is missing or not 32 bytes",
                    fr: "le secret '\(secretPath)' est absent ou ne fait pas 32 octets"))
        }
        return data
    }
}
