import ArgumentParser
import Foundation
import JeSaisFaire

struct Log: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "log",
            abstract: bilingual(
                "List the published drafts: date, changelog and number of clauses changed; and every change of keys.",
                "Liste les versions publiées : date, journal des modifications et nombre de clauses modifiées ; et chaque changement de clés."),
            discussion: bilingual(
                """
                Then, under 'keys', every signing key that consultation.yml listed or stopped listing (the agent's and the PFRA \
                buyers'), with the commit on main that did it ('jsf consultation add-buyer', 'remove-buyer'). With --keys, \
                only those (also as JSON).
                """,
                """
                Puis, sous 'keys', chaque clé de signature que consultation.yml a listée ou cessé de lister (celle de \
                l'agent et celles des acheteurs de la PFRA), avec le commit sur main qui l'a fait ('jsf consultation \
                add-buyer', 'remove-buyer'). Avec --keys, seulement celles-ci (en JSON aussi).
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var format: OutputOptions

    @Flag(help: .t("List only the changes of signing keys.", "Liste seulement les changements de clés de signature."))
    var keys = false

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let session = try ReadingSession.open(context)
        let events = try session.keyHistory()
        let zone = context.clock.timeZone
        let c = runtime.console
        if keys {
            if format.json {
                try encodeJSON(
                    runtime,
                    events.map { e in
                        KeyOutput(
                            commit: e.commit.hex, date: Timestamp.format(e.date, timeZone: zone), change: e.change.rawValue, role: e.role.rawValue,
                            name: e.holder.name, key: e.holder.key.openSSH, fingerprint: e.holder.key.fingerprint)
                    })
            } else {
                printKeys(events, c, zone: session.workspace.timeZone())
            }
            return
        }
        let summaries = try session.log()
        let approval = try session.approval()
        let reveals = approval == nil ? [] : try session.reveals()
        if format.json {
            try encodeJSON(
                runtime,
                summaries.map { s in
                    Output(
                        version: s.draft.name, date: Timestamp.format(s.draft.date, timeZone: zone), author: s.draft.author,
                        commit: s.draft.revision.hex, summary: s.draft.summary, message: s.draft.message, clauses: s.clauses,
                        changed: s.changes.count, added: s.changes.added, modified: s.changes.changed, removed: s.changes.removed,
                        integrates: s.integrates, answers: s.answers,
                        approval: approval.flatMap { $0.version == s.draft.version ? Status.ApprovalOutput($0) : nil },
                        reveals: approval?.version == s.draft.version && !reveals.isEmpty ? reveals.map(RevealOutput.init) : nil)
                })
            return
        }
        let consultationZone = session.workspace.timeZone()
        if summaries.isEmpty {
            c.note(c.t("No draft published yet; 'jsf publish' publishes v1.", "Aucune version publiée ; 'jsf publish' publie la v1."))
            return
        }
        c.table(
            [c.t("draft", "version"), "date", c.t("clauses", "clauses"), c.t("changed", "modifiées"), c.t("changelog", "journal")],
            summaries.reversed().map { s in
                var summary = s.draft.summary
                if let approval, approval.version == s.draft.version {
                    let day = HumanDate.day(approval.date, language: c.language, zone: consultationZone)
                    summary = c.t("[final, approved on \(day)] ", "[final, approuvée le \(day)] ") + summary
                }
                if !s.integrates.isEmpty { summary += c.t(" — integrates ", " — intègre ") + s.integrates.joined(separator: ", ") }
                if !s.answers.isEmpty { summary += c.t(" — answers ", " — répond à ") + s.answers.joined(separator: ", ") }
                return [
                    s.draft.name, HumanDate.format(s.draft.date, language: c.language, zone: consultationZone), String(s.clauses),
                    "\(s.changes.count) (+\(s.changes.added.count) ~\(s.changes.changed.count) -\(s.changes.removed.count))", summary,
                ]
            })
        if !reveals.isEmpty {
            c.out()
            c.out(c.t("reveals (published):", "révélations (published) :"))
            for line in Log.revealLines(reveals, c, zone: consultationZone) { c.out("  " + line) }
        }
        c.out()
        c.out(c.t("keys:", "clés :"))
        printKeys(events, c, zone: consultationZone)
    }

    /// "reveal 1  11 January 2027, 10:30  a1b2c3d  PFRA Bretagne  SHA256:…  7F3K9Q2M, …", one per reveal.
    static func revealLines(_ reveals: [RecordedReveal], _ c: Console, zone: TimeZone) -> [String] {
        reveals.map { r in
            c.t("reveal", "révélation")
                + " \(r.reveal.number)  \(HumanDate.format(r.reveal.date, language: c.language, zone: zone))  \(r.commit.short)  "
                + "\(r.reveal.buyer)  \(r.reveal.key)  \(r.reveal.opened.map(\.pseudonym).joined(separator: ", "))"
        }
    }

    private func printKeys(_ events: [KeyEvent], _ c: Console, zone: TimeZone) {
        for e in events {
            let what = e.change == .added ? c.t("added", "ajoutée") : c.t("removed", "retirée")
            c.out(
                "  \(HumanDate.format(e.date, language: c.language, zone: zone))  \(e.commit.short)  \(what)  \(c.t(e.role.label))  \(e.holder.name)  \(e.holder.key.fingerprint)"
            )
        }
    }
}
