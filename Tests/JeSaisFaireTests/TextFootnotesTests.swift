import Foundation
import Testing

@testable import JeSaisFaire

@Suite("Footnotes: the labels a cctp.md cites and defines, with their lines")
struct TextFootnotesTests {
    @Test("references and definitions outside code, on their lines, with CRLF and up to three spaces of indent")
    func scanning() {
        let source = [
            "## 1 Objet {#objet}",
            "Le marché[^1] porte sur la TMA[^tma].\r",
            "",
            "   [^1]: Au sens du code de la commande publique.",
            "    [^4]: four spaces: a code line, not a definition",
            "```",
            "Un exemple [^2] dans un bloc de code.",
            "```",
            "~~~",
            "[^3]: ni ici",
            "~~~",
            "La notation `[^5]` en code, puis une vraie[^6].",
            "[^tma]: Tierce maintenance applicative, voir [^1].",
        ].joined(separator: "\n")
        let notes = Footnotes(scanning: source)
        #expect(notes.definitions == [.init(label: "1", line: 4), .init(label: "tma", line: 13)])
        #expect(
            notes.references == [
                .init(label: "1", line: 2), .init(label: "tma", line: 2), .init(label: "4", line: 5), .init(label: "6", line: 12),
                .init(label: "1", line: 13),
            ])
        #expect(Footnotes(scanning: "").definitions.isEmpty)
        #expect(Footnotes(scanning: "Sans note.\n").references.isEmpty)
    }
}
