import Foundation
import JeSaisFaire

/// What `jsf audit-anonymity --json` prints (docs/cli.md), kept apart from the domain's types so that the JSON stays
/// stable when the model changes.
extension AuditAnonymity {
    struct Output: Encodable {
        struct Finding: Encodable {
            /// commit, tag, blob, tree-entry, ref, reflog, config or file.
            var kind: String
            /// The place in words, as the text output writes it.
            var location: String
            var object: String?
            var ref: String?
            var commit: String?
            var path: String?
            var line: Int?
            /// The header or part: author, committer, tagger, message, name, identity, time; the key for config.
            var field: String?
            /// Whom it names (the --identity's organisation, the git identity); absent for a time-zone offset.
            var identity: String?
            var message: String
        }
        struct Skipped: Encodable {
            var object: String
            var size: Int
        }
        struct Scanned: Encodable {
            var objects: Int
            var refs: Int
            var reflogLines: Int
            var configEntries: Int
            var files: Int
            var binaryBlobs: Int
        }
        var ok: Bool
        var repository: String
        var identities: [String]
        var scanned: Scanned
        var skipped: [Skipped]
        var findings: [Finding]

        init(_ report: AnonymityAudit.Report, console c: Console) {
            ok = report.clean
            repository = report.repository
            identities = report.targets.map(\.label)
            scanned = Scanned(
                objects: report.objects, refs: report.refs, reflogLines: report.reflogLines, configEntries: report.configEntries,
                files: report.files, binaryBlobs: report.binaryBlobs)
            skipped = report.skipped.map { Skipped(object: $0.id, size: $0.size) }
            findings = report.findings.map { finding in
                var out = Finding(
                    kind: "", location: AuditAnonymity.describe(finding.place, c), identity: finding.target, message: c.t(finding.what))
                switch finding.place {
                case .commit(let id, let ref, let field):
                    (out.kind, out.object, out.ref, out.field) = ("commit", id, ref, field)
                case .tag(let id, let ref, let field):
                    (out.kind, out.object, out.ref, out.field) = ("tag", id, ref, field)
                case .blob(let id, let ref, let commit, let path, let line):
                    (out.kind, out.object, out.ref, out.commit, out.path, out.line) = ("blob", id, ref, commit, path, line)
                case .treeEntry(let tree, let ref, let commit, let path):
                    (out.kind, out.object, out.ref, out.commit, out.path) = ("tree-entry", tree, ref, commit, path)
                case .ref(let name):
                    (out.kind, out.ref) = ("ref", name)
                case .reflog(let file, let line, let field):
                    (out.kind, out.path, out.line, out.field) = ("reflog", file, line, field)
                case .config(let key):
                    (out.kind, out.field) = ("config", key)
                case .file(let path, let line):
                    (out.kind, out.path, out.line) = ("file", path, line)
                }
                return out
            }
        }
    }
}
