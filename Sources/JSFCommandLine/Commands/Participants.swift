import ArgumentParser
import Foundation
import JeSaisFaire

struct ParticipantsCommand: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "participants",
            abstract: bilingual(
                "List the companies by pseudonym and their activity; after the approval, a PFRA buyer reveals who they are.",
                "Liste les entreprises par pseudonyme et leur activité ; après l'approbation, un acheteur de la PFRA révèle qui elles sont."),
            discussion: bilingual(
                """
                Without --reveal (an agent or a PFRA buyer): one line per company branch with its proposals by kind, \
                withdrawn, answered and integrated ones, its first and last activity (rounded down to the hour, as \
                every time a company writes), and its identity.sealed: absent, unreadable, or sealed to which listed \
                buyers, whether to your key, and which buyers listed since it sealed it is not sealed to. Nothing is \
                opened.

                With --reveal (a PFRA buyer listed in consultation.yml, after the approval: tag final): opens every \
                identity sealed to your encryption key, prints it (name, SIRET, contact, CPV, départements, pseudonym) \
                and checks it: the SIRET's check digit, the départements its proposals declared against its own, its \
                eligibility for the consultation's CPV codes and territory, and with --sirene FILE (a CSV extract of \
                INSEE's SIRENE StockEtablissement file) that the establishment exists, is active and lies in a declared \
                département of the territory. Without --sirene it says that the département was checked only against \
                what the company declared. Then records the act on published: a commit signed by you adding \
                reveals/<n>.yml (who, when, which pseudonyms, the blob of each identity.sealed opened — never the \
                identities), pushed to origin. Refused to the agent and to companies (they are not recipients), before \
                the approval, and when no identity is sealed to your key (a buyer listed after the companies sealed: \
                they re-seal at their next 'jsf propose' or 'jsf push').
                """,
                """
                Sans --reveal (un agent ou un acheteur de la PFRA) : une ligne par branche d'entreprise avec ses \
                propositions par type, celles retirées, répondues et intégrées, sa première et sa dernière activité \
                (arrondies à l'heure inférieure, comme toute heure qu'écrit une entreprise), et son identity.sealed : \
                absent, illisible, ou scellé à quels acheteurs listés, à votre clé ou non, et à quels acheteurs listés \
                depuis il ne l'est pas. Rien n'est ouvert.

                Avec --reveal (un acheteur de la PFRA listé dans consultation.yml, après l'approbation : étiquette \
                final) : ouvre chaque identité scellée à votre clé de chiffrement, l'affiche (nom, SIRET, contact, CPV, \
                départements, pseudonyme) et la vérifie : la clé de contrôle du SIRET, les départements déclarés par \
                ses propositions par rapport aux siens, son éligibilité aux codes CPV et au territoire de la \
                consultation, et avec --sirene FICHIER (un extrait CSV du fichier StockEtablissement de la base SIRENE \
                de l'INSEE) que l'établissement existe, est actif et se trouve dans un département déclaré du \
                territoire. Sans --sirene, elle indique que le département n'a été vérifié que par rapport aux \
                déclarations de l'entreprise. Puis inscrit l'acte sur published : un commit signé par vous qui ajoute \
                reveals/<n>.yml (qui, quand, quels pseudonymes, le blob de chaque identity.sealed ouvert — jamais les \
                identités), poussé vers origin. Refusé à l'agent et aux entreprises (elles ne sont pas destinataires), \
                avant l'approbation, et quand aucune identité n'est scellée à votre clé (un acheteur listé après que \
                les entreprises ont scellé : elles rescellent à leur prochain 'jsf propose' ou 'jsf push').
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var format: OutputOptions

    @Flag(
        help: .t(
            "Open the identities (a PFRA buyer, after the approval) and record it on published.",
            "Ouvre les identités (un acheteur de la PFRA, après l'approbation) et l'inscrit sur published."))
    var reveal = false

    @Option(
        help: .t(
            "With --reveal: a CSV extract of INSEE's SIRENE StockEtablissement file to check each SIRET against.",
            "Avec --reveal : un extrait CSV du fichier StockEtablissement de la base SIRENE de l'INSEE, pour y vérifier chaque SIRET.",
            valueName: "file"),
        completion: .file(extensions: ["csv"]))
    var sirene: String?

    @OptionGroup var push: PushOptions

    func validate() throws {
        if sirene != nil && !reveal {
            throw usageError("--sirene goes with --reveal", "--sirene va avec --reveal")
        }
    }

    func execute(_ runtime: Runtime) throws(JSFError) {
        if reveal { return try revealing(runtime) }
        let session = try Session.open(runtime.context, as: [.agent, .buyer])
        let participants = try session.participants()
        let c = runtime.console
        if format.json {
            try encodeJSON(runtime, Output(participants: participants.map(Output.Participant.init)))
            return
        }
        if participants.isEmpty {
            c.note(c.t("No company has proposed yet.", "Aucune entreprise n'a encore proposé."))
            return
        }
        let zone = session.workspace.timeZone()
        c.table(
            [
                c.t("pseudonym", "pseudonyme"), c.t("proposals", "propositions"), c.t("withdrawn", "retirées"),
                c.t("answered", "répondues"), c.t("integrated", "intégrées"), c.t("first", "première"), c.t("last", "dernière"),
                c.t("identity", "identité"),
            ],
            participants.map { p in
                let kinds = p.kinds.filter { $0.count > 0 }.map { "\($0.count) \(c.t($0.kind.label))" }.joined(separator: ", ")
                return [
                    p.pseudonym, kinds.isEmpty ? "0" : "\(p.proposals) (\(kinds))", String(p.withdrawn), String(p.answered), String(p.integrated),
                    p.first.map { HumanDate.format($0, language: c.language, zone: zone) } ?? "-",
                    p.last.map { HumanDate.format($0, language: c.language, zone: zone) } ?? "-", identityCell(p.identity, c),
                ]
            })
    }

    private func identityCell(_ identity: SealedIdentityStatus, _ c: Console) -> String {
        switch identity.state {
        case .absent: return c.t("none sealed", "aucune scellée")
        case .unreadable:
            return c.t("unreadable: ", "illisible : ") + (identity.problems.first.map { c.t($0.message) } ?? "")
        case .sealed:
            let names = identity.recipients.map { $0.buyer ?? $0.fingerprint }.joined(separator: ", ")
            var cell = c.t("sealed to ", "scellée à ") + names
            if let toYou = identity.toYou { cell += toYou ? c.t(" (you included)", " (vous compris)") : c.t(" (not to you)", " (pas à vous)") }
            if !identity.missing.isEmpty { cell += c.t("; not to ", " ; pas à ") + identity.missing.joined(separator: ", ") }
            return cell
        }
    }

    /// "12 rue du Dôme, 67000 Strasbourg", or nil when the identity has none of them.
    static func address(_ identity: SealedIdentity) -> String? {
        let town = [identity.postalCode, identity.city].compactMap { $0 }.joined(separator: " ")
        let parts = [identity.address ?? "", town].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private func revealing(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        try Session.requireRevealer(context)
        let session = try Session.open(context, as: [.buyer])
        let result = try session.reveal(sirene: sirene)
        let c = runtime.console
        if format.json {
            try encodeJSON(runtime, RevealOutput(result, c))
        } else {
            for (i, revealed) in result.revealed.enumerated() {
                if i > 0 { c.out() }
                let identity = revealed.identity
                c.out("\(identity.pseudonym)  \(identity.organisation.map { "\($0) — " } ?? "")\(identity.name)")
                var rows: [(String, String)] = [("SIRET", identity.siret ?? "-")]
                for (label, value) in [
                    (c.t("email", "courriel"), identity.email), (c.t("phone", "téléphone"), identity.phone),
                    (c.t("website", "site"), identity.website),
                    (c.t("address", "adresse"), Self.address(identity)),
                ] {
                    if let value { rows.append((label, value)) }
                }
                rows.append(("CPV", identity.cpv.joined(separator: ", ")))
                rows.append((c.t("départements", "départements"), identity.departements.joined(separator: ", ")))
                for (label, value) in rows { c.out("  \(label): \(value)") }
                for check in revealed.checks {
                    let mark =
                        switch check.outcome {
                        case .ok: c.paint("ok      ", .green)
                        case .failed: c.paint(c.t("FAILED  ", "ÉCHEC   "), .red)
                        case .unchecked: c.t("—       ", "—       ")
                        }
                    c.out("  \(mark)\(c.t(check.message))")
                }
            }
        }
        for unopened in result.unopened {
            c.warning(
                Text(en: "\(unopened.pseudonym) not revealed: \(unopened.reason.en)", fr: "\(unopened.pseudonym) non révélée : \(unopened.reason.fr)")
            )
        }
        c.note(
            c.t(
                "Recorded reveal \(result.reveal.number) (\(result.revealed.count) identit\(result.revealed.count == 1 ? "y" : "ies")): commit \(result.commit.short) on published, \(Reveal.path(result.reveal.number)).",
                "Révélation \(result.reveal.number) inscrite (\(result.revealed.count) identité\(result.revealed.count == 1 ? "" : "s")) : commit \(result.commit.short) sur published, \(Reveal.path(result.reveal.number))."
            ))
        guard !push.noPush else { return }
        try pushRecorded(
            session.workspace, role: .buyer, runtime: runtime,
            done: { Text(en: "Pushed published to \($0).", fr: "published poussée vers \($0).") },
            kept: {
                Text(
                    en: "the reveal is recorded locally but could not be pushed to \($0)",
                    fr: "la révélation est enregistrée localement mais n'a pas pu être poussée vers \($0)")
            })
    }
}
