import CLibGit2
import Foundation

/// An open git repository. Synchronous and not thread-safe, like libgit2 objects: use it from one thread.
public final class Repository {
    /// The libgit2 handle; never leaves the module.
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The libgit2 version linked in, e.g. "1.5.1".
    public static var libgit2Version: String {
        LibGit2.ensure()
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }

    /// Process-wide settings for one-pass scans of many objects: no hash re-verification on read, no object cache.
    public static func tuneForScans() throws(GitError) {
        LibGit2.ensure()
        try check(jsf_git_opt_enable_strict_hash_verification(0), "git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION)")
        try check(jsf_git_opt_enable_caching(0), "git_libgit2_opts(GIT_OPT_ENABLE_CACHING)")
    }

    /// Opens a working directory or a git directory at exactly `path`, without searching upwards.
    public static func open(at path: String) throws(GitError) -> Repository {
        LibGit2.ensure()
        var repository: OpaquePointer?
        try check(
            git_repository_open_ext(&repository, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
            "git_repository_open_ext")
        return Repository(repository!)
    }

    /// Opens the repository git names in the environment (GIT_DIR, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES…),
    /// as a hook must: during a push the new objects sit in a quarantine directory that only the environment names.
    public static func openFromEnvironment() throws(GitError) -> Repository {
        LibGit2.ensure()
        var repository: OpaquePointer?
        try check(git_repository_open_ext(&repository, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil), "git_repository_open_ext")
        return Repository(repository!)
    }

    /// Lets this handle read the objects of another object directory too (in memory only, nothing is written):
    /// jsf checks a push to a local hub against the hub's rules before libgit2 copies anything there.
    public func addObjectAlternate(_ objectsDirectory: String) throws(GitError) {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        try check(git_odb_add_disk_alternate(odb, objectsDirectory), "git_odb_add_disk_alternate")
    }

    /// Finds the repository containing `path` (searching upwards) and opens it.
    public static func discover(startingAt path: String) throws(GitError) -> Repository {
        LibGit2.ensure()
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check(git_repository_discover(&buffer, path, 0, nil), "git_repository_discover")
        var repository: OpaquePointer?
        try check(git_repository_open(&repository, buffer.ptr), "git_repository_open")
        return Repository(repository!)
    }

    /// Creates a new repository (and missing parent directories) with HEAD -> refs/heads/<initialBranch>; throws .exists if one is already there.
    public static func create(at path: String, bare: Bool, initialBranch: String = "main") throws(GitError) -> Repository {
        LibGit2.ensure()
        var options = git_repository_init_options()
        try check(
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
            "git_repository_init_options_init")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        if bare { options.flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
        var repository: OpaquePointer?
        // String.withCString only rethrows: the typed error travels out in a Result.
        _ = try initialBranch.withCString { branch in
            options.initial_head = branch
            return Result { () throws(GitError) in try check(git_repository_init_ext(&repository, path, &options), "git_repository_init_ext") }
        }.get()
        return Repository(repository!)
    }

    /// The git directory, absolute, without trailing slash.
    public var gitDirectory: String {
        Repository.trimmed(String(cString: git_repository_path(pointer)))
    }

    /// The working directory, absolute, without trailing slash; nil when bare.
    public var workingDirectory: String? {
        string(git_repository_workdir(pointer)).map(Repository.trimmed)
    }

    /// Whether the repository has no working directory.
    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// Whether HEAD names a branch that does not exist yet.
    public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    /// The branch HEAD points to ("refs/heads/main", also when unborn); nil when HEAD is detached.
    public func headReferenceName() throws(GitError) -> String? {
        var head: OpaquePointer?
        try check(git_reference_lookup(&head, pointer, "HEAD"), "git_reference_lookup")
        defer { git_reference_free(head) }
        guard git_reference_type(head) == GIT_REFERENCE_SYMBOLIC else { return nil }
        return string(git_reference_symbolic_target(head))
    }

    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
