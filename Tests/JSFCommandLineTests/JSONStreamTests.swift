import Foundation
import JeSaisFaire
import Testing

@testable import JSFCommandLine

/// `jsf inbox --json` is written a clause at a time: the bytes must be those of JSONEncoder on the whole output.
@Suite("JSON written member by member: the same bytes as encoded whole")
struct JSONStreamTests {
    static func proposal(_ n: Int, _ text: String) -> Inbox.ProposalOutput {
        Inbox.ProposalOutput(
            id: "7F3K9Q2M-\(n)", pseudonym: "7F3K9Q2M", kind: "alternative", target: "prix/révision", version: 2, cost: "down",
            estimate: n % 2 == 0 ? nil : "−4 % « sur » le forfait", status: "open", state: "current", late: n % 3 == 0,
            created: "2027-01-05T09:00:00+01:00", supersedes: nil, withdrawn: nil, weights: n % 4 == 0 ? ["prix": 40, "Valeur": 60] : nil,
            justification: text, proposedText: n % 5 == 0 ? "Texte\n\tproposé \u{1}\u{7F} \\ \"/\"" : nil,
            answers: n % 2 == 0
                ? []
                : [Inbox.AnswerOutput(created: "2027-01-06", status: "answered", version: nil, text: "Réponse", erratum: false, withChanges: false)])
    }

    static func output(groups: Int, perGroup: Int, invalid: Bool) -> Inbox.Output {
        let text = String(repeating: "Justification détaillée, sur plusieurs lignes.\n", count: 20)
        return Inbox.Output(
            draft: groups % 2 == 0 ? "v2" : nil, lastFetch: nil, total: groups * perGroup,
            clauses: (0..<groups).map { g in
                Inbox.GroupOutput(
                    id: "clause-\(g)", number: "\(g).1", title: g == 0 ? nil : "Titre « \(g) »", kind: "clause", removed: g == 0,
                    counts: Inbox.Tally(ProposalCounts()), proposals: (0..<perGroup).map { proposal(g * perGroup + $0, text) })
            },
            invalid: invalid ? [] : nil)
    }

    @Test("empty, small and large outputs (several writes): byte for byte JSONEncoder's", arguments: [(0, 0), (1, 0), (1, 1), (3, 2), (40, 30)])
    func sameBytes(_ size: (Int, Int)) throws {
        for invalid in [false, true] {
            let output = Self.output(groups: size.0, perGroup: size.1, invalid: invalid)
            var streamed = Data()
            var writes = 0
            try JSONStream.object(output.members) {
                streamed += $0
                writes += 1
            }
            let whole = try JSONStream.encoder().encode(output) + Data("\n".utf8)
            #expect(streamed == whole, "\(String(decoding: streamed.prefix(400), as: UTF8.self))")
            // Over 64 KB, the output goes out in pieces rather than held whole.
            #expect((writes > 1) == (whole.count > 1 << 16 + 4096))
        }
    }
}
