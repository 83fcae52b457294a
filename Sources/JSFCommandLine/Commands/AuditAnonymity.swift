import ArgumentParser
import Foundation
import JeSaisFaire

struct AuditAnonymity: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "audit-anonymity",
            abstract: bilingual(
                "Search a repository for anything that names a company.", "Cherche dans un dépôt tout ce qui nomme une entreprise."),
            discussion: bilingual(
                """
                Reads every object of the repository at or above PATH (a clone or a bare hub; the current one by default), \
                loose or packed, reachable or not: commit and tag messages, author, committer and tagger lines, file \
                contents (only the runs of text of a binary file; a blob over 32 MiB is skipped and named), file and \
                folder names; then every ref name, every reflog line, the repository's own git configuration and the \
                other files of the git directory (jsf's state in .git/jsf, FETCH_HEAD, hooks). It looks for the \
                identifying strings of each --identity (a company's identity.yml: its name and organisation, SIRET and \
                SIREN in any grouping, email and mail domain, phone, web site), of each --git-identity, and of your own \
                git identity (user.name and user.email of the global and system git configuration, not the \
                repository's). Without --identity it looks for the company identity of JSF_HOME. A time-zone offset \
                other than +0000 is reported on a company's writes: the commits only proposal branches reach, those \
                signed with a pseudonym's address, the tags on them, every reflog line of a company's clone (its \
                configuration names its pseudonym) and elsewhere the reflog lines signed with a pseudonym's address. One line per finding on standard output, with its place; exit 1 when anything is found, \
                0 when nothing is, 128 when the repository cannot be read.
                """,
                """
                Lit chaque objet du dépôt dans CHEMIN ou au-dessus (un clone ou un hub nu ; le dépôt courant par \
                défaut), isolé ou empaqueté, atteignable ou non : messages des commits et des étiquettes, lignes \
                d'auteur, de committer et de signataire d'étiquette, contenu des fichiers (seulement les suites de \
                texte d'un fichier binaire ; un blob de plus de 32 Mio est sauté et nommé), noms de fichiers et de \
                dossiers ; puis chaque nom de ref, chaque ligne de reflog, la configuration git propre au dépôt et les \
                autres fichiers du dossier git (l'état de jsf dans .git/jsf, FETCH_HEAD, les hooks). Il y cherche ce \
                qui identifie chaque --identity (l'identity.yml d'une entreprise : son nom et sa raison sociale, SIRET \
                et SIREN quel que soit leur découpage, email et domaine de messagerie, téléphone, site web), chaque \
                --git-identity, et votre propre identité git (user.name et user.email de la configuration git globale \
                et système, pas celle du dépôt). Sans --identity, il cherche l'identité d'entreprise de JSF_HOME. Un \
                décalage horaire autre que +0000 est signalé sur les écritures d'une entreprise : les commits que \
                seules des branches de propositions atteignent, ceux signés de l'adresse d'un pseudonyme, les \
                étiquettes qui les visent, chaque ligne de reflog du clone d'une entreprise (sa configuration nomme son \
                pseudonyme) et ailleurs les lignes de reflog signées de l'adresse d'un pseudonyme. Une \
                ligne par trouvaille sur la sortie standard, avec son emplacement ; code de retour 1 quand quelque \
                chose est trouvé, 0 quand rien ne l'est, 128 quand le dépôt ne peut pas être lu.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("identity"),
        help: .t(
            "A company's identity file (identity.yml) to look for; repeatable.",
            "Fichier d'identité d'une entreprise (identity.yml) à rechercher ; répétable.", valueName: "file"))
    var identities: [String] = []

    @Option(
        name: .customLong("git-identity"),
        help: .t(
            "A git identity to look for, 'Name <email>'; repeatable.", "Identité git à rechercher, 'Nom <email>' ; répétable.",
            valueName: "identity"))
    var gitIdentities: [String] = []

    @OptionGroup var format: OutputOptions

    @Argument(
        help: .t(
            "The repository: a clone or a bare hub (default: the current one).", "Le dépôt : un clone ou un hub nu (par défaut : le dépôt courant)."),
        completion: .directory)
    var path: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let c = runtime.console
        let (targets, notes) = try AnonymityAudit.targets(identityFiles: identities, gitIdentities: gitIdentities, context: runtime.context)
        for note in notes { c.note(c.t(note)) }
        let report = try AnonymityAudit.audit(runtime.context, path: path, targets: targets)
        if format.json {
            try encodeJSON(runtime, Output(report, console: c))
        } else {
            for finding in report.findings {
                let who = finding.target.map { " [\($0)]" } ?? ""
                c.out("\(Self.describe(finding.place, c))\(c.t(": ", " : "))\(c.t(finding.what))\(who)")
            }
        }
        for skipped in report.skipped {
            c.warning(
                Text(
                    en: "blob \(skipped.id.prefix(7)) (\(skipped.size) bytes) is too large: not searched",
                    fr: "blob \(skipped.id.prefix(7)) (\(skipped.size) octets) trop gros : non examiné"))
        }
        let scanned = Text(
            en:
                "\(report.objects) object(s), \(report.refs) ref(s), \(report.reflogLines) reflog line(s), \(report.configEntries) configuration entr\(report.configEntries == 1 ? "y" : "ies"), \(report.files) other file(s)",
            fr:
                "\(report.objects) objet(s), \(report.refs) référence(s), \(report.reflogLines) ligne(s) de reflog, \(report.configEntries) entrée(s) de configuration, \(report.files) autre(s) fichier(s)"
        )
        let binary =
            report.binaryBlobs == 0
            ? ""
            : c.t(
                "; \(report.binaryBlobs) binary blob(s) searched for their runs of text only",
                " ; \(report.binaryBlobs) blob(s) binaire(s) examiné(s) pour leurs suites de texte seulement")
        let names = report.targets.map(\.label).joined(separator: ", ")
        if report.clean {
            c.note(
                c.t(
                    "jsf audit-anonymity: nothing names \(names) in \(report.repository) (\(scanned.en))",
                    "jsf audit-anonymity : rien ne nomme \(names) dans \(report.repository) (\(scanned.fr))") + binary)
        } else {
            c.note(
                c.t(
                    "jsf audit-anonymity: \(report.findings.count) finding(s) in \(report.repository) (\(scanned.en))",
                    "jsf audit-anonymity : \(report.findings.count) trouvaille(s) dans \(report.repository) (\(scanned.fr))") + binary)
            throw JSFError.quiet()
        }
    }

    /// "commit 1a2b3c4 (refs/heads/proposals/X) author", "blob d4e5f60 at proposals/X:3.md line 12", "ref refs/heads/…".
    static func describe(_ place: AnonymityAudit.Place, _ c: Console) -> String {
        func reached(_ ref: String?) -> String { ref.map { " (\($0))" } ?? "" }
        func field(_ name: String) -> String {
            c.word(
                name,
                [
                    "author": Text(en: "author", fr: "auteur"), "committer": Text(en: "committer", fr: "committer"),
                    "tagger": Text(en: "tagger", fr: "signataire"), "message": Text(en: "message", fr: "message"),
                    "name": Text(en: "name", fr: "nom"), "identity": Text(en: "identity", fr: "identité"),
                    "time": Text(en: "time", fr: "heure"), "line": Text(en: "line", fr: "ligne"),
                ][name] ?? Text(en: name, fr: name))
        }
        switch place {
        case .commit(let id, let ref, let name):
            return "commit \(id.prefix(7))\(reached(ref)) \(field(name))"
        case .tag(let id, let ref, let name):
            return c.t("tag", "étiquette") + " \(id.prefix(7))\(reached(ref)) \(field(name))"
        case .blob(let id, let ref, let commit, let path, let line):
            var text = "blob \(id.prefix(7))"
            if let path {
                if let ref {
                    text += c.t(" at ", " à ") + Self.short(ref) + ":" + path
                } else if let commit {
                    text += c.t(" at ", " à ") + String(commit.prefix(7)) + ":" + path
                } else {
                    text += c.t(" at ", " à ") + path + c.t(" (in no commit)", " (dans aucun commit)")
                }
            } else {
                text += c.t(" (in no tree)", " (dans aucun arbre)")
            }
            if let line { text += c.t(" line \(line)", " ligne \(line)") }
            return text
        case .treeEntry(let tree, let ref, let commit, let path):
            let at = ref.map(Self.short) ?? commit.map { String($0.prefix(7)) }
            return c.t("file name ", "nom de fichier ") + (at.map { "\($0):" } ?? "") + path + c.t(" (tree ", " (arbre ") + String(tree.prefix(7))
                + ")"
        case .ref(let name):
            return "ref \(name)"
        case .reflog(let file, let line, let name):
            return "reflog \(file)" + c.t(" line \(line) ", " ligne \(line) ") + field(name)
        case .config(let key):
            return "config \(key)"
        case .file(let path, let line):
            return c.t("file ", "fichier ") + path + (line.map { c.t(" line \($0)", " ligne \($0)") } ?? "")
        }
    }

    /// "refs/heads/proposals/X" → "proposals/X", as git names a branch.
    static func short(_ ref: String) -> String {
        ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
    }
}
