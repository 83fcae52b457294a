import Foundation
import Testing

@Suite("jsf show: a clause id shaped like a proposal id")
struct ShowRoutingTests {
    @Test("'tranches-2' is a clause when no company has the pseudonym TRANCHES")
    func clauseShapedLikeAProposal() throws {
        let box = try Sandbox()
        try box.setUpAgent()
        try box.write(
            "cctp.md",
            """
            # Tranches

            Tranche ferme.

            # Tranches

            Tranche optionnelle de maintenance évolutive.

            # Critères

            ## Prix {.criterion weight=100}

            Le prix.

            """)
        try box.ok("init", "c", "--id", "tranches-test", "--title", "T", "--buyer", "B", "--cpv", "50312000-5", "--from", "cctp.md")
        try box.ok("publish", in: "c")
        let run = try box.jsf("show", "tranches-2", in: "c")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Tranche optionnelle de maintenance évolutive."), "\(run)")
        // A proposal id that names no branch is still refused as a clause, with the closest ids.
        expectRefusal(try box.jsf("show", "ABCDEFGH-1", in: "c"), status: 1, ["error: no clause 'ABCDEFGH-1' in HEAD"])
    }
}
