import Foundation
import JeSaisFaire

/// What kind of numbered heading a paragraph looks like, from the most to the least encompassing.
public enum HeadingKind: Sendable, Equatable, Hashable, CustomStringConvertible {
    case titre, partie, chapitre
    /// A bare roman numeral: "II. DISPOSITIONS GÉNÉRALES".
    case roman
    case section
    /// A bare letter: "A) Lot 1".
    case letter
    /// "Article 3", "3", "3.2", "3.2.1", "Article 3.2": the number of dot-separated segments.
    case numbered(depth: Int)

    /// Smaller encloses larger.
    public var rank: Int {
        switch self {
        case .titre: return 0
        case .partie: return 1
        case .chapitre: return 2
        case .roman: return 3
        case .section: return 4
        case .letter: return 5
        case .numbered(let depth): return 5 + max(1, depth)
        }
    }

    public var description: String {
        switch self {
        case .titre: return "titre"
        case .partie: return "partie"
        case .chapitre: return "chapitre"
        case .roman: return "roman"
        case .section: return "section"
        case .letter: return "letter"
        case .numbered(let depth): return "numbered(\(depth))"
        }
    }
}

/// A paragraph recognised as a numbered heading.
public struct HeadingCandidate: Sendable, Equatable {
    public var kind: HeadingKind
    public var number: String
    public var title: String
    /// Written with a keyword (Article, Chapitre, Titre…).
    public var hasKeyword: Bool
    /// The number's arabic segments ([3, 2] for "3.2"), nil when it has a roman numeral or a letter.
    public var arabic: [Int]?
}

/// Rules that tell a heading written as an ordinary paragraph from body text.
public enum HeadingDetection {
    /// Longest text (in characters) a detected heading may have.
    static let maximumLength = 140
    /// Longest title of a plain (neither bold nor capitals) numbered line.
    static let maximumPlainTitle = 90

    /// The numbered-heading reading of `text`, whatever its emphasis; nil when it carries no heading numbering.
    public static func candidate(_ text: String) -> HeadingCandidate? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if let unglued = unglued(text) { text = unglued }
        guard !text.isEmpty, text.count <= maximumLength else { return nil }
        let split = splitNumbering(text)
        guard let number = split.number else { return nil }
        let lower = text.lowercased()
        var keyword: String?
        for k in ["sous-section", "paragraphe", "chapitre", "article", "section", "partie", "titre", "livre", "art."]
        where lower.hasPrefix(k) {
            let rest = lower.dropFirst(k.count)
            if rest.first?.isWhitespace == true {
                keyword = k
                break
            }
        }
        let segments = number.split(separator: ".").map(String.init)
        let arabicSegments = segments.compactMap { Int($0) }
        let arabic = arabicSegments.count == segments.count ? arabicSegments : nil
        let kind: HeadingKind
        switch keyword {
        case "titre", "livre": kind = .titre
        case "partie": kind = .partie
        case "chapitre": kind = .chapitre
        case "section", "sous-section": kind = .section
        case "article", "art.", "paragraphe": kind = .numbered(depth: segments.count)
        default:
            if arabic != nil {
                kind = .numbered(depth: segments.count)
            } else if segments.count == 1, isRoman(number) {
                kind = .roman
            } else if segments.count == 1, number.count == 1 {
                kind = .letter
            } else {
                kind = .numbered(depth: segments.count)
            }
        }
        return HeadingCandidate(kind: kind, number: number, title: split.title, hasKeyword: keyword != nil, arabic: arabic)
    }

    /// Why a paragraph is, or is not, a heading.
    public enum Verdict: Sendable, Equatable {
        /// A heading, recognised by its numbering (and capitals), or by its numbering in bold.
        case heading(HeadingCandidate, bold: Bool)
        /// Bold or capitals and short, but without numbering: kept as a paragraph, worth a warning.
        case unnumberedEmphasis
        case body
    }

    /// Classifies one top-level paragraph of plain text `text`, `boldShare` of its letters in bold.
    public static func classify(_ text: String, boldShare: Double) -> Verdict {
        let text = text.trimmingCharacters(in: .whitespaces)
        let bold = boldShare >= 0.6
        guard !text.isEmpty, text.count <= maximumLength else { return .body }
        guard let candidate = candidate(text) else {
            if bold || isCapitals(text), text.count <= 80, !endsLikeSentence(text), !text.hasSuffix(":"),
                text.filter(\.isLetter).count >= 3
            {
                return .unnumberedEmphasis
            }
            return .body
        }
        let title = candidate.title
        let capitals = isCapitals(title)
        let emphasised = bold || capitals
        if endsLikeSentence(title) { return .body }
        if title.hasSuffix(":") && !emphasised && !candidate.hasKeyword { return .body }
        // A title starts with a capital (or is empty: "ARTICLE 3" with its title on the next line).
        if let first = title.first(where: { $0.isLetter || $0.isNumber }), first.isLetter, first.isLowercase { return .body }
        if let first = title.first, first.isNumber, !candidate.hasKeyword { return .body }
        // Years, quantities: "2027 …", "150 repas".
        if let arabic = candidate.arabic, arabic.contains(where: { $0 > 99 }) { return .body }
        let words = title.split(separator: " ").count
        switch candidate.kind {
        case .titre, .partie, .chapitre, .section:
            guard emphasised || (title.count <= maximumPlainTitle && words <= 14) else { return .body }
        case .numbered(let depth) where candidate.hasKeyword || depth >= 2:
            guard emphasised || (title.count <= maximumPlainTitle && words <= 14) else { return .body }
        case .numbered, .roman, .letter:
            // "1 OBJET", "II. Généralités", "A) Lot 1": only in bold or capitals, short.
            guard emphasised, words <= 14 else { return .body }
            if candidate.kind == .letter, candidate.number.first?.isLowercase == true, !bold { return .body }
        }
        if title.isEmpty && !candidate.hasKeyword { return .body }
        return .heading(candidate, bold: bold)
    }

    /// `text` with a space after a number glued to its title ("1.1.TERMINOLOGIE" → "1.1 TERMINOLOGIE",
    /// "III.Organisation", "Art.3 - Prix"); nil when nothing is glued.
    public static func unglued(_ text: String) -> String? {
        guard let split = gluedSplit(text) else { return nil }
        return split.number + " " + split.rest
    }

    /// The glued number and what follows it.
    static func gluedSplit(_ text: String) -> (number: String, rest: String)? {
        if let m = text.prefixMatch(of: #/(?i:art\.)(?=\d)/#) {
            return (String(m.output), String(text[m.range.upperBound...]))
        }
        if let m = text.prefixMatch(of: #/(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5})\.(?=\p{Lu})(?!\p{Lu}\.)/#) {
            var number = String(m.output)
            // "1.1." is written "1.1"; a single number keeps its dot ("1.", "III.").
            if number.dropLast().contains(".") { number.removeLast() }
            return (number, String(text[m.range.upperBound...]))
        }
        return nil
    }

    /// Words of a table of contents' title: «Sommaire», «Table des matières».
    public static func isTableOfContentsTitle(_ text: String) -> Bool {
        var t = text.lowercased().trimmingCharacters(in: .whitespaces)
        while let last = t.last, last == ":" || last == " " || last == "." { t.removeLast() }
        return ["sommaire", "table des matières", "table des matieres", "contents", "table of contents"].contains(t)
    }

    /// A line of a typed table of contents: an entry, then a dot leader (or a tab) and a page number.
    public static func endsWithPageNumber(_ text: String) -> Bool {
        text.count <= maximumLength && text.contains(#/(?:(?:\.\s*){4,}|…+\s*|_{4,}\s*|\t\s*)\d{1,3}\s*$/#)
    }

    /// Ends with a full stop, a semicolon or a comma (but not an ellipsis of a title).
    static func endsLikeSentence(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        if last == "." { return !text.hasSuffix("...") }
        return last == ";" || last == ","
    }

    /// At least three letters and no lower-case letter.
    static func isCapitals(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 3 && !letters.contains(where: \.isLowercase)
    }

    static func isRoman(_ s: String) -> Bool {
        guard !s.isEmpty, s.allSatisfy({ "IVXLC".contains($0) }) else { return false }
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
        let v = s.map { values[$0]! }
        var total = 0
        for (n, x) in v.enumerated() { total += (n + 1 < v.count && x < v[n + 1]) ? -x : x }
        let table: [(Int, String)] = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = total
        var out = ""
        for (value, text) in table {
            while n >= value {
                out += text
                n -= value
            }
        }
        return out == s
    }
}

/// Follows the numbering of the headings already accepted, to refuse paragraphs that break it
/// (a "5.3" under article 3, a second "2" right after "3").
struct NumberingTracker {
    /// The arabic path of the last numbered heading ([3, 2] after "3.2").
    var path: [Int] = []
    /// A heading of an enclosing kind (chapitre, titre…) came since the last numbered one: numbering may restart.
    var restartAllowed = true
    var lastNumbered: String?

    enum Check: Equatable {
        case fits
        case breaks(expectedAfter: String)
    }

    func check(_ candidate: HeadingCandidate) -> Check {
        guard case .numbered(let depth) = candidate.kind, let segments = candidate.arabic else { return .fits }
        guard !path.isEmpty else { return .fits }
        let after = lastNumbered ?? path.map(String.init).joined(separator: ".")
        if depth == 1 {
            if restartAllowed || segments[0] > path[0] { return .fits }
            return .breaks(expectedAfter: after)
        }
        // The parent's number must be the one we are in ("3.2" under 3), as far as we know it.
        let prefix = Array(segments.dropLast())
        let known = min(prefix.count, path.count)
        if Array(prefix.prefix(known)) != Array(path.prefix(known)) {
            if restartAllowed && path.count == 1 && known == 1 { return .breaks(expectedAfter: after) }
            return .breaks(expectedAfter: after)
        }
        // A sibling must come after the previous one at the same depth.
        if path.count >= depth, Array(path.prefix(depth - 1)) == prefix, segments[depth - 1] <= path[depth - 1] {
            return .breaks(expectedAfter: after)
        }
        return .fits
    }

    mutating func accept(_ candidate: HeadingCandidate) {
        switch candidate.kind {
        case .numbered:
            if let segments = candidate.arabic {
                path = segments
                lastNumbered = candidate.number
                restartAllowed = false
            }
        default:
            restartAllowed = true
        }
    }
}
