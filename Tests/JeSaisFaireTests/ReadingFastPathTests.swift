import Foundation
import Git
import Testing

@testable import JeSaisFaire

/// The fast paths of the reading commands give what the slow ones give: the line reader of clauses.yml what Yams
/// reads, the outline of a cctp.md what parsing it gives, on jsf's own files and on hand-edited ones.
@Suite struct ReadingFastPathTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The example CCTPs, with ids assigned as publish assigns them.
    static func examples() throws -> [(name: String, source: String)] {
        let folder = root.appendingPathComponent("examples/cctp").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        #expect(names.count >= 3)
        return try names.map { name in
            let source = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            return (name, CCTPText(parsing: source).assigningIDs().text)
        }
    }

    /// The index jsf writes for a text.
    static func index(_ source: String, version: Int = 1) throws -> ClauseIndex {
        ClauseIndex.derive(from: try CCTPText(parsing: source).clauses(), previous: nil, version: version)
    }

    static func entry(_ id: String, number: String = "1", title: String = "Titre", parent: String? = nil, weight: Int? = nil) -> IndexEntry {
        IndexEntry(
            id: id, number: number, title: title, level: parent == nil ? 1 : 2, parent: parent, kind: weight == nil ? .clause : .criterion,
            weight: weight, hash: "4b825dc642cb6eb9a060e54bf8d69288fbc4904", introduced: 1, changed: 2)
    }

    /// Both readers of `text`: entries and problems.
    static func bothReaders(_ text: String) -> (fast: [IndexEntry]?, parsed: (ClauseIndex?, [Problem]), yaml: (ClauseIndex?, [Problem])) {
        (ClauseIndexLines.entries(text), ClauseIndex.parse(text, file: "HEAD:clauses.yml"), ClauseIndex.parseYAML(text, file: "HEAD:clauses.yml"))
    }

    @Test func theLineReaderReadsEveryIndexJsfWroteForTheExamples() throws {
        for (name, source) in try Self.examples() {
            let index = try Self.index(source)
            let text = index.yaml()
            let (fast, parsed, yaml) = Self.bothReaders(text)
            #expect(fast == index.entries, "\(name)")
            #expect(yaml.1.isEmpty && yaml.0 == index, "\(name)")
            #expect(parsed.0 == yaml.0 && parsed.1 == yaml.1, "\(name)")
        }
        let seed = try String(contentsOfFile: Self.root.appendingPathComponent("Fuzz/Seeds/yaml/clauses.yml").path, encoding: .utf8)
        let (fast, _, yaml) = Self.bothReaders(seed)
        #expect(fast != nil)
        #expect(fast == yaml.0?.entries)
        #expect(ClauseIndexLines.entries(ClauseIndex(entries: []).yaml()) == [])
    }

    /// Texts the writer quotes or leaves plain, and that the line reader must read as Yams does, or leave to it.
    @Test func textsOfEveryShapeReadAsYamsReadsThem() throws {
        let titles = [
            "Objet", "Prix : 40 %", "Délais: stricts", "Note #1", "A # b", "\"Quoted\"", "back\\slash", "tab\there", "new\nline",
            "cr\rhere", "bell\u{07}", "nel\u{85}", "c1\u{9F}", "ls\u{2028}x", "ps\u{2029}x", "\u{FEFF}bom", "1.2 Chapitre", "½ part",
            "٣ arabic", "Élément", "true", "No", "null", "~", " lead", "trail ", "- dash", "? mark", ":colon", "ends:", "[flow]", "{map}",
            "a, b", "x[1]", "#hash", "&anchor", "*alias", "!tag", "|pipe", ">fold", "'single'", "%percent", "@at", "`tick`", ".dot",
            "+plus", "ÿ\u{7F}", "é\u{301}", "x\u{FFFE}", "zwj\u{200D}", "Œuvre — « guillemets »", "emoji 🎉", "a\u{00A0}",
        ]
        var entries: [IndexEntry] = []
        for (n, title) in titles.enumerated() {
            entries.append(
                Self.entry("c\(n)", number: title, title: title, parent: n.isMultiple(of: 2) ? nil : "p-\(title.count)", weight: n % 3 == 0 ? n : nil)
            )
        }
        let index = ClauseIndex(entries: entries)
        let text = index.yaml()
        let (fast, parsed, yaml) = Self.bothReaders(text)
        // Whatever the line reader reads, Yams reads the same; what it leaves, Yams reads.
        #expect(parsed.0 == yaml.0 && parsed.1 == yaml.1)
        if let fast { #expect(fast == yaml.0?.entries) }
        // One entry at a time: each text read fast is read as Yams reads it.
        var readFast = 0
        for entry in entries {
            let one = ClauseIndex(entries: [entry]).yaml()
            let (fast, parsed, yaml) = Self.bothReaders(one)
            #expect(parsed.0 == yaml.0 && parsed.1 == yaml.1, "\(entry.title)")
            if let fast {
                readFast += 1
                #expect(fast == yaml.0?.entries, "\(entry.title.debugDescription)")
            }
        }
        // The ordinary ones are read fast, quoted or not.
        #expect(readFast >= 30)
        for title in ["Objet", "Prix : 40 %", "\"Quoted\"", "back\\slash", "tab\there", "1.2 Chapitre", "Élément", "true", "Œuvre — « guillemets »"] {
            #expect(ClauseIndexLines.entries(ClauseIndex(entries: [Self.entry("x", title: title)]).yaml()) != nil, "\(title)")
        }
    }

    /// Hand-edited indexes: the line reader leaves them to Yams, which gives its result and its messages.
    @Test func handEditedIndexesGetTheYAMLReadersResultAndErrors() throws {
        let source = try #require(try Self.examples().first).source
        let text = try Self.index(source).yaml()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func edit(_ body: (inout [String]) -> Void) -> String {
            var copy = lines
            body(&copy)
            return copy.joined(separator: "\n")
        }
        let variants: [String: String] = [
            "comment": edit { $0.insert("# edited by hand", at: 2) },
            "blank line": edit { $0.insert("", at: 5) },
            "keys reordered": edit { $0.swapAt(3, 4) },
            "plus sign": edit { $0[5] = $0[5].replacingOccurrences(of: "level: ", with: "level: +") },
            "single quotes": edit { $0[4] = "    title: 'Objet du marché'" },
            "trailing space": edit { $0[4] += " " },
            "crlf": text.replacingOccurrences(of: "\n", with: "\r\n"),
            "no final newline": String(text.dropLast()),
            "missing key": edit { $0.remove(at: 4) },
            "unknown key": edit { $0.insert("    colour: blue", at: 5) },
            "bad kind": edit { $0 = $0.map { $0 == "    kind: clause" ? "    kind: chapter" : $0 } },
            "format 2": edit { $0[0] = "format: 2" },
            "quoted level": edit { $0[5] = $0[5].replacingOccurrences(of: "level: 1", with: "level: \"1\"") },
            "null parent": edit { $0.insert("    parent: ~", at: 6) },
            "flow list": "format: 1\nclauses: [{id: a, number: \"1\", title: A, level: 1, kind: clause, hash: x, introduced: 1, changed: 1}]\n",
            "not yaml": "format: 1\nclauses:\n  - id: [\n",
            "empty": "",
        ]
        for (name, variant) in variants {
            let (fast, parsed, yaml) = Self.bothReaders(variant)
            #expect(fast == nil, "\(name)")
            #expect(parsed.0 == yaml.0, "\(name)")
            #expect(parsed.1 == yaml.1, "\(name)")
        }
        // The errors are the YAML reader's: named file, line and key.
        let bad = ClauseIndex.parse(variants["bad kind"]!, file: "HEAD:clauses.yml").1
        #expect(bad.first?.code == "index.bad-kind" && bad.first?.file == "HEAD:clauses.yml" && bad.first?.line != nil)
    }

    @Test func contentHashesAreTheCanonicalTextsBlobIDs() {
        let bodies = [
            "", "Texte.", "a  \nb\t\n\nc", "fin   ", "é \n", "x\u{301} ", "\u{600} ", "ligne\r\nsuite", "a\rb", "  \n  ", "\n\n",
            "Ünïcödé\ttab\t", "emoji 🎉 \nz",
        ]
        for body in bodies {
            for weight in [nil, 40] {
                let expected = ObjectID.hashBlob(Data(Clause.canonicalText(title: "Titre", weight: weight, body: body).utf8)).hex
                #expect(Clause.contentHash(title: "Titre", weight: weight, body: body) == expected, "\(body.debugDescription)")
            }
        }
    }

    @Test func outlinesGiveWhatParsingGives() throws {
        for (name, source) in try Self.examples() {
            let text = CCTPText(parsing: source)
            let outline = CCTPOutline(text)
            let clauses = try text.clauses()
            #expect(outline.clauses?.map(\.id) == clauses.map(\.id), "\(name)")
            #expect(outline.index(previous: nil, version: 1) == ClauseIndex.derive(from: clauses, previous: nil, version: 1), "\(name)")
            #expect(outline.clean == Checker.checkText(text, file: Layout.cctpFile, requireIDs: true).isEmpty, "\(name)")
            for clause in clauses {
                for sub in [false, true] {
                    #expect(
                        outline.clauseSource(source, id: clause.id, withSubclauses: sub)
                            == .some(Reading.clauseSource(source, id: clause.id, withSubclauses: sub)),
                        "\(name) \(clause.id)")
                }
            }
            #expect(outline.clauseSource(source, id: "absent", withSubclauses: false) == .some(nil))
            // Checking with the outline finds what checking without it finds, strict or not, with an index in step or not.
            let index = try Self.index(source).yaml()
            for files in [
                [Layout.cctpFile: source, Layout.indexFile: index, Layout.consultationFile: nil],
                [Layout.cctpFile: source + "\n## Nouvelle {#nouvelle}\n\nTexte.\n", Layout.indexFile: index, Layout.consultationFile: nil],
            ] as [[String: String?]] {
                let cctp = files[Layout.cctpFile]!!
                for strict in [false, true] {
                    let slow = Checker.checkFiles(files, prefix: "HEAD:", strict: strict)
                    let fast = Checker.checkFiles(files, assets: [:], prefix: "HEAD:", strict: strict, outline: CCTPOutline(CCTPText(parsing: cctp)))
                    #expect(fast == slow, "\(name) strict \(strict)")
                }
            }
        }
        // A text with headings jsf cannot index has no clauses: the slow paths decide.
        let broken = CCTPOutline(CCTPText(parsing: "# Sans identifiant\n\nTexte.\n\n# Double {#a}\n\n# Double {#a}\n"))
        #expect(!broken.clean && broken.clauses == nil)
        #expect(broken.clauseSource("# Sans identifiant\n", id: "a", withSubclauses: false) == nil)
    }

    @Test func theOutlineCacheIsKeptByBlobIDAndNeverTrustedBlindly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jsf-outline-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (_, source) = try #require(try Self.examples().first)
        let id = ObjectID.hashBlob(Data(source.utf8))
        let expected = CCTPOutline(CCTPText(parsing: source))
        #expect(OutlineCache.parse(try #require(OutlineCache.render(expected, id: id)), id: id) == expected)
        // Written on the first read, read back by the next command.
        #expect(OutlineCache(gitDirectory: folder).outline(of: source, blob: nil) == expected)
        let file = folder + "/jsf/cache/cctp-" + id.hex
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written.hasPrefix(OutlineCache.header + "\nblob " + id.hex + "\n"))
        #expect(OutlineCache(gitDirectory: folder).outline(of: source, blob: id) == expected)
        // A damaged file, a file of another blob, another format: ignored and rebuilt.
        for damaged in [
            String(written.dropLast(20)), written.replacingOccurrences(of: id.hex, with: String(repeating: "0", count: 40)),
            written.replacingOccurrences(of: OutlineCache.header, with: "jsf-cctp-outline 99"), "garbage", "",
        ] {
            try Data(damaged.utf8).write(to: URL(fileURLWithPath: file))
            #expect(OutlineCache.parse(damaged, id: id) == nil)
            #expect(OutlineCache(gitDirectory: folder).outline(of: source, blob: id) == expected)
            #expect(try String(contentsOfFile: file, encoding: .utf8) == written)
        }
        // A folder that cannot be written is no error.
        #expect(OutlineCache(gitDirectory: "/proc/no-such-dir").outline(of: source, blob: id) == expected)
    }
}
