import CLibGit2

extension Repository {
    /// True when `ancestor` is reachable from `descendant` (or is it).
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws(GitError) -> Bool {
        if ancestor == descendant { return true }
        var a = descendant.oid
        var b = ancestor.oid
        let result = git_graph_descendant_of(pointer, &a, &b)
        if result < 0 { try check(result, "git_graph_descendant_of") }
        return result == 1
    }
}

extension Repository {
    /// The commits reachable from `tip` and from none of `hidden`, newest first, at most `limit` (git_revwalk: one
    /// walk, whatever the history's size). Returns nil when there are more than `limit`.
    public func commits(from tip: ObjectID, hiding hidden: [ObjectID], limit: Int) throws(GitError) -> [ObjectID]? {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, pointer), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        var start = tip.oid
        try check(git_revwalk_push(walk, &start), "git_revwalk_push")
        for id in hidden {
            var oid = id.oid
            try check(git_revwalk_hide(walk, &oid), "git_revwalk_hide")
        }
        var result: [ObjectID] = []
        var oid = git_oid()
        while true {
            let status = git_revwalk_next(&oid, walk)
            if status == GIT_ITEROVER.rawValue { break }
            try check(status, "git_revwalk_next")
            result.append(ObjectID(oid))
            if result.count > limit { return nil }
        }
        return result
    }
}
