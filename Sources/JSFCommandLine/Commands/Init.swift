import ArgumentParser
import Foundation
import JSFDocuments
import JeSaisFaire

struct Init: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a consultation: a repository whose main branch holds the CCTP, not yet published.",
        discussion: """
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
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Where to create the consultation (default: the current directory).")
    var dir: String?

    @Option(help: "The consultation id: lowercase letters, digits and hyphens; part of every pseudonym, never changes.")
    var id: String

    @Option(help: "The title of the consultation.")
    var title: String

    @Option(help: "The buying organisation (pouvoir adjudicateur).")
    var buyer: String

    @Option(help: "A CPV code of the consultation (repeatable), with or without its check digit: 50312000-5.")
    var cpv: [String] = []

    @Option(help: "A département (67) or région (region:44) of the territory (repeatable); none means national.")
    var territory: [String] = []

    @Option(
        help: ArgumentHelp("Start from this CCTP instead of the scaffold: Markdown, or .docx/.odt converted as 'jsf import' does.", valueName: "file")
    )
    var from: String?

    @Option(help: ArgumentHelp("The hub: a local path (created bare if absent) or a URL; becomes 'origin'.", valueName: "path-or-url"))
    var hub: String?

    @Option(help: "Notes on the intended procedure (MAPA, appel d'offres ouvert, …).")
    var procedure: String?

    @Option(name: .customLong("estimated-amount"), help: "Estimated amount in euros, excluding VAT.")
    var estimatedAmount: Int?

    @Option(
        name: .customLong("time-zone"),
        help: ArgumentHelp(
            "The IANA time zone of the consultation's dates (Europe/Paris, America/Cayenne, Indian/Reunion, …); default: the territory's.",
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
