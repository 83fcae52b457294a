import ArgumentParser
import Foundation
import JeSaisFaire

struct Consent: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "consent",
            abstract: bilingual(
                "Consent to make one of your confidential proposals public.", "Consent à rendre publique l'une de vos propositions confidentielles."),
            discussion: bilingual(
                """
                A confidential proposal (jsf propose --confidential) is read only by the agent and the buyers. With --share \
                you give your specific consent to publish that one proposal, precisely designated (L2132-1 of the code de \
                la commande publique): its <n>.md becomes the clear text that <n>.sealed held, with the time of your \
                consent (shared), in a commit you sign; <n>.sealed is removed. Every participant then reads it, and the \
                agent may apply it to the next draft. It cannot be undone. 'jsf push' sends it.
                """,
                """
                Une proposition confidentielle (jsf propose --confidential) n'est lue que par l'agent et les acheteurs. \
                Avec --share, vous donnez votre consentement exprès à publier cette seule proposition, précisément \
                désignée (L2132-1 du code de la commande publique) : son <n>.md devient le texte en clair que contenait \
                <n>.sealed, avec la date de votre consentement (shared), dans un commit que vous signez ; <n>.sealed est \
                supprimé. Chaque participant la lit alors, et l'agent peut l'appliquer à la version suivante. C'est \
                irréversible. 'jsf push' l'envoie.
                """)
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: .t("The id of your confidential proposal (PSEUDONYM-N).", "L'identifiant de votre proposition confidentielle (PSEUDONYME-N)."),
        completion: .proposals)
    var id: String

    @Flag(
        help: .t(
            "Make this proposal public: your specific consent, recorded and signed.",
            "Rend cette proposition publique : votre consentement exprès, inscrit et signé."))
    var share = false

    func execute(_ runtime: Runtime) throws(JSFError) {
        guard share else {
            throw JSFError(
                .usage,
                Text(en: "say what you consent to: --share makes \(id) public", fr: "dites à quoi vous consentez : --share rend \(id) publique"),
                hints: [Text(en: "jsf consent \(id) --share", fr: "jsf consent \(id) --share")])
        }
        let session = try Session.open(runtime.context, as: [.company])
        let proposal = try session.share(id)
        let c = runtime.console
        c.out(proposal.id)
        c.note(
            c.t(
                "Shared \(proposal.id): it is public now, with your consent recorded (shared: \(proposal.shared ?? "?")).",
                "\(proposal.id) partagée : elle est publique désormais, avec votre consentement inscrit (shared : \(proposal.shared ?? "?"))."))
        c.hint(Text(en: "'jsf push' sends it to the hub", fr: "'jsf push' l'envoie au hub"))
    }
}
