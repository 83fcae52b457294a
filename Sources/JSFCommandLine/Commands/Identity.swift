import ArgumentParser
import Foundation
import JeSaisFaire

extension Role: ExpressibleByArgument {}

struct IdentityCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "identity",
            abstract: bilingual(
                "Create or show who you are: agent, company or buyer.", "Crée ou affiche qui vous êtes : agent, entreprise ou acheteur de la PFRA."),
            discussion: bilingual(
                """
                The identity lives outside every repository, in $JSF_HOME, else $XDG_CONFIG_HOME/jsf, else ~/.config/jsf: \
                identity.yml and a 32-byte secret (mode 0600) from which a company's pseudonyms and signing keys are derived. \
                An agent or buyer also has an Ed25519 signing key (signing_key, an OpenSSH private key, mode 0600), \
                which signs every commit and tag they write. Nothing identifying a company is ever written into a consultation.
                """,
                """
                L'identité vit hors de tout dépôt, dans $JSF_HOME, sinon $XDG_CONFIG_HOME/jsf, sinon ~/.config/jsf : \
                identity.yml et un secret de 32 octets (mode 0600) d'où sont dérivés les pseudonymes et les clés de \
                signature d'une entreprise. Un agent ou un acheteur de la PFRA a aussi une clé de signature Ed25519 \
                (signing_key, une clé privée OpenSSH, mode 0600), qui signe chaque commit et chaque étiquette qu'il \
                écrit. Rien qui identifie une entreprise n'est jamais écrit dans une consultation.
                """
            ),
            subcommands: [InitIdentity.self, ShowIdentity.self]
        )
    }

    struct InitIdentity: JSFCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "init",
                abstract: bilingual("Create your identity.", "Crée votre identité."),
                discussion: bilingual(
                    """
                    An agent's and a buyer's commits carry their organisation as author, with no personal address \
                    unless --commit-email is given. A company's SIRET is checked (Luhn over 14 digits, with the La Poste \
                    exception); its CPV codes and départements decide which consultations concern it. \
                    Re-running with --force rewrites identity.yml and keeps the secret, so pseudonyms stay the same. \
                    An agent or buyer gets an Ed25519 signing key, generated once and kept on --force, or the unencrypted \
                    OpenSSH ed25519 key given with --ssh-key (jsf records its path and reads it when signing).
                    """,
                    """
                    Les commits d'un agent et d'un acheteur de la PFRA portent leur organisation comme auteur, sans adresse \
                    personnelle sauf si --commit-email est donné. Le SIRET d'une entreprise est vérifié (Luhn sur 14 \
                    chiffres, avec l'exception de La Poste) ; ses codes CPV et ses départements décident des consultations \
                    qui la concernent. Relancer avec --force réécrit identity.yml et garde le secret, si bien que les \
                    pseudonymes restent les mêmes. Un agent ou un acheteur de la PFRA reçoit une clé de signature Ed25519, \
                    générée une fois et gardée avec --force, ou la clé OpenSSH ed25519 non chiffrée donnée avec --ssh-key \
                    (jsf note son chemin et la lit pour signer).
                    """
                )
            )
        }

        @OptionGroup var global: GlobalOptions

        @Option(
            help: .t(
                "agent (owns consultations), company (reacts to them) or buyer (PFRA, approves).",
                "agent (porte les consultations), company (entreprise, y réagit) ou buyer (acheteur de la PFRA, approuve)."))
        var role: Role

        @Option(help: .t("Your name (a company may give its trade name).", "Votre nom (une entreprise peut donner son nom commercial)."))
        var name: String

        @Option(
            help: .t(
                "The organisation: the public body of an agent or buyer, the company's legal name.",
                "L'organisation : le pouvoir adjudicateur d'un agent, la PFRA d'un acheteur, la raison sociale d'une entreprise."))
        var organisation: String?

        @Option(help: .t("The company's SIRET (14 digits).", "Le SIRET de l'entreprise (14 chiffres)."))
        var siret: String?

        @Option(
            help: .t(
                "A CPV code of the company's domain (repeatable), e.g. 90919200-4.",
                "Un code CPV du domaine de l'entreprise (répétable), par exemple 90919200-4."))
        var cpv: [String] = []

        @Option(
            help: .t(
                "A département where the company is established (repeatable), as an INSEE code: 67, 2A, 971.",
                "Un département où l'entreprise est établie (répétable), en code INSEE : 67, 2A, 971."))
        var departement: [String] = []

        @Option(
            help: .t(
                "Contact email (never written into a consultation for a company).",
                "Adresse électronique de contact (jamais écrite dans une consultation pour une entreprise)."))
        var email: String?

        @Option(help: .t("Contact phone number.", "Numéro de téléphone de contact."))
        var phone: String?

        @Option(help: .t("Web site or domain.", "Site web ou domaine."))
        var website: String?

        @Option(
            help: .t(
                "A company's street line, e.g. \"12 rue du Dôme\" ('jsf propose' refuses a text that gives it).",
                "La ligne de rue d'une entreprise, par exemple « 12 rue du Dôme » ('jsf propose' refuse un texte qui la donne)."))
        var address: String?

        @Option(
            name: .customLong("postal-code"),
            help: .t("A company's postal code, e.g. 67200.", "Le code postal d'une entreprise, par exemple 67200."))
        var postalCode: String?

        @Option(help: .t("A company's town, e.g. Strasbourg.", "La commune d'une entreprise, par exemple Strasbourg."))
        var city: String?

        @Option(
            name: .customLong("commit-email"),
            help: .t(
                "For an agent or buyer: the address their commits carry (none by default).",
                "Pour un agent ou un acheteur de la PFRA : l'adresse que portent ses commits (aucune par défaut)."))
        var commitEmail: String?

        @Option(
            name: .customLong("ssh-key"),
            help: .t(
                "For an agent or buyer: sign with this unencrypted OpenSSH ed25519 private key instead of a generated one.",
                "Pour un agent ou un acheteur de la PFRA : signe avec cette clé privée OpenSSH ed25519 non chiffrée au lieu d'une clé générée.",
                valueName: "path"))
        var sshKey: String?

        @Flag(
            help: .t(
                "Replace an existing identity (the secret and the generated signing key are kept).",
                "Remplace une identité existante (le secret et la clé de signature générée sont gardés)."))
        var force = false

        func execute(_ runtime: Runtime) throws(JSFError) {
            let store = runtime.context.identities
            if store.exists && !force {
                throw JSFError(
                    .refused,
                    Text(en: "an identity already exists in '\(store.directory)'", fr: "une identité existe déjà dans '\(store.directory)'"),
                    hints: [
                        Text(
                            en: "'jsf identity show' displays it; add --force to replace it",
                            fr: "'jsf identity show' l'affiche ; ajoutez --force pour la remplacer")
                    ])
            }
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw JSFError(.usage, Text(en: "--name cannot be empty", fr: "--name ne peut pas être vide"))
            }
            if role != .company, organisation?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
                throw JSFError(
                    .refused,
                    Text(
                        en:
                            "\(role == .agent ? "an" : "a") \(role.rawValue) identity needs --organisation: commits carry the organisation, not the person",
                        fr: "une identité \(role.label.fr) demande --organisation : les commits portent le nom de l'organisation, pas de la personne"),
                    hints: [
                        Text(en: "for example --organisation \"Préfecture du Bas-Rhin\"", fr: "par exemple --organisation \"Préfecture du Bas-Rhin\"")
                    ])
            }
            for (option, value) in [("--email", email), ("--commit-email", commitEmail)] {
                guard let value, let why = EmailAddress.problem(value) else { continue }
                throw JSFError(
                    .usage,
                    Text(
                        en: "\(option) '\(value)' is not an email address: \(why.en)",
                        fr: "\(option) '\(value)' n'est pas une adresse électronique : \(why.fr)"),
                    hints: [Text(en: "write it like contact@example.fr", fr: "écrivez-la comme contact@exemple.fr")])
            }
            var identity = Identity(
                role: role, name: name, organisation: organisation, email: email, phone: phone, website: website,
                commitEmail: commitEmail)
            for (option, value) in [("--address", address), ("--postal-code", postalCode), ("--city", city)] {
                guard let value else { continue }
                if role != .company {
                    throw JSFError(
                        .usage,
                        Text(
                            en: "--address, --postal-code and --city describe a company (what 'jsf propose' must not publish)",
                            fr: "--address, --postal-code et --city décrivent une entreprise (ce que 'jsf propose' ne doit pas publier)"))
                }
                if value.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw JSFError(.usage, Text(en: "\(option) cannot be empty", fr: "\(option) ne peut pas être vide"))
                }
            }
            identity.address = address
            identity.postalCode = postalCode
            identity.city = city
            if let siret {
                do {
                    identity.siret = try SIRET.validate(siret)
                } catch {
                    throw JSFError(
                        .refused, error.message,
                        hints: [
                            Text(
                                en: "a SIRET is the 9-digit SIREN followed by the 5-digit NIC, as on the Kbis or avis de situation SIRENE",
                                fr: "un SIRET est le SIREN (9 chiffres) suivi du NIC (5 chiffres), comme sur le Kbis ou l'avis de situation SIRENE")
                        ])
                }
            }
            let (codes, warnings) = try CPVCheck.parseAll(cpv)
            identity.cpv = codes
            let (departements, regions) = try TerritoryCheck.parseAll(departement)
            if !regions.isEmpty {
                throw JSFError(
                    .refused,
                    Text(en: "--departement takes département codes, not régions", fr: "--departement prend des codes de département, pas de région"))
            }
            identity.departements = departements
            for warning in warnings { runtime.console.warning(warning) }
            if role == .company && (codes.isEmpty || departements.isEmpty) {
                runtime.console.warning(
                    Text(
                        en: "a company without --cpv and --departement is concerned by no consultation",
                        fr: "une entreprise sans --cpv ni --departement n'est concernée par aucune consultation"))
            }
            var key: SSHSigningKey?
            if role == .company {
                if sshKey != nil {
                    throw JSFError(
                        .usage,
                        Text(
                            en: "--ssh-key is for an agent or buyer: a company's keys are derived, one per consultation",
                            fr:
                                "--ssh-key est pour un agent ou un acheteur de la PFRA : les clés d'une entreprise sont dérivées, une par consultation"
                        ))
                }
            } else {
                (identity, key) = try store.prepareSigningKey(for: identity, importing: sshKey.map { runtime.context.absolute($0) })
            }
            try store.save(identity)
            runtime.console.note(
                runtime.console.t(
                    "Identity saved in \(store.directory) (\(role.rawValue)).",
                    "Identité enregistrée dans \(store.directory) (\(role.label.fr))."))
            if let key {
                runtime.console.note(
                    runtime.console.t(
                        "Signing key \(key.publicKey.fingerprint): \(key.publicKey.openSSH)",
                        "Clé de signature \(key.publicKey.fingerprint) : \(key.publicKey.openSSH)"))
                let encryption = try store.writeEncryptionKey(for: identity)
                runtime.console.note(
                    runtime.console.t(
                        "Encryption key \(encryption.key.fingerprint): \(encryption.text)",
                        "Clé de chiffrement \(encryption.key.fingerprint) : \(encryption.text)"))
            }
        }
    }

    struct ShowIdentity: JSFCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "show", abstract: bilingual("Show your identity.", "Affiche votre identité."))
        }

        @OptionGroup var global: GlobalOptions

        @OptionGroup var format: OutputOptions

        struct Output: Encodable {
            var role: String
            var name: String
            var organisation: String?
            var siret: String?
            var cpv: [String]
            var departements: [String]
            var email: String?
            var phone: String?
            var website: String?
            var address: String?
            var postalCode: String?
            var city: String?
            var commitEmail: String?
            var signingKey: String?
            var fingerprint: String?
            /// The X25519 key, signed ("x25519 KEY PROOF"), that the agent lists with --encryption-key.
            var encryptionKey: String?
            var encryptionFingerprint: String?
            var directory: String
        }

        func execute(_ runtime: Runtime) throws(JSFError) {
            let store = runtime.context.identities
            let identity = try store.require()
            let key = identity.role == .company ? nil : try store.signingKey(for: identity).publicKey
            let encryption = identity.role == .company ? nil : try store.listedEncryptionKey(for: identity)
            let output = Output(
                role: identity.role.rawValue, name: identity.name, organisation: identity.organisation, siret: identity.siret,
                cpv: identity.cpv.map(\.description), departements: identity.departements, email: identity.email,
                phone: identity.phone, website: identity.website, address: identity.address, postalCode: identity.postalCode,
                city: identity.city, commitEmail: identity.commitEmail,
                signingKey: key?.openSSH, fingerprint: key?.fingerprint, encryptionKey: encryption?.text,
                encryptionFingerprint: encryption?.key.fingerprint, directory: store.directory)
            if format.json {
                try encodeJSON(runtime, output)
                return
            }
            let c = runtime.console
            var rows: [(String, String)] = [(c.t("role", "rôle"), c.t(identity.role.label)), (c.t("name", "nom"), identity.name)]
            if let value = identity.organisation { rows.append((c.t("organisation", "organisation"), value)) }
            if let value = identity.siret { rows.append(("SIRET", value)) }
            if !identity.cpv.isEmpty {
                rows.append(
                    ("CPV", identity.cpv.map { code in code.divisionLabel.map { "\(code) (\($0))" } ?? code.description }.joined(separator: ", ")))
            }
            if !identity.departements.isEmpty {
                rows.append(
                    (
                        c.t("départements", "départements"),
                        identity.departements.map { code in
                            Territory.departement(code).map { "\(code) \($0.name)" } ?? code
                        }.joined(separator: ", ")
                    ))
            }
            if let value = identity.email { rows.append(("email", value)) }
            if let value = identity.phone { rows.append((c.t("phone", "téléphone"), value)) }
            if let value = identity.website { rows.append((c.t("website", "site web"), value)) }
            if let value = identity.address { rows.append((c.t("address", "adresse"), value)) }
            if let value = identity.postalCode { rows.append((c.t("postal code", "code postal"), value)) }
            if let value = identity.city { rows.append((c.t("town", "commune"), value)) }
            if let value = identity.commitEmail { rows.append((c.t("commit email", "email des commits"), value)) }
            if let key {
                rows.append((c.t("signing key", "clé de signature"), key.openSSH))
                rows.append((c.t("fingerprint", "empreinte"), key.fingerprint))
            }
            if let encryption {
                rows.append((c.t("encryption key", "clé de chiffrement"), encryption.text))
                rows.append((c.t("its fingerprint", "son empreinte"), encryption.key.fingerprint))
            }
            rows.append((c.t("stored in", "stockée dans"), store.directory))
            let width = rows.map(\.0.count).max() ?? 0
            for (key, value) in rows { c.out(key + String(repeating: " ", count: width - key.count) + "  " + value) }
        }
    }
}

func encodeJSON<T: Encodable>(_ runtime: Runtime, _ value: T) throws(JSFError) {
    try encoding { try runtime.console.json(value) }
}

/// A JSON object written member by member (JSONStream), for outputs that may be large.
func encodeJSON(_ runtime: Runtime, members: [String: JSONMember?], tee: ((Data) -> Void)? = nil) throws(JSFError) {
    try encoding { try runtime.console.jsonObject(members, tee: tee) }
}

private func encoding(_ write: () throws -> Void) throws(JSFError) {
    do {
        try write()
    } catch {
        throw JSFError(.repository, Text(en: "cannot encode JSON", fr: "impossible d'encoder le JSON"), cause: "\(error)")
    }
}
