import ArgumentParser
import Foundation
import JSFDocuments
import JeSaisFaire

struct Import: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "import",
            abstract: bilingual(
                "Turn a Word (.docx), LibreOffice (.odt) or Markdown CCTP into cctp.md.",
                "Transforme un CCTP Word (.docx), LibreOffice (.odt) ou Markdown en cctp.md."),
            discussion: bilingual(
                """
                The document goes through pandoc (apt-get install pandoc). Heading styles are kept; paragraphs written as \
                headings by hand become headings too: 'TITRE I …', 'CHAPITRE II …', 'ARTICLE 3 – …', 'Article 3 : …', \
                '3.2 …', '3.2.1 …', often in bold. Levels follow the kinds the document uses (titre > chapitre > article > \
                3.2 > 3.2.1), the top one becoming level 1. Numbered list items and paragraphs that merely start with a \
                number stay paragraphs. In the award criteria section ('Critères d'attribution', 'Critères de jugement \
                des offres'), lines such as 'Prix : 40 %' or 'Valeur technique (60 points)' become weighted criteria \
                when their weights sum to 100. Tables and lists (nested ones too) are kept, and each footnote stays in the \
                clause that cites it. Images (PNG, JPEG, GIF up to 5 MiB) are kept with --into DIR, as files \
                DIR/assets/<hash>.png that cctp.md shows; others are dropped with a warning. Every heading gets its id.

                The structure found (number, title, level, and how it was recognised: style, pattern, bold or criterion) \
                and the warnings go to standard error. Without --into, the Markdown goes to standard output; with \
                --into DIR, it is written to DIR/cctp.md, which is never overwritten unless DIR is a consultation's \
                working tree (then 'jsf diff' and 'jsf publish' take it from there).
                """,
                """
                Le document passe par pandoc (apt-get install pandoc). Les styles de titre sont gardés ; les paragraphes \
                écrits à la main comme des titres deviennent aussi des titres : 'TITRE I …', 'CHAPITRE II …', 'ARTICLE 3 \
                – …', 'Article 3 : …', '3.2 …', '3.2.1 …', souvent en gras. Les niveaux suivent les sortes de titres que \
                le document emploie (titre > chapitre > article > 3.2 > 3.2.1), la plus haute devenant le niveau 1. Les \
                éléments de listes numérotées et les paragraphes qui commencent simplement par un nombre restent des \
                paragraphes. Dans la section des critères d'attribution ('Critères d'attribution', 'Critères de jugement \
                des offres'), des lignes comme 'Prix : 40 %' ou 'Valeur technique (60 points)' deviennent des critères \
                pondérés quand leurs pondérations font 100. Les tableaux et les listes (imbriquées aussi) sont gardés, et \
                chaque note de bas de page reste dans la clause qui la cite. Les images (PNG, JPEG, GIF jusqu'à 5 Mio) \
                sont gardées avec --into DOSSIER, en fichiers DOSSIER/assets/<hash>.png que montre cctp.md ; les autres \
                sont écartées avec un avertissement. Chaque titre reçoit son identifiant.

                La structure trouvée (numéro, titre, niveau, et comment elle a été reconnue : style, motif, gras ou \
                critère) et les avertissements vont sur la sortie d'erreur. Sans --into, le Markdown va sur la sortie \
                standard ; avec --into DOSSIER, il est écrit dans DOSSIER/cctp.md, qui n'est jamais écrasé sauf si \
                DOSSIER est la copie de travail d'une consultation (alors 'jsf diff' et 'jsf publish' le prennent de là).
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: .t("The document: .docx, .odt or .md.", "Le document : .docx, .odt ou .md.", valueName: "file"))
    var file: String

    @Option(
        help: .t(
            "Write cctp.md into this directory instead of printing it.", "Écrit cctp.md dans ce dossier au lieu de l'afficher.", valueName: "dir"))
    var into: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let path = context.absolute(file)
        var target: String?
        var inConsultation = false
        if let into {
            let dir = context.absolute(into)
            let cctp = dir + "/" + Layout.cctpFile
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw JSFError(.refused, Text(en: "'\(into)' exists and is not a directory", fr: "'\(into)' existe et n'est pas un dossier"))
            }
            inConsultation = Self.isConsultationRoot(dir, context: context)
            if FileManager.default.fileExists(atPath: cctp), !inConsultation {
                throw JSFError(
                    .refused,
                    Text(
                        en: "'\(into)/\(Layout.cctpFile)' already exists; jsf will not overwrite it",
                        fr: "'\(into)/\(Layout.cctpFile)' existe déjà ; jsf ne l'écrasera pas"),
                    hints: [
                        Text(
                            en: "choose another directory, or remove that file first",
                            fr: "choisissez un autre dossier, ou supprimez d'abord ce fichier")
                    ])
            }
            target = cctp
        }
        let (markdown, report, assets) = try OfficeImport.markdown(fromFile: path, environment: context.environment)
        ImportReportView.show(report, file: file, console: c)
        guard let target else {
            if !assets.isEmpty {
                c.warning(
                    Text(
                        en: "\(assets.count) image(s) not written: with --into DIR they are kept as files under DIR/\(Assets.directory)/",
                        fr: "\(assets.count) image(s) non écrite(s) : avec --into DOSSIER elles sont gardées dans DOSSIER/\(Assets.directory)/"))
            }
            c.outRaw(Data(markdown.utf8))
            return
        }
        let dir = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if !assets.isEmpty { try FileManager.default.createDirectory(atPath: dir + "/" + Assets.directory, withIntermediateDirectories: true) }
            // The images first: a cctp.md is never left showing images that are not there.
            for (asset, data) in assets.sorted(by: { $0.key < $1.key }) { try AtomicFile.write(data, to: dir + "/" + asset) }
            try AtomicFile.write(markdown, to: target)
        } catch {
            throw JSFError(.repository, Text(en: "cannot write '\(target)'", fr: "impossible d'écrire '\(target)'"), cause: "\(error)")
        }
        c.note(c.t("Wrote \(target).", "\(target) écrit."))
        if !assets.isEmpty {
            c.note(
                c.t(
                    "Wrote \(assets.count) image(s) under \(dir)/\(Assets.directory)/.",
                    "\(assets.count) image(s) écrite(s) dans \(dir)/\(Assets.directory)/."))
        }
        if inConsultation {
            c.hint(
                Text(
                    en: "review the changes with 'jsf diff', then publish them with 'jsf publish'",
                    fr: "relisez les changements avec 'jsf diff', puis publiez-les avec 'jsf publish'"))
        } else {
            c.hint(
                Text(
                    en: "create the consultation with 'jsf init \(into ?? ".") --from \(target) --id … --title … --buyer … --cpv …'",
                    fr: "créez la consultation avec 'jsf init \(into ?? ".") --from \(target) --id … --title … --buyer … --cpv …'"))
        }
    }

    /// `dir` is the root of a consultation's working tree.
    static func isConsultationRoot(_ dir: String, context: Context) -> Bool {
        guard FileManager.default.fileExists(atPath: dir + "/.git"),
            FileManager.default.fileExists(atPath: dir + "/" + Layout.consultationFile)
        else { return false }
        var inner = context
        inner.directory = dir
        guard let workspace = try? Workspace.open(inner) else { return false }
        let a = URL(fileURLWithPath: workspace.root).resolvingSymlinksInPath().standardizedFileURL.path
        let b = URL(fileURLWithPath: dir).resolvingSymlinksInPath().standardizedFileURL.path
        return a.trimmingCharacters(in: CharacterSet(charactersIn: "/")) == b.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }
}

/// How an import report is shown on standard error (by `jsf import`, and by `jsf init --from FILE.docx`).
enum ImportReportView {
    static func show(_ report: ImportReport, file: String, console c: Console) {
        let criteria = report.criteria.count
        c.note(
            c.t(
                "Structure of \(file): \(report.headings.count) headings, \(criteria) criteria.",
                "Structure de \(file) : \(report.headings.count) titres, \(criteria) critères."))
        let width = min(12, report.headings.map { $0.number.count + 2 * ($0.level - 1) }.max() ?? 0)
        for h in report.headings {
            let indent = String(repeating: "  ", count: h.level - 1)
            let number = indent + (h.numbered ? h.number : "(\(h.number))")
            let how: String
            switch h.source {
            case .style: how = c.t("style", "style")
            case .pattern: how = c.t("pattern", "motif")
            case .bold: how = c.t("bold", "gras")
            case .criterion: how = c.t("criterion", "critère")
            case nil: how = "?"
            }
            var detail = c.t("level \(h.level), \(how)", "niveau \(h.level), \(how)")
            if let weight = h.weight { detail += c.t(", weight \(weight)", ", poids \(weight)") }
            c.note("  " + number.padding(toLength: max(width, number.count), withPad: " ", startingAt: 0) + "  " + h.title + "  [" + detail + "]")
        }
        if report.droppedImages > 0 {
            c.warning(
                Text(
                    en: "\(report.droppedImages) image(s) dropped (the warnings below say why); keep what cannot be kept as annexes",
                    fr:
                        "\(report.droppedImages) image(s) retirée(s) (les avertissements ci-dessous disent pourquoi) ; gardez ce qui ne peut l'être en annexes"
                ))
        }
        if report.droppedTOCLines > 0 {
            c.note(
                c.t(
                    "Dropped the table of contents (\(report.droppedTOCLines) lines).",
                    "Table des matières retirée (\(report.droppedTOCLines) lignes)."))
        }
        for warning in report.warnings { c.warning(warning) }
    }
}
