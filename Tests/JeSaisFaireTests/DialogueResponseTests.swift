import Testing

@testable import JeSaisFaire

/// responses/<id>.md: errata, signatures and integration with changes, written and read back strictly.
@Suite struct DialogueResponseTests {
    func stamp(_ text: String) -> Timestamp { Timestamp(text)! }

    @Test func erratumChainRoundTrip() {
        let response = Response(
            proposal: "7F3K9Q2M-4",
            entries: [
                ResponseEntry(created: stamp("2027-01-06T10:00:00+01:00"), status: .accepted, text: "x", signedBy: "Marie \"M\" Dupont"),
                ResponseEntry(created: stamp("2027-01-07T10:00:00+01:00"), status: .partiallyAccepted, text: "En partie.", erratum: true),
                ResponseEntry(
                    created: stamp("2027-01-07T11:00:00+01:00"), status: .partiallyAccepted, text: "En partie, tous les deux mois.", erratum: true),
                ResponseEntry(created: stamp("2027-01-08T10:00:00+01:00"), status: .integrated, version: 2, text: "Intégrée.", withChanges: true),
            ])
        let text = response.markdown()
        #expect(text.contains("status: integrated\nversion: 2\nwith_changes: true\n"), "\(text)")
        #expect(text.contains("## 2027-01-06T10:00:00+01:00 — accepted {signed-by=\"Marie \\\"M\\\" Dupont\"}\n"), "\(text)")
        let (read, problems) = Response.parse(text, file: "r.md")
        #expect(problems.isEmpty, "\(problems)")
        #expect(read == response)
        // Each erratum corrects the answer before it that still stands; the integration is never corrected.
        #expect(response.correctedBy == [1, 2, nil, nil])
        #expect(response.standing.map(\.text) == ["En partie, tous les deux mois.", "Intégrée."])
        #expect(response.currentAnswer?.text == "En partie, tous les deux mois.")
        #expect(response.corrections(of: 2).map(\.text) == ["x", "En partie."])
        #expect(response.status == .integrated && response.integratedWithChanges)
    }

    @Test(
        arguments: [
            ("## 2027-01-06T10:00:00+01:00 — approved", "response.entry"),
            ("## 2027-01-06T10:00:00+01:00 — accepted v2", "response.entry"),
            ("## 2027-01-06T10:00:00+01:00 — integrated", "response.entry"),
            ("## 2027-01-06T10:00:00+01:00 — accepted {.with-changes}", "response.entry"),
            ("## 2027-01-06T10:00:00+01:00 — integrated v2 {.erratum}", "response.entry"),
            ("## 2027-01-06T10:00:00+01:00 — accepted {.urgent}", "response.entry"),
            ("## 2027-01-06T10:00:00+01:00 — accepted {signed-by=\"\"}", "response.entry"),
            ("## 2027-01-06T10:00:00+01:00 — accepted {.erratum}", "response.erratum"),
        ])
    func strict(heading: String, code: String) {
        let text = "---\nformat: 1\nproposal: 7F3K9Q2M-4\nstatus: accepted\n---\n\n\(heading)\n\nTexte.\n"
        let problems = Response.parse(text, file: "r.md").1
        #expect(problems.contains { $0.code == code && $0.severity == .error && $0.line == 7 }, "\(problems)")
    }

    @Test func withChangesIsTrueOrAbsent() {
        let text = "---\nformat: 1\nproposal: 7F3K9Q2M-4\nwith_changes: maybe\n---\n\n## 2027-01-06T10:00:00+01:00 — accepted\n\nOui.\n"
        #expect(Response.parse(text, file: "r.md").1.map(\.code) == ["response.with-changes"])
    }
}
