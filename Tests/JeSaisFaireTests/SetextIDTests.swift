import Testing

@testable import JeSaisFaire

@Suite("ids assigned to setext headings go on the heading's text, never on its underline")
struct SetextIDTests {
    /// Found by the cctp fuzz harness: a one-dash underline with a thematic break right below made cmark's end of the
    /// heading reach the break, and the id went on the underline ("- {#titre}", a list item: the heading was lost).
    @Test(arguments: ["Titre\n-\n----", "Titre\r-\n----", "Titre\r\n-\r\n----", "Titre\n===\n----", "Ligne une\nTitre\n-\n\n----"])
    func underlineThenBreak(source: String) {
        let text = CCTPText(parsing: source)
        let (written, assigned) = text.assigningIDs()
        let reparsed = CCTPText(parsing: written)
        #expect(text.headings.count == 1 && reparsed.headings.count == 1, "\(written.debugDescription)")
        #expect(reparsed.headings.first?.id == assigned.first && assigned.count == 1, "\(written.debugDescription)")
        #expect(reparsed.headings.first?.level == text.headings.first?.level)
    }
}
