import Foundation
import Testing

@testable import JeSaisFaire

/// Deterministic generator so the random cases are reproducible (also YAMLFastComposerTests).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Old text rebuilt from equal + delete parts, new text from equal + insert parts.
private func reconstruct(_ ops: [DiffOp]) -> (old: String, new: String) {
    var old = ""
    var new = ""
    for op in ops {
        switch op {
        case .equal(let t):
            old += t
            new += t
        case .delete(let t): old += t
        case .insert(let t): new += t
        }
    }
    return (old, new)
}

/// Byte-exact comparison (String's == is canonical equivalence, too lenient here).
private func sameBytes(_ a: String, _ b: String) -> Bool {
    Array(a.utf8) == Array(b.utf8)
}

/// Structural guarantees of `WordDiff.diff`'s output.
private func checkWellFormed(_ ops: [DiffOp], sourceLocation: SourceLocation = #_sourceLocation) {
    func kind(_ op: DiffOp) -> Int {
        switch op {
        case .equal: 0
        case .delete: 1
        case .insert: 2
        }
    }
    for (i, op) in ops.enumerated() {
        switch op {
        case .equal(let t), .delete(let t), .insert(let t):
            #expect(!t.isEmpty, "empty op at \(i)", sourceLocation: sourceLocation)
        }
        if i > 0 {
            #expect(kind(ops[i - 1]) != kind(op), "unmerged ops at \(i)", sourceLocation: sourceLocation)
            #expect(
                !(kind(ops[i - 1]) == 2 && kind(op) == 1), "insert before delete at \(i)",
                sourceLocation: sourceLocation)
        }
    }
}

/// Parses plain redline output back into (old, new); assumes the texts contain no markers.
private func unredline(_ s: String) -> (old: String, new: String) {
    var old = ""
    var new = ""
    var rest = Substring(s)
    while !rest.isEmpty {
        if rest.hasPrefix("[-"), let end = rest.range(of: "-]") {
            old += rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]
            rest = rest[end.upperBound...]
        } else if rest.hasPrefix("{+"), let end = rest.range(of: "+}") {
            new += rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]
            rest = rest[end.upperBound...]
        } else {
            let c = rest.removeFirst()
            old.append(c)
            new.append(c)
        }
    }
    return (old, new)
}

private func lcsLength(_ a: [Int], _ b: [Int]) -> Int {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    var prev = [Int](repeating: 0, count: b.count + 1)
    for x in a {
        var cur = [Int](repeating: 0, count: b.count + 1)
        for (j, y) in b.enumerated() {
            cur[j + 1] = x == y ? prev[j] + 1 : max(prev[j + 1], cur[j])
        }
        prev = cur
    }
    return prev[b.count]
}

private let frenchSentence = "Le délai d'intervention est de 4 heures."
private let frenchRevised = "Le délai d'intervention est de 8 heures ouvrées."

/// Markers of a style of the tests' own, to see that rendering follows the style it is given.
private let tagged = RedlineStyle(deletionOpen: "<del>", deletionClose: "</del>", insertionOpen: "<ins>", insertionClose: "</ins>")

@Suite struct TextRedlineTests {
    // MARK: Identical and empty texts

    @Test func identicalTextsGiveOneEqual() {
        let text = "Le titulaire assure la maintenance.\n\n- jour\n- nuit\n"
        #expect(WordDiff.diff(text, text) == [.equal(text)])
        #expect(WordDiff.redline(text, text, style: .plain) == text)
        #expect(WordDiff.redline(text, text, style: tagged) == text)
    }

    @Test func emptyTexts() {
        #expect(WordDiff.diff("", "") == [])
        #expect(WordDiff.diff("", "abc déf") == [.insert("abc déf")])
        #expect(WordDiff.diff("abc déf", "") == [.delete("abc déf")])
        #expect(WordDiff.redline("", "", style: .plain) == "")
    }

    // MARK: Pure insertions and deletions

    @Test func insertionAtStartMiddleEnd() {
        #expect(
            WordDiff.diff("délai de 4 heures", "Le délai de 4 heures")
                == [.insert("Le "), .equal("délai de 4 heures")])
        #expect(
            WordDiff.diff("Le délai de 4 heures", "Le délai maximal de 4 heures")
                == [.equal("Le délai "), .insert("maximal "), .equal("de 4 heures")])
        #expect(
            WordDiff.diff("Le délai", "Le délai de 4 heures")
                == [.equal("Le délai"), .insert(" de 4 heures")])
        #expect(
            WordDiff.redline("Le délai de 4 heures", "Le délai maximal de 4 heures", style: .plain)
                == "Le délai {+maximal +}de 4 heures")
    }

    @Test func deletionAtStartMiddleEnd() {
        #expect(
            WordDiff.diff("Article premier. Objet", "Objet")
                == [.delete("Article premier. "), .equal("Objet")])
        #expect(
            WordDiff.diff("Le délai maximal de 4 heures", "Le délai de 4 heures")
                == [.equal("Le délai "), .delete("maximal "), .equal("de 4 heures")])
        #expect(
            WordDiff.diff("Le délai de 4 heures", "Le délai")
                == [.equal("Le délai"), .delete(" de 4 heures")])
        #expect(
            WordDiff.redline("Le délai maximal de 4 heures", "Le délai de 4 heures", style: .plain)
                == "Le délai [-maximal -]de 4 heures")
    }

    // MARK: Replacements

    @Test func frenchReplacementWithAccents() {
        let ops = WordDiff.diff(frenchSentence, frenchRevised)
        #expect(
            ops == [
                .equal("Le délai d'intervention est de "),
                .delete("4 heures."),
                .insert("8 heures ouvrées."),
            ])
        #expect(
            WordDiff.render(ops, style: .plain)
                == "Le délai d'intervention est de [-4 heures.-]{+8 heures ouvrées.+}")
    }

    @Test func whitespaceBetweenReplacementsIsFolded() {
        #expect(WordDiff.diff("a b c", "x y z") == [.delete("a b c"), .insert("x y z")])
        #expect(WordDiff.redline("a b c", "x y z", style: .plain) == "[-a b c-]{+x y z+}")
        // A non-blank equal run is kept between the changes.
        #expect(
            WordDiff.diff("Article 1 : les délais sont de 4 heures.", "Article 1 : le délai est de 8 heures.")
                == [
                    .equal("Article 1 : "), .delete("les délais sont"), .insert("le délai est"),
                    .equal(" de "), .delete("4"), .insert("8"), .equal(" heures."),
                ])
    }

    @Test func singleWordReplacement() {
        #expect(
            WordDiff.diff("Le prix est ferme.", "Le prix est révisable.")
                == [.equal("Le prix est "), .delete("ferme."), .insert("révisable.")])
    }

    @Test func accentVariantsAreComparedByBytes() {
        // "é" precomposed vs "e" + combining acute: canonically equal, but not the same bytes.
        let old = "délai court"
        let new = "de\u{301}lai court"
        let ops = WordDiff.diff(old, new)
        #expect(ops == [.delete("délai"), .insert("de\u{301}lai"), .equal(" court")])
        let (o, n) = reconstruct(ops)
        #expect(sameBytes(o, old))
        #expect(sameBytes(n, new))
    }

    // MARK: Fallback

    @Test func fallbackTrimsPrefixAndSuffixAroundOneChange() {
        let old = "Article 1 : les délais sont de 4 heures."
        let new = "Article 1 : le délai est de 8 heures."
        let ops = WordDiff.diff(old, new, maxEditDistance: 2)
        #expect(
            ops == [
                .equal("Article 1 : "), .delete("les délais sont de 4"), .insert("le délai est de 8"),
                .equal(" heures."),
            ])
        // Within the bound, the minimal script is kept.
        #expect(WordDiff.diff("a b", "a c", maxEditDistance: 2) == [.equal("a "), .delete("b"), .insert("c")])
    }

    // MARK: Invariants on random texts

    @Test func reconstructInvariantOnRandomTexts() {
        var rng = SplitMix64(seed: 0x5EED_2024)
        let words = [
            "le", "la", "délai", "d'intervention", "est", "de", "4", "8", "heures", "heures.",
            "ouvrées.", "Article", "1er", "—", "maîtrise", "d’œuvre", "de\u{301}lai", "€", "|", "-",
            "#", "**gras**", "été", "Œuvre", "façade", "naïf", "x",
        ]
        let spaces = [" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", " \n", "\r\n", "\u{00A0}"]
        func randomText(_ count: Int) -> [String] {
            var tokens: [String] = []
            if Int.random(in: 0..<5, using: &rng) == 0 { tokens.append(spaces.randomElement(using: &rng)!) }
            for i in 0..<count {
                if i > 0 { tokens.append(spaces.randomElement(using: &rng)!) }
                tokens.append(words.randomElement(using: &rng)!)
            }
            if Int.random(in: 0..<5, using: &rng) == 0 { tokens.append(spaces.randomElement(using: &rng)!) }
            return tokens
        }
        for caseIndex in 0..<200 {
            let oldTokens = randomText(Int.random(in: 0...40, using: &rng))
            var newTokens: [String]
            if caseIndex % 10 == 0 {
                newTokens = randomText(Int.random(in: 0...40, using: &rng))
            } else {
                newTokens = oldTokens
                for _ in 0..<Int.random(in: 0...6, using: &rng) {
                    let roll = Int.random(in: 0..<3, using: &rng)
                    if roll == 0, !newTokens.isEmpty {
                        newTokens.remove(at: Int.random(in: 0..<newTokens.count, using: &rng))
                    } else if roll == 1 {
                        let piece =
                            Bool.random(using: &rng)
                            ? words.randomElement(using: &rng)! : spaces.randomElement(using: &rng)!
                        newTokens.insert(piece, at: Int.random(in: 0...newTokens.count, using: &rng))
                    } else if !newTokens.isEmpty {
                        newTokens[Int.random(in: 0..<newTokens.count, using: &rng)] = words.randomElement(using: &rng)!
                    }
                }
            }
            let old = oldTokens.joined()
            let new = newTokens.joined()
            let ops = WordDiff.diff(old, new)
            let (o, n) = reconstruct(ops)
            #expect(sameBytes(o, old), "case \(caseIndex): old not rebuilt from \(ops)")
            #expect(sameBytes(n, new), "case \(caseIndex): new not rebuilt from \(ops)")
            checkWellFormed(ops)
            let parsed = unredline(WordDiff.render(ops, style: .plain))
            #expect(sameBytes(parsed.old, old), "case \(caseIndex): plain redline loses old text")
            #expect(sameBytes(parsed.new, new), "case \(caseIndex): plain redline loses new text")
            if sameBytes(old, new) {
                #expect(ops == (old.isEmpty ? [] : [.equal(old)]))
            }
        }
    }

    @Test func editScriptIsMinimal() {
        var rng = SplitMix64(seed: 42)
        for caseIndex in 0..<300 {
            let a = (0..<Int.random(in: 0...30, using: &rng)).map { _ in Int.random(in: 0..<3, using: &rng) }
            let b = (0..<Int.random(in: 0...30, using: &rng)).map { _ in Int.random(in: 0..<3, using: &rng) }
            guard let edits = WordDiff.editScript(a, b, maxEditDistance: 1_000) else {
                Issue.record("case \(caseIndex): unexpected fallback")
                continue
            }
            var oldSide: [Int] = []
            var newSide: [Int] = []
            var equalCount = 0
            for e in edits {
                switch e.kind {
                case .equal:
                    oldSide += a[e.range]
                    newSide += a[e.range]
                    equalCount += e.range.count
                case .delete: oldSide += a[e.range]
                case .insert: newSide += b[e.range]
                }
            }
            #expect(oldSide == a, "case \(caseIndex)")
            #expect(newSide == b, "case \(caseIndex)")
            #expect(equalCount == lcsLength(a, b), "case \(caseIndex): \(a) → \(b) not minimal")
        }
    }

    // MARK: Multi-line Markdown

    @Test func markdownListKeepsNewlines() {
        let old = "- premier point\n- deuxième point\n"
        let new = "- premier point\n- second point\n- troisième point\n"
        #expect(
            WordDiff.diff(old, new) == [
                .equal("- premier point\n- "), .delete("deuxième"), .insert("second point\n- troisième"),
                .equal(" point\n"),
            ])
        #expect(
            WordDiff.redline(old, new, style: .plain)
                == "- premier point\n- [-deuxième-]{+second point\n- troisième+} point\n")
    }

    @Test func markdownTableKeepsNewlines() {
        let old = "# Délais\n\n| Poste | Délai |\n|---|---|\n| Maintenance | 4 h |\n| Dépannage | 24 h |\n"
        let new = "# Délais\n\n| Poste | Délai |\n|---|---|\n| Maintenance | 8 h |\n| Dépannage | 24 h |\n"
        let plain = WordDiff.redline(old, new, style: .plain)
        #expect(
            plain
                == "# Délais\n\n| Poste | Délai |\n|---|---|\n| Maintenance | [-4-]{+8+} h |\n| Dépannage | 24 h |\n")
        #expect(plain.filter { $0 == "\n" }.count == old.filter { $0 == "\n" }.count)
    }

    @Test func markdownRandomEditsRoundTrip() {
        let old = """
            # Article 3 — Exigences

            Le titulaire doit :

            - assurer la maintenance préventive ;
            - intervenir sous 4 heures ;
            - fournir un rapport mensuel.

            | Niveau | Délai | Pénalité |
            |---|---|---|
            | Critique | 4 h | 500 € |
            | Majeur | 1 j | 200 € |

            """
        let new = """
            # Article 3 — Exigences techniques

            Le titulaire s'engage à :

            - assurer la maintenance préventive et corrective ;
            - intervenir sous 8 heures ouvrées ;

            | Niveau | Délai | Pénalité |
            |---|---|---|
            | Critique | 2 h | 1 000 € |
            | Majeur | 1 j | 200 € |
            | Mineur | 5 j | 50 € |

            """
        let ops = WordDiff.diff(old, new)
        let (o, n) = reconstruct(ops)
        #expect(sameBytes(o, old))
        #expect(sameBytes(n, new))
        checkWellFormed(ops)
        let plain = WordDiff.render(ops, style: .plain)
        let parsed = unredline(plain)
        #expect(sameBytes(parsed.old, old))
        #expect(sameBytes(parsed.new, new))
        #expect(plain.hasPrefix("# Article 3 — Exigences{+ techniques+}\n\nLe titulaire [-doit-]{+s'engage à+} :\n\n"))
        #expect(plain.contains("- assurer la maintenance préventive {+et corrective +};\n"))
        #expect(plain.contains("- intervenir sous [-4-]{+8+} heures "))
        #expect(plain.contains("- fournir un rapport mensuel.-]")) // the dropped item sits in a deletion
        #expect(plain.contains("| Critique | [-4-]{+2+} h | [-500-]{+1 000+} € |\n"))
        // The added table row slides to a whole line rather than "200{+ € |\n| Mineur | 5 j | 50+} € |".
        #expect(plain.hasSuffix("| Majeur | 1 j | 200 € |\n{+| Mineur | 5 j | 50 € |\n+}"))
        // Deleted: doit, 4, "; - fournir un rapport mensuel." (6), 4, 500. Inserted: techniques,
        // s'engage à, et corrective, 8, "ouvrées ;", 2, "1 000", and the 9 cells/bars of the new row.
        #expect(WordDiff.stats(ops) == (deleted: 10, inserted: 20))
    }

    // MARK: Rendering styles

    @Test func aStyleChoosesTheMarkersAndPlainHasNoEscape() {
        let marked = WordDiff.redline(frenchSentence, frenchRevised, style: tagged)
        #expect(marked == "Le délai d'intervention est de <del>4 heures.</del><ins>8 heures ouvrées.</ins>")
        let plain = WordDiff.redline(frenchSentence, frenchRevised, style: .plain)
        #expect(plain == "Le délai d'intervention est de [-4 heures.-]{+8 heures ouvrées.+}")
        #expect(!plain.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func renderShowsDeletionFirstAndKeepsNewlinesInsideMarkers() {
        #expect(
            WordDiff.render([.equal("a "), .insert("x"), .delete("b"), .equal(" c")], style: .plain)
                == "a [-b-]{+x+} c")
        #expect(
            WordDiff.render([.delete("un\ndeux"), .insert("trois\n")], style: .plain)
                == "[-un\ndeux-]{+trois\n+}")
        #expect(WordDiff.render([.delete("un\ndeux")], style: tagged) == "<del>un\ndeux</del>")
        #expect(WordDiff.render([], style: .plain) == "")
    }

    // MARK: Large inputs

    @Test func largeInputWithFewChanges() {
        var rng = SplitMix64(seed: 20_000)
        let vocabulary = [
            "le", "titulaire", "assure", "la", "maintenance", "des", "équipements", "dans",
            "un", "délai", "de", "quatre", "heures", "ouvrées", "après", "signalement",
            "du", "pouvoir", "adjudicateur", "et", "en", "cas", "défaillance", "pénalités",
        ]
        var words = (0..<20_000).map { _ in vocabulary.randomElement(using: &rng)! }
        let old = words.joined(separator: " ")
        words[100] = "REMPLACÉ"
        words.remove(at: 5_000)
        words.insert("AJOUTÉ", at: 12_000)
        words[19_000] = "MODIFIÉ"
        let new = words.joined(separator: " ")

        let ops = WordDiff.diff(old, new)
        let (o, n) = reconstruct(ops)
        #expect(sameBytes(o, old))
        #expect(sameBytes(n, new))
        checkWellFormed(ops)
        let stats = WordDiff.stats(ops)
        #expect(stats.deleted == 3)
        #expect(stats.inserted == 3)
        #expect(ops.count <= 15)
    }

    @Test func largeUnrelatedInputsFallBack() {
        var rng = SplitMix64(seed: 7)
        let vocabulary = ["alpha", "beta", "gamma", "delta", "epsilon", "zêta", "êta", "thêta"]
        let old = (0..<20_000).map { _ in vocabulary.randomElement(using: &rng)! }.joined(separator: " ")
        let new = (0..<20_000).map { _ in vocabulary.randomElement(using: &rng)! }.joined(separator: "\n")
        let ops = WordDiff.diff(old, new)
        let (o, n) = reconstruct(ops)
        #expect(sameBytes(o, old))
        #expect(sameBytes(n, new))
        // Edit distance far above the bound: prefix/suffix trim plus one deletion and one insertion.
        #expect(ops.count <= 4)
        #expect(ops.filter { if case .delete = $0 { true } else { false } }.count == 1)
        #expect(ops.filter { if case .insert = $0 { true } else { false } }.count == 1)
    }

    // MARK: Stats

    @Test func statsCountWords() {
        #expect(WordDiff.stats(WordDiff.diff(frenchSentence, frenchRevised)) == (deleted: 2, inserted: 3))
        #expect(WordDiff.stats(WordDiff.diff("a b c", "x y z")) == (deleted: 3, inserted: 3))
        #expect(WordDiff.stats(WordDiff.diff("Le délai", "Le délai de 4 heures")) == (deleted: 0, inserted: 3))
        #expect(WordDiff.stats(WordDiff.diff("même texte", "même texte")) == (deleted: 0, inserted: 0))
        #expect(
            WordDiff.stats([.delete("  un\n\tdeux  "), .insert(" "), .equal("trois quatre")])
                == (deleted: 2, inserted: 0))
        #expect(WordDiff.stats([]) == (deleted: 0, inserted: 0))
    }
}
