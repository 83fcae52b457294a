import Foundation
import Testing

/// `jsf check --json`.
struct CheckJSON: Decodable {
    struct Item: Decodable {
        var severity: String
        var file: String
        var line: Int?
        var key: String?
        var code: String
        var message: String
    }

    var passed: Bool
    var errors: Int
    var warnings: Int
    var problems: [Item]
}

/// One way to break a consultation, and what `jsf check` must say about it.
struct Breakage: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var old: String
    var new: String
    /// The line jsf must name: the line of this text in the broken file.
    var lineOf: String
    var code: String
    var key: String?
    var words: [String]

    var testDescription: String { name }
}

/// The 1-based line of the first line containing `text`.
func lineNumber(of text: String, in source: String) -> Int? {
    source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }.map { $0 + 1 }
}

@Suite("jsf check")
struct CheckTests {
    static let breakages: [Breakage] = [
        Breakage(
            name: "unknown key", file: "consultation.yml", old: "cpv:", new: "colour: blue\ncpv:", lineOf: "colour:",
            code: "yaml.unknown-key", key: "colour", words: ["unknown key 'colour'", "known keys:", "title"]),
        Breakage(
            name: "wrong type", file: "consultation.yml", old: "title: Restauration scolaire", new: "title: [1, 2]",
            lineOf: "title:", code: "yaml.wrong-type", key: "title", words: ["'title' must be"]),
        Breakage(
            name: "malformed CPV", file: "consultation.yml", old: "55524000-9", new: "5552400", lineOf: "5552400",
            code: "cpv.malformed", key: "cpv", words: ["'5552400' is not a CPV code: expected 8 digits"]),
        Breakage(
            name: "département 20", file: "consultation.yml", old: "\"35\"", new: "\"20\"", lineOf: "\"20\"",
            code: "territory.unknown", key: "territory.departements", words: ["'20' is not a département code", "2A", "2B"]),
        Breakage(
            name: "weights sum to 90", file: "cctp.md", old: "weight=20}", new: "weight=10}", lineOf: "{#prix .criterion",
            code: "criteria.sum", key: nil,
            words: ["criteria weights sum to 90, not 100", "prix 40", "performance-environnementale 10"]),
        Breakage(
            name: "duplicate id", file: "cctp.md", old: "{#livraison}", new: "{#commandes}", lineOf: "4.2 Livraison",
            code: "cctp.duplicateID", key: nil, words: ["duplicate id 'commandes'"]),
    ]

    @Test("a broken working tree is reported with file, line and key; exit 1", arguments: breakages)
    func broken(_ breakage: Breakage) throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        try box.edit("c/" + breakage.file, replacing: breakage.old, with: breakage.new)
        let line = try #require(lineNumber(of: breakage.lineOf, in: try box.read("c/" + breakage.file)))

        let run = try box.jsf("check", in: "c")
        #expect(run.status == 1, "\(run)")
        let reported = run.stdout.lines.first { $0.hasPrefix("\(breakage.file):\(line): error: ") }
        #expect(reported != nil, "no '\(breakage.file):\(line): error:' line in\n\(run)")
        for word in breakage.words {
            #expect(reported?.contains(word) == true, "'\(word)' not in \(reported ?? "nothing")")
        }
        #expect(run.stderr.contains("jsf check: "))
        #expect(run.stderr.contains(" error(s), "))
        #expect(!run.stderr.contains("jsf check: 0 error(s)"))

        let json = try decode(CheckJSON.self, from: box.jsf("check", "--json", in: "c"))
        #expect(!json.passed)
        #expect(json.errors == json.problems.filter { $0.severity == "error" }.count)
        #expect(json.warnings == json.problems.filter { $0.severity == "warning" }.count)
        let item = json.problems.first { $0.code == breakage.code }
        #expect(item?.file == breakage.file)
        #expect(item?.line == line)
        #expect(item?.severity == "error")
        if let key = breakage.key { #expect(item?.key == key) }

        // publish refuses for the same reason, and nothing is committed.
        let head = try box.gitOutput("rev-parse", "HEAD", in: "c")
        let publish = try box.jsf("publish", in: "c")
        expectRefusal(
            publish, status: 1,
            [
                "error: 'jsf check' fails: nothing was published", "\(breakage.file):\(line): error: ",
                "hint: fix the problems above, then run 'jsf publish' again",
            ])
        #expect(publish.stdout.isEmpty)
        #expect(try box.gitOutput("rev-parse", "HEAD", in: "c") == head)
        #expect(try box.gitOutput("tag", in: "c") == "")
    }

    @Test("a wrong type is reported once, not also as an empty value")
    func wrongTypeReportedOnce() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        try box.edit("c/consultation.yml", replacing: "title: Restauration scolaire", with: "title: [1, 2]")
        let json = try decode(CheckJSON.self, from: box.jsf("check", "--json", in: "c"))
        #expect(json.errors == 1, "\(json.problems.map(\.message))")
    }

    @Test("a clauses.yml hand-edited and committed with plain git is an error in HEAD")
    func handEditedIndexInHead() throws {
        let box = try Sandbox()
        try box.setUpPublished()
        try box.edit("c/clauses.yml", replacing: "title: Durée\n", with: "title: Durée du marché\n")
        #expect(try box.git("commit", "-q", "-am", "Hand edit", in: "c").status == 0)

        let run = try box.jsf("check", in: "c")
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("HEAD:clauses.yml: error: clauses.yml is out of step with cctp.md (~duree)\n"))
        #expect(run.stderr.contains("jsf check: 1 error(s)"))
        let json = try decode(CheckJSON.self, from: box.jsf("check", "--json", in: "c"))
        #expect(!json.passed)
        #expect(json.problems.contains { $0.file == "HEAD:clauses.yml" && $0.code == "index.stale" && $0.severity == "error" })
        // publish regenerates the index, but refuses while HEAD is inconsistent.
        expectRefusal(try box.jsf("publish", in: "c"), status: 1, ["'jsf check' fails"])
    }

    @Test("a clean consultation passes: exit 0, warnings allowed")
    func clean() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        let run = try box.jsf("check", in: "c")
        #expect(run.status == 0)
        #expect(run.stdout == "")
        #expect(run.stderr == "jsf check: all good\n")
        let json = try decode(CheckJSON.self, from: box.jsf("check", "--json", in: "c"))
        #expect(json.passed && json.errors == 0 && json.warnings == 0 && json.problems.isEmpty)

        // A CPV check digit off the 3-7-1 rule is a warning only; a heading without id too, in the working tree.
        try box.edit("c/consultation.yml", replacing: "55524000-9", with: "55524000-8")
        try box.write("c/cctp.md", try box.read("c/cctp.md") + "\n## Sans identifiant\n\nTexte.\n")
        let warned = try box.jsf("check", in: "c")
        #expect(warned.status == 0, "\(warned)")
        #expect(warned.stdout.contains("consultation.yml:5: warning: "))
        #expect(warned.stderr.contains("jsf check: 0 error(s), "))
        let warnedJSON = try decode(CheckJSON.self, from: box.jsf("check", "--json", in: "c"))
        #expect(warnedJSON.passed && warnedJSON.errors == 0 && warnedJSON.warnings >= 1)
        #expect(warnedJSON.problems.allSatisfy { $0.severity == "warning" })
        #expect(warnedJSON.problems.contains { $0.code == "cpv.check-digit" })
    }

    @Test("check speaks French")
    func french() throws {
        let box = try Sandbox()
        try box.setUpConsultation()
        try box.edit("c/cctp.md", replacing: "weight=20}", with: "weight=10}")
        box.language = "fr_FR.UTF-8"
        let run = try box.jsf("check", in: "c")
        #expect(run.status == 1)
        #expect(run.stdout.contains("cctp.md:"))
        #expect(run.stdout.contains("les pondérations des critères totalisent 90, pas 100"))
        #expect(run.stdout.contains(": erreur : les pondérations"), "\(run)")
        #expect(run.stderr.contains("jsf check : 1 erreur(s), "))
        box.language = "C.UTF-8"
        try box.edit("c/cctp.md", replacing: "weight=10}", with: "weight=20}")
        #expect(try box.jsf("check", "--json", in: "c", environment: ["LC_ALL": "fr_FR.UTF-8"]).status == 0)
        let ok = try box.jsf("check", in: "c", environment: ["LC_ALL": "fr_FR.UTF-8"])
        #expect(ok.stderr == "jsf check : tout est en ordre\n")
    }
}
