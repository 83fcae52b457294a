import Foundation
import Yams

public enum ProposalKind: String, Sendable, Codable, CaseIterable {
    case solution, clarification, alternative

    public var label: Text {
        switch self {
        case .solution: return Text(en: "solution", fr: "solution")
        case .clarification: return Text(en: "clarification", fr: "demande de précision")
        case .alternative: return Text(en: "alternative", fr: "alternative")
        }
    }
}

public enum CostImpact: String, Sendable, Codable, CaseIterable {
    case up, down, neutral, unknown

    public var label: Text {
        switch self {
        case .up: return Text(en: "cost up", fr: "coût en hausse")
        case .down: return Text(en: "cost down", fr: "coût en baisse")
        case .neutral: return Text(en: "cost neutral", fr: "coût neutre")
        case .unknown: return Text(en: "cost unknown", fr: "coût inconnu")
        }
    }
}

/// A company's reaction to one clause or criterion of a draft: `<n>.md` on its proposal branch (DESIGN.md §2).
public struct Proposal: Sendable, Equatable {
    public var pseudonym: Pseudonym
    public var number: Int
    public var kind: ProposalKind
    /// The clause or criterion id.
    public var target: String
    /// The draft the company reacted to.
    public var version: Int
    /// The target's content hash in that draft, so later drafts can tell whether it changed.
    public var targetHash: String
    /// When the target had sub-clauses in that draft: the content hash of its section (the clause and its
    /// sub-clauses), so later drafts can tell whether any clause of it changed.
    public var sectionHash: String?
    public var cost: CostImpact
    public var estimate: String?
    /// The basis the company declared for taking part (its CPV prefix and département); nil when the consultation
    /// is open to all, or for proposals written before it was recorded.
    public var declared: DeclaredBasis?
    public var created: String
    /// The id of the proposal this one amends.
    public var supersedes: String?
    /// When the company withdrew it.
    public var withdrawn: String?
    /// An alternative weighting: every criterion with its proposed weight, in document order.
    public var weights: [(id: String, weight: Int)]?
    public var justification: String
    /// An alternative clause's proposed text.
    public var proposedText: String?
    /// A confidential proposal (secret des affaires): `<n>.md` holds only its public facts, `<n>.sealed` the rest
    /// (Confidential.swift, docs/format.md). `markdown()` always writes its public form.
    public var confidential = false
    /// When its company consented to make it public (a confidential proposal made public).
    public var shared: String?
    /// For a confidential proposal: whether this reader opened its sealed content, and why not.
    public var sealedContent: SealedContent?

    public init(
        pseudonym: Pseudonym, number: Int, kind: ProposalKind, target: String, version: Int, targetHash: String,
        sectionHash: String? = nil, cost: CostImpact, estimate: String? = nil, declared: DeclaredBasis? = nil, created: String,
        supersedes: String? = nil,
        withdrawn: String? = nil, weights: [(id: String, weight: Int)]? = nil, justification: String, proposedText: String? = nil,
        confidential: Bool = false, shared: String? = nil
    ) {
        self.confidential = confidential
        self.shared = shared
        self.pseudonym = pseudonym
        self.number = number
        self.kind = kind
        self.target = target
        self.version = version
        self.targetHash = targetHash
        self.sectionHash = sectionHash
        self.cost = cost
        self.estimate = estimate
        self.declared = declared
        self.created = created
        self.supersedes = supersedes
        self.withdrawn = withdrawn
        self.weights = weights
        self.justification = justification
        self.proposedText = proposedText
    }

    public static func == (lhs: Proposal, rhs: Proposal) -> Bool { lhs.markdown() == rhs.markdown() }

    /// True when the proposal was made on a section (its target had sub-clauses) and a clause of that section
    /// is no longer as it was in `index`: changed, added, removed, moved or retitled.
    public func sectionChanged(in index: ClauseIndex?) -> Bool {
        guard let sectionHash, let index else { return false }
        return index.sectionHash(of: target) != sectionHash
    }

    /// "7F3K9Q2M-3".
    public var id: String { "\(pseudonym.code)-\(number)" }

    public var fileName: String { "\(number).md" }

    /// The fixed heading before an alternative clause's proposed text.
    public static let proposedTextHeading = "## Texte proposé"

    /// Limits on what a company may write, in characters.
    public static let maximumJustification = 20_000
    public static let maximumProposedText = 50_000
    public static let maximumEstimate = 200

    /// Splits "7F3K9Q2M-3" into its pseudonym and number.
    public static func parseID(_ id: String) -> (Pseudonym, Int)? {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pseudonym = Pseudonym(code: String(parts[0])), !parts[1].isEmpty, parts[1].first != "0",
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(parts[1])
        else { return nil }
        return (pseudonym, number)
    }

    public func markdown() -> String {
        // A confidential proposal's file says only what everyone may know of it.
        if confidential { return publicMarkdown() }
        var pairs: [(String, YAMLValue)] = [
            ("format", .int(1)), ("id", .string(id)), ("kind", .string(kind.rawValue)), ("target", .string(target)),
            ("version", .int(version)), ("target_hash", .string(targetHash)),
        ]
        if let sectionHash { pairs.append(("section_hash", .string(sectionHash))) }
        pairs.append(("cost", .string(cost.rawValue)))
        if let estimate { pairs.append(("estimate", .string(estimate))) }
        if let declared { pairs.append(("declared", .map([("cpv", .string(declared.cpv)), ("territory", .string(declared.territory))]))) }
        pairs.append(("created", .string(created)))
        if let supersedes { pairs.append(("supersedes", .string(supersedes))) }
        if let withdrawn { pairs.append(("withdrawn", .string(withdrawn))) }
        if let shared { pairs.append(("shared", .string(shared))) }
        if let weights { pairs.append(("weights", .map(weights.map { ($0.id, .int($0.weight)) }))) }
        // A justification quoting the fixed heading must not be taken for it.
        let body = justification.trimmedBlank
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0 == Proposal.proposedTextHeading ? "\\" + $0 : String($0) }.joined(separator: "\n")
        var text = "---\n" + YAMLValue.map(pairs).render() + "---\n\n" + body + "\n"
        if let proposedText {
            text += "\n\(Proposal.proposedTextHeading)\n\n" + proposedText.trimmedNewlines + "\n"
        }
        return text
    }

    /// The justification as written: a line `\## Texte proposé` (escaped by `markdown()`) back to the heading.
    static func unescapeHeading(_ text: String) -> String {
        guard FrontMatter.find("\\" + proposedTextHeading, in: text, from: text.startIndex) != nil else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0 == "\\" + proposedTextHeading ? String($0.dropFirst()) : String($0) }.joined(separator: "\n")
    }

    /// Parses `<n>.md`; `file` names it in problems.
    public static func parse(_ text: String, file: String) -> (Proposal?, [Problem]) {
        guard let (front, body) = FrontMatter.split(text) else {
            return (
                nil,
                [
                    Problem(
                        file: file, line: 1, code: "proposal.no-front-matter",
                        en: "no YAML front matter (the file must start with ---)", fr: "pas d'en-tête YAML (le fichier doit commencer par ---)")
                ]
            )
        }
        let reader = YAMLReader(file: file)
        guard let root = reader.root(front) else { return (nil, reader.problems.map { FrontMatter.shift($0) }) }
        root.rejectUnknownKeys([
            "format", "id", "kind", "target", "version", "target_hash", "section_hash", "cost", "estimate", "declared", "created",
            "supersedes", "withdrawn", "weights", "confidential", "shared",
        ])
        root.checkFormat()
        let problems = { reader.problems.map { FrontMatter.shift($0) } }
        guard let idText = root.string("id"), let kindText = root.string("kind"), let target = root.string("target"),
            let version = root.int("version"), let hash = root.string("target_hash"), let costText = root.string("cost"),
            let created = root.string("created")
        else { return (nil, problems()) }
        guard let (pseudonym, number) = parseID(idText) else {
            root.report(
                "id", code: "proposal.bad-id", en: "'\(idText)' is not a proposal id (PSEUDONYM-N)",
                fr: "'\(idText)' n'est pas un identifiant de proposition (PSEUDONYME-N)")
            return (nil, problems())
        }
        guard let kind = ProposalKind(rawValue: kindText) else {
            root.report(
                "kind", code: "proposal.bad-kind", en: "'kind' must be solution, clarification or alternative",
                fr: "'kind' doit valoir solution, clarification ou alternative")
            return (nil, problems())
        }
        guard let cost = CostImpact(rawValue: costText) else {
            root.report(
                "cost", code: "proposal.bad-cost", en: "'cost' must be up, down, neutral or unknown",
                fr: "'cost' doit valoir up, down, neutral ou unknown")
            return (nil, problems())
        }
        var weights: [(id: String, weight: Int)]?
        if let map = root.map("weights", required: false) {
            weights = []
            for (key, value) in map.mapping.map({ ($0.key, $0.value) }) {
                guard let id = key.string, let weight = YAMLMap.integer(value) else {
                    map.report(
                        key.string ?? "?", code: "proposal.bad-weight", en: "weights must be whole numbers",
                        fr: "les pondérations doivent être des entiers")
                    continue
                }
                weights?.append((id, weight))
            }
        }
        var declared: DeclaredBasis?
        if let map = root.map("declared", required: false) {
            map.rejectUnknownKeys(["cpv", "territory"])
            if let cpv = map.string("cpv"), let territory = map.string("territory") {
                let digits = cpv.allSatisfy { $0.isASCII && $0.isNumber }
                if !digits || !(2...3).contains(cpv.count) {
                    map.report(
                        "cpv", code: "proposal.bad-declared",
                        en: "'declared.cpv' must be a CPV group (3 digits) or division (2 digits), not '\(cpv)'",
                        fr: "'declared.cpv' doit être un groupe CPV (3 chiffres) ou une division (2 chiffres), pas '\(cpv)'")
                } else if territory != DeclaredBasis.national && Territory.departement(territory) == nil {
                    map.report(
                        "territory", code: "proposal.bad-declared",
                        en: "'declared.territory' must be a département code or national, not '\(territory)'",
                        fr: "'declared.territory' doit être un code de département ou national, pas '\(territory)'")
                } else {
                    declared = DeclaredBasis(cpv: cpv, territory: territory)
                }
            }
        }
        var justification = body
        var proposedText: String?
        let marker = "\n" + proposedTextHeading + "\n"
        if kind == .alternative {
            let full = "\n" + body
            if let range = FrontMatter.find(marker, in: full, from: full.startIndex) {
                justification = String(full[..<range.lower])
                proposedText = String(full[range.upper...]).trimmedNewlines
            }
        }
        // What a writer never writes is not read either (the limits of `jsf propose`, docs/format.md).
        if version < 1 {
            root.report(
                "version", code: "proposal.bad-version", en: "'version' is the number of a draft (1 or more), not \(version)",
                fr: "'version' est le numéro d'une version (1 ou plus), pas \(version)")
        }
        let confidential = Proposal.readConfidentiality(root, body: body, kind: kind)
        for (key, value) in [
            ("created", Optional(created)), ("withdrawn", root.string("withdrawn", required: false)),
            ("shared", root.string("shared", required: false)),
        ] {
            guard let value, Timestamp.parseWithOffset(value) == nil else { continue }
            root.report(
                key, code: "proposal.bad-date",
                en: "'\(key)' must be a date and time with its offset (2027-01-05T09:00:00+00:00), not '\(String(value.prefix(40)))'",
                fr: "'\(key)' doit être une date et une heure avec leur décalage (2027-01-05T09:00:00+00:00), pas '\(String(value.prefix(40)))'")
        }
        if let supersedes = root.string("supersedes", required: false), parseID(supersedes) == nil {
            root.report(
                "supersedes", code: "proposal.bad-id", en: "'supersedes' must name a proposal (PSEUDONYM-N), not '\(String(supersedes.prefix(40)))'",
                fr: "'supersedes' doit nommer une proposition (PSEUDONYME-N), pas '\(String(supersedes.prefix(40)))'")
        }
        if target.isEmpty || target.contains(where: { $0.isNewline }) {
            root.report(
                "target", code: "proposal.bad-target", en: "'target' must be a clause or criterion id",
                fr: "'target' doit être l'identifiant d'une clause ou d'un critère")
        }
        if weights != nil, kind != .alternative {
            root.report(
                "weights", code: "proposal.bad-weight", en: "only an alternative proposes weights",
                fr: "seule une alternative propose des pondérations")
        }
        if let weights, weights.contains(where: { !(0...100).contains($0.weight) }) {
            root.report(
                "weights", code: "proposal.bad-weight", en: "each weight is a whole number from 0 to 100",
                fr: "chaque pondération est un entier de 0 à 100")
        }
        let estimate = root.string("estimate", required: false)
        let limits: [(String, String?, Int, Text)] = [
            ("estimate", estimate, maximumEstimate, Text(en: "the estimate", fr: "l'estimation")),
            ("justification", justification.trimmedBlank, maximumJustification, Text(en: "the justification", fr: "la justification")),
            ("proposedText", proposedText, maximumProposedText, Text(en: "the proposed text", fr: "le texte proposé")),
        ]
        for (key, value, maximum, what) in limits {
            // A character is at least one byte: most texts are told short enough by their length in bytes alone.
            guard let value, value.utf8.count > maximum else { continue }
            let count = value.count
            guard count > maximum else { continue }
            reader.report(
                line: nil, key: key == "estimate" ? key : nil, code: "proposal.too-long",
                en: "\(what.en) is \(count) characters long; the limit is \(maximum)",
                fr: "\(what.fr) fait \(count) caractères ; la limite est \(maximum)")
        }
        if justification.isBlank {
            reader.report(line: nil, key: nil, code: "proposal.empty", en: "the justification is empty", fr: "la justification est vide")
        }
        let proposal = Proposal(
            pseudonym: pseudonym, number: number, kind: kind, target: target, version: version, targetHash: hash,
            sectionHash: root.string("section_hash", required: false), cost: cost, estimate: estimate,
            declared: declared, created: created,
            supersedes: root.string("supersedes", required: false), withdrawn: root.string("withdrawn", required: false),
            weights: weights,
            justification: unescapeHeading(justification.trimmedBlank),
            proposedText: proposedText, confidential: confidential, shared: root.string("shared", required: false))
        return (proposal, problems())
    }
}

/// YAML front matter between two `---` lines at the top of a Markdown file.
enum FrontMatter {
    static func split(_ text: String) -> (front: String, body: String)? {
        let utf8 = text.utf8
        guard utf8.starts(with: "---\n".utf8) else { return nil }
        let rest = utf8.index(utf8.startIndex, offsetBy: 4)
        // The closing line: "---" after a newline, or else right after the opening one.
        let end: (lower: String.Index, upper: String.Index)
        if let found = find("\n---\n", in: text, from: rest) {
            end = found
        } else if utf8[rest...].starts(with: "---\n".utf8) {
            end = (rest, utf8.index(rest, offsetBy: 4))
        } else {
            return nil
        }
        return (String(text[rest..<end.lower]) + "\n", String(text[end.upper...]))
    }

    /// The first `needle` in `text` from `start`, compared byte by byte (no Foundation).
    static func find(_ needle: String, in text: String, from start: String.Index) -> (lower: String.Index, upper: String.Index)? {
        let bytes = Array(needle.utf8)
        let utf8 = text.utf8
        var i = start
        while let at = utf8[i...].firstIndex(of: bytes[0]) {
            if utf8[at...].starts(with: bytes) { return (at, utf8.index(at, offsetBy: bytes.count)) }
            i = utf8.index(after: at)
        }
        return nil
    }

    /// Front matter lines start after the opening `---`.
    static func shift(_ problem: Problem) -> Problem {
        var shifted = problem
        shifted.line = problem.line.map { $0 + 1 }
        return shifted
    }
}
