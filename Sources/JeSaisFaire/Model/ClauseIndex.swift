/// One line of clauses.yml.
public struct IndexEntry: Sendable, Equatable, Codable {
    public var id: String
    public var number: String
    public var title: String
    public var level: Int
    public var parent: String?
    public var kind: ClauseKind
    public var weight: Int?
    public var hash: String
    /// The draft that first had this clause.
    public var introduced: Int
    /// The draft that last changed its content.
    public var changed: Int

    /// Equal as text, whatever the versions say.
    public func sameContent(as other: IndexEntry) -> Bool {
        id == other.id && number == other.number && title == other.title && level == other.level && parent == other.parent
            && kind == other.kind && weight == other.weight && hash == other.hash
    }
}

/// clauses.yml: the clause index derived from cctp.md and committed with it.
public struct ClauseIndex: Sendable, Equatable {
    public var entries: [IndexEntry] {
        didSet { positions = Self.positions(of: entries) }
    }

    /// Where each id is in `entries`, for lookups in constant time.
    private(set) var positions: [String: Int]

    public init(entries: [IndexEntry]) {
        self.entries = entries
        positions = Self.positions(of: entries)
    }

    private static func positions(of entries: [IndexEntry]) -> [String: Int] {
        Dictionary(entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: String) -> IndexEntry? { positions[id].map { entries[$0] } }

    public var criteria: [IndexEntry] { entries.filter { $0.kind == .criterion } }

    /// Derives the index of draft `version` from the clauses, keeping the history of `previous` (the last published draft's index).
    public static func derive(from clauses: [Clause], previous: ClauseIndex?, version: Int) -> ClauseIndex {
        let before = Dictionary((previous?.entries ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ClauseIndex(
            entries: clauses.map { clause in
                let old = before[clause.id]
                let unchanged = old?.hash == clause.contentHash
                return IndexEntry(
                    id: clause.id, number: clause.number, title: clause.title, level: clause.level, parent: clause.parent,
                    kind: clause.kind, weight: clause.weight, hash: clause.contentHash,
                    introduced: old?.introduced ?? version,
                    changed: unchanged ? (old?.changed ?? version) : version)
            })
    }

    /// True when both list the same clauses with the same content, ignoring version history.
    public func sameContent(as other: ClauseIndex) -> Bool {
        entries.count == other.entries.count && zip(entries, other.entries).allSatisfy { $0.sameContent(as: $1) }
    }

    public func yaml() -> String {
        YAMLValue.map([
            ("format", .int(1)),
            (
                "clauses",
                .list(
                    entries.map { entry in
                        var pairs: [(String, YAMLValue)] = [
                            ("id", .string(entry.id)),
                            ("number", .string(entry.number)),
                            ("title", .string(entry.title)),
                            ("level", .int(entry.level)),
                        ]
                        if let parent = entry.parent { pairs.append(("parent", .string(parent))) }
                        pairs.append(("kind", .string(entry.kind.rawValue)))
                        if let weight = entry.weight { pairs.append(("weight", .int(weight))) }
                        pairs += [("hash", .string(entry.hash)), ("introduced", .int(entry.introduced)), ("changed", .int(entry.changed))]
                        return .map(pairs)
                    })
            ),
        ]).render()
    }

    /// The index `text` holds, with the problems met reading it. An index as jsf writes it is read line by line
    /// (`ClauseIndexLines`); any other text is read as YAML, with every check and message.
    public static func parse(_ text: String, file: String = Layout.indexFile) -> (ClauseIndex?, [Problem]) {
        if let entries = ClauseIndexLines.entries(text) { return (ClauseIndex(entries: entries), []) }
        return parseYAML(text, file: file)
    }

    /// The index `text` holds, read as YAML (Yams), with the problems met.
    static func parseYAML(_ text: String, file: String = Layout.indexFile) -> (ClauseIndex?, [Problem]) {
        let reader = YAMLReader(file: file)
        guard let root = reader.root(text) else { return (nil, reader.problems) }
        root.rejectUnknownKeys(["format", "clauses"])
        root.checkFormat()
        var entries: [IndexEntry] = []
        for map in root.maps("clauses") ?? [] {
            map.rejectUnknownKeys(["id", "number", "title", "level", "parent", "kind", "weight", "hash", "introduced", "changed"])
            guard let id = map.string("id"), let number = map.string("number"), let title = map.string("title"),
                let level = map.int("level"), let kindText = map.string("kind"), let hash = map.string("hash"),
                let introduced = map.int("introduced"), let changed = map.int("changed")
            else { continue }
            guard let kind = ClauseKind(rawValue: kindText) else {
                map.report(
                    "kind", code: "index.bad-kind", en: "'kind' must be clause or criterion, not '\(kindText)'",
                    fr: "'kind' doit valoir clause ou criterion, pas '\(kindText)'")
                continue
            }
            entries.append(
                IndexEntry(
                    id: id, number: number, title: title, level: level, parent: map.string("parent", required: false),
                    kind: kind, weight: map.int("weight", required: false), hash: hash,
                    introduced: introduced, changed: changed))
        }
        return (ClauseIndex(entries: entries), reader.problems)
    }
}

/// What changed between two indexes, clause by clause.
public struct IndexChanges: Sendable, Equatable {
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []

    public init(from old: ClauseIndex?, to new: ClauseIndex) {
        let before = Dictionary((old?.entries ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Set(new.entries.map(\.id))
        for entry in new.entries {
            if let previous = before[entry.id] {
                // Renumbering or moving a clause is not a change of its content.
                if previous.hash != entry.hash || previous.weight != entry.weight || previous.title != entry.title || previous.kind != entry.kind {
                    changed.append(entry.id)
                }
            } else {
                added.append(entry.id)
            }
        }
        removed = (old?.entries ?? []).map(\.id).filter { !after.contains($0) }
    }

    public var count: Int { added.count + changed.count + removed.count }
    public var isEmpty: Bool { count == 0 }
}
