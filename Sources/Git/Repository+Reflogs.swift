import Foundation

extension Repository {
    /// Whether libgit2 and git may start reflogs here (core.logAllRefUpdates is not false).
    public func reflogsEnabled() throws(GitError) -> Bool {
        try configValue("core.logAllRefUpdates")?.lowercased() != "false"
    }

    /// Stops libgit2 (and git) from writing reflogs here: core.logAllRefUpdates = false. libgit2 dates the entries
    /// it writes by itself with the machine's clock and time zone, and no API of libgit2 1.5 sets that time.
    public func disableReflogs() throws(GitError) {
        try setConfigValue("core.logAllRefUpdates", "false")
    }

    /// Rewrites every reflog entry under .git/logs with `name <email>`, its time rounded down to a multiple of
    /// `granularity` seconds and the offset +0000; the ids and messages are kept. Returns how many lines changed.
    @discardableResult
    public func rewriteReflogs(name: String, email: String, granularity: Int) throws(GitError) -> Int {
        guard !name.contains(where: \.isNewline), !email.contains(where: \.isNewline), granularity > 0 else {
            throw GitError(function: "rewriteReflogs", code: .invalid, message: "a name or email contains a line break")
        }
        let logs = gitDirectory + "/logs"
        let fm = FileManager.default
        var changed = 0
        // Listed first: the rewrite writes beside each file.
        for relative in (try? fm.subpathsOfDirectory(atPath: logs)) ?? [] where !relative.hasSuffix(".jsf-rewrite") {
            let path = logs + "/" + relative
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = fm.contents(atPath: path)
            else { continue }
            let text = String(decoding: data, as: UTF8.self)
            var lines: [String] = []
            var fileChanged = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let rewritten = Self.rewrittenReflogLine(String(line), name: name, email: email, granularity: granularity)
                if rewritten != String(line) {
                    fileChanged = true
                    changed += 1
                }
                lines.append(rewritten)
            }
            guard fileChanged else { continue }
            let temporary = path + ".jsf-rewrite"
            guard (try? Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: temporary))) != nil,
                rename(temporary, path) == 0
            else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(atPath: temporary)
                throw GitError(function: "rewriteReflogs", code: .other(-1), message: "cannot rewrite \(path): \(reason)")
            }
        }
        return changed
    }

    /// "<old> <new> <name> <<email>> <seconds> <offset>\t<message>" with the identity, time and offset replaced; a
    /// line that is not such an entry is kept as it is.
    static func rewrittenReflogLine(_ line: String, name: String, email: String, granularity: Int) -> String {
        guard let tab = line.firstIndex(of: "\t") else { return line }
        let header = line[..<tab]
        let parts = header.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let close = parts[2].lastIndex(of: ">") else { return line }
        let stamp = parts[2][parts[2].index(after: close)...].split(separator: " ")
        guard stamp.count == 2, let seconds = Int64(stamp[0]) else { return line }
        let rounded = seconds - ((seconds % Int64(granularity)) + Int64(granularity)) % Int64(granularity)
        return "\(parts[0]) \(parts[1]) \(name) <\(email)> \(rounded) +0000" + line[tab...]
    }
}
