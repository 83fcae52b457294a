import Foundation
import TestSupport
import Testing

/// The text and JSON contracts of the reading commands (docs/cli.md, docs/format.md), kept as files in
/// `Tests/Golden/commands`: after a fixed dialogue (two companies with fixed secrets, v1, proposals, answers, v2), each
/// command's stdout must equal its file byte for byte once object ids, keys and the sandbox's path are masked.
/// `JSF_UPDATE_GOLDEN=1` rewrites the files; review them with `git diff` before committing.
@Suite("golden contracts of the reading commands")
struct GoldenTests {
    static let directory = Golden.directory + "/commands"

    /// What varies from run to run without being a contract: object ids, keys, fingerprints, the sandbox's path.
    /// A run of 7 to 40 hex digits is an object id when it holds a letter, or when it abbreviates one of `objects`
    /// (an abbreviation made of digits only, 1 in 25 of them, is no date or count).
    static func masked(_ text: String, root: String, objects: [String] = []) -> String {
        var text = text.replacingOccurrences(of: root, with: "<root>")
        for (pattern, replacement) in [
            (#"ssh-ed25519 AAAA[A-Za-z0-9+/=]+"#, "ssh-ed25519 <key>"),
            (#"SHA256:[A-Za-z0-9+/=]{20,}"#, "SHA256:<fingerprint>"),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text.replacing(#/(^|[^-\w])([0-9a-f]{7,40})\b/#) { match in
            let word = String(match.output.2)
            let id = word.contains(where: \.isLetter) || objects.contains(where: { $0.hasPrefix(word) })
            return String(match.output.1) + (id ? "<oid>" : word)
        }
    }

    /// Every object id of the repositories of the dialogue (commits, trees, blobs, tags).
    static func objects(in box: Sandbox, _ directories: [String]) throws -> [String] {
        var ids: [String] = []
        for directory in directories {
            let run = try box.git(["rev-list", "--all", "--objects"], in: directory)
            ids += run.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            ids += try box.git(["for-each-ref", "--format=%(objectname)"], in: directory).stdout.split(separator: "\n").map(String.init)
        }
        return ids.filter { $0.prefix(7).allSatisfy(\.isNumber) }
    }

    @Test("status, log, clauses, show, inbox, diff, report, verify and allowed-signers, in English and French, as text and JSON")
    func contracts() throws {
        let world = try DialogueWorld.published(fixedSecrets: true)
        let box = world.box
        box.now = "2027-01-09T10:00:00+01:00"
        try world.companyOK(DialogueWorld.cuisine, "fetch")
        let agent = DialogueWorld.agentDir
        let cuisine = DialogueWorld.cuisineDir
        let runs: [(name: String, user: String, directory: String, arguments: [String])] = [
            ("status", "agent", agent, ["status"]),
            ("status.json", "agent", agent, ["status", "--json"]),
            ("log", "agent", agent, ["log"]),
            ("log.json", "agent", agent, ["log", "--json"]),
            ("log-keys.json", "agent", agent, ["log", "--keys", "--json"]),
            ("clauses", "agent", agent, ["clauses"]),
            ("clauses.json", "agent", agent, ["clauses", "--json"]),
            ("show-clause", "agent", agent, ["show", "contenants"]),
            ("show-section", "agent", agent, ["show", "4"]),
            ("show-section.json", "agent", agent, ["show", "4", "--json"]),
            ("show-proposal", "agent", agent, ["show", world.a(3)]),
            ("inbox", "agent", agent, ["inbox"]),
            ("inbox.json", "agent", agent, ["inbox", "--json"]),
            ("diff.json", "agent", agent, ["diff", "v1", "v2", "--json"]),
            ("report.md", "agent", agent, ["report", "--md", "-"]),
            ("report.json", "agent", agent, ["report", "--json"]),
            ("verify.json", "agent", agent, ["verify", "--json"]),
            ("allowed-signers", "agent", agent, ["allowed-signers"]),
            ("company-status", DialogueWorld.cuisine, cuisine, ["status"]),
            ("company-status.json", DialogueWorld.cuisine, cuisine, ["status", "--json"]),
            ("company-inbox", DialogueWorld.cuisine, cuisine, ["inbox"]),
        ]
        let objects = try Self.objects(in: box, [agent, cuisine, DialogueWorld.hub])
        var names: [String] = []
        for language in ["C.UTF-8", "fr_FR.UTF-8"] {
            box.language = language
            for run in runs {
                let json = run.name.hasSuffix(".json")
                // JSON is the same in every language: one file.
                if json && language != "C.UTF-8" { continue }
                let name = json ? run.name : run.name + (language == "C.UTF-8" ? ".en" : ".fr") + ".txt"
                names.append(name)
                let result = try box.jsf(run.arguments, as: run.user, in: run.directory)
                try #require(result.status == 0, "jsf \(run.arguments.joined(separator: " ")) failed:\n\(result)")
                try Golden.expect(
                    Self.masked(result.stdout, root: box.root, objects: objects), equals: "commands/" + name,
                    what: "jsf \(run.arguments.joined(separator: " ")) (\(language))")
            }
        }
        // No stale file: every golden file is one of the runs.
        let present = try FileManager.default.contentsOfDirectory(atPath: Self.directory).sorted()
        #expect(present == names.sorted(), "Tests/Golden/commands holds files no run writes, or lacks some")
    }
}
