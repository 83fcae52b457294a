import Foundation
internal import Git

/// A hub: the bare repository everybody pushes to, which enforces the rules itself (DESIGN.md §3).
public enum Hub {
    public enum Kind: String, Sendable { case consultation, catalogue }

    /// The configuration a hub carries: refusals git itself applies before the hook runs.
    static let settings = [
        ("receive.denyNonFastForwards", "true"), ("receive.denyDeletes", "true"), ("receive.fsckObjects", "true"),
        ("transfer.fsckObjects", "true"), ("http.receivepack", "true"),
    ]

    /// The pre-receive hook: it runs the jsf at `executable`; edit the path there if jsf moves.
    public static func hookScript(executable: String) -> String {
        let quoted = "'" + executable.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return """
            #!/bin/sh
            # Written by 'jsf hub init': jsf checks every push against the consultation's rules (who may write
            # which ref, signatures, valid files, rounds). If jsf moves, change the path below (docs/hosting.md).
            exec \(quoted) hook pre-receive

            """
    }

    /// Creates a bare hub at `path` (which must not hold a repository), or equips an existing bare repository
    /// (`existing`), with the settings and the hook.
    @discardableResult
    /// `fixedClock` (a hub made while JSF_NOW was set: tests, demonstrations) lets the hook take its clock from JSF_NOW
    /// too; any other hub judges by the system clock, whatever a pusher's environment says.
    public static func initialise(
        at path: String, kind: Kind, executable: String, existing: Bool = false,
        fixedClock: Bool = false
    ) throws(JSFError) -> String {
        let repository: Repository
        do throws(GitError) {
            repository = existing ? try Repository.open(at: path) : try Repository.create(at: path, bare: true, initialBranch: Layout.mainBranch)
        } catch  where error.code == .exists {
            throw JSFError(
                .refused, Text(en: "'\(path)' already holds a repository", fr: "'\(path)' contient déjà un dépôt"),
                hints: [Text(en: "give a new path", fr: "donnez un nouveau chemin")])
        } catch {
            throw JSFError(.repository, Text(en: "cannot create the hub '\(path)'", fr: "impossible de créer le hub '\(path)'"), cause: "\(error)")
        }
        guard repository.isBare else {
            throw JSFError(.refused, Text(en: "'\(path)' is not a bare repository", fr: "'\(path)' n'est pas un dépôt nu"))
        }
        try gitCall(Text(en: "cannot configure the hub '\(path)'", fr: "impossible de configurer le hub '\(path)'")) {
            for (key, value) in settings { try repository.setConfigValue(key, value) }
            try repository.setConfigValue("jsf.hub", kind.rawValue)
            if fixedClock { try repository.setConfigValue("jsf.clock", "environment") }
        }
        let hook = repository.gitDirectory + "/hooks/pre-receive"
        do {
            try FileManager.default.createDirectory(atPath: repository.gitDirectory + "/hooks", withIntermediateDirectories: true)
            try AtomicFile.write(Data(hookScript(executable: executable).utf8), to: hook, permissions: 0o755)
        } catch {
            throw JSFError(
                .repository, Text(en: "cannot write the hook '\(hook)'", fr: "impossible d'écrire le crochet '\(hook)'"), cause: "\(error)")
        }
        return repository.gitDirectory
    }

    /// One line of the pre-receive hook's input: `<old> <new> <ref>`.
    public struct Update: Sendable, Equatable {
        var old: ObjectID?
        var new: ObjectID?
        public var ref: String
    }

    /// Parses the hook's standard input strictly: three fields, 40 hex digits each (zero = absent), and a ref without
    /// control characters (git's refs have none). Lines and fields are cut at the bytes "\n" and " ", not at Swift's
    /// characters, where "\r\n" is one character (found by scripts/fuzz: a CRLF line kept "\r" in its ref).
    public static func parseUpdates(_ input: String) throws(JSFError) -> [Update] {
        var updates: [Update] = []
        for (number, line) in input.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            guard fields.count == 3, let old = ObjectID(hex: fields[0]), let new = ObjectID(hex: fields[1]), !fields[2].isEmpty,
                !fields[2].unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "hook input line \(number + 1) is not '<old> <new> <ref>'",
                        fr: "la ligne \(number + 1) reçue par le crochet n'est pas '<ancien> <nouveau> <ref>'"))
            }
            updates.append(Update(old: old.isZero ? nil : old, new: new.isZero ? nil : new, ref: fields[2]))
        }
        return updates
    }

    /// The hook's review, in the repository git's environment names (with the pushed objects in quarantine).
    public static func review(_ updates: [Update], clock: Clock) throws(JSFError) -> [RefVerdict] {
        let repository = try gitCall(Text(en: "cannot open the hub", fr: "impossible d'ouvrir le hub")) { try Repository.openFromEnvironment() }
        return try review(updates, repository: repository, now: now(of: repository, fixed: clock.now))
    }

    /// The hub's clock: `fixed` (JSF_NOW) only for a hub made under a fixed clock, the system's otherwise.
    static func now(of repository: Repository, fixed: Date) -> Date {
        (try? repository.configValue("jsf.clock")) == "environment" ? fixed : Date()
    }

    /// What the hook decides for one push: every ref's verdict (the push is refused when one fails).
    static func review(_ updates: [Update], repository: Repository, now: Date) throws(JSFError) -> [RefVerdict] {
        let kind = (try? repository.configValue("jsf.hub")).flatMap { $0.flatMap(Kind.init(rawValue:)) } ?? .consultation
        if kind == .catalogue { return try CatalogueTrust.review(updates, repository: repository) }
        return try gitCall(Text(en: "cannot read the hub", fr: "impossible de lire le hub")) {
            // Only the refs the rules read: the work depends on the push, not on how many branches the hub holds.
            var trusted: [String: ObjectID] = [:]
            for name in [Layout.main, Layout.dialogue, Layout.published] {
                if let tip = try repository.reference(named: name)?.target { trusted[name] = tip }
            }
            for ref in try repository.references(matching: "refs/tags/*") {
                if let target = ref.target { trusted[ref.name] = target }
            }
            var proposed: [String: ObjectID?] = [:]
            for update in updates {
                if let old = update.old { trusted[update.ref] = old }
                proposed[update.ref] = .some(update.new)
            }
            let verifier = Verifier(repository: repository, trusted: trusted, proposed: proposed, mode: .hook, now: now) { name in
                try? repository.reference(named: name)?.target
            }
            return verifier.verify()
        }
    }
}
