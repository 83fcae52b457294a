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
        let stream = try Stream(path, permissions: permissions)
        try stream.append(data)
        try stream.commit()
    }

    /// A file written in pieces, then renamed over `path` whole by `commit`; `abandon` (or a failed append or commit)
    /// removes the temporary and leaves the file as it was.
    public final class Stream {
        let path: String
        let temporary: String
        private var descriptor: Int32

        public init(_ path: String, permissions: Int? = nil) throws {
            self.path = path
            let url = URL(fileURLWithPath: path)
            temporary =
                url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).jsf-\(getpid())-\(UUID().uuidString).tmp").path
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions ?? 0o666))
            guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
            // The mode given to open is narrowed by the umask; an explicit one is set whole.
            if let permissions, fchmod(descriptor, mode_t(permissions)) != 0 { throw fail(errno) }
        }

        deinit { if descriptor >= 0 { abandon() } }

        private func fail(_ code: Int32) -> Failure {
            abandon()
            return Failure(path: path, code: code)
        }

        public func abandon() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
            unlink(temporary)
        }

        public func append(_ data: Data) throws {
            guard descriptor >= 0 else { throw Failure(path: path, code: EBADF) }
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
        }

        /// Writes `data` over the start of what was appended (a header whose length is known from the start).
        public func overwriteStart(_ data: Data) throws {
            guard descriptor >= 0 else { throw Failure(path: path, code: EBADF) }
            let n = data.withUnsafeBytes { buffer in pwrite(descriptor, buffer.baseAddress, buffer.count, 0) }
            if n != data.count { throw fail(n < 0 ? errno : EIO) }
        }

        /// Renames the file into place, flushed to the disk first unless `durable` is false (a cache, which a
        /// reader checks and rebuilds).
        public func commit(durable: Bool = true) throws {
            guard descriptor >= 0 else { throw Failure(path: path, code: EBADF) }
            if durable, fsync(descriptor) != 0 { throw fail(errno) }
            let closed = close(descriptor)
            descriptor = -1
            if closed != 0 {
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
