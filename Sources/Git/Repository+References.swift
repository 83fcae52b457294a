import CLibGit2
import Foundation

extension Repository {
    /// The reference `name`, or nil when absent.
    public func reference(named name: String) throws(GitError) -> Reference? {
        var reference: OpaquePointer?
        let result = git_reference_lookup(&reference, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_reference_lookup")
        defer { git_reference_free(reference) }
        return Reference(reference)
    }

    /// All references matching a glob such as "refs/heads/proposals/*" (git_reference_foreach_glob, one pass), sorted by name; direct refs resolved to their target id.
    ///
    /// Implemented with git_reference_iterator_glob_new, which yields the targets in the same single pass.
    public func references(matching glob: String) throws(GitError) -> [Reference] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, glob), "git_reference_iterator_glob_new")
        defer { git_reference_iterator_free(iterator) }
        return try Self.drain(iterator).sorted { $0.name < $1.name }
    }

    /// Every reference a git_reference_iterator yields, in its order.
    static func drain(_ iterator: OpaquePointer?) throws(GitError) -> [Reference] {
        var references = [Reference]()
        while true {
            var reference: OpaquePointer?
            let result = git_reference_next(&reference, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "git_reference_next")
            defer { git_reference_free(reference) }
            references.append(Reference(reference))
        }
        return references
    }

    /// Compare-and-swap update through git_transaction: expected nil = must not exist.
    public func updateReference(_ name: String, to id: ObjectID, expected: ObjectID?, message: String) throws(GitError) {
        _ = try compareAndSwap(name, expected: expected, message: message, signature: nil) { id }
    }

    /// Deletes the reference `name`; throws .notFound when absent, .modified when it moved since it was read here.
    public func deleteReference(_ name: String) throws(GitError) {
        // git_reference_remove succeeds silently on an absent ref; git_reference_delete checks the old value.
        var reference: OpaquePointer?
        try check(git_reference_lookup(&reference, pointer, name), "git_reference_lookup")
        defer { git_reference_free(reference) }
        try check(git_reference_delete(reference), "git_reference_delete")
    }

    /// Points HEAD at `referenceName` (which may be unborn).
    public func setHead(_ referenceName: String) throws(GitError) {
        try check(git_repository_set_head(pointer, referenceName), "git_repository_set_head")
    }

    /// Moves loose refs into packed-refs (git pack-refs --all), keeping ref lookups fast after big fetches.
    public func packReferences() throws(GitError) {
        var refdb: OpaquePointer?
        try check(git_repository_refdb(&refdb, pointer), "git_repository_refdb")
        defer { git_refdb_free(refdb) }
        try check(git_refdb_compress(refdb), "git_refdb_compress")
    }

    /// Locks `name`, checks it still holds `expected` (nil: absent), then points it at `newTarget()` and commits.
    func compareAndSwap(
        _ name: String, expected: ObjectID?, message: String, signature: Signature?,
        newTarget: () throws(GitError) -> ObjectID
    ) throws(GitError) -> ObjectID {
        var transaction: OpaquePointer?
        try check(git_transaction_new(&transaction, pointer), "git_transaction_new")
        defer { git_transaction_free(transaction) }
        try check(git_transaction_lock_ref(transaction, name), "git_transaction_lock_ref")

        let current = try reference(named: name)
        if let current, current.symbolicTarget != nil {
            throw GitError(
                function: "git_transaction_lock_ref", code: .invalid,
                message: "reference '\(name)' is symbolic")
        }
        switch (expected, current?.target) {
        case (nil, let found?):
            throw GitError(
                function: "git_transaction_lock_ref", code: .exists,
                message: "reference '\(name)' already exists at \(found.short)")
        case (let wanted?, nil):
            throw GitError(
                function: "git_transaction_lock_ref", code: .modified,
                message: "reference '\(name)' no longer exists, expected it at \(wanted.short)")
        case (let wanted?, let found?) where wanted != found:
            throw GitError(
                function: "git_transaction_lock_ref", code: .modified,
                message: "reference '\(name)' moved to \(found.short), expected \(wanted.short)")
        default:
            break
        }

        let id = try newTarget()
        var oid = id.oid
        if let signature {
            try signature.withGitSignature { gitSignature throws(GitError) in
                try check(git_transaction_set_target(transaction, name, &oid, gitSignature, message), "git_transaction_set_target")
            }
        } else {
            try check(git_transaction_set_target(transaction, name, &oid, nil, message), "git_transaction_set_target")
        }
        try check(git_transaction_commit(transaction), "git_transaction_commit")
        return id
    }
}

extension Reference {
    /// Copies a libgit2 reference.
    init(_ reference: OpaquePointer?) {
        let name = string(git_reference_name(reference)) ?? ""
        if git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC {
            self.init(name: name, target: nil, symbolicTarget: string(git_reference_symbolic_target(reference)))
        } else {
            self.init(name: name, target: git_reference_target(reference).map(ObjectID.init), symbolicTarget: nil)
        }
    }
}
