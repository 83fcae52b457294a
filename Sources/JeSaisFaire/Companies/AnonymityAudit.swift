import Foundation
internal import Git

/// `jsf audit-anonymity`: every object, ref, reflog line, configuration entry and state file of a repository,
/// searched for what would name a company (docs/cli.md, *Anonymity audit*).
public enum AnonymityAudit {
    /// Whom the audit looks for: a company's identity, or a git identity ("Name <email>").
    public struct Target: Sendable, Equatable {
        /// How the report names it: the organisation, or the git identity as written.
        public var label: String
        public var identity: Identity
    }

    /// Where a finding is.
    public enum Place: Sendable, Equatable {
        /// A commit's author, committer or other header line, or its message; `ref` reaches it when one does.
        case commit(id: String, ref: String?, field: String)
        /// An annotated tag's tagger, name or message.
        case tag(id: String, ref: String?, field: String)
        /// A file's contents: `path` in `commit` (reached from `ref`) when the blob is in a tree, `line` when one line has it.
        case blob(id: String, ref: String?, commit: String?, path: String?, line: Int?)
        /// A file or folder name: the entry at `path` of the tree `tree`.
        case treeEntry(tree: String, ref: String?, commit: String?, path: String)
        /// A reference's name, or the name a symbolic reference points to.
        case ref(name: String)
        /// A line of a reflog file (`file` relative to the repository's top, `.git/logs/HEAD` or `logs/HEAD`).
        case reflog(file: String, line: Int, field: String)
        /// An entry of the repository's own configuration.
        case config(key: String)
        /// Another file of the git directory (`.git/jsf/…`, `FETCH_HEAD`, hooks), relative to the repository's top.
        case file(path: String, line: Int?)
    }

    public struct Finding: Sendable, Equatable {
        public var place: Place
        /// The label of the target it names; nil for a time-zone offset, which names no one in particular.
        public var target: String?
        /// What was found ("your name 'Informatique Rhénane SAS'", "time zone +0100").
        public var what: Text
    }

    /// A blob too large to read, left out of the audit.
    public struct Skipped: Sendable, Equatable {
        public var id: String
        public var size: Int
    }

    public struct Report: Sendable {
        /// The git directory audited.
        public var repository: String
        public var targets: [Target]
        public var findings: [Finding]
        public var objects = 0
        public var refs = 0
        public var reflogLines = 0
        public var configEntries = 0
        public var files = 0
        /// Blobs with a NUL byte: only their runs of text were searched.
        public var binaryBlobs = 0
        public var skipped: [Skipped] = []
        public var clean: Bool { findings.isEmpty }
    }

    /// Blobs larger than this are not read (git's own "big file" threshold is 512 MiB; a consultation's files are small).
    public static let blobLimit = 32 << 20
    /// Other files of the git directory larger than this are not read.
    static let fileLimit = 4 << 20
    /// The address domain of the pseudonymous signatures jsf writes for companies (Proposing.signature).
    static let pseudonymDomain = "@pseudonym.jsf.invalid"

    // MARK: whom to look for

    /// The targets: each `--identity` file (a company's identity.yml), else the identity of `context`'s store when it
    /// is a company's; each `--git-identity`; and the user's own git identity (global and system configuration,
    /// not the repository's). Returns them with what to tell the user about where they came from.
    public static func targets(identityFiles: [String], gitIdentities: [String], context: Context) throws(JSFError) -> (
        targets: [Target], notes: [Text]
    ) {
        var targets: [Target] = []
        var notes: [Text] = []
        for file in identityFiles {
            let identity = try readIdentity(file, context: context)
            try requireCompany(identity, source: file)
            targets.append(Target(label: identity.organisation ?? identity.name, identity: identity))
        }
        if identityFiles.isEmpty, let identity = try context.identities.load() {
            if identity.role == .company {
                targets.append(Target(label: identity.organisation ?? identity.name, identity: identity))
                notes.append(
                    Text(
                        en: "looking for the identity of \(context.identities.identityPath) (\(identity.organisation ?? identity.name))",
                        fr: "recherche de l'identité de \(context.identities.identityPath) (\(identity.organisation ?? identity.name))"))
            } else if gitIdentities.isEmpty {
                try requireCompany(identity, source: context.identities.identityPath)
            }
        }
        for written in gitIdentities {
            let (name, email) = try parseGitIdentity(written)
            targets.append(gitTarget(name: name, email: email))
        }
        if targets.isEmpty {
            throw JSFError(
                .refused, Text(en: "no identity to look for", fr: "aucune identité à rechercher"),
                hints: [
                    Text(
                        en: "give a company's identity file with --identity FILE (its identity.yml), or run it as the company (JSF_HOME)",
                        fr:
                            "donnez le fichier d'identité d'une entreprise avec --identity FICHIER (son identity.yml), ou lancez-la en tant qu'entreprise (JSF_HOME)"
                    )
                ])
        }
        if let own = try? GitSettings.userIdentity(), own.name != nil || own.email != nil {
            let target = gitTarget(name: own.name, email: own.email)
            if !targets.contains(where: { $0.label == target.label }) {
                targets.append(target)
                notes.append(
                    Text(
                        en: "also looking for your git identity \(target.label) (global git configuration)",
                        fr: "recherche aussi de votre identité git \(target.label) (configuration git globale)"))
            }
        }
        var unique: [Target] = []
        for target in targets where !unique.contains(target) { unique.append(target) }
        return (unique, notes)
    }

    static func readIdentity(_ file: String, context: Context) throws(JSFError) -> Identity {
        let path = context.absolute(file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: path)
        else {
            throw JSFError(
                .refused, Text(en: "--identity: cannot read '\(file)'", fr: "--identity : impossible de lire '\(file)'"),
                hints: [
                    Text(
                        en: "give the path of a company's identity.yml (in its JSF_HOME)",
                        fr: "donnez le chemin de l'identity.yml d'une entreprise (dans son JSF_HOME)")
                ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw JSFError(.refused, Text(en: "--identity: '\(file)' is not UTF-8 text", fr: "--identity : '\(file)' n'est pas du texte UTF-8"))
        }
        let (identity, problems) = Identity.parse(text, file: file)
        let errors = problems.filter { $0.severity == .error }
        guard let identity, errors.isEmpty else {
            throw JSFError(
                .refused,
                Text(en: "--identity: '\(file)' is not a valid identity file", fr: "--identity : '\(file)' n'est pas un fichier d'identité valable"),
                hints: [Text(en: "fix it, or give another file", fr: "corrigez-le, ou donnez-en un autre")], problems: errors)
        }
        return identity
    }

    static func requireCompany(_ identity: Identity, source: String) throws(JSFError) {
        guard identity.role != .company else { return }
        throw JSFError(
            .refused,
            Text(
                en:
                    "'\(source)' is the identity of a\(identity.role == .agent ? "n" : "") \(identity.role.label.en): the audit looks for companies, whose writes must not name them",
                fr:
                    "'\(source)' est l'identité d'un \(identity.role.label.fr) : l'audit recherche des entreprises, dont les écritures ne doivent pas les nommer"
            ),
            hints: [
                Text(
                    en: "an agent's and a PFRA buyer's commits carry their organisation by design; give a company's identity with --identity FILE",
                    fr:
                        "les commits d'un agent et d'un acheteur de la PFRA portent leur organisation à dessein ; donnez l'identité d'une entreprise avec --identity FICHIER"
                )
            ])
    }

    /// "Name <email>", "<email>", "email@domain" or "Name".
    static func parseGitIdentity(_ written: String) throws(JSFError) -> (name: String?, email: String?) {
        let text = written.trimmingCharacters(in: .whitespaces)
        let bad = JSFError(
            .usage,
            Text(
                en: "--git-identity: '\(written)' is not a git identity such as 'Claire Weber <claire@example.fr>'",
                fr: "--git-identity : '\(written)' n'est pas une identité git comme 'Claire Weber <claire@example.fr>'"))
        if let open = text.firstIndex(of: "<") {
            guard text.hasSuffix(">"), text.filter({ $0 == "<" }).count == 1, text.filter({ $0 == ">" }).count == 1 else { throw bad }
            let name = text[..<open].trimmingCharacters(in: .whitespaces)
            let email = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty || !email.isEmpty else { throw bad }
            return (name.isEmpty ? nil : name, email.isEmpty ? nil : email)
        }
        guard !text.isEmpty, !text.contains(">") else { throw bad }
        return text.contains("@") && !text.contains(" ") ? (nil, text) : (text, nil)
    }

    static func gitTarget(name: String?, email: String?) -> Target {
        let label = [name, email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
        return Target(label: label, identity: Identity(role: .company, name: name ?? "", email: email))
    }

    // MARK: the audit

    /// Audits the repository at or above `path` (relative to `context.directory`; nil: `context.directory`), a clone
    /// or a bare hub, for `targets`.
    public static func audit(_ context: Context, path: String?, targets: [Target]) throws(JSFError) -> Report {
        let directory = path.map(context.absolute) ?? context.directory
        let repository: Repository
        do {
            repository = try Repository.discover(startingAt: directory)
        } catch {
            throw JSFError(
                .repository,
                Text(
                    en: "cannot read a git repository at or above '\(directory)'",
                    fr: "impossible de lire un dépôt git dans '\(directory)' ou au-dessus"),
                hints: [
                    Text(
                        en: "give the path of a clone or of a hub (a bare repository)", fr: "donnez le chemin d'un clone ou d'un hub (un dépôt nu)")
                ],
                cause: error.description)
        }
        return try gitCall(Text(en: "cannot read the repository", fr: "impossible de lire le dépôt")) {
            var scan = Scan(repository: repository, targets: targets)
            try scan.run()
            return scan.report
        }
    }

    /// One audit: the matchers, built once, and what the pass over the objects learns of the graph to place its findings.
    struct Scan {
        let repository: Repository
        /// One matcher per target, built once; a text is searched by each.
        let matchers: [(label: String, find: (String) -> [Text])]
        var report: Report

        // What the pass over the objects keeps to place a finding.
        var parents: [ObjectID: [ObjectID]] = [:]
        var rootTree: [ObjectID: ObjectID] = [:]
        var commitOfTree: [ObjectID: ObjectID] = [:]
        /// The first tree seen holding each object, and the entry's name there.
        var container: [ObjectID: (tree: ObjectID, name: String)] = [:]
        var tagTarget: [ObjectID: ObjectID] = [:]
        /// Tree entry names, searched once each: the first tree holding it.
        var names: [String: (tree: ObjectID, id: ObjectID)] = [:]
        /// Offsets and findings of commits and tags, placed once the graph is known.
        var pending: [Pending] = []
        /// What `find` found in each short text already searched.
        var seen: [String: [(target: String, what: Text)]] = [:]

        struct Pending {
            var id: ObjectID
            var isTag: Bool
            var field: String
            var target: String?
            var what: Text
            /// A time-zone offset: a finding only when the object is a company's write.
            var offsetOnly: Bool
            var pseudonymous: Bool
        }

        init(repository: Repository, targets: [Target]) {
            self.repository = repository
            // As jsf propose judges a text: a name prefix or a town the consultation writes itself (its title, its
            // drafts) is no finding; the whole name, the SIRET, an address… still are.
            let context = Scan.consultationText(repository)
            self.matchers = targets.map { target in
                let matcher = Anonymity.Matcher(identity: target.identity, context: context)
                return (target.label, { text in matcher.findings(in: text).map(\.description) })
            }
            self.report = Report(repository: repository.gitDirectory, targets: targets, findings: [])
        }

        /// The consultation's own words: consultation.yml and cctp.md of main (the hub's, or the clone's copy of it)
        /// and of every draft tag; empty for a repository that holds no consultation.
        static func consultationText(_ repository: Repository) -> [String] {
            var commits: [ObjectID] = []
            for name in [Layout.main, "refs/remotes/origin/main"] {
                if let tip = try? repository.reference(named: name)?.target { commits.append(tip) }
            }
            for tag in (try? repository.references(matching: "refs/tags/v*")) ?? [] {
                if let commit = try? repository.resolveCommit(tag.name) { commits.append(commit) }
            }
            var texts: [String] = []
            var seen: Set<ObjectID> = []
            for commit in commits where seen.insert(commit).inserted {
                for path in [Layout.consultationFile, Layout.cctpFile] {
                    if let data = try? repository.contents(ofPath: path, at: commit) { texts.append(String(decoding: data, as: UTF8.self)) }
                }
            }
            return texts
        }

        /// What every target finds in `text`, each once; `spaced` also searches it with `-`, `_`, `.` and `/` read as
        /// spaces (ref, file and folder names, addresses).
        mutating func find(_ text: String, spaced: Bool = false) -> [(target: String, what: Text)] {
            guard !text.isEmpty else { return [] }
            // Identities, header values and names recur on every commit of a branch: each is searched once.
            let short = text.utf8.count <= 256
            if short, let known = seen[spaced ? "\u{1}" + text : text] { return known }
            var found: [(target: String, what: Text)] = []
            let variant = spaced ? Scan.spaced(text) : nil
            for matcher in matchers {
                var reported: Set<String> = []
                for candidate in [text, variant].compactMap({ $0 }) {
                    for what in matcher.find(candidate) where reported.insert(what.en).inserted { found.append((matcher.label, what)) }
                }
            }
            if short { seen[spaced ? "\u{1}" + text : text] = found }
            return found
        }

        static func spaced(_ text: String) -> String? {
            let result = String(text.map { "-_./\\:@+=".contains($0) ? " " : $0 })
            return result == text ? nil : result
        }

        mutating func run() throws(GitError) {
            let ids = try repository.allObjectIDs()
            report.objects = ids.count
            try repository.scanObjects(ids, blobLimit: AnonymityAudit.blobLimit) { id, object throws(GitError) in
                switch object {
                case .commit(let data): self.commit(id, data)
                case .tag(let data): self.tag(id, data)
                case .tree(let entries): self.tree(id, entries)
                case .blob(let data): self.blob(id, data)
                case .largeBlob(let size): self.report.skipped.append(Skipped(id: id.hex, size: size))
                }
            }
            let references = try repository.allReferences()
            report.refs = references.count
            let (refOf, company) = graph(references)
            placeObjects(refOf: refOf, company: company)
            placeNames(refOf: refOf)
            for reference in references {
                for hit in find(reference.name, spaced: true) {
                    report.findings.append(Finding(place: .ref(name: reference.name), target: hit.target, what: hit.what))
                }
                if let symbolic = reference.symbolicTarget {
                    for hit in find(symbolic, spaced: true) {
                        report.findings.append(Finding(place: .ref(name: reference.name), target: hit.target, what: hit.what))
                    }
                }
            }
            try reflogs()
            try configuration()
            otherFiles()
        }

        // MARK: objects

        /// Headers (continuation lines joined) and message of a commit or tag.
        static func split(_ data: Data) -> (headers: [(key: String, value: String)], message: String) {
            let text = String(decoding: data, as: UTF8.self)
            let end = text.range(of: "\n\n")
            let head = end.map { text[..<$0.lowerBound] } ?? Substring(text)
            let message = end.map { String(text[$0.upperBound...]) } ?? ""
            var headers: [(String, String)] = []
            for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(" "), !headers.isEmpty {
                    headers[headers.count - 1].1 += "\n" + line.dropFirst()
                } else if let space = line.firstIndex(of: " ") {
                    headers.append((String(line[..<space]), String(line[line.index(after: space)...])))
                } else {
                    headers.append((String(line), ""))
                }
            }
            return (headers, message)
        }

        /// "Name <email> 1700000000 +0100" → "Name <email>", and the offset as written when it is not +0000.
        static func signature(_ value: String) -> (identity: String, offset: String?) {
            guard let close = value.lastIndex(of: ">") else { return (value, nil) }
            let identity = String(value[...close])
            let fields = value[value.index(after: close)...].split(separator: " ")
            guard fields.count == 2, fields[1].count == 5, fields[1] != "+0000", fields[1] != "-0000" else { return (identity, nil) }
            return (identity, String(fields[1]))
        }

        static func isPseudonymous(_ identity: String) -> Bool {
            identity.lowercased().hasSuffix(AnonymityAudit.pseudonymDomain + ">")
        }

        mutating func commit(_ id: ObjectID, _ data: Data) {
            let (headers, message) = Scan.split(data)
            var parentIDs: [ObjectID] = []
            var pseudonymous = false
            var offsets: [(field: String, offset: String)] = []
            for (key, value) in headers {
                switch key {
                case "tree":
                    if let tree = ObjectID(hex: value) {
                        rootTree[id] = tree
                        if commitOfTree[tree] == nil { commitOfTree[tree] = id }
                    }
                case "parent":
                    if let parent = ObjectID(hex: value) { parentIDs.append(parent) }
                case "gpgsig", "gpgsig-sha256":
                    continue
                case "author", "committer":
                    let (identity, offset) = Scan.signature(value)
                    if Scan.isPseudonymous(identity) { pseudonymous = true }
                    if let offset { offsets.append((key, offset)) }
                    for hit in find(identity, spaced: true) { pend(id, tag: false, field: key, hit) }
                default:
                    for hit in find(value) { pend(id, tag: false, field: key, hit) }
                }
            }
            parents[id] = parentIDs
            for hit in find(message) { pend(id, tag: false, field: "message", hit) }
            for (field, offset) in offsets {
                pending.append(
                    Pending(
                        id: id, isTag: false, field: field, target: nil, what: Scan.offsetText(offset), offsetOnly: true, pseudonymous: pseudonymous))
            }
        }

        mutating func tag(_ id: ObjectID, _ data: Data) {
            let (headers, written) = Scan.split(data)
            var message = written
            for armor in ["-----BEGIN SSH SIGNATURE-----", "-----BEGIN PGP SIGNATURE-----"] {
                if let start = message.range(of: armor) { message = String(message[..<start.lowerBound]) }
            }
            for (key, value) in headers {
                switch key {
                case "object":
                    if let target = ObjectID(hex: value) { tagTarget[id] = target }
                case "type":
                    continue
                case "tagger":
                    let (identity, offset) = Scan.signature(value)
                    for hit in find(identity, spaced: true) { pend(id, tag: true, field: key, hit) }
                    if let offset {
                        pending.append(
                            Pending(
                                id: id, isTag: true, field: key, target: nil, what: Scan.offsetText(offset), offsetOnly: true,
                                pseudonymous: Scan.isPseudonymous(identity)))
                    }
                case "tag":
                    for hit in find(value, spaced: true) { pend(id, tag: true, field: "name", hit) }
                default:
                    for hit in find(value) { pend(id, tag: true, field: key, hit) }
                }
            }
            for hit in find(message) { pend(id, tag: true, field: "message", hit) }
        }

        mutating func pend(_ id: ObjectID, tag: Bool, field: String, _ hit: (target: String, what: Text)) {
            pending.append(Pending(id: id, isTag: tag, field: field, target: hit.target, what: hit.what, offsetOnly: false, pseudonymous: false))
        }

        static func offsetText(_ offset: String) -> Text {
            Text(
                en: "time zone \(offset) on a company's write (jsf writes them in UTC, +0000)",
                fr: "fuseau horaire \(offset) sur une écriture d'entreprise (jsf les écrit en UTC, +0000)")
        }

        mutating func tree(_ id: ObjectID, _ entries: [TreeEntry]) {
            for entry in entries {
                if container[entry.id] == nil { container[entry.id] = (id, entry.name) }
                if names[entry.name] == nil { names[entry.name] = (id, entry.id) }
            }
        }

        mutating func blob(_ id: ObjectID, _ data: Data) {
            let binary = data.prefix(8000).contains(0)
            let text: String
            if binary {
                report.binaryBlobs += 1
                text = Scan.textRuns(data)
            } else {
                text = String(decoding: data, as: UTF8.self)
            }
            let hits = find(text)
            guard !hits.isEmpty else { return }
            // The lines that have each finding; one without a line when it spans lines.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for hit in hits {
                var numbers: [Int] = []
                if !binary {
                    for (index, line) in lines.enumerated() where numbers.count < 10 {
                        if matchers.first(where: { $0.label == hit.target })?.find(String(line)).contains(hit.what) == true {
                            numbers.append(index + 1)
                        }
                    }
                }
                for line in numbers.isEmpty ? [nil] : numbers.map(Optional.some) {
                    report.findings.append(
                        Finding(place: .blob(id: id.hex, ref: nil, commit: nil, path: nil, line: line), target: hit.target, what: hit.what))
                }
            }
        }

        /// The runs of printable text of a binary file (as `strings` finds them), one a line.
        static func textRuns(_ data: Data) -> String {
            var runs: [String] = []
            var current: [UInt8] = []
            func flush() {
                if current.count >= 4 { runs.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
            }
            for byte in data {
                if byte >= 0x20 && byte != 0x7F || byte == 0x09 {
                    current.append(byte)
                } else {
                    flush()
                }
            }
            flush()
            return runs.joined(separator: "\n")
        }

        // MARK: placing

        /// The preferred ref reaching each commit (jsf's branches, proposal branches, other branches, tags, then
        /// remote-tracking and other refs), and the
        /// commits only a company wrote: reachable from a proposal branch and from no other ref.
        func graph(_ references: [Reference]) -> (refOf: [ObjectID: String], company: Set<ObjectID>) {
            func rank(_ name: String) -> Int {
                if ["refs/heads/main", "refs/heads/dialogue", "refs/heads/published"].contains(name) { return 0 }
                if name.hasPrefix("refs/heads/proposals/") { return 1 }
                if name.hasPrefix("refs/heads/") { return 2 }
                if name.hasPrefix("refs/tags/") { return 3 }
                if name.hasPrefix("refs/remotes/") { return 4 }
                return name == "HEAD" ? 6 : 5
            }
            let direct = references.filter { $0.target != nil }.sorted { (rank($0.name), $0.name) < (rank($1.name), $1.name) }
            func peel(_ id: ObjectID) -> ObjectID {
                var id = id
                var steps = 0
                while let target = tagTarget[id], steps < 10 {
                    id = target
                    steps += 1
                }
                return id
            }
            func walk(from tips: [ObjectID], into seen: inout Set<ObjectID>, visit: (ObjectID) -> Void = { _ in }) {
                var stack = tips.filter { parents[$0] != nil }
                while let id = stack.popLast() {
                    guard seen.insert(id).inserted else { continue }
                    visit(id)
                    stack.append(contentsOf: (parents[id] ?? []).filter { !seen.contains($0) })
                }
            }
            var refOf: [ObjectID: String] = [:]
            var seen: Set<ObjectID> = []
            for reference in direct {
                guard let target = reference.target else { continue }
                if tagTarget[target] != nil, refOf[target] == nil { refOf[target] = reference.name }
                walk(from: [peel(target)], into: &seen) { refOf[$0] = reference.name }
            }
            var proposals: Set<ObjectID> = []
            var others: Set<ObjectID> = []
            let isProposal = { (name: String) in name.contains("/proposals/") }
            walk(from: direct.filter { isProposal($0.name) }.compactMap { $0.target.map(peel) }, into: &proposals)
            walk(from: direct.filter { !isProposal($0.name) && $0.name != "HEAD" }.compactMap { $0.target.map(peel) }, into: &others)
            return (refOf, proposals.subtracting(others))
        }

        /// Commits and tags get their ref; offsets are kept for a company's writes only. Blobs get a path.
        mutating func placeObjects(refOf: [ObjectID: String], company: Set<ObjectID>) {
            var placed: [Finding] = []
            for item in pending {
                let ref = refOf[item.id]
                if item.offsetOnly {
                    let target = item.isTag ? tagTarget[item.id] : item.id
                    guard item.pseudonymous || target.map(company.contains) == true else { continue }
                }
                let place: Place =
                    item.isTag ? .tag(id: item.id.hex, ref: ref, field: item.field) : .commit(id: item.id.hex, ref: ref, field: item.field)
                placed.append(Finding(place: place, target: item.target, what: item.what))
            }
            for index in report.findings.indices {
                guard case .blob(let hex, _, _, _, let line) = report.findings[index].place, let id = ObjectID(hex: hex) else { continue }
                let (ref, commit, path) = locate(id, refOf: refOf)
                report.findings[index].place = .blob(id: hex, ref: ref, commit: commit, path: path, line: line)
            }
            report.findings = placed + report.findings
        }

        /// A path to `id` from the root tree of a commit, that commit and a ref reaching it, as far as they are known.
        func locate(_ id: ObjectID, refOf: [ObjectID: String]) -> (ref: String?, commit: String?, path: String?) {
            var components: [String] = []
            var current = id
            while let (tree, name) = container[current], components.count < 256 {
                components.insert(name, at: 0)
                current = tree
                if let commit = commitOfTree[current] {
                    return (refOf[commit], commit.hex, components.joined(separator: "/"))
                }
            }
            return (nil, nil, components.isEmpty ? nil : components.joined(separator: "/"))
        }

        /// File and folder names, each searched once.
        mutating func placeNames(refOf: [ObjectID: String]) {
            for name in names.keys.sorted() {
                let hits = find(name, spaced: true)
                guard !hits.isEmpty, let (tree, entry) = names[name] else { continue }
                let (ref, commit, path) = locate(entry, refOf: refOf)
                for hit in hits {
                    report.findings.append(
                        Finding(place: .treeEntry(tree: tree.hex, ref: ref, commit: commit, path: path ?? name), target: hit.target, what: hit.what))
                }
            }
        }

        // MARK: outside the objects

        /// A path of the git directory as the user sees it from the repository's top: `.git/logs/HEAD`, or `logs/HEAD` in a hub.
        func shown(_ path: String) -> String {
            let gitDirectory = repository.gitDirectory
            let relative = path.hasPrefix(gitDirectory + "/") ? String(path.dropFirst(gitDirectory.count + 1)) : path
            guard let top = repository.workingDirectory else { return relative }
            return gitDirectory.hasPrefix(top + "/") ? String(gitDirectory.dropFirst(top.count + 1)) + "/" + relative : path
        }

        /// Every reflog line of a company's clone (its configuration names its pseudonym) is the company's write; elsewhere
        /// only the lines signed with a pseudonym's address are.
        mutating func reflogs() throws(GitError) {
            let companyClone = try repository.localConfigEntries().contains { $0.name == "jsf.pseudonym" }
            for (_, path) in repository.reflogFiles() {
                let lines = try Repository.reflogLines(at: path)
                report.reflogLines += lines.count
                let file = shown(path)
                for (index, line) in lines.enumerated() {
                    let number = index + 1
                    guard let identity = line.identity else {
                        for hit in find(line.raw, spaced: true) {
                            report.findings.append(
                                Finding(place: .reflog(file: file, line: number, field: "line"), target: hit.target, what: hit.what))
                        }
                        continue
                    }
                    for hit in find(identity, spaced: true) {
                        report.findings.append(
                            Finding(place: .reflog(file: file, line: number, field: "identity"), target: hit.target, what: hit.what))
                    }
                    for hit in find(line.message, spaced: true) {
                        report.findings.append(
                            Finding(place: .reflog(file: file, line: number, field: "message"), target: hit.target, what: hit.what))
                    }
                    if let offset = line.offsetMinutes, offset != 0, companyClone || Scan.isPseudonymous(identity) {
                        let sign = offset < 0 ? "-" : "+"
                        let written = sign + String(format: "%02d%02d", abs(offset) / 60, abs(offset) % 60)
                        report.findings.append(
                            Finding(place: .reflog(file: file, line: number, field: "time"), target: nil, what: Scan.offsetText(written)))
                    }
                }
            }
        }

        mutating func configuration() throws(GitError) {
            let entries = try repository.localConfigEntries()
            report.configEntries = entries.count
            for (key, value) in entries {
                for hit in find(value, spaced: true) {
                    report.findings.append(Finding(place: .config(key: key), target: hit.target, what: hit.what))
                }
            }
        }

        /// The git directory's other files (jsf's state in `jsf/`, FETCH_HEAD, ORIG_HEAD, hooks, info/…): not the
        /// objects, refs, reflogs, index and configuration, which are read as such, nor git's sample hooks.
        mutating func otherFiles() {
            let gitDirectory = repository.gitDirectory
            guard let walker = FileManager.default.enumerator(atPath: gitDirectory) else { return }
            var paths: [String] = []
            for case let relative as String in walker {
                let top = relative.split(separator: "/").first.map(String.init) ?? relative
                if ["objects", "refs", "logs", "index", "config", "packed-refs", "modules", "worktrees"].contains(top) {
                    if top == relative || ["objects", "refs", "logs", "modules", "worktrees"].contains(top) { walker.skipDescendants() }
                    continue
                }
                if relative.hasSuffix(".sample") { continue }
                paths.append(relative)
            }
            for relative in paths.sorted() {
                let path = gitDirectory + "/" + relative
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                    attributes[.type] as? FileAttributeType == .typeRegular,
                    let size = attributes[.size] as? Int, size <= AnonymityAudit.fileLimit,
                    let data = FileManager.default.contents(atPath: path)
                else { continue }
                report.files += 1
                let binary = data.prefix(8000).contains(0)
                let text = binary ? Scan.textRuns(data) : String(decoding: data, as: UTF8.self)
                let hits = find(text)
                guard !hits.isEmpty else { continue }
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                for hit in hits {
                    let matcher = matchers.first { $0.label == hit.target }
                    let line = binary ? nil : lines.firstIndex { matcher?.find(String($0)).contains(hit.what) == true }.map { $0 + 1 }
                    report.findings.append(Finding(place: .file(path: shown(path), line: line), target: hit.target, what: hit.what))
                }
            }
        }
    }
}
