/// How one clause differs between two texts.
public struct ClauseChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case added, removed, modified, moved, renumbered, retitled, reweighted
    }

    public var id: String
    public var kinds: [Kind]
    public var old: Clause?
    public var new: Clause?

    /// The word-level changes of the body (and title), for modified clauses.
    public var ops: [DiffOp] {
        guard kinds.contains(.modified), let old, let new else { return [] }
        return WordDiff.diff(old.body, new.body)
    }
}

/// The clause-level difference of two CCTP texts, computed from the texts themselves (not from a tree diff).
public enum ClauseDiff {
    public static func compare(_ oldSource: String, _ newSource: String) -> [ClauseChange] {
        let old = clauses(oldSource)
        let new = clauses(newSource)
        let before = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Set(new.map(\.id))
        // Clauses kept in place are the longest common subsequence of the shared ids; the others moved.
        let shared = new.map(\.id).filter { before[$0] != nil }
        let oldShared = old.map(\.id).filter { after.contains($0) }
        let stayed = Set(lcs(oldShared, shared))
        var changes: [ClauseChange] = []
        for clause in new {
            guard let previous = before[clause.id] else {
                changes.append(ClauseChange(id: clause.id, kinds: [.added], old: nil, new: clause))
                continue
            }
            var kinds: [ClauseChange.Kind] = []
            // The same content hash is the same title, weight and trimmed body: only the others are compared.
            if previous.contentHash != clause.contentHash, previous.body.trimmedLines != clause.body.trimmedLines { kinds.append(.modified) }
            if previous.title != clause.title { kinds.append(.retitled) }
            if previous.weight != clause.weight { kinds.append(.reweighted) }
            if previous.parent != clause.parent || previous.level != clause.level || !stayed.contains(clause.id) { kinds.append(.moved) }
            if previous.number != clause.number { kinds.append(.renumbered) }
            if !kinds.isEmpty { changes.append(ClauseChange(id: clause.id, kinds: kinds, old: previous, new: clause)) }
        }
        for clause in old where !after.contains(clause.id) {
            changes.append(ClauseChange(id: clause.id, kinds: [.removed], old: clause, new: nil))
        }
        return changes
    }

    /// Index entries of a text, for looking ids up.
    public static func entries(_ source: String) -> [IndexEntry] {
        ClauseIndex.derive(from: clauses(source), previous: nil, version: 0).entries
    }

    /// The clauses of a text, ids assigned where missing (as publish would).
    static func clauses(_ source: String) -> [Clause] {
        (try? CCTPText(parsing: source).withIDsAssigned().clauses()) ?? []
    }

    static func lcs(_ a: [String], _ b: [String]) -> [String] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        if a == b { return a } // the common case: no clause moved
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [String] = []
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                result.append(a[i])
                i += 1
                j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }
}

extension String {
    /// The text with trailing blanks of each line removed, as the content hash sees it.
    var trimmedLines: String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed()) }
            .joined(separator: "\n")
    }
}
