import Foundation
import Git
import Testing

@testable import JeSaisFaire

/// Signed commits and tags: what jsf writes, plain git verifies; what git signs, jsf verifies.
@Suite("Trust: signed commits and tags", .enabled(if: trustSSHKeygen != nil, "ssh-keygen is not installed"))
struct TrustGitSignatureTests {
    static let agent = Signature(
        name: "Agent Dupont", email: "agent@example.fr",
        time: Date(timeIntervalSince1970: 1_700_000_000), offsetMinutes: 60)

    /// A scratch with a key, its allowed-signers file and plain git run with SSH signing configured.
    struct Setup {
        let scratch: TrustScratch
        let key: SSHSigningKey
        let keyFile: String
        let allowed: String

        init() throws {
            scratch = try TrustScratch()
            keyFile = try trustKeygen(scratch, name: "id_ed25519")
            key = try SSHSigningKey.parse(openSSHPrivateKey: try scratch.read("id_ed25519"))
            allowed = try scratch.write("allowed_signers", "agent@example.fr namespaces=\"git\" \(key.publicKey.openSSH)\n")
        }

        /// Plain git with SSH signing and verification configured, in `directory`.
        @discardableResult
        func git(_ arguments: [String], in directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TrustRun {
            let configured =
                [
                    "-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile=\(allowed)",
                    "-c", "user.signingkey=\(keyFile)", "-c", "user.name=Agent Dupont",
                    "-c", "user.email=agent@example.fr",
                ] + arguments
            let run = try trustRun("/usr/bin/git", configured, in: scratch, directory: directory)
            #expect(
                run.status == 0, "git \(arguments.joined(separator: " ")): \(run.stdout) \(run.stderr)",
                sourceLocation: sourceLocation)
            return run
        }
    }

    @Test("a commit and a tag signed by jsf pass git verify-commit, git tag -v and fsck, and verify here")
    func jsfSignsGitVerifies() throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let path = setup.scratch.path("hub.git")
        let repository = try Repository.create(at: path, bare: true)
        let tree = try repository.writeTree(files: ["cctp.md": Data("# CCTP\n".utf8)], base: nil)
        let signer = SSHSigner(key: setup.key)
        let commit = try repository.createCommit(
            tree: tree, parents: [], author: Self.agent, committer: Self.agent,
            message: "Première version\n", updating: "refs/heads/main",
            expectedTip: nil, signer: signer)
        let tag = try repository.createTag(
            name: "v1", target: commit, tagger: Self.agent,
            message: "Version 1\n\nIntègre: 7F3K9Q2M-1\n", signer: signer)

        let verifyCommit = try setup.git(["verify-commit", "-v", commit.hex], in: path)
        #expect(verifyCommit.stderr.contains("Good \"git\" signature for agent@example.fr"))
        let verifyTag = try setup.git(["tag", "-v", "v1"], in: path)
        #expect(verifyTag.stderr.contains("Good \"git\" signature for agent@example.fr"))
        #expect(
            try setup.git(["log", "-1", "--format=%G? %GF", "main"], in: path).stdout
                == "G \(setup.key.publicKey.fingerprint)\n")
        let fsck = try setup.git(["fsck", "--strict", "--no-dangling"], in: path)
        #expect(fsck.stdout.isEmpty)

        // The tagger line is exactly git's, and the object is what git tag -s writes.
        let raw = try repository.rawObject(tag)
        #expect(raw.type == .tag)
        let text = String(decoding: raw.data, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "object \(commit.hex)\ntype commit\ntag v1\ntagger Agent Dupont <agent@example.fr> 1700000000 +0100\n\nVersion 1\n\nIntègre: 7F3K9Q2M-1\n-----BEGIN SSH SIGNATURE-----\n"
            ))
        #expect(text.hasSuffix("-----END SSH SIGNATURE-----\n"))

        let commitSignature = try #require(try repository.commitSignature(commit))
        #expect(try SSHSignature.verify(commitSignature.signature, message: commitSignature.payload) == setup.key.publicKey)
        #expect(try setup.git(["cat-file", "commit", commit.hex], in: path).stdout.contains("-----END SSH SIGNATURE-----\n\nPremière"))
        let tagSignature = try #require(try repository.tagSignature(tag))
        #expect(try SSHSignature.verify(tagSignature.signature, message: tagSignature.payload) == setup.key.publicKey)
        #expect(String(decoding: tagSignature.payload, as: UTF8.self).hasSuffix("Intègre: 7F3K9Q2M-1\n"))

        let read = try repository.tag(tag)
        #expect(read.messageWithoutSignature == "Version 1\n\nIntègre: 7F3K9Q2M-1\n")
        #expect(read.message.hasPrefix(read.messageWithoutSignature + "-----BEGIN SSH SIGNATURE-----\n"))
        #expect(read.tagger == Self.agent)
        #expect(read.target == commit)
    }

    @Test("unsigned commits and tags have no signature; a signed message gains its final newline")
    func unsignedAndNewline() throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let path = setup.scratch.path("hub.git")
        let repository = try Repository.create(at: path, bare: true)
        let tree = try repository.writeTree(files: ["a.md": Data("a\n".utf8)], base: nil)
        let commit = try repository.createCommit(
            tree: tree, parents: [], author: Self.agent, committer: Self.agent,
            message: "Non signé\n", updating: "refs/heads/main", expectedTip: nil)
        #expect(try repository.commitSignature(commit) == nil)
        let plain = try repository.createTag(name: "plain", target: commit, tagger: Self.agent, message: "Sans signature")
        #expect(try repository.tagSignature(plain) == nil)
        #expect(try repository.tag(plain).messageWithoutSignature == "Sans signature")
        let absent = try #require(ObjectID(hex: String(repeating: "1", count: 40)))
        #expect(throws: GitError.self) { _ = try repository.commitSignature(absent) }
        #expect(throws: GitError.self) { _ = try repository.commitSignature(tree) }

        let signed = try repository.createTag(
            name: "signed", target: tree, tagger: Self.agent, message: "Sans fin de ligne",
            signer: SSHSigner(key: setup.key))
        #expect(try repository.tag(signed).messageWithoutSignature == "Sans fin de ligne\n")
        #expect(try repository.tag(signed).targetType == .tree)
        try setup.git(["tag", "-v", "signed"], in: path)
        let duplicate = #expect(throws: GitError.self) {
            _ = try repository.createTag(
                name: "signed", target: commit, tagger: Self.agent, message: "x\n",
                signer: SSHSigner(key: setup.key))
        }
        #expect(duplicate?.code == .exists)
        #expect(try repository.revParse("signed") == signed)
        #expect(throws: GitError.self) {
            _ = try repository.createTag(name: "bad..name", target: commit, tagger: Self.agent, message: "x\n")
        }
        try setup.git(["fsck", "--strict", "--no-dangling"], in: path)
    }

    @Test("a commit signed by git commit -S and a tag signed by git tag -s verify here")
    func gitSignsJsfVerifies() throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let path = setup.scratch.path("work")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try setup.git(["init", "-q", "-b", "main"], in: path)
        try Data("# CCTP\n".utf8).write(to: URL(fileURLWithPath: path + "/cctp.md"))
        try setup.git(["add", "cctp.md"], in: path)
        try setup.git(["commit", "-q", "-S", "-m", "Signé par git"], in: path)
        try setup.git(["tag", "-s", "v1", "-m", "Version 1\n\nIntègre: X\n"], in: path)

        let repository = try Repository.open(at: path)
        let commit = try repository.resolveCommit("main")
        let commitSignature = try #require(try repository.commitSignature(commit))
        #expect(try SSHSignature.verify(commitSignature.signature, message: commitSignature.payload) == setup.key.publicKey)
        #expect(SSHSignature.claimedKey(commitSignature.signature) == setup.key.publicKey)
        expectSignatureRefused("bad signature") { () throws(SSHSignatureError) in
            try SSHSignature.verify(commitSignature.signature, message: commitSignature.payload + Data("x".utf8))
        }

        let tag = try repository.revParse("v1")
        let tagSignature = try #require(try repository.tagSignature(tag))
        #expect(try SSHSignature.verify(tagSignature.signature, message: tagSignature.payload) == setup.key.publicKey)
        #expect(try repository.tag(tag).messageWithoutSignature == "Version 1\n\nIntègre: X\n")
        #expect(throws: GitError.self) { _ = try repository.tagSignature(commit) }
    }
}
