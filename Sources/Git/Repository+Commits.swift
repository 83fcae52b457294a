import CLibGit2
import Foundation

extension Repository {
    /// Creates a commit (signed when a signer is given: git_commit_create_buffer + git_commit_create_with_signature) and, when `ref` is given, moves that ref to it with compare-and-swap: expectedTip == nil means the ref must not exist yet; otherwise it must still point at expectedTip. A lost race throws code .modified (or .exists). The ref is created through a git_transaction or git_reference_create_matching — never overwritten blindly. Reflog message = the commit summary.
    ///
    /// The ref is locked and checked before the commit is written, so a lost race writes nothing.
    /// The message is stored as given (no clean-up, no newline added).
    public func createCommit(
        tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
        message: String, updating ref: String?, expectedTip: ObjectID?,
        signer: CommitSigner? = nil
    ) throws(GitError) -> ObjectID {
        let write = { () throws(GitError) -> ObjectID in
            try self.writeCommit(
                tree: tree, parents: parents, author: author, committer: committer,
                message: message, signer: signer)
        }
        guard let ref else { return try write() }
        let summary = String(message.prefix { $0 != "\n" && $0 != "\r\n" })
        return try compareAndSwap(ref, expected: expectedTip, message: summary, signature: committer, newTarget: write)
    }

    private func writeCommit(
        tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
        message: String, signer: CommitSigner?
    ) throws(GitError) -> ObjectID {
        var treeOID = tree.oid
        var treeObject: OpaquePointer?
        try check(git_tree_lookup(&treeObject, pointer, &treeOID), "git_tree_lookup")
        defer { git_tree_free(treeObject) }

        var parentObjects = [OpaquePointer?]()
        defer { for object in parentObjects { git_commit_free(object) } }
        for parent in parents {
            var oid = parent.oid
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, pointer, &oid), "git_commit_lookup")
            parentObjects.append(commit)
        }

        var result = git_oid()
        try author.withGitSignature { authorSignature throws(GitError) in
            try committer.withGitSignature { committerSignature throws(GitError) in
                try parentObjects.withUnsafeMutableBufferPointer { parentPointers throws(GitError) in
                    guard let signer else {
                        try check(
                            git_commit_create(
                                &result, pointer, nil, authorSignature, committerSignature, nil,
                                message, treeObject, parentPointers.count, parentPointers.baseAddress),
                            "git_commit_create")
                        return
                    }
                    var buffer = git_buf()
                    defer { git_buf_dispose(&buffer) }
                    try check(
                        git_commit_create_buffer(
                            &buffer, pointer, authorSignature, committerSignature, nil,
                            message, treeObject, parentPointers.count, parentPointers.baseAddress),
                        "git_commit_create_buffer")
                    let content = String(decoding: UnsafeRawBufferPointer(start: buffer.ptr, count: buffer.size), as: UTF8.self)
                    // git writes the armor's final newline as the header's own end of line, not as a
                    // continuation line holding only a space; libgit2 would keep it, so it goes here.
                    var signature = try signer.signature(for: content)
                    while signature.hasSuffix("\n") { signature.removeLast() }
                    try check(
                        git_commit_create_with_signature(&result, pointer, content, signature, nil),
                        "git_commit_create_with_signature")
                }
            }
        }
        return ObjectID(result)
    }
}
