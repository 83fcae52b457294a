import CLibGit2
import Foundation

/// The four kinds of git objects.
public enum ObjectType: Sendable {
    case commit, tree, blob, tag

    /// Maps libgit2's object type; nil for "any"/"invalid".
    init?(_ type: git_object_t) {
        switch type {
        case GIT_OBJECT_COMMIT: self = .commit
        case GIT_OBJECT_TREE: self = .tree
        case GIT_OBJECT_BLOB: self = .blob
        case GIT_OBJECT_TAG: self = .tag
        default: return nil
        }
    }
}

/// The mode of a tree entry.
public enum FileMode: Sendable {
    case blob, executable, tree, link, commit

    /// Maps libgit2's file mode; nil for modes git does not write.
    init?(_ mode: git_filemode_t) {
        switch mode {
        case GIT_FILEMODE_BLOB: self = .blob
        case GIT_FILEMODE_BLOB_EXECUTABLE: self = .executable
        case GIT_FILEMODE_TREE: self = .tree
        case GIT_FILEMODE_LINK: self = .link
        case GIT_FILEMODE_COMMIT: self = .commit
        default: return nil
        }
    }

    /// The libgit2 file mode.
    var raw: git_filemode_t {
        switch self {
        case .blob: GIT_FILEMODE_BLOB
        case .executable: GIT_FILEMODE_BLOB_EXECUTABLE
        case .tree: GIT_FILEMODE_TREE
        case .link: GIT_FILEMODE_LINK
        case .commit: GIT_FILEMODE_COMMIT
        }
    }
}

/// One entry of a tree object.
public struct TreeEntry: Sendable, Equatable {
    public var name: String
    public var id: ObjectID
    public var mode: FileMode

    /// Creates an entry.
    public init(name: String, id: ObjectID, mode: FileMode) {
        self.name = name
        self.id = id
        self.mode = mode
    }
}

/// An author, committer or tagger with the time and its UTC offset.
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Whole seconds only: git stores no fractions.
    public var time: Date
    /// Offset from UTC in minutes, e.g. 120 for +0200.
    public var offsetMinutes: Int

    /// Creates a signature.
    public init(name: String, email: String, time: Date, offsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// Copies a libgit2 signature.
    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = string(value.name) ?? ""
        email = string(value.email) ?? ""
        time = Date(timeIntervalSince1970: TimeInterval(value.when.time))
        offsetMinutes = Int(value.when.offset)
    }

    /// Calls `body` with a libgit2 copy of this signature, freed afterwards.
    @discardableResult
    func withGitSignature<R>(_ body: (UnsafePointer<git_signature>) throws(GitError) -> R) throws(GitError) -> R {
        var pointer: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(time.timeIntervalSince1970.rounded(.down))
        try check(git_signature_new(&pointer, name, email, seconds, Int32(offsetMinutes)), "git_signature_new")
        defer { git_signature_free(pointer) }
        return try body(pointer!)
    }
}

/// A commit copied out of the object database.
public struct Commit: Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let author: Signature
    public let committer: Signature
    /// The full message as stored (libgit2 drops leading blank lines).
    public let message: String

    /// Creates a commit value (for test doubles; real ones come from `Repository.commit(_:)`).
    public init(id: ObjectID, tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String) {
        self.id = id
        self.tree = tree
        self.parents = parents
        self.author = author
        self.committer = committer
        self.message = message
    }

    /// The first line of the message.
    public var summary: String {
        String(message.prefix { $0 != "\n" && $0 != "\r\n" })
    }
}

/// An annotated tag copied out of the object database.
public struct Tag: Sendable {
    public let id: ObjectID
    public let name: String
    public let target: ObjectID
    public let targetType: ObjectType
    public let tagger: Signature?
    public let message: String

    /// Creates a tag value (for test doubles; real ones come from `Repository.tag(_:)`).
    public init(id: ObjectID, name: String, target: ObjectID, targetType: ObjectType, tagger: Signature?, message: String) {
        self.id = id
        self.name = name
        self.target = target
        self.targetType = targetType
        self.tagger = tagger
        self.message = message
    }
}

/// A reference: direct (`target`) or symbolic (`symbolicTarget`).
public struct Reference: Sendable, Equatable {
    public let name: String
    public let target: ObjectID?
    public let symbolicTarget: String?

    /// Creates a reference value.
    public init(name: String, target: ObjectID?, symbolicTarget: String?) {
        self.name = name
        self.target = target
        self.symbolicTarget = symbolicTarget
    }
}

/// A local ref a fetch created (`old` nil) or moved.
public struct RefUpdate: Sendable, Equatable {
    public let name: String
    public let old: ObjectID?
    public let new: ObjectID

    /// Creates an update value.
    public init(name: String, old: ObjectID?, new: ObjectID) {
        self.name = name
        self.old = old
        self.new = new
    }
}

/// Progress of a clone, fetch (objects received/indexed) or push (objects sent, in `receivedObjects`).
public struct TransferProgress: Sendable {
    public let receivedObjects: Int
    public let totalObjects: Int
    public let indexedObjects: Int
    public let receivedBytes: Int

    /// Creates a progress value.
    public init(receivedObjects: Int, totalObjects: Int, indexedObjects: Int, receivedBytes: Int) {
        self.receivedObjects = receivedObjects
        self.totalObjects = totalObjects
        self.indexedObjects = indexedObjects
        self.receivedBytes = receivedBytes
    }

    /// Copies libgit2's indexer progress.
    init(_ stats: git_indexer_progress) {
        self.init(
            receivedObjects: Int(stats.received_objects), totalObjects: Int(stats.total_objects),
            indexedObjects: Int(stats.indexed_objects), receivedBytes: Int(stats.received_bytes))
    }
}

/// Signs the objects the Git layer writes (commits and annotated tags); jsf's is JeSaisFaire's SSHSigner.
public protocol CommitSigner {
    /// Returns the armored signature (e.g. "-----BEGIN SSH SIGNATURE-----…") of the commit or tag `content`.
    func signature(for content: String) throws(GitError) -> String
}
