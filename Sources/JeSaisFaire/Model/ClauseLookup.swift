import Foundation

/// What a clause target given on the command line matched, in the order they are tried.
public enum ClauseMatch: Sendable, Equatable {
    /// An exact id (case and accents folded: ids are lower-case ASCII).
    case id(String)
    /// The entries the draft numbers so ("6.2", "art. 6.2", "Article 6"), one per id.
    case number([IndexEntry])
    /// The ids that start with the target.
    case prefix([String])
    case none
}

/// Finds a clause or criterion the way people name it: by id, by the draft's number ("6.2", "art. 6.2",
/// "Article 6"), or by an unambiguous id prefix; suggests the closest clauses by number and title otherwise.
public enum ClauseLookup {
    /// Tried in this order: an exact id; a number (with a keyword or a digit: "Article II", "6.2"); an id
    /// prefix; last, a bare number without a digit ("II", "A"), which reads like the start of an id.
    /// `ids` adds ids that are not entries (the targets of proposals on removed clauses) to the id matches.
    public static func match(_ query: String, in entries: [IndexEntry], ids extra: [String] = []) -> ClauseMatch {
        let key = fold(query).clauseTrimmed()
        var ids: [String] = []
        var seen = Set<String>()
        for id in entries.map(\.id) + extra where seen.insert(id).inserted { ids.append(id) }
        if seen.contains(key) { return .id(key) }
        let number = parseNumber(query)
        func numbered(_ number: String) -> ClauseMatch? {
            var found: [IndexEntry] = []
            var taken = Set<String>()
            for entry in entries where entry.number.uppercased() == number && taken.insert(entry.id).inserted { found.append(entry) }
            return found.isEmpty ? nil : .number(found)
        }
        if let number, number.readsAsNumber, let found = numbered(number.value) { return found }
        let prefixed = ids.filter { $0.hasPrefix(key) }
        if !prefixed.isEmpty { return .prefix(prefixed) }
        if let number, !number.readsAsNumber, let found = numbered(number.value) { return found }
        return .none
    }

    /// The one clause a target names, refused with the candidates when ambiguous and with the closest otherwise.
    public static func find(_ query: String, in entries: [IndexEntry], version: String) throws(JSFError) -> IndexEntry {
        switch match(query, in: entries) {
        case .id(let id):
            return entries.first { $0.id == id }!
        case .number(let found):
            if let one = deepestOfOneLine(found, in: entries) { return one }
            let list = found.prefix(8).map(describe).joined(separator: ", ")
            throw JSFError(
                .refused, Text(en: "'\(query)' is ambiguous in \(version): \(list)", fr: "'\(query)' est ambigu dans \(version) : \(list)"),
                hints: [Text(en: "give the id", fr: "donnez l'identifiant")])
        case .prefix(let ids):
            if ids.count == 1, let entry = entries.first(where: { $0.id == ids[0] }) { return entry }
            let list = ids.prefix(8).joined(separator: ", ")
            throw JSFError(
                .refused, Text(en: "'\(query)' is ambiguous in \(version): \(list)", fr: "'\(query)' est ambigu dans \(version) : \(list)"),
                hints: [Text(en: "give more of the id", fr: "donnez une plus grande partie de l'identifiant")])
        case .none:
            throw notFound(query, in: entries, version: version)
        }
    }

    /// The error for a target that matches nothing, with the closest clauses by number and title.
    public static func notFound(_ query: String, in entries: [IndexEntry], version: String) -> JSFError {
        let closest = closest(query, in: entries).map(describe).joined(separator: ", ")
        return JSFError(
            .refused, Text(en: "no clause '\(query)' in \(version)", fr: "pas de clause '\(query)' dans \(version)"),
            hints: [
                closest.isEmpty
                    ? Text(en: "'jsf clauses' lists them all", fr: "'jsf clauses' les liste toutes")
                    : Text(
                        en: "closest clauses: \(closest); 'jsf clauses' lists them all",
                        fr: "clauses les plus proches : \(closest) ; 'jsf clauses' les liste toutes")
            ])
    }

    /// "6.2 Approvisionnement et transport (approvisionnement-et-transport)".
    static func describe(_ entry: IndexEntry) -> String {
        entry.title.isEmpty ? "\(entry.number) (\(entry.id))" : "\(entry.number) \(entry.title) (\(entry.id))"
    }

    /// When clauses sharing a number are one line of descent, the deepest: a sub-clause can only carry its
    /// parent's number by writing it ("Article 1" under an unnumbered title, numbered 1 by position).
    static func deepestOfOneLine(_ found: [IndexEntry], in entries: [IndexEntry]) -> IndexEntry? {
        if found.count == 1 { return found[0] }
        var parents: [String: String] = [:]
        for entry in entries where parents[entry.id] == nil { parents[entry.id] = entry.parent ?? "" }
        func ancestors(_ id: String) -> Set<String> {
            var result = Set<String>()
            var cursor = parents[id] ?? ""
            while !cursor.isEmpty, result.insert(cursor).inserted { cursor = parents[cursor] ?? "" }
            return result
        }
        let line = found.sorted { $0.level < $1.level }
        for (upper, lower) in zip(line, line.dropFirst()) where !ancestors(lower.id).contains(upper.id) { return nil }
        return line.last
    }

    // MARK: Numbers

    struct Number: Equatable {
        /// Upper-cased, without its trailing dot: "6.2", "II.3", "A".
        var value: String
        /// Written with a keyword or a digit, so it cannot be mistaken for the start of an id.
        var readsAsNumber: Bool
    }

    /// Keywords that may precede a number, folded; longer first where one starts another.
    static let keywords = ["sous-section", "paragraphe", "chapitre", "article", "section", "partie", "titre", "livre", "art.", "art", "§"]

    /// The number a target names, whatever its spelling: "6.2", "6.2.", "art. 6.2", "Art 6.2", "ARTICLE 6",
    /// "article premier", "Chapitre II"; nil when it is not one.
    static func parseNumber(_ query: String) -> Number? {
        var rest = Substring(fold(query).clauseTrimmed())
        var keyword = false
        for word in keywords where rest.hasPrefix(word) {
            let after = rest.dropFirst(word.count)
            // "art.6" and "§6" need no space; "article6" is not a number.
            guard word.hasSuffix(".") || word == "§" || after.first?.isWhitespace == true else { continue }
            rest = after.drop(while: \.isWhitespace)
            keyword = true
            break
        }
        if keyword {
            if rest.hasPrefix("n°") { rest = rest.dropFirst(2).drop(while: \.isWhitespace) }
            if ["premier", "premiere", "1er", "1re"].contains(String(rest)) { return Number(value: "1", readsAsNumber: true) }
        }
        while let last = rest.last, last == "." || last == ")" || last == "°" { rest = rest.dropLast() }
        let segments = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard !rest.isEmpty, segments.allSatisfy(isNumberSegment) else { return nil }
        return Number(value: rest.uppercased(), readsAsNumber: keyword || rest.contains(where: \.isNumber))
    }

    /// Digits, a roman numeral or a single letter, as headings number clauses.
    private static func isNumberSegment(_ segment: Substring) -> Bool {
        guard !segment.isEmpty, segment.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else { return false }
        return segment.allSatisfy(\.isNumber) || segment.count == 1 || segment.allSatisfy { "ivxlcdm".contains($0) }
    }

    // MARK: Suggestions

    /// Up to `limit` clauses close to a target that matched nothing, closest first: by number when it reads as
    /// one (the same article's other clauses, else the neighbours at its depth), else by the words of the
    /// titles and ids, else by a small edit distance to an id.
    static func closest(_ query: String, in entries: [IndexEntry], limit: Int = 3) -> [IndexEntry] {
        var unique: [IndexEntry] = []
        var seen = Set<String>()
        for entry in entries where seen.insert(entry.id).inserted { unique.append(entry) }
        if let number = parseNumber(query), number.readsAsNumber {
            return closestByNumber(number.value, in: unique, limit: limit)
        }
        let key = fold(query).clauseTrimmed()
        let queryWords = words(key)
        let scored = unique.enumerated().map { position, entry in
            let own = words(fold(entry.title)) + words(entry.id)
            let score = queryWords.reduce(0) { total, word in total + (own.map { likeness(word, $0) }.max() ?? 0) }
            return (entry: entry, score: score, distance: distance(key, entry.id), position: position)
        }
        let sharing = scored.filter { $0.score > 0 }
        if !sharing.isEmpty {
            return sharing.sorted { ($1.score, $0.distance, $0.position) < ($0.score, $1.distance, $1.position) }.prefix(limit).map(\.entry)
        }
        let near = scored.filter { $0.distance <= max(2, key.count / 3) }
        return near.sorted { ($0.distance, $0.position) < ($1.distance, $1.position) }.prefix(limit).map(\.entry)
    }

    private static func closestByNumber(_ number: String, in entries: [IndexEntry], limit: Int) -> [IndexEntry] {
        let wanted = number.split(separator: ".").map(String.init)
        let ranked = entries.enumerated().map { position, entry in
            let have = entry.number.uppercased().split(separator: ".").map(String.init)
            let shared = zip(wanted, have).prefix { $0 == $1 }.count
            var gap = 0
            if shared < wanted.count, shared < have.count {
                if let a = Int(wanted[shared]), let b = Int(have[shared]) { gap = abs(a - b) } else { gap = 1000 }
            }
            return (entry: entry, shared: shared, depth: abs(wanted.count - have.count), gap: gap, position: position)
        }
        // The same article's clauses when there are any; the neighbours at the same depth otherwise.
        let best = ranked.map(\.shared).max() ?? 0
        let candidates = best > 0 ? ranked.filter { $0.shared == best } : ranked.filter { $0.depth == 0 }
        return candidates.sorted { ($0.depth, $0.gap, $0.position) < ($1.depth, $1.gap, $1.position) }.prefix(limit).map(\.entry)
    }

    private static let stopWords: Set<String> = [
        "le", "la", "les", "de", "des", "du", "et", "en", "au", "aux", "un", "une", "pour", "par", "sur", "dans", "avec", "sans", "ou",
        "the", "of", "and", "to", "in", "on", "for",
    ]

    /// The words of a folded text that say something.
    private static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { $0.count > 1 && !stopWords.contains($0) }
    }

    /// 3 for the same word, 2 when one begins the other (three letters at least), 1 for a typo, else 0.
    private static func likeness(_ a: String, _ b: String) -> Int {
        if a == b { return 3 }
        let shorter = min(a.count, b.count)
        if shorter >= 3, a.hasPrefix(b) || b.hasPrefix(a) { return 2 }
        if shorter >= 4, distance(a, b) <= (shorter >= 8 ? 2 : 1) { return 1 }
        return 0
    }

    /// Lower case without accents: "Développement" → "developpement".
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars).lowercased()
    }

    /// Levenshtein distance, for suggestions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = a[i - 1] == b[j - 1] ? previous : min(previous, row[j], row[j - 1]) + 1
                previous = saved
            }
        }
        return row[b.count]
    }
}
