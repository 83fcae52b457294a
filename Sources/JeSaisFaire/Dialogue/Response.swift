import Foundation

/// The agent's decision on a proposal.
public enum ResponseStatus: String, Sendable, Codable, CaseIterable {
    case answered, accepted
    case partiallyAccepted = "partially-accepted"
    case rejected, noted, integrated

    public var label: Text {
        switch self {
        case .answered: return Text(en: "answered", fr: "répondue")
        case .accepted: return Text(en: "accepted", fr: "acceptée")
        case .partiallyAccepted: return Text(en: "partially accepted", fr: "partiellement acceptée")
        case .rejected: return Text(en: "rejected", fr: "rejetée")
        case .noted: return Text(en: "noted", fr: "notée")
        case .integrated: return Text(en: "integrated", fr: "intégrée")
        }
    }
}

/// One message of the agent in a proposal's thread.
public struct ResponseEntry: Sendable, Equatable {
    public var created: Timestamp
    public var status: ResponseStatus
    /// The draft that integrates the proposal, for `integrated`.
    public var version: Int?
    public var text: String
}

/// `responses/<proposal-id>.md` on the dialogue branch: the latest status in the front matter, the whole thread in the body.
public struct Response: Sendable, Equatable {
    public var proposal: String
    public var entries: [ResponseEntry]

    public var latest: ResponseEntry? { entries.last }
    /// The latest decision; once a published draft integrated the proposal, that stays its status.
    public var status: ResponseStatus? { integratedIn != nil ? .integrated : latest?.status }
    /// The draft that integrated it, if any.
    public var integratedIn: Int? { entries.last { $0.status == .integrated }?.version }

    public static func path(for proposal: String) -> String { "responses/\(proposal).md" }

    public func markdown() -> String {
        var pairs: [(String, YAMLValue)] = [("format", .int(1)), ("proposal", .string(proposal))]
        if let latest {
            pairs.append(("status", .string(latest.status.rawValue)))
            if let version = integratedIn { pairs.append(("version", .int(version))) }
            pairs.append(("created", .string(entries.first!.created.text)))
            pairs.append(("updated", .string(latest.created.text)))
        }
        var text = "---\n" + YAMLValue.map(pairs).render() + "---\n"
        for entry in entries {
            let version = entry.version.map { " v\($0)" } ?? ""
            text += "\n## \(entry.created) — \(entry.status.rawValue)\(version)\n\n"
            text += entry.text.trimmedBlank + "\n"
        }
        return text
    }

    public static func parse(_ text: String, file: String) -> (Response?, [Problem]) {
        guard let (front, body) = FrontMatter.split(text) else {
            return (nil, [Problem(file: file, line: 1, code: "response.no-front-matter", en: "no YAML front matter", fr: "pas d'en-tête YAML")])
        }
        let reader = YAMLReader(file: file)
        guard let root = reader.root(front) else { return (nil, reader.problems) }
        root.rejectUnknownKeys(["format", "proposal", "status", "version", "created", "updated"])
        root.checkFormat()
        guard let proposal = root.string("proposal") else { return (nil, reader.problems) }
        var entries: [ResponseEntry] = []
        var current: ResponseEntry?
        var lines: [Substring] = []
        func close() {
            if var entry = current {
                entry.text = lines.joined(separator: "\n").trimmedBlank
                entries.append(entry)
            }
            lines = []
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## "), let entry = entryHeading(line.dropFirst(3)) {
                close()
                current = entry
            } else {
                lines.append(line)
            }
        }
        close()
        if entries.isEmpty {
            reader.report(line: nil, key: nil, code: "response.empty", en: "no answer in the thread", fr: "aucune réponse dans le fil")
        }
        return (Response(proposal: proposal, entries: entries), reader.problems)
    }

    /// "2027-01-06T10:00:00+01:00 — accepted" or "… — integrated v2".
    static func entryHeading(_ text: Substring) -> ResponseEntry? {
        let parts = text.components(separatedBy: " — ")
        guard parts.count == 2, let created = Timestamp(parts[0]) else { return nil }
        let words = parts[1].split(separator: " ")
        guard let first = words.first, let status = ResponseStatus(rawValue: String(first)) else { return nil }
        var version: Int?
        if words.count == 2, words[1].hasPrefix("v") { version = Int(words[1].dropFirst()) }
        return ResponseEntry(created: created, status: status, version: version, text: "")
    }
}
