import Foundation
import Testing

@testable import JeSaisFaire

/// A fresh directory under the system temporary folder, removed by the caller.
func modelTestsTemporaryDirectory(_ name: String = #function) throws -> String {
    let base = FileManager.default.temporaryDirectory
        .appendingPathComponent("jsf-model-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    return base.path
}

@Suite struct ModelIdentityStoreTests {
    @Test func jsfHomeWins() {
        let store = IdentityStore(environment: ["JSF_HOME": "/a/jsf", "XDG_CONFIG_HOME": "/b", "HOME": "/c"])
        #expect(store.directory == "/a/jsf")
        #expect(store.identityPath == "/a/jsf/identity.yml")
        #expect(store.secretPath == "/a/jsf/secret")
    }

    @Test func xdgConfigHomeNext() {
        #expect(IdentityStore(environment: ["XDG_CONFIG_HOME": "/b", "HOME": "/c"]).directory == "/b/jsf")
        #expect(IdentityStore(environment: ["JSF_HOME": "", "XDG_CONFIG_HOME": "/b", "HOME": "/c"]).directory == "/b/jsf")
    }

    @Test func homeConfigLast() {
        #expect(IdentityStore(environment: ["HOME": "/c"]).directory == "/c/.config/jsf")
        #expect(IdentityStore(environment: ["JSF_HOME": "", "XDG_CONFIG_HOME": "", "HOME": "/c"]).directory == "/c/.config/jsf")
        #expect(IdentityStore(environment: [:]).directory == NSHomeDirectory() + "/.config/jsf")
        #expect(IdentityStore(environment: ["HOME": ""]).directory == NSHomeDirectory() + "/.config/jsf")
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func saveCreatesSecretAndIdentityPrivately() throws {
        let root = try modelTestsTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = IdentityStore(environment: ["JSF_HOME": root + "/nested/jsf"])
        #expect(!store.exists)
        #expect(try store.load() == nil)
        let identity = Identity(
            role: .company, name: "Jeanne Martin", organisation: "Voirie & Fils", siret: "73282932000074",
            cpv: [try CPVCode("45000000-7")], departements: ["67", "2A"], email: "jeanne@exemple.fr")
        try store.save(identity)
        #expect(store.exists)
        let secret = try store.secret()
        #expect(secret.count == 32)
        #expect(secret != Data(count: 32))
        #expect(try Self.mode(store.secretPath) == 0o600)
        #expect(try Self.mode(store.identityPath) == 0o600)
        #expect(try Self.mode(store.directory) & 0o077 == 0, "the folder is not open to others")
        #expect(try store.load() == identity)
        #expect(try store.require([.company]) == identity)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory).sorted()
        #expect(leftovers == ["identity.yml", "secret"])
    }

    @Test func secondSaveKeepsTheSecret() throws {
        let root = try modelTestsTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = IdentityStore(directory: root)
        try store.save(Identity(role: .company, name: "A"))
        let first = try store.secret()
        try store.save(Identity(role: .agent, name: "B", organisation: "Mairie"))
        #expect(try store.secret() == first)
        #expect(try store.load()?.role == .agent)
        #expect(try store.load()?.name == "B")
        #expect(try Self.mode(store.secretPath) == 0o600)
        // Another store gets another secret.
        let root2 = try modelTestsTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root2) }
        let other = IdentityStore(directory: root2)
        try other.save(Identity(role: .company, name: "A"))
        #expect(try other.secret() != first)
    }

    @Test func requireRefusesMissingIdentityAndWrongRole() throws {
        let root = try modelTestsTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = IdentityStore(directory: root)
        #expect(throws: JSFError.self) { try store.require() }
        do {
            _ = try store.require()
        } catch {
            #expect(error.kind == .refused)
            #expect(error.hints.first?.en.contains("jsf identity init") == true)
        }
        try store.save(Identity(role: .buyer, name: "C"))
        #expect(try store.require(nil).role == .buyer)
        do {
            _ = try store.require([.agent, .company])
            Issue.record("a buyer passed a role check for agent or company")
        } catch {
            #expect(error.message.en.contains("agent or company"))
            #expect(error.message.en.contains("buyer"))
        }
    }

    @Test func invalidIdentityFileIsRefusedWithItsProblems() throws {
        let root = try modelTestsTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = IdentityStore(directory: root)
        try "format: 1\nrole: company\nname: X\nsiret: \"123\"\n".write(toFile: store.identityPath, atomically: true, encoding: .utf8)
        do {
            _ = try store.load()
            Issue.record("an invalid identity file was accepted")
        } catch {
            #expect(error.problems.map(\.code) == ["identity.bad-siret"])
            #expect(error.problems.first?.file == store.identityPath)
        }
    }

    @Test func secretOfWrongSizeIsRefused() throws {
        let root = try modelTestsTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = IdentityStore(directory: root)
        #expect(throws: JSFError.self) { try store.secret() }
        _ = FileManager.default.createFile(atPath: store.secretPath, contents: Data(count: 31))
        #expect(throws: JSFError.self) { try store.secret() }
    }

    @Test func saveIntoAnUnwritablePlaceFails() throws {
        let root = try modelTestsTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A regular file where the folder should be.
        _ = FileManager.default.createFile(atPath: root + "/file", contents: Data("x".utf8))
        let store = IdentityStore(directory: root + "/file/jsf")
        #expect(throws: JSFError.self) { try store.save(Identity(role: .agent, name: "A")) }
    }

    @Test func authorNameIsTheOrganisation() {
        #expect(Identity(role: .agent, name: "Jeanne", organisation: "Mairie").authorName == "Mairie")
        #expect(Identity(role: .agent, name: "Jeanne").authorName == "Jeanne")
    }
}
