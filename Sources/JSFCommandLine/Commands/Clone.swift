import ArgumentParser
import Foundation
import JeSaisFaire

struct Clone: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "clone",
            abstract: bilingual(
                "Get a consultation from its hub, and see whether it concerns your company.",
                "Récupère une consultation depuis son hub, et dit si elle concerne votre entreprise."),
            discussion: bilingual(
                """
                URL is a local path, file://, ssh://, https:// or git:// (whatever libgit2 supports). Progress goes to \
                standard error. For a company identity, the clone is configured so that nothing it later commits with jsf \
                carries the company's git identity (user.name and user.email are the pseudonym), and jsf says whether the \
                company is concerned: one of its CPV codes shares the group (3 first digits, or the division when the \
                consultation says so) with one of the consultation's, and one of its départements is in the territory \
                (a listed département, or one of a listed région; no territory means national). What the hub sends is \
                verified first, as 'jsf fetch' does: a forged ref is reported, left out of the clone, and the exit status is 1. \
                With --agent-key (which 'jsf discover' prints from the catalogue), the consultation must have been created by \
                that agent key: a hub serving a look-alike consultation is refused, and later fetches keep checking it.
                """,
                """
                URL est un chemin local, file://, ssh://, https:// ou git:// (tout ce que libgit2 prend en charge). La \
                progression va sur la sortie d'erreur. Pour une identité d'entreprise, le clone est configuré pour que \
                rien de ce qu'il validera ensuite avec jsf ne porte l'identité git de l'entreprise (user.name et \
                user.email sont le pseudonyme), et jsf dit si l'entreprise est concernée : l'un de ses codes CPV partage \
                le groupe (les 3 premiers chiffres, ou la division quand la consultation le dit) avec l'un de ceux de la \
                consultation, et l'un de ses départements est dans le territoire (un département listé, ou l'un de ceux \
                d'une région listée ; sans territoire, la consultation est nationale). Ce que le hub envoie est d'abord \
                vérifié, comme le fait 'jsf fetch' : une ref falsifiée est signalée, laissée hors du clone, et le code de \
                retour est 1. Avec --agent-key (que 'jsf discover' affiche depuis le catalogue), la consultation doit \
                avoir été créée par cette clé d'agent : un hub qui sert une consultation d'apparence semblable est \
                refusé, et les fetch suivants continuent de le vérifier.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var network: NetworkOptions

    @Argument(help: .t("The hub: a path or URL.", "Le hub : un chemin ou une URL."))
    var url: String

    @Argument(
        help: .t(
            "The directory to create (default: the URL's last component without .git).",
            "Le dossier à créer (par défaut : le dernier élément de l'URL, sans .git)."))
    var dir: String?

    @Option(
        name: .customLong("agent-key"),
        help: .t(
            "The agent's public signing key (ssh-ed25519 AAAA…, or a file holding it), as 'jsf discover' or the agent gives it: the consultation must have been created by it.",
            "La clé publique de signature de l'agent (ssh-ed25519 AAAA…, ou un fichier qui la contient), telle que 'jsf discover' ou l'agent la donne : la consultation doit avoir été créée par elle.",
            valueName: "key"))
    var agentKey: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let identity = try context.identities.load()
        let directory = context.absolute(dir ?? Sync.defaultDirectory(for: url))
        var last = -1
        let terminal = c.errorIsTerminal
        var pinned: SSHPublicKey?
        if let agentKey {
            let text = agentKey.hasPrefix("ssh-") ? agentKey : try readInputFile(agentKey, context: context)
            guard let key = SSHPublicKey(openSSH: text) else {
                throw JSFError(
                    .usage,
                    Text(
                        en: "--agent-key takes an OpenSSH ed25519 public key (ssh-ed25519 AAAA…) or a file holding one",
                        fr: "--agent-key prend une clé publique OpenSSH ed25519 (ssh-ed25519 AAAA…) ou un fichier qui en contient une"))
            }
            pinned = key
        }
        let result = try Session.clone(url: url, to: directory, identity: identity, context: context, agentKey: pinned) { progress in
            guard terminal, progress.totalObjects > 0 else { return }
            let percent = progress.receivedObjects * 100 / progress.totalObjects
            if percent != last {
                last = percent
                c.noteRaw(
                    c.t(
                        "\rReceiving objects: \(percent)% (\(progress.receivedObjects)/\(progress.totalObjects))",
                        "\rRéception des objets : \(percent) % (\(progress.receivedObjects)/\(progress.totalObjects))"))
            }
        }
        if last >= 0 { c.noteRaw("\n") }
        c.note(c.t("Cloned into \(result.directory).", "Clonée dans \(result.directory)."))
        reportRefused(result.refused, c)
        describe(result, identity: identity, c)
        // What the hub holds that failed verification is an alarm, even though the clone holds only what passed.
        if result.refused.contains(where: \.alarms) { throw JSFError.quiet() }
    }

    private func describe(_ result: CloneResult, identity: Identity?, _ c: Console) {
        guard let consultation = result.consultation else {
            c.warning(Text(en: "this repository holds no consultation yet", fr: "ce dépôt ne contient pas encore de consultation"))
            return
        }
        c.out("\(consultation.id)\t\(consultation.title)")
        if let latest = result.latest {
            c.note(c.t("Current draft: \(latest.name) — \(latest.summary)", "Version courante : \(latest.name) — \(latest.summary)"))
        } else {
            c.note(c.t("No draft published yet.", "Aucune version publiée pour l'instant."))
        }
        if let pseudonym = result.pseudonym, let eligibility = result.eligibility, let identity {
            c.note(c.t("You appear here as ", "Vous apparaissez ici comme ") + c.paint(c.t(pseudonym.displayName), .bold, err: true) + ".")
            let why = c.t(eligibility.explanation(company: identity, consultation: consultation))
            if eligibility.concerned {
                c.note(c.paint(c.t("Your company is concerned: ", "Votre entreprise est concernée : "), .green, err: true) + why + ".")
                c.hint(
                    Text(
                        en: "read it with 'jsf show', react with 'jsf propose CLAUSE --kind … --cost … -m …'",
                        fr: "lisez-la avec 'jsf show', réagissez avec 'jsf propose CLAUSE --kind … --cost … -m …'"))
            } else {
                c.note(c.paint(c.t("Your company is not concerned: ", "Votre entreprise n'est pas concernée : "), .yellow, err: true) + why + ".")
            }
        }
    }
}
