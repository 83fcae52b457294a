import ArgumentParser
import Foundation
import JeSaisFaire

struct Approve: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "approve",
            abstract: bilingual(
                "Approve the final draft (a PFRA buyer): merge on 'published', tag 'final'.",
                "Approuve la dernière version (un acheteur de la PFRA) : fusion sur 'published', étiquette 'final'."),
            discussion: bilingual(
                """
                Creates a true merge commit on branch published — first parent the previous publication (or the first \
                draft's commit), second parent the approved draft's commit — whose tree is the draft's tree plus \
                approval.yml (version, buyer, date, note), and the annotated tag final on it; pushes both to origin. \
                Refused, with the list of what blocks, while the round is open, while a clarification request has no \
                answer, when the draft fails 'jsf check' or a criterion's text states another weight than its own \
                (criteria.weight-text, named with its line), for a draft that is not the latest, and for an identity \
                that is not a buyer. Run 'jsf fetch' first.

                Before approving, lists on standard error what stays unresolved: outdated and orphaned proposals, and \
                proposals without an answer. On a terminal it then asks for confirmation (--yes does not ask); otherwise \
                it approves after the list.
                """,
                """
                Crée un vrai commit de fusion sur la branche published — premier parent la publication précédente (ou le \
                commit de la première version), second parent le commit de la version approuvée — dont l'arbre est celui \
                de la version plus approval.yml (version, acheteur, date, note), et l'étiquette annotée final sur lui ; \
                pousse les deux vers origin. Refusé, avec la liste de ce qui bloque, tant que le tour est ouvert, tant \
                qu'une demande de précision est sans réponse, quand la version échoue à 'jsf check' ou que le texte d'un \
                critère annonce une autre pondération que la sienne (criteria.weight-text, nommé avec sa ligne), pour une \
                version qui n'est pas la dernière, et pour une identité qui n'est pas un acheteur de la PFRA. Lancez \
                d'abord 'jsf fetch'.

                Avant d'approuver, liste sur la sortie d'erreur ce qui reste en suspens : les propositions obsolètes et \
                orphelines, et les propositions sans réponse. Sur un terminal, demande ensuite confirmation (--yes ne \
                demande pas) ; sinon, approuve après la liste.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: .t("The draft to approve (vN); default the latest.", "La version à approuver (vN) ; par défaut la dernière."), completion: .drafts)
    var version: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: .t("The approval note.", "La note d'approbation."))
    var message: String

    @Flag(
        name: .shortAndLong,
        help: .t(
            "Do not ask for confirmation when something stays unresolved.",
            "Ne demande pas de confirmation quand quelque chose reste en suspens."))
    var yes = false

    @OptionGroup var push: PushOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let session = try Session.open(context, as: [.buyer])
        let (draft, unresolved) = try session.approvalReview(version: version)
        if !unresolved.isEmpty {
            c.note(c.t("Approving \(draft.name) leaves unresolved:", "Approuver la \(draft.name) laisse en suspens :"))
            for item in unresolved { c.note("  - " + c.t(item.message)) }
            if !yes, runtime.streams.isTerminal(.input) {
                c.note(c.t("Approve \(draft.name) all the same? [y/N] ", "Approuver la \(draft.name) malgré tout ? [o/N] "))
                let answer = (runtime.streams.readAnswerLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                guard ["y", "yes", "o", "oui"].contains(answer) else {
                    throw JSFError(
                        .refused, Text(en: "nothing approved", fr: "rien n'est approuvé"),
                        hints: [
                            Text(
                                en: "'jsf inbox --outdated' lists the proposals to re-examine",
                                fr: "'jsf inbox --outdated' liste les propositions à réexaminer")
                        ])
                }
            }
        }
        let result = try session.approve(version: version, note: message)
        c.out("final")
        c.note(
            c.t(
                "Approved v\(result.approval.version): merge \(result.merge.short) on published, tag final.",
                "v\(result.approval.version) approuvée : fusion \(result.merge.short) sur published, étiquette final."))
        guard !push.noPush else { return }
        try pushRecorded(
            session.workspace, role: .buyer, runtime: runtime,
            done: { Text(en: "Pushed published and final to \($0).", fr: "published et final poussés vers \($0).") },
            kept: {
                Text(
                    en: "the approval is recorded locally but could not be pushed to \($0)",
                    fr: "l'approbation est enregistrée localement mais n'a pas pu être poussée vers \($0)")
            })
    }
}

extension Streams {
    /// One line typed on standard input: the process's next line, or the first line of a test's input.
    func readAnswerLine() -> String? {
        if self is ProcessStreams { return readLine() }
        return String(decoding: readInput(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
    }
}
