import Foundation

/// One reason a proposal is not genuine: the rule the hook names it by, and what is wrong (file, line, code, message).
public struct ProposalFinding: Sendable, Equatable {
    public var rule: TrustProblem.Rule
    public var problem: Problem

    init(_ rule: TrustProblem.Rule, _ problem: Problem) {
        self.rule = rule
        self.problem = problem
    }
}

/// What the rules need of the draft a proposal reacts to: read once per version by whoever checks (the hook, a
/// fetch, a listing), never once per proposal.
final class DraftFacts {
    let index: ClauseIndex
    /// consultation.yml at the draft, for the declared basis; nil when it cannot be read.
    let consultation: Consultation?
    /// The draft's images (`assets/…`).
    let images: Set<String>
    let criteria: Set<String>
    private var sections: [String: String?] = [:]

    init(index: ClauseIndex, consultation: Consultation?, images: Set<String>) {
        self.index = index
        self.consultation = consultation
        self.images = images
        criteria = Set(index.criteria.map(\.id))
    }

    /// The section hash of `id` in this draft, computed once.
    func sectionHash(of id: String) -> String? {
        if let known = sections[id] { return known }
        let hash = index.sectionHash(of: id)
        sections[id] = .some(hash)
        return hash
    }
}

/// The rules one proposal file must keep, whoever reads it: the hub's hook and `jsf fetch` (through the Verifier)
/// and every reader (inbox, show, status, the report, approve). The rules that need the hook's context (who signed,
/// what the branch held before, the hub's clock) stay in the Verifier.
enum ProposalRules {
    /// The most bytes a proposal file may hold: far above what the character limits allow in practice, far below
    /// what would make a reader slow (`jsf propose` refuses to write more).
    static let maximumFileBytes = 1_048_576

    /// `<n>.md` → n, nil for any other name (a number has no leading zero).
    static func number(ofFile name: String) -> Int? {
        guard name.hasSuffix(".md") else { return nil }
        let digits = name.dropLast(3)
        guard let first = digits.first, first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n > 0 else { return nil }
        return n
    }

    /// The branch's key.pub: present, and the key whose fingerprint is the branch's pseudonym.
    static func key(_ data: Data?, pseudonym: Pseudonym, file: String) -> [ProposalFinding] {
        guard let data else {
            return [
                ProposalFinding(
                    .pseudonym, Problem(file: file, code: "proposal.no-key", en: "has no key.pub", fr: "n'a pas de key.pub"))
            ]
        }
        let key = String(data: data, encoding: .utf8).flatMap { SSHPublicKey(openSSH: $0) }
        guard key?.pseudonym != pseudonym else { return [] }
        return [
            ProposalFinding(
                .pseudonym,
                Problem(
                    file: file, code: "proposal.key",
                    en: "key.pub is not the key whose fingerprint is \(pseudonym.code)",
                    fr: "key.pub n'est pas la clé dont l'empreinte est \(pseudonym.code)"))
        ]
    }

    /// A file too large to be read at all.
    static func tooLarge(_ size: Int, file: String) -> ProposalFinding {
        ProposalFinding(
            .file,
            Problem(
                file: file, code: "proposal.size",
                en: "is \(size) bytes long; a proposal file holds at most \(maximumFileBytes)",
                fr: "fait \(size) octets ; un fichier de proposition en contient au plus \(maximumFileBytes)"))
    }

    /// The file's text: at most `maximumFileBytes`, UTF-8, without NUL; nil with the reason otherwise.
    static func decode(_ data: Data, file: String) -> (String?, [ProposalFinding]) {
        if data.count > maximumFileBytes { return (nil, [tooLarge(data.count, file: file)]) }
        guard let text = String(data: data, encoding: .utf8) else {
            return (
                nil,
                [
                    ProposalFinding(
                        .file,
                        Problem(
                            file: file, code: "proposal.encoding", en: "is not UTF-8 text", fr: "n'est pas du texte UTF-8"))
                ]
            )
        }
        // memchr: a listing reads every proposal, byte by byte otherwise.
        let nul: Int? = data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
            return UnsafeRawPointer(found) - base
        }
        if let nul {
            let line = data.prefix(nul).filter { $0 == 10 }.count + 1
            return (
                nil,
                [
                    ProposalFinding(
                        .file,
                        Problem(
                            file: file, line: line, code: "proposal.nul", en: "contains a NUL byte",
                            fr: "contient un octet NUL"))
                ]
            )
        }
        return (text, [])
    }

    /// Checks `<n>.md` (`name`) of the branch of `pseudonym`, whose numbered files are `numbers`, against the draft it
    /// names (`draft(version)`, nil when that draft is not published). Returns the proposal as read (nil when it
    /// cannot be read) and every rule it breaks; it is genuine only when there is none.
    static func check(
        _ data: Data, name: String, pseudonym: Pseudonym, file: String, numbers: Set<Int>, draft: (Int) throws -> DraftFacts?
    ) rethrows -> (Proposal?, [ProposalFinding]) {
        let (proposal, found) = read(data, name: name, pseudonym: pseudonym, file: file)
        guard let proposal else { return (nil, found) }
        return (proposal, found + (try content(proposal, numbers: numbers, file: file, draft: draft)))
    }

    /// `<n>.md` read strictly, without its draft: decoded, parsed, and in its place (its id is the branch's pseudonym
    /// and the file's number). The proposal is nil when it cannot be read, or belongs elsewhere.
    static func read(_ data: Data, name: String, pseudonym: Pseudonym, file: String) -> (Proposal?, [ProposalFinding]) {
        let (decoded, findings) = decode(data, file: file)
        guard let text = decoded else { return (nil, findings) }
        let (parsed, issues) = Proposal.parse(text, file: file)
        var found = issues.filter { $0.severity == .error }.map { ProposalFinding(.file, $0) }
        guard let proposal = parsed else {
            if found.isEmpty {
                found.append(
                    ProposalFinding(
                        .file,
                        Problem(
                            file: file, code: "proposal.unreadable", en: "cannot be read as a proposal",
                            fr: "ne se lit pas comme une proposition")))
            }
            return (nil, found)
        }
        if proposal.pseudonym != pseudonym || proposal.fileName != name {
            found.append(
                ProposalFinding(
                    .file,
                    Problem(
                        file: file, code: "proposal.misplaced", en: "holds proposal \(proposal.id), which belongs elsewhere",
                        fr: "contient la proposition \(proposal.id), qui appartient ailleurs")))
            return (nil, found)
        }
        return (proposal, found)
    }

    /// The rules a readable proposal keeps against its branch and its draft.
    static func content(_ proposal: Proposal, numbers: Set<Int>, file: String, draft: (Int) throws -> DraftFacts?) rethrows
        -> [ProposalFinding]
    {
        var found: [ProposalFinding] = []
        func add(_ code: String, rule: TrustProblem.Rule = .file, en: String, fr: String) {
            found.append(ProposalFinding(rule, Problem(file: file, code: code, en: en, fr: fr)))
        }
        let v = proposal.version
        if let supersedes = proposal.supersedes {
            let own = Proposal.parseID(supersedes).map { $0.0 == proposal.pseudonym && numbers.contains($0.1) && $0.1 < proposal.number } ?? false
            if !own {
                add(
                    "proposal.supersedes", rule: .supersedes,
                    en: "\(proposal.id) supersedes \(supersedes): a company amends only its own earlier proposals",
                    fr: "\(proposal.id) remplace \(supersedes) : une entreprise ne modifie que ses propres propositions antérieures")
            }
        }
        guard let facts = try draft(v) else {
            add(
                "proposal.version", en: "\(proposal.id) reacts to v\(v), which is not published",
                fr: "\(proposal.id) réagit à la v\(v), qui n'est pas publiée")
            return found
        }
        let entry = facts.index[proposal.target]
        if let entry {
            if entry.hash != proposal.targetHash {
                add(
                    "proposal.target-hash", en: "\(proposal.id) gives a content hash of '\(proposal.target)' that v\(v) does not have",
                    fr: "\(proposal.id) donne une empreinte de '\(proposal.target)' que la v\(v) n'a pas")
            }
            if let section = proposal.sectionHash, section != facts.sectionHash(of: proposal.target) {
                add(
                    "proposal.section-hash", en: "\(proposal.id) gives a section hash of '\(proposal.target)' that v\(v) does not have",
                    fr: "\(proposal.id) donne une empreinte de la section '\(proposal.target)' que la v\(v) n'a pas")
            }
        } else {
            add(
                "proposal.target", en: "\(proposal.id) targets '\(String(proposal.target.prefix(80)))', which v\(v) does not have",
                fr: "\(proposal.id) vise '\(String(proposal.target.prefix(80)))', que la v\(v) n'a pas")
        }
        // A confidential proposal's text is checked by those who can open it.
        if proposal.kind == .alternative, entry?.kind == .clause, proposal.proposedText == nil, !proposal.hidesContent {
            add(
                "proposal.no-text", en: "\(proposal.id) is an alternative clause without its proposed text",
                fr: "\(proposal.id) est une clause alternative sans son texte proposé")
        }
        if proposal.kind == .alternative, entry?.kind == .criterion, proposal.weights == nil, proposal.proposedText == nil, !proposal.hidesContent {
            add(
                "proposal.no-text", en: "\(proposal.id) is an alternative criterion with neither weights nor text",
                fr: "\(proposal.id) est un critère alternatif sans pondération ni texte")
        }
        if let text = proposal.proposedText, let foreign = Assets.foreignImages(in: text, draft: facts.images).first {
            add(
                "proposal.image", en: "\(proposal.id) shows the image '\(String(foreign.prefix(80)))', which v\(v) does not have",
                fr: "\(proposal.id) affiche l'image '\(String(foreign.prefix(80)))', que la v\(v) n'a pas")
        }
        if let weights = proposal.weights {
            let ids = weights.map(\.id)
            if entry?.kind != .criterion || Set(ids) != facts.criteria || ids.count != facts.criteria.count
                || weights.contains(where: { !(0...100).contains($0.weight) }) || weights.reduce(0, { $0 + $1.weight }) != 100
            {
                add(
                    "proposal.weights",
                    en: "\(proposal.id) proposes weights that are not the criteria of v\(v), each 0 to 100, summing to 100",
                    fr: "\(proposal.id) propose des pondérations qui ne sont pas les critères de la v\(v), chacune de 0 à 100, de somme 100")
            }
        }
        if let declared = proposal.declared, let consultation = facts.consultation, let why = declared.mismatch(with: consultation) {
            add(
                "proposal.declared", en: "\(proposal.id) declares a basis for taking part that v\(v) does not admit: \(why.en)",
                fr: "\(proposal.id) déclare un motif de participation que la v\(v) n'admet pas : \(why.fr)")
        }
        return found
    }
}
