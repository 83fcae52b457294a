import CLibGit2
import Foundation

extension Repository {
    /// The value of `key` (e.g. "user.name") in the repository's config with its usual fallbacks; nil when unset.
    public func configValue(_ key: String) throws(GitError) -> String? {
        var snapshot: OpaquePointer?
        try check(git_repository_config_snapshot(&snapshot, pointer), "git_repository_config_snapshot")
        defer { git_config_free(snapshot) }
        var value: UnsafePointer<CChar>?
        let result = git_config_get_string(&value, snapshot, key)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_config_get_string")
        return string(value)
    }

    /// Sets `key` in the repository's own config file (.git/config).
    public func setConfigValue(_ key: String, _ value: String) throws(GitError) {
        var config: OpaquePointer?
        try check(git_repository_config(&config, pointer), "git_repository_config")
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try check(git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL), "git_config_open_level")
        defer { git_config_free(local) }
        try check(git_config_set_string(local, key, value), "git_config_set_string")
    }
}

extension Repository {
    /// Makes the index equal to `tree` (git_index_read_tree + git_index_write), leaving the working files alone.
    public func resetIndex(toTree tree: ObjectID) throws(GitError) {
        var oid = tree.oid
        var treeObject: OpaquePointer?
        try check(git_tree_lookup(&treeObject, pointer, &oid), "git_tree_lookup")
        defer { git_tree_free(treeObject) }
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer), "git_repository_index")
        defer { git_index_free(index) }
        try check(git_index_read_tree(index, treeObject), "git_index_read_tree")
        try check(git_index_write(index), "git_index_write")
    }

    /// The blob ids the index holds, by path (stage 0 only).
    public func indexEntries() throws(GitError) -> [String: ObjectID] {
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer), "git_repository_index")
        defer { git_index_free(index) }
        var entries = [String: ObjectID]()
        for position in 0..<git_index_entrycount(index) {
            guard let entry = git_index_get_byindex(index, position) else { continue }
            entries[String(cString: entry.pointee.path)] = ObjectID(entry.pointee.id)
        }
        return entries
    }

    /// Checks out HEAD into the working tree and index (GIT_CHECKOUT_SAFE, or FORCE when force is true).
    ///
    /// The baseline is the current index (what was last checked out), not libgit2's default of HEAD: after
    /// a ref move by `createCommit` or `fetch`, HEAD already equals the target and SAFE would do nothing.
    /// SAFE updates files the user left untouched, throws `.conflict` for edited ones and does not
    /// recreate files deleted from the working tree.
    public func checkoutHead(force: Bool) throws(GitError) {
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer), "git_repository_index")
        defer { git_index_free(index) }
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy = force ? GIT_CHECKOUT_FORCE.rawValue : GIT_CHECKOUT_SAFE.rawValue
        options.baseline_index = index
        try check(git_checkout_head(pointer, &options), "git_checkout_head")
    }
}
