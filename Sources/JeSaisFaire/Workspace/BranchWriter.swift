import Foundation
internal import Git

/// Writes jsf's own branches (proposals, dialogue) as blobs, trees and commits, never through the working tree.
enum BranchWriter {
    /// Commits on `ref` what `build` makes from the tip `tips` reads (`base`: the commit to build on; `local`: what
    /// `ref` must still point at), compare-and-swap against that same read; when another writer moved the branch
    /// meanwhile, reads it again and rebuilds (DESIGN.md §2: one read decides a write).
    /// `build` also returns what the caller wants back from the attempt that was written (`value`); when it returns no
    /// file to write on an existing branch, nothing is committed and `base` is returned.
    static func commit<T>(
        _ repository: Repository, ref: String, failure: Text, signature: Signature, signer: SSHSigner,
        tips: () throws(JSFError) -> (local: ObjectID?, base: ObjectID?),
        build: (_ base: ObjectID?) throws(JSFError) -> (files: [String: Data?], message: String, value: T)
    ) throws(JSFError) -> (ObjectID, T) {
        for attempt in 1...Concurrency.attempts {
            let (local, base) = try tips()
            let (files, message, value) = try build(base)
            if files.isEmpty, let base { return (base, value) }
            do throws(GitError) {
                let baseTree = try base.map { (id) throws(GitError) in try repository.commit(id).tree }
                let tree = try repository.writeTree(files: files, base: baseTree)
                let commit = try repository.createCommit(
                    tree: tree, parents: base.map { [$0] } ?? [], author: signature, committer: signature,
                    message: message, updating: ref, expectedTip: local, signer: signer)
                return (commit, value)
            } catch  where Concurrency.isLostRace(error) && attempt < Concurrency.attempts {
                Concurrency.pause(attempt)
            } catch {
                throw JSFError.git(
                    error, failure,
                    hint: Text(
                        en: "another jsf kept writing at the same time; run the command again",
                        fr: "un autre jsf a écrit en même temps ; relancez la commande"))
            }
        }
        throw JSFError(.repository, failure)
    }
}
