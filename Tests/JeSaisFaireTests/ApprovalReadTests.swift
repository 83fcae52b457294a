import Testing

@testable import JeSaisFaire

@Suite struct ApprovalReadTests {
    @Test func fieldsOfADamagedFile() {
        let (fields, problems) = Approval.read("format: 1\nbuyer: PFRA Grand Est\n")
        #expect(fields == Approval.Fields(version: nil, buyer: "PFRA Grand Est", date: nil, note: nil, commit: nil))
        #expect(problems.count == 2)
        #expect(Approval.parse("format: 1\nbuyer: PFRA Grand Est\n").0 == nil)
    }

    /// The report once read `version: v2` as draft 2, where jsf verify refuses the file: one reader now.
    @Test func versionIsAWholeNumber() {
        #expect(Approval.read("format: 1\nversion: v2\nbuyer: B\ndate: \"2027-02-08T11:00:00+01:00\"\n").0?.version == nil)
        let (approval, problems) = Approval.parse("format: 1\nversion: 2\nbuyer: B\ndate: \"2027-02-08T11:00:00+01:00\"\nnote: ok\n")
        #expect(approval?.version == 2 && approval?.note == "ok" && problems.isEmpty)
    }
}
