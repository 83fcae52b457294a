import CLibGit2
import Foundation

extension Repository {
    /// Writes `data` as a blob.
    public func writeBlob(_ data: Data) throws(GitError) -> ObjectID {
        var oid = git_oid()
        try data.withUnsafeBytesOrEmpty { bytes, count throws(GitError) in
            try check(git_blob_create_from_buffer(&oid, pointer, bytes, count), "git_blob_create_from_buffer")
        }
        return ObjectID(oid)
    }

    /// The contents of the blob `id`.
    public func blob(_ id: ObjectID) throws(GitError) -> Data {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), "git_blob_lookup")
        defer { git_blob_free(blob) }
        return Repository.copyContents(of: blob)
    }

    /// The type of the object `id`, read from its header only.
    public func objectType(_ id: ObjectID) throws(GitError) -> ObjectType {
        let (type, _) = try objectHeader(id)
        guard let result = ObjectType(type) else {
            throw GitError(function: "git_odb_read_header", code: .invalid, message: "object \(id) has an unknown type")
        }
        return result
    }

    /// The size in bytes of the object `id`, read from its header only (a blob is not loaded).
    public func objectSize(_ id: ObjectID) throws(GitError) -> Int {
        try objectHeader(id).size
    }

    private func objectHeader(_ id: ObjectID) throws(GitError) -> (type: git_object_t, size: Int) {
        var oid = id.oid
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var size = 0
        var type = GIT_OBJECT_INVALID
        try check(git_odb_read_header(&size, &type, odb, &oid), "git_odb_read_header")
        return (type, size)
    }

    /// Whether the object database holds `id`.
    public func contains(_ id: ObjectID) throws(GitError) -> Bool {
        var oid = id.oid
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        return git_odb_exists(odb, &oid) == 1
    }

    /// The commit `id`.
    public func commit(_ id: ObjectID) throws(GitError) -> Commit {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, pointer, &oid), "git_commit_lookup")
        defer { git_commit_free(commit) }
        let parents = (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0)) }
        return Commit(
            id: id,
            tree: ObjectID(git_commit_tree_id(commit)),
            parents: parents,
            author: Signature(git_commit_author(commit)),
            committer: Signature(git_commit_committer(commit)),
            message: string(git_commit_message(commit)) ?? "")
    }

    /// The annotated tag object `id`.
    public func tag(_ id: ObjectID) throws(GitError) -> Tag {
        var oid = id.oid
        var tag: OpaquePointer?
        try check(git_tag_lookup(&tag, pointer, &oid), "git_tag_lookup")
        defer { git_tag_free(tag) }
        guard let targetType = ObjectType(git_tag_target_type(tag)) else {
            throw GitError(function: "git_tag_target_type", code: .invalid, message: "tag \(id) has an unknown target type")
        }
        return Tag(
            id: id,
            name: string(git_tag_name(tag)) ?? "",
            target: ObjectID(git_tag_target_id(tag)),
            targetType: targetType,
            tagger: git_tag_tagger(tag).map(Signature.init),
            message: string(git_tag_message(tag)) ?? "")
    }

    /// The object `spec` names (git_revparse_single); a tag stays a tag.
    public func revParse(_ spec: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, pointer, spec), "git_revparse_single")
        defer { git_object_free(object) }
        return ObjectID(git_object_id(object))
    }

    /// The commit `spec` names, tags peeled.
    public func resolveCommit(_ spec: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, pointer, spec), "git_revparse_single")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "git_object_peel")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }

    /// Copies a blob's bytes.
    static func copyContents(of blob: OpaquePointer?) -> Data {
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: bytes, count: size)
    }
}
