import Foundation
import Testing

@testable import JSFCommandLine
@testable import JeSaisFaire

/// `jsf clauses --json` writes its JSON field by field: the bytes JSONEncoder writes (pretty, keys sorted, slashes
/// unescaped), or JSONEncoder itself for what it escapes.
@Suite struct ClausesJSONTests {
    static func encoded(_ output: Clauses.Output) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(output) + Data("\n".utf8)
    }

    static func entry(_ id: String, title: String, parent: String?, weight: Int?) -> IndexEntry {
        IndexEntry(
            id: id, number: "1.2", title: title, level: parent == nil ? 1 : 2, parent: parent, kind: weight == nil ? .clause : .criterion,
            weight: weight, hash: "4b825dc642cb6eb9a060e54bf8d69288fbc4904e", introduced: 1, changed: 12)
    }

    @Test func theFieldByFieldJSONIsJSONEncoders() throws {
        let titles = [
            "Objet", "Prix : 40 %", "a/b", "Élément — « guillemets »", "emoji 🎉", "nbsp\u{A0}", "c1\u{85}", "ls\u{2028}", "é\u{301}", "<tag> & co",
            "quote \" inside", "back\\slash", "tab\there", "new\nline", "del\u{7F}", "",
        ]
        var entries: [IndexEntry] = []
        for (n, title) in titles.enumerated() {
            let entry = Self.entry("c\(n)", title: title, parent: n.isMultiple(of: 2) ? nil : "chapitre-\(n)", weight: n % 3 == 0 ? n * 5 : nil)
            entries.append(entry)
            let one = Clauses.Output(version: "v2", commit: String(repeating: "ab", count: 20), clauses: [Clauses.Clause(entry)])
            if let fast = one.prettyJSON() {
                #expect(fast == (try Self.encoded(one)), "\(title.debugDescription)")
            } else {
                #expect(title.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }, "\(title.debugDescription)")
            }
        }
        let plain = entries.filter { !$0.title.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F } }
        let all = Clauses.Output(version: "HEAD", commit: String(repeating: "0f", count: 20), clauses: plain.map(Clauses.Clause.init))
        #expect(try #require(all.prettyJSON()) == (try Self.encoded(all)))
        #expect(Clauses.Output(version: "HEAD", commit: "x", clauses: []).prettyJSON() == nil)
        #expect(Clauses.Output(version: "HEAD", commit: "x", clauses: entries.map(Clauses.Clause.init)).prettyJSON() == nil)
    }
}
