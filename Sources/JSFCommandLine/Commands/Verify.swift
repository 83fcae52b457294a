import ArgumentParser
import Foundation
import JeSaisFaire

struct Verify: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "verify",
            abstract: bilingual(
                "Check that every ref was written and signed by its owner.", "Vérifie que chaque ref a été écrite et signée par son propriétaire."),
            discussion: bilingual(
                """
                Checks the whole repository (a clone or a hub), one line per ref, then a verdict; exit 1 when anything fails. \
                Rules: each ref is written only by its owner (main, the v<N> tags and dialogue by the agent; \
                proposals/<pseudonym> by that company; published and final by a PFRA buyer); every commit is signed (SSH \
                signatures, namespace git) by its owner's key, listed in consultation.yml at that point for the agent and the \
                buyers; a pseudonym is the fingerprint of its key.pub; v<N> tags are the agent's, on main, and never moved; \
                final is a buyer's, on published, which is the merge of an approved draft plus approval.yml; supersedes names \
                only the company's own proposals; answers exist only on dialogue; files are valid. A ref this clone verified \
                before and that was rewritten since, and what 'jsf fetch' left in quarantine, are reported too.
                """,
                """
                Vérifie tout le dépôt (un clone ou un hub), une ligne par ref, puis un verdict ; code de retour 1 quand \
                quelque chose échoue. Règles : chaque ref n'est écrite que par son propriétaire (main, les étiquettes \
                v<N> et dialogue par l'agent ; proposals/<pseudonyme> par cette entreprise ; published et final par un \
                acheteur de la PFRA) ; chaque commit est signé (signatures SSH, espace de noms git) par la clé de son \
                propriétaire, listée dans consultation.yml à ce moment pour l'agent et les acheteurs de la PFRA ; un \
                pseudonyme est l'empreinte de sa key.pub ; les étiquettes v<N> sont celles de l'agent, sur main, et \
                jamais déplacées ; final est celle d'un acheteur de la PFRA, sur published, qui est la fusion d'une \
                version approuvée plus approval.yml ; supersedes ne nomme que les propositions de l'entreprise elle-même \
                ; les réponses n'existent que sur dialogue ; les fichiers sont valides. Une ref que ce clone a vérifiée \
                et qui a été réécrite depuis, et ce que 'jsf fetch' a laissé en quarantaine, sont signalés aussi.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var format: OutputOptions

    @Argument(
        help: .t(
            "Only these refs (main, dialogue, v2, proposals/7F3K9Q2M, refs/…).",
            "Seulement ces refs (main, dialogue, v2, proposals/7F3K9Q2M, refs/…)."))
    var refs: [String] = []

    func execute(_ runtime: Runtime) throws(JSFError) {
        let report = try ReadingSession.verify(runtime.context, only: refs)
        let c = runtime.console
        // The reveals recorded on a published that verified (docs/format.md: reveals/<n>.yml).
        let publishedOK = report.entries.contains { $0.verdict.ref == Layout.published && $0.verdict.ok }
        let reveals = publishedOK ? (try? ReadingSession.reveals(runtime.context)) ?? [] : []
        if format.json {
            try encodeJSON(
                runtime,
                Output(
                    ok: report.ok,
                    refs: report.entries.map { entry in
                        Output.Ref(
                            ref: entry.verdict.ref, local: entry.local, tip: entry.verdict.tip?.hex, ok: entry.verdict.ok,
                            problems: entry.verdict.problems.map { .init(object: $0.revision?.hex, rule: $0.rule.rawValue, message: c.t($0.message)) }
                        )
                    },
                    reveals: reveals.isEmpty ? nil : reveals.map(Log.RevealOutput.init)))
        } else {
            for entry in report.entries {
                let tip = entry.verdict.tip?.short ?? "-------"
                if entry.verdict.ok {
                    c.out("\(c.paint("ok    ", .green)) \(tip) \(entry.local)")
                } else {
                    for problem in entry.verdict.problems {
                        c.out(
                            "\(c.paint(c.t("FAILED", "ÉCHEC "), .red)) \(tip) \(entry.local)\(c.t(": ", " : "))\(c.t(problem.message)) \(ruleLabel(problem.rule, c))"
                        )
                    }
                }
            }
            for line in Log.revealLines(reveals, c, zone: runtime.context.clock.timeZone) { c.out(line) }
            let failed = report.entries.filter { !$0.verdict.ok }.count
            c.note(
                failed == 0
                    ? c.t(
                        "jsf verify: \(report.entries.count) ref(s), each written and signed by its owner",
                        "jsf verify : \(report.entries.count) référence(s), chacune écrite et signée par son titulaire")
                    : c.t(
                        "jsf verify: \(failed) of \(report.entries.count) ref(s) fail",
                        "jsf verify : \(failed) référence(s) sur \(report.entries.count) en échec"))
        }
        if !report.ok { throw JSFError.quiet() }
    }
}
