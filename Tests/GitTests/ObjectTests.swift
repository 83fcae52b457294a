import Foundation
import Testing

@testable import Git

@Suite struct ObjectTests {
    @Test func writesAndReadsBlobTreeAndCommit() throws {
        try inScratch { scratch in
            let path = scratch.path("hub.git")
            let repository = try Repository.create(at: path, bare: true)
            let text = "Article 1 — Objet du marché\n".data
            let blob = try repository.writeBlob(text)
            #expect(blob == ObjectID.hashBlob(text))
            #expect(try repository.blob(blob) == text)
            #expect(try repository.objectType(blob) == .blob)
            let empty = try repository.writeBlob(Data())
            #expect(try repository.blob(empty).isEmpty)
            #expect(try gitOutput(["cat-file", "-p", blob.hex], in: path) == "Article 1 — Objet du marché")

            let script = try repository.writeBlob("#!/bin/sh\n".data)
            let inner = try repository.writeTree([TreeEntry(name: "annexe.md", id: empty, mode: .blob)])
            let entries = [
                TreeEntry(name: "cctp.md", id: blob, mode: .blob),
                TreeEntry(name: "run.sh", id: script, mode: .executable),
                TreeEntry(name: "annexes", id: inner, mode: .tree),
            ]
            let tree = try repository.writeTree(entries)
            #expect(try repository.objectType(tree) == .tree)
            let readBack = try repository.tree(tree)
            #expect(readBack.map(\.name) == ["annexes", "cctp.md", "run.sh"]) // git's order
            #expect(Set(readBack.map(\.name)) == Set(entries.map(\.name)))
            for entry in entries { #expect(readBack.contains(entry)) }
            #expect(
                try gitOutput(["ls-tree", tree.hex], in: path) == """
                    040000 tree \(inner.hex)\tannexes
                    100644 blob \(blob.hex)\tcctp.md
                    100755 blob \(script.hex)\trun.sh
                    """)
            let badName = expectGitError(.other(-1)) { _ = try repository.writeTree([TreeEntry(name: "a/b", id: blob, mode: .blob)]) }
            #expect(badName?.function == "git_treebuilder_insert")
            #expect(badName?.message.contains("invalid name") == true)

            let message = "Publier la consultation\n\nPremière version du CCTP.\n"
            let first = try repository.createCommit(
                tree: tree, parents: [], author: agent, committer: company,
                message: message, updating: "refs/heads/main", expectedTip: nil)
            #expect(try repository.objectType(first) == .commit)
            let commit = try repository.commit(first)
            #expect(commit.id == first)
            #expect(commit.tree == tree)
            #expect(commit.parents.isEmpty)
            #expect(commit.author == agent)
            #expect(commit.committer == company)
            #expect(commit.message == message)
            #expect(commit.summary == "Publier la consultation")
            #expect(!repository.isHeadUnborn)

            let second = try repository.createCommit(
                tree: tree, parents: [first], author: agent, committer: agent,
                message: "Deux", updating: "refs/heads/main", expectedTip: first)
            #expect(try repository.commit(second).parents == [first])
            #expect(try repository.commit(second).summary == "Deux")
            #expect(try repository.resolveCommit("main") == second)
            #expect(try repository.resolveCommit("main~1") == first)

            #expect(
                try gitOutput(["log", "--format=%H|%an|%ae|%ad|%cn|%cd|%s", "--date=raw", "main"], in: path) == """
                    \(second.hex)|Agent Dupont|agent@example.fr|1700000000 +0200|Agent Dupont|1700000000 +0200|Deux
                    \(first.hex)|Agent Dupont|agent@example.fr|1700000000 +0200|Société Martin|1700003600 -0530|Publier la consultation
                    """)
            try expectFsckClean(path)
        }
    }

    @Test func writeTreeFromFilesWithNestingOverwriteAndDeletion() throws {
        try inScratch { scratch in
            let path = scratch.path("hub.git")
            let repository = try Repository.create(at: path, bare: true)
            let first = try repository.writeTree(
                files: [
                    "consultation.yaml": "id: 2024-001\n".data,
                    "cctp/01-objet.md": "objet\n".data,
                    "cctp/02-prix.md": "prix\n".data,
                    "proposals/acme/response.md": "oui\n".data,
                    "proposals/acme/annexes/devis.pdf": Data([0, 1, 2, 255]),
                ], base: nil)
            #expect(
                try gitOutput(["ls-tree", "-r", "--name-only", first.hex], in: path).split(separator: "\n") == [
                    "cctp/01-objet.md", "cctp/02-prix.md", "consultation.yaml",
                    "proposals/acme/annexes/devis.pdf", "proposals/acme/response.md",
                ])
            let commit = try repository.createCommit(
                tree: first, parents: [], author: agent, committer: agent,
                message: "v1\n", updating: "refs/heads/main", expectedTip: nil)
            #expect(try repository.contents(ofPath: "proposals/acme/annexes/devis.pdf", at: commit) == Data([0, 1, 2, 255]))

            let second = try repository.writeTree(
                files: [
                    "cctp/02-prix.md": "prix révisés\n".data, // overwrite
                    "cctp/03-delais.md": "délais\n".data, // add beside
                    "proposals/acme/annexes/devis.pdf": nil, // delete: its directory becomes empty and disappears
                    "proposals/nobody/x.md": nil, // deleting an absent path does nothing
                    "consultation.yaml": nil,
                ], base: first)
            let listing = try gitOutput(["ls-tree", "-r", second.hex], in: path)
            #expect(
                listing.split(separator: "\n").map { $0.split(separator: "\t").last! } == [
                    "cctp/01-objet.md", "cctp/02-prix.md", "cctp/03-delais.md", "proposals/acme/response.md",
                ])
            #expect(try gitOutput(["cat-file", "-p", "\(second.hex):cctp/02-prix.md"], in: path) == "prix révisés")
            // untouched subtrees keep their ids
            let firstCCTP = try gitOutput(["rev-parse", "\(first.hex):cctp/01-objet.md"], in: path)
            #expect(try gitOutput(["rev-parse", "\(second.hex):cctp/01-objet.md"], in: path) == firstCCTP)
            // a commit works as base too
            let third = try repository.writeTree(files: ["cctp": nil], base: commit)
            #expect(try repository.tree(third).map(\.name) == ["consultation.yaml", "proposals"])
            // deleting everything gives the empty tree
            let emptied = try repository.writeTree(files: ["consultation.yaml": nil, "cctp": nil, "proposals": nil], base: first)
            #expect(emptied.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
            #expect(try repository.writeTree(files: [:], base: nil) == emptied)

            expectGitError(.invalid) { _ = try repository.writeTree(files: ["a": Data(), "a/b": Data()], base: nil) }
            expectGitError(.invalid) { _ = try repository.writeTree(files: ["a//b": Data()], base: nil) }
            expectGitError(.invalid) { _ = try repository.writeTree(files: ["../b": Data()], base: nil) }
            try repository.updateReference(
                "refs/heads/other",
                to: try repository.createCommit(
                    tree: second, parents: [commit], author: agent, committer: agent, message: "v2\n",
                    updating: nil, expectedTip: nil), expected: nil, message: "v2")
            try expectFsckClean(path)
        }
    }

    @Test func contentsAndEntriesAtCommitAndThroughAnnotatedTag() throws {
        try inScratch { scratch in
            let path = scratch.path("hub.git")
            let repository = try Repository.create(at: path, bare: true)
            let commit = try repository.commitFiles(
                [
                    "cctp/01-objet.md": "objet\n".data, "README.md": "lisez-moi\n".data,
                ], parent: nil, ref: "refs/heads/main", message: "Publier")
            let tag = try repository.createTag(name: "consultation/v1", target: commit, tagger: agent, message: "Version publiée\n")

            #expect(try gitOutput(["cat-file", "-t", tag.hex], in: path) == "tag")
            #expect(try gitOutput(["cat-file", "-t", "consultation/v1"], in: path) == "tag")
            #expect(try gitOutput(["rev-parse", "consultation/v1^{commit}"], in: path) == commit.hex)

            for revision in [commit, tag] {
                #expect(try repository.contents(ofPath: "cctp/01-objet.md", at: revision) == "objet\n".data)
                #expect(try repository.contents(ofPath: "README.md", at: revision) == "lisez-moi\n".data)
                #expect(try repository.contents(ofPath: "cctp/absent.md", at: revision) == nil)
                #expect(try repository.contents(ofPath: "nowhere/absent.md", at: revision) == nil)
                #expect(try repository.treeEntries(at: revision, path: "").map(\.name) == ["README.md", "cctp"])
                #expect(try repository.treeEntries(at: revision, path: "cctp").map(\.name) == ["01-objet.md"])
                #expect(try repository.treeEntries(at: revision, path: "cctp").first?.mode == .blob)
                #expect(try repository.treeEntries(at: revision, path: "absent").isEmpty)
            }
            expectGitError(.invalid) { _ = try repository.contents(ofPath: "cctp", at: commit) }
            expectGitError(.invalid) { _ = try repository.treeEntries(at: commit, path: "README.md") }
        }
    }

    @Test func annotatedTagsReadBackAndRefuseDuplicates() throws {
        try inScratch { scratch in
            let path = scratch.path("hub.git")
            let repository = try Repository.create(at: path, bare: true)
            let commit = try repository.commitFiles(["a.md": "a\n".data], parent: nil, ref: "refs/heads/main", message: "A")
            let tagID = try repository.createTag(name: "v1", target: commit, tagger: company, message: "Première\n\nDétails\n")
            let tag = try repository.tag(tagID)
            #expect(tag.id == tagID)
            #expect(tag.name == "v1")
            #expect(tag.target == commit)
            #expect(tag.targetType == .commit)
            #expect(tag.tagger == company)
            #expect(tag.message == "Première\n\nDétails\n")
            #expect(try repository.objectType(tagID) == .tag)
            #expect(try repository.revParse("v1") == tagID)
            #expect(try repository.revParse("refs/tags/v1") == tagID)
            #expect(try repository.resolveCommit("v1") == commit)
            #expect(try repository.reference(named: "refs/tags/v1")?.target == tagID)

            let error = expectGitError(.exists) {
                _ = try repository.createTag(name: "v1", target: commit, tagger: agent, message: "Encore\n")
            }
            #expect(error?.function == "git_tag_create")
            #expect(try repository.reference(named: "refs/tags/v1")?.target == tagID)
            #expect(
                try gitOutput(["for-each-ref", "--format=%(objecttype) %(taggername) %(taggerdate:raw)", "refs/tags"], in: path)
                    == "tag Société Martin 1700003600 -0530")
            try expectFsckClean(path)
        }
    }

    @Test func signedCommitCarriesTheSignerOutput() throws {
        struct FakeSigner: CommitSigner {
            func signature(for content: String) throws(GitError) -> String {
                precondition(content.hasPrefix("tree "))
                return "-----BEGIN SSH SIGNATURE-----\nZmFrZQ==\n-----END SSH SIGNATURE-----"
            }
        }
        try inScratch { scratch in
            let path = scratch.path("hub.git")
            let repository = try Repository.create(at: path, bare: true)
            let tree = try repository.writeTree(files: ["a.md": "a\n".data], base: nil)
            let id = try repository.createCommit(
                tree: tree, parents: [], author: agent, committer: agent,
                message: "Signé\n", updating: "refs/heads/main", expectedTip: nil,
                signer: FakeSigner())
            let raw = try gitOutput(["cat-file", "commit", id.hex], in: path)
            #expect(raw.contains("gpgsig -----BEGIN SSH SIGNATURE-----\n ZmFrZQ==\n -----END SSH SIGNATURE-----"))
            #expect(try repository.commit(id).summary == "Signé")
            #expect(try repository.resolveCommit("main") == id)
            try expectFsckClean(path)
        }
    }
}
