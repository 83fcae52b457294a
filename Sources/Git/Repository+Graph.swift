import CLibGit2

extension Repository {
    /// True when `ancestor` is reachable from `descendant` (or is it).
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws -> Bool {
        if ancestor == descendant { return true }
        var a = descendant.oid
        var b = ancestor.oid
        let result = git_graph_descendant_of(pointer, &a, &b)
        if result < 0 { try check(result, "git_graph_descendant_of") }
        return result == 1
    }
}
