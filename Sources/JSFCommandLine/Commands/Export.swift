import ArgumentParser
import Foundation
import JSFDocuments
import JeSaisFaire

extension ExportFormat: ExpressibleByArgument {}

struct Export: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: bilingual(
                "Write a version of the CCTP as a tender-file document: odt, docx, pdf, html or md.",
                "Écrit une version du CCTP en document pour le dossier de consultation : odt, docx, pdf, html ou md."),
            discussion: bilingual(
                """
                VERSION is a published draft (v1, v2, …) or 'final', the text a PFRA buyer approved (tag final); default \
                the latest draft. Every format shows the same things: a title page (consultation title, 'Cahier des clauses \
                techniques particulières', buyer, the version and its date, for 'final' the approval date, then the lines \
                of the text's own cover that say more: the buyer's service, the procedure, the market's reference; its \
                title, buyer, old date or version are dropped, as jsf's page says them), 'Le présent document comporte N \
                pages.', a sommaire of the headings of levels 1 and 2 with their pages, then the text with numbered \
                headings (a heading without its own number gets its number from clauses.yml) and a table of the award \
                criteria and their weights; no jsf id or attribute appears. Every page but the first has the title, \
                version and date in its header; every page has 'Page X / Y' in its footer. ODT (the format the RGI \
                recommends), DOCX and HTML are written by pandoc (apt-get install pandoc) with jsf's reference document, \
                built from pandoc's own at each export: A4, serif, black headings, no logo. Word and LibreOffice compute the \
                page numbers (fields PAGE, NUMPAGES, PAGEREF); Word asks to update the fields when the file opens. PDF is \
                the HTML printed twice by chromium (apt-get install chromium): the first printing counts the pages, the \
                second prints the numbers. HTML has no pages: no page count, and the sommaire links without numbers; a \
                browser prints the header and footer. md is the cleaned Markdown. The ministry's own charte: \
                --reference-doc FILE for docx and odt (its styles, page, header and footer replace jsf's), --template FILE \
                for html, pdf and odt (a pandoc template; jsf's style sheet comes in through $header-includes$). The default \
                output is <consultation-id>-<version>.<format> in the current directory; '-o -' writes md and html to \
                standard output.
                """,
                """
                VERSION est une version publiée (v1, v2, …) ou 'final', le texte qu'un acheteur de la PFRA a approuvé \
                (étiquette final) ; par défaut la dernière version. Chaque format montre les mêmes choses : une page de \
                titre (titre de la consultation, « Cahier des clauses techniques particulières », pouvoir adjudicateur, \
                la version et sa date, pour 'final' la date d'approbation, puis les lignes de la couverture propre du \
                texte qui en disent plus : le service du pouvoir adjudicateur, la procédure, la référence du marché ; son \
                titre, son pouvoir adjudicateur, son ancienne date ou version sont écartés, puisque la page de jsf les \
                donne), « Le présent document comporte N pages. », un sommaire des titres de niveaux 1 et 2 avec leurs \
                pages, puis le texte avec des titres numérotés (un titre sans numéro propre prend celui de clauses.yml) \
                et un tableau des critères d'attribution et de leurs pondérations ; aucun identifiant ni attribut de jsf \
                n'apparaît. Chaque page sauf la première porte en en-tête le titre, la version et la date ; chaque page \
                porte « Page X / Y » en pied de page. ODT (le format que recommande le RGI), DOCX et HTML sont écrits par \
                pandoc (apt-get install pandoc) avec le document de référence de jsf, construit à chaque export à partir \
                de celui de pandoc : A4, police à empattements, titres noirs, sans logo. Word et LibreOffice calculent \
                les numéros de page (champs PAGE, NUMPAGES, PAGEREF) ; Word demande de mettre à jour les champs à \
                l'ouverture du fichier. Le PDF est le HTML imprimé deux fois par chromium (apt-get install chromium) : la \
                première impression compte les pages, la seconde imprime les numéros. Le HTML n'a pas de pages : ni \
                nombre de pages, ni numéros dans les liens du sommaire ; un navigateur imprime l'en-tête et le pied de \
                page. md est le Markdown nettoyé. La charte propre du ministère : --reference-doc FICHIER pour docx et \
                odt (ses styles, sa page, son en-tête et son pied de page remplacent ceux de jsf), --template FICHIER \
                pour html, pdf et odt (un modèle pandoc ; la feuille de style de jsf entre par $header-includes$). La \
                sortie par défaut est <consultation-id>-<version>.<format> dans le dossier courant ; '-o -' écrit md et \
                html sur la sortie standard.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: .t(
            "The version: vN, or final; default the latest draft.", "La version : vN, ou final ; par défaut la dernière version.",
            valueName: "version"), completion: .draftsOrFinal)
    var version: String?

    @Option(help: .t("The format: odt, docx, pdf, html or md.", "Le format : odt, docx, pdf, html ou md.", valueName: "format"))
    var format: ExportFormat = .odt

    @Option(
        name: .shortAndLong,
        help: .t(
            "The file to write ('-' for standard output, md and html only).",
            "Le fichier à écrire ('-' pour la sortie standard, md et html seulement).", valueName: "file"))
    var output: String?

    @Option(
        name: .customLong("reference-doc"),
        help: .t(
            "A .docx or .odt whose styles, page, header and footer replace jsf's (docx and odt).",
            "Un .docx ou un .odt dont les styles, la page, l'en-tête et le pied de page remplacent ceux de jsf (docx et odt).", valueName: "file"),
        completion: .file(extensions: ["docx", "odt"]))
    var referenceDoc: String?

    @Option(help: .t("A pandoc template for html, pdf or odt.", "Un modèle pandoc pour html, pdf ou odt.", valueName: "file"), completion: .file())
    var template: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        if output == "-" && !format.isText {
            throw JSFError(
                .usage,
                Text(
                    en: "a .\(format.rawValue) file cannot be written to standard output: give a file name with -o",
                    fr: "un fichier .\(format.rawValue) ne peut pas être écrit sur la sortie standard : donnez un nom de fichier avec -o"))
        }
        if let output, output.isEmpty {
            throw JSFError(.usage, Text(en: "-o needs a file name", fr: "-o demande un nom de fichier"))
        }
        if referenceDoc != nil && format != .docx && format != .odt {
            throw JSFError(
                .usage,
                Text(
                    en: "--reference-doc is for docx and odt; .\(format.rawValue) takes its look from --template",
                    fr: "--reference-doc sert aux formats docx et odt ; le .\(format.rawValue) prend sa présentation de --template"))
        }
        if template != nil && (format == .docx || format == .md) {
            throw JSFError(
                .usage,
                format == .docx
                    ? Text(
                        en: "--template is for html, pdf and odt; a .docx takes its styles from --reference-doc",
                        fr: "--template sert aux formats html, pdf et odt ; un .docx prend ses styles de --reference-doc")
                    : Text(en: "--template is for html, pdf and odt, not md", fr: "--template sert aux formats html, pdf et odt, pas au md"))
        }
        let style = ExportStyle(referenceDoc: referenceDoc.map(context.absolute), template: template.map(context.absolute))
        let session = try ReadingSession.open(context)
        let source = try OfficeExport.source(session.workspace, version: version)
        if output == "-" {
            let data = try OfficeExport.render(source, format: format, style: style, environment: context.environment)
            runtime.console.outRaw(data)
            return
        }
        let path = context.absolute(output ?? "\(source.consultation.id)-\(source.name).\(format.rawValue)")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw JSFError(
                .refused, Text(en: "'\(path)' is a directory", fr: "'\(path)' est un dossier"),
                hints: [Text(en: "give a file name with -o", fr: "donnez un nom de fichier avec -o")])
        }
        let parent = (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw JSFError(
                .refused,
                Text(en: "cannot write '\(path)': no directory '\(parent)'", fr: "impossible d'écrire '\(path)' : pas de dossier '\(parent)'"))
        }
        try OfficeExport.write(source, format: format, style: style, to: path, environment: context.environment)
        c.out(path)
        let version = "v\(source.version.map(String.init) ?? "?")"
        let upper = format.rawValue.uppercased()
        c.note(
            source.name == "final"
                ? c.t(
                    "Exported the approved text (\(version)) of \(source.consultation.id) as \(upper).",
                    "Export en \(upper) du texte approuvé (\(version)) de \(source.consultation.id).")
                : c.t(
                    "Exported \(source.name) of \(source.consultation.id) as \(upper).",
                    "Export en \(upper) de la \(source.name) de \(source.consultation.id)."))
    }
}
