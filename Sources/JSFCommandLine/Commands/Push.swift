import ArgumentParser
import Foundation
import JeSaisFaire

struct Push: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "push",
            abstract: bilingual(
                "Push the refs your role owns to the hub (origin).", "Pousse vers le hub (origin) les refs qui appartiennent à votre rôle."),
            discussion: bilingual(
                """
                An agent pushes main, the draft tags and the dialogue branch; a company its proposal branch; \
                a buyer the published branch and the final tag. Refs of others are never pushed.
                """,
                """
                Un agent pousse main, les étiquettes de versions et la branche dialogue ; une entreprise sa branche de \
                propositions ; un acheteur de la PFRA la branche published et l'étiquette final. Les refs des autres ne \
                sont jamais poussées.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var network: NetworkOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let session = try Session.open(runtime.context, as: nil)
        let pushed = try session.push()
        let c = runtime.console
        if let buyers = session.resealed {
            c.note(
                c.t(
                    "Your identity is sealed again, to the PFRA buyers \(buyers.joined(separator: ", ")).",
                    "Votre identité est de nouveau scellée, pour les acheteurs de la PFRA \(buyers.joined(separator: ", "))."))
        }
        if pushed.isEmpty {
            c.note(c.t("Nothing to push.", "Rien à pousser."))
        } else {
            for spec in pushed { c.out(String(spec.split(separator: ":").first ?? "")) }
            c.note(c.t("Pushed \(pushed.count) ref(s) to origin.", "\(pushed.count) référence(s) poussée(s) vers origin."))
        }
    }
}
