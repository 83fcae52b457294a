import Foundation
import Testing

/// The bad-input corpus (`Tests/BadInput/*.case`, one case per file, format in its README.md): each case builds one
/// of three small worlds, spoils one thing, runs one jsf command and expects its exit status, a fragment of what it
/// says, and — unless the case says otherwise — that nothing was written: refs, index, working trees, identities and
/// `.git/jsf/` fingerprinted before and after (objects and reflogs excepted: an unreachable object, or a ref moved
/// and put back, is no change).
@Suite("bad-input corpus: every case refused clearly, nothing written")
struct BadInputCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BadInput").path

    static var caseNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".case") }.sorted()
    }

    /// The worlds, each built once: `agent` (consultation c/ with v1 published on hub.git), `company` (that, plus a
    /// company's clone co/ with a proposal pushed and fetched by the agent), `plain` (identities only).
    static let worlds: Result<[String: String], any Error> = Result {
        var worlds: [String: String] = [:]
        for name in ["plain", "agent", "company"] {
            let box = try Sandbox()
            box.keep = true
            try box.setUpAgent()
            try box.setUpCompany()
            if name != "plain" {
                try box.setUpConsultation(hub: "hub.git", territory: "67")
                try box.ok("publish", "--until", "2027-01-20", in: "c")
            }
            if name == "company" {
                try box.ok("clone", "hub.git", "co", as: "company")
                try box.ok(
                    "propose", "duree", "--kind", "clarification", "--cost", "neutral", "-m", "Quelle durée ?", as: "company", in: "co")
                try box.ok("push", as: "company", in: "co")
                try box.ok("fetch", in: "c")
            }
            worlds[name] = box.root
        }
        return worlds
    }

    struct Case {
        var file: String
        var title = ""
        var world = "agent"
        var steps: [String] = []
        var arguments: [String] = []
        var user = "agent"
        var directory = "c"
        var exit: Int32 = 1
        var expect: [String] = []
        var writes = false
        var environment: [String: String?] = [:]
        var language = "C.UTF-8"

        init(file: String, text: String) throws {
            self.file = file
            for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(raw)
                if number == 0 {
                    title = line.hasPrefix("# ") ? String(line.dropFirst(2)) : line
                    continue
                }
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let colon = line.firstIndex(of: ":") else { throw CaseError("\(file):\(number + 1): no 'key:'") }
                let key = String(line[..<colon])
                let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                switch key {
                case "world": world = value
                case "step": steps.append(value)
                case "run":
                    guard let parsed = try JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String] else {
                        throw CaseError("\(file):\(number + 1): run takes a JSON array of strings")
                    }
                    arguments = parsed
                case "as": user = value
                case "in": directory = value
                case "exit": exit = Int32(value) ?? -1
                case "expect": expect.append(Self.unescaped(value))
                case "writes": writes = value == "yes"
                case "lang": language = value
                case "env":
                    let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                    environment[parts[0]] = parts.count > 1 ? Self.unescaped(parts[1]) : .some(nil)
                default: throw CaseError("\(file):\(number + 1): unknown key '\(key)'")
                }
            }
            if arguments.isEmpty { throw CaseError("\(file): no run:") }
            if expect.isEmpty { throw CaseError("\(file): no expect:") }
        }

        /// `\n`, `\t`, `\\` and `\xHH` in a value.
        static func unescaped(_ text: String) -> String {
            String(decoding: bytes(text), as: UTF8.self)
        }

        static func bytes(_ text: String) -> [UInt8] {
            var out: [UInt8] = []
            var chars = Array(text.utf8)[...]
            while let c = chars.popFirst() {
                guard c == UInt8(ascii: "\\"), let next = chars.popFirst() else {
                    out.append(c)
                    continue
                }
                switch next {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "x"):
                    let hex = String(decoding: chars.prefix(2), as: UTF8.self)
                    chars = chars.dropFirst(2)
                    out.append(UInt8(hex, radix: 16) ?? 0x3F)
                default: out.append(next)
                }
            }
            return out
        }
    }

    struct CaseError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Applies one step: replace PATH REGEX => TEXT, append PATH TEXT, write PATH TEXT, bytes PATH TEXT (raw, with
    /// \xHH), repeat PATH N TEXT, remove PATH, link PATH TARGET, mkdir PATH, fifo PATH, git DIR ARGS…, jsf USER DIR ARGS….
    static func apply(_ step: String, in box: Sandbox, file: String) throws {
        let words = step.split(separator: " ", maxSplits: 1).map(String.init)
        let rest = words.count > 1 ? words[1] : ""
        let (path, tail) = { () -> (String, String) in
            let parts = rest.split(separator: " ", maxSplits: 1).map(String.init)
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }()
        let fm = FileManager.default
        func data(_ relative: String) -> Data { fm.contents(atPath: box.path(relative)) ?? Data() }
        switch words[0] {
        case "replace":
            var pieces = tail.components(separatedBy: " =>")
            guard pieces.count == 2 else { throw CaseError("\(file): replace PATH REGEX => TEXT") }
            if pieces[1].hasPrefix(" ") { pieces[1].removeFirst() }
            let text = String(decoding: data(path), as: UTF8.self)
            let regex = try NSRegularExpression(pattern: pieces[0], options: [.anchorsMatchLines])
            let replaced = regex.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: Case.unescaped(pieces[1]))
            guard replaced != text else { throw CaseError("\(file): '\(pieces[0])' matches nothing in \(path)") }
            try box.writeData(path, Data(replaced.utf8))
        case "append": try box.writeData(path, data(path) + Data(Case.bytes(tail)))
        case "write": try box.writeData(path, Data(Case.bytes(tail)))
        case "bytes": try box.writeData(path, Data(Case.bytes(tail)))
        case "repeat":
            let parts = tail.split(separator: " ", maxSplits: 1).map(String.init)
            let count = Int(parts[0]) ?? 1
            var text = ""
            let unit = Case.unescaped(parts.count > 1 ? parts[1] : "")
            for n in 0..<count { text += unit.replacingOccurrences(of: "{n}", with: String(n)) }
            try box.writeData(path, data(path) + Data(text.utf8))
        case "remove": try fm.removeItem(atPath: box.path(path))
        case "link":
            if fm.fileExists(atPath: box.path(path)) { try fm.removeItem(atPath: box.path(path)) }
            try fm.createSymbolicLink(atPath: box.path(path), withDestinationPath: tail.hasPrefix("/") ? tail : box.path(tail))
        case "mkdir": try fm.createDirectory(atPath: box.path(path), withIntermediateDirectories: true)
        case "fifo":
            if fm.fileExists(atPath: box.path(path)) { try fm.removeItem(atPath: box.path(path)) }
            guard mkfifo(box.path(path), 0o600) == 0 else { throw CaseError("\(file): mkfifo \(path)") }
        case "git":
            let run = try box.git(tail.split(separator: " ").map(String.init), in: path)
            guard run.status == 0 else { throw CaseError("\(file): git \(tail) failed:\n\(run)") }
        case "sh":
            let run = try spawn("/bin/sh", ["-c", rest], in: box.root, environment: box.environment())
            guard run.status == 0 else { throw CaseError("\(file): sh \(rest) failed:\n\(run)") }
        default: throw CaseError("\(file): unknown step '\(words[0])'")
        }
    }

    /// Everything a refused command must leave as it was: every file under the sandbox but git's objects.
    static func fingerprint(_ root: String) -> [String: Data] {
        var prints: [String: Data] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return prints }
        while let relative = walker.nextObject() as? String {
            // Objects and reflogs are not state: an unreachable object, or a ref moved and moved back, changes nothing;
            // nor is the reading cache (.git/jsf/cache/), derived from objects and removable with nothing lost.
            if relative.hasSuffix("/objects") || relative.contains("/objects/") || relative.contains(".git/logs") || relative.hasPrefix("home-")
                || relative.contains(".git/jsf/cache")
            {
                continue
            }
            let full = root + "/" + relative
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                prints[relative] = fm.contents(atPath: full) ?? Data()
            case S_IFLNK: prints[relative] = Data(("link " + ((try? fm.destinationOfSymbolicLink(atPath: full)) ?? "")).utf8)
            case S_IFDIR: prints[relative] = Data("dir".utf8)
            default: prints[relative] = Data("special".utf8)
            }
        }
        return prints
    }

    @Test("the corpus holds at least 200 cases, each one parsing")
    func corpusSize() throws {
        let names = Self.caseNames
        #expect(names.count >= 200, "only \(names.count) cases")
        for name in names {
            _ = try Case(file: name, text: String(contentsOfFile: Self.directory + "/" + name, encoding: .utf8))
        }
    }

    @Test("each case", arguments: caseNames)
    func corpusCase(_ name: String) throws {
        let worlds = try Self.worlds.get()
        let spec = try Case(file: name, text: String(contentsOfFile: Self.directory + "/" + name, encoding: .utf8))
        let box = try Sandbox()
        let template = try #require(worlds[spec.world], "\(name): unknown world '\(spec.world)'")
        let copied = try spawn("/bin/cp", ["-a", template + "/.", box.root], in: box.root, environment: box.environment())
        try #require(copied.status == 0, "\(copied)")
        // The copies' remotes point at the copy's hub, never at the shared world.
        for dir in ["c", "co"] where box.exists(dir + "/.git") {
            try box.git(["remote", "set-url", "origin", box.path("hub.git")], in: dir)
        }
        box.language = spec.language
        for step in spec.steps { try Self.apply(step, in: box, file: name) }
        let before = Self.fingerprint(box.root)
        let run = try box.jsf(spec.arguments, as: spec.user, in: spec.directory, environment: spec.environment)
        #expect(run.status == spec.exit, "\(name) (\(spec.title)): expected exit \(spec.exit)\n\(run)")
        for fragment in spec.expect {
            #expect((run.stderr + run.stdout).contains(fragment), "\(name) (\(spec.title)): no '\(fragment)' in\n\(run)")
        }
        #expect(!run.stderr.contains("Fatal error") && run.status != 132 && run.status != 134, "\(name): crashed\n\(run)")
        if !spec.writes {
            let after = Self.fingerprint(box.root)
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            #expect(changed.isEmpty, "\(name) (\(spec.title)) wrote: \(changed.prefix(10))")
        }
    }
}
