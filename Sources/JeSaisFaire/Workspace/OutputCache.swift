import Crypto
import Foundation
internal import Git

/// What a reading command printed, kept in `.git/jsf/cache/<name>` under a key made of everything that output is made
/// from: every ref of the repository with its target (the proposal branches, origin's copies, the dialogue, the
/// drafts' tags, main), every file jsf keeps in `.git/jsf` (first-seen dates, last fetch, trust records), this jsf
/// binary, and the command's own parts (its arguments, the role, the language). Nothing moved since: the output is
/// the same, and it is printed again without reading a proposal (`jsf inbox --json` polled by a script, DESIGN.md §5).
///
/// Never trusted without its key: the key is made anew from the repository on every run, and a file whose key, format
/// or length does not match is ignored and written again. The key is made again after the output, and the output is
/// kept only when nothing moved meanwhile. Written to a temporary and renamed, so two commands at once each see a
/// whole file or none. A bare hub or a folder that cannot be written has no cache; `jsf repair` may remove it, with
/// nothing lost.
public enum OutputCache {
    static let format = "jsf-output-cache 1"

    public static func directory(_ workspace: Workspace) -> String { workspace.repository.gitDirectory + "/jsf/cache" }

    /// The key of an output made now of this repository and `parts`; nil when the repository cannot be read.
    public static func key(_ workspace: Workspace, _ parts: [String]) -> String? {
        let repository = workspace.repository
        guard let refs = try? repository.references(matching: "refs/*") else { return nil }
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data((text + "\n").utf8)) }
        add(format)
        parts.forEach(add)
        add(executable())
        for ref in refs { add("\(ref.name) \(ref.target?.description ?? ref.symbolicTarget ?? "")") }
        // The state jsf keeps beside the repository: the writer's lock and this cache aside.
        let folder = repository.gitDirectory + "/jsf"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where name != "cache" && name != "writer.lock" && !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            add("\(name) \(data.count)")
            hasher.update(data: data)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// This jsf, by its path, size and modification time: another build may print otherwise.
    private static func executable() -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return "\(path) \(size) \(modified)"
    }

    /// The output kept under `key`, opened: its notes (stderr), and its output (stdout) read in pieces by `Kept.copy`;
    /// nil when there is none for that key.
    public static func load(_ workspace: Workspace, name: String, key: String) -> Kept? {
        guard let handle = FileHandle(forReadingAtPath: directory(workspace) + "/" + name) else { return nil }
        // "jsf-output-cache 1 <key> <notes bytes> <output bytes>\n", of a fixed width.
        guard let head = try? handle.read(upToCount: 256), let end = head.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: head[head.startIndex..<end], as: UTF8.self).split(separator: " ")
        guard header.count == 5, header[0...1].joined(separator: " ") == format, header[2] == key,
            let notes = Int(header[3]), let output = Int(header[4]), notes >= 0, output >= 0,
            let size = try? handle.seekToEnd(), Int(size) == end + 1 + notes + output,
            (try? handle.seek(toOffset: UInt64(end + 1))) != nil,
            let kept = notes == 0 ? Data() : try? handle.read(upToCount: notes), kept.count == notes
        else { return nil }
        return Kept(notes: kept, handle: handle, length: output)
    }

    /// An output found in the cache: its file is open, so a writer renaming another over it meanwhile changes nothing.
    public struct Kept {
        public let notes: Data
        let handle: FileHandle
        let length: Int

        /// Hands the output to `write` a megabyte at a time; false when the file came short.
        public func copy(to write: (Data) -> Void) -> Bool {
            var left = length
            while left > 0 {
                guard let chunk = try? handle.read(upToCount: min(left, 1 << 20)), !chunk.isEmpty else { return false }
                write(chunk)
                left -= chunk.count
            }
            return true
        }
    }

    /// A cache file being written as the output is: the notes first, then the output in pieces; `finish` keeps it
    /// when the repository still gives `key`.
    public final class Writer {
        private let workspace: Workspace
        private let key: String
        private let parts: [String]
        private let stream: AtomicFile.Stream
        private let notes: Data
        private var written = 0
        private var failed = false

        /// Nil when the cache cannot be written here (a bare hub, a read-only folder).
        public init?(_ workspace: Workspace, name: String, key: String, parts: [String], notes: Data) {
            let folder = directory(workspace)
            guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
                let stream = try? AtomicFile.Stream(folder + "/" + name)
            else { return nil }
            (self.workspace, self.key, self.parts, self.stream, self.notes) = (workspace, key, parts, stream, notes)
            // The output's length is known at the end: the header has a fixed width and is written again then.
            do {
                try stream.append(Self.header(key: key, notes: 0, output: 0) + notes)
            } catch {
                return nil
            }
        }

        private static func header(key: String, notes: Int, output: Int) -> Data {
            Data("\(format) \(key) \(String(format: "%012d", notes)) \(String(format: "%015d", output))\n".utf8)
        }

        public func append(_ data: Data) {
            guard !failed else { return }
            do {
                try stream.append(data)
                written += data.count
            } catch {
                failed = true
            }
        }

        /// Keeps the file if nothing moved since the key was made; a failure only means no cache.
        public func finish() {
            guard !failed, OutputCache.key(workspace, parts) == key,
                (try? stream.overwriteStart(Self.header(key: key, notes: notes.count, output: written))) != nil
            else {
                stream.abandon()
                return
            }
            try? stream.commit(durable: false)
        }
    }
}
