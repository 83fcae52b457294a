import Foundation
import Synchronization
import Testing

/// Writers run at once in one clone: the number, the tree and the compare-and-swap come from one read, retried on
/// a conflict, so nothing is lost or written twice.
@Suite("concurrent writers in one clone")
struct ConcurrentWriterTests {
    /// Runs `count` jsf commands at once, returning them in order.
    func concurrently(_ count: Int, _ body: @Sendable (Int) throws -> Run) -> [Result<Run, any Error>] {
        let results = Mutex<[Int: Result<Run, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let result = Result { try body(i) }
            results.withLock { $0[i] = result }
        }
        return (0..<count).map { i in results.withLock { $0[i]! } }
    }

    /// A consultation with v1 on hub.git, and a company's clone of it in co/.
    func companyClone() throws -> Sandbox {
        let box = try Sandbox()
        try box.setUpConsultation(hub: "hub.git")
        try box.ok("publish", "--until", "2027-01-20", in: "c")
        try box.ok(
            "identity", "init", "--role", "company", "--name", "Cantine Bretonne", "--cpv", "55524000-9", "--departement", "35",
            as: "company")
        try box.ok("clone", "hub.git", "co", as: "company")
        return box
    }

    @Test("20 proposals at once in one clone: 20 distinct ids, all on the branch; 10 answers at once to one proposal: all kept")
    func proposeAndCommentAtOnce() throws {
        let box = try companyClone()
        let binary = try jsfBinary.get()
        let (company, companyDir) = (box.environment(user: "company"), box.path("co"))
        let runs = concurrently(20) { i in
            try spawn(
                binary, ["propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Question \(i) ?"], in: companyDir,
                environment: company)
        }
        var ids: [String] = []
        for result in runs {
            let run = try result.get()
            #expect(run.status == 0, "\(run)")
            ids.append(run.trimmed)
        }
        #expect(Set(ids).count == 20, "\(ids.sorted())")
        let pseudonym = try box.gitOutput("config", "jsf.pseudonym", in: "co")
        let files = try box.gitOutput("ls-tree", "--name-only", "proposals/\(pseudonym)", in: "co").lines.filter { $0.hasSuffix(".md") }
        #expect(files.count == 20, "\(files)")
        for i in 0..<20 {
            #expect(try box.git("grep", "-q", "Question \(i) ?", "proposals/\(pseudonym)", in: "co").status == 0, "question \(i) lost")
        }
        #expect(try box.git("fsck", "--strict", in: "co").status == 0)

        try box.ok("push", as: "company", in: "co")
        try box.ok("fetch", in: "c")
        let target = "\(pseudonym)-1"
        let (agent, agentDir) = (box.environment(user: "agent"), box.path("c"))
        let answers = concurrently(10) { i in
            try spawn(binary, ["comment", target, "-m", "Réponse \(i).", "--no-push"], in: agentDir, environment: agent)
        }
        for result in answers {
            let run = try result.get()
            #expect(run.status == 0, "\(run)")
        }
        let thread = try box.gitOutput("show", "dialogue:responses/\(target).md", in: "c")
        for i in 0..<10 { #expect(thread.contains("Réponse \(i)."), "answer \(i) lost:\n\(thread)") }
        #expect(try box.ok("verify", in: "c").status == 0)
    }

    @Test("20 pairs of propose, then withdraws and amends two at a time: every pair gets two numbers, nothing lost or doubled")
    func pairsOfWriters() throws {
        let box = try companyClone()
        let binary = try jsfBinary.get()
        let (company, companyDir) = (box.environment(user: "company"), box.path("co"))
        var ids: [String] = []
        for pair in 0..<20 {
            for result in concurrently(2) { i in
                try spawn(
                    binary, ["propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Paire \(pair), question \(i) ?"],
                    in: companyDir, environment: company)
            } {
                let run = try result.get()
                #expect(run.status == 0, "\(run)")
                ids.append(run.trimmed)
            }
        }
        #expect(Set(ids).count == 40, "\(ids.sorted())")
        let pseudonym = try box.gitOutput("config", "jsf.pseudonym", in: "co")
        // Two writers of another kind at once: a withdrawal and an amendment of two different proposals.
        for pair in 0..<5 {
            let (withdrawn, amended) = ("\(pseudonym)-\(2 * pair + 1)", "\(pseudonym)-\(2 * pair + 2)")
            let runs = concurrently(2) { i in
                try spawn(
                    binary,
                    i == 0
                        ? ["withdraw", withdrawn]
                        : ["propose", "duree", "--kind", "clarification", "--cost", "neutral", "--amend", amended, "-m", "Reformulée \(pair) ?"],
                    in: companyDir, environment: company)
            }
            for result in runs {
                let run = try result.get()
                #expect(run.status == 0, "\(run)")
            }
        }
        let files = try box.gitOutput("ls-tree", "--name-only", "proposals/\(pseudonym)", in: "co").lines.filter { $0.hasSuffix(".md") }
        #expect(files.count == 45, "\(files.count) files")
        let listed = try box.ok("inbox", "--mine", "--json", as: "company", in: "co").stdout
        for pair in 0..<5 {
            #expect(
                try box.gitOutput("show", "proposals/\(pseudonym):\(2 * pair + 1).md", in: "co").contains("withdrawn:"),
                "withdrawal \(pair) lost")
            #expect(listed.contains("Reformulée \(pair) ?"), "amendment \(pair) lost")
        }
        #expect(try box.git("fsck", "--strict", in: "co").status == 0)
    }
}
