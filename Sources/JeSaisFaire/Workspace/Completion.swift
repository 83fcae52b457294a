import Foundation
internal import Git

/// What the shell offers when a user presses Tab on a clause, a proposal or a draft: read in one pass over a
/// few refs and one blob, never verified (nothing is written or trusted from it), and never an error — a shell
/// completes nothing rather than print a message in the middle of a command line.
public enum Completion {
    /// Clause and criterion ids of the draft a command reads (HEAD, else the latest draft), and their numbers
    /// when `prefix` starts like one ("6", "6.", "II", "A."): "6.2" is what people type, the id what they find.
    public static func clauses(_ context: Context, prefix: String) -> [String] {
        guard let workspace = try? Workspace.open(context) else { return [] }
        return clauses(workspace, prefix: prefix)
    }

    /// Clauses, then proposals once something is typed (`jsf show` takes both), from one opening of the repository.
    public static func clausesOrProposals(_ context: Context, prefix: String) -> [String] {
        guard let workspace = try? Workspace.open(context) else { return [] }
        return clauses(workspace, prefix: prefix) + (prefix.isEmpty ? [] : proposals(workspace, prefix: prefix))
    }

    static func clauses(_ workspace: Workspace, prefix: String) -> [String] {
        guard let text = indexText(workspace) else { return [] }
        let entries = scanIndex(text)
        var found: [String] = []
        var seen = Set<String>()
        let numberish = prefix.first.map { $0.isNumber || $0.isUppercase } ?? false
        if numberish {
            let upper = prefix.uppercased()
            for entry in entries where entry.number.uppercased().hasPrefix(upper) && seen.insert(entry.number).inserted {
                found.append(entry.number)
            }
        }
        for entry in entries where entry.id.hasPrefix(prefix) && seen.insert(entry.id).inserted { found.append(entry.id) }
        return found
    }

    /// Proposal ids (PSEUDONYM-N) in two steps, as git completes paths: the pseudonyms first ("7F3K9Q2M-"), then,
    /// once one is typed in full, the numbers on its branch. Reading 20,000 proposal files to offer an id would be
    /// slow; a pseudonym's branch is one tree.
    public static func proposals(_ context: Context, prefix: String) -> [String] {
        guard let workspace = try? Workspace.open(context) else { return [] }
        return proposals(workspace, prefix: prefix)
    }

    static func proposals(_ workspace: Workspace, prefix: String) -> [String] {
        guard let branches = try? ProposalStore.branches(workspace.repository) else { return [] }
        let typed = prefix.uppercased()
        if let dash = typed.firstIndex(of: "-"), let pseudonym = Pseudonym(code: String(typed[..<dash])), let ref = branches[pseudonym],
            let tip = ref.target
        {
            guard let tree = try? workspace.repository.commit(tip).tree, let entries = try? workspace.repository.tree(tree) else { return [] }
            let numbers = entries.compactMap { entry -> Int? in
                guard entry.mode == .blob, entry.name.hasSuffix(".md"), entry.name.first != "0" else { return nil }
                return Int(entry.name.dropLast(3)).flatMap { $0 > 0 ? $0 : nil }
            }
            return numbers.sorted().map { "\(pseudonym.code)-\($0)" }.filter { $0.hasPrefix(typed) }
        }
        return branches.keys.map(\.code).filter { $0.hasPrefix(typed) }.sorted().map { $0 + "-" }
    }

    /// Published drafts (v1, v2, …), newest first, and `final` once approved when `final` is asked for.
    public static func drafts(_ context: Context, prefix: String, final: Bool = false) -> [String] {
        guard let workspace = try? Workspace.open(context), let refs = try? workspace.repository.references(matching: "refs/tags/*") else {
            return []
        }
        var versions: [Int] = []
        var approved = false
        for ref in refs {
            if let version = Layout.draftVersion(ofTag: ref.name) { versions.append(version) }
            if ref.name == Layout.finalTag { approved = true }
        }
        var found = versions.sorted(by: >).map { "v\($0)" }
        if final, approved { found.append("final") }
        return found.filter { $0.hasPrefix(prefix) }
    }

    /// clauses.yml at HEAD, else in the working tree.
    static func indexText(_ workspace: Workspace) -> [UInt8]? {
        let repository = workspace.repository
        if !repository.isHeadUnborn, let head = try? repository.resolveCommit("HEAD"),
            let data = try? repository.contents(ofPath: Layout.indexFile, at: head)
        {
            return [UInt8](data)
        }
        return (try? workspace.worktreeText(Layout.indexFile)).flatMap { $0 }.map { Array($0.utf8) }
    }

    /// The ids and numbers of clauses.yml, by a scan of its bytes: the index is jsf's own format, one key per
    /// line, and a YAML parse (or a split into Characters) of 2,000 entries would cost more than a keystroke may.
    static func scanIndex(_ bytes: [UInt8]) -> [(id: String, number: String)] {
        var entries: [(id: String, number: String)] = []
        var id: String?
        let idKey = Array("- id: ".utf8)
        let numberKey = Array("number: ".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
                var first = start
                while first < end, buffer[first] == UInt8(ascii: " ") { first += 1 }
                func value(after key: [UInt8]) -> String? {
                    guard end - first >= key.count, zip(key, buffer[first..<first + key.count]).allSatisfy({ $0 == $1 }) else { return nil }
                    var lower = first + key.count
                    var upper = end
                    while upper > lower, buffer[upper - 1] == UInt8(ascii: " ") || buffer[upper - 1] == UInt8(ascii: "\r") { upper -= 1 }
                    if upper - lower >= 2, buffer[lower] == UInt8(ascii: "\"") || buffer[lower] == UInt8(ascii: "'"),
                        buffer[upper - 1] == buffer[lower]
                    {
                        lower += 1
                        upper -= 1
                    }
                    return String(decoding: UnsafeBufferPointer(rebasing: buffer[lower..<upper]), as: UTF8.self)
                }
                if let found = value(after: idKey) {
                    id = found
                } else if let current = id, let number = value(after: numberKey) {
                    entries.append((current, number))
                    id = nil
                }
                start = end + 1
            }
        }
        return entries
    }
}
