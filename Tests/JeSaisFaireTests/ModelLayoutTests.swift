import Testing

@testable import JeSaisFaire

@Suite struct ModelLayoutTests {
    @Test func draftVersions() {
        #expect(Layout.draftVersion(ofTag: "refs/tags/v1") == 1)
        #expect(Layout.draftVersion(ofTag: "refs/tags/v12") == 12)
        #expect(Layout.draftVersion(ofTag: "refs/tags/v10") == 10)
        #expect(Layout.draftVersion(ofTag: Layout.draftTag(7)) == 7)
        #expect(Layout.draftTag(3) == "refs/tags/v3")
    }

    @Test(arguments: [
        "refs/tags/v0", "refs/tags/v01", "refs/tags/v1x", "refs/tags/v", "refs/tags/V1", "refs/tags/v-1", "refs/tags/v+1",
        "refs/tags/v1.0", "refs/tags/v 1", "refs/tags/v١", "refs/tags/v²", "refs/heads/v1", "v1", "refs/tags/final",
        "refs/tags/v99999999999999999999999",
    ])
    func notDraftTags(_ ref: String) {
        #expect(Layout.draftVersion(ofTag: ref) == nil)
    }

    @Test func owners() {
        #expect(Layout.owner(of: "refs/heads/main") == .agent)
        #expect(Layout.owner(of: "refs/heads/dialogue") == .agent)
        #expect(Layout.owner(of: "refs/tags/v1") == .agent)
        #expect(Layout.owner(of: "refs/tags/v23") == .agent)
        #expect(Layout.owner(of: "refs/heads/published") == .buyer)
        #expect(Layout.owner(of: "refs/tags/final") == .buyer)
        #expect(Layout.owner(of: "refs/heads/proposals/7F3K9Q2M") == .company)
        #expect(Layout.owner(of: Layout.proposals(of: "ABC")) == .company)
        #expect(Layout.proposals(of: "ABC") == "refs/heads/proposals/ABC")
    }

    @Test(arguments: [
        "refs/heads/master", "refs/heads/mainx", "refs/heads/main/x", "main", "refs/tags/v0", "refs/tags/v01", "refs/tags/v1x",
        "refs/tags/final2", "refs/heads/proposals", "refs/heads/publishedx", "refs/remotes/origin/main", "HEAD", "",
    ])
    func unmanagedRefs(_ ref: String) {
        #expect(Layout.owner(of: ref) == nil)
    }

    @Test func pushRefspecs() {
        #expect(
            Layout.pushRefspecs(for: .agent, draftTags: [1, 2]) == [
                "refs/heads/main:refs/heads/main", "refs/tags/v1:refs/tags/v1", "refs/tags/v2:refs/tags/v2",
            ])
        #expect(Layout.pushRefspecs(for: .company) == [])
        #expect(Layout.pushRefspecs(for: .company, pseudonym: "P") == ["refs/heads/proposals/P:refs/heads/proposals/P"])
        #expect(Layout.pushRefspecs(for: .buyer) == ["refs/heads/published:refs/heads/published", "refs/tags/final:refs/tags/final"])
        // Every pushed ref belongs to the role that pushes it.
        for role in Role.allCases {
            for spec in Layout.pushRefspecs(for: role, pseudonym: "P", draftTags: [1, 5]) {
                #expect(Layout.owner(of: String(spec.split(separator: ":")[1])) == role)
            }
        }
    }

    @Test func files() {
        #expect(Layout.files == ["consultation.yml", "cctp.md", "clauses.yml"])
    }
}
