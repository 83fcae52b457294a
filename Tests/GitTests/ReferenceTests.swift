import Foundation
import Testing

@testable import Git

@Suite struct ReferenceTests {
    @Test func createCommitCompareAndSwap() throws {
        try inScratch { scratch in
            let path = scratch.path("work")
            let repository = try Repository.create(at: path, bare: false)
            let tree = try repository.writeTree(files: ["a.md": "a\n".data], base: nil)
            func make(_ message: String, parents: [ObjectID], expected: ObjectID?) throws -> ObjectID {
                try repository.createCommit(
                    tree: tree, parents: parents, author: agent, committer: agent,
                    message: message, updating: "refs/heads/proposals/acme", expectedTip: expected)
            }
            let first = try make("Déposer la réponse\n\ndétails", parents: [], expected: nil)
            #expect(try repository.reference(named: "refs/heads/proposals/acme")?.target == first)

            let exists = expectGitError(.exists) { _ = try make("again", parents: [], expected: nil) }
            #expect(exists?.message.contains("refs/heads/proposals/acme") == true)

            let second = try make("Compléter", parents: [first], expected: first)
            #expect(try repository.reference(named: "refs/heads/proposals/acme")?.target == second)

            // someone else moved the ref since we read `first`
            let modified = expectGitError(.modified) { _ = try make("stale", parents: [first], expected: first) }
            #expect(modified?.message.contains(second.short) == true)
            // expecting a ref that does not exist
            expectGitError(.modified) {
                _ = try repository.createCommit(
                    tree: tree, parents: [], author: agent, committer: agent, message: "x",
                    updating: "refs/heads/absent", expectedTip: first)
            }
            #expect(try repository.reference(named: "refs/heads/proposals/acme")?.target == second)
            #expect(try repository.reference(named: "refs/heads/absent") == nil)

            // the reflog records the summary, as git would
            let reflog = try gitOutput(["reflog", "show", "--format=%gs", "refs/heads/proposals/acme"], in: path)
            #expect(reflog.split(separator: "\n") == ["Compléter", "Déposer la réponse"])
            try expectFsckClean(path)
        }
    }

    @Test func lockedReferenceIsReported() throws {
        try inScratch { scratch in
            let path = scratch.path("hub.git")
            let repository = try Repository.create(at: path, bare: true)
            let commit = try repository.commitFiles(["a": "a".data], parent: nil, ref: "refs/heads/main", message: "A")
            // another writer holds the lock
            _ = FileManager.default.createFile(atPath: path + "/refs/heads/main.lock", contents: Data())
            expectGitError(.locked) { try repository.updateReference("refs/heads/main", to: commit, expected: commit, message: "x") }
        }
    }

    @Test func updateReferenceCompareAndSwapAndDelete() throws {
        try inScratch { scratch in
            let path = scratch.path("hub.git")
            let repository = try Repository.create(at: path, bare: true)
            let a = try repository.commitFiles(["a": "a".data], parent: nil, ref: nil, message: "A")
            let b = try repository.commitFiles(["b": "b".data], parent: a, ref: nil, message: "B")
            let name = "refs/heads/round/1"
            try repository.updateReference(name, to: a, expected: nil, message: "create")
            #expect(try repository.reference(named: name) == Reference(name: name, target: a, symbolicTarget: nil))
            expectGitError(.exists) { try repository.updateReference(name, to: b, expected: nil, message: "blind") }
            expectGitError(.modified) { try repository.updateReference(name, to: b, expected: b, message: "wrong") }
            #expect(try repository.reference(named: name)?.target == a)
            try repository.updateReference(name, to: b, expected: a, message: "move")
            #expect(try gitOutput(["rev-parse", name], in: path) == b.hex)

            // a packed ref is updated just as well
            _ = try gitOutput(["pack-refs", "--all"], in: path)
            try repository.updateReference(name, to: a, expected: b, message: "back")
            #expect(try gitOutput(["rev-parse", name], in: path) == a.hex)

            try repository.deleteReference(name)
            #expect(try repository.reference(named: name) == nil)
            expectGitError(.notFound) { try repository.deleteReference(name) }
            expectGitError(.modified) { try repository.updateReference(name, to: b, expected: a, message: "gone") }

            let head = try #require(try repository.reference(named: "HEAD"))
            #expect(head.symbolicTarget == "refs/heads/main")
            #expect(head.target == nil)
            try repository.setHead("refs/heads/round/2")
            #expect(try repository.headReferenceName() == "refs/heads/round/2")
            #expect(try gitOutput(["symbolic-ref", "HEAD"], in: path) == "refs/heads/round/2")
            try expectFsckClean(path)
        }
    }

    @Test func referencesMatchingGlobOverManyRefs() throws {
        try inScratch { scratch in
            let path = scratch.path("hub.git")
            let repository = try Repository.create(at: path, bare: true)
            let base = try repository.commitFiles(
                ["consultation.yaml": "id: 1\n".data], parent: nil,
                ref: "refs/heads/main", message: "base")
            var expected = [String: ObjectID]()
            for index in 0..<200 {
                let name = String(format: "refs/heads/proposals/company-%03d", index)
                let id = try repository.commitFiles(
                    ["response.md": "réponse \(index)\n".data], parent: base,
                    ref: name, message: "proposal \(index)", newBranch: true)
                expected[name] = id
                if index == 119 { _ = try gitOutput(["pack-refs", "--all"], in: path) } // mix packed and loose refs
            }
            try repository.updateReference("refs/heads/proposals-archive/x", to: base, expected: nil, message: "x")
            try repository.updateReference("refs/heads/other/proposals/y", to: base, expected: nil, message: "y")

            let found = try repository.references(matching: "refs/heads/proposals/*")
            #expect(found.count == 200)
            #expect(found.map(\.name) == expected.keys.sorted())
            for reference in found {
                #expect(reference.target == expected[reference.name])
                #expect(reference.symbolicTarget == nil)
            }
            let gitList = try gitOutput(["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/proposals/"], in: path)
            #expect(gitList.split(separator: "\n").map(String.init) == found.map { "\($0.name) \($0.target!.hex)" })
            #expect(try repository.references(matching: "refs/heads/nothing/*").isEmpty)
            #expect(try repository.references(matching: "refs/heads/*").count == 203)

            _ = try gitOutput(["pack-refs", "--all"], in: path)
            try repository.packReferences()
            #expect(try repository.references(matching: "refs/heads/proposals/*") == found)
        }
    }

    @Test func resetIndexAndCheckoutHead() throws {
        try inScratch { scratch in
            let path = scratch.path("work")
            let repository = try Repository.create(at: path, bare: false)
            let commit = try repository.commitFiles(
                ["cctp/01.md": "un\n".data, "README.md": "lisez\n".data],
                parent: nil, ref: "refs/heads/main", message: "A")
            let tree = try repository.commit(commit).tree
            try repository.resetIndex(toTree: tree)
            let entries = try repository.indexEntries()
            #expect(entries.keys.sorted() == ["README.md", "cctp/01.md"])
            #expect(entries["README.md"] == ObjectID.hashBlob("lisez\n".data))
            #expect(
                try gitOutput(["ls-files", "--stage"], in: path) == """
                    100644 \(ObjectID.hashBlob("lisez\n".data).hex) 0\tREADME.md
                    100644 \(ObjectID.hashBlob("un\n".data).hex) 0\tcctp/01.md
                    """)
            // working files are left alone: git sees them as deleted
            #expect(!FileManager.default.fileExists(atPath: path + "/README.md"))
            #expect(try gitOutput(["status", "--porcelain"], in: path) == " D README.md\n D cctp/01.md")

            // SAFE does not recreate files deleted from the working tree; FORCE does
            try repository.checkoutHead(force: false)
            #expect(!FileManager.default.fileExists(atPath: path + "/cctp/01.md"))
            try repository.checkoutHead(force: true)
            #expect(FileManager.default.contents(atPath: path + "/cctp/01.md") == "un\n".data)
            #expect(try gitOutput(["status", "--porcelain"], in: path) == "")

            // the ref moves under the working tree: SAFE brings untouched files up to date
            let second = try repository.commitFiles(
                ["cctp/01.md": "un, révisé\n".data], parent: commit,
                ref: "refs/heads/main", message: "B")
            try repository.checkoutHead(force: false)
            #expect(FileManager.default.contents(atPath: path + "/cctp/01.md") == "un, révisé\n".data)
            #expect(try gitOutput(["status", "--porcelain"], in: path) == "")

            // ... and refuses to overwrite an edited one
            try Data("local edit\n".utf8).write(to: URL(fileURLWithPath: path + "/README.md"))
            let third = try repository.commitFiles(
                ["README.md": "nouveau\n".data], parent: second,
                ref: "refs/heads/main", message: "C")
            #expect(try repository.resolveCommit("HEAD") == third)
            let conflict = expectGitError(.conflict) { try repository.checkoutHead(force: false) }
            #expect(conflict?.function == "git_checkout_head")
            #expect(FileManager.default.contents(atPath: path + "/README.md") == "local edit\n".data)
            try repository.checkoutHead(force: true)
            #expect(FileManager.default.contents(atPath: path + "/README.md") == "nouveau\n".data)
            #expect(try gitOutput(["status", "--porcelain"], in: path) == "")
        }
    }
}
