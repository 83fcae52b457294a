import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every jsf command holds a shared lock on `<git dir>/jsf/writer.lock` for as long as its repository is open (and,
/// while it pushes, on the hub's when the hub is a local path), so that `jsf repair` and the error path of a command
/// can tell whether a jsf is alive in a repository: the lock dies with its process, even under SIGKILL.
///
/// POSIX record locks (fcntl) belong to a process, and closing any descriptor of the file drops them all: one
/// descriptor per file is opened for the whole process and shared by its holders (tests run several commands in one
/// process), and `fcntl(F_GETLK)` names another process that holds it.
public final class WriterLock: @unchecked Sendable {
    /// The file, inside a git directory.
    static func path(gitDirectory: String) -> String {
        var folder = URL(fileURLWithPath: gitDirectory).resolvingSymlinksInPath().path
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return folder + "/jsf/writer.lock"
    }

    private struct Entry {
        var descriptor: Int32
        var holders: Int
        var exclusive: Bool
        var hub: Bool
    }

    private static let guardLock = NSLock()
    nonisolated(unsafe) private static var table: [String: Entry] = [:]

    let file: String
    private var released = false

    private init(file: String) { self.file = file }

    deinit { release() }

    /// Takes the shared lock of `gitDirectory`, waiting (up to about ten seconds) while a `jsf repair` holds it
    /// exclusively; nil when the file cannot be made (a read-only repository): the command then runs without it.
    static func shared(gitDirectory: String, hub: Bool = false) -> WriterLock? {
        let file = path(gitDirectory: gitDirectory)
        var waited = 0
        // A repair of this process holds it alone: wait for it, as one of another process would be waited for.
        while locked({ table[file]?.exclusive == true }), waited < 1000 {
            usleep(10_000)
            waited += 1
        }
        guard let descriptor = descriptor(for: file, hub: hub) else { return nil }
        while !setLock(descriptor, type: Int16(F_RDLCK)) {
            // A repair holds it: it is quick. Past ten seconds, run unlocked rather than hang.
            guard errno == EAGAIN || errno == EACCES || errno == EINTR, waited < 1000 else { break }
            usleep(10_000)
            waited += 1
        }
        return WriterLock(file: file)
    }

    enum Exclusive {
        /// Held alone until released.
        case held(WriterLock)
        /// Another jsf holds it.
        case busy(LockOwner)
        /// The file cannot be made or opened (a read-only repository): nothing to hold.
        case unlocked
    }

    /// Takes the lock of `gitDirectory` alone: fails when another jsf (another process, or another command of this
    /// one) holds it. Converts this process's shared lock; `release` gives the shared one back.
    static func exclusive(gitDirectory: String) -> Exclusive {
        let file = path(gitDirectory: gitDirectory)
        guard let descriptor = descriptor(for: file, hub: false) else { return .unlocked }
        // This holder, and the share of the command's own workspace.
        let holders = locked { table[file]?.holders ?? 1 }
        if holders > 2 {
            releaseDescriptor(file)
            return .busy(.jsf(pid: getpid()))
        }
        guard setLock(descriptor, type: Int16(F_WRLCK)) else {
            let other = otherProcess(descriptor)
            releaseDescriptor(file)
            return .busy(.jsf(pid: other ?? 0))
        }
        locked { table[file]?.exclusive = true }
        return .held(WriterLock(file: file))
    }

    /// Lets go of this holder's share; the last one of the process closes the file.
    func release() {
        guard !released else { return }
        released = true
        Self.releaseDescriptor(file)
    }

    /// Another jsf holding the lock of `gitDirectory`, besides the one command of this process that asks: nil when
    /// none does (or when the file cannot be read, which says nothing).
    static func otherHolder(gitDirectory: String) -> LockOwner? {
        let file = path(gitDirectory: gitDirectory)
        let entry = locked { table[file] }
        if let entry {
            // Held alone by this process's repair: no other jsf.
            if entry.exclusive { return nil }
            if entry.holders > 1 { return .jsf(pid: getpid()) }
            return otherProcess(entry.descriptor).map { .jsf(pid: $0) }
        }
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        // This process holds no lock on the file, so closing this descriptor drops nothing.
        defer { close(descriptor) }
        return otherProcess(descriptor).map { .jsf(pid: $0) }
    }

    /// The git directories this process holds, and whether each is a hub: where an error naming no file points.
    static var held: [(gitDirectory: String, hub: Bool)] {
        locked {
            table.map { (String($0.key.dropLast("/jsf/writer.lock".count)), $0.value.hub) }
        }
    }

    // MARK: descriptors

    private static func locked<T>(_ body: () -> T) -> T {
        guardLock.lock()
        defer { guardLock.unlock() }
        return body()
    }

    private static func descriptor(for file: String, hub: Bool) -> Int32? {
        guardLock.lock()
        defer { guardLock.unlock() }
        if var entry = table[file] {
            entry.holders += 1
            table[file] = entry
            return entry.descriptor
        }
        let folder = (file as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor < 0 { descriptor = open(file, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return nil }
        table[file] = Entry(descriptor: descriptor, holders: 1, exclusive: false, hub: hub)
        return descriptor
    }

    private static func releaseDescriptor(_ file: String) {
        guardLock.lock()
        defer { guardLock.unlock() }
        guard var entry = table[file] else { return }
        entry.holders -= 1
        if entry.holders <= 0 {
            close(entry.descriptor)
            table[file] = nil
        } else {
            if entry.exclusive {
                _ = setLock(entry.descriptor, type: Int16(F_RDLCK))
                entry.exclusive = false
            }
            table[file] = entry
        }
    }

    /// Sets a lock on the whole file without waiting; false when another process holds a conflicting one.
    private static func setLock(_ descriptor: Int32, type: Int16) -> Bool {
        var lock = flock()
        lock.l_type = type
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        return fcntl(descriptor, F_SETLK, &lock) == 0
    }

    /// The process (not this one) whose lock keeps this one from writing, nil when there is none.
    private static func otherProcess(_ descriptor: Int32) -> Int32? {
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        guard fcntl(descriptor, F_GETLK, &lock) == 0, lock.l_type != Int16(F_UNLCK) else { return nil }
        return lock.l_pid
    }
}
