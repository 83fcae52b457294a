import Foundation
internal import Git

/// A published draft: tag vN on a commit of main.
public struct Draft: Sendable, Equatable {
    public var version: Int
    var tag: ObjectID
    var commit: ObjectID
    public var date: Date
    public var offsetMinutes: Int
    public var author: String
    /// The tag message: the changelog.
    public var message: String

    public var name: String { "v\(version)" }
    /// The commit the tag names.
    public var revision: RevisionID { RevisionID(commit) }

    /// The space-separated values of a trailer of the changelog ("Integrates: A-1 B-2").
    public func trailer(_ key: String) -> [String] {
        message.split(separator: "\n").first { $0.hasPrefix(key + ": ") }
            .map { $0.dropFirst(key.count + 2).split(separator: " ").map(String.init) } ?? []
    }
    /// The first line of the changelog.
    public var summary: String { message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
}

/// A consultation repository opened for work: its git repository and the files jsf manages in it.
public final class Workspace {
    let repository: Repository
    /// The working tree's root.
    public let root: String
    /// The share of the repository's writer lock this command holds while the workspace is open (`jsf repair`);
    /// taken once the repository is known to be a consultation, so that nothing is written in any other.
    private(set) var writerLock: WriterLock?
    /// Who reads confidential proposals here, with the key they open theirs with; nil to read none (a public copy).
    public var sealReader: SealReader?

    init(repository: Repository, root: String) {
        self.repository = repository
        self.root = root
    }

    /// The outlines of the cctp.md texts this command reads, kept under .git/jsf/cache/.
    private(set) lazy var outlines = OutlineCache(gitDirectory: repository.gitDirectory)

    /// The blob ids of the files at the top of `revision`'s tree, by name.
    func blobIDs(at revision: ObjectID) throws(JSFError) -> [String: ObjectID] {
        let entries = try gitCall(Text(en: "cannot read the tree of \(revision.short)", fr: "impossible de lire l'arbre de \(revision.short)")) {
            try repository.treeEntries(at: revision, path: "")
        }
        var ids: [String: ObjectID] = [:]
        for entry in entries where entry.mode == .blob || entry.mode == .executable { ids[entry.name] = entry.id }
        return ids
    }

    /// The outline of cctp.md `source`; `committed` is the text and blob id it had in a commit, when known: the
    /// same text has that id, another text is hashed.
    func outline(ofCCTP source: String, committed: (text: String?, id: ObjectID?)) -> CCTPOutline {
        outlines.outline(of: source, blob: committed.text == source ? committed.id : nil)
    }

    /// The text of one clause of cctp.md as committed in `revision`, `source` (`Reading.clauseSource`).
    public func clauseSource(_ source: String, at revision: RevisionID, id: String, withSubclauses: Bool = false) -> String? {
        let blob = (try? blobIDs(at: revision.objectID))?[Layout.cctpFile]
        if let blob, let known = outlines.outline(of: source, blob: blob).clauseSource(source, id: id, withSubclauses: withSubclauses) {
            return known
        }
        return Reading.clauseSource(source, id: id, withSubclauses: withSubclauses)
    }

    /// Opens the consultation containing `context.directory`.
    public static func open(_ context: Context) throws(JSFError) -> Workspace {
        let repository: Repository
        do {
            repository = try Repository.discover(startingAt: context.directory)
        } catch {
            throw openingError(error, directory: context.directory)
        }
        guard let root = repository.workingDirectory else {
            throw JSFError(
                .refused,
                Text(
                    en: "'\(repository.gitDirectory)' is a bare repository (a hub): jsf works in a clone",
                    fr: "'\(repository.gitDirectory)' est un dépôt nu (un hub) : jsf travaille dans un clone"),
                hints: [
                    Text(
                        en: "run 'jsf clone \(repository.gitDirectory) DIR' and work in DIR",
                        fr: "lancez 'jsf clone \(repository.gitDirectory) DOSSIER' et travaillez dans DOSSIER")
                ])
        }
        try requireWholeHistory(repository)
        let workspace = Workspace(repository: repository, root: root)
        let inTree = FileManager.default.fileExists(atPath: workspace.path(Layout.consultationFile))
        let inHead = (try? workspace.headCommit()).flatMap { $0 }.flatMap { try? repository.contents(ofPath: Layout.consultationFile, at: $0) } != nil
        guard inTree || inHead else {
            throw JSFError(
                .refused,
                Text(
                    en: "'\(root)' is a git repository but not a consultation (no \(Layout.consultationFile))",
                    fr: "'\(root)' est un dépôt git mais pas une consultation (pas de \(Layout.consultationFile))"),
                hints: [Text(en: "create one with 'jsf init --id …'", fr: "créez-en une avec 'jsf init --id …'")])
        }
        workspace.writerLock = WriterLock.shared(gitDirectory: repository.gitDirectory)
        return workspace
    }

    /// The main readers trust: the local branch when it holds the verified origin/main (an agent's unpushed
    /// commits), else origin's verified copy; the local branch alone when there is no copy from a hub.
    func trustedMain() throws(JSFError) -> ObjectID? {
        try gitCall(Text(en: "cannot read main", fr: "impossible de lire main")) {
            let local = try repository.reference(named: Layout.main)?.target
            guard let verified = try repository.reference(named: "refs/remotes/origin/main")?.target else { return local }
            if let local, try repository.isAncestor(verified, of: local) { return local }
            return verified
        }
    }

    /// Why no repository could be opened: none there, or one that another user owns (git's safe.directory rule).
    static func openingError(_ error: GitError, directory: String) -> JSFError {
        let cause = error.description
        if cause.contains("not owned by current user") {
            return JSFError(
                .refused,
                Text(
                    en: "the repository at or above '\(directory)' belongs to another user, and git refuses to open it",
                    fr: "le dépôt dans '\(directory)' ou au-dessus appartient à un autre utilisateur, et git refuse de l'ouvrir"),
                hints: [
                    Text(
                        en: "if you trust it, run: git config --global --add safe.directory '\(directory)'",
                        fr: "si vous lui faites confiance, lancez : git config --global --add safe.directory '\(directory)'")
                ],
                cause: cause)
        }
        return JSFError(
            .refused,
            Text(
                en: "not a consultation: no git repository at or above '\(directory)'",
                fr: "pas une consultation : aucun dépôt git dans '\(directory)' ni au-dessus"),
            hints: [
                Text(
                    en: "create one with 'jsf init --id …' or get one with 'jsf clone URL'",
                    fr: "créez-en une avec 'jsf init --id …' ou récupérez-en une avec 'jsf clone URL'")
            ])
    }

    public func path(_ file: String) -> String { root + "/" + file }

    /// A file of the working tree, nil when absent.
    public func worktreeText(_ file: String) throws(JSFError) -> String? {
        guard let data = try worktreeData(file) else { return nil }
        guard var text = String(data: data, encoding: .utf8) else {
            throw JSFError(
                .refused, Text(en: "'\(file)' is not UTF-8 text", fr: "'\(file)' n'est pas du texte UTF-8"),
                hints: [Text(en: "save it as UTF-8", fr: "enregistrez-le en UTF-8")])
        }
        // A byte order mark some editors write is no text: `jsf check` says it is left out.
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    /// A shallow clone (`git clone --depth`) lacks the history every signature and round is checked against.
    static func requireWholeHistory(_ repository: Repository) throws(JSFError) {
        guard FileManager.default.fileExists(atPath: repository.gitDirectory + "/shallow") else { return }
        throw JSFError(
            .refused,
            Text(
                en: "this clone is shallow: jsf checks every draft, signature and proposal against the whole history, which it lacks",
                fr: "ce clone est superficiel (shallow) : jsf vérifie chaque version, signature et proposition sur tout l'historique, qui lui manque"),
            hints: [
                Text(
                    en: "run 'git fetch --unshallow', or clone again with 'jsf clone URL'",
                    fr: "lancez 'git fetch --unshallow', ou clonez à nouveau avec 'jsf clone URL'")
            ])
    }

    /// The drafts published here that the hub does not hold yet (a push that failed or was skipped), oldest first:
    /// those main's copy of the hub (refs/remotes/origin/main, moved by every push and verified fetch) does not
    /// contain. Empty for a consultation without a hub.
    func draftsNotOnHub(_ drafts: [Draft]) throws(JSFError) -> [Draft] {
        guard !drafts.isEmpty, try Sync.hub(of: self) != nil else { return [] }
        return try gitCall { () throws(GitError) -> [Draft] in
            let hubMain = try repository.reference(named: "refs/remotes/origin/main")?.target
            var missing: [Draft] = []
            for draft in drafts.reversed() {
                if let hubMain {
                    if hubMain == draft.commit { break }
                    if try repository.isAncestor(draft.commit, of: hubMain) { break }
                }
                missing.insert(draft, at: 0)
            }
            return missing
        }
    }

    /// The largest file of the consultation jsf reads from the working tree.
    public static let maximumFile = 16 << 20

    /// A file of the working tree as it is, nil when absent; refused when it is not a plain file of this working tree
    /// (a symbolic link, even to a file inside, a device, a fifo, a folder) or is larger than `maximumFile`: what
    /// `publish` commits is what the agent sees in the folder, never what a link points at.
    func worktreeData(_ file: String) throws(JSFError) -> Data? {
        let full = path(file)
        var info = stat()
        guard lstat(full, &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what: Text
            var hints = [Text(en: "put the file itself in its place", fr: "mettez le fichier lui-même à sa place")]
            if kind == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
                what = Text(en: "a symbolic link (to \(target))", fr: "un lien symbolique (vers \(target))")
                hints = [
                    Text(
                        en: "jsf reads only plain files of the working tree: replace the link by a copy of the file, checked first",
                        fr:
                            "jsf ne lit que les fichiers ordinaires de la copie de travail : remplacez le lien par une copie du fichier, vérifiée d'abord"
                    )
                ]
            } else if kind == S_IFDIR {
                what = Text(en: "a folder", fr: "un dossier")
            } else {
                what = Text(en: "a device or special file", fr: "un périphérique ou un fichier spécial")
            }
            throw JSFError(
                .refused,
                Text(
                    en: "'\(file)' is \(what.en), not a plain file: nothing was read",
                    fr: "'\(file)' est \(what.fr), pas un fichier ordinaire : rien n'a été lu"),
                hints: hints)
        }
        guard Int(info.st_size) <= Self.maximumFile else {
            throw JSFError(
                .refused,
                Text(
                    en: "'\(file)' is larger than \(Self.maximumFile >> 20) MiB (\(Int(info.st_size) >> 20) MiB)",
                    fr: "'\(file)' dépasse \(Self.maximumFile >> 20) Mio (\(Int(info.st_size) >> 20) Mio)"),
                hints: [Text(en: "a CCTP is text: move large annexes out of it", fr: "un CCTP est du texte : sortez-en les annexes volumineuses")])
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            throw JSFError(
                .refused, Text(en: "cannot read '\(file)'", fr: "impossible de lire '\(file)'"),
                hints: [Text(en: "check its permissions", fr: "vérifiez ses droits")])
        }
        return data
    }

    /// Whether a file of the working tree starts with a UTF-8 byte order mark.
    func worktreeHasByteOrderMark(_ file: String) -> Bool {
        // What `worktreeData` reads (a plain file, not too large), of which three bytes are enough.
        var info = stat()
        guard lstat(path(file), &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= Self.maximumFile,
            let handle = FileHandle(forReadingAtPath: path(file))
        else { return false }
        defer { try? handle.close() }
        return ((try? handle.read(upToCount: 3)) ?? nil).map { $0.starts(with: [0xEF, 0xBB, 0xBF]) } ?? false
    }

    /// The images of the working tree: every file under assets/ (path → bytes), folders and links included so that
    /// the checks can refuse them.
    public func worktreeAssets() throws(JSFError) -> [String: Data] {
        let fm = FileManager.default
        let folder = path(Assets.directory)
        var info = stat()
        if lstat(folder, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw JSFError(
                .refused,
                Text(
                    en: "'\(Assets.directory)' is not a folder of the working tree (a link or a file): nothing was read",
                    fr: "'\(Assets.directory)' n'est pas un dossier de la copie de travail (un lien ou un fichier) : rien n'a été lu"),
                hints: [Text(en: "put the images themselves in a folder assets/", fr: "mettez les images elles-mêmes dans un dossier assets/")])
        }
        guard let enumerator = fm.enumerator(atPath: folder) else { return [:] }
        var assets: [String: Data] = [:]
        while let relative = enumerator.nextObject() as? String {
            let full = folder + "/" + relative
            let type = (try? fm.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
            if type == .typeDirectory { continue }
            guard type == .typeRegular, let data = fm.contents(atPath: full) else {
                assets[Assets.directory + "/" + relative] = Data()
                continue
            }
            assets[Assets.directory + "/" + relative] = data
        }
        return assets
    }

    /// The images committed in `revision` (path under assets/ → bytes); a folder inside assets/ is listed as an
    /// empty file, for the checks to refuse.
    func assets(at revision: ObjectID) throws(JSFError) -> [String: Data] {
        try gitCall(Text(en: "cannot read assets/ at \(revision.short)", fr: "impossible de lire assets/ en \(revision.short)")) {
            try Workspace.assets(in: repository, at: revision)
        }
    }

    /// The images committed in `revision`.
    public func assets(at revision: RevisionID) throws(JSFError) -> [String: Data] {
        try assets(at: revision.objectID)
    }

    static func assets(in repository: Repository, at revision: ObjectID) throws(GitError) -> [String: Data] {
        var assets: [String: Data] = [:]
        for entry in try repository.treeEntries(at: revision, path: Assets.directory) {
            let path = Assets.directory + "/" + entry.name
            assets[path] = entry.mode == .blob || entry.mode == .executable ? try repository.blob(entry.id) : Data()
        }
        return assets
    }

    /// A file as committed in `revision`, nil when absent.
    func text(_ file: String, at revision: ObjectID) throws(JSFError) -> String? {
        let data = try gitCall(Text(en: "cannot read '\(file)' at \(revision.short)", fr: "impossible de lire '\(file)' en \(revision.short)")) {
            try repository.contents(ofPath: file, at: revision)
        }
        guard let data else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// A file as committed in `revision`, nil when absent.
    public func text(_ file: String, at revision: RevisionID) throws(JSFError) -> String? {
        try text(file, at: revision.objectID)
    }

    /// cctp.md as committed in `revision`; `name` ("v2", "HEAD") names the revision when it has none.
    public func cctp(at revision: RevisionID, name: String) throws(JSFError) -> String {
        try cctp(at: revision.objectID, name: name)
    }

    /// cctp.md as committed in `revision`; `name` ("v2", "HEAD") names the revision when it has none.
    func cctp(at revision: ObjectID, name: String) throws(JSFError) -> String {
        guard let source = try text(Layout.cctpFile, at: revision) else {
            throw JSFError(.refused, Text(en: "\(name) has no \(Layout.cctpFile)", fr: "\(name) n'a pas de \(Layout.cctpFile)"))
        }
        return source
    }

    /// The text and clause index of a draft, as published.
    public func published(_ draft: Draft) throws(JSFError) -> (source: String, index: ClauseIndex) {
        (try cctp(at: draft.commit, name: draft.name), try index(at: draft.commit))
    }

    /// The commit main points at; nil before the first commit.
    func headCommit() throws(JSFError) -> ObjectID? {
        try gitCall(Text(en: "cannot read HEAD", fr: "impossible de lire HEAD")) {
            repository.isHeadUnborn ? nil : try repository.resolveCommit("HEAD")
        }
    }

    /// The published drafts, oldest first, from one pass over refs/tags/v*.
    public func drafts() throws(JSFError) -> [Draft] {
        try gitCall(Text(en: "cannot list the drafts", fr: "impossible de lister les versions")) {
            var drafts: [Draft] = []
            for ref in try repository.references(matching: "refs/tags/v*") {
                guard let version = Layout.draftVersion(ofTag: ref.name), let target = ref.target else { continue }
                guard try repository.objectType(target) == .tag else { continue }
                let tag = try repository.tag(target)
                let commit = try repository.resolveCommit(ref.name)
                drafts.append(
                    Draft(
                        version: version, tag: target, commit: commit, date: tag.tagger?.time ?? Date(timeIntervalSince1970: 0),
                        offsetMinutes: tag.tagger?.offsetMinutes ?? 0, author: tag.tagger?.name ?? "", message: tag.messageWithoutSignature))
            }
            return drafts.sorted { $0.version < $1.version }
        }
    }

    /// A draft named "v2" or "2".
    public func draft(_ name: String) throws(JSFError) -> Draft {
        let all = try drafts()
        let digits = name.hasPrefix("v") ? String(name.dropFirst()) : name
        if let version = Int(digits), let draft = all.first(where: { $0.version == version }) { return draft }
        let known = all.map(\.name).joined(separator: ", ")
        throw JSFError(
            .refused,
            Text(
                en: "no draft '\(name)'" + (all.isEmpty ? " (nothing published yet)" : " (drafts: \(known))"),
                fr: "pas de version '\(name)'" + (all.isEmpty ? " (rien n'est encore publié)" : " (versions : \(known))")),
            hints: [Text(en: "'jsf log' lists the drafts", fr: "'jsf log' liste les versions")])
    }

    /// The consultation as committed in `revision`.
    public func consultation(at revision: RevisionID) throws(JSFError) -> Consultation {
        try consultation(at: revision.objectID)
    }

    /// The consultation as committed in `revision`.
    func consultation(at revision: ObjectID) throws(JSFError) -> Consultation {
        guard let text = try text(Layout.consultationFile, at: revision) else {
            throw JSFError(
                .refused,
                Text(en: "\(revision.short) has no \(Layout.consultationFile)", fr: "\(revision.short) n'a pas de \(Layout.consultationFile)"))
        }
        return try Self.require(Consultation.parse(text, file: "\(revision.short):\(Layout.consultationFile)"), file: Layout.consultationFile)
    }

    /// The consultation of the working tree.
    public func worktreeConsultation() throws(JSFError) -> Consultation {
        guard let text = try worktreeText(Layout.consultationFile) else {
            throw JSFError(
                .refused,
                Text(
                    en: "\(Layout.consultationFile) is missing from the working tree",
                    fr: "\(Layout.consultationFile) manque dans la copie de travail"),
                hints: [
                    Text(
                        en: "restore it with 'git checkout -- \(Layout.consultationFile)'",
                        fr: "restaurez-le avec 'git checkout -- \(Layout.consultationFile)'")
                ])
        }
        return try Self.require(Consultation.parse(text), file: Layout.consultationFile)
    }

    /// The clause index as committed in `revision`.
    public func index(at revision: RevisionID) throws(JSFError) -> ClauseIndex {
        try index(at: revision.objectID)
    }

    /// The clause index as committed in `revision`.
    func index(at revision: ObjectID) throws(JSFError) -> ClauseIndex {
        guard let text = try text(Layout.indexFile, at: revision) else {
            throw JSFError(.refused, Text(en: "\(revision.short) has no \(Layout.indexFile)", fr: "\(revision.short) n'a pas de \(Layout.indexFile)"))
        }
        return try Self.require(ClauseIndex.parse(text, file: "\(revision.short):\(Layout.indexFile)"), file: Layout.indexFile)
    }

    static func require<T>(_ parsed: (T?, [Problem]), file: String) throws(JSFError) -> T {
        let errors = parsed.1.filter { $0.severity == .error }
        guard let value = parsed.0, errors.isEmpty else {
            throw JSFError(
                .refused, Text(en: "'\(file)' is invalid", fr: "'\(file)' est invalide"),
                hints: [Text(en: "run 'jsf check' for the details", fr: "lancez 'jsf check' pour le détail")],
                problems: errors)
        }
        return value
    }

    /// Writes working-tree files atomically.
    func writeWorktree(_ files: [String: String]) throws(JSFError) {
        for (file, text) in files.sorted(by: { $0.key < $1.key }) {
            do {
                try AtomicFile.write(text, to: path(file))
            } catch {
                throw JSFError.writing(file, error)
            }
        }
    }
}
