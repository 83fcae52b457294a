import Foundation
import Testing

@testable import Git

@Suite struct RepositoryBasicsTests {
    @Test func createsBareAndNonBareRepositories() throws {
        try inScratch { scratch in
            let barePath = scratch.path("hub.git")
            let bare = try Repository.create(at: barePath, bare: true)
            #expect(bare.isBare)
            #expect(bare.gitDirectory == barePath)
            #expect(bare.workingDirectory == nil)
            #expect(bare.isHeadUnborn)
            #expect(try bare.headReferenceName() == "refs/heads/main")
            #expect(try gitOutput(["symbolic-ref", "HEAD"], in: barePath) == "refs/heads/main")
            #expect(try gitOutput(["rev-parse", "--is-bare-repository"], in: barePath) == "true")

            let workPath = scratch.path("nested/work")
            let work = try Repository.create(at: workPath, bare: false, initialBranch: "trunk")
            #expect(!work.isBare)
            #expect(work.workingDirectory == workPath)
            #expect(work.gitDirectory == workPath + "/.git")
            #expect(try work.headReferenceName() == "refs/heads/trunk")
            #expect(try gitOutput(["symbolic-ref", "HEAD"], in: workPath) == "refs/heads/trunk")

            expectGitError(.exists) { _ = try Repository.create(at: barePath, bare: true) }

            let reopened = try Repository.open(at: workPath)
            #expect(reopened.gitDirectory == workPath + "/.git")
            let byGitDir = try Repository.open(at: workPath + "/.git")
            #expect(byGitDir.workingDirectory == workPath)

            try FileManager.default.createDirectory(atPath: workPath + "/a/b", withIntermediateDirectories: true)
            let discovered = try Repository.discover(startingAt: workPath + "/a/b")
            #expect(discovered.workingDirectory == workPath)
            // open does not search upwards
            expectGitError(.notFound) { _ = try Repository.open(at: workPath + "/a/b") }
        }
    }

    @Test func errorsNameTheFunctionAndCarryLibgit2Message() throws {
        try inScratch { scratch in
            let error = expectGitError(.notFound) { _ = try Repository.open(at: scratch.path("nothing-here")) }
            #expect(error?.function == "git_repository_open_ext")
            #expect(error?.message.contains("nothing-here") == true)
            #expect(error?.description.hasPrefix("git_repository_open_ext: ") == true)

            let repository = try Repository.create(at: scratch.path("r"), bare: true)
            let revError = expectGitError(.notFound) { _ = try repository.revParse("no-such-branch") }
            #expect(revError?.function == "git_revparse_single")
            let spec = expectGitError(.invalidSpec) {
                try repository.updateReference("refs/heads/bad..name", to: ObjectID.hashBlob(Data()), expected: nil, message: "x")
            }
            #expect(spec?.function.hasPrefix("git_") == true)
        }
    }

    @Test func objectIDParsesFormatsAndOrders() throws {
        let hex = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.hex == hex)
        #expect(id.short == "e69de29")
        #expect(id.description == hex)
        #expect(ObjectID(hex: hex.uppercased()) == id)
        #expect(ObjectID.hashBlob(Data()) == id) // git's empty blob
        #expect(ObjectID(hex: String(hex.dropLast())) == nil)
        #expect(ObjectID(hex: hex + "0") == nil)
        #expect(ObjectID(hex: "g" + hex.dropFirst()) == nil)
        let low = try #require(ObjectID(hex: String(repeating: "0", count: 39) + "1"))
        let high = try #require(ObjectID(hex: "1" + String(repeating: "0", count: 39)))
        let middle = try #require(ObjectID(hex: String(repeating: "0", count: 20) + "f" + String(repeating: "0", count: 19)))
        #expect(low < middle && middle < high)
        #expect([high, low, middle].sorted() == [low, middle, high])
        #expect([high, low, middle].sorted().map(\.hex) == [high, low, middle].map(\.hex).sorted())
        #expect(Set([id, ObjectID(hex: hex)!]).count == 1)
        #expect(Repository.libgit2Version.split(separator: ".").count == 3)
    }

    @Test func hashBlobAgreesWithGit() throws {
        try inScratch { scratch in
            let file = scratch.path("f.md")
            let data = "# CCTP\n\nArticle 1 — Objet\n".data
            try data.write(to: URL(fileURLWithPath: file))
            #expect(ObjectID.hashBlob(data).hex == (try gitOutput(["hash-object", file], in: scratch.url.path)))
        }
    }

    @Test func configReadAndWrite() throws {
        try inScratch { scratch in
            let path = scratch.path("r")
            let repository = try Repository.create(at: path, bare: false)
            #expect(try repository.configValue("jsf.role") == nil)
            try repository.setConfigValue("jsf.role", "acheteur")
            try repository.setConfigValue("user.name", "Agent Dupont")
            #expect(try repository.configValue("jsf.role") == "acheteur")
            #expect(try repository.configValue("user.name") == "Agent Dupont")
            #expect(try gitOutput(["config", "--local", "--get", "jsf.role"], in: path) == "acheteur")
            _ = try gitOutput(["config", "--local", "jsf.role", "titulaire"], in: path)
            #expect(try Repository.open(at: path).configValue("jsf.role") == "titulaire")
            #expect(try repository.configValue("core.bare") == "false")
        }
    }
}
