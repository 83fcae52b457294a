import CLibGit2
import Foundation

/// One object of the database as a scan of every object reads it (`Repository.scanObjects`).
public enum ScannedObject: Sendable {
    /// A commit as git stores it: headers, a blank line, the message.
    case commit(Data)
    /// An annotated tag as git stores it.
    case tag(Data)
    /// A tree's entries, in git's order.
    case tree([TreeEntry])
    /// A blob's contents.
    case blob(Data)
    /// A blob larger than the scan's limit, left unread.
    case largeBlob(size: Int)
}

/// The ids `git_odb_foreach` lists, gathered through its payload pointer.
private final class Collected {
    var ids: [ObjectID] = []
}

/// One line of a reflog file (`logs/HEAD`, `logs/refs/heads/main`), read leniently: a line git cannot parse is kept
/// whole, with no identity.
public struct ReflogLine: Sendable {
    /// The line as written, without its newline.
    public let raw: String
    /// "Name <email>" of whoever moved the ref, and the UTC offset of the time (minutes), when the line has them.
    public let identity: String?
    public let offsetMinutes: Int?
    /// What moved the ref ("commit: …", "fetch: …"), after the tab.
    public let message: String

    /// Reads one line: `<old> <new> Name <email> <seconds> <±hhmm>\t<message>`.
    init(_ raw: String) {
        self.raw = raw
        let parts = raw.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
        message = parts.count > 1 ? String(parts[1]) : ""
        var head = Substring(parts.first ?? "")
        // Two ids, then the identity up to its '>', then seconds and offset.
        var identity: String?
        var offset: Int?
        if head.count > 82, let close = head.lastIndex(of: ">") {
            head = head.dropFirst(82)
            if let start = head.firstIndex(where: { $0 != " " }), start <= close {
                identity = String(head[start...close])
                let fields = head[head.index(after: close)...].split(separator: " ")
                if fields.count == 2, let value = Int(fields[1].dropFirst()), fields[1].count == 5,
                    let sign = fields[1].first, sign == "+" || sign == "-"
                {
                    offset = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
                }
            }
        }
        self.identity = identity
        self.offsetMinutes = offset
    }
}

extension Repository {
    /// Every object id of the object database: loose and packed, reachable or not, in its alternates too
    /// (git_odb_foreach), each once, sorted.
    public func allObjectIDs() throws(GitError) -> [ObjectID] {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        let collected = Collected()
        let result = withExtendedLifetime(collected) {
            git_odb_foreach(
                odb,
                { oid, payload in
                    guard let oid, let payload else { return 0 }
                    Unmanaged<Collected>.fromOpaque(payload).takeUnretainedValue().ids.append(ObjectID(oid))
                    return 0
                }, Unmanaged.passUnretained(collected).toOpaque())
        }
        try check(result, "git_odb_foreach")
        // An object both loose and packed is listed twice.
        var ids = collected.ids
        ids.sort()
        var unique: [ObjectID] = []
        unique.reserveCapacity(ids.count)
        for id in ids where unique.last != id { unique.append(id) }
        return unique
    }

    /// Reads each object of `ids` once, through one handle on the object database, and gives it to `body`; a blob
    /// larger than `limit` bytes is not read (its header only). Objects of an unknown type are skipped.
    public func scanObjects(_ ids: [ObjectID], blobLimit limit: Int, _ body: (ObjectID, ScannedObject) throws(GitError) -> Void)
        throws(GitError)
    {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        for id in ids {
            var oid = id.oid
            var size = 0
            var type = GIT_OBJECT_INVALID
            try check(git_odb_read_header(&size, &type, odb, &oid), "git_odb_read_header")
            if type == GIT_OBJECT_BLOB && size > limit {
                try body(id, .largeBlob(size: size))
                continue
            }
            var object: OpaquePointer?
            try check(git_odb_read(&object, odb, &oid), "git_odb_read")
            let count = git_odb_object_size(object)
            let data = count > 0 ? Data(bytes: git_odb_object_data(object), count: count) : Data()
            git_odb_object_free(object)
            switch type {
            case GIT_OBJECT_COMMIT: try body(id, .commit(data))
            case GIT_OBJECT_TAG: try body(id, .tag(data))
            case GIT_OBJECT_BLOB: try body(id, .blob(data))
            case GIT_OBJECT_TREE: try body(id, .tree(try Repository.treeEntries(raw: data, of: id)))
            default: continue
            }
        }
    }

    /// The entries of a raw tree object: `<octal mode> <name>\0<20-byte id>` each.
    static func treeEntries(raw data: Data, of id: ObjectID) throws(GitError) -> [TreeEntry] {
        var entries: [TreeEntry] = []
        let bytes = [UInt8](data)
        var index = 0
        while index < bytes.count {
            guard let space = bytes[index...].firstIndex(of: 0x20), let nul = bytes[space...].firstIndex(of: 0), nul + 21 <= bytes.count else {
                throw GitError(function: "git_odb_read", code: .invalid, message: "tree \(id) is malformed")
            }
            let mode = String(decoding: bytes[index..<space], as: UTF8.self)
            let name = String(decoding: bytes[(space + 1)..<nul], as: UTF8.self)
            let kind: FileMode
            switch mode {
            case "40000", "040000": kind = .tree
            case "100755": kind = .executable
            case "120000": kind = .link
            case "160000": kind = .commit
            default: kind = .blob
            }
            entries.append(TreeEntry(name: name, id: ObjectID(bytes: bytes[(nul + 1)..<(nul + 21)]), mode: kind))
            index = nul + 21
        }
        return entries
    }

    /// Every reference's name (packed or loose, symbolic ones too), sorted, with its direct target or, for a
    /// symbolic one, the name it points to.
    public func allReferences() throws(GitError) -> [Reference] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_new(&iterator, pointer), "git_reference_iterator_new")
        defer { git_reference_iterator_free(iterator) }
        var references = try Self.drain(iterator)
        if let head = try reference(named: "HEAD") { references.append(head) }
        return references.sorted { $0.name < $1.name }
    }

    /// The refs that have a reflog file, HEAD first ("HEAD", "refs/heads/main", …), and each one's path.
    public func reflogFiles() -> [(ref: String, path: String)] {
        let logs = gitDirectory + "/logs"
        var found: [(String, String)] = []
        guard let walker = FileManager.default.enumerator(atPath: logs) else { return [] }
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let path = logs + "/" + relative
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found.append((relative, path))
        }
        return found.sorted { ($0.0 == "HEAD" ? "" : $0.0) < ($1.0 == "HEAD" ? "" : $1.0) }
    }

    /// The lines of the reflog file at `path` (from `reflogFiles`), oldest first as git appends them.
    public static func reflogLines(at path: String) throws(GitError) -> [ReflogLine] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GitError(function: "reflog", code: .notFound, message: "cannot read '\(path)'")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map { ReflogLine(String($0)) }
    }

    /// Every entry of the repository's own configuration file (the local level, `.git/config` or a hub's `config`), in
    /// file order: name and value. Not the global or system configuration.
    public func localConfigEntries() throws(GitError) -> [(name: String, value: String)] {
        var config: OpaquePointer?
        try check(git_repository_config(&config, pointer), "git_repository_config")
        defer { git_config_free(config) }
        var entries: [(String, String)] = []
        for level in [GIT_CONFIG_LEVEL_LOCAL] {
            var levelConfig: OpaquePointer?
            let opened = git_config_open_level(&levelConfig, config, level)
            if opened == GIT_ENOTFOUND.rawValue { continue }
            try check(opened, "git_config_open_level")
            defer { git_config_free(levelConfig) }
            var iterator: OpaquePointer?
            try check(git_config_iterator_new(&iterator, levelConfig), "git_config_iterator_new")
            defer { git_config_iterator_free(iterator) }
            while true {
                var entry: UnsafeMutablePointer<git_config_entry>?
                let result = git_config_next(&entry, iterator)
                if result == GIT_ITEROVER.rawValue { break }
                try check(result, "git_config_next")
                guard let entry else { continue }
                entries.append((string(entry.pointee.name) ?? "", string(entry.pointee.value) ?? ""))
            }
        }
        return entries
    }
}

extension GitSettings {
    /// user.name and user.email of the configuration outside any repository (global, XDG and system files), nil
    /// when unset: the git identity a user's own commits carry.
    public static func userIdentity() throws(GitError) -> (name: String?, email: String?) {
        LibGit2.ensure()
        var config: OpaquePointer?
        let environment = ProcessInfo.processInfo.environment
        if let global = environment["GIT_CONFIG_GLOBAL"] {
            // As git reads them: GIT_CONFIG_GLOBAL replaces ~/.gitconfig and the XDG file (/dev/null: none), and
            // GIT_CONFIG_NOSYSTEM drops the system file; libgit2's default configuration knows neither.
            try check(git_config_new(&config), "git_config_new")
            var files: [(String, git_config_level_t)] = []
            if environment["GIT_CONFIG_NOSYSTEM"].map({ $0.isEmpty || $0 == "0" || $0 == "false" }) ?? true {
                var buffer = git_buf()
                if git_config_find_system(&buffer) == 0, let path = buffer.ptr.map({ String(cString: $0) }) {
                    files.append((path, GIT_CONFIG_LEVEL_SYSTEM))
                }
                git_buf_dispose(&buffer)
            }
            if global != "/dev/null", FileManager.default.fileExists(atPath: global) { files.append((global, GIT_CONFIG_LEVEL_GLOBAL)) }
            for (path, level) in files {
                try check(git_config_add_file_ondisk(config, path, level, nil, 0), "git_config_add_file_ondisk")
            }
        } else {
            try check(git_config_open_default(&config), "git_config_open_default")
        }
        defer { git_config_free(config) }
        var snapshot: OpaquePointer?
        try check(git_config_snapshot(&snapshot, config), "git_config_snapshot")
        defer { git_config_free(snapshot) }
        func value(_ key: String) throws(GitError) -> String? {
            var value: UnsafePointer<CChar>?
            let result = git_config_get_string(&value, snapshot, key)
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try check(result, "git_config_get_string")
            return string(value).flatMap { $0.isEmpty ? nil : $0 }
        }
        return (try value("user.name"), try value("user.email"))
    }
}
