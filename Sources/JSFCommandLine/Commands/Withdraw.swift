import ArgumentParser
import Foundation
import JeSaisFaire

struct Withdraw: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Withdraw one of your proposals.",
        discussion: "The withdrawal is recorded in a new commit on your branch; history is never rewritten. 'jsf push' sends it."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The proposal id (PSEUDONYM-N).", completion: .proposals)
    var id: String

    func execute(_ runtime: Runtime) throws(JSFError) {
        let session = try Session.open(runtime.context, as: [.company])
        let proposal = try session.withdraw(id)
        let c = runtime.console
        c.out(proposal.id)
        c.note(c.t("Withdrew \(proposal.id).", "\(proposal.id) retirée."))
        c.hint(Text(en: "'jsf push' sends the withdrawal to the hub", fr: "'jsf push' envoie le retrait au hub"))
    }
}
