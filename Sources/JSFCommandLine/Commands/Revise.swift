import ArgumentParser
import Foundation
import JeSaisFaire

struct Revise: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "revise",
            abstract: bilingual(
                "Apply accepted alternatives to cctp.md, for the next draft.", "Applique à cctp.md les variantes acceptées, pour la version suivante."
            ),
            discussion: bilingual(
                """
                With --apply ID… (several ids after it, or the option repeated), replaces the clause text of an accepted alternative clause under the same \
                id, or sets the proposed criteria weights, in the working tree's cctp.md, and records that the next draft \
                integrates it: 'jsf publish' writes it in the tag message and marks it integrated in the dialogue. Refused \
                for a proposal that is not an accepted (or partially accepted) alternative, or whose target changed since \
                the company saw it (the redline of what changed is shown). Edit by hand afterwards as needed. Without \
                --apply, lists the accepted alternatives not applied yet and those already applied.

                An alternative on a clause with sub-clauses (or whose text has headings) replaces the whole section: the \
                sub-clauses it keeps keep their ids (by their {#id}, or else by their title, the same number first), its \
                new headings get new ids (written into cctp.md), and the sub-clauses it leaves out are removed; each is \
                listed on standard error and in --json. Refused when any clause of the section changed since the company \
                saw it.
                """,
                """
                Avec --apply ID… (plusieurs identifiants à la suite, ou l'option répétée), remplace le texte de clause \
                d'une variante de clause acceptée sous le même identifiant, ou fixe les pondérations de critères \
                proposées, dans le cctp.md de la copie de travail, et note que la version suivante l'intègre : 'jsf \
                publish' l'écrit dans le message de l'étiquette et la marque intégrée dans le dialogue. Refusé pour une \
                proposition qui n'est pas une variante acceptée (ou partiellement acceptée), ou dont la cible a changé \
                depuis que l'entreprise l'a vue (les différences sont montrées). Modifiez ensuite à la main au besoin. \
                Sans --apply, liste les variantes acceptées pas encore appliquées et celles déjà appliquées.

                Une variante sur une clause qui a des sous-clauses (ou dont le texte a des titres) remplace toute la \
                section : les sous-clauses qu'elle garde gardent leurs identifiants (par leur {#id}, ou sinon par leur \
                titre, celle de même numéro d'abord), ses nouveaux titres reçoivent de nouveaux identifiants (écrits dans \
                cctp.md), et les sous-clauses qu'elle omet sont supprimées ; chacune est listée sur la sortie d'erreur et \
                dans --json. Refusé quand une clause quelconque de la section a changé depuis que l'entreprise l'a vue.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Option(
        parsing: .upToNextOption,
        help: .t(
            "Accepted alternatives to apply: --apply A B, or --apply A --apply B.",
            "Les variantes acceptées à appliquer : --apply A B, ou --apply A --apply B.", valueName: "id"), completion: .proposals)
    var apply: [String] = []

    @OptionGroup var format: OutputOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let c = runtime.console
        let session = try Session.open(runtime.context, as: [.agent])
        let result = try session.revise(apply: apply)
        if format.json {
            try encodeJSON(runtime, Output(result))
            return
        }
        for view in result.applied {
            let p = view.proposal
            c.out(p.id)
            if let weights = p.weights {
                c.note(
                    c.t("Applied \(p.id): weights ", "\(p.id) appliquée : pondérations ")
                        + weights.map { "\($0.id)=\($0.weight)" }.joined(separator: ", "))
            } else if let section = result.sections[p.id] {
                c.note(c.t("Applied \(p.id): new text of the section \(p.target).", "\(p.id) appliquée : nouveau texte de la section \(p.target)."))
                if !section.kept.isEmpty { c.note(c.t("  kept: ", "  conservées : ") + section.kept.joined(separator: ", ")) }
                if !section.added.isEmpty { c.note(c.t("  new: ", "  nouvelles : ") + section.added.joined(separator: ", ")) }
                if !section.removed.isEmpty {
                    c.note(
                        c.t("  removed: ", "  supprimées : ")
                            + section.removed.map { "\($0.number) \($0.title) (\($0.id))" }.joined(separator: ", "))
                }
            } else {
                c.note(c.t("Applied \(p.id): new text of \(p.target).", "\(p.id) appliquée : nouveau texte de \(p.target)."))
            }
        }
        if !result.pending.isEmpty {
            c.note(c.t("The next draft integrates: ", "La prochaine version intègre : ") + result.pending.joined(separator: ", "))
        }
        if !result.acceptable.isEmpty {
            c.note(
                c.t("Accepted alternatives not applied yet: ", "Alternatives acceptées pas encore appliquées : ")
                    + result.acceptable.map(\.proposal.id).joined(separator: ", "))
        }
        if result.applied.isEmpty && result.pending.isEmpty && result.acceptable.isEmpty {
            c.note(c.t("No accepted alternative to apply.", "Aucune alternative acceptée à appliquer."))
        }
        if !result.applied.isEmpty {
            c.hint(
                Text(
                    en: "'jsf diff' shows the changes; 'jsf publish' publishes the next draft",
                    fr: "'jsf diff' montre les changements ; 'jsf publish' publie la version suivante"))
        }
    }
}
