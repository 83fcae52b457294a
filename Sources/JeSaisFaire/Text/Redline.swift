import Foundation

/// One step of a word-level diff. The texts of `.equal` and `.delete` steps, concatenated in order,
/// give back the old text; those of `.equal` and `.insert` steps give back the new one.
public enum DiffOp: Sendable, Equatable {
    case equal(String)
    case delete(String)
    case insert(String)
}

/// How `WordDiff.render` marks changes: what opens and closes a deletion and an insertion. The domain knows only
/// the plain markers; a terminal's colours are the command line's (`RedlineStyle.terminal` there).
public struct RedlineStyle: Sendable, Equatable {
    public var deletionOpen: String
    public var deletionClose: String
    public var insertionOpen: String
    public var insertionClose: String

    public init(deletionOpen: String, deletionClose: String, insertionOpen: String, insertionClose: String) {
        self.deletionOpen = deletionOpen
        self.deletionClose = deletionClose
        self.insertionOpen = insertionOpen
        self.insertionClose = insertionClose
    }

    /// `[-deleted-]` and `{+inserted+}` (git's `--word-diff=plain` markers).
    public static let plain = RedlineStyle(deletionOpen: "[-", deletionClose: "-]", insertionOpen: "{+", insertionClose: "+}")
}

/// Word-level diff and redline rendering.
public enum WordDiff {
    /// Above this many token edits (after trimming the common prefix and suffix), `diff` gives up on
    /// a minimal script and reports the differing middle as one deletion plus one insertion.
    public static let defaultMaxEditDistance = 4_000

    /// Tokens are runs of non-whitespace and runs of whitespace, so the concatenation of the
    /// equal+delete parts is exactly `old` and equal+insert is exactly `new`.
    ///
    /// Myers' O(ND) algorithm (linear-space, middle-snake variant), with a fallback to a
    /// prefix/suffix trim plus one delete/insert pair when the edit distance exceeds
    /// `defaultMaxEditDistance` tokens. Adjacent ops of the same kind are merged, a replacement lists
    /// its deletion first, and a whitespace-only equal run between two replacements (changes with
    /// both a deletion and an insertion) is folded into them, so "a b c" → "x y z" gives `[.delete("a b c"),
    /// .insert("x y z")]`. No op has empty text; two empty strings give `[]`.
    public static func diff(_ old: String, _ new: String) -> [DiffOp] {
        diff(old, new, maxEditDistance: defaultMaxEditDistance)
    }

    /// `diff` with an explicit edit-distance bound (in tokens).
    static func diff(_ old: String, _ new: String, maxEditDistance: Int) -> [DiffOp] {
        let oldTokens = tokenize(old)
        let newTokens = tokenize(new)

        // Intern tokens by their exact UTF-8 bytes (String's == uses canonical equivalence, which
        // would let "é" match "e\u{301}" and break the byte-exact reconstruction).
        var ids: [[UInt8]: Int] = [:]
        func intern(_ t: Substring) -> Int {
            let key = Array(t.utf8)
            if let id = ids[key] { return id }
            let id = ids.count
            ids[key] = id
            return id
        }
        let a = oldTokens.map(intern)
        let b = newTokens.map(intern)

        var edits =
            editScript(a, b, maxEditDistance: maxEditDistance)
            ?? trimFallback(a, b)
        slideLoneChanges(
            &edits, a: a, b: b,
            oldHasNewline: oldTokens.map { $0.contains(where: \.isNewline) },
            newHasNewline: newTokens.map { $0.contains(where: \.isNewline) },
            oldIsSpace: oldTokens.map { $0.first?.isWhitespace ?? false },
            newIsSpace: newTokens.map { $0.first?.isWhitespace ?? false })

        var raw: [DiffOp] = []
        raw.reserveCapacity(edits.count)
        for edit in edits {
            switch edit.kind {
            case .equal: raw.append(.equal(oldTokens[edit.range].joined()))
            case .delete: raw.append(.delete(oldTokens[edit.range].joined()))
            case .insert: raw.append(.insert(newTokens[edit.range].joined()))
            }
        }
        return normalize(raw)
    }

    /// Each deletion between the style's deletion markers (plain: `[-text-]`), each insertion between its insertion
    /// markers (plain: `{+text+}`). Equal text is copied unchanged. A replacement shows the deletion first (an insertion directly followed by a
    /// deletion is swapped). Newlines inside a change are kept inside the markers.
    public static func render(_ ops: [DiffOp], style: RedlineStyle) -> String {
        var out = ""
        func emitDelete(_ t: String) {
            guard !t.isEmpty else { return }
            out += style.deletionOpen + t + style.deletionClose
        }
        func emitInsert(_ t: String) {
            guard !t.isEmpty else { return }
            out += style.insertionOpen + t + style.insertionClose
        }
        var i = 0
        while i < ops.count {
            switch ops[i] {
            case .equal(let t):
                out += t
            case .delete(let t):
                emitDelete(t)
            case .insert(let t):
                if i + 1 < ops.count, case .delete(let d) = ops[i + 1] {
                    emitDelete(d)
                    emitInsert(t)
                    i += 1
                } else {
                    emitInsert(t)
                }
            }
            i += 1
        }
        return out
    }

    /// Convenience: `render(diff(old, new), style:)`.
    public static func redline(_ old: String, _ new: String, style: RedlineStyle) -> String {
        render(diff(old, new), style: style)
    }

    /// Counts of words (non-whitespace tokens) deleted and inserted, for summaries.
    public static func stats(_ ops: [DiffOp]) -> (deleted: Int, inserted: Int) {
        var deleted = 0
        var inserted = 0
        for op in ops {
            switch op {
            case .equal: break
            case .delete(let t): deleted += wordCount(t)
            case .insert(let t): inserted += wordCount(t)
            }
        }
        return (deleted, inserted)
    }

    // MARK: - Tokens

    /// Splits into maximal runs of whitespace and of non-whitespace characters (grapheme clusters,
    /// so "\r\n" and combining sequences stay whole).
    static func tokenize(_ s: String) -> [Substring] {
        var tokens: [Substring] = []
        var start = s.startIndex
        var runIsSpace: Bool? = nil
        var i = s.startIndex
        while i < s.endIndex {
            let space = s[i].isWhitespace
            if let r = runIsSpace, r != space {
                tokens.append(s[start..<i])
                start = i
            }
            runIsSpace = space
            i = s.index(after: i)
        }
        if start < s.endIndex { tokens.append(s[start..<s.endIndex]) }
        return tokens
    }

    static func wordCount(_ s: String) -> Int {
        var count = 0
        var inWord = false
        for c in s {
            if c.isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    private static func isBlank(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy(\.isWhitespace)
    }

    // MARK: - Edit script (Myers)

    enum EditKind: Sendable, Equatable { case equal, delete, insert }

    /// A run of edits: `range` indexes `a` for `.equal`/`.delete`, `b` for `.insert`.
    struct Edit: Sendable, Equatable {
        var kind: EditKind
        var range: Range<Int>
    }

    /// A minimal edit script turning `a` into `b` (equal runs index `a`), or nil when the edit
    /// distance, after trimming the common prefix and suffix, exceeds `maxEditDistance`.
    static func editScript(_ a: [Int], _ b: [Int], maxEditDistance: Int) -> [Edit]? {
        var builder = EditBuilder(a: a, b: b)
        guard builder.run(0, a.count, 0, b.count, limit: max(0, maxEditDistance)) else { return nil }
        return builder.edits
    }

    /// Common prefix and suffix as equal runs around one deletion and one insertion.
    static func trimFallback(_ a: [Int], _ b: [Int]) -> [Edit] {
        var p = 0
        while p < a.count, p < b.count, a[p] == b[p] { p += 1 }
        var s = 0
        while s < a.count - p, s < b.count - p, a[a.count - 1 - s] == b[b.count - 1 - s] { s += 1 }
        var edits: [Edit] = []
        if p > 0 { edits.append(Edit(kind: .equal, range: 0..<p)) }
        if a.count - s > p { edits.append(Edit(kind: .delete, range: p..<(a.count - s))) }
        if b.count - s > p { edits.append(Edit(kind: .insert, range: p..<(b.count - s))) }
        if s > 0 { edits.append(Edit(kind: .equal, range: (a.count - s)..<a.count)) }
        return edits
    }

    /// A pure insertion or deletion between two equal runs can often slide (e.g. "200{+ € |\n| x |
    /// 50+} € |" vs "200 € |\n{+| x | 50 € |\n+}"). Each such run is moved to its best equivalent
    /// position: starting at a line start, then ending with a newline, then starting with a word;
    /// leftmost on ties. Only runs with an equal run on both sides move (the equal runs trade tokens).
    static func slideLoneChanges(
        _ edits: inout [Edit], a: [Int], b: [Int],
        oldHasNewline: [Bool], newHasNewline: [Bool],
        oldIsSpace: [Bool], newIsSpace: [Bool]
    ) {
        var i = 0
        while i < edits.count {
            let kind = edits[i].kind
            let prevIsEqual = i > 0 && edits[i - 1].kind == .equal
            let nextIsEqual = i + 1 < edits.count && edits[i + 1].kind == .equal
            guard kind != .equal, prevIsEqual, nextIsEqual else {
                i += 1
                continue
            }
            let seq = kind == .insert ? b : a
            let hasNewline = kind == .insert ? newHasNewline : oldHasNewline
            let isSpace = kind == .insert ? newIsSpace : oldIsSpace
            let range = edits[i].range
            let before = edits[i - 1].range.count
            let after = edits[i + 1].range.count
            // The run [lo, hi) can move left while its last token equals the one before it, right
            // while its first token equals the one after it (which lie in the equal runs).
            var left = 0
            while left < before, seq[range.lowerBound - left - 1] == seq[range.upperBound - left - 1] { left += 1 }
            var right = 0
            while right < after, seq[range.lowerBound + right] == seq[range.upperBound + right] { right += 1 }
            guard left + right > 0 else {
                i += 1
                continue
            }
            func score(_ shift: Int) -> Int {
                let lo = range.lowerBound + shift
                let hi = range.upperBound + shift
                var s = 0
                if lo == 0 || hasNewline[lo - 1] { s += 4 }
                if hasNewline[hi - 1] { s += 2 }
                if !isSpace[lo] { s += 1 }
                return s
            }
            var best = -left
            var bestScore = score(-left)
            for shift in (-left + 1)...right {
                let sc = score(shift)
                if sc > bestScore {
                    best = shift
                    bestScore = sc
                }
            }
            if best != 0 {
                edits[i].range = (range.lowerBound + best)..<(range.upperBound + best)
                let p = edits[i - 1].range
                let n = edits[i + 1].range
                edits[i - 1].range = p.lowerBound..<(p.upperBound + best)
                edits[i + 1].range = (n.lowerBound + best)..<n.upperBound
            }
            i += 1
        }
        edits.removeAll { $0.kind == .equal && $0.range.isEmpty }
    }

    private struct EditBuilder {
        let a: [Int]
        let b: [Int]
        var edits: [Edit] = []

        init(a: [Int], b: [Int]) {
            self.a = a
            self.b = b
        }

        mutating func emit(_ kind: EditKind, _ range: Range<Int>) {
            guard !range.isEmpty else { return }
            if let last = edits.last, last.kind == kind, last.range.upperBound == range.lowerBound {
                edits[edits.count - 1].range = last.range.lowerBound..<range.upperBound
            } else {
                edits.append(Edit(kind: kind, range: range))
            }
        }

        /// Diffs a[aLo..<aHi] against b[bLo..<bHi], appending edits in order. With a `limit`, returns
        /// false (having possibly emitted a prefix) when the edit distance of the trimmed middle
        /// exceeds it.
        mutating func run(_ aLo0: Int, _ aHi0: Int, _ bLo0: Int, _ bHi0: Int, limit: Int?) -> Bool {
            var aLo = aLo0
            var aHi = aHi0
            var bLo = bLo0
            var bHi = bHi0
            let prefixStart = aLo
            while aLo < aHi, bLo < bHi, a[aLo] == b[bLo] {
                aLo += 1
                bLo += 1
            }
            let prefix = prefixStart..<aLo
            let suffixEnd = aHi
            while aHi > aLo, bHi > bLo, a[aHi - 1] == b[bHi - 1] {
                aHi -= 1
                bHi -= 1
            }
            let suffix = aHi..<suffixEnd

            if aLo == aHi || bLo == bHi {
                emit(.equal, prefix)
                emit(.delete, aLo..<aHi)
                emit(.insert, bLo..<bHi)
                emit(.equal, suffix)
                return true
            }
            // The edit distance is at least the length difference.
            if let limit, abs((aHi - aLo) - (bHi - bLo)) > limit { return false }
            switch bisect(aLo, aHi, bLo, bHi, limit: limit) {
            case .tooFar:
                return false
            case .disjoint:
                emit(.equal, prefix)
                emit(.delete, aLo..<aHi)
                emit(.insert, bLo..<bHi)
                emit(.equal, suffix)
            case .split(let x, let y):
                emit(.equal, prefix)
                _ = run(aLo, x, bLo, y, limit: nil)
                _ = run(x, aHi, y, bHi, limit: nil)
                emit(.equal, suffix)
            }
            return true
        }

        enum Bisection { case split(Int, Int), disjoint, tooFar }

        /// Myers' middle snake: a point (x, y) on an optimal path through the edit graph of
        /// a[aLo..<aHi] × b[bLo..<bHi] (absolute indices), `.disjoint` when the two share no token,
        /// `.tooFar` when `limit` is set and the edit distance exceeds it.
        func bisect(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int, limit: Int?) -> Bisection {
            let n = aHi - aLo
            let m = bHi - bLo
            let maxD = (n + m + 1) / 2
            let vOffset = maxD
            let vLength = 2 * maxD + 2 // room for the vOffset + 1 seed even when maxD == 1
            var v1 = [Int](repeating: -1, count: vLength)
            var v2 = [Int](repeating: -1, count: vLength)
            v1[vOffset + 1] = 0
            v2[vOffset + 1] = 0
            let delta = n - m
            // With an odd delta the paths meet while extending forward, else while extending backward.
            let front = delta % 2 != 0
            var k1start = 0
            var k1end = 0
            var k2start = 0
            var k2end = 0

            for d in 0..<maxD {
                // After d rounds both directions have spent d edits: D ≥ 2d - 1.
                if let limit, 2 * d - 1 > limit { return .tooFar }

                var k1 = -d + k1start
                while k1 <= d - k1end {
                    let k1Offset = vOffset + k1
                    var x1: Int
                    if k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1]) {
                        x1 = v1[k1Offset + 1]
                    } else {
                        x1 = v1[k1Offset - 1] + 1
                    }
                    var y1 = x1 - k1
                    while x1 < n, y1 < m, a[aLo + x1] == b[bLo + y1] {
                        x1 += 1
                        y1 += 1
                    }
                    v1[k1Offset] = x1
                    if x1 > n {
                        k1end += 2 // ran off the right of the graph
                    } else if y1 > m {
                        k1start += 2 // ran off the bottom
                    } else if front {
                        let k2Offset = vOffset + delta - k1
                        if k2Offset >= 0, k2Offset < vLength, v2[k2Offset] != -1 {
                            let x2 = n - v2[k2Offset]
                            if x1 >= x2 { return .split(aLo + x1, bLo + y1) }
                        }
                    }
                    k1 += 2
                }

                var k2 = -d + k2start
                while k2 <= d - k2end {
                    let k2Offset = vOffset + k2
                    var x2: Int
                    if k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1]) {
                        x2 = v2[k2Offset + 1]
                    } else {
                        x2 = v2[k2Offset - 1] + 1
                    }
                    var y2 = x2 - k2
                    while x2 < n, y2 < m, a[aHi - 1 - x2] == b[bHi - 1 - y2] {
                        x2 += 1
                        y2 += 1
                    }
                    v2[k2Offset] = x2
                    if x2 > n {
                        k2end += 2
                    } else if y2 > m {
                        k2start += 2
                    } else if !front {
                        let k1Offset = vOffset + delta - k2
                        if k1Offset >= 0, k1Offset < vLength, v1[k1Offset] != -1 {
                            let x1 = v1[k1Offset]
                            let y1 = vOffset + x1 - k1Offset
                            if x1 >= n - x2 { return .split(aLo + x1, bLo + y1) }
                        }
                    }
                    k2 += 2
                }
            }
            return .disjoint
        }
    }

    // MARK: - Normalisation

    private enum Segment {
        case equal(String)
        case change(deleted: String, inserted: String)
    }

    /// Drops empty ops, merges adjacent ops of a kind, gathers each run of changes into one
    /// deletion followed by one insertion, and folds whitespace-only equal runs lying between two
    /// replacements into them (the gap goes into both sides, so both stay whole phrases).
    static func normalize(_ ops: [DiffOp]) -> [DiffOp] {
        var segments: [Segment] = []
        for op in ops {
            switch op {
            case .equal(let t):
                guard !t.isEmpty else { continue }
                if case .equal(let previous)? = segments.last {
                    segments[segments.count - 1] = .equal(previous + t)
                } else {
                    segments.append(.equal(t))
                }
            case .delete(let t), .insert(let t):
                guard !t.isEmpty else { continue }
                var deleted = ""
                var inserted = ""
                if case .delete = op { deleted = t } else { inserted = t }
                if case .change(let pd, let pi)? = segments.last {
                    segments.removeLast()
                    deleted = pd + deleted
                    inserted = pi + inserted
                }
                segments.append(.change(deleted: deleted, inserted: inserted))
            }
            // Fold change, blank equal, change → one change.
            while segments.count >= 3,
                case .change(let nd, let ni) = segments[segments.count - 1],
                case .equal(let gap) = segments[segments.count - 2], isBlank(gap),
                case .change(let pd, let pi) = segments[segments.count - 3],
                !pd.isEmpty, !pi.isEmpty, !nd.isEmpty, !ni.isEmpty
            {
                segments.removeLast(3)
                segments.append(.change(deleted: pd + gap + nd, inserted: pi + gap + ni))
            }
        }

        var result: [DiffOp] = []
        result.reserveCapacity(segments.count * 2)
        for segment in segments {
            switch segment {
            case .equal(let t):
                result.append(.equal(t))
            case .change(let d, let i):
                if !d.isEmpty { result.append(.delete(d)) }
                if !i.isEmpty { result.append(.insert(i)) }
            }
        }
        return result
    }
}
