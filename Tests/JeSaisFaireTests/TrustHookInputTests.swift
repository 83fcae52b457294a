import Git
import Testing

@testable import JeSaisFaire

/// The pre-receive hook's input, '<old> <new> <ref>' lines (a corpus case of scripts/fuzz, target hook: a CRLF
/// line was one Swift character "\r\n", so its ref kept the "\r").
@Suite struct TrustHookInputTests {
    static let zero = String(repeating: "0", count: 40)
    static let a = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
    static let b = "9c2a1e5f7b3d4c6e8f0a1b2c3d4e5f60718293a4"

    @Test func linesReadAsGitWritesThem() throws {
        let updates = try Hub.parseUpdates("\(Self.zero) \(Self.a) refs/tags/v1\n\(Self.a) \(Self.b) refs/heads/main\n")
        #expect(updates.map(\.ref) == ["refs/tags/v1", "refs/heads/main"])
        #expect(updates[0].old == nil && updates[0].new?.hex == Self.a)
        #expect(updates[1].old?.hex == Self.a && updates[1].new?.hex == Self.b)
    }

    @Test func aCarriageReturnIsRefusedNotKeptInTheRef() {
        #expect(throws: JSFError.self) { try Hub.parseUpdates("\(Self.a) \(Self.b) refs/heads/main\r\n") }
        do {
            _ = try Hub.parseUpdates("\(Self.a) \(Self.b) refs/heads/main\n\(Self.a) \(Self.b) refs/heads/dialogue\r\n")
            Issue.record("a CRLF line was accepted")
        } catch {
            #expect(error.message.en.contains("line 2"), "\(error.message.en)")
            #expect(error.message.fr.contains("ligne 2"))
        }
    }

    @Test func aRefWithAControlCharacterIsRefused() {
        #expect(throws: JSFError.self) { try Hub.parseUpdates("\(Self.a) \(Self.b) refs/heads/ma\tin\n") }
        #expect(throws: JSFError.self) { try Hub.parseUpdates("\(Self.a) \(Self.b) refs/heads/main\u{7F}\n") }
    }

    @Test func malformedLinesAreRefused() {
        for line in ["\(Self.a) \(Self.b)", "\(Self.a)  \(Self.b) refs/heads/main", "\(Self.a) \(Self.b) ", "\(Self.a.dropLast()) \(Self.b) r"] {
            #expect(throws: JSFError.self, "\(line)") { try Hub.parseUpdates(line + "\n") }
        }
    }
}
