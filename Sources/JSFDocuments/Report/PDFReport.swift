import Foundation
import JeSaisFaire

/// The report as PDF: its HTML printed by headless Chromium, as `jsf export --format pdf` prints the CCTP, with
/// «Page X / Y» at the foot of each page (the HTML's own print style).
public enum PDFReport {
    /// Chromium on the PATH, or a refusal saying how to install it; called before any work.
    public static func browser(environment: [String: String]) throws(JSFError) -> ExternalTool {
        guard let browser = HeadlessPrint.browser(environment: environment) else {
            throw JSFError(
                .refused,
                Text(
                    en: "the PDF report needs chromium, and none was found on PATH",
                    fr: "le rapport en PDF a besoin de chromium, et aucun n'a été trouvé dans le PATH"),
                hints: [
                    Text(
                        en: "install it: apt-get install chromium (Debian, Ubuntu), or write --html FILE and print it from a browser",
                        fr: "installez-le : apt-get install chromium (Debian, Ubuntu), ou écrivez --html FICHIER et imprimez-le depuis un navigateur"
                    )
                ])
        }
        return browser
    }

    /// The bytes of the PDF of `report` in `language`.
    public static func render(
        _ report: DialogueReport, language: Language, browser: ExternalTool, environment: [String: String]
    ) throws(JSFError) -> Data {
        let scratch: String
        do { scratch = try ScratchDirectory.make() } catch {
            throw JSFError(
                .repository, Text(en: "cannot create a temporary directory", fr: "impossible de créer un dossier temporaire"), cause: "\(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let html = scratch + "/rapport.html"
        guard FileManager.default.createFile(atPath: html, contents: Data(HTMLReport.render(report, language: language).utf8)) else {
            throw JSFError(.repository, Text(en: "cannot write a temporary file", fr: "impossible d'écrire un fichier temporaire"))
        }
        return try HeadlessPrint.print(browser, html: html, to: scratch + "/rapport.pdf", scratch: scratch, environment: environment)
    }
}
