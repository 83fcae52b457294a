import ArgumentParser
import JeSaisFaire

struct Approve: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Approve the final draft (a PFRA buyer): merge on 'published', tag 'final'.",
        discussion: """
            Creates a true merge commit on branch published — first parent the previous publication (or the first \
            draft's commit), second parent the approved draft's commit — whose tree is the draft's tree plus \
            approval.yml (version, buyer, date, note), and the annotated tag final on it; pushes both to origin. \
            Refused, with the list of what blocks, while the round is open, while a clarification request has no \
            answer, when the draft fails 'jsf check' or a criterion's text states another weight than its own \
            (criteria.weight-text, named with its line), for a draft that is not the latest, and for an identity \
            that is not a buyer. Run 'jsf fetch' first.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The draft to approve (vN); default the latest.", completion: .drafts)
    var version: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: "The approval note.")
    var message: String

    @OptionGroup var push: PushOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let session = try Session.open(context, as: [.buyer])
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
