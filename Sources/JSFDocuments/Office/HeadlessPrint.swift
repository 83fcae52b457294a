import Foundation
import JeSaisFaire

/// Printing an HTML file to PDF with headless Chromium, as `jsf export --format pdf` and `jsf report --pdf` do:
/// no browser header or footer (the page's own CSS prints what it wants in the margins), a throwaway profile.
public enum HeadlessPrint {
    /// The names tried on PATH, in order.
    public static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first Chromium found on the PATH of `environment`.
    public static func browser(environment: [String: String]) -> ExternalTool? {
        ExternalTool.find(browsers, environment: environment)
    }

    /// Prints the HTML file `html` to the PDF file `pdf` and returns its bytes; the browser's profile and HOME go in
    /// `scratch`, a private directory its caller removes.
    public static func print(
        _ browser: ExternalTool, html: String, to pdf: String, scratch: String, environment: [String: String]
    ) throws(JSFError) -> Data {
        var env = environment
        env["HOME"] = scratch
        let printed = try browser.run(
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=\(scratch)/profile", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                "--no-first-run", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: html).absoluteString,
            ],
            directory: scratch, environment: env, timeout: 120)
        guard let bytes = FileManager.default.contents(atPath: pdf), bytes.starts(with: Data("%PDF".utf8)) else {
            throw JSFError(
                .refused, Text(en: "\(browser.name) could not print the PDF", fr: "\(browser.name) n'a pas pu imprimer le PDF"),
                cause: printed.timedOut
                    ? "timed out after 120 s"
                    : OfficeImport.lastLines(printed.stderr.split(separator: "\n").filter { !$0.contains("dbus") }.joined(separator: "\n")))
        }
        return bytes
    }
}
