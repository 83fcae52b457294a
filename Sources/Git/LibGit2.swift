import CLibGit2

#if os(Linux)
    import Glibc
    import Synchronization
#endif

/// One-time libgit2 initialisation, touched by every entry point of the module.
enum LibGit2 {
    /// Runs `git_libgit2_init` exactly once per process (Swift static lets are lazy and thread-safe), without the
    /// load of the system's CA certificates that only a transfer needs (`CertificateLocations`).
    static let initialized: Bool = {
        CertificateLocations.deferring { git_libgit2_init() > 0 }
    }()

    /// Makes sure libgit2 is initialised before any call into it.
    @inline(__always)
    static func ensure() {
        _ = initialized
    }

    /// Loads, once per process, the CA certificates `git_libgit2_init` would have loaded: before a clone, fetch or push.
    static let networkReady: Bool = {
        ensure()
        CertificateLocations.loadDeferred()
        return true
    }()

    /// Makes sure libgit2 can verify an https server before a transfer.
    @inline(__always)
    static func ensureNetwork() {
        _ = networkReady
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

/// The CA certificates of the system, loaded when a transfer needs them rather than at start.
///
/// libgit2 built with mbedTLS (Debian's libgit2 1.5) parses the whole system CA bundle in `git_libgit2_init` (some
/// 140 certificates, ~10 ms of base64 and ASN.1 for every command, most of which never touch the network). This
/// module defines `mbedtls_x509_crt_parse_file` and `mbedtls_x509_crt_parse_path`, and the dynamic linker binds
/// libgit2's calls to them (the executable comes first in the lookup order). During `git_libgit2_init` they note the
/// location and parse nothing, so libgit2 holds an empty chain; at any other time they call mbedTLS's own. Before the
/// first transfer, `loadDeferred` hands the noted location to libgit2 (`GIT_OPT_SET_SSL_CERT_LOCATIONS`), which
/// parses it as its init would have. A libgit2 on OpenSSL or with mbedTLS linked in never calls them: nothing changes.
enum CertificateLocations {
    #if os(Linux)
        struct State {
            /// True during `git_libgit2_init` only.
            var deferring = false
            /// What libgit2 asked to parse during its init: a bundle file or a directory of certificates.
            var file: String?
            var directory: String?
            /// True once the noted location was handed to libgit2.
            var loaded = false
            /// What mbedTLS's own parser returned last (0: every certificate parsed), for tests.
            var lastResult: Int32?
        }

        static let state = Mutex(State())
    #endif

    /// Runs `body` (libgit2's init) with the certificate load noted instead of done.
    static func deferring<R>(_ body: () -> R) -> R {
        #if os(Linux)
            state.withLock { $0.deferring = true }
            defer { state.withLock { $0.deferring = false } }
        #endif
        return body()
    }

    /// The location libgit2's init asked for, whether loaded since, and what mbedTLS last returned (tests look).
    static var noted: (location: String?, loaded: Bool, lastResult: Int32?) {
        #if os(Linux)
            state.withLock { ($0.file ?? $0.directory, $0.loaded, $0.lastResult) }
        #else
            (nil, false, nil)
        #endif
    }

    /// Hands the noted location to libgit2, which parses it now. As at init, a bundle that cannot be read is no error.
    static func loadDeferred() {
        #if os(Linux)
            let (file, directory) = state.withLock { state in
                defer { state.loaded = true }
                return state.loaded ? (nil, nil) : (state.file, state.directory)
            }
            guard file != nil || directory != nil else { return }
            if jsf_git_opt_set_ssl_cert_locations(file, directory) < 0 { git_error_clear() }
        #endif
    }

    #if os(Linux)
        /// Notes `location` when libgit2's init asks for it; otherwise calls mbedTLS's `symbol` on it.
        static func parse(
            _ chain: UnsafeMutableRawPointer?, _ location: UnsafePointer<CChar>?, symbol: String,
            note: (inout State, String) -> Void
        ) -> Int32 {
            let noted = state.withLock { state -> Bool in
                guard state.deferring, let location else { return false }
                note(&state, String(cString: location))
                return true
            }
            if noted { return 0 }
            typealias Parse = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
            // RTLD_NEXT: the next definition after this one, mbedTLS's.
            guard let real = dlsym(UnsafeMutableRawPointer(bitPattern: -1), symbol) else {
                return -0x2900 // MBEDTLS_ERR_X509_FILE_IO_ERROR
            }
            let result = unsafeBitCast(real, to: Parse.self)(chain, location)
            state.withLock { $0.lastResult = result }
            return result
        }
    #endif
}

#if os(Linux)
    /// mbedTLS's `mbedtls_x509_crt_parse_file`, put off during libgit2's init (`CertificateLocations`).
    @_cdecl("mbedtls_x509_crt_parse_file")
    public func _jsfDeferredCertificateFile(_ chain: UnsafeMutableRawPointer?, _ file: UnsafePointer<CChar>?) -> Int32 {
        CertificateLocations.parse(chain, file, symbol: "mbedtls_x509_crt_parse_file") { $0.file = $1 }
    }

    /// mbedTLS's `mbedtls_x509_crt_parse_path`, put off during libgit2's init (`CertificateLocations`).
    @_cdecl("mbedtls_x509_crt_parse_path")
    public func _jsfDeferredCertificateDirectory(_ chain: UnsafeMutableRawPointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
        CertificateLocations.parse(chain, path, symbol: "mbedtls_x509_crt_parse_path") { $0.directory = $1 }
    }
#endif
