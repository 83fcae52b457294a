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

/// What `jsf comment` is asked to write.
public struct CommentRequest: Sendable {
    public var id: String
    public var text: String
    /// The decision; nil keeps the previous one (answered at first).
    public var status: ResponseStatus?
    /// Corrects the latest answer instead of adding one; the corrected answer stays in the thread.
    public var erratum = false
    /// The agent who signs the answer in the file; nobody when nil.
    public var signedBy: String?
    /// Says what would be written, writes nothing.
    public var dryRun = false

    public init(id: String, text: String, status: ResponseStatus? = nil, erratum: Bool = false, signedBy: String? = nil, dryRun: Bool = false) {
        self.id = id
        self.text = text
        self.status = status
        self.erratum = erratum
        self.signedBy = signedBy
        self.dryRun = dryRun
    }
}

/// What `jsf comment` wrote, or would write.
public struct CommentResult: Sendable {
    /// The proposal's thread with the new entry.
    public var response: Response
    /// Its file on the dialogue branch.
    public var path: String
    /// The dialogue commit's message.
    public var message: String
    /// False for a dry run.
    public var written: Bool

    /// The file's content, exactly as written on the dialogue branch.
    public var file: String { response.markdown() }
}

/// One message of the agent in a proposal's thread.
public struct ResponseEntry: Sendable, Equatable {
    public var created: Timestamp
    public var status: ResponseStatus
    /// The draft that integrates the proposal, for `integrated`.
    public var version: Int?
    public var text: String
    /// An erratum: this entry corrects the answer before it, which stays in the thread (`{.erratum}`).
    public var erratum = false
    /// For `integrated`: the draft carries the proposal adjusted by the agent, not as proposed (`{.with-changes}`).
    public var withChanges = false
    /// The agent who wrote the answer, when they chose to sign it (`{signed-by="…"}`).
    public var signedBy: String?

    public init(
        created: Timestamp, status: ResponseStatus, version: Int? = nil, text: String, erratum: Bool = false, withChanges: Bool = false,
        signedBy: String? = nil
    ) {
        self.created = created
        self.status = status
        self.version = version
        self.text = text
        self.erratum = erratum
        self.withChanges = withChanges
        self.signedBy = signedBy
    }

    /// The entry's heading after `## `: "2027-01-06T10:00:00+01:00 — accepted", "… — integrated v2 {.with-changes}",
    /// "… — answered {.erratum signed-by="Marie Dupont"}".
    var heading: String {
        var text = "\(created) — \(status.rawValue)" + (version.map { " v\($0)" } ?? "")
        var attributes: [String] = []
        if erratum { attributes.append(".erratum") }
        if withChanges { attributes.append(".with-changes") }
        if let signedBy {
            let escaped = signedBy.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            attributes.append("signed-by=\"\(escaped)\"")
        }
        if !attributes.isEmpty { text += " {" + attributes.joined(separator: " ") + "}" }
        return text
    }
}

/// `responses/<proposal-id>.md` on the dialogue branch: the latest status in the front matter, the whole thread in the body.
public struct Response: Sendable, Equatable {
    public var proposal: String
    public var entries: [ResponseEntry]

    public init(proposal: String, entries: [ResponseEntry]) {
        self.proposal = proposal
        self.entries = entries
    }

    public var latest: ResponseEntry? { entries.last }
    /// The latest decision; once a published draft integrated the proposal, that stays its status.
    public var status: ResponseStatus? { integratedIn != nil ? .integrated : latest?.status }
    /// The draft that integrated it, if any.
    public var integratedIn: Int? { entries.last { $0.status == .integrated }?.version }
    /// Whether the draft that integrated it carries it with the agent's changes.
    public var integratedWithChanges: Bool { entries.last { $0.status == .integrated }?.withChanges ?? false }

    /// For each entry (same positions as `entries`), the position of the erratum that corrected it; nil while it stands.
    /// An erratum corrects the latest answer before it that still stands (never an `integrated` entry).
    public var correctedBy: [Int?] {
        var corrected = [Int?](repeating: nil, count: entries.count)
        for (n, entry) in entries.enumerated() where entry.erratum {
            if let target = (0..<n).last(where: { corrected[$0] == nil && entries[$0].status != .integrated }) {
                corrected[target] = n
            }
        }
        return corrected
    }

    /// The thread as it stands: every entry an erratum corrected is left out (the erratum takes its place).
    public var standing: [ResponseEntry] {
        let corrected = correctedBy
        return entries.indices.filter { corrected[$0] == nil }.map { entries[$0] }
    }

    /// The latest answer that stands (not `integrated`), the agent's current word on the proposal.
    public var currentAnswer: ResponseEntry? { standing.last { $0.status != .integrated } }

    /// The earlier versions of an entry that stands, oldest first: what its errata corrected, one after the other.
    public func corrections(of index: Int) -> [ResponseEntry] {
        let corrected = correctedBy
        var chain: [ResponseEntry] = []
        var cursor = index
        while let previous = corrected.firstIndex(where: { $0 == cursor }) {
            chain.insert(entries[previous], at: 0)
            cursor = previous
        }
        return chain
    }

    public static func path(for proposal: String) -> String { "responses/\(proposal).md" }

    public func markdown() -> String {
        var pairs: [(String, YAMLValue)] = [("format", .int(1)), ("proposal", .string(proposal))]
        if let latest {
            pairs.append(("status", .string(status == .integrated ? ResponseStatus.integrated.rawValue : latest.status.rawValue)))
            if let version = integratedIn { pairs.append(("version", .int(version))) }
            if integratedIn != nil, integratedWithChanges { pairs.append(("with_changes", .bool(true))) }
            pairs.append(("created", .string(entries.first!.created.text)))
            pairs.append(("updated", .string(latest.created.text)))
        }
        var text = "---\n" + YAMLValue.map(pairs).render() + "---\n"
        for entry in entries {
            text += "\n## \(entry.heading)\n\n"
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
        root.rejectUnknownKeys(["format", "proposal", "status", "version", "with_changes", "created", "updated"])
        root.checkFormat()
        if let flag = root.string("with_changes", required: false), flag != "true" {
            root.report(
                "with_changes", code: "response.with-changes", en: "'with_changes' is true or absent", fr: "'with_changes' vaut true ou est absent")
        }
        guard let proposal = root.string("proposal") else { return (nil, reader.problems) }
        // The body's lines are numbered in the file: after the front matter and its two fences.
        let bodyStart = front.split(separator: "\n", omittingEmptySubsequences: false).count + 2
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
        for (n, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix("## "), let dash = line.range(of: " — "), Timestamp(String(line.dropFirst(3)[..<dash.lowerBound])) != nil else {
                lines.append(line)
                continue
            }
            // A heading that starts with a date is an entry: it must be one jsf can read, never text by mistake.
            switch entryHeading(line.dropFirst(3)) {
            case .entry(let entry):
                if entry.erratum, !entries.contains(where: { $0.status != .integrated }), current.map({ $0.status == .integrated }) ?? true {
                    reader.report(
                        line: bodyStart + n, key: nil, code: "response.erratum",
                        en: "an erratum with no earlier answer to correct", fr: "un erratum sans réponse antérieure à corriger")
                }
                close()
                current = entry
            case .invalid(let problem):
                reader.report(line: bodyStart + n, key: nil, code: "response.entry", en: problem.en, fr: problem.fr)
                lines.append(line)
            }
        }
        close()
        if entries.isEmpty {
            reader.report(line: nil, key: nil, code: "response.empty", en: "no answer in the thread", fr: "aucune réponse dans le fil")
        }
        return (Response(proposal: proposal, entries: entries), reader.problems)
    }

    /// "2027-01-06T10:00:00+01:00 — accepted", "… — integrated v2", then optionally an attribute block:
    /// `{.erratum}`, `{.with-changes}` (integrated only), `{signed-by="Name"}`.
    static func entryHeading(_ text: Substring) -> EntryHeading {
        var text = String(text)
        var attributes: [AttributeToken] = []
        if text.hasSuffix("}"), let open = text.range(of: " {", options: .backwards) {
            switch HeadingAttributes.parse(text[open.upperBound..<text.index(before: text.endIndex)]) {
            case .success(let tokens): attributes = tokens
            case .failure(let error):
                return .invalid(
                    Text(
                        en: "the entry's attributes are malformed: \(error.message)",
                        fr: "les attributs de l'entrée sont mal formés : \(error.message)"))
            }
            text = String(text[..<open.lowerBound])
        }
        let parts = text.components(separatedBy: " — ")
        guard parts.count == 2, let created = Timestamp(parts[0]) else {
            return .invalid(Text(en: "an entry's heading is '## <date> — <status>'", fr: "le titre d'une entrée s'écrit '## <date> — <statut>'"))
        }
        let words = parts[1].split(separator: " ")
        guard let first = words.first, let status = ResponseStatus(rawValue: String(first)) else {
            return .invalid(
                Text(
                    en: "'\(parts[1])' is not a status: \(ResponseStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                    fr: "'\(parts[1])' n'est pas un statut : \(ResponseStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        var entry = ResponseEntry(created: created, status: status, text: "")
        if status == .integrated {
            guard words.count == 2, words[1].hasPrefix("v"), let version = Int(words[1].dropFirst()), version > 0 else {
                return .invalid(Text(en: "'integrated' names its draft: 'integrated vN'", fr: "'integrated' nomme sa version : 'integrated vN'"))
            }
            entry.version = version
        } else if words.count != 1 {
            return .invalid(Text(en: "'\(parts[1])' is not a status", fr: "'\(parts[1])' n'est pas un statut"))
        }
        for token in attributes {
            switch token {
            case .cls("erratum") where status != .integrated: entry.erratum = true
            case .cls("with-changes") where status == .integrated: entry.withChanges = true
            case .pair("signed-by", let name, _) where !name.trimmingCharacters(in: .whitespaces).isEmpty: entry.signedBy = name
            default:
                return .invalid(
                    Text(
                        en:
                            "'\(token.raw)' is not an attribute of a \(status.rawValue) entry (.erratum, .with-changes on integrated, signed-by=\"…\")",
                        fr:
                            "'\(token.raw)' n'est pas un attribut d'une entrée \(status.rawValue) (.erratum, .with-changes sur integrated, signed-by=\"…\")"
                    ))
            }
        }
        return .entry(entry)
    }
}

/// An entry's heading as read: the entry, or why it is not one.
enum EntryHeading {
    case entry(ResponseEntry)
    case invalid(Text)
}
