import Foundation

/// A consultation round: the draft it concerns and when companies may react to it.
public struct Round: Sendable, Equatable {
    public var version: Int
    public var opens: Timestamp
    public var closes: Timestamp

    public init(version: Int, opens: Timestamp, closes: Timestamp) {
        self.version = version
        self.opens = opens
        self.closes = closes
    }

    public func isOpen(at date: Date) -> Bool {
        opens.date <= date && date < closes.date
    }
}

/// A person or organisation whose key consultation.yml lists: the agent or a PFRA buyer.
public struct KeyHolder: Sendable, Equatable {
    public var name: String
    /// The Ed25519 signing key, in OpenSSH form.
    public var key: SSHPublicKey
    /// The X25519 key that sealed identities (buyers) and confidential proposals (agent and buyers) are sealed to,
    /// signed by `key`; nil for a holder listed before encryption keys existed.
    public var encryption: ListedEncryptionKey?

    public init(name: String, key: SSHPublicKey, encryption: ListedEncryptionKey? = nil) {
        self.name = name
        self.key = key
        self.encryption = encryption
    }

    func yaml() -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("name", .string(name)), ("key", .string(key.openSSH))]
        if let encryption { pairs.append(("encryption", .string(encryption.text))) }
        return .map(pairs)
    }
}

/// consultation.yml: what is being bought, by whom, for which domain and territory, and the rounds so far.
public struct Consultation: Sendable, Equatable {
    public var id: String
    public var title: String
    public var buyer: String
    public var cpv: [CPVCode]
    public var departements: [String]
    public var regions: [String]
    public var procedure: String?
    /// Estimated amount in euros, excluding VAT.
    public var estimatedAmount: Int?
    public var contact: String?
    public var rounds: [Round]
    /// The agent's signing keys: who may write main, the drafts and the dialogue.
    public var agentKeys: [KeyHolder]
    /// The PFRA buyers' signing keys: who may approve.
    public var buyerKeys: [KeyHolder]
    /// How CPV codes match a company's: on the group (default) or, wider, on the division.
    public var eligibility: Eligibility.Scope = .group
    /// `time_zone`, the IANA name of the zone its dates are read and shown in; nil when the file names none.
    public var timeZoneIdentifier: String?

    /// The zone its dates are read and shown in: `time_zone`, Europe/Paris when the file names none.
    public var timeZone: TimeZone {
        timeZoneIdentifier.flatMap(TimeZoneCheck.zone) ?? TimeZoneCheck.defaultZone
    }

    public init(
        id: String, title: String, buyer: String, cpv: [CPVCode], departements: [String], regions: [String],
        procedure: String? = nil, estimatedAmount: Int? = nil, contact: String? = nil, rounds: [Round] = [],
        agentKeys: [KeyHolder] = [], buyerKeys: [KeyHolder] = []
    ) {
        self.id = id
        self.title = title
        self.buyer = buyer
        self.cpv = cpv
        self.departements = departements
        self.regions = regions
        self.procedure = procedure
        self.estimatedAmount = estimatedAmount
        self.contact = contact
        self.rounds = rounds
        self.agentKeys = agentKeys
        self.buyerKeys = buyerKeys
    }

    /// The round of the latest published draft.
    public var currentRound: Round? { rounds.max { $0.version < $1.version } }

    /// The same consultation without its rounds: what "nothing changed" compares.
    public var withoutRounds: Consultation {
        var copy = self
        copy.rounds = []
        return copy
    }

    /// Checks a consultation id: a slug of lowercase letters, digits and hyphens, 3 to 64 characters.
    public static func isValidID(_ id: String) -> Bool {
        let scalars = id.unicodeScalars
        guard (3...64).contains(scalars.count), !id.contains("--"), id.first != "-", id.last != "-" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public func yaml() -> String {
        var pairs: [(String, YAMLValue)] = [
            ("format", .int(1)),
            ("id", .string(id)),
            ("title", .string(title)),
            ("buyer", .string(buyer)),
            ("cpv", .list(cpv.map { .string($0.description) })),
            (
                "territory",
                .map([
                    ("departements", .list(departements.map { .string($0) })),
                    ("regions", .list(regions.map { .string($0) })),
                ])
            ),
        ]
        if let procedure { pairs.append(("procedure", .string(procedure))) }
        if let estimatedAmount { pairs.append(("estimated_amount", .int(estimatedAmount))) }
        if let contact { pairs.append(("contact", .string(contact))) }
        if let timeZoneIdentifier { pairs.append(("time_zone", .string(timeZoneIdentifier))) }
        if eligibility != .group { pairs.append(("eligibility", .string(eligibility.rawValue))) }
        pairs.append(
            (
                "rounds",
                .list(
                    rounds.map {
                        .map([("version", .int($0.version)), ("opens", .string($0.opens.text)), ("closes", .string($0.closes.text))])
                    })
            ))
        if !agentKeys.isEmpty || !buyerKeys.isEmpty {
            pairs.append(
                (
                    "keys",
                    .map([
                        ("agent", .list(agentKeys.map { $0.yaml() })),
                        ("buyers", .list(buyerKeys.map { $0.yaml() })),
                    ])
                ))
        }
        return YAMLValue.map(pairs).render()
    }

    /// Parses and validates consultation.yml; the consultation is nil only when the file cannot be read at all.
    public static func parse(_ text: String, file: String = Layout.consultationFile) -> (Consultation?, [Problem]) {
        let reader = YAMLReader(file: file)
        guard let root = reader.root(text) else { return (nil, reader.problems) }
        root.rejectUnknownKeys([
            "format", "id", "title", "buyer", "cpv", "territory", "procedure", "estimated_amount",
            "contact", "rounds", "keys", "eligibility", "time_zone",
        ])
        root.checkFormat()
        let id = root.string("id") ?? ""
        if root.node("id") != nil, !isValidID(id) {
            root.report(
                "id", code: "consultation.bad-id",
                en: "'\(id)' is not a valid consultation id: use 3 to 64 lowercase letters, digits and single hyphens",
                fr: "'\(id)' n'est pas un identifiant de consultation valide : 3 à 64 minuscules, chiffres et tirets simples")
        }
        let titleText = root.string("title")
        let buyerText = root.string("buyer")
        let title = titleText ?? ""
        let buyer = buyerText ?? ""
        for (key, value) in [("title", titleText), ("buyer", buyerText)] where value?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            root.report(key, code: "consultation.empty", en: "'\(key)' is empty", fr: "'\(key)' est vide")
        }
        var cpv: [CPVCode] = []
        if let codes = root.strings("cpv") {
            if codes.isEmpty {
                root.report("cpv", code: "cpv.none", en: "at least one CPV code is needed", fr: "au moins un code CPV est nécessaire")
            }
            for (code, line) in codes {
                switch CPVCheck.check(code) {
                case .success(let parsed):
                    cpv.append(parsed.code)
                    if let warning = parsed.warning {
                        reader.report(.warning, line: line, key: "cpv", code: "cpv.check-digit", en: warning.en, fr: warning.fr)
                    }
                case .failure(let problem):
                    reader.report(line: line, key: "cpv", code: problem.code, en: problem.message.en, fr: problem.message.fr)
                }
            }
        }
        var departements: [String] = []
        var regions: [String] = []
        if let territory = root.map("territory", required: false) {
            territory.rejectUnknownKeys(["departements", "regions"])
            for (code, line) in territory.strings("departements", required: false) ?? [] {
                if let dep = Territory.departement(code) {
                    departements.append(dep.code)
                } else {
                    let problem = TerritoryCheck.badDepartement(code)
                    reader.report(line: line, key: "territory.departements", code: "territory.unknown", en: problem.en, fr: problem.fr)
                }
            }
            for (code, line) in territory.strings("regions", required: false) ?? [] {
                if let region = Territory.region(code) {
                    regions.append(region.code)
                } else {
                    reader.report(
                        line: line, key: "territory.regions", code: "territory.unknown",
                        en: "'\(code)' is not an INSEE région code (\(TerritoryCheck.regionList))",
                        fr: "'\(code)' n'est pas un code de région INSEE (\(TerritoryCheck.regionList))")
                }
            }
        }
        let procedure = root.string("procedure", required: false)
        let amount = root.int("estimated_amount", required: false)
        if let amount, amount < 0 {
            root.report(
                "estimated_amount", code: "consultation.bad-amount",
                en: "'estimated_amount' cannot be negative", fr: "'estimated_amount' ne peut pas être négatif")
        }
        let contact = root.string("contact", required: false)
        // Read before the rounds: a round's date without an offset is in this zone.
        var timeZoneIdentifier: String?
        if let name = root.string("time_zone", required: false) {
            if TimeZoneCheck.zone(name) != nil {
                timeZoneIdentifier = name
            } else {
                let problem = TimeZoneCheck.problem(name)
                let hint = TimeZoneCheck.hint
                root.report("time_zone", code: "consultation.bad-time-zone", en: problem.en + " (\(hint.en))", fr: problem.fr + " (\(hint.fr))")
            }
        }
        let zone = timeZoneIdentifier.flatMap(TimeZoneCheck.zone) ?? TimeZoneCheck.defaultZone
        var rounds: [Round] = []
        var lastVersion: Int?
        for map in root.maps("rounds", required: false) ?? [] {
            map.rejectUnknownKeys(["version", "opens", "closes"])
            guard let version = map.int("version"), let opensText = map.string("opens"), let closesText = map.string("closes") else { continue }
            guard version >= 1 else {
                map.report(
                    "version", code: "round.version", en: "a round's version is a draft number, 1 or more (not \(version))",
                    fr: "la version d'un tour est un numéro de version, 1 ou plus (pas \(version))")
                continue
            }
            // The one place a round's dates are read: an unreadable one is an error, and the round is left out.
            func timestamp(_ key: String, _ value: String) -> Timestamp? {
                if let timestamp = Timestamp(value, timeZone: zone) { return timestamp }
                map.report(
                    key, code: "round.bad-date",
                    en: "'\(value)' is not an ISO 8601 date (write 2027-01-15T17:00:00+01:00)",
                    fr: "'\(value)' n'est pas une date ISO 8601 (écrivez 2027-01-15T17:00:00+01:00)")
                return nil
            }
            let opens = timestamp("opens", opensText)
            let closes = timestamp("closes", closesText)
            if let opens, let closes, closes < opens {
                map.report(
                    "closes", code: "round.closes-before-opens",
                    en: "round \(version) closes before it opens", fr: "le tour \(version) se clôt avant de s'ouvrir")
            }
            if let last = lastVersion, version <= last {
                map.report(
                    "version", code: "round.order",
                    en: "rounds must be listed by increasing version (\(version) after \(last))",
                    fr: "les tours doivent être listés par version croissante (\(version) après \(last))")
            }
            lastVersion = version
            if let opens, let closes { rounds.append(Round(version: version, opens: opens, closes: closes)) }
        }
        var agentKeys: [KeyHolder] = []
        var buyerKeys: [KeyHolder] = []
        if let keys = root.map("keys", required: false) {
            keys.rejectUnknownKeys(["agent", "buyers"])
            func holders(_ list: String) -> [KeyHolder] {
                var holders: [KeyHolder] = []
                for map in keys.maps(list, required: false) ?? [] {
                    map.rejectUnknownKeys(["name", "key", "encryption"])
                    guard let name = map.string("name"), let text = map.string("key") else { continue }
                    guard let key = SSHPublicKey(openSSH: text) else {
                        map.report(
                            "key", code: "keys.bad-key",
                            en: "'\(text.prefix(40))' is not an OpenSSH ed25519 public key (ssh-ed25519 AAAA…)",
                            fr: "'\(text.prefix(40))' n'est pas une clé publique OpenSSH ed25519 (ssh-ed25519 AAAA…)")
                        continue
                    }
                    if holders.contains(where: { $0.key == key }) {
                        map.report(
                            "key", code: "keys.duplicate", en: "the key of '\(name)' is listed twice in keys.\(list)",
                            fr: "la clé de '\(name)' figure deux fois dans keys.\(list)")
                    }
                    var encryption: ListedEncryptionKey?
                    if let text = map.string("encryption", required: false) {
                        if let listed = ListedEncryptionKey(text: text) {
                            if listed.isSigned(by: key) {
                                encryption = listed
                            } else {
                                map.report(
                                    "encryption", code: "keys.unsigned-encryption",
                                    en: "the encryption key of '\(name)' is not signed by its signing key: it cannot be sealed to",
                                    fr: "la clé de chiffrement de '\(name)' n'est pas signée par sa clé de signature : on ne peut rien lui sceller")
                            }
                        } else {
                            map.report(
                                "encryption", code: "keys.bad-encryption",
                                en: "'\(text.prefix(40))' is not a signed encryption key (x25519 KEY PROOF, as 'jsf identity show' prints it)",
                                fr:
                                    "'\(text.prefix(40))' n'est pas une clé de chiffrement signée (x25519 CLÉ PREUVE, telle que 'jsf identity show' l'affiche)"
                            )
                        }
                    }
                    holders.append(KeyHolder(name: name, key: key, encryption: encryption))
                }
                return holders
            }
            agentKeys = holders("agent")
            buyerKeys = holders("buyers")
            // A buyer's encryption key that is also the agent's would let the agent open the sealed identities.
            let agentEncryption = Set(agentKeys.compactMap { $0.encryption?.key })
            for (index, holder) in buyerKeys.enumerated() where holder.encryption.map({ agentEncryption.contains($0.key) }) == true {
                keys.report(
                    "buyers[\(index)].encryption", code: "keys.shared-encryption",
                    en:
                        "the encryption key of buyer '\(holder.name)' is also the agent's: identities sealed to it would not be secret from the agent",
                    fr:
                        "la clé de chiffrement de l'acheteur '\(holder.name)' est aussi celle de l'agent : les identités qui lui sont scellées ne seraient pas secrètes pour l'agent"
                )
            }
        }
        var eligibility = Eligibility.Scope.group
        if let text = root.string("eligibility", required: false) {
            if let scope = Eligibility.Scope(rawValue: text) {
                eligibility = scope
            } else {
                root.report(
                    "eligibility", code: "consultation.bad-eligibility",
                    en: "'eligibility' must be group, division or open, not '\(text)'",
                    fr: "'eligibility' doit valoir group, division ou open, pas '\(text)'")
            }
        }
        var consultation = Consultation(
            id: id, title: title, buyer: buyer, cpv: cpv, departements: departements, regions: regions,
            procedure: procedure, estimatedAmount: amount, contact: contact, rounds: rounds,
            agentKeys: agentKeys, buyerKeys: buyerKeys)
        consultation.eligibility = eligibility
        consultation.timeZoneIdentifier = timeZoneIdentifier
        return (consultation, reader.problems)
    }
}
