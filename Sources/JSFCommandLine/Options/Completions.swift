import ArgumentParser
import Foundation
import JeSaisFaire

/// What jsf completes from a consultation when the shell asks it (`jsf ---completion …`, written by ArgumentParser
/// into the scripts of completions/): clause ids and numbers, proposal ids, draft versions, read from the
/// consultation the command line names with -C, or else from the shell's directory.
enum CompletedValue: Sendable {
    /// A clause or criterion of the current draft: ids, and numbers once a digit or capital is typed.
    case clauses
    /// A clause, or a proposal once something is typed.
    case clausesOrProposals
    /// A proposal id (PSEUDONYM-N): the pseudonyms first, then their numbers.
    case proposals
    /// A published draft (vN), newest first.
    case drafts
    /// A published draft, or final once the buyer approved.
    case draftsOrFinal

    /// For an argument's declaration: `@Argument(…, completion: .clauses)`.
    var kind: CompletionKind { .custom { words, index, prefix in candidates(words, index, prefix) } }

    func candidates(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let context = CompletionContext.of(words, completing: index)
        switch self {
        case .clauses: return Completion.clauses(context, prefix: prefix)
        case .clausesOrProposals: return Completion.clausesOrProposals(context, prefix: prefix)
        case .proposals: return Completion.proposals(context, prefix: prefix)
        case .drafts: return Completion.drafts(context, prefix: prefix)
        case .draftsOrFinal: return Completion.drafts(context, prefix: prefix, final: true)
        }
    }

    /// Every argument declared with one of these completions, as the scripts name it (`propose positional@0`).
    /// CompletionTests holds it equal to the `---completion` calls of the generated scripts.
    static let routes: [String: CompletedValue] = [
        "show positional@0": .clausesOrProposals, "show --version": .drafts, "clauses --version": .drafts,
        "propose positional@0": .clauses, "propose --amend": .proposals,
        "diff positional@0": .drafts, "diff positional@1": .drafts, "diff --clause": .clauses, "inbox --clause": .clauses,
        "comment positional@0": .proposals, "withdraw positional@0": .proposals, "consent positional@0": .proposals, "revise --apply": .proposals,
        "publish --integrates": .proposals,
        "approve positional@0": .drafts, "export positional@0": .draftsOrFinal, "report --version": .drafts,
    ]

    /// The answer to `---completion SUBCOMMAND… -- ARGUMENT WORD-INDEX CURSOR WORDS…` for the routes, without
    /// building the whole parser (a keystroke's budget is 50 ms, and the command tree alone costs a quarter of
    /// it); nil for anything else, which ArgumentParser answers.
    static func answer(_ arguments: [String], environment: [String: String]) -> String? {
        guard arguments.first == "---completion", let dash = arguments.firstIndex(of: "--"), arguments.count >= dash + 4 else { return nil }
        let route = (arguments[1..<dash] + [arguments[dash + 1]]).joined(separator: " ")
        guard let value = routes[route], let index = Int(arguments[dash + 2]), let cursor = Int(arguments[dash + 3]) else { return nil }
        let words = Array(arguments[(dash + 4)...])
        guard index >= 0, index < words.count else { return nil }
        let prefix = String(words[index].prefix(max(0, cursor)))
        var found = value.candidates(words, index, prefix)
        // As ArgumentParser's zsh script expects: a last pseudo-completion it removes.
        if environment["SAP_SHELL"] == "zsh" { found.append(" ") }
        return found.joined(separator: "\n")
    }
}

extension CompletionKind {
    static var clauses: CompletionKind { CompletedValue.clauses.kind }
    static var clausesOrProposals: CompletionKind { CompletedValue.clausesOrProposals.kind }
    static var proposals: CompletionKind { CompletedValue.proposals.kind }
    static var drafts: CompletionKind { CompletedValue.drafts.kind }
    static var draftsOrFinal: CompletionKind { CompletedValue.draftsOrFinal.kind }
}

enum CompletionContext {
    /// The context of the command line being completed: the -C options it holds (before or after the command's
    /// name, each relative to the one before, as git reads them), else the shell's directory.
    static func of(_ words: [String], completing index: Int) -> Context {
        let invocation = Invocation.current.invocation
        var directory = invocation.directory
        var i = 1
        while i < words.count {
            defer { i += 1 }
            guard i != index else { continue }
            var given: String?
            if words[i] == "-C", i + 1 < words.count, i + 1 != index {
                given = words[i + 1]
                i += 1
            } else if words[i].hasPrefix("-C"), words[i].count > 2 {
                given = String(words[i].dropFirst(2))
            }
            guard let given, !given.isEmpty else { continue }
            let expanded = given.hasPrefix("~/") ? (invocation.environment["HOME"] ?? NSHomeDirectory()) + given.dropFirst(1) : given
            directory = expanded.hasPrefix("/") ? expanded : directory + "/" + expanded
        }
        let clock = (try? Clock.from(environment: invocation.environment)) ?? Clock(now: Date())
        return Context(environment: invocation.environment, directory: URL(fileURLWithPath: directory).standardizedFileURL.path, clock: clock)
    }
}
