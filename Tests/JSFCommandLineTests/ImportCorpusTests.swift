import Foundation
import JeSaisFaire
import TestSupport
import Testing

/// The corpus of Tests/Corpus: CCTPs made in Word (python-docx) and LibreOffice the way agents write them, built by
/// scripts/make-corpus and committed, so that these tests need neither.
enum Corpus {
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path

    static let files: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".docx") || $0.hasSuffix(".odt") }.sorted()

    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The clause tree of an imported cctp.md: one line a clause, indented by level, its number (in brackets when it
    /// is positional), its title and a criterion's weight, and what its body holds of what import must keep in place
    /// (footnotes cited and defined, nested lists, images); then the import's warnings.
    static func tree(_ run: Run) throws -> String {
        let text = CCTPText(parsing: run.stdout)
        var lines: [String] = []
        for clause in try text.clauses() {
            let typed = splitNumbering(clause.heading).number != nil
            var line = String(repeating: "  ", count: clause.level - 1) + (typed ? clause.number : "(\(clause.number))") + "  " + clause.title
            if let weight = clause.weight { line += "  [weight \(weight)]" }
            line += contents(clause.body)
            lines.append(line)
        }
        let warnings = run.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        if !warnings.isEmpty { lines += [""] + warnings.map(String.init) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func contents(_ body: String) -> String {
        var marks: [String] = []
        let cited = body.matches(of: #/\[\^([^\]]+)\](?!:)/#).map { "^" + $0.output.1 }
        let held = body.matches(of: #/(?m)^\[\^([^\]]+)\]:/#).map { "^" + $0.output.1 }
        if !cited.isEmpty { marks.append("cites " + cited.joined(separator: " ")) }
        if !held.isEmpty { marks.append("holds " + held.joined(separator: " ")) }
        let depth = body.matches(of: #/(?m)^( *)(?:[-*+]|\d+[.)]|[a-z][.)]|[ivx]+[.)]) /#).map { $0.output.1.count / 4 + 1 }.max() ?? 0
        if depth >= 2 { marks.append("nested list") }
        let images = body.matches(of: #/!\[/#).count
        if images > 0 { marks.append("image \(images)") }
        return marks.isEmpty ? "" : "  [" + marks.joined(separator: "; ") + "]"
    }

    static func golden(_ file: String) -> String { "corpus/\(file).txt" }
}

@Suite("jsf import: the corpus of Word and LibreOffice CCTPs")
struct ImportCorpusTests {
    @Test("the corpus is there", .enabled(if: OfficeTools.pandoc != nil, "pandoc is not installed"))
    func corpusIsThere() {
        #expect(Corpus.files.count >= 7, "\(Corpus.directory): \(Corpus.files)")
    }

    @Test(
        "each file imports to its golden clause tree", .enabled(if: OfficeTools.pandoc != nil, "pandoc is not installed"),
        arguments: Corpus.files)
    func clauseTree(file: String) throws {
        let box = try Sandbox()
        let run = try box.jsf("import", Corpus.directory + "/" + file)
        #expect(run.status == 0, "\(run)")
        try Golden.expect(try Corpus.tree(run), equals: Corpus.golden(file), what: "the clause tree of \(file)")
    }

    /// The recipe stays true: the case rebuilt from Tests/Corpus/make.py gives the committed file's tree.
    @Test(
        "a case rebuilt with LibreOffice gives the golden tree",
        .enabled(if: OfficeTools.pandoc != nil, "pandoc is not installed"),
        .enabled(if: Corpus.soffice != nil, "soffice is not installed (apt-get install libreoffice-writer-nogui): the corpus is not rebuilt"))
    func rebuilt() throws {
        let box = try Sandbox()
        try FileManager.default.createDirectory(atPath: box.path("home-agent"), withIntermediateDirectories: true)
        let make = try spawn(
            "/usr/bin/env", ["python3", Corpus.directory + "/make.py", box.path("built"), "lo-criteres"], in: box.root,
            environment: box.environment())
        try #require(make.status == 0, "\(make)")
        let run = try box.jsf("import", "built/lo-criteres.odt")
        #expect(run.status == 0, "\(run)")
        let golden = try #require(FileManager.default.contents(atPath: Golden.directory + "/" + Corpus.golden("lo-criteres.odt")))
        #expect(try Corpus.tree(run) == String(decoding: golden, as: UTF8.self))
    }
}
