import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who may still hold a lock file: a live jsf in the repository, a process that has the file open, or a git command
/// running in the repository that started before the lock was written.
public enum LockOwner: Sendable, Equatable {
    /// A jsf holding the repository's writer lock (pid 0: another command of an unknown process).
    case jsf(pid: Int32)
    /// Another program: git, or whatever has the file open.
    case process(pid: Int32, program: String)
    /// Nothing can be known on this system (no /proc) and the lock is recent.
    case unknown

    public var pid: Int32? {
        switch self {
        case .jsf(let pid): return pid == 0 ? nil : pid
        case .process(let pid, _): return pid
        case .unknown: return nil
        }
    }

    public var program: String {
        switch self {
        case .jsf: return "jsf"
        case .process(_, let program): return program
        case .unknown: return "?"
        }
    }

    /// "jsf (process 1234)" / «jsf (processus 1234)».
    public var words: Text {
        guard let pid else {
            return self == .unknown
                ? Text(en: "a jsf or git that may still run", fr: "un jsf ou un git qui tourne peut-être encore")
                : Text(en: "another jsf", fr: "un autre jsf")
        }
        return Text(en: "\(program) (process \(pid))", fr: "\(program) (processus \(pid))")
    }
}

/// A file a killed jsf or git can leave behind: a `*.lock` of git or libgit2, a temporary file of `AtomicFile`,
/// or a temporary pack or object of a transfer.
public struct Leftover: Sendable, Equatable {
    public enum Kind: String, Sendable { case lock, temporary }
    public enum Place: String, Sendable { case repository, hub }

    /// Absolute path.
    public var path: String
    public var kind: Kind
    public var place: Place
    /// The file's last change, by the real clock (not JSF_NOW).
    public var modified: Date
    /// Who may still hold it; nil: nobody, it is stale.
    public var owner: LockOwner?

    public var isStale: Bool { owner == nil }
}

/// What the running processes say about a file (Linux /proc; elsewhere, only the file's age).
enum Processes {
    /// Without /proc, a lock younger than this is left alone: its owner may still run.
    static let unknownOwnerAge: TimeInterval = 600

    static var inspectable: Bool { FileManager.default.fileExists(atPath: "/proc/self/fd") }

    /// Every process (readable by this user) by pid.
    static func all() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }

    /// The processes that have one of `files` open, by file.
    static func holding(_ files: Set<String>) -> [String: [Int32]] {
        guard inspectable, !files.isEmpty else { return [:] }
        var found: [String: [Int32]] = [:]
        for pid in all() {
            let folder = "/proc/\(pid)/fd"
            guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for descriptor in descriptors {
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + descriptor) else { continue }
                if files.contains(target), found[target]?.contains(pid) != true { found[target, default: []].append(pid) }
            }
        }
        return found
    }

    /// The name of a process's program ("git", "git-receive-pack"), from its command line.
    static func program(_ pid: Int32) -> String {
        if let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty {
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if let first = words.first {
                let name = (first as NSString).lastPathComponent
                if name == "git", words.count > 1, !words[1].hasPrefix("-") { return "git " + words[1] }
                return name
            }
        }
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "?"
        return comm.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// When a process started, from /proc/PID/stat and the boot time.
    static func start(_ pid: Int32) -> Date? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.range(of: ")", options: .backwards)
        else { return nil }
        // After "pid (comm)": field 3 is the state; field 22, the start in clock ticks since boot.
        let fields = stat[close.upperBound...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]), let boot = bootTime else { return nil }
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return Date(timeIntervalSince1970: boot + ticks / (hertz > 0 ? hertz : 100))
    }

    static var bootTime: Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// git commands whose working directory is inside one of `folders`, with when they started.
    static func gitCommands(inside folders: [String]) -> [(pid: Int32, program: String, start: Date?)] {
        guard inspectable else { return [] }
        var found: [(pid: Int32, program: String, start: Date?)] = []
        for pid in all() where pid != getpid() {
            guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("git") else { continue }
            guard let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd") else { continue }
            guard folders.contains(where: { cwd == $0 || cwd.hasPrefix($0 + "/") }) else { continue }
            found.append((pid, program(pid), start(pid)))
        }
        return found
    }

    /// Whether a process runs (any user's).
    static func alive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// Finds, judges and removes what a killed process leaves in a repository (DESIGN.md §2: a SIGKILL never wedges
/// a repository).
enum Leftovers {
    /// The git directory a file inside one belongs to: the nearest folder above it holding HEAD and objects/.
    static func gitDirectory(containing file: String) -> String? {
        var folder = (file as NSString).deletingLastPathComponent
        let fm = FileManager.default
        while folder.count > 1 {
            if fm.fileExists(atPath: folder + "/HEAD"), fm.fileExists(atPath: folder + "/objects") { return folder }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// The git directory of a repository path: `path/.git` for a clone, `path` for a bare hub.
    static func gitDirectory(ofRepository path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path + "/.git", isDirectory: &isDirectory), isDirectory.boolValue { return path + "/.git" }
        return path
    }

    /// An AtomicFile temporary: ".<name>.jsf-<pid>-<uuid>.tmp"; the pid of its writer.
    static func temporaryWriter(_ name: String) -> Int32? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp"), let marker = name.range(of: ".jsf-", options: .backwards) else { return nil }
        let rest = name[marker.upperBound...].dropLast(4)
        guard let dash = rest.firstIndex(of: "-"), rest.distance(from: dash, to: rest.endIndex) == 37 else { return nil }
        return Int32(rest[..<dash])
    }

    /// Whether a file under objects/ is a transfer's or a writer's temporary (git's tmp_obj_, tmp_pack_, tmp_idx_;
    /// libgit2's *_git2_*).
    static func isObjectTemporary(_ name: String) -> Bool {
        name.hasPrefix("tmp_") || name.contains("_git2_")
    }

    /// Every leftover file of the repository whose git directory is `gitDirectory` (and work tree `workTree`), judged.
    static func find(gitDirectory: String, workTree: String?, place: Leftover.Place, now: Date = Date()) -> [Leftover] {
        let fm = FileManager.default
        var candidates: [(path: String, kind: Leftover.Kind)] = []
        let writerLock = WriterLock.path(gitDirectory: gitDirectory)
        if let walker = fm.enumerator(atPath: gitDirectory) {
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let full = gitDirectory + "/" + relative
                if relative == "objects" || relative.hasPrefix("objects/") {
                    if isObjectTemporary(name), isRegularFile(full) { candidates.append((full, .temporary)) }
                    continue
                }
                if name.hasSuffix(".lock"), full != writerLock, isRegularFile(full) {
                    candidates.append((full, .lock))
                } else if temporaryWriter(name) != nil, isRegularFile(full) {
                    candidates.append((full, .temporary))
                }
            }
        }
        if let workTree, let walker = fm.enumerator(atPath: workTree) {
            while let relative = walker.nextObject() as? String {
                if relative == ".git" {
                    walker.skipDescendants()
                    continue
                }
                let name = (relative as NSString).lastPathComponent
                if temporaryWriter(name) != nil, isRegularFile(workTree + "/" + relative) {
                    candidates.append((workTree + "/" + relative, .temporary))
                }
            }
        }
        guard !candidates.isEmpty else { return [] }
        let judge = Judge(gitDirectory: gitDirectory, workTree: workTree, files: Set(candidates.map(\.path)))
        return candidates.compactMap { candidate in
            guard let modified = modification(candidate.path) else { return nil }
            return Leftover(
                path: candidate.path, kind: candidate.kind, place: place, modified: modified,
                owner: judge.owner(of: candidate.path, kind: candidate.kind, modified: modified, now: now))
        }.sorted { $0.path < $1.path }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    static func modification(_ path: String) -> Date? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    /// Removes a stale leftover, judging it once more just before (holding the writer lock alone, no jsf can start
    /// meanwhile); false when it is no longer stale or is gone.
    static func remove(_ leftover: Leftover, gitDirectory: String, workTree: String?) throws(JSFError) -> Bool {
        guard let modified = modification(leftover.path), modified == leftover.modified else { return false }
        let judge = Judge(gitDirectory: gitDirectory, workTree: workTree, files: [leftover.path])
        guard judge.owner(of: leftover.path, kind: leftover.kind, modified: modified, now: Date()) == nil else { return false }
        guard unlink(leftover.path) == 0 else {
            let code = errno
            if code == ENOENT { return false }
            throw JSFError(
                .repository,
                Text(en: "cannot remove '\(leftover.path)'", fr: "impossible de supprimer '\(leftover.path)'"),
                hints: [
                    Text(
                        en: "check the permissions of its folder, or remove it by hand if nothing runs there",
                        fr: "vérifiez les droits de son dossier, ou supprimez-le à la main si rien n'y tourne")
                ],
                cause: String(cString: strerror(code)))
        }
        return true
    }

    /// Decides who may hold files of one repository, reading the processes once.
    struct Judge {
        var gitDirectory: String
        var jsf: LockOwner?
        var jsfStarts: [(pid: Int32, start: Date?)] = []
        var openers: [String: [Int32]]
        var gits: [(pid: Int32, program: String, start: Date?)]
        var inspectable: Bool

        init(gitDirectory: String, workTree: String?, files: Set<String>) {
            self.gitDirectory = gitDirectory
            inspectable = Processes.inspectable
            jsf = WriterLock.otherHolder(gitDirectory: gitDirectory)
            let writer = WriterLock.path(gitDirectory: gitDirectory)
            openers = Processes.holding(files.union([writer]))
            if case .jsf(let pid)? = jsf, pid != getpid(), inspectable {
                // Every other jsf holding the repository, with when it started: a jsf that started after a lock was
                // written did not write it.
                jsfStarts = (openers[writer] ?? []).filter { $0 != getpid() }.map { ($0, Processes.start($0)) }
                if jsfStarts.isEmpty { jsfStarts = [(pid, Processes.start(pid))] }
            }
            gits = Processes.gitCommands(inside: [gitDirectory] + (workTree.map { [$0] } ?? []))
        }

        func owner(of file: String, kind: Leftover.Kind, modified: Date, now: Date) -> LockOwner? {
            if let pid = openers[file]?.first { return pid == getpid() ? .jsf(pid: pid) : .process(pid: pid, program: Processes.program(pid)) }
            if kind == .temporary, let writer = Leftovers.temporaryWriter((file as NSString).lastPathComponent) {
                // An AtomicFile temporary names its writer: stale once that process is gone, or is another that
                // started after the file was written (a reused pid).
                guard Processes.alive(writer) else { return nil }
                if let start = Processes.start(writer), start > modified.addingTimeInterval(1) { return nil }
                return .jsf(pid: writer)
            }
            // One second of slack: a file system's times are coarse.
            func couldHave(_ start: Date?) -> Bool { start.map { $0 <= modified.addingTimeInterval(1) } ?? true }
            if let jsf {
                if case .jsf(let pid) = jsf, pid == getpid() || !inspectable { return jsf }
                if let first = jsfStarts.first(where: { couldHave($0.start) }) { return .jsf(pid: first.pid) }
            }
            if let git = gits.first(where: { couldHave($0.start) }) { return .process(pid: git.pid, program: git.program) }
            if !inspectable, now.timeIntervalSince(modified) < Processes.unknownOwnerAge { return .unknown }
            return nil
        }
    }
}
