import Foundation
import Testing

/// Golden files: texts a test compares byte for byte with a file of `Tests/Golden`. With JSF_UPDATE_GOLDEN=1 the
/// test writes the file instead; review the change with `git diff` before committing it.
public enum Golden {
    /// The package's `Tests/Golden` directory.
    public static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path

    /// Whether this run rewrites golden files (JSF_UPDATE_GOLDEN=1).
    public static var updating: Bool { ProcessInfo.processInfo.environment["JSF_UPDATE_GOLDEN"] == "1" }

    /// Expects `text` to equal the golden file `name` (a path below `Tests/Golden`), recording the first differing
    /// line; or writes it when updating.
    public static func expect(_ text: String, equals name: String, what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory + "/" + name
        if updating {
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return
        }
        let data = try #require(
            FileManager.default.contents(atPath: file), "no Tests/Golden/\(name): run with JSF_UPDATE_GOLDEN=1 once, then review it",
            sourceLocation: sourceLocation)
        let expected = String(decoding: data, as: UTF8.self)
        guard text != expected else { return }
        let got = text.components(separatedBy: "\n")
        let want = expected.components(separatedBy: "\n")
        let line = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        Issue.record(
            """
            \(what) differs from Tests/Golden/\(name) at line \(line + 1):
              got:  \(line < got.count ? got[line] : "<end>")
              want: \(line < want.count ? want[line] : "<end>")
            """, sourceLocation: sourceLocation)
    }
}
