import Foundation
import Testing

@testable import JeSaisFaire

@Suite struct SupportAtomicFileTests {
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("jsf-atomic-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func list(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    @Test func writesWholeFileAndLeavesNoTemporary() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/consultation.yml"
        try AtomicFile.write("format: 1\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "format: 1\n")
        #expect(try Self.list(dir) == ["consultation.yml"])
        try AtomicFile.write(Data("format: 1\nid: abc\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "format: 1\nid: abc\n")
        #expect(try Self.list(dir) == ["consultation.yml"])
        try AtomicFile.write(Data(), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data())
        #expect(try Self.list(dir) == ["consultation.yml"])
    }

    @Test func permissionsAreApplied() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/secret"
        _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        try AtomicFile.write(Data(repeating: 7, count: 32), to: path, permissions: 0o600)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(FileManager.default.contents(atPath: path) == Data(repeating: 7, count: 32))
        #expect(try Self.list(dir) == ["secret"])
    }

    @Test func failureInAMissingFolderLeavesNothing() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: (any Error).self) { try AtomicFile.write("x", to: dir + "/absent/file.yml") }
        #expect(try Self.list(dir) == [])
    }

    @Test func failedRenameRemovesTheTemporary() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The target is a non-empty folder: rename(2) fails after the temporary was written.
        let target = dir + "/clauses.yml"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: target + "/inside", contents: Data())
        #expect(throws: (any Error).self) { try AtomicFile.write("format: 1\n", to: target) }
        #expect(try Self.list(dir) == ["clauses.yml"])
        #expect(try Self.list(target) == ["inside"])
    }

    @Test func replacesASymlinkRatherThanWritingThroughIt() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "original".write(toFile: dir + "/real", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/real")
        try AtomicFile.write("new", to: dir + "/link")
        #expect(try String(contentsOfFile: dir + "/real", encoding: .utf8) == "original")
        #expect(try String(contentsOfFile: dir + "/link", encoding: .utf8) == "new")
        #expect(try Self.list(dir) == ["link", "real"])
    }

    @Test
    func concurrentWritesOfOneFileFromOneProcess() async throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/f"
        let failures = await withTaskGroup(of: Int.self) { group in
            for i in 0..<64 {
                group.addTask {
                    do {
                        try AtomicFile.write(String(repeating: "\(i % 10)", count: 100_000), to: path)
                        return 0
                    } catch { return 1 }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        #expect(try Self.list(dir) == ["f"])
        let content = try String(contentsOfFile: path, encoding: .utf8)
        #expect(content.count == 100_000 && Set(content).count == 1)
    }
}
