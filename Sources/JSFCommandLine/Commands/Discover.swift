import ArgumentParser
import Foundation
import JeSaisFaire

struct Discover: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "discover",
            abstract: bilingual(
                "List the consultations of a catalogue that concern your company.",
                "Liste les consultations d'un catalogue qui concernent votre entreprise."),
            discussion: bilingual(
                """
                A catalogue is a git repository with one consultations/<id>.yml per consultation (title, buyer, CPV codes, \
                territory, hub URL, current draft, round closing date), kept up to date by 'jsf publish --catalogue URL'. \
                For a company, only the consultations that concern it are listed, most recent first, with why each matches; \
                --all lists every one. Clone one with 'jsf clone HUB'. Each entry names its agent's signing key (agent_key) \
                and must be written by commits signed with that key, which never changes for an id; any other entry is \
                shown NOT TRUSTED, with why.
                """,
                """
                Un catalogue est un dépôt git avec un fichier consultations/<id>.yml par consultation (titre, pouvoir \
                adjudicateur, codes CPV, territoire, URL du hub, version courante, date de clôture du tour), tenu à jour \
                par 'jsf publish --catalogue URL'. Pour une entreprise, seules les consultations qui la concernent sont \
                listées, les plus récentes d'abord, avec la raison de chacune ; --all les liste toutes. Clonez-en une \
                avec 'jsf clone HUB'. Chaque entrée nomme la clé de signature de son agent (agent_key) et doit être \
                écrite par des commits signés avec cette clé, qui ne change jamais pour un identifiant ; toute autre \
                entrée est affichée NON FIABLE, avec la raison.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var network: NetworkOptions

    @Argument(help: .t("The catalogue: a path or URL.", "Le catalogue : un chemin ou une URL."))
    var url: String

    @Flag(help: .t("List every consultation, concerned or not.", "Liste toutes les consultations, concernée ou non."))
    var all = false

    @OptionGroup var format: OutputOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let identity = try context.identities.load()
        let catalogue = try Catalogue.open(url, context: context)
        let (entries, problems) = try catalogue.entries()
        for problem in problems { c.note(c.describe(problem, err: true)) }
        let company = identity?.role == .company ? identity : nil
        let rows: [Output] = entries.compactMap { entry in
            var concerned: Bool?
            var why: String?
            if let company {
                let eligibility = Eligibility(company: company, consultation: entry.consultation)
                concerned = eligibility.concerned
                why = c.t(eligibility.explanation(company: company, consultation: entry.consultation))
                if !eligibility.concerned && !all { return nil }
            }
            return Output(
                id: entry.id, title: entry.title, buyer: entry.buyer, cpv: entry.cpv.map(\.description),
                departements: entry.departements, regions: entry.regions, hub: entry.hub, draft: entry.draft,
                published: entry.published, closes: entry.closes, open: entry.isOpen(at: context.clock.now),
                concerned: concerned, why: why, agentKey: entry.agentKey?.openSSH, untrusted: entry.untrusted.map { c.t($0) })
        }
        if format.json {
            try encodeJSON(runtime, rows)
            return
        }
        if rows.isEmpty {
            c.note(
                company == nil
                    ? c.t("The catalogue is empty.", "Le catalogue est vide.")
                    : c.t(
                        "No consultation of this catalogue concerns your company (\(entries.count) listed; --all shows them).",
                        "Aucune consultation de ce catalogue ne concerne votre entreprise (\(entries.count) listées ; --all les montre)."))
            return
        }
        for row in rows {
            // A catalogue entry names no zone: that of its territory (an overseas département's, else Europe/Paris).
            let zone = TimeZoneCheck.zone(TimeZoneCheck.proposed(departements: row.departements, regions: row.regions)) ?? TimeZoneCheck.defaultZone
            let state =
                row.open
                ? c.paint(
                    c.t("open until ", "ouverte jusqu'au ") + (row.closes.map { HumanDate.format($0, language: c.language, zone: zone) } ?? "?"),
                    .green)
                : c.paint(c.t("closed", "close"), .yellow)
            c.out(c.paint(row.id, .bold) + "  \(row.title) — \(row.buyer)")
            if let untrusted = row.untrusted {
                c.out("  " + c.paint(c.t("NOT TRUSTED: ", "NON FIABLE : "), .red) + untrusted)
            }
            c.out("  \(row.draft) " + c.t("of", "du") + " \(HumanDate.day(row.published, language: c.language, zone: zone)), \(state)")
            c.out(
                "  CPV \(row.cpv.joined(separator: ", "))  " + c.t("territory", "territoire")
                    + " \((row.departements + row.regions.map { "region:\($0)" }).joined(separator: ", ").nilIfEmptyText(c.t("national", "national")))"
            )
            if let why = row.why { c.out("  " + (row.concerned == true ? "✓ " : "✗ ") + why) }
            c.out("  jsf clone \(row.hub)" + (row.agentKey.map { " --agent-key \"\($0)\"" } ?? ""))
        }
    }
}

extension String {
    func nilIfEmptyText(_ replacement: String) -> String { isEmpty ? replacement : self }
}
