import Foundation
internal import Git

/// What the reading commands take from one cctp.md: whether `jsf check` finds anything in its headings, its
/// clauses and its images. Derived from the text once and kept by the blob id of the text under
/// `.git/jsf/cache/` (`OutlineCache`), so that `status`, `check` and `show` need not parse 2,000 headings again.
struct CCTPOutline: Sendable, Equatable {
    /// One clause as `CCTPText.clauses()` gives it, without its text.
    struct Entry: Sendable, Equatable {
        var id: String
        var number: String
        var title: String
        var level: Int
        var parent: String?
        var kind: ClauseKind
        var weight: Int?
        var hash: String
        /// 1-based line of the heading.
        var line: Int
    }

    /// `Checker.checkText(requireIDs: true)` finds nothing: every heading has a good id, the weights are right.
    var clean: Bool
    /// The clauses; nil when `CCTPText.clauses()` refuses the text.
    var clauses: [Entry]?
    /// The images the text shows (`CMark.images`).
    var images: [(url: String, line: Int)]

    init(clean: Bool, clauses: [Entry]?, images: [(url: String, line: Int)]) {
        self.clean = clean
        self.clauses = clauses
        self.images = images
    }

    init(_ text: CCTPText) {
        clean = Checker.checkText(text, file: Layout.cctpFile, requireIDs: true).isEmpty
        clauses = (try? text.clauses())?.map { clause in
            Entry(
                id: clause.id, number: clause.number, title: clause.title, level: clause.level, parent: clause.parent, kind: clause.kind,
                weight: clause.weight, hash: clause.contentHash, line: clause.line)
        }
        images = CMark.images(text.source)
    }

    static func == (lhs: CCTPOutline, rhs: CCTPOutline) -> Bool {
        lhs.clean == rhs.clean && lhs.clauses == rhs.clauses && lhs.images.map(\.url) == rhs.images.map(\.url)
            && lhs.images.map(\.line) == rhs.images.map(\.line)
    }

    /// `ClauseIndex.derive` of the clauses; nil when the text has none to give.
    func index(previous: ClauseIndex?, version: Int) -> ClauseIndex? {
        guard let clauses else { return nil }
        let before = Dictionary((previous?.entries ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ClauseIndex(
            entries: clauses.map { clause in
                let old = before[clause.id]
                let unchanged = old?.hash == clause.hash
                return IndexEntry(
                    id: clause.id, number: clause.number, title: clause.title, level: clause.level, parent: clause.parent,
                    kind: clause.kind, weight: clause.weight, hash: clause.hash,
                    introduced: old?.introduced ?? version,
                    changed: unchanged ? (old?.changed ?? version) : version)
            })
    }

    /// `Reading.clauseSource` of `source` (the text this outline is of), without parsing it; nil when this outline
    /// cannot say (the text has no clauses, or carriage returns, which the two count differently as line ends).
    func clauseSource(_ source: String, id: String, withSubclauses: Bool) -> String?? {
        guard let clauses, !source.utf8.contains(0x0D) else { return nil }
        guard let n = clauses.firstIndex(where: { $0.id == id }) else { return .some(nil) }
        var next = n + 1
        if withSubclauses { while next < clauses.count, clauses[next].level > clauses[n].level { next += 1 } }
        let start = clauses[n].line - 1
        let end = next < clauses.count ? clauses[next].line - 1 : Int.max
        // The lines start..<end of the text split at each "\n", as `Reading.clauseSource` splits it.
        var lines: [Substring] = []
        let utf8 = source.utf8
        var line = 0
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        while line < end {
            if index == utf8.endIndex || utf8[index] == 0x0A {
                if line >= start { lines.append(source[lineStart..<index]) }
                line += 1
                if index == utf8.endIndex { break }
                index = utf8.index(after: index)
                lineStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return .some(lines.joined(separator: "\n") + "\n")
    }
}

/// The outlines of cctp.md texts, by the blob id of the text: in memory for the command, and on disk under
/// `.git/jsf/cache/cctp-<blob id>`, written whole (`AtomicFile`) with a format number and the blob id, never trusted
/// without both matching, rebuilt when absent, foreign or damaged. Removing the folder loses nothing.
final class OutlineCache {
    let folder: String
    private var memory: [ObjectID: CCTPOutline] = [:]

    /// How many outlines the folder keeps; the oldest goes first.
    static let limit = 12
    static let header = "jsf-cctp-outline 1"

    init(gitDirectory: String) {
        folder = gitDirectory + "/jsf/cache"
    }

    /// The outline of `source`, the text of `blob` (nil: the text's own blob id is computed).
    func outline(of source: String, blob: ObjectID?) -> CCTPOutline {
        let id = blob ?? ObjectID.hashBlob(Data(source.utf8))
        if let known = memory[id] { return known }
        let outline = read(id) ?? build(source, id: id)
        memory[id] = outline
        return outline
    }

    private func path(_ id: ObjectID) -> String { folder + "/cctp-" + id.hex }

    private func build(_ source: String, id: ObjectID) -> CCTPOutline {
        let outline = CCTPOutline(CCTPText(parsing: source))
        if let text = Self.render(outline, id: id) { store(text, id: id) }
        return outline
    }

    /// Writes the file, then keeps the `limit` newest; a folder that cannot be written is no error: no cache.
    private func store(_ text: String, id: ObjectID) {
        let fm = FileManager.default
        if !fm.fileExists(atPath: folder) { try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        guard (try? AtomicFile.write(text, to: path(id))) != nil else { return }
        guard let names = try? fm.contentsOfDirectory(atPath: folder).filter({ $0.hasPrefix("cctp-") }), names.count > Self.limit else { return }
        let dated = names.map { name -> (String, Date) in
            (name, ((try? fm.attributesOfItem(atPath: folder + "/" + name))?[.modificationDate] as? Date) ?? .distantPast)
        }
        for (name, _) in dated.sorted(by: { $0.1 > $1.1 }).dropFirst(Self.limit) { try? fm.removeItem(atPath: folder + "/" + name) }
    }

    private func read(_ id: ObjectID) -> CCTPOutline? {
        guard let data = FileManager.default.contents(atPath: path(id)), let text = String(data: data, encoding: .utf8) else { return nil }
        return Self.parse(text, id: id)
    }

    /// The file's text; nil when a field holds a tab or a line end (such a text is not kept).
    static func render(_ outline: CCTPOutline, id: ObjectID) -> String? {
        var out = header + "\nblob " + id.hex + "\nclean " + (outline.clean ? "1" : "0") + "\nimages \(outline.images.count)\n"
        func safe(_ field: String) -> Bool { !field.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }
        for image in outline.images {
            guard safe(image.url) else { return nil }
            out += "\(image.line)\t\(image.url)\n"
        }
        if let clauses = outline.clauses {
            out += "clauses \(clauses.count)\n"
            for c in clauses {
                guard [c.id, c.number, c.title, c.parent ?? "", c.hash].allSatisfy(safe) else { return nil }
                out +=
                    [
                        c.id, c.number, c.title, String(c.level), c.parent ?? "", c.kind.rawValue, c.weight.map(String.init) ?? "", c.hash,
                        String(c.line),
                    ]
                    .joined(separator: "\t") + "\n"
            }
        } else {
            out += "clauses none\n"
        }
        return out + "end\n"
    }

    /// The outline a file holds; nil unless it is of `id`, in this format, whole.
    static func parse(_ text: String, id: ObjectID) -> CCTPOutline? {
        var text = text
        return text.withUTF8 { bytes -> CCTPOutline? in
            var position = 0
            /// The next line, split at tabs into at most `fields` fields; nil at the end or on a last line without "\n".
            func next(_ fields: Int = 1) -> [String]? {
                guard position < bytes.count else { return nil }
                var result: [String] = []
                var start = position
                var k = position
                while k < bytes.count, bytes[k] != 0x0A {
                    if bytes[k] == 0x09, result.count < fields - 1 {
                        result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self))
                        start = k + 1
                    }
                    k += 1
                }
                guard k < bytes.count else { return nil }
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self))
                position = k + 1
                return result
            }
            func count(_ line: [String]?, _ prefix: String) -> Int? {
                guard let line, line.count == 1, line[0].hasPrefix(prefix), let n = Int(line[0].dropFirst(prefix.count)), n >= 0 else { return nil }
                return n
            }
            guard next() == [header], next() == ["blob " + id.hex], let cleanLine = next() else { return nil }
            let clean: Bool
            switch cleanLine {
            case ["clean 1"]: clean = true
            case ["clean 0"]: clean = false
            default: return nil
            }
            guard let imageCount = count(next(), "images ") else { return nil }
            var images: [(url: String, line: Int)] = []
            for _ in 0..<imageCount {
                guard let f = next(2), f.count == 2, let number = Int(f[0]) else { return nil }
                images.append((f[1], number))
            }
            guard let clausesLine = next() else { return nil }
            var clauses: [CCTPOutline.Entry]?
            if clausesLine != ["clauses none"] {
                guard let n = count(clausesLine, "clauses ") else { return nil }
                var entries: [CCTPOutline.Entry] = []
                entries.reserveCapacity(n)
                for _ in 0..<n {
                    guard let f = next(9), f.count == 9, !f[0].isEmpty, let level = Int(f[3]), let kind = ClauseKind(rawValue: f[5]),
                        let number = Int(f[8])
                    else { return nil }
                    let weight: Int?
                    if f[6].isEmpty {
                        weight = nil
                    } else {
                        guard let value = Int(f[6]) else { return nil }
                        weight = value
                    }
                    entries.append(
                        CCTPOutline.Entry(
                            id: f[0], number: f[1], title: f[2], level: level, parent: f[4].isEmpty ? nil : f[4], kind: kind, weight: weight,
                            hash: f[7], line: number))
                }
                clauses = entries
            }
            guard next() == ["end"], position == bytes.count else { return nil }
            return CCTPOutline(clean: clean, clauses: clauses, images: images)
        }
    }
}
