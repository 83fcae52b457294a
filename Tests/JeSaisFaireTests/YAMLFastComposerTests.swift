import Foundation
import Testing
import Yams

@testable import JeSaisFaire

/// The fast composer of jsf's own YAML against Yams: on every text it accepts, the very nodes Yams composes (strings,
/// styles, order, lines and columns); on what it declines, YAMLReader goes to Yams, so nothing changes but the time.
@Suite struct YAMLFastComposerTests {
    /// The first difference between two nodes, nil when they are the same.
    static func difference(_ a: YAMLNode, _ b: YAMLNode, at path: String = "") -> String? {
        if a.line != b.line { return "\(path): line \(String(describing: a.line)) vs \(String(describing: b.line))" }
        switch (a, b) {
        case (.scalar(let x, let plainX, _), .scalar(let y, let plainY, _)):
            if x != y { return "\(path): \(x.debugDescription) vs \(y.debugDescription)" }
            if plainX != plainY { return "\(path): plain \(plainX) vs \(plainY)" }
            return nil
        case (.map(let x, _), .map(let y, _)):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) pairs" }
            for (p1, p2) in zip(x, y) {
                if let d = difference(p1.key, p2.key, at: path + "/key") ?? difference(p1.value, p2.value, at: path + "/" + (p1.key.string ?? "?")) {
                    return d
                }
            }
            return nil
        case (.list(let x, _), .list(let y, _)):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) items" }
            for (n, (i1, i2)) in zip(x, y).enumerated() {
                if let d = difference(i1, i2, at: "\(path)[\(n)]") { return d }
            }
            return nil
        default:
            return "\(path): \(a) vs \(b)"
        }
    }

    /// Either the fast composer declines the text, or it gives what Yams gives; when Yams refuses it, so does it.
    static func agree(_ text: String) -> String? {
        let fast = YAMLFastComposer.compose(text)
        let composed = try? Yams.compose(yaml: text, Resolver.basic, Constructor.default, .utf8)
        guard let fast else { return nil }
        guard let slow = composed.flatMap({ $0 }).map(YAMLNode.init) else { return "accepted what Yams refuses:\n\(text)" }
        return difference(fast, slow).map { "\($0)\n\(text)" }
    }

    /// Strings that test quoting: indicators, ': ' and ' #', keywords, numbers, controls, non-ASCII, separators.
    static let awkward = [
        "plain", "Entretien de la voirie", "a: b", "a:b", "a #b", "a#b", "#x", "-x", "- x", "?x", ":x", "x:", "[x]", "{x}",
        "x, y", "x]", "&a", "*a", "!t", "|", ">", "'q'", "\"dq\"", "%p", "@a", "`b`", "true", "null", "~", "yes", "", " ",
        " lead", "trail ", "12", "-3", "+4", "0.5", "2027-01-05T09:00:00+00:00", "ligne\nsuivante", "tab\there", "cr\r",
        "\u{1}", "\u{7F}", "\u{85}", "\u{A0}insécable", "\u{2028}", "\u{FEFF}bom", "\u{FFFE}", "é à ç « » — ’", "emoji 🙂",
        "back\\slash", "quote\"inside", "\u{9F}", "\u{E9}t\u{E9}", "clause-7-18", "50312000-5",
    ]

    /// A random tree as jsf's writer would emit it: maps of maps, lists of maps or of scalars (`inList`: no list
    /// directly in a list, which no jsf file holds).
    static func tree(_ rng: inout some RandomNumberGenerator, depth: Int = 0, inList: Bool = false) -> YAMLValue {
        let pick = Int.random(in: 0..<(depth > 2 ? 3 : inList ? 5 : 6), using: &rng)
        switch pick {
        case 0: return .string(awkward.randomElement(using: &rng)!)
        case 1: return .int(Int.random(in: -5...3000, using: &rng))
        case 2: return .bool(Bool.random(using: &rng))
        case 3, 4:
            let n = Int.random(in: inList ? 1...4 : 0...4, using: &rng)
            return .map((0..<n).map { i in ("k\(i)-\(["id", "titre", "x_y", "a.b"].randomElement(using: &rng)!)", tree(&rng, depth: depth + 1)) })
        default:
            let n = Int.random(in: 0...10, using: &rng)
            return .list((0..<n).map { _ in tree(&rng, depth: depth + 1, inList: true) })
        }
    }

    @Test func jsfWritersOutputIsComposedAsYamsDoes() {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<3000 {
            let text = YAMLValue.map([("format", .int(1)), ("doc", Self.tree(&rng))]).render()
            if let d = Self.agree(text) {
                Issue.record(Comment(rawValue: d))
                return
            }
            // jsf's writer only emits what the fast composer takes, but for the characters it leaves to libyaml
            // wherever they are (a byte order mark, a line separator, U+FFFE): no document goes to Yams.
            let awkward = text.unicodeScalars.contains { ["\u{FEFF}", "\u{2028}", "\u{2029}", "\u{FFFE}"].contains($0) }
            #expect((YAMLFastComposer.compose(text) != nil) != awkward, "\(text)")
        }
    }

    @Test func theFilesOfARealConsultationAreComposedWithoutLibyaml() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["restauration-collective", "nettoyage-locaux", "maintenance-informatique-prefecture"] {
            // Every heading given an id, as 'jsf init' gives them.
            let source = CCTPText(parsing: try String(contentsOf: root.appendingPathComponent("examples/cctp/\(name).md"), encoding: .utf8))
                .assigningIDs().text
            let clauses = try CCTPText(parsing: source).clauses()
            let index = ClauseIndex.derive(from: clauses, previous: nil, version: 1)
            let text = index.yaml()
            #expect(YAMLFastComposer.compose(text) != nil, "\(name): the index jsf writes is not composed fast")
            if let d = Self.agree(text) { Issue.record(Comment(rawValue: d)) }
            let (parsed, problems) = ClauseIndex.parse(text)
            #expect(problems.isEmpty)
            #expect(parsed?.entries.map(\.id) == index.entries.map(\.id))
        }
    }

    /// Every mutation of jsf's texts — a YAML-significant byte put in, taken out or changed — is either declined or
    /// composed as Yams composes it.
    @Test func mutationsAreDeclinedOrComposedAsYamsDoes() {
        var rng = SplitMix64(seed: 1313)
        let bytes = Array(" :-#\"\\\n\t[],{}*&!'|>%@?~ax1é".utf8) + [0x0D]
        var declined = 0
        for round in 0..<6000 {
            var text = Array(YAMLValue.map([("format", .int(1)), ("doc", Self.tree(&rng))]).render().utf8)
            for _ in 0...(round % 3) where !text.isEmpty {
                let at = Int.random(in: 0..<text.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: text.insert(bytes.randomElement(using: &rng)!, at: at)
                case 1: text.remove(at: at)
                default: text[at] = bytes.randomElement(using: &rng)!
                }
            }
            let string = String(decoding: text, as: UTF8.self)
            if YAMLFastComposer.compose(string) == nil { declined += 1 }
            if let d = Self.agree(string) {
                Issue.record(Comment(rawValue: d))
                return
            }
        }
        // Many mutations still read as jsf's shape, many do not: both ways are exercised.
        #expect(declined > 500 && declined < 5500)
    }

    @Test func whatJsfNeverWritesIsLeftToYams() {
        for text in [
            "a: 1 # comment\n", "# head\na: 1\n", "a:\n\tb: 1\n", "a: 'single'\n", "a: |\n  block\n", "a: &x 1\nb: *x\n",
            "a: 1\na: 2\n", "a: \"\\u00e9\"\n", "---\na: 1\n", "a:\n    b: 1\n", "a:\n- 1\n", "a: [1,2]\n", "a: {b: 1}\n",
            "a: 1  \n", "a: b\n  c\n", "- a\n", "a: \"open\n", "a:\r\n", "\u{FEFF}a: 1\n", "? a\n: b\n", "a: !!str 1\n",
        ] {
            #expect(YAMLFastComposer.compose(text) == nil, "\(text.debugDescription) should be left to Yams")
        }
    }

    @Test func errorsInAHandEditedFileStillNameTheirLine() {
        let reader = YAMLReader(file: "consultation.yml")
        let root = reader.root("format: 1\nid: x\n  title: y\n")
        #expect(root == nil)
        #expect(reader.problems.first?.line == 3)
        #expect(reader.problems.first?.code == "yaml.syntax")
    }
}
