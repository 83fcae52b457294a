import ArgumentParser
import Foundation
import JeSaisFaire

struct Repair: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "repair",
            abstract: bilingual(
                "Remove the lock and temporary files a stopped jsf or git left behind.",
                "Supprime les fichiers de verrou et temporaires laissés par un jsf ou un git interrompu."),
            discussion: bilingual(
                """
                A jsf or git killed while writing (SIGKILL, crash, power cut) can leave a *.lock file (a ref's, \
                index.lock, packed-refs.lock, config.lock) that makes every later write fail, and temporary files. \
                jsf repair finds them in the repository (with --hub, in the hub too, when it is a path on this machine) \
                and removes those that nothing holds: no jsf runs in the repository (jsf repair holds it alone while it \
                works, so that none starts), no process has the file open, and no git command that started before the \
                file was written runs there. A file still held is listed and left alone. One line per file on standard \
                output; exit 0 when there was nothing to do or everything stale was removed, 1 when another jsf is \
                running (nothing is then removed).
                """,
                """
                Un jsf ou un git tué pendant qu'il écrit (SIGKILL, plantage, coupure de courant) peut laisser un fichier \
                *.lock (celui d'une ref, index.lock, packed-refs.lock, config.lock) qui fait échouer toute écriture \
                suivante, et des fichiers temporaires. jsf repair les trouve dans le dépôt (avec --hub, dans le hub \
                aussi, quand c'est un chemin de cette machine) et supprime ceux que rien ne tient : aucun jsf ne tourne \
                dans le dépôt (jsf repair le tient seul pendant son travail, pour qu'aucun ne démarre), aucun processus \
                n'a le fichier ouvert, et aucune commande git lancée avant l'écriture du fichier n'y tourne. Un fichier \
                encore tenu est listé et laissé en place. Une ligne par fichier sur la sortie standard ; code de retour \
                0 quand il n'y avait rien à faire ou que tout ce qui était abandonné a été supprimé, 1 quand un autre \
                jsf tourne (rien n'est alors supprimé).
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Flag(help: .t("Also repair the hub, when it is a path on this machine.", "Répare aussi le hub, quand c'est un chemin de cette machine."))
    var hub = false

    @Flag(help: .t("List what would be removed; remove nothing.", "Liste ce qui serait supprimé ; ne supprime rien."))
    var dryRun = false

    @OptionGroup var format: OutputOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let report = try JeSaisFaire.Repair.run(runtime.context, RepairRequest(dryRun: dryRun, hub: hub))
        let c = runtime.console
        let now = Date()
        if format.json {
            try encodeJSON(
                runtime,
                Output(
                    dryRun: dryRun,
                    files: report.leftovers.map { leftover in
                        Output.File(
                            path: shown(leftover, report), kind: leftover.kind.rawValue, place: leftover.place.rawValue,
                            ageSeconds: max(0, Int(now.timeIntervalSince(leftover.modified))), stale: leftover.isStale,
                            removed: report.removed.contains(leftover.path),
                            owner: leftover.owner.map { Output.Owner(program: $0.program, pid: $0.pid) })
                    }))
        } else {
            for leftover in report.leftovers {
                let path = shown(leftover, report)
                if let owner = leftover.owner {
                    c.out(c.t("kept     ", "gardé    ") + path + c.t(" (held by \(owner.words.en))", " (tenu par \(owner.words.fr))"))
                } else if report.removed.contains(leftover.path) {
                    c.out(c.t("removed  ", "supprimé ") + path)
                } else {
                    c.out((dryRun ? c.t("stale    ", "abandonné ") : c.t("gone     ", "disparu  ")) + path)
                }
            }
        }
        let stale = report.stale.count
        let held = report.held.count
        if report.leftovers.isEmpty {
            c.note(c.t("Nothing to repair.", "Rien à réparer."))
        } else if dryRun {
            c.note(
                c.t(
                    "\(stale) file(s) left behind by a stopped jsf or git would be removed; nothing was removed (--dry-run).",
                    "\(stale) fichier(s) laissé(s) par un jsf ou un git interrompu serai(en)t supprimé(s) ; rien n'a été supprimé (--dry-run)."))
        } else {
            c.note(
                c.t(
                    "Removed \(report.removed.count) file(s) left behind by a stopped jsf or git.",
                    "\(report.removed.count) fichier(s) laissé(s) par un jsf ou un git interrompu supprimé(s)."))
        }
        if held > 0 {
            c.warning(
                Text(
                    en: "\(held) file(s) still held by a running program were left alone; run 'jsf repair' again when it is done",
                    fr:
                        "\(held) fichier(s) encore tenu(s) par un programme en cours ont été laissé(s) en place ; relancez 'jsf repair' quand il aura fini"
                ))
        }
    }

    /// A repository file relative to the work tree's root; a hub's in full.
    func shown(_ leftover: Leftover, _ report: RepairReport) -> String {
        if leftover.place == .repository, leftover.path.hasPrefix(report.root + "/") { return String(leftover.path.dropFirst(report.root.count + 1)) }
        return leftover.path
    }

    /// What `jsf repair --json` prints (docs/cli.md).
    struct Output: Encodable {
        struct Owner: Encodable {
            var program: String
            var pid: Int32?
        }
        struct File: Encodable {
            var path: String
            var kind: String
            var place: String
            var ageSeconds: Int
            var stale: Bool
            var removed: Bool
            var owner: Owner?
        }
        var dryRun: Bool
        var files: [File]
    }
}
