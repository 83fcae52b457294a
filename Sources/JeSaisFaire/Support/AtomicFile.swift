import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files whole or not at all: a temporary file in the same folder (".<name>.jsf-<pid>-<uuid>.tmp", which
/// `jsf repair` recognises by its writer's pid), written and flushed to the disk, then renamed over the file. On any
/// failure (a full disk, a read-only folder) the temporary is removed and the file is left as it was.
public enum AtomicFile {
    /// A write that failed: which file, and the system's reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var code: Int32

        /// The disk (or the user's quota) is full.
        public var isDiskFull: Bool { code == ENOSPC || code == EDQUOT }

        public var description: String { "cannot write '\(path)': \(String(cString: strerror(code)))" }
    }

    public static func write(_ data: Data, to path: String, permissions: Int? = nil) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).jsf-\(getpid())-\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions ?? 0o666))
        guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        func fail(_ code: Int32) -> Failure {
            close(descriptor)
            unlink(temporary)
            return Failure(path: path, code: code)
        }
        // The mode given to open is narrowed by the umask; an explicit one is set whole.
        if let permissions, fchmod(descriptor, mode_t(permissions)) != 0 { throw fail(errno) }
        var written = 0
        let count = data.count
        let code: Int32 = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            while written < count {
                let n = systemWrite(descriptor, base + written, count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return 0
        }
        if code != 0 { throw fail(code) }
        if fsync(descriptor) != 0 { throw fail(errno) }
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporary)
            throw Failure(path: path, code: code)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw Failure(path: path, code: code)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}

/// The system's write(2), under a name that does not clash with `AtomicFile.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
    #else
        return Darwin.write(descriptor, buffer, count)
    #endif
}
