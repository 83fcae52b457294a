import Foundation
import JeSaisFaire
import Testing

// Issue 14: the times a company writes — its commits, `created`, `withdrawn` — are rounded down to the hour, in
// UTC, and nothing in its clone's .git carries its git identity or its time zone (reflogs included).

/// A company whose global git identity (GIT_CONFIG_GLOBAL) is a person's, in Paris time.
private struct HourlyWorld {
    let box: Sandbox
    static let user = "jean"
    static let gitName = "Jean Dupont"
    static let gitEmail = "jean@alsace-info.example"

    /// The agent publishes v1 of maintenance-informatique-67 at 09:30 (Paris), its round open until 2027-01-20.
    static func make(publishedAt: String = "2027-01-04T09:30:00+01:00", sourceLocation: SourceLocation = #_sourceLocation) throws -> HourlyWorld {
        let box = try Sandbox()
        box.now = publishedAt
        try box.setUpMaintenance(sourceLocation: sourceLocation)
        try box.write("gitconfig-jean", "[user]\n\tname = \(gitName)\n\temail = \(gitEmail)\n")
        let world = HourlyWorld(box: box)
        try world.company(
            [
                "identity", "init", "--role", "company", "--name", gitName, "--organisation", "Alsace Info Services SAS",
                "--siret", "73282932000074", "--email", gitEmail, "--phone", "+33 3 88 12 34 56", "--cpv", "50312000-5",
                "--departement", "67",
            ], at: publishedAt, sourceLocation: sourceLocation)
        return world
    }

    /// Runs jsf as the company at `time`, its git identity live and its clock in Paris; requires success unless
    /// `expect` says otherwise.
    @discardableResult
    func company(
        _ arguments: [String], at time: String, in directory: String? = nil, expect status: Int32? = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Run {
        let run = try box.jsf(
            arguments, as: Self.user, in: directory,
            environment: ["GIT_CONFIG_GLOBAL": box.path("gitconfig-jean"), "TZ": "Europe/Paris", "JSF_NOW": time])
        if let status {
            try #require(run.status == status, "jsf \(arguments.joined(separator: " ")) at \(time):\n\(run)", sourceLocation: sourceLocation)
        }
        return run
    }

    func agent(_ arguments: [String], at time: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let run = try box.jsf(arguments, in: "agent-c", environment: ["JSF_NOW": time])
        try #require(run.status == 0, "jsf \(arguments.joined(separator: " ")) (agent) at \(time):\n\(run)", sourceLocation: sourceLocation)
        return run
    }

    /// Every commit of `ref` in `repository` as "<author seconds> <author offset> <committer seconds> <committer offset>".
    func commitTimes(_ ref: String, in repository: String) throws -> [[String]] {
        try box.gitOutput("log", "--format=%at %ad %ct %cd", "--date=format:%z", ref, in: repository)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    }
}

/// The ids of an `inbox --json` in the order printed.
private func inboxOrder(_ json: String) throws -> [String] {
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let clauses = try #require(root["clauses"] as? [[String: Any]])
    return clauses.flatMap { ($0["proposals"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
}

@Suite("A company's times: the hour, in UTC", .serialized)
struct CompanyHourlyTests {
    @Test("commits, created and withdrawn are whole hours UTC; no reflog, file or config of the clone names the person or the zone")
    func roundedAndNeutral() throws {
        let world = try HourlyWorld.make()
        let box = world.box
        try world.company(["clone", box.path("hub.git"), "jean-c"], at: "2027-01-04T09:40:07+01:00")
        // 09:45 in a round opened at 09:30: created says 08:00 UTC, before the round, and is neither refused nor flagged.
        let first = try world.company(
            ["propose", "niveaux-de-service", "--kind", "solution", "--cost", "down", "-m", "Un rétablissement sous 8 h ouvrées suffit."],
            at: "2027-01-04T09:45:13+01:00", in: "jean-c"
        ).trimmed
        let second = try world.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Le lot inclut-il les imprimantes ?"],
            at: "2027-01-04T09:52:41+01:00", in: "jean-c"
        ).trimmed
        try world.company(["push"], at: "2027-01-04T09:53:02+01:00", in: "jean-c")
        try world.company(["withdraw", first], at: "2027-01-04T10:58:59+01:00", in: "jean-c")
        let third = try world.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "--amend", second, "-m", "Le lot inclut-il aussi les copieurs ?"],
            at: "2027-01-04T10:59:30+01:00", in: "jean-c"
        ).trimmed
        try world.company(["push"], at: "2027-01-04T11:01:17+01:00", in: "jean-c")
        try world.company(["fetch"], at: "2027-01-04T11:02:03+01:00", in: "jean-c")
        try world.company(["inbox"], at: "2027-01-04T11:02:09+01:00", in: "jean-c")
        try world.company(["status"], at: "2027-01-04T11:02:11+01:00", in: "jean-c")
        let code = try box.gitOutput("config", "--local", "jsf.pseudonym", in: "jean-c")
        let branch = "refs/heads/proposals/\(code)"

        // The dates in the files: the hour, rounded down, in UTC.
        let files1 = try box.gitOutput("show", "\(branch):1.md", in: "jean-c")
        let files2 = try box.gitOutput("show", "\(branch):2.md", in: "jean-c")
        let files3 = try box.gitOutput("show", "\(branch):3.md", in: "jean-c")
        #expect(files1.contains("created: \"2027-01-04T08:00:00+00:00\""), "\(files1)")
        #expect(files1.contains("withdrawn: \"2027-01-04T09:00:00+00:00\""), "\(files1)")
        #expect(files2.contains("created: \"2027-01-04T08:00:00+00:00\""), "\(files2)")
        #expect(files3.contains("created: \"2027-01-04T09:00:00+00:00\""), "\(files3)")
        #expect([first, second, third] == ["\(code)-1", "\(code)-2", "\(code)-3"])

        // Every commit of the branch, here and on the hub: author and committer at a whole hour, +0000.
        for repository in ["jean-c", "hub.git"] {
            let times = try world.commitTimes(branch, in: repository)
            #expect(times.count == 4, "\(repository): \(times)")
            for line in times {
                #expect(line.count == 4 && line[1] == "+0000" && line[3] == "+0000", "\(repository): \(line)")
                #expect(line.count == 4 && Int(line[0])! % 3600 == 0 && Int(line[2])! % 3600 == 0, "\(repository): \(line)")
            }
            // Newest first: the amendment and the withdrawal at 09:00 UTC, the two proposals at 08:00.
            #expect(times.map { $0.first ?? "" } == ["1799053200", "1799053200", "1799049600", "1799049600"], "\(repository): \(times)")
        }

        // Nothing under .git (objects aside: they are compressed, and the agent's are dated in Paris) names the
        // person; no reflog is kept; the clone's own records of time are in UTC.
        let gitDirectory = box.path("jean-c/.git")
        let files = try FileManager.default.subpathsOfDirectory(atPath: gitDirectory).filter { !$0.hasPrefix("objects") }
        #expect(files.contains("config") && files.contains("jsf/last-fetch.yml"), "\(files)")
        for relative in files {
            guard let data = FileManager.default.contents(atPath: gitDirectory + "/" + relative) else { continue }
            let text = String(decoding: data, as: UTF8.self).lowercased()
            for needle in [HourlyWorld.gitName, HourlyWorld.gitEmail, "alsace-info", "Alsace Info"] {
                #expect(!text.contains(needle.lowercased()), "\(relative) holds '\(needle)'")
            }
        }
        #expect(!files.contains { $0.hasPrefix("logs/") }, "reflogs: \(files.filter { $0.hasPrefix("logs") })")
        #expect(try box.gitOutput("config", "--local", "core.logAllRefUpdates", in: "jean-c") == "false")
        for own in ["jsf/last-fetch.yml", "jsf/fetched", "jsf/first-seen"] {
            let text = try box.read("jean-c/.git/" + own)
            let offsets = text.matches(of: /[+-]\d\d:\d\d\b/).map { String(text[$0.range]) }
            #expect(offsets.allSatisfy { $0 == "+00:00" }, "\(own): \(text)")
        }
        #expect(try box.read("jean-c/.git/jsf/last-fetch.yml").contains("2027-01-04T10:02:03+00:00"))

        // The agent reads the three as genuine proposals, none late or invalid.
        try world.agent(["fetch"], at: "2027-01-04T11:10:00+01:00")
        let inbox = try world.agent(["inbox", "--json"], at: "2027-01-04T11:10:00+01:00")
        // Grouped by clause in the draft's order: objet (1.1) before niveaux-de-service (4.2).
        #expect(try inboxOrder(inbox.stdout) == [second, third, first], "\(inbox)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(inbox.stdout.utf8)) as? [String: Any])
        #expect((root["invalid"] as? [Any])?.isEmpty ?? true, "\(inbox)")
        let proposals = (root["clauses"] as? [[String: Any]] ?? []).flatMap { $0["proposals"] as? [[String: Any]] ?? [] }
        #expect(proposals.count == 3 && proposals.allSatisfy { $0["late"] as? Bool == false }, "\(inbox)")
    }

    @Test("the round's close is judged by the real clock: refused by the client after it, by the hub's clock on a late push")
    func roundBoundaries() throws {
        let world = try HourlyWorld.make()
        let box = world.box
        try world.company(["clone", box.path("hub.git"), "jean-c"], at: "2027-01-04T09:40:00+01:00")
        // Written in the round at 11:05 (created 10:00 UTC), pushed after the agent closed it at 11:10.
        let inTime = try world.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Le lot inclut-il les imprimantes ?"],
            at: "2027-01-04T11:05:00+01:00", in: "jean-c"
        ).trimmed
        try world.agent(["round", "close"], at: "2027-01-04T11:10:00+01:00")
        let late = try world.company(["push"], at: "2027-01-04T11:15:00+01:00", in: "jean-c", expect: nil)
        #expect(late.status != 0, "\(late)")
        #expect(late.stderr.contains("\(inTime) arrives when the round of v1 is not open") && late.stderr.contains("(rule: late)"), "\(late)")
        #expect(try box.git(["rev-parse", "--verify", "--quiet", "refs/heads/proposals/\(inTime.dropLast(2))"], in: "hub.git").status != 0)

        // After the close, by the company's own clock (once it has fetched the close): refused before anything is written.
        try world.company(["fetch"], at: "2027-01-04T11:16:00+01:00", in: "jean-c")
        let tip = try box.gitOutput("rev-parse", "refs/heads/proposals/\(inTime.dropLast(2))", in: "jean-c")
        let after = try world.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Et les scanners ?"],
            at: "2027-01-04T11:20:00+01:00", in: "jean-c", expect: nil)
        expectRefusal(after, status: 1, ["the round of v1 closed on", "proposals are no longer accepted"])
        #expect(try box.gitOutput("rev-parse", "refs/heads/proposals/\(inTime.dropLast(2))", in: "jean-c") == tip)
    }

    @Test("ten proposals in one hour keep their order by number in inbox, status and report; branches by pseudonym")
    func orderWithinTheHour() throws {
        let world = try HourlyWorld.make()
        let box = world.box
        try world.company(["clone", box.path("hub.git"), "jean-c"], at: "2027-01-04T09:40:00+01:00")
        try box.ok(
            "identity", "init", "--role", "company", "--name", "Réseaux Haut-Rhin SARL", "--siret", "81234567600124", "--cpv", "50324100-3",
            "--departement", "67", as: "other")
        try box.ok("clone", box.path("hub.git"), "other-c", as: "other")
        var mine: [String] = []
        for n in 1...10 {
            mine.append(
                try world.company(
                    ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Question numéro \(n) sur l'objet ?"],
                    at: "2027-01-04T10:\(String(format: "%02d", 10 + n)):00+01:00", in: "jean-c"
                ).trimmed)
        }
        try world.company(["push"], at: "2027-01-04T10:30:00+01:00", in: "jean-c")
        box.now = "2027-01-04T10:05:00+01:00"
        let theirs = try box.ok(
            "propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Une question de l'autre entreprise ?",
            as: "other", in: "other-c"
        ).trimmed
        try box.ok("push", as: "other", in: "other-c")
        box.now = "2027-01-04T10:40:00+01:00"
        try box.ok("fetch", in: "agent-c")

        let code = String(mine[0].dropLast(2))
        let other = String(theirs.dropLast(2))
        let byNumber = (1...10).map { "\(code)-\($0)" }
        #expect(mine == byNumber)
        let expected = code < other ? byNumber + [theirs] : [theirs] + byNumber
        let inbox = try box.ok("inbox", "--json", in: "agent-c")
        #expect(try inboxOrder(inbox.stdout) == expected, "\(inbox.stdout)")

        // The company's own status lists its proposals in their order.
        let status = try world.company(["status", "--json"], at: "2027-01-04T10:41:00+01:00", in: "jean-c")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let listed = (root["proposals"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(listed == byNumber, "\(status.stdout)")

        // The report: the clause's proposals by hour, then pseudonym, then number (not "-10" before "-2").
        let report = try box.ok("report", "--json", in: "agent-c")
        let model = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let clauses = try #require(model["clauses"] as? [[String: Any]])
        let objet = try #require(clauses.first { $0["id"] as? String == "objet" })
        let order = (objet["proposals"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(order == expected, "\(order)")
    }

    @Test("the hub refuses a company commit or date to the second; such a branch, from an older jsf, still reads")
    func hookRequiresTheHour() throws {
        let world = try HourlyWorld.make()
        let box = world.box
        try world.company(["clone", box.path("hub.git"), "jean-c"], at: "2027-01-04T09:40:00+01:00")
        let id = try world.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Le lot inclut-il les imprimantes ?"],
            at: "2027-01-04T09:45:00+01:00", in: "jean-c"
        ).trimmed
        let code = String(id.dropLast(2))
        let key = try writeDerivedKey(box, user: HourlyWorld.user, consultation: "maintenance-informatique-67")
        // Plain git, signed with the company's own key: a second proposal, as an older jsf wrote it.
        let original = try box.gitOutput("show", "refs/heads/proposals/\(code):1.md", in: "jean-c")
        // (The id is quoted when the pseudonym starts with a digit.)
        let exact = original.replacingOccurrences(of: "\(code)-1", with: "\(code)-2")
            .replacingOccurrences(of: "2027-01-04T08:00:00+00:00", with: "2027-01-04T08:47:13+00:00")
        #expect(exact.contains("\(code)-2") && exact.contains("08:47:13"), "\(exact)")
        _ = try box.gitOutput("checkout", "--quiet", "proposals/\(code)", in: "jean-c")
        try box.write("jean-c/2.md", exact + "\n")
        _ = try box.gitOutput("add", "2.md", in: "jean-c")
        let commit = try box.git(
            [
                "-c", "user.name=\(code)", "-c", "user.email=\(code.lowercased())@pseudonym.jsf.invalid", "-c", "gpg.format=ssh",
                "-c", "user.signingkey=\(key)", "commit", "--quiet", "-S", "--date=2027-01-04T09:47:13+01:00", "-m", "\(code)-2: à la seconde",
            ], in: "jean-c")
        try #require(commit.status == 0, "\(commit)")
        _ = try box.gitOutput("checkout", "--quiet", "main", in: "jean-c")

        // A hook-run push (plain git, the hub's pre-receive hook): refused, by the rule 'time', for the commit and the file.
        let pushed = try box.git(["push", box.path("hub.git"), "proposals/\(code):refs/heads/proposals/\(code)"], in: "jean-c")
        #expect(pushed.status != 0, "\(pushed)")
        let lines = refusalLines(pushed, ref: "refs/heads/proposals/\(code)", rules: ["time"])
        #expect(lines.contains { $0.contains("has its author dated 2027-01-04T09:47:13+01:00") }, "\(pushed)")
        #expect(lines.contains { $0.contains("\(code)-2: 'created' is 2027-01-04T08:47:13+00:00") }, "\(pushed)")
        // And jsf push to that local hub reviews it the same way, in French too.
        let french = try box.jsf(
            ["push"], as: HourlyWorld.user, in: "jean-c",
            environment: ["GIT_CONFIG_GLOBAL": box.path("gitconfig-jean"), "LANG": "fr_FR.UTF-8"])
        #expect(french.status != 0, "\(french)")
        #expect(french.stderr.contains("a son auteur daté 2027-01-04T09:47:13+01:00"), "\(french)")
        #expect(french.stderr.contains("(règle : time)"), "\(french)")

        // A hub without the hook takes it (as hubs did before): readers and a verified fetch accept what an older jsf wrote.
        _ = try box.gitOutput("config", "core.hooksPath", box.path("no-hooks"), in: "hub.git")
        let plain = try box.git(["push", box.path("hub.git"), "proposals/\(code):refs/heads/proposals/\(code)"], in: "jean-c")
        #expect(plain.status == 0, "\(plain)")
        let fetched = try box.ok("fetch", in: "agent-c")
        #expect(!fetched.stderr.contains("forged"), "\(fetched)")
        let inbox = try box.ok("inbox", "--json", in: "agent-c")
        #expect(try inboxOrder(inbox.stdout) == [id, "\(code)-2"], "\(inbox.stdout)")
    }

    @Test("a clone made by an older jsf: its reflogs are rewritten pseudonymous, to the hour, +0000, then turned off")
    func olderCloneReflogs() throws {
        let world = try HourlyWorld.make()
        let box = world.box
        try world.company(["clone", box.path("hub.git"), "jean-c"], at: "2027-01-04T09:40:00+01:00")
        // As an older jsf left it: reflogs on, entries dated by the machine's clock in Paris.
        _ = try box.gitOutput("config", "--local", "--unset", "core.logAllRefUpdates", in: "jean-c")
        let main = try box.gitOutput("rev-parse", "refs/heads/main", in: "jean-c")
        let zero = String(repeating: "0", count: 40)
        try box.write(
            "jean-c/.git/logs/HEAD", "\(zero) \(main) jsf <jsf@pseudonym.jsf.invalid> 1796178798 +0100\tclone: from \(box.path("hub.git"))\n")
        try box.write(
            "jean-c/.git/logs/refs/remotes/origin/main",
            "\(zero) \(main) \(HourlyWorld.gitName) <\(HourlyWorld.gitEmail)> 1796178799 +0100\tjsf fetch: verified\n")
        try world.company(["fetch"], at: "2027-01-04T09:50:00+01:00", in: "jean-c")
        let code = try box.gitOutput("config", "--local", "jsf.pseudonym", in: "jean-c")
        #expect(
            try box.read("jean-c/.git/logs/HEAD")
                == "\(zero) \(main) \(code) <\(code.lowercased())@pseudonym.jsf.invalid> 1796176800 +0000\tclone: from \(box.path("hub.git"))\n")
        #expect(
            try box.read("jean-c/.git/logs/refs/remotes/origin/main")
                == "\(zero) \(main) \(code) <\(code.lowercased())@pseudonym.jsf.invalid> 1796176800 +0000\tjsf fetch: verified\n")
        #expect(try box.gitOutput("config", "--local", "core.logAllRefUpdates", in: "jean-c") == "false")
        // From then on, nothing more is logged.
        try world.company(
            ["propose", "objet", "--kind", "clarification", "--cost", "unknown", "-m", "Le lot inclut-il les imprimantes ?"],
            at: "2027-01-04T09:55:00+01:00", in: "jean-c")
        #expect(!FileManager.default.fileExists(atPath: box.path("jean-c/.git/logs/refs/heads/proposals/\(code)")))
    }
}
