import CLibGit2
import Foundation

extension Repository {
    /// Writes one tree level from `entries` (git_treebuilder); names must be valid entry names.
    public func writeTree(_ entries: [TreeEntry]) throws(GitError) -> ObjectID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, pointer, nil), "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }
        for entry in entries {
            var oid = entry.id.oid
            try check(git_treebuilder_insert(nil, builder, entry.name, &oid, entry.mode.raw), "git_treebuilder_insert")
        }
        var result = git_oid()
        try check(git_treebuilder_write(&result, builder), "git_treebuilder_write")
        return ObjectID(result)
    }

    /// The entries of the tree `id`, in git's order.
    public func tree(_ id: ObjectID) throws(GitError) -> [TreeEntry] {
        var oid = id.oid
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, pointer, &oid), "git_tree_lookup")
        defer { git_tree_free(tree) }
        return try Repository.entries(of: tree)
    }

    /// Writes a tree from `base` (or empty) with the given files put at their slash-separated paths (nested trees created/updated as needed); a nil Data value deletes the path.
    ///
    /// `base` may also be a commit or a tag of one (peeled to its tree). Deleting an absent path does
    /// nothing; directories left empty disappear, as git has no empty trees. A file replacing a
    /// directory (or the reverse) is allowed; the same path used both as a file and as a directory throws `.invalid`.
    public func writeTree(files: [String: Data?], base: ObjectID?) throws(GitError) -> ObjectID {
        var root = [String: PendingChange]()
        for (path, data) in files {
            try PendingChange.insert(path: path, data: data, into: &root)
        }
        if let tree = try apply(root, to: base, peel: true) { return tree }
        return try writeTree([])
    }

    /// Contents of `path` in the tree of the commit `revision` resolves to (tags peeled); nil when the path is absent.
    public func contents(ofPath path: String, at revision: ObjectID) throws(GitError) -> Data? {
        try withTree(of: revision) { tree throws(GitError) in
            try Repository.withEntry(atPath: path, in: tree) { entry throws(GitError) in
                guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else {
                    throw GitError(function: "git_tree_entry_bypath", code: .invalid, message: "'\(path)' is not a file")
                }
                var blob: OpaquePointer?
                try check(git_blob_lookup(&blob, pointer, git_tree_entry_id(entry)), "git_blob_lookup")
                defer { git_blob_free(blob) }
                return Repository.copyContents(of: blob)
            }
        }
    }

    /// Entries of the directory `path` ("" = root) in that commit's tree; empty when absent; throws `.invalid` when `path` is a file.
    public func treeEntries(at revision: ObjectID, path: String) throws(GitError) -> [TreeEntry] {
        try withTree(of: revision) { tree throws(GitError) in
            let trimmed = path.split(separator: "/").joined(separator: "/")
            if trimmed.isEmpty { return try Repository.entries(of: tree) }
            return try Repository.withEntry(atPath: trimmed, in: tree) { entry throws(GitError) in
                guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
                    throw GitError(function: "git_tree_entry_bypath", code: .invalid, message: "'\(path)' is not a directory")
                }
                var subtree: OpaquePointer?
                try check(git_tree_lookup(&subtree, pointer, git_tree_entry_id(entry)), "git_tree_lookup")
                defer { git_tree_free(subtree) }
                return try Repository.entries(of: subtree)
            } ?? []
        }
    }

    /// Calls `body` with the tree `revision` peels to (a commit, a tag of one, or a tree).
    func withTree<R>(of revision: ObjectID, _ body: (OpaquePointer?) throws(GitError) -> R) throws(GitError) -> R {
        var oid = revision.oid
        var object: OpaquePointer?
        try check(git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY), "git_object_lookup")
        defer { git_object_free(object) }
        var tree: OpaquePointer?
        try check(git_object_peel(&tree, object, GIT_OBJECT_TREE), "git_object_peel")
        defer { git_object_free(tree) }
        return try body(tree)
    }

    /// `body` on the entry at the slash-separated `path` below `tree`; nil when the path is absent.
    static func withEntry<R>(atPath path: String, in tree: OpaquePointer?, _ body: (OpaquePointer?) throws(GitError) -> R) throws(GitError) -> R? {
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, tree, path)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_tree_entry_bypath")
        defer { git_tree_entry_free(entry) }
        return try body(entry)
    }

    /// Copies the entries of a libgit2 tree.
    static func entries(of tree: OpaquePointer?) throws(GitError) -> [TreeEntry] {
        let count = git_tree_entrycount(tree)
        var entries = [TreeEntry]()
        entries.reserveCapacity(count)
        for index in 0..<count {
            let entry = git_tree_entry_byindex(tree, index)
            let name = string(git_tree_entry_name(entry)) ?? ""
            guard let mode = FileMode(git_tree_entry_filemode(entry)) else {
                throw GitError(function: "git_tree_entry_filemode", code: .invalid, message: "entry '\(name)' has an unknown mode")
            }
            entries.append(TreeEntry(name: name, id: ObjectID(git_tree_entry_id(entry)), mode: mode))
        }
        return entries
    }

    /// Applies `changes` to the tree `base` (peeled when `peel`); nil when the result is empty.
    private func apply(_ changes: [String: PendingChange], to base: ObjectID?, peel: Bool) throws(GitError) -> ObjectID? {
        var baseTree: OpaquePointer?
        defer { git_tree_free(baseTree) }
        if let base {
            var oid = base.oid
            if peel {
                var object: OpaquePointer?
                try check(git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY), "git_object_lookup")
                defer { git_object_free(object) }
                try check(git_object_peel(&baseTree, object, GIT_OBJECT_TREE), "git_object_peel")
            } else {
                try check(git_tree_lookup(&baseTree, pointer, &oid), "git_tree_lookup")
            }
        }
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, pointer, baseTree), "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }

        for (name, change) in changes {
            let existing = git_treebuilder_get(builder, name)
            switch change {
            case .file(let data):
                var oid = try writeBlob(data).oid
                let mode =
                    existing.map { git_tree_entry_filemode($0) } == GIT_FILEMODE_BLOB_EXECUTABLE
                    ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB
                try check(git_treebuilder_insert(nil, builder, name, &oid, mode), "git_treebuilder_insert")
            case .delete:
                if existing != nil {
                    try check(git_treebuilder_remove(builder, name), "git_treebuilder_remove")
                }
            case .directory(let children):
                var subBase: ObjectID?
                if let existing, git_tree_entry_type(existing) == GIT_OBJECT_TREE {
                    subBase = ObjectID(git_tree_entry_id(existing))
                }
                if let subtree = try apply(children, to: subBase, peel: false) {
                    var oid = subtree.oid
                    try check(git_treebuilder_insert(nil, builder, name, &oid, GIT_FILEMODE_TREE), "git_treebuilder_insert")
                } else if existing != nil {
                    try check(git_treebuilder_remove(builder, name), "git_treebuilder_remove")
                }
            }
        }
        if git_treebuilder_entrycount(builder) == 0 { return nil }
        var result = git_oid()
        try check(git_treebuilder_write(&result, builder), "git_treebuilder_write")
        return ObjectID(result)
    }
}

/// A change to one name of a tree level, as collected by `writeTree(files:base:)`.
private indirect enum PendingChange {
    case file(Data)
    case delete
    case directory([String: PendingChange])

    static func insert(path: String, data: Data?, into level: inout [String: PendingChange]) throws(GitError) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !path.isEmpty, components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw GitError(function: "writeTree(files:base:)", code: .invalid, message: "invalid path '\(path)'")
        }
        try insert(components[...], path: path, data: data, into: &level)
    }

    private static func insert(
        _ components: ArraySlice<String>, path: String, data: Data?,
        into level: inout [String: PendingChange]
    ) throws(GitError) {
        let name = components.first!
        let conflict = GitError(
            function: "writeTree(files:base:)", code: .invalid,
            message: "path '\(path)' is used both as a file and as a directory")
        if components.count == 1 {
            guard level[name] == nil else { throw conflict }
            level[name] = data.map(PendingChange.file) ?? .delete
            return
        }
        var children: [String: PendingChange]
        switch level[name] {
        case nil: children = [:]
        case .directory(let existing)?: children = existing
        default: throw conflict
        }
        level[name] = nil
        try insert(components.dropFirst(), path: path, data: data, into: &children)
        level[name] = .directory(children)
    }
}
