import CLibGit2
import Foundation

extension Repository {
    /// The entry at the slash-separated `path` in the tree of the commit `revision` resolves to (tags peeled), with
    /// its mode; nil when the path is absent. Reads the trees on the path only, never a whole directory's entries.
    public func entry(atPath path: String, at revision: ObjectID) throws(GitError) -> TreeEntry? {
        try withTree(of: revision) { tree throws(GitError) in
            try Repository.withEntry(atPath: path, in: tree) { entry throws(GitError) in
                let name = string(git_tree_entry_name(entry)) ?? ""
                guard let mode = FileMode(git_tree_entry_filemode(entry)) else {
                    throw GitError(function: "git_tree_entry_filemode", code: .invalid, message: "entry '\(name)' has an unknown mode")
                }
                return TreeEntry(name: name, id: ObjectID(git_tree_entry_id(entry)), mode: mode)
            }
        }
    }
}
