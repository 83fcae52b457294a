import Foundation
import Testing

@testable import JSFCommandLine

/// Shell completion: what jsf answers when the scripts of completions/ ask it (`jsf ---completion …`), and what
/// bash itself offers once the committed script is sourced.
@Suite("Shell completion of clauses, proposals and drafts")
struct CompletionTests {
    /// The words ArgumentParser's scripts pass: `---completion SUBCOMMAND -- ARGUMENT WORD-INDEX CURSOR WORDS…`,
    /// the cursor at the end of the last word.
    static func completion(_ subcommand: String, _ argument: String, _ words: [String]) -> [String] {
        ["---completion", subcommand, "--", argument, "\(words.count - 1)", "\(words.last?.count ?? 0)"] + words
    }

    func complete(
        _ world: DialogueWorld, _ subcommand: String, _ argument: String, _ words: String..., as user: String = "agent", in directory: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String] {
        let run = try world.box.jsf(
            Self.completion(subcommand, argument, ["jsf"] + words), as: user, in: directory ?? DialogueWorld.agentDir)
        try #require(run.status == 0, "completion failed:\n\(run)", sourceLocation: sourceLocation)
        #expect(run.stderr.isEmpty, "a completion prints nothing on stderr: \(run.stderr)", sourceLocation: sourceLocation)
        return run.stdout.split(separator: "\n").map(String.init)
    }

    /// id and number of every clause of HEAD, from `jsf clauses --json`.
    func clauses(_ world: DialogueWorld) throws -> [(id: String, number: String)] {
        struct Output: Decodable {
            struct Clause: Decodable { var id: String, number: String }
            var clauses: [Clause]
        }
        let run = try world.agentOK("clauses", "--json")
        return try JSONDecoder().decode(Output.self, from: Data(run.stdout.utf8)).clauses.map { ($0.id, $0.number) }
    }

    @Test("clause ids, and numbers once a digit is typed, for propose, show, diff --clause and inbox --clause")
    func clauseTargets() throws {
        let world = try DialogueWorld.proposed()
        let index = try clauses(world)
        #expect(index.count > 10)

        let all = try complete(world, "propose", "positional@0", "propose", "")
        #expect(all == index.map(\.id), "an empty word offers the ids, in document order")

        let three = try complete(world, "propose", "positional@0", "propose", "3")
        let numbers = index.map(\.number).filter { $0.hasPrefix("3") }
        #expect(!numbers.isEmpty)
        #expect(Array(three.prefix(numbers.count)) == numbers, "the numbers of article 3 come first: \(three)")
        #expect(Set(three.dropFirst(numbers.count)) == Set(index.map(\.id).filter { $0.hasPrefix("3") }))

        let id = try #require(index.first { $0.id.count > 8 }).id
        let prefix = String(id.prefix(4))
        let byPrefix = try complete(world, "show", "positional@0", "show", prefix)
        #expect(byPrefix.contains(id))
        #expect(byPrefix.allSatisfy { $0.hasPrefix(prefix) || $0.uppercased().hasPrefix(prefix.uppercased()) })

        #expect(try complete(world, "diff", "--clause", "diff", "--clause", "3") == three)
        #expect(try complete(world, "inbox", "--clause", "inbox", "--clause", "3") == three)
        // A company's clone offers the same clauses.
        #expect(try complete(world, "propose", "positional@0", "propose", "3", as: DialogueWorld.cuisine, in: DialogueWorld.cuisineDir) == three)
    }

    @Test("proposal ids in two steps: the pseudonyms, then the numbers on one pseudonym's branch")
    func proposalIDs() throws {
        let world = try DialogueWorld.proposed()
        let pseudonyms = try complete(world, "comment", "positional@0", "comment", "")
        #expect(pseudonyms == [world.pa, world.pb].sorted().map { $0 + "-" })

        let inbox = try world.inbox()
        let ofA = inbox.proposals.filter { $0.pseudonym == world.pa }.map(\.id)
        let numbers = try complete(
            world, "withdraw", "positional@0", "withdraw", world.pa + "-", as: DialogueWorld.cuisine, in: DialogueWorld.cuisineDir)
        #expect(Set(numbers) == Set(ofA), "every proposal of \(world.pa), none of another: \(numbers)")
        #expect(numbers.count == ofA.count)
        // Typed in lower case, as people do, and narrowed by the digits already typed.
        let one = try complete(world, "revise", "--apply", "revise", "--apply", world.a(1).lowercased())
        #expect(one.contains(world.a(1)) && one.allSatisfy { $0.hasPrefix(world.a(1)) })

        // show: clauses first, proposals once something is typed.
        let shown = try complete(world, "show", "positional@0", "show", String(world.pa.prefix(2)))
        #expect(shown.contains(world.pa + "-"))
        #expect(try complete(world, "propose", "--amend", "propose", "x", "--amend", "") == pseudonyms)
    }

    @Test("draft versions, newest first, and final for export once approved; -C names the consultation")
    func draftsAndDirectory() throws {
        let world = try DialogueWorld.published()
        #expect(try complete(world, "diff", "positional@0", "diff", "") == ["v2", "v1"])
        #expect(try complete(world, "diff", "positional@1", "diff", "v1", "v") == ["v2", "v1"])
        #expect(try complete(world, "clauses", "--version", "clauses", "--version", "v1") == ["v1"])
        #expect(try complete(world, "export", "positional@0", "export", "") == ["v2", "v1"], "no final before the approval")

        // From the sandbox's root: -C before or after the command name, as git reads it.
        let root = world.box.root
        #expect(try complete(world, "approve", "positional@0", "-C", DialogueWorld.agentDir, "approve", "", in: root) == ["v2", "v1"])
        #expect(try complete(world, "approve", "positional@0", "approve", "-C", DialogueWorld.agentDir, "", in: root) == ["v2", "v1"])
        // Outside a consultation: nothing, silently, exit 0.
        #expect(try complete(world, "approve", "positional@0", "approve", "", in: root).isEmpty)
        #expect(try complete(world, "propose", "positional@0", "propose", "", in: root).isEmpty)
    }

    @Test("bash, with the committed completions/jsf.bash sourced, offers clause numbers and proposal ids")
    func bash() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else {
            print("skipped: bash is not installed")
            return
        }
        let world = try DialogueWorld.proposed()
        let binary = try jsfBinary.get()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("completions/jsf.bash").path
        try #require(FileManager.default.fileExists(atPath: script), "completions/jsf.bash is missing")
        func offered(_ words: [String]) throws -> [String] {
            // What bash does on Tab: COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set, then the function of `complete -F`.
            let line = ([binary] + words).joined(separator: " ")
            let program = """
                source "$1"
                COMP_WORDS=("$2" \(words.map { "'\($0)'" }.joined(separator: " ")))
                COMP_CWORD=\(words.count)
                COMP_LINE='\(line)'
                COMP_POINT=\(line.utf8.count)
                _jsf "$2" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let run = try spawn(
                "/bin/bash", ["-c", program, "bash", script, binary], in: world.box.path(DialogueWorld.agentDir),
                environment: world.box.environment())
            try #require(run.status == 0, "bash failed:\n\(run)")
            return run.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        let index = try clauses(world)
        let numbers = index.map(\.number).filter { $0.hasPrefix("3.") }
        #expect(!numbers.isEmpty)
        #expect(Set(try offered(["propose", "3."])) == Set(numbers + index.map(\.id).filter { $0.hasPrefix("3.") }))
        #expect(try offered(["comment", ""]).sorted() == [world.pa, world.pb].sorted().map { $0 + "-" })
        #expect(try offered(["-C", ".", "diff", ""]) == ["v1"])
        #expect(try offered(["diff", "-C", ".", ""]) == ["v1"])
    }

    @Test("the answers jsf gives without ArgumentParser's parser are exactly the arguments the scripts ask about")
    func routesMatchTheScripts() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for script in ["completions/jsf.bash", "completions/_jsf", "completions/jsf.fish"] {
            let text = try String(contentsOf: root.appendingPathComponent(script), encoding: .utf8)
            let asked = Set(text.matches(of: #/---completion ((?:[a-z-]+ )*)-- ([^ )"'\\]+)/#).map { "\($0.output.1)\($0.output.2)" })
            #expect(asked == Set(CompletedValue.routes.keys), "\(script) asks \(asked.sorted())")
        }
    }
}
