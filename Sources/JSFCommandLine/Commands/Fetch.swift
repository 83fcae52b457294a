import ArgumentParser
import Foundation
import JeSaisFaire

struct Fetch: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "fetch",
            abstract: bilingual("Fetch everything from the hub and report what is new.", "Récupère tout depuis le hub et dit ce qui est nouveau."),
            discussion: bilingual(
                """
                Fetches every branch and tag of the hub into a quarantine namespace (refs/jsf/quarantine/), verifies them \
                (signatures of each ref's owner, layout, fast-forward, files; 'jsf verify' says which rules) and only then \
                moves what passed to origin/… and the tags, which every reading command uses. A ref that fails stays aside \
                and is reported (ref, commit, why), exit 1; a ref rewritten or deleted on the hub is reported and the copy \
                verified here is kept; a proposal first seen after its round closed is marked late. Reports new drafts, \
                proposal branches that moved and new answers. For a company or buyer whose working tree holds no edit, main is brought up to date so that \
                the working tree shows the latest text.
                """,
                """
                Récupère chaque branche et chaque étiquette du hub dans un espace de quarantaine (refs/jsf/quarantine/), \
                les vérifie (signatures du propriétaire de chaque ref, organisation des refs, avance rapide, fichiers ; \
                'jsf verify' dit quelles règles) et ne déplace qu'ensuite ce qui a passé vers origin/… et les étiquettes, \
                que lit chaque commande de lecture. Une ref qui échoue reste à part et est signalée (ref, commit, \
                raison), code de retour 1 ; une ref réécrite ou supprimée sur le hub est signalée et la copie vérifiée \
                ici est gardée ; une proposition vue pour la première fois après la clôture de son tour est marquée en \
                retard. Signale les nouvelles versions, les branches de propositions qui ont bougé et les nouvelles \
                réponses. Pour une entreprise ou un acheteur de la PFRA dont la copie de travail ne porte aucune \
                modification, main est mise à jour pour que la copie de travail montre le dernier texte.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var network: NetworkOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let session = try ReadingSession.open(context, loadingIdentityFirst: true)
        let report = try session.fetch()
        reportRefused(report.refused, c)
        for ref in report.deleted {
            c.warning(
                Text(
                    en: "\(ref) was deleted on the hub; the copy verified here is kept",
                    fr: "\(ref) a été supprimée sur le hub ; la copie vérifiée ici est conservée"))
        }
        for id in report.late {
            c.warning(
                Text(
                    en: "proposal \(id) arrived after its round closed: it is marked late",
                    fr: "la proposition \(id) est arrivée après la clôture de son tour : elle est marquée en retard"))
        }
        if let sealing = report.sealing, sealing.needsSealing {
            let buyers = sealing.buyers.joined(separator: ", ")
            let new = sealing.absent || sealing.missing.isEmpty ? "" : " — " + sealing.missing.joined(separator: ", ")
            c.note(
                c.t(
                    "Your identity will be sealed to the PFRA buyers listed now (\(buyers)\(new.isEmpty ? "" : new + " new")) at your next 'jsf propose' or 'jsf push'.",
                    "Votre identité sera scellée aux acheteurs de la PFRA inscrits à ce jour (\(buyers)\(new.isEmpty ? "" : new + " nouveaux")) à votre prochain 'jsf propose' ou 'jsf push'."
                ))
        }
        if report.fetchedRefs == 0 {
            c.note(c.t("Already up to date.", "Déjà à jour."))
            if report.refused.contains(where: \.alarms) { throw JSFError.quiet() }
            return
        }
        for draft in report.newDrafts { c.out(c.t("new draft ", "nouvelle version ") + draft) }
        for pseudonym in report.proposals {
            c.out(c.t("proposals of Company \(pseudonym) updated", "propositions de l'Entreprise \(pseudonym) mises à jour"))
        }
        if report.dialogueMoved { c.out(c.t("new answers from the agent", "nouvelles réponses de l'agent")) }
        if report.mainAdvanced { c.note(c.t("main is up to date with the hub.", "main est à jour avec le hub.")) }
        if report.mainLeftBehind {
            c.warning(
                Text(
                    en: "main was not updated: your working tree has changes or main has diverged",
                    fr: "main n'a pas été mise à jour : votre copie de travail a des modifications ou main a divergé"))
        }
        c.note(c.t("Fetched \(report.fetchedRefs) ref(s).", "\(report.fetchedRefs) référence(s) récupérée(s)."))
        if report.refused.contains(where: \.alarms) { throw JSFError.quiet() }
    }
}

/// When the clone last fetched from its hub, for `jsf status` and `jsf inbox`.
struct FetchAge {
    /// Older than this, the hub may hold more than the clone shows.
    static let stale: TimeInterval = 3600

    var hub: String
    var last: LastFetch?
    var now: Date

    /// Nil when the consultation has no hub (there is nothing to fetch).
    init?(_ session: ReadingSession) throws(JSFError) {
        guard let hub = try Sync.hub(of: session.workspace) else { return nil }
        self.hub = hub
        last = session.lastFetch()
        now = session.context.clock.now
    }

    var seconds: TimeInterval? { last?.instant.map { max(0, now.timeIntervalSince($0)) } }
    var isStale: Bool { seconds.map { $0 > Self.stale } ?? true }

    /// "3 hours ago" / «il y a 3 heures»; "never" / «jamais».
    var words: Text {
        guard let seconds else { return Text(en: "never", fr: "jamais") }
        let minutes = Int(seconds / 60)
        let hours = minutes / 60
        let days = hours / 24
        func plural(_ n: Int, _ en: String, _ fr: String) -> Text {
            Text(en: "\(n) \(en)\(n > 1 ? "s" : "") ago", fr: "il y a \(n) \(fr)\(n > 1 ? "s" : "")")
        }
        if minutes < 1 { return Text(en: "just now", fr: "à l'instant") }
        if hours < 1 { return plural(minutes, "minute", "minute") }
        if days < 1 { return plural(hours, "hour", "heure") }
        return plural(days, "day", "jour")
    }

    /// The hint to fetch, when the hub may hold more than this clone shows.
    var hint: Text? {
        guard isStale else { return nil }
        guard last != nil else {
            return Text(
                en: "this clone has never fetched from the hub: 'jsf fetch' gets its proposals, answers and drafts",
                fr: "ce clone n'a jamais récupéré le hub : 'jsf fetch' en rapporte les propositions, réponses et versions")
        }
        return Text(
            en: "the hub may hold more since then: run 'jsf fetch'", fr: "le hub peut en contenir davantage depuis : lancez 'jsf fetch'")
    }

    /// "Last fetched from the hub 3 hours ago." for the chatter of `jsf inbox`.
    var sentence: Text {
        guard last != nil else { return Text(en: "Never fetched from the hub.", fr: "Aucune récupération depuis le hub.") }
        return Text(en: "Last fetched from the hub \(words.en).", fr: "Dernière récupération depuis le hub \(words.fr).")
    }
}
