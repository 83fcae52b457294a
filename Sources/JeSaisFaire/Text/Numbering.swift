import Foundation

/// Splits a heading into (number, title): "Article 3 — Exigences" → ("3", "Exigences");
/// "3.2 Délais d'exécution" → ("3.2", "Délais d'exécution"); "CHAPITRE II – Objet" → ("II", "Objet");
/// "Objet du marché" → (nil, "Objet du marché").
///
/// Recognised forms: an optional keyword (Article, Art., Chapitre, Titre, Section, Sous-section, Partie,
/// Paragraphe, Livre; any case) followed by a number; or a bare number. A number is dot-separated
/// segments of digits, upper-case roman numerals (I…LXXXIX) or a single letter, with an optional
/// trailing dot ("3", "3.2", "3.2.", "II", "A", "II.3", "1er"/"premier" → "1"). It may be followed by
/// ")" or "°" and then by a separator (— – - : .). A bare roman numeral or letter needs a trailing dot,
/// ")" or a dash/colon separator ("II. Objet", "A) Objet", "B – Objet"); a bare arabic number only needs
/// a following space ("1 OBJET DU MARCHÉ"). The number is returned without its trailing dot.
public func splitNumbering(_ heading: String) -> (number: String?, title: String) {
    let chars = Array(heading.clauseTrimmed())
    let original = String(chars)
    var i = 0
    var hasKeyword = false

    // Keyword.
    let keywords = [
        "sous-section", "paragraphe", "chapitre", "article", "section", "partie", "titre",
        "livre", "art.",
    ]
    let lower = chars.map { Character($0.lowercased()) }
    for kw in keywords {
        let k = Array(kw)
        if lower.count > k.count, Array(lower[0..<k.count]) == k, chars[k.count].isWhitespace {
            var j = k.count
            while j < chars.count, chars[j].isWhitespace { j += 1 }
            i = j
            hasKeyword = true
            break
        }
    }

    guard let tok = scanNumberToken(chars, from: i, keyword: hasKeyword) else {
        return (nil, original)
    }
    var j = tok.end
    // Optional ")" or "°" right after the number.
    var closed = false
    while j < chars.count, chars[j] == ")" || chars[j] == "°" {
        closed = true
        j += 1
    }
    // Boundary: end, or whitespace, or a separator.
    let separators: Set<Character> = ["—", "–", "-", ":", ".", "‒", "―"]
    if j < chars.count, !chars[j].isWhitespace, !(closed || separators.contains(chars[j])) {
        return (nil, original)
    }
    if j < chars.count, !chars[j].isWhitespace, separators.contains(chars[j]), !closed {
        // A separator glued to the number ("3-Objet", "II:") — accept only ':' and dashes followed by space.
        let next = j + 1 < chars.count ? chars[j + 1] : " "
        if !next.isWhitespace { return (nil, original) }
    }
    var k = j
    while k < chars.count, chars[k].isWhitespace { k += 1 }
    var sawSeparator = false
    if k < chars.count, separators.contains(chars[k]) {
        let next = k + 1 < chars.count ? chars[k + 1] : " "
        if next.isWhitespace {
            sawSeparator = true
            k += 1
        }
    }
    while k < chars.count, chars[k].isWhitespace { k += 1 }

    if !hasKeyword && !tok.arabic && !(tok.trailingDot || closed || sawSeparator) {
        return (nil, original)
    }
    if !hasKeyword && tok.arabic && j == chars.count {
        // A heading that is only a number ("2024"): numbering with an empty title.
        return (tok.number, "")
    }
    if !hasKeyword && j < chars.count && !chars[j].isWhitespace && !closed && !sawSeparator {
        return (nil, original)
    }
    return (tok.number, String(chars[k...]))
}

private struct NumberToken {
    var number: String
    var end: Int
    var trailingDot: Bool
    var arabic: Bool
}

private func scanNumberToken(_ c: [Character], from start: Int, keyword: Bool) -> NumberToken? {
    guard start < c.count else { return nil }
    if keyword {
        for word in ["premier", "première", "1er", "1re"] {
            let w = Array(word)
            if c.count >= start + w.count,
                c[start..<start + w.count].map({ Character($0.lowercased()) }) == w,
                start + w.count == c.count || !(c[start + w.count].isLetter || c[start + w.count].isNumber)
            {
                return NumberToken(number: "1", end: start + w.count, trailingDot: false, arabic: true)
            }
        }
    }
    var segments: [String] = []
    var i = start
    var trailingDot = false
    var arabic = false
    while i < c.count {
        var j = i
        if c[j].isASCII && c[j].isNumber {
            while j < c.count, c[j].isASCII, c[j].isNumber { j += 1 }
            arabic = true
        } else if isRomanChar(c[j]) {
            while j < c.count, isRomanChar(c[j]) { j += 1 }
            let s = String(c[i..<j])
            if !isCanonicalRoman(s) {
                // A single letter is still a valid segment ("C", "D").
                if j - i != 1 { return nil }
            }
        } else if c[j].isASCII && c[j].isLetter {
            j += 1
        } else {
            break
        }
        // The segment must end at a boundary (not "3D", "Objet").
        if j < c.count, c[j].isLetter || c[j].isNumber { return nil }
        segments.append(String(c[i..<j]))
        i = j
        if i < c.count, c[i] == "." {
            if i + 1 < c.count, c[i + 1].isASCII, c[i + 1].isLetter || c[i + 1].isNumber {
                i += 1
                continue
            }
            trailingDot = true
            i += 1
        }
        break
    }
    guard !segments.isEmpty else { return nil }
    return NumberToken(number: segments.joined(separator: "."), end: i, trailingDot: trailingDot, arabic: arabic)
}

private func isRomanChar(_ ch: Character) -> Bool { "IVXL".contains(ch) }

private func isCanonicalRoman(_ s: String) -> Bool {
    let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50]
    var total = 0
    let v = s.map { values[$0] ?? 0 }
    for (n, x) in v.enumerated() {
        if n + 1 < v.count, x < v[n + 1] { total -= x } else { total += x }
    }
    guard total > 0, total < 90 else { return false }
    return romanNumeral(total) == s
}

/// `n` in upper-case roman numerals (1 to 3999; other values in digits), as chapters and Word's numbering write them.
public func romanNumeral(_ n: Int) -> String {
    guard n > 0, n < 4000 else { return String(n) }
    let table: [(Int, String)] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
        (5, "V"), (4, "IV"), (1, "I"),
    ]
    var n = n
    var out = ""
    for (v, s) in table {
        while n >= v {
            out += s
            n -= v
        }
    }
    return out
}

/// A clean id from a title: lowercase ASCII, accents folded (é→e, œ→oe, æ→ae, ß→ss), apostrophes and any
/// other non-alphanumerics become single hyphens, trimmed; numbering prefixes removed first (when that
/// leaves nothing, the whole title is used); at most 48 chars cut at a hyphen; never empty (fallback
/// "section"); never starting with a digit (prefix "s-").
public func slug(_ title: String) -> String { slug(title, limit: 48) }

/// The id `jsf` gives a new heading: its `slug`, when that is at most `clauseIDLimit` characters; else the slug
/// without the French stop words after its first word («de», «la», «et»…), cut after the last whole word that fits
/// (a single longer word is cut at the limit). Short ids stay as they always were; only long titles shrink.
public func clauseSlug(_ title: String) -> String {
    let full = slug(title, limit: Int.max)
    guard full.count > clauseIDLimit else { return full }
    let words = full.split(separator: "-").map(String.init)
    let kept = words.enumerated().filter { $0.offset == 0 || !clauseIDStopWords.contains($0.element) }.map(\.element)
    var out = ""
    for word in kept {
        let next = out.isEmpty ? word : out + "-" + word
        guard next.count <= clauseIDLimit else { break }
        out = next
    }
    return out.isEmpty ? String(full.prefix(clauseIDLimit)) : out
}

/// The longest id `clauseSlug` makes, in characters.
public let clauseIDLimit = 40

/// Words a long id does without: articles, prepositions and conjunctions, accents folded as in ids.
let clauseIDStopWords: Set<String> = [
    "a", "au", "aux", "avec", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "sur", "un",
    "une",
]

func slug(_ title: String, limit: Int) -> String {
    var base = splitNumbering(title).title
    if base.clauseTrimmed().isEmpty { base = title }
    var out = ""
    var pendingHyphen = false
    func emit(_ s: String) {
        if pendingHyphen && !out.isEmpty { out += "-" }
        pendingHyphen = false
        out += s
    }
    for scalar in base.decomposedStringWithCanonicalMapping.unicodeScalars {
        let v = scalar.value
        if (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) {
            emit(String(scalar))
        } else if (0x41...0x5A).contains(v) {
            emit(String(scalar).lowercased())
        } else if scalar.properties.generalCategory == .nonspacingMark {
            continue
        } else if let folded = foldings[scalar] {
            emit(folded)
        } else {
            pendingHyphen = true
        }
    }
    if out.hasPrefix("-") { out.removeFirst() }
    if let first = out.unicodeScalars.first, (0x30...0x39).contains(first.value) { out = "s-" + out }
    if out.count > limit {
        let cut = out.prefix(limit + 1)
        if let h = cut.lastIndex(of: "-"), h > cut.startIndex {
            out = String(cut[..<h])
        } else {
            out = String(out.prefix(limit))
        }
        while out.hasSuffix("-") { out.removeLast() }
    }
    return out.isEmpty ? "section" : out
}

private let foldings: [Unicode.Scalar: String] = [
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
    "ł": "l", "Ł": "l", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i",
]

extension String {
    func clauseTrimmed() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
