import Foundation
internal import Git

extension Workspace {
    /// Commits `consultation` as consultation.yml on main over `head` (signed, compare-and-swap against `head`),
    /// then rewrites the working tree's consultation.yml: the agent's unpublished edits with `sameChange` applied.
    func commitConsultation(
        _ consultation: Consultation, over head: ObjectID, message: String, failure: Text,
        identity: Identity, context: Context, sameChange: (inout Consultation) -> Void
    ) throws(JSFError) -> ObjectID {
        var worktree = (try? worktreeConsultation()) ?? consultation
        sameChange(&worktree)
        let text = consultation.yaml()
        let signature = context.signature(for: identity)
        let signer = try context.signer(for: identity)
        return try gitCall(failure) {
            let base = try repository.commit(head).tree
            let tree = try repository.writeTree(files: [Layout.consultationFile: Data(text.utf8)], base: base)
            let commit = try repository.createCommit(
                tree: tree, parents: [head], author: signature, committer: signature,
                message: message, updating: Layout.main, expectedTip: head, signer: signer)
            try AtomicFile.write(worktree.yaml(), to: path(Layout.consultationFile))
            try repository.resetIndex(toTree: tree)
            return commit
        }
    }
}
