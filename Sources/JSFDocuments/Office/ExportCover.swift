import Foundation

/// The cover block a CCTP keeps above its first clause (an import turns the Word cover into short paragraphs there).
/// jsf writes its own title page from consultation.yml, so the export merges the two: the cover's lines that say
/// something jsf's page does not (the buyer's service, the procedure, the market's reference) go on that page, and
/// those it already says (the title, the buyer, «Cahier des clauses techniques particulières») or that carry the old
/// date or version go. A preamble written as sentences is not a cover: it stays as text above the first clause.
enum ExportCover {
    /// The cover's paragraphs to show on the title page, or nil when the lines are not a cover.
    static func lines(_ lines: [String], title: String, buyer: String) -> [String]? {
        var paragraphs: [[String]] = [[]]
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed == "<!-- -->" {
                if !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(trimmed)
            }
        }
        paragraphs.removeAll { $0.isEmpty }
        guard !paragraphs.isEmpty, paragraphs.count <= 30 else { return nil }
        var kept: [String] = []
        var sentences = 0
        for paragraph in paragraphs {
            guard paragraph.count == 1, let line = paragraph.first, isCoverLine(line) else { return nil }
            if HeadingDetection.endsLikeSentence(plain(line)) { sentences += 1 }
            if !repeatsTitlePage(line, title: title, buyer: buyer) { kept.append(line) }
        }
        // A cover may hold a sentence («Marché à procédure adaptée selon les articles 28 et 30.»); a preamble is mostly
        // sentences.
        guard sentences * 3 <= paragraphs.count, sentences < paragraphs.count else { return nil }
        return kept
    }

    /// A short line of plain text: not a list, a table, a quote, code or raw HTML.
    static func isCoverLine(_ line: String) -> Bool {
        if line.firstMatch(of: #/^([-*+]\s|[>|#<]|!\[|`{3}|~{3}|\d+[.)]\s|\[\^|:::)/#) != nil { return false }
        let text = plain(line)
        return !text.isEmpty && text.count <= 300
    }

    /// The line without Markdown emphasis and escapes.
    static func plain(_ line: String) -> String {
        line.replacing(#/\*\*|__|\\(?=[[:punct:]])/#, with: "").trimmingCharacters(in: .whitespaces)
    }

    /// Lower case, accents folded, letters and digits only, one space between words.
    static func folded(_ text: String) -> String {
        let lowered = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        return lowered.map { $0.isLetter || $0.isNumber ? String($0) : " " }.joined().split(separator: " ").joined(separator: " ")
    }

    /// What jsf's title page says already, or an old date or version.
    static func repeatsTitlePage(_ line: String, title: String, buyer: String) -> Bool {
        let text = folded(plain(line))
        let bare = folded(plain(line).replacing(#/\([^()]*\)/#, with: " "))
        if text.isEmpty { return true }
        if [folded(title), folded(buyer)].contains(bare) { return true }
        let letters = text.replacingOccurrences(of: " ", with: "")
        let subtitle = "cahierdesclausestechniquesparticulieres"
        if [subtitle, "cctp", subtitle + "cctp"].contains(letters) { return true }
        if text.firstMatch(of: #/^(version|indice|date|mise a jour|edition|v ?\d)\b/#) != nil { return true }
        let months = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
        let day = try? Regex("\\b(\\d{1,2} \\d{1,2} \\d{2,4}|(\\d{1,2} |1er )?(\(months)) \\d{4})\\b")
        if text.count <= 80, let day, text.firstMatch(of: day) != nil { return true }
        return false
    }
}
