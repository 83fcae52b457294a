import Foundation
import TestSupport
import Testing

@testable import Git

/// A fresh temporary directory, removed by `remove()`.
struct Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("GitTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ component: String) -> String { url.appendingPathComponent(component).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs the given body in a fresh scratch directory that is removed afterwards.
func inScratch(_ body: (Scratch) throws -> Void) throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try body(scratch)
}

struct GitRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs plain git with no user or system config; output goes through files so large output cannot deadlock.
@discardableResult
func git(_ arguments: [String], in directory: String) throws -> GitRun {
    let run = try runProcess(
        "/usr/bin/git", arguments, in: directory,
        environment: scrubbedEnvironment(home: FileManager.default.temporaryDirectory.path))
    return GitRun(status: run.status, stdout: run.stdout, stderr: run.stderr)
}

/// Plain git's stdout, trimmed, requiring success.
func gitOutput(_ arguments: [String], in directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let run = try git(arguments, in: directory)
    #expect(run.status == 0, "git \(arguments.joined(separator: " ")) failed: \(run.stderr)", sourceLocation: sourceLocation)
    var output = Substring(run.stdout)
    while output.last?.isNewline == true { output = output.dropLast() }
    return String(output)
}

/// Asserts `git fsck --strict` finds nothing wrong.
func expectFsckClean(_ directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let run = try git(["fsck", "--strict", "--no-dangling"], in: directory)
    #expect(run.status == 0, "fsck failed: \(run.stdout) \(run.stderr)", sourceLocation: sourceLocation)
    // "notice:" lines (unborn HEAD, no refs) are not problems
    let problems = (run.stdout + run.stderr).split(separator: "\n").filter { !$0.hasPrefix("notice:") }
    #expect(problems.isEmpty, "fsck reported: \(problems)", sourceLocation: sourceLocation)
}

/// Expects `body` to throw a GitError with `code`, returning it.
@discardableResult
func expectGitError(
    _ code: GitError.Code, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) -> GitError? {
    do {
        try body()
        Issue.record("expected GitError \(code), nothing thrown", sourceLocation: sourceLocation)
    } catch let error as GitError {
        #expect(error.code == code, "got \(error)", sourceLocation: sourceLocation)
        #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected GitError \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

let agent = Signature(
    name: "Agent Dupont", email: "agent@example.fr",
    time: Date(timeIntervalSince1970: 1_700_000_000), offsetMinutes: 120)
let company = Signature(
    name: "Société Martin", email: "contact@martin.example",
    time: Date(timeIntervalSince1970: 1_700_003_600), offsetMinutes: -330)

extension Repository {
    /// Commits `files` on top of `parent` (its tree as base), moving `ref` with compare-and-swap.
    func commitFiles(
        _ files: [String: Data?], parent: ObjectID?, ref: String?, message: String,
        newBranch: Bool = false, signature: Signature = agent
    ) throws -> ObjectID {
        let tree = try writeTree(files: files, base: parent.map { try commit($0).tree })
        return try createCommit(
            tree: tree, parents: parent.map { [$0] } ?? [], author: signature, committer: signature,
            message: message, updating: ref, expectedTip: newBranch ? nil : parent)
    }
}

extension String {
    var data: Data { Data(utf8) }
}
