import Foundation
internal import Git

/// A commit or tag as the domain hands it out: its 40 hexadecimal digits, without a Git type in the way.
public struct RevisionID: Hashable, Sendable, CustomStringConvertible {
    /// 40 lowercase hexadecimal digits.
    public let hex: String

    init(_ id: ObjectID) { hex = id.hex }

    /// The first 7 hexadecimal digits.
    public var short: String { String(hex.prefix(7)) }

    /// The full hexadecimal form.
    public var description: String { hex }

    /// The Git object id again; `hex` always came from one.
    var objectID: ObjectID { ObjectID(hex: hex)! }
}

/// Progress of a clone, fetch or push, for a progress line: objects received (sent, for a push) of the total.
public struct SyncProgress: Sendable {
    public let receivedObjects: Int
    public let totalObjects: Int

    init(_ progress: TransferProgress) {
        receivedObjects = progress.receivedObjects
        totalObjects = progress.totalObjects
    }
}

extension SyncProgress {
    /// `report` as the Git layer's progress callback.
    static func forwarding(_ report: ((SyncProgress) -> Void)?) -> ((TransferProgress) -> Void)? {
        report.map { report in { report(SyncProgress($0)) } }
    }
}
