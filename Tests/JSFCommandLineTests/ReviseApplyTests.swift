import Foundation
import Testing

/// `revise --apply A B` as the usage line reads (`[--apply <id> ...]`), as well as `--apply A --apply B`.
@Suite("jsf revise --apply with several ids after one option")
struct ReviseApplyTests {
    struct Output: Decodable {
        struct Applied: Decodable { var id: String }
        var applied: [Applied]
    }

    @Test("--apply A B applies both, as --apply A --apply B does; a third word that is no proposal is refused")
    func severalIDs() throws {
        let one = try DialogueWorld.answered()
        let run = try one.agentOK("revise", "--apply", one.a(3), one.b(1), "--json")
        let applied = try JSONDecoder().decode(Output.self, from: Data(run.stdout.utf8)).applied.map(\.id)
        #expect(Set(applied) == [one.a(3), one.b(1)], "\(run)")

        let other = try DialogueWorld.answered()
        let repeated = try other.agentOK("revise", "--apply", other.a(3), "--apply", other.b(1), "--json")
        let same = try JSONDecoder().decode(Output.self, from: Data(repeated.stdout.utf8)).applied.map(\.id)
        #expect(Set(same) == [other.a(3), other.b(1)])
        // The working trees agree, whatever the spelling of the command line.
        let a = try String(contentsOfFile: one.box.path(DialogueWorld.agentDir + "/cctp.md"), encoding: .utf8)
        let b = try String(contentsOfFile: other.box.path(DialogueWorld.agentDir + "/cctp.md"), encoding: .utf8)
        #expect(a == b)

        let third = try DialogueWorld.answered()
        let refused = try third.agent("revise", "--apply", third.a(3), "nonsense")
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.stderr.contains("nonsense"), "\(refused.stderr)")
    }
}
