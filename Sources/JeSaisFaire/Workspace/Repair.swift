import Foundation
internal import Git

/// What `jsf repair` is asked to do.
public struct RepairRequest: Sendable {
    /// List what would be removed; remove nothing.
    public var dryRun: Bool
    /// Also repair the hub, when it is a path on this machine.
    public var hub: Bool

    public init(dryRun: Bool = false, hub: Bool = false) {
        self.dryRun = dryRun
        self.hub = hub
    }
}

/// What `jsf repair` found and did.
public struct RepairReport: Sendable {
    /// Every leftover found, stale or still held.
    public var leftovers: [Leftover]
    /// The paths removed (none with --dry-run).
    public var removed: Set<String>
    /// The work tree's root, for showing repository paths relative to it.
    public var root: String
    /// The hub's directory, when it was inspected.
    public var hub: String?

    public var stale: [Leftover] { leftovers.filter(\.isStale) }
    public var held: [Leftover] { leftovers.filter { !$0.isStale } }
}

/// `jsf repair`: removes what a killed jsf or git left behind — stale `*.lock` files, AtomicFile temporaries,
/// temporary packs and objects — in the repository and, on request, in a hub on this machine. A file is removed only
/// when no jsf holds the repository (its writer lock, taken alone for the whole repair, so that no jsf starts
/// meanwhile), no process has it open, and no git command that started before it was written runs there.
public enum Repair {
    public static func run(_ context: Context, _ request: RepairRequest) throws(JSFError) -> RepairReport {
        let workspace = try Workspace.open(context)
        let repository = workspace.repository
        var targets: [(gitDirectory: String, workTree: String?, place: Leftover.Place)] = [
            (resolved(repository.gitDirectory), resolved(workspace.root), .repository)
        ]
        var hubPath: String?
        if request.hub {
            guard let url = try Sync.hub(of: workspace) else {
                throw JSFError(
                    .refused,
                    Text(en: "this consultation has no hub (no remote 'origin')", fr: "cette consultation n'a pas de hub (pas de remote 'origin')"))
            }
            guard let path = Sync.localHubPath(url, root: workspace.root), FileManager.default.fileExists(atPath: path) else {
                throw JSFError(
                    .refused,
                    Text(en: "the hub '\(url)' is not a path on this machine", fr: "le hub '\(url)' n'est pas un chemin de cette machine"),
                    hints: [
                        Text(
                            en: "a hub behind a server is repaired on that server, by its host",
                            fr: "un hub derrière un serveur se répare sur ce serveur, par son hébergeur")
                    ])
            }
            let gitDirectory = resolved(Leftovers.gitDirectory(ofRepository: path))
            let workTree = gitDirectory.hasSuffix("/.git") ? String(gitDirectory.dropLast(5)) : nil
            targets.append((gitDirectory, workTree, .hub))
            hubPath = gitDirectory
        }
        var report = RepairReport(leftovers: [], removed: [], root: resolved(workspace.root), hub: hubPath)
        for target in targets {
            var exclusive: WriterLock?
            if !request.dryRun {
                switch WriterLock.exclusive(gitDirectory: target.gitDirectory) {
                case .held(let lock): exclusive = lock
                case .busy(let owner): throw busy(owner, place: target.place)
                case .unlocked: break
                }
            }
            defer { exclusive?.release() }
            let found = Leftovers.find(gitDirectory: target.gitDirectory, workTree: target.workTree, place: target.place)
            report.leftovers += found
            guard !request.dryRun else { continue }
            for leftover in found where leftover.isStale {
                if try Leftovers.remove(leftover, gitDirectory: target.gitDirectory, workTree: target.workTree) {
                    report.removed.insert(leftover.path)
                }
            }
        }
        return report
    }

    static func busy(_ owner: LockOwner, place: Leftover.Place) -> JSFError {
        let here = place == .hub ? Text(en: "the hub", fr: "le hub") : Text(en: "this repository", fr: "ce dépôt")
        return JSFError(
            .refused,
            Text(
                en: "\(owner.words.en) is running in \(here.en): nothing was removed",
                fr: "\(owner.words.fr) tourne dans \(here.fr) : rien n'a été supprimé"),
            hints: [
                Text(
                    en: "run 'jsf repair' again when it is done; the locks it holds are not stale",
                    fr: "relancez 'jsf repair' quand il aura fini ; les verrous qu'il tient ne sont pas abandonnés")
            ])
    }

    /// The path with its symbolic links resolved, as /proc names open files.
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
