import ArgumentParser
import Foundation
import JeSaisFaire

struct Withdraw: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "withdraw",
            abstract: bilingual("Withdraw one of your proposals.", "Retire l'une de vos propositions."),
            discussion: bilingual(
                "The withdrawal is recorded in a new commit on your branch; history is never rewritten. 'jsf push' sends it.",
                "Le retrait est inscrit dans un nouveau commit sur votre branche ; l'historique n'est jamais réécrit. 'jsf push' l'envoie.")
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: .t("The proposal id (PSEUDONYM-N).", "L'identifiant de la proposition (PSEUDONYME-N)."), completion: .proposals)
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
