import Foundation
import Testing

@testable import JeSaisFaire

/// Aliases are counted before Yams composes a document (found writing the fuzz harness of the YAML readers, now a
/// seed of Fuzz/Seeds/yaml: a mapping key that is an alias of nested aliases made Yams hash 10¹⁰ nodes for its
/// duplicate-key check; `jsf check` hung on a 534-byte consultation.yml nine levels deep).
@Suite struct YAMLAliasBoundTests {
    /// `levels` anchors, each a list of `width` aliases of the one before; the last one is used as a mapping key.
    static func bomb(levels: Int, width: Int) -> String {
        var lines = ["format: 1", "l0: &l0 [" + Array(repeating: "x", count: width).joined(separator: ", ") + "]"]
        for level in 1..<levels {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ") + "]")
        }
        lines += ["? *l\(levels - 1)", ": boom"]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func anAliasBombIsRefusedOnTheLineThatCrossesTheBound() throws {
        // 10 levels of 10: 10¹⁰ nodes once expanded; anchor l5 (line 7), 1,111,111 nodes, is the first past a million.
        let (consultation, problems) = Consultation.parse(Self.bomb(levels: 10, width: 10), file: "consultation.yml")
        #expect(consultation == nil)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == "yaml.aliases")
        #expect(problem.line == 7)
        #expect(problem.file == "consultation.yml")
        #expect(problem.message.en.contains("aliases") && problem.message.fr.contains("alias"))
    }

    @Test func everyReaderIsBounded() {
        let bomb = Self.bomb(levels: 10, width: 10)
        #expect(ClauseIndex.parse(bomb, file: "clauses.yml").1.map(\.code) == ["yaml.aliases"])
        #expect(Identity.parse(bomb, file: "identity.yml").1.map(\.code) == ["yaml.aliases"])
        let proposal = "---\n" + bomb + "---\n\nBody.\n"
        #expect(Proposal.parse(proposal, file: "proposals/X/1.md").1.map(\.code) == ["yaml.aliases"])
        #expect(Response.parse(proposal, file: "responses/X-1.md").1.map(\.code) == ["yaml.aliases"])
    }

    @Test func theBoundCountsExpandedNodesNotCharacters() {
        // 3 levels of 5: 1 + 5 + 5·6 + 5·31 + … well above 100 nodes once expanded, in a few lines.
        let text = Self.bomb(levels: 3, width: 5)
        #expect(YAMLAliasBound.excess(text, limit: 100) != nil)
        #expect(YAMLAliasBound.excess(text, limit: 10_000) == nil)
        // Without aliases, no bound: a long flat list is linear work.
        let long = "items: [" + Array(repeating: "x", count: 2_000).joined(separator: ", ") + "]\n"
        #expect(YAMLAliasBound.excess(long, limit: 100) == nil)
    }

    @Test func aFewAliasesStillRead() throws {
        let text = YAMLReaderFixtures.consultation().replacingOccurrences(
            of: "buyer: Eurométropole de Strasbourg", with: "buyer: &b Eurométropole de Strasbourg\ncontact: *b")
        let (consultation, problems) = Consultation.parse(text, file: "consultation.yml")
        #expect(problems.isEmpty, "\(problems)")
        #expect(try #require(consultation).contact == "Eurométropole de Strasbourg")
    }

    @Test func aSyntaxErrorIsStillReportedByTheParser() {
        let (_, problems) = Consultation.parse("a: *undefined\nb: [\n", file: "consultation.yml")
        #expect(problems.map(\.code) == ["yaml.syntax"])
    }
}
