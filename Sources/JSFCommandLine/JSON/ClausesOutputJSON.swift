import Foundation

extension Clauses.Output {
    /// The text `Console.json` prints for this output (JSONEncoder: pretty, keys sorted, slashes unescaped), written
    /// field by field: an index of 2,000 clauses is 20,000 values. Nil when a text holds a character JSON escapes
    /// (a quote, a backslash, a control character) or there is no clause: JSONEncoder writes those.
    func prettyJSON() -> Data? {
        guard !clauses.isEmpty else { return nil }
        var out = Data()
        out.reserveCapacity(clauses.count * 300)
        func text(_ value: String) -> Bool {
            guard value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F }) else { return false }
            out.append(0x22)
            out.append(contentsOf: value.utf8)
            out.append(0x22)
            return true
        }
        func raw(_ value: String) { out.append(contentsOf: value.utf8) }
        raw("{\n  \"clauses\" : [\n")
        for (n, clause) in clauses.enumerated() {
            raw("    {\n      \"changed\" : \(clause.changed),\n      \"hash\" : ")
            guard text(clause.hash) else { return nil }
            raw(",\n      \"id\" : ")
            guard text(clause.id) else { return nil }
            raw(",\n      \"introduced\" : \(clause.introduced),\n      \"kind\" : ")
            guard text(clause.kind) else { return nil }
            raw(",\n      \"level\" : \(clause.level),\n      \"number\" : ")
            guard text(clause.number) else { return nil }
            if let parent = clause.parent {
                raw(",\n      \"parent\" : ")
                guard text(parent) else { return nil }
            }
            raw(",\n      \"title\" : ")
            guard text(clause.title) else { return nil }
            if let weight = clause.weight { raw(",\n      \"weight\" : \(weight)") }
            raw(n == clauses.count - 1 ? "\n    }\n" : "\n    },\n")
        }
        raw("  ],\n  \"commit\" : ")
        guard text(commit) else { return nil }
        raw(",\n  \"version\" : ")
        guard text(version) else { return nil }
        raw("\n}\n")
        return out
    }
}
