import ArgumentParser
import Foundation
import JeSaisFaire

struct ConsultationCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "consultation",
            abstract: bilingual(
                "Manage who may approve: the PFRA buyers' keys in consultation.yml (agent).",
                "Gère qui peut approuver : les clés des acheteurs de la PFRA dans consultation.yml (agent)."),
            subcommands: [AddBuyer.self, RemoveBuyer.self]
        )
    }

    /// The buyer's public key, as a file or a string, and --no-push.
    struct KeyOptions: ParsableArguments {
        @Option(
            help: .t(
                "A file holding the buyer's OpenSSH public key.", "Un fichier contenant la clé publique OpenSSH de l'acheteur de la PFRA.",
                valueName: "file"))
        var key: String?

        @Option(
            name: .customLong("key-string"),
            help: .t("The buyer's OpenSSH public key itself.", "La clé publique OpenSSH de l'acheteur de la PFRA elle-même.", valueName: "key"))
        var keyString: String?

        @OptionGroup var push: PushOptions

        var given: Bool { key != nil || keyString != nil }

        func publicKey(_ context: Context) throws(JSFError) -> SSHPublicKey {
            try ConsultationCommand.key(file: key, string: keyString, context: context)
        }

        /// Pushes main after the key change, unless --no-push.
        func push(_ workspace: Workspace, runtime: Runtime, kept: Text) throws(JSFError) {
            guard !push.noPush else { return }
            try pushRecorded(
                workspace, role: .agent, runtime: runtime,
                done: { Text(en: "Pushed main to \($0).", fr: "main poussée vers \($0).") },
                kept: { Text(en: "\(kept.en) \($0)", fr: "\(kept.fr) \($0)") })
        }
    }

    /// Reads a public key given as a file or a string.
    static func key(file: String?, string: String?, context: Context) throws(JSFError) -> SSHPublicKey {
        let text: String
        switch (file, string) {
        case (let file?, nil): text = try readInputFile(file, context: context)
        case (nil, let string?): text = string
        default:
            throw JSFError(
                .usage,
                Text(
                    en: "give the buyer's public key with --key FILE or --key-string \"ssh-ed25519 …\" (one of them)",
                    fr: "donnez la clé publique de l'acheteur de la PFRA avec --key FICHIER ou --key-string \"ssh-ed25519 …\" (l'un des deux)"))
        }
        guard let key = SSHPublicKey(openSSH: text) else {
            throw JSFError(
                .refused,
                Text(
                    en: "'\(file ?? String(text.prefix(30)))' is not an OpenSSH ed25519 public key",
                    fr: "'\(file ?? String(text.prefix(30)))' n'est pas une clé publique OpenSSH ed25519"),
                hints: [
                    Text(
                        en: "the buyer prints theirs with 'jsf identity show' (signing key: ssh-ed25519 AAAA…)",
                        fr: "l'acheteur de la PFRA affiche la sienne avec 'jsf identity show' (clé de signature : ssh-ed25519 AAAA…)")
                ])
        }
        return key
    }

    struct AddBuyer: JSFCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "add-buyer",
                abstract: bilingual(
                    "List a PFRA buyer who may approve (a signed commit on main, pushed).",
                    "Inscrit un acheteur de la PFRA qui peut approuver (un commit signé sur main, poussé)."),
                discussion: bilingual(
                    "The buyer gives their public signing key ('jsf identity show'). 'jsf log' shows every key change.",
                    "L'acheteur de la PFRA donne sa clé publique de signature ('jsf identity show'). 'jsf log' montre chaque changement de clé.")
            )
        }

        @OptionGroup var global: GlobalOptions

        @Option(
            help: .t(
                "The buyer's name or service, e.g. \"PFRA Grand Est\".",
                "Le nom ou le service de l'acheteur de la PFRA, par exemple « PFRA Grand Est »."))
        var name: String

        @OptionGroup var keys: KeyOptions

        @Option(
            name: .customLong("encryption-key"),
            help: .t(
                "The buyer's signed encryption key: their encryption_key.pub, or \"x25519 KEY PROOF\" as 'jsf identity show' prints it. Companies seal their identity to it. Given for a buyer already listed, it records that buyer's key.",
                "La clé de chiffrement signée de l'acheteur de la PFRA : son encryption_key.pub, ou « x25519 CLÉ PREUVE » telle que 'jsf identity show' l'affiche. Les entreprises lui scellent leur identité. Donnée pour un acheteur déjà inscrit, elle enregistre sa clé.",
                valueName: "file|key"))
        var encryptionKey: String?

        func execute(_ runtime: Runtime) throws(JSFError) {
            let session = try Session.open(runtime.context, as: [.agent])
            let key = try keys.publicKey(runtime.context)
            var encryption: ListedEncryptionKey?
            if var encryptionKey {
                // A file (the buyer's encryption_key.pub), or the key itself.
                if !encryptionKey.hasPrefix(EncryptionPublicKey.keyType + " ") {
                    encryptionKey = try readInputFile(encryptionKey, context: runtime.context)
                }
                guard let listed = ListedEncryptionKey(text: encryptionKey) else {
                    throw JSFError(
                        .usage,
                        Text(
                            en: "--encryption-key '\(encryptionKey.prefix(30))' is not a signed encryption key (x25519 KEY PROOF)",
                            fr: "--encryption-key '\(encryptionKey.prefix(30))' n'est pas une clé de chiffrement signée (x25519 CLÉ PREUVE)"),
                        hints: [
                            Text(
                                en: "the buyer prints it with 'jsf identity show' (encryption key: x25519 …)",
                                fr: "l'acheteur de la PFRA l'affiche avec 'jsf identity show' (clé de chiffrement : x25519 …)")
                        ])
                }
                encryption = listed
            }
            let commit = try session.addBuyer(name: name, key: key, encryption: encryption)
            let c = runtime.console
            c.out(commit.hex)
            c.note(
                c.t(
                    "Listed \(name) (\(key.fingerprint)) as a buyer who may approve.",
                    "\(name) (\(key.fingerprint)) est listé comme acheteur de la PFRA pouvant approuver."))
            if encryption == nil {
                c.warning(
                    Text(
                        en: "no --encryption-key: companies cannot seal their identity to this buyer",
                        fr: "pas de --encryption-key : les entreprises ne peuvent pas sceller leur identité à cet acheteur de la PFRA"))
            }
            try keys.push(
                session.workspace, runtime: runtime,
                kept: Text(
                    en: "the buyer is listed locally but could not be pushed to",
                    fr: "l'acheteur de la PFRA est listé localement mais n'a pas pu être poussé vers"))
        }
    }

    struct RemoveBuyer: JSFCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "remove-buyer",
                abstract: bilingual(
                    "Remove a PFRA buyer's key (a signed commit on main, pushed).",
                    "Retire la clé d'un acheteur de la PFRA (un commit signé sur main, poussé)."),
                discussion: bilingual(
                    "Name the buyer with --name, --key or --key-string. Their earlier signatures stay valid; later ones are refused.",
                    "Désignez l'acheteur de la PFRA avec --name, --key ou --key-string. Ses signatures antérieures restent valables ; les suivantes sont refusées."
                )
            )
        }

        @OptionGroup var global: GlobalOptions

        @Option(help: .t("The buyer's name as listed.", "Le nom de l'acheteur de la PFRA, tel qu'inscrit."))
        var name: String?

        @OptionGroup var keys: KeyOptions

        func execute(_ runtime: Runtime) throws(JSFError) {
            let session = try Session.open(runtime.context, as: [.agent])
            let publicKey = keys.given ? try keys.publicKey(runtime.context) : nil
            if name == nil && publicKey == nil {
                throw JSFError(
                    .usage,
                    Text(
                        en: "name the buyer with --name, --key or --key-string",
                        fr: "désignez l'acheteur de la PFRA avec --name, --key ou --key-string"))
            }
            let (commit, holder) = try session.removeBuyer(name: name, key: publicKey)
            let c = runtime.console
            c.out(commit.hex)
            c.note(c.t("Removed \(holder.name) (\(holder.key.fingerprint)).", "\(holder.name) (\(holder.key.fingerprint)) retiré."))
            try keys.push(
                session.workspace, runtime: runtime,
                kept: Text(
                    en: "the removal is recorded locally but could not be pushed to",
                    fr: "le retrait est enregistré localement mais n'a pas pu être poussé vers"))
        }
    }
}
