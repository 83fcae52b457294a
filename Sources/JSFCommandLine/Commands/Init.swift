import ArgumentParser
import Foundation
import JSFDocuments
import JeSaisFaire

struct Init: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "init",
            abstract: bilingual(
                "Create a consultation: a repository whose main branch holds the CCTP, not yet published.",
                "Crée une consultation : un dépôt dont la branche main porte le CCTP, pas encore publié."),
            discussion: bilingual(
                """
                Writes three files on branch main: consultation.yml (id, title, buyer, CPV codes, territory, rounds), \
                cctp.md (the text, every heading a clause with a stable id) and clauses.yml (the index derived from cctp.md), \
                and the images cctp.md shows under assets/ (those of a .docx or .odt, or those beside a Markdown --from \
                file in its assets/ folder). Without --from, cctp.md is a scaffold with the usual sections of a CCTP and weighted award criteria. \
                Edit cctp.md, then run 'jsf publish' to publish draft v1.

                Territory codes: départements as INSEE codes (67, 2A, 971), régions with a prefix (region:44); \
                none means national.

                --time-zone names the zone of the consultation's dates (an IANA name, written to consultation.yml as \
                time_zone): a date without a time, such as 'jsf publish --until 2027-01-15', ends at 23:59:59 of that day \
                there, and dates are shown in it. Without it, the zone of the territory's overseas département when it \
                has only one (971 America/Guadeloupe, 972 America/Martinique, 973 America/Cayenne, 974 Indian/Reunion, \
                976 Indian/Mayotte), else Europe/Paris.

                --hub names the shared repository: a local path (created as a bare repository when absent) or a URL \
                (ssh://, https://, git://, file://); it becomes the remote 'origin' that 'jsf publish' pushes to.
                """,
                """
                Écrit trois fichiers sur la branche main : consultation.yml (identifiant, titre, pouvoir adjudicateur, \
                codes CPV, territoire, tours), cctp.md (le texte, chaque titre une clause avec un identifiant stable) et \
                clauses.yml (l'index tiré de cctp.md), et les images que montre cctp.md sous assets/ (celles d'un .docx \
                ou d'un .odt, ou celles du dossier assets/ à côté d'un fichier Markdown --from). Sans --from, cctp.md est \
                un modèle avec les sections habituelles d'un CCTP et des critères d'attribution pondérés. Modifiez \
                cctp.md, puis lancez 'jsf publish' pour publier la version v1.

                Codes de territoire : les départements en codes INSEE (67, 2A, 971), les régions avec un préfixe \
                (region:44) ; aucun signifie national.

                --time-zone désigne le fuseau horaire des dates de la consultation (un nom IANA, écrit dans \
                consultation.yml en time_zone) : une date sans heure, comme 'jsf publish --until 2027-01-15', finit à \
                23:59:59 de ce jour-là dans ce fuseau, et les dates y sont affichées. Sans elle, le fuseau du département \
                d'outre-mer du territoire quand il n'y en a qu'un (971 America/Guadeloupe, 972 America/Martinique, 973 \
                America/Cayenne, 974 Indian/Reunion, 976 Indian/Mayotte), sinon Europe/Paris.

                --hub désigne le dépôt partagé : un chemin local (créé comme dépôt nu s'il n'existe pas) ou une URL \
                (ssh://, https://, git://, file://) ; il devient le dépôt distant 'origin' vers lequel pousse 'jsf \
                publish'.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: .t("Where to create the consultation (default: the current directory).", "Où créer la consultation (par défaut : le dossier courant)."))
    var dir: String?

    @Option(
        help: .t(
            "The consultation id: lowercase letters, digits and hyphens; part of every pseudonym, never changes.",
            "L'identifiant de la consultation : minuscules, chiffres et tirets ; il entre dans chaque pseudonyme et ne change jamais."))
    var id: String

    @Option(help: .t("The title of the consultation.", "Le titre de la consultation."))
    var title: String

    @Option(help: .t("The buying organisation (pouvoir adjudicateur).", "Le pouvoir adjudicateur (l'acheteur public)."))
    var buyer: String

    @Option(
        help: .t(
            "A CPV code of the consultation (repeatable), with or without its check digit: 50312000-5.",
            "Un code CPV de la consultation (répétable), avec ou sans sa clé de contrôle : 50312000-5."))
    var cpv: [String] = []

    @Option(
        help: .t(
            "A département (67) or région (region:44) of the territory (repeatable); none means national.",
            "Un département (67) ou une région (region:44) du territoire (répétable) ; aucun signifie national."))
    var territory: [String] = []

    @Option(
        help: .t(
            "Start from this CCTP instead of the scaffold: Markdown, or .docx/.odt converted as 'jsf import' does.",
            "Part de ce CCTP au lieu du modèle : Markdown, ou .docx/.odt converti comme le fait 'jsf import'.", valueName: "file")
    )
    var from: String?

    @Option(
        help: .t(
            "The hub: a local path (created bare if absent) or a URL; becomes 'origin'.",
            "Le hub : un chemin local (créé nu s'il n'existe pas) ou une URL ; il devient 'origin'.", valueName: "path-or-url"))
    var hub: String?

    @Option(
        help: .t(
            "Notes on the intended procedure (MAPA, appel d'offres ouvert, …).", "Notes sur la procédure envisagée (MAPA, appel d'offres ouvert, …).")
    )
    var procedure: String?

    @Option(name: .customLong("estimated-amount"), help: .t("Estimated amount in euros, excluding VAT.", "Montant estimé en euros hors taxes."))
    var estimatedAmount: Int?

    @Option(
        name: .customLong("time-zone"),
        help: .t(
            "The IANA time zone of the consultation's dates (Europe/Paris, America/Cayenne, Indian/Reunion, …); default: the territory's.",
            "Le fuseau horaire IANA des dates de la consultation (Europe/Paris, America/Cayenne, Indian/Reunion, …) ; par défaut, celui du territoire.",
            valueName: "zone"))
    var timeZone: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let identity = try context.identities.require([.agent])
        var source: String?
        var assets: [String: Data] = [:]
        if let from {
            if from.lowercased().hasSuffix(".docx") || from.lowercased().hasSuffix(".odt") {
                let imported = try OfficeImport.markdown(fromFile: context.absolute(from), environment: context.environment)
                ImportReportView.show(imported.report, file: from, console: runtime.console)
                source = imported.markdown
                assets = imported.assets
            } else {
                let text = try readInputFile(from, context: context)
                source = text
                // The images a Markdown CCTP shows are beside it, under assets/ (where 'jsf import --into' puts them).
                let folder = (context.absolute(from) as NSString).deletingLastPathComponent
                for path in Assets.paths(shownIn: text) {
                    if let data = FileManager.default.contents(atPath: folder + "/" + path) { assets[path] = data }
                }
            }
        }
        let directory = context.absolute(dir ?? ".")
        var request = CreationRequest(
            directory: directory, id: id, title: title, buyer: buyer, cpv: cpv, territory: territory,
            cctpSource: source, hub: hub, procedure: procedure, estimatedAmount: estimatedAmount)
        request.cctpSourceName = from
        request.timeZone = timeZone
        request.assets = assets
        let result = try Session.create(request, identity: identity, context: context)
        let c = runtime.console
        for warning in result.warnings { c.warning(warning) }
        c.note(
            c.t(
                "Created consultation '\(id)' in \(result.directory): \(result.clauses - result.criteria) clauses and \(result.criteria) criteria (commit \(result.commit.short)).",
                "Consultation '\(id)' créée dans \(result.directory) : \(result.clauses - result.criteria) clauses et \(result.criteria) critères (commit \(result.commit.short))."
            ))
        if result.timeZoneProposed, result.timeZone != TimeZoneCheck.defaultIdentifier {
            c.note(
                c.t(
                    "Time zone: \(result.timeZone), from the territory (time_zone in consultation.yml changes it).",
                    "Fuseau horaire : \(result.timeZone), d'après le territoire (time_zone dans consultation.yml le change)."))
        }
        if let hub = result.hub {
            c.note(
                result.hubCreated
                    ? c.t("Created the hub \(hub) (origin).", "Hub \(hub) créé (origin).")
                    : c.t("Hub: \(hub) (origin).", "Hub : \(hub) (origin)."))
        }
        c.hint(
            Text(
                en: "edit cctp.md, then run 'jsf publish --until DATE' to publish v1",
                fr: "modifiez cctp.md, puis lancez 'jsf publish --until DATE' pour publier la v1"))
    }
}
