import CLibGit2

/// One-time libgit2 initialisation, touched by every entry point of the module.
enum LibGit2 {
    /// Runs `git_libgit2_init` exactly once per process (Swift static lets are lazy and thread-safe).
    static let initialized: Bool = {
        git_libgit2_init() > 0
    }()

    /// Makes sure libgit2 is initialised before any call into it.
    @inline(__always)
    static func ensure() {
        _ = initialized
    }
}

/// Throws a `GitError` for `function` when `result` is negative, reading `git_error_last()` at once.
@discardableResult
@inline(__always)
func check(_ result: Int32, _ function: String) throws(GitError) -> Int32 {
    if result < 0 {
        throw GitError.last(function, result)
    }
    return result
}

/// Copies a C string owned by libgit2, or returns nil for NULL.
@inline(__always)
func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

/// Calls `body` with a C string array holding `strings`; the array lives only during the call.
@discardableResult
func withStrArray<R>(_ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws(GitError) -> R) throws(GitError) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for pointer in pointers { free(pointer) } }
    return try pointers.withUnsafeMutableBufferPointer { buffer throws(GitError) in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
