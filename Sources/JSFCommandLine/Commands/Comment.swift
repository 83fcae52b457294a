import ArgumentParser
import Foundation
import JeSaisFaire

struct Comment: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer a proposal (agent), on the dialogue branch.",
        discussion: """
            Writes responses/<ID>.md on branch dialogue without touching the working tree; a second comment on the \
            same proposal appends to its thread, the history kept. The status (answered, accepted, partially-accepted, \
            rejected, noted) is the agent's decision; without --status the previous one is kept (answered at first). \
            Answers are public to every participant: an answer to a clarification is given to all (equal treatment). \
            Pushes the dialogue branch to origin when there is one. Refused for a withdrawn proposal.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The proposal id (PSEUDONYM-N).", completion: .proposals)
    var id: String

    @Option(name: .shortAndLong, help: "The answer.")
    var message: String?

    @Option(name: .customShort("F"), help: ArgumentHelp("Read the answer from a file (- for standard input).", valueName: "file"))
    var file: String?

    @Option(
        help: "answered, accepted, partially-accepted, rejected or noted; in French too: répondue, acceptée, partiellement-acceptée, rejetée, notée.")
    var status: ResponseStatus?

    @OptionGroup var push: PushOptions

    func validate() throws {
        if message != nil && file != nil { throw ValidationError("give the answer with -m or -F, not both") }
    }

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let session = try Session.open(context, as: [.agent])
        let text = try readText(
            message: message, file: file, runtime: runtime, what: Text(en: "answer", fr: "réponse"),
            template: c.t("# jsf: Write your answer to \(id) below.\n", "# jsf: Écrivez ci-dessous votre réponse à \(id).\n"))
        let response = try session.comment(on: id, text: text, status: status)
        let status = response.latest!.status
        c.out(response.proposal)
        c.note(
            c.t(
                "Answered \(response.proposal): \(status.label.en) (\(response.entries.count) message(s) in the thread).",
                "Réponse à \(response.proposal) : \(status.label.fr) (\(response.entries.count) message(s) dans le fil)."))
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
