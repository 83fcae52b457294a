import Foundation

/// Finds what would name a company in a text it is about to publish under its pseudonym.
///
/// One normaliser and one matcher. `Normalised` folds a text to its letters and digits (lowercase, without
/// accents; blanks, hyphens, underscores and punctuation become word boundaries, and so do a lowercase-to-uppercase
/// step and a letter-digit step), keeping for each character where it came from. `Matcher` turns an identity into
/// patterns once, then tries them on each text: a pattern matches from a word boundary to a word boundary, its
/// words written apart or run together ("Alsace-Info-Services", "AlsaceInfoServices"). Digits (SIRET, SIREN,
/// phone) are read as runs joined by blanks, dots, hyphens, slashes, underscores and parentheses.
public enum Anonymity {
    /// Common mail providers: their domains say nothing about the company.
    static let publicMailDomains: Set<String> = [
        "gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "neuf.fr", "outlook.com", "outlook.fr",
        "hotmail.com", "hotmail.fr", "live.fr", "yahoo.fr", "yahoo.com", "icloud.com", "protonmail.com", "proton.me", "gmx.fr",
    ]
    /// Legal forms: never words of a name ("S.A.R.L." and "(SAS)" too).
    static let legalForms: Set<String> = [
        "sarl", "sas", "sasu", "sa", "eurl", "sci", "snc", "scop", "sca", "ei", "eirl", "scic", "selarl", "selas", "gie", "sem",
    ]
    /// Words a name may lose without naming anyone else: articles, prepositions, "et".
    static let stopWords: Set<String> = [
        "l", "d", "le", "la", "les", "de", "du", "des", "et", "and", "the", "of", "en", "au", "aux", "a", "sur", "sous", "pour",
    ]
    /// Words that say what a company is, not which one: optional in a name, never a significant word of a prefix.
    static let genericWords: Set<String> = ["societe", "ste", "ets", "etablissements", "entreprise", "entreprises", "groupe", "cabinet"]
    /// Street types and their usual abbreviations.
    static let streetTypes: [[String]] = [
        ["rue", "r"], ["avenue", "av", "ave"], ["boulevard", "bd", "bld", "blvd", "boul"], ["place", "pl"],
        ["chemin", "ch", "chem"], ["impasse", "imp"], ["allee", "all"], ["route", "rte"], ["quai", "qu"], ["cours", "crs"],
        ["faubourg", "fbg", "fg"], ["square", "sq"], ["passage", "pass"], ["chaussee", "chsee"], ["residence", "res"],
        ["lotissement", "lot"], ["hameau", "ham"], ["sentier", "sent"], ["ruelle", "rle"], ["promenade", "prom"],
        ["esplanade", "espl"], ["parvis"], ["rond", "rd"], ["voie"], ["zone"],
    ]
    /// Words of street and town names written in several ways.
    static let abbreviations: [[String]] = [
        ["saint", "st"], ["sainte", "ste"], ["docteur", "dr"], ["general", "gal", "gen"], ["marechal", "mal"], ["grande", "gde"],
        ["grand", "gd"], ["president", "pdt"], ["notre", "n"],
    ]
    static let streetNumberSuffixes: Set<String> = ["bis", "ter", "quater", "b", "t", "a"]

    /// Each identifying item found, described for the user (`Matcher` builds the patterns once, for many texts).
    public static func findings(in text: String, identity: Identity) -> [Text] {
        Matcher(identity: identity).findings(in: text).map(\.description)
    }

    /// One identifying item of the identity, where the text names it.
    public struct Finding: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case name, siret, siren, email, mailDomain = "mail-domain", phone, website, address, town
        }

        public let kind: Kind
        /// The identity's item: the name, the SIRET, the address…
        public let value: String
        /// What matched, as the text writes it (on one line, at most 80 characters).
        public let excerpt: String
        /// Where it matched in the text.
        public let range: Range<String.Index>
        /// The line of the text where it starts, from 1.
        public let line: Int

        /// "your name 'Alsace Info Services'".
        public var description: Text {
            switch kind {
            case .name: Text(en: "your name '\(value)'", fr: "votre nom '\(value)'")
            case .siret: Text(en: "your SIRET \(value)", fr: "votre SIRET \(value)")
            case .siren: Text(en: "your SIREN \(value)", fr: "votre SIREN \(value)")
            case .email: Text(en: "your email \(value)", fr: "votre email \(value)")
            case .mailDomain: Text(en: "your mail domain \(value)", fr: "votre domaine de messagerie \(value)")
            case .phone: Text(en: "your phone number \(value)", fr: "votre numéro de téléphone \(value)")
            case .website: Text(en: "your web site \(value)", fr: "votre site web \(value)")
            case .address: Text(en: "your address '\(value)'", fr: "votre adresse '\(value)'")
            case .town: Text(en: "your town '\(value)'", fr: "votre commune '\(value)'")
            }
        }

        /// The description, and what the text wrote when the identity's item does not hold it as is: "your name
        /// 'Alsace Info Services SARL' (written 'alsace_info_services')", but "your name 'Alsace Info Services SARL'"
        /// for "Alsace Info Services".
        public var quoted: Text {
            guard !value.contains(excerpt) else { return description }
            return Text(en: description.en + " (written '\(excerpt)')", fr: description.fr + " (écrit « \(excerpt) »)")
        }
    }

    /// The identity's patterns, built once; `findings(in:)` tries them on a text.
    public struct Matcher: Sendable {
        let patterns: [Pattern]
        /// Patterns by the first characters they can start with.
        let byFirst: Starts
        let siret: String?
        let phone: (shown: String, core: [UInt8])?
        let email: String?

        /// - Parameter context: the consultation's own text (title, CCTP…). A name prefix or a town it writes
        ///   itself is no finding: the company may repeat it. Without it, a town alone is never a finding.
        public init(identity: Identity, context: [String] = []) {
            var patterns: [Pattern] = []
            for name in [identity.organisation, identity.name].compactMap({ $0 }) {
                patterns += Self.namePatterns(name)
            }
            if let address = identity.address, let pattern = Self.addressPattern(address) { patterns.append(pattern) }
            patterns += Self.townPatterns(city: identity.city, postalCode: identity.postalCode, hasContext: !context.isEmpty)
            if let email = identity.email?.lowercased(), email.contains("@") {
                let parts = email.split(separator: "@", omittingEmptySubsequences: false)
                let domain = String(parts.last ?? "")
                if let pattern = Self.emailPattern(local: String(parts.dropLast().joined(separator: "@")), domain: domain, value: email) {
                    patterns.append(pattern)
                }
                if !Anonymity.publicMailDomains.contains(domain), let pattern = Self.domainPattern(domain, kind: .mailDomain) {
                    patterns.append(pattern)
                }
            }
            if let website = identity.website {
                var domain = website.lowercased().trimmingCharacters(in: .whitespaces)
                for prefix in ["https://", "http://"] where domain.hasPrefix(prefix) { domain = String(domain.dropFirst(prefix.count)) }
                if domain.hasPrefix("www.") { domain = String(domain.dropFirst(4)) }
                domain = String(domain.split(separator: "/").first ?? "")
                domain = String(domain.split(separator: ":").first ?? "")
                if domain.count >= 4, let pattern = Self.domainPattern(domain, kind: .website) { patterns.append(pattern) }
            }
            // What the consultation writes itself is no finding (name prefixes and towns only).
            if !context.isEmpty {
                let contextual = patterns.indices.filter { patterns[$0].contextual }
                if !contextual.isEmpty {
                    let probe = Self.index(contextual.map { patterns[$0] })
                    var written: Set<Int> = []
                    for text in context {
                        let normalised = Normalised(text)
                        for (index, _) in Self.scan(normalised, patterns: contextual.map { patterns[$0] }, byFirst: probe, anyCase: true) {
                            written.insert(contextual[index])
                        }
                    }
                    // A town goes with all its spellings ("67200 Strasbourg" written, "Strasbourg 67200" goes too).
                    let towns = Set(written.filter { patterns[$0].kind == .town }.map { patterns[$0].value })
                    patterns = patterns.indices.filter {
                        !written.contains($0) && !(patterns[$0].kind == .town && towns.contains(patterns[$0].value))
                    }
                    .map { patterns[$0] }
                }
            }
            self.patterns = patterns
            byFirst = Self.index(patterns)
            siret = identity.siret.flatMap { $0.count == 14 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) ? $0 : nil }
            if let shown = identity.phone {
                var digits = shown.filter { $0.isASCII && $0.isNumber }
                if digits.hasPrefix("33") && digits.count == 11 { digits = "0" + digits.dropFirst(2) }
                let core = Array(digits.suffix(9).utf8)
                phone = core.count == 9 ? (shown, core) : nil
            } else {
                phone = nil
            }
            email = identity.email?.lowercased()
        }

        /// Each identifying item the text names, at its first occurrence, in the order name, SIRET or SIREN,
        /// email or mail domain, phone, web site, address, town.
        public func findings(in text: String) -> [Finding] {
            let normalised = Normalised(text)
            var best: [String: (kind: Finding.Kind, value: String, start: Int, end: Int)] = [:]
            for (index, span) in Self.scan(normalised, patterns: patterns, byFirst: byFirst) {
                let pattern = patterns[index]
                let key = pattern.kind.rawValue + "\u{0}" + pattern.value
                if let old = best[key], old.start < span.lowerBound || (old.start == span.lowerBound && old.end >= span.upperBound) { continue }
                best[key] = (pattern.kind, pattern.value, span.lowerBound, span.upperBound)
            }
            let utf8 = text.utf8
            func finding(_ kind: Finding.Kind, _ value: String, _ span: Range<Int>) -> Finding {
                let lower = utf8.index(utf8.startIndex, offsetBy: span.lowerBound)
                let range = lower..<utf8.index(lower, offsetBy: span.count)
                let line = utf8[utf8.startIndex..<lower].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                return Finding(kind: kind, value: value, excerpt: Self.excerpt(text[range]), range: range, line: line)
            }
            func ofKind(_ kind: Finding.Kind) -> [Finding] {
                best.values.filter { $0.kind == kind }.sorted { ($0.start, $0.value) < ($1.start, $1.value) }.map {
                    finding($0.kind, $0.value, normalised.starts[$0.start]..<normalised.ends[$0.end - 1])
                }
            }
            var found: [Finding] = []
            // Names: one finding per stretch of text (the legal name and a trade name often overlap).
            for name in ofKind(.name) where !found.contains(where: { $0.range.overlaps(name.range) }) { found.append(name) }
            let runs = normalised.digits
            if let siret {
                if let range = runs.first(Array(siret.utf8)) {
                    found.append(finding(.siret, siret, range))
                } else if let range = runs.first(Array(siret.prefix(9).utf8)) {
                    found.append(finding(.siren, String(siret.prefix(9)), range))
                }
            }
            let emails = ofKind(.email)
            found += emails
            if emails.isEmpty { found += ofKind(.mailDomain) }
            if let phone, let range = runs.first(phone.core, whole: 13) { found.append(finding(.phone, phone.shown, range)) }
            found += ofKind(.website)
            found += ofKind(.address)
            if let town = ofKind(.town).first { found.append(town) }
            return found
        }

        static func excerpt(_ text: Substring) -> String {
            let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return line.count > 80 ? String(line.prefix(79)) + "…" : line
        }

        // MARK: Patterns

        /// Pattern indices by first character: a table for ASCII, a dictionary beyond.
        struct Starts: Sendable {
            var ascii: [[Int]] = Array(repeating: [], count: 128)
            var other: [UInt32: [Int]] = [:]

            subscript(_ character: UInt32) -> [Int] { character < 128 ? ascii[Int(character)] : other[character] ?? [] }
        }

        static func index(_ patterns: [Pattern]) -> Starts {
            var starts = Starts()
            for (index, pattern) in patterns.enumerated() {
                for character in pattern.firstCharacters {
                    if character < 128 { starts.ascii[Int(character)].append(index) } else { starts.other[character, default: []].append(index) }
                }
            }
            return starts
        }

        /// The first match of each pattern: (pattern index, span of normalised characters).
        static func scan(_ text: Normalised, patterns: [Pattern], byFirst: Starts, anyCase: Bool = false) -> [(Int, Range<Int>)] {
            var found: [(Int, Range<Int>)] = []
            var done = [Bool](repeating: false, count: patterns.count)
            var left = patterns.count
            var position = 0
            let count = text.characters.count
            while position < count && left > 0 {
                if text.flags[position] & Normalised.boundary != 0 {
                    for index in byFirst[text.characters[position]] where !done[index] {
                        if let end = patterns[index].match(text, at: position, anyCase: anyCase) {
                            found.append((index, position..<end))
                            done[index] = true
                            left -= 1
                        }
                    }
                }
                position += 1
            }
            return found
        }

        /// The folded words of a piece of identity ("Rhône-Data" → ["rhone", "data"]).
        static func words(_ text: String) -> [String] {
            let normalised = Normalised(text)
            var words: [String] = []
            var current = String.UnicodeScalarView()
            for (offset, character) in normalised.characters.enumerated() {
                if offset > 0, normalised.flags[offset] & Normalised.boundary != 0, !current.isEmpty {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                }
                if let scalar = Unicode.Scalar(character) { current.append(scalar) }
            }
            if !current.isEmpty { words.append(String(current)) }
            return words
        }

        static func scalars(_ word: String) -> [UInt32] { word.unicodeScalars.map(\.value) }

        /// A name's words as units: plural-insensitive, articles and generic words optional.
        static func nameUnit(_ word: String) -> Unit {
            if stopWords.contains(word) || genericWords.contains(word) { return Unit([word], optional: true) }
            if let group = abbreviations.first(where: { $0.contains(word) }) { return Unit(group) }
            guard word.count >= 4, word.unicodeScalars.allSatisfy({ !(48...57).contains($0.value) }) else { return Unit([word]) }
            let stem = word.hasSuffix("s") || word.hasSuffix("x") ? String(word.dropLast()) : word
            return Unit([stem + "s", stem + "x", stem])
        }

        /// The whole name without its legal form, and its prefixes of two significant words or more (whole words
        /// as written apart by blanks: "Réseaux Haut-Rhin" has no prefix).
        static func namePatterns(_ name: String) -> [Pattern] {
            var kept: [[String]] = []
            for piece in name.split(whereSeparator: \.isWhitespace) {
                let words = Self.words(String(piece))
                if words.isEmpty || legalForms.contains(words.joined()) { continue }
                kept.append(words)
            }
            func significant(_ piece: [String]) -> Bool { piece.contains { !stopWords.contains($0) && !genericWords.contains($0) } }
            func pattern(_ pieces: ArraySlice<[String]>, contextual: Bool) -> Pattern? {
                let words = pieces.flatMap { $0 }
                guard words.joined().count >= 4, pieces.contains(where: significant) else { return nil }
                return Pattern(
                    units: words.map(nameUnit), glue: [("et", 0), ("and", 0)], kind: .name, value: name, contextual: contextual)
            }
            var patterns: [Pattern] = []
            if let whole = pattern(kept[...], contextual: false) { patterns.append(whole) }
            var count = 0
            for end in kept.indices.dropLast() where significant(kept[end]) {
                count += 1
                if count >= 2, let prefix = pattern(kept[...end], contextual: true) { patterns.append(prefix) }
            }
            return patterns
        }

        /// A street line: its number (with bis, ter… optional), street type (any usual abbreviation) and name
        /// (articles optional). Without a number, two significant words at least.
        static func addressPattern(_ address: String) -> Pattern? {
            var words = Self.words(address)
            var units: [Unit] = []
            var numbered = false
            if let first = words.first, first.unicodeScalars.allSatisfy({ (48...57).contains($0.value) }) {
                units.append(Unit([first]))
                words.removeFirst()
                numbered = true
                if let suffix = words.first, streetNumberSuffixes.contains(suffix) {
                    units.append(
                        Unit(
                            suffix == "bis" || suffix == "b" ? ["bis", "b"] : suffix == "ter" || suffix == "t" ? ["ter", "t"] : [suffix],
                            optional: true))
                    words.removeFirst()
                }
            }
            if let type = words.first, let group = streetTypes.first(where: { $0.contains(type) }) {
                units.append(Unit(group))
                words.removeFirst()
            }
            var significant = 0
            for word in words {
                if stopWords.contains(word) {
                    units.append(Unit([word], optional: true))
                } else {
                    significant += 1
                    units.append(Unit(abbreviations.first(where: { $0.contains(word) }) ?? [word]))
                }
            }
            guard significant >= (numbered ? 1 : 2) else { return nil }
            return Pattern(units: units, glue: [], kind: .address, value: address, contextual: false)
        }

        /// The town next to its postal code ("67000 Strasbourg", "Strasbourg (67000)"), and, when the consultation's
        /// own text is known, the town alone written as a proper noun where that text never names it.
        static func townPatterns(city: String?, postalCode: String?, hasContext: Bool) -> [Pattern] {
            guard let city else { return [] }
            let words = Self.words(city).filter { $0 != "cedex" }
            guard words.joined().count >= 3 else { return [] }
            let units = words.map { word in
                stopWords.contains(word) ? Unit([word], optional: true) : Unit(abbreviations.first(where: { $0.contains(word) }) ?? [word])
            }
            var patterns: [Pattern] = []
            let code = postalCode.map { $0.filter { $0.isLetter || $0.isNumber }.lowercased() } ?? ""
            if !code.isEmpty {
                let value = (postalCode ?? "") + " " + city
                patterns.append(Pattern(units: [Unit([code])] + units, glue: [], kind: .town, value: value, contextual: true))
                patterns.append(Pattern(units: units + [Unit([code])], glue: [], kind: .town, value: value, contextual: true))
            }
            if hasContext {
                patterns.append(Pattern(units: units, glue: [], kind: .town, value: city, contextual: true, capitalised: true))
            }
            return patterns
        }

        /// An email address: its local part, an @ (or at, (at), [at], arobase…), its domain with a dot (or dot,
        /// (dot), point, (.)…) before the last label.
        static func emailPattern(local: String, domain: String, value: String) -> Pattern? {
            let localWords = Self.words(local)
            guard !localWords.isEmpty, var units = domainUnits(domain) else { return nil }
            units[0].before = Normalised.at
            return Pattern(units: localWords.map { Unit([$0]) } + units, glue: Self.addressGlue, kind: .email, value: value, contextual: false)
        }

        static func domainPattern(_ domain: String, kind: Finding.Kind) -> Pattern? {
            guard let units = domainUnits(domain) else { return nil }
            return Pattern(units: units, glue: Self.addressGlue, kind: kind, value: domain, contextual: false)
        }

        static let addressGlue: [(String, UInt8)] = [
            ("at", Normalised.at), ("arobase", Normalised.at), ("arrobase", Normalised.at), ("chez", Normalised.at),
            ("dot", Normalised.dot), ("point", Normalised.dot), ("pt", Normalised.dot),
        ]

        /// The domain's words, a dot required before its last label.
        static func domainUnits(_ domain: String) -> [Unit]? {
            let labels = domain.split(separator: ".").map { Self.words(String($0)) }.filter { !$0.isEmpty }
            guard labels.count >= 2 else { return nil }
            var units: [Unit] = []
            for (offset, label) in labels.enumerated() {
                for (position, word) in label.enumerated() {
                    var unit = Unit([word])
                    if offset == labels.count - 1 && position == 0 { unit.before = Normalised.dot }
                    units.append(unit)
                }
            }
            return units
        }
    }

    // MARK: Matching

    struct Unit: Sendable {
        var alternatives: [[UInt32]]
        var optional: Bool
        /// Flags the gap before this unit must have (a dot, an @, or their written forms), 0 for none.
        var before: UInt8 = 0

        init(_ alternatives: [String], optional: Bool = false) {
            var seen: Set<String> = []
            self.alternatives = alternatives.filter { !$0.isEmpty && seen.insert($0).inserted }.map(Matcher.scalars)
            self.optional = optional
        }
    }

    struct Pattern: Sendable {
        var units: [Unit]
        /// Words that may stand between two units, with the gap flags they stand for ("at" for @).
        var glue: [(word: [UInt32], flags: UInt8)]
        var kind: Finding.Kind
        var value: String
        /// True when the consultation's own text may say it (a name prefix, a town alone).
        var contextual: Bool
        /// True when it only counts written with a capital ("Nice", not "nice").
        var capitalised: Bool
        /// True when its words may not be split by punctuation that ends a phrase (a name: "l'Alsace, info : services"
        /// does not name Alsace Info Services).
        var soft: Bool { kind == .name }

        init(
            units: [Unit], glue: [(String, UInt8)], kind: Finding.Kind, value: String, contextual: Bool, capitalised: Bool = false
        ) {
            self.units = units
            self.glue = glue.map { (Matcher.scalars($0.0), $0.1) }
            self.kind = kind
            self.value = value
            self.contextual = contextual
            self.capitalised = capitalised
        }

        var firstCharacters: Set<UInt32> {
            var characters: Set<UInt32> = []
            for unit in units {
                for alternative in unit.alternatives { if let first = alternative.first { characters.insert(first) } }
                if !unit.optional { break }
            }
            return characters
        }

        /// The end of a match starting at `start` (a word boundary), ending on a word boundary.
        func match(_ text: Normalised, at start: Int, anyCase: Bool = false) -> Int? {
            if capitalised && !anyCase && !text.capitalised(at: start) { return nil }
            return step(text, unit: 0, at: start)
        }

        private func step(_ text: Normalised, unit index: Int, at position: Int) -> Int? {
            if index == units.count { return text.flags[position] & Normalised.boundary != 0 ? position : nil }
            let unit = units[index]
            var here = position
            var gap: UInt8 = text.flags[position] & (Normalised.dot | Normalised.at)
            while true {
                if unit.before & gap == unit.before && !(soft && index > 0 && text.flags[here] & Normalised.hard != 0) {
                    for alternative in unit.alternatives where text.has(alternative, at: here) {
                        if let end = step(text, unit: index + 1, at: here + alternative.count) { return end }
                    }
                }
                // Skip a written-out @ or dot ("(at)", " point ") between two units.
                guard index > 0, text.flags[here] & Normalised.boundary != 0,
                    let skip = glue.first(where: { text.has($0.word, at: here) && text.isBoundary(here + $0.word.count) })
                else { break }
                here += skip.word.count
                gap |= skip.flags | (text.flags[here] & (Normalised.dot | Normalised.at))
            }
            if unit.optional { return step(text, unit: index + 1, at: position) }
            return nil
        }
    }

    /// A text folded to its letters and digits, with word boundaries and a map back to the original (UTF-8 offsets).
    struct Normalised {
        static let boundary: UInt8 = 1
        /// The gap before the character holds a dot.
        static let dot: UInt8 = 2
        /// The gap before the character holds an @.
        static let at: UInt8 = 4
        /// The character comes from an uppercase letter.
        static let upper: UInt8 = 8
        /// The gap before the character holds punctuation that ends a phrase or a name: , ; : ! ? brackets, quotes.
        static let hard: UInt8 = 16

        /// Lowercase letters without accents and ASCII digits, as Unicode scalar values.
        var characters: [UInt32] = []
        /// Where each character starts and ends in the original text, as UTF-8 offsets.
        var starts: [Int] = []
        var ends: [Int] = []
        /// One more than characters: flags of the position before each character, and of the end.
        var flags: [UInt8] = [boundary]
        /// The text's runs of digits.
        var digits = DigitRuns()

        /// What a non-ASCII scalar becomes: its folded letters, or a combining mark, or nothing (a gap).
        struct Folded: Sendable {
            var characters: [UInt32]
            var uppercase: Bool
            var mark: Bool
        }

        init(_ text: String) {
            var text = text
            text.withUTF8 { self.build($0) }
        }

        private mutating func build(_ bytes: UnsafeBufferPointer<UInt8>) {
            let count = bytes.count
            // Folding rarely makes more characters than bytes; twice as many is the bound, beyond it letters are dropped.
            let capacity = count * 2 + 1
            let chars = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
            let from = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
            let to = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
            let marks = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 1)
            let digitBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: count + 1)
            let digitOffsets = UnsafeMutablePointer<Int>.allocate(capacity: count + 1)
            defer {
                chars.deallocate()
                from.deallocate()
                to.deallocate()
                marks.deallocate()
                digitBytes.deallocate()
                digitOffsets.deallocate()
            }
            var written = 0
            var digitCount = 0
            var runStart = 0
            var runs: [Range<Int>] = []
            marks[0] = Self.boundary
            // 0: a gap, 1: lowercase letter, 2: uppercase letter, 3: digit.
            var previous = 0
            var gap: UInt8 = 0
            var cache: [UInt32: Folded] = [:]
            var offset = 0

            while offset < count {
                let byte = bytes[offset]
                if byte < 0x80 {
                    var kind = 0
                    var character = UInt32(byte)
                    switch byte {
                    case 97...122: kind = 1
                    case 65...90:
                        kind = 2
                        character += 32
                    case 48...57:
                        kind = 3
                        digitBytes[digitCount] = byte
                        digitOffsets[digitCount] = offset
                        digitCount += 1
                    case 46: gap |= Self.dot
                    case 64: gap |= Self.at
                    case 44, 59, 58, 33, 63, 40, 41, 91, 93, 123, 125, 34: gap |= Self.hard
                    default: break
                    }
                    // Digit runs go on over blanks, dots, hyphens, slashes, underscores and parentheses.
                    switch byte {
                    case 48...57, 32, 9, 46, 45, 47, 95, 40, 41: break
                    default:
                        if digitCount > runStart { runs.append(runStart..<digitCount) }
                        runStart = digitCount
                    }
                    if kind == 0 {
                        previous = 0
                    } else if written < capacity {
                        var mark: UInt8 = kind == 2 ? Self.upper : 0
                        if previous == 0 {
                            mark |= Self.boundary | gap
                        } else if (previous == 1 && kind == 2) || ((previous == 3) != (kind == 3)) {
                            mark |= Self.boundary
                        }
                        marks[written] = mark
                        chars[written] = character
                        from[written] = offset
                        to[written] = offset + 1
                        written += 1
                        marks[written] = 0
                        previous = kind
                        gap = 0
                    }
                    offset += 1
                    continue
                }
                // A multi-byte scalar (Swift strings hold valid UTF-8).
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard offset + length <= count else { break }
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for index in 1..<length { value = value << 6 | (UInt32(bytes[offset + index]) & 0x3F) }
                switch value {
                case 0xA0, 0x202F, 0x2009, 0x2007, 0x2010, 0x2011: break
                default:
                    if digitCount > runStart { runs.append(runStart..<digitCount) }
                    runStart = digitCount
                }
                let folded: Folded
                if value < 0x250 {
                    folded = Self.latin[Int(value) - 0x80]
                } else if let known = cache[value] {
                    folded = known
                } else {
                    folded = Self.fold(value)
                    cache[value] = folded
                }
                if folded.mark {
                    // A combining accent belongs to the letter before it.
                    if previous != 0 && written > 0 { to[written - 1] = offset + length }
                } else if folded.characters.isEmpty {
                    switch value {
                    case 0xFF20: gap |= Self.at
                    case 0xFF0E: gap |= Self.dot
                    case 0xAB, 0xBB, 0x2026, 0x201C, 0x201D, 0x2014, 0x2013: gap |= Self.hard
                    default: break
                    }
                    previous = 0
                } else {
                    let kind = folded.uppercase ? 2 : 1
                    var mark: UInt8 = kind == 2 ? Self.upper : 0
                    if previous == 0 {
                        mark |= Self.boundary | gap
                    } else if (previous == 1 && kind == 2) || previous == 3 {
                        mark |= Self.boundary
                    }
                    for character in folded.characters where written < capacity {
                        marks[written] |= mark
                        mark = 0
                        chars[written] = character
                        from[written] = offset
                        to[written] = offset + length
                        written += 1
                        marks[written] = 0
                    }
                    previous = kind
                    gap = 0
                }
                offset += length
            }
            marks[written] |= Self.boundary
            if digitCount > runStart { runs.append(runStart..<digitCount) }
            characters = Array(UnsafeBufferPointer(start: chars, count: written))
            starts = Array(UnsafeBufferPointer(start: from, count: written))
            ends = Array(UnsafeBufferPointer(start: to, count: written))
            flags = Array(UnsafeBufferPointer(start: marks, count: written + 1))
            digits = DigitRuns(
                digits: Array(UnsafeBufferPointer(start: digitBytes, count: digitCount)),
                offsets: Array(UnsafeBufferPointer(start: digitOffsets, count: digitCount)), runs: runs)
        }

        /// The folded Latin-1 Supplement and Latin Extended letters, U+0080 to U+024F: most of what French writes.
        static let latin: [Folded] = (0x80..<0x250).map { fold(UInt32($0)) }

        /// Lowercase letters without accents ("É" → "e", "œ" → "oe"); nothing for what is not a letter.
        static func fold(_ value: UInt32) -> Folded {
            guard let scalar = Unicode.Scalar(value) else { return Folded(characters: [], uppercase: false, mark: false) }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return Folded(characters: [], uppercase: false, mark: true)
            default: break
            }
            let uppercase = scalar.properties.isUppercase
            switch scalar {
            case "œ", "Œ": return Folded(characters: [111, 101], uppercase: uppercase, mark: false)
            case "æ", "Æ": return Folded(characters: [97, 101], uppercase: uppercase, mark: false)
            case "ß", "ẞ": return Folded(characters: [115, 115], uppercase: uppercase, mark: false)
            case "ø", "Ø": return Folded(characters: [111], uppercase: uppercase, mark: false)
            case "ł", "Ł": return Folded(characters: [108], uppercase: uppercase, mark: false)
            case "đ", "Đ": return Folded(characters: [100], uppercase: uppercase, mark: false)
            default: break
            }
            guard scalar.properties.isAlphabetic else { return Folded(characters: [], uppercase: false, mark: false) }
            let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            let characters: [UInt32] = folded.unicodeScalars.compactMap { character in
                if character.isASCII {
                    let value = character.value
                    return (97...122).contains(value) || (48...57).contains(value) ? value : nil
                }
                return character.properties.isAlphabetic ? character.value : nil
            }
            return Folded(characters: characters, uppercase: uppercase, mark: false)
        }

        func has(_ word: [UInt32], at position: Int) -> Bool {
            guard position + word.count <= characters.count else { return false }
            var offset = 0
            while offset < word.count {
                if characters[position + offset] != word[offset] { return false }
                offset += 1
            }
            return true
        }

        func isBoundary(_ position: Int) -> Bool { flags[position] & Self.boundary != 0 }

        func capitalised(at position: Int) -> Bool { flags[position] & Self.upper != 0 }
    }

    /// Runs of ASCII digits joined by blanks, dots, hyphens, slashes, underscores and parentheses:
    /// "SIREN 732/829/320" holds 732829320.
    struct DigitRuns {
        var digits: [UInt8] = []
        /// The UTF-8 offset of each digit.
        var offsets: [Int] = []
        var runs: [Range<Int>] = []

        /// Where `needle` first occurs inside one run, as UTF-8 offsets; the whole run when it has at most `whole`
        /// digits (a phone number's +33 or 0 with its core).
        func first(_ needle: [UInt8], whole: Int = 0) -> Range<Int>? {
            guard !needle.isEmpty else { return nil }
            for run in runs where run.count >= needle.count {
                var start = run.lowerBound
                while start + needle.count <= run.upperBound {
                    var offset = 0
                    while offset < needle.count && digits[start + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count {
                        let span = run.count <= whole ? run : start..<(start + needle.count)
                        return offsets[span.lowerBound]..<(offsets[span.upperBound - 1] + 1)
                    }
                    start += 1
                }
            }
            return nil
        }
    }
}
