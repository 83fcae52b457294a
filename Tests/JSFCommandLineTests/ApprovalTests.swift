import Foundation
import JeSaisFaire
import Testing

@Suite("jsf approve: the PFRA buyer's merge on published and tag final")
struct ApprovalTests {
    /// A hub with v1 published, a company's clarification pushed, and a buyer's clone in "b".
    func world() throws -> Sandbox {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.ok("identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35", as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        let question = try box.ok(
            "propose", "duree", "--kind", "clarification", "--cost", "neutral",
            "-m", "La durée inclut-elle les vacances scolaires ?", as: "company", in: "co"
        ).trimmed
        #expect(question.hasSuffix("-1"))
        try box.ok("push", as: "company", in: "co")
        try box.setUpBuyer()
        try box.ok("clone", "hub.git", "b", as: "buyer")
        return box
    }

    @Test("refusals list everything that blocks: open round, unanswered clarification; then not the latest, role, twice")
    func refusals() throws {
        let box = try world()
        let blocked = try box.jsf("approve", "-m", "ok", as: "buyer", in: "b")
        expectRefusal(
            blocked, status: 1,
            [
                "error: v1 cannot be approved yet:",
                "hint: the round of v1 is open until 20 January 2027, 23:59 (Europe/Paris)",
                "hint: clarification requests without an answer: ",
            ])
        #expect(try box.git("rev-parse", "--verify", "-q", "refs/tags/final", in: "b").status != 0, "nothing half-written")
        #expect(try box.git("rev-parse", "--verify", "-q", "refs/heads/published", in: "b").status != 0)

        // The agent answers, publishes v2 and closes its round.
        try box.ok("fetch", in: "c")
        let id = try #require(try decode(InboxIDs.self, from: box.ok("inbox", "--json", in: "c")).clauses.first?.proposals.first?.id)
        try box.ok("comment", id, "--status", "answered", "-m", "Non, hors vacances scolaires.", in: "c")
        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")
        box.now = "2027-01-10T09:00:00+01:00"
        try box.ok("publish", "-m", "v2", "--until", "2027-01-30", in: "c")
        try box.ok("round", "close", in: "c")
        try box.ok("fetch", as: "buyer", in: "b")

        expectRefusal(
            try box.jsf("approve", "v1", "-m", "ok", as: "buyer", in: "b"), status: 1,
            ["error: v1 cannot be approved yet:", "hint: v1 is not the latest draft (v2 is)"])
        expectRefusal(try box.jsf("approve", "v9", "-m", "ok", as: "buyer", in: "b"), status: 1, ["error: no draft 'v9' (drafts: v1, v2)"])
        expectRefusal(try box.jsf("approve", "-m", "ok", in: "c"), status: 1, ["error: this command is for the buyer role; your identity is agent"])
        expectRefusal(try box.jsf("approve", "-m", "  ", as: "buyer", in: "b"), status: 64, ["error: the approval needs a note"])
        let missing = try box.jsf("approve", as: "buyer", in: "b")
        #expect(missing.status == 64, "\(missing)")

        let approved = try box.jsf("approve", "-m", "Texte conforme.", as: "buyer", in: "b")
        #expect(approved.status == 0, "\(approved)")
        #expect(approved.stdout == "final\n")
        #expect(approved.stderr.contains("Approved v2: merge "))
        expectRefusal(try box.jsf("approve", "-m", "encore", as: "buyer", in: "b"), status: 1, ["error: v2 was already approved on "])

        // Plain git agrees, on the hub.
        #expect(try box.gitOutput("cat-file", "-t", "final", in: "hub.git") == "tag")
        let parents = try box.gitOutput("log", "-1", "--format=%P", "final^{commit}", in: "hub.git").split(separator: " ").map(String.init)
        #expect(
            parents == [try box.gitOutput("rev-parse", "v1^{commit}", in: "hub.git"), try box.gitOutput("rev-parse", "v2^{commit}", in: "hub.git")])
        let firstParent = try box.gitOutput("log", "--first-parent", "--merges", "--format=%s", "published", in: "hub.git")
        #expect(firstParent == "Approbation de la v2", "one merge per approval")
        let approval = try box.gitOutput("show", "final:approval.yml", in: "hub.git")
        #expect(approval.contains("version: 2\n"))
        #expect(approval.contains("buyer: PFRA Bretagne\n"))
        #expect(approval.contains("note: Texte conforme."))
        // The approved tree is the draft's tree plus approval.yml.
        let draftFiles = try box.gitOutput("ls-tree", "--name-only", "v2", in: "hub.git").split(separator: "\n").map(String.init)
        let finalFiles = try box.gitOutput("ls-tree", "--name-only", "final", in: "hub.git").split(separator: "\n").map(String.init)
        #expect(finalFiles.sorted() == (draftFiles + ["approval.yml"]).sorted())
        #expect(try box.gitOutput("diff", "v2", "final", "--", "cctp.md", "clauses.yml", "consultation.yml", in: "hub.git") == "")
        #expect(try box.git("fsck", "--strict", in: "hub.git").status == 0)
        #expect(try box.gitOutput("log", "-1", "--format=%an", "final^{commit}", in: "hub.git") == "PFRA Bretagne")

        // Everyone sees it after fetching.
        try box.ok("fetch", in: "c")
        let status = try decode(StatusApproval.self, from: box.ok("status", "--json", in: "c"))
        #expect(status.approval?.version == "v2")
        #expect(status.approval?.buyer == "PFRA Bretagne")
        #expect(try box.ok("log", in: "c").stdout.contains("[final, approved on 10 January 2027]"))
    }

    @Test("a draft made by hand with plain git never reaches the buyer: the hub refuses it, naming the commit and the rule")
    func brokenDraft() throws {
        let box = try world()
        // A v2 made by hand with plain git: unsigned, and its clauses.yml lies about a title.
        try box.edit("c/clauses.yml", replacing: "title: Objet", with: "title: Objet modifié à la main")
        #expect(try box.git("commit", "-qam", "index edited by hand", in: "c").status == 0)
        #expect(try box.git("tag", "-a", "v2", "-m", "v2 by hand", in: "c").status == 0)
        let commit = try box.gitOutput("rev-parse", "--short=7", "main", in: "c")
        let push = try box.git("push", "origin", "main", "v2", in: "c")
        #expect(push.status != 0, "\(push)")
        #expect(push.stderr.contains("remote: error: refs/heads/main \(commit): is not signed (rule: signature)"), "\(push)")
        #expect(push.stderr.contains("clauses.yml is out of step with cctp.md"), "\(push)")
        #expect(try box.git("rev-parse", "--verify", "-q", "refs/tags/v2", in: "hub.git").status != 0, "nothing reached the hub")
        try box.ok("fetch", as: "buyer", in: "b")
        let log = try box.ok("log", "--json", as: "buyer", in: "b")
        #expect(!log.stdout.contains("\"v2\""), "\(log)")
    }

    struct InboxIDs: Decodable {
        struct Group: Decodable {
            struct Item: Decodable { var id: String }
            var proposals: [Item]
        }
        var clauses: [Group]
    }

    struct StatusApproval: Decodable {
        struct Approval: Decodable {
            var version: String
            var buyer: String
        }
        var approval: Approval?
    }
}
