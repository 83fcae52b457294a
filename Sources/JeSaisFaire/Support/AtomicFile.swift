import Foundation

/// Writes files whole or not at all: a temporary file in the same folder, then rename.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, permissions: Int? = nil) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).jsf-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).tmp")
        let created = FileManager.default.createFile(
            atPath: temporary.path, contents: data,
            attributes: permissions.map { [.posixPermissions: $0] })
        guard created else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path]) }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
