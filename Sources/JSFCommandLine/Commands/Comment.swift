import ArgumentParser
import Foundation
import JeSaisFaire

struct Comment: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "comment",
            abstract: bilingual("Answer a proposal (agent), on the dialogue branch.", "Répond à une proposition (agent), sur la branche dialogue."),
            discussion: bilingual(
                """
                Writes responses/<ID>.md on branch dialogue without touching the working tree; a second comment on the \
                same proposal appends to its thread, the history kept. The status (answered, accepted, partially-accepted, \
                rejected, noted) is the agent's decision; without --status the previous one is kept (answered at first). \
                Answers are public to every participant: an answer to a clarification is given to all (equal treatment). \
                Pushes the dialogue branch to origin when there is one. Refused for a withdrawn proposal.

                --erratum corrects the latest answer: the new entry is marked as an erratum and takes the corrected \
                answer's place, which stays in the thread (and in the branch's history), both dated; it keeps the \
                corrected answer's status unless --status is given. Refused on a proposal never answered. \
                --signed-by records in the answer the name of the agent who wrote it (nobody by default). \
                --dry-run prints the response file as it would be written and says what would be committed and pushed, \
                writing nothing.
                """,
                """
                Écrit responses/<ID>.md sur la branche dialogue sans toucher à la copie de travail ; un second \
                commentaire sur la même proposition s'ajoute à son fil, l'historique gardé. Le statut (répondue, \
                acceptée, partiellement acceptée, rejetée, notée) est la décision de l'agent ; sans --status le précédent \
                est gardé (répondue au début). Les réponses sont publiques pour chaque participant : la réponse à une \
                demande de précision est donnée à tous (égalité de traitement). Pousse la branche dialogue vers origin \
                quand il y en a un. Refusé pour une proposition retirée.

                --erratum corrige la dernière réponse : la nouvelle entrée est marquée comme erratum et prend la place \
                de la réponse corrigée, qui reste dans le fil (et dans l'historique de la branche), toutes deux datées ; \
                elle garde le statut de la réponse corrigée sauf si --status est donné. Refusé pour une proposition \
                jamais répondue. --signed-by inscrit dans la réponse le nom de l'agent qui l'a écrite (personne par \
                défaut). --dry-run affiche le fichier de réponse tel qu'il serait écrit et dit ce qui serait validé et \
                poussé, sans rien écrire.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: .t("The proposal id (PSEUDONYM-N).", "L'identifiant de la proposition (PSEUDONYME-N)."), completion: .proposals)
    var id: String

    @Option(name: .shortAndLong, help: .t("The answer.", "La réponse."))
    var message: String?

    @Option(
        name: .customShort("F"),
        help: .t(
            "Read the answer from a file (- for standard input).", "Lit la réponse dans un fichier (- pour l'entrée standard).", valueName: "file"))
    var file: String?

    @Option(
        help: .t(
            "answered, accepted, partially-accepted, rejected or noted; in French too: répondue, acceptée, partiellement-acceptée, rejetée, notée.",
            "répondue, acceptée, partiellement-acceptée, rejetée ou notée ; en anglais aussi : answered, accepted, partially-accepted, rejected, noted."
        ))
    var status: ResponseStatus?

    @Flag(
        help: .t(
            "Correct the latest answer; the corrected answer stays in the thread, dated.",
            "Corrige la dernière réponse ; la réponse corrigée reste dans le fil, datée."))
    var erratum = false

    @Option(
        help: .t(
            "Record in the answer the name of the agent who wrote it.", "Inscrit dans la réponse le nom de l'agent qui l'a écrite.", valueName: "name"
        ))
    var signedBy: String?

    @Flag(
        help: .t(
            "Print the response file as it would be written, and what would be pushed; write nothing.",
            "Affiche le fichier de réponse tel qu'il serait écrit, et ce qui serait poussé ; n'écrit rien."))
    var dryRun = false

    @OptionGroup var push: PushOptions

    func validate() throws {
        if message != nil && file != nil {
            throw usageError("give the answer with -m or -F, not both", "donnez la réponse avec -m ou -F, pas les deux")
        }
    }

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let session = try Session.open(context, as: [.agent])
        let text = try readText(
            message: message, file: file, runtime: runtime, what: Text(en: "answer", fr: "réponse"),
            template: c.t("# jsf: Write your answer to \(id) below.\n", "# jsf: Écrivez ci-dessous votre réponse à \(id).\n"))
        let result = try session.comment(
            CommentRequest(id: id, text: text, status: status, erratum: erratum, signedBy: signedBy, dryRun: dryRun))
        let response = result.response
        let entry = response.latest!
        let status = entry.status
        if dryRun {
            c.outText(result.file)
            c.note(
                c.t(
                    "Dry run: would commit \(result.path) on branch dialogue (\(result.message.trimmingCharacters(in: .newlines))); nothing written.",
                    "Essai à blanc : \(result.path) serait validé sur la branche dialogue (\(result.message.trimmingCharacters(in: .newlines))) ; rien n'est écrit."
                ))
            let hub = try Sync.hub(of: session.workspace)
            if push.noPush || hub == nil {
                c.note(
                    c.t(
                        "Nothing would be pushed (\(push.noPush ? "--no-push" : "no hub")).",
                        "Rien ne serait poussé (\(push.noPush ? "--no-push" : "pas de hub"))."))
            } else if let hub {
                let refs = try Sync.pushRefspecs(session.workspace, role: .agent, adding: ["refs/heads/dialogue"]).map {
                    String($0.split(separator: ":")[0])
                }
                c.note(c.t("Would push to \(hub): \(refs.joined(separator: " ")).", "Serait poussé vers \(hub) : \(refs.joined(separator: " "))."))
            }
            return
        }
        c.out(response.proposal)
        if entry.erratum {
            c.note(
                c.t(
                    "Corrected the answer to \(response.proposal): \(status.label.en); the previous answer stays in the thread (\(response.entries.count) message(s)).",
                    "Réponse à \(response.proposal) corrigée, statut « \(status.label.fr) » ; la réponse précédente reste dans le fil (\(response.entries.count) message(s))."
                ))
        } else {
            c.note(
                c.t(
                    "Answered \(response.proposal): \(status.label.en) (\(response.entries.count) message(s) in the thread).",
                    "Réponse à \(response.proposal) enregistrée, statut « \(status.label.fr) » (\(response.entries.count) message(s) dans le fil)."))
        }
        guard !push.noPush else { return }
        try pushRecorded(
            session.workspace, role: .agent, runtime: runtime,
            done: { Text(en: "Pushed the dialogue to \($0).", fr: "Dialogue poussé vers \($0).") },
            kept: {
                Text(
                    en: "the answer is recorded locally but could not be pushed to \($0)",
                    fr: "la réponse est enregistrée localement mais n'a pas pu être poussée vers \($0)")
            })
    }
}
