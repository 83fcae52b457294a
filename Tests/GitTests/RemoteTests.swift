import Foundation
import Testing

@testable import Git

@Suite struct RemoteTests {
    @Test func cloneCommitPushAndFetch() throws {
        try inScratch { scratch in
            let hubPath = scratch.path("hub.git")
            let hub = try Repository.create(at: hubPath, bare: true)
            let seed = try hub.commitFiles(
                ["consultation.yaml": "id: 1\n".data], parent: nil,
                ref: "refs/heads/main", message: "Publier")

            var cloneProgress = [TransferProgress]()
            let alice = try Repository.clone(from: hubPath, to: scratch.path("alice"), progress: { cloneProgress.append($0) })
            #expect(!alice.isBare)
            #expect(try alice.remoteNames() == ["origin"])
            #expect(try alice.remoteURL("origin") == hubPath)
            #expect(try alice.remoteURL("nope") == nil)
            #expect(try alice.resolveCommit("HEAD") == seed)
            #expect(try alice.headReferenceName() == "refs/heads/main")
            #expect(FileManager.default.contents(atPath: scratch.path("alice/consultation.yaml")) == "id: 1\n".data)
            if let last = cloneProgress.last { #expect(last.receivedObjects == last.totalObjects) }

            let bob = try Repository.clone(from: "file://" + hubPath, to: scratch.path("bob.git"), bare: true)
            #expect(bob.isBare)
            #expect(try bob.resolveCommit("refs/heads/main") == seed)

            let aliceCommit = try alice.commitFiles(
                ["proposals/alice/response.md": "oui\n".data], parent: seed,
                ref: "refs/heads/main", message: "Répondre")
            var pushProgress = [TransferProgress]()
            try alice.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"], progress: { pushProgress.append($0) })
            #expect(try hub.resolveCommit("refs/heads/main") == aliceCommit)
            #expect(try gitOutput(["rev-parse", "main"], in: hubPath) == aliceCommit.hex)
            try alice.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/proposals/alice"])
            #expect(try hub.reference(named: "refs/heads/proposals/alice")?.target == aliceCommit)

            // bob is bare: fetch into remote-tracking refs with an explicit refspec
            try bob.addRemote(name: "hub", url: "file://" + hubPath)
            #expect(try bob.remoteNames().sorted() == ["hub", "origin"])
            #expect(try bob.remoteURL("hub") == "file://" + hubPath)
            expectGitError(.exists) { try bob.addRemote(name: "hub", url: hubPath) }
            let updates = try bob.fetch(remote: "hub", refspecs: ["+refs/heads/*:refs/remotes/hub/*"])
            #expect(Set(updates.map(\.name)) == ["refs/remotes/hub/main", "refs/remotes/hub/proposals/alice"])
            #expect(updates.allSatisfy { $0.new == aliceCommit && $0.old == nil })
            #expect(try bob.contents(ofPath: "proposals/alice/response.md", at: aliceCommit) == "oui\n".data)

            // a fetch with the configured refspecs reports the moved ref with its old value; unlike
            // `git clone --bare`, libgit2's bare clone keeps the refs/remotes/origin/* refspec
            #expect(try gitOutput(["config", "remote.origin.fetch"], in: scratch.path("bob.git")) == "+refs/heads/*:refs/remotes/origin/*")
            let bobUpdates = try bob.fetch(remote: "origin")
            #expect(bobUpdates.contains(RefUpdate(name: "refs/remotes/origin/main", old: seed, new: aliceCommit)))
            #expect(bobUpdates.contains(RefUpdate(name: "refs/remotes/origin/proposals/alice", old: nil, new: aliceCommit)))
            #expect(try bob.resolveCommit("refs/heads/main") == seed)
            #expect(try bob.fetch(remote: "origin").isEmpty)

            let carol = try Repository.clone(from: hubPath, to: scratch.path("carol"))
            let next = try alice.commitFiles(
                ["proposals/alice/annexe.md": "annexe\n".data], parent: aliceCommit,
                ref: "refs/heads/main", message: "Annexe")
            try alice.push(remote: "origin", refspecs: ["refs/heads/main"])
            let carolUpdates = try carol.fetch(remote: "origin")
            #expect(carolUpdates.contains(RefUpdate(name: "refs/remotes/origin/main", old: aliceCommit, new: next)))
            #expect(try gitOutput(["rev-parse", "origin/main"], in: scratch.path("carol")) == next.hex)
            try expectFsckClean(hubPath)
            try expectFsckClean(scratch.path("carol"))
        }
    }

    @Test func nonFastForwardPushIsRejected() throws {
        try inScratch { scratch in
            let hubPath = scratch.path("hub.git")
            let hub = try Repository.create(at: hubPath, bare: true)
            let seed = try hub.commitFiles(["a.md": "a\n".data], parent: nil, ref: "refs/heads/main", message: "A")
            let alice = try Repository.clone(from: hubPath, to: scratch.path("alice"))
            let bob = try Repository.clone(from: hubPath, to: scratch.path("bob"))

            let aliceCommit = try alice.commitFiles(["a.md": "alice\n".data], parent: seed, ref: "refs/heads/main", message: "Alice")
            try alice.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
            let bobCommit = try bob.commitFiles(["a.md": "bob\n".data], parent: seed, ref: "refs/heads/main", message: "Bob")

            // bob has not seen alice's commit
            let unseen = expectGitError(.nonFastForward) {
                try bob.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
            }
            #expect(unseen?.function == "git_remote_push")
            #expect(unseen?.message.contains("refs/heads/main") == true)
            #expect(unseen?.message.contains("origin") == true)

            // bob has fetched it but not merged it
            _ = try bob.fetch(remote: "origin")
            #expect(try bob.resolveCommit("refs/remotes/origin/main") == aliceCommit)
            expectGitError(.nonFastForward) { try bob.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"]) }
            #expect(try hub.resolveCommit("refs/heads/main") == aliceCommit)

            // a forced refspec goes through
            try bob.push(remote: "origin", refspecs: ["+refs/heads/main:refs/heads/main"])
            #expect(try hub.resolveCommit("refs/heads/main") == bobCommit)
        }
    }

    @Test func unreachableRemoteFailsWithMessage() throws {
        try inScratch { scratch in
            let repository = try Repository.create(at: scratch.path("r"), bare: true)
            try repository.addRemote(name: "origin", url: scratch.path("missing.git"))
            let error = expectGitError(.other(-1)) { _ = try repository.fetch(remote: "origin") }
            #expect(error?.function == "git_remote_download")
            #expect(error?.networkFault == nil, "a missing local path is no network fault")
            expectGitError(.notFound) { _ = try repository.fetch(remote: "nope") }
        }
    }
}
