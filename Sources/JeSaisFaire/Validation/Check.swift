import Foundation
internal import Git

/// What `jsf check` found, errors first.
public struct CheckReport: Sendable {
    public var problems: [Problem]

    public var errors: [Problem] { problems.filter { $0.severity == .error } }
    public var warnings: [Problem] { problems.filter { $0.severity == .warning } }
    public var passed: Bool { errors.isEmpty }
}

/// The rules of a well-formed consultation (DESIGN.md §2), applied to texts wherever they come from.
public enum Checker {
    /// Problems of a cctp.md text: ids, attributes, weights (which must sum to 100 and agree with the criteria's text).
    public static func checkText(_ text: CCTPText, file: String, requireIDs: Bool) -> [Problem] {
        var problems = text.problems(requireIDs: requireIDs, file: file)
        problems += weightTextProblems(text, file: file)
        problems += Footnotes.problems(text, file: file)
        let criteria = text.headings.filter { $0.classes.contains("criterion") }
        let weights = criteria.compactMap { heading in heading.attributes["weight"].flatMap { Int($0) } }
        if criteria.isEmpty {
            problems.append(
                Problem(
                    .warning, file: file, code: "criteria.none",
                    en: "no award criteria: mark each criterion heading with {.criterion weight=N}",
                    fr: "aucun critère d'attribution : marquez chaque titre de critère avec {.criterion weight=N}"))
        } else if weights.count == criteria.count {
            let sum = weights.reduce(0, +)
            if sum != 100 {
                let detail = zip(criteria, weights).map { "\($0.0.id ?? $0.0.text) \($0.1)" }.joined(separator: ", ")
                problems.append(
                    Problem(
                        file: file, line: criteria.first?.line, code: "criteria.sum",
                        en: "criteria weights sum to \(sum), not 100 (\(detail))",
                        fr: "les pondérations des critères totalisent \(sum), pas 100 (\(detail))"))
            }
        }
        return problems
    }

    /// Entries of a commit of main that a clone must never check out: a symbolic link (it would point a reader, or
    /// the next `publish`, at a file outside the consultation) or a submodule, at the top or under assets/.
    static func treeProblems(_ repository: Repository, at commit: ObjectID, prefix: String) throws(GitError) -> [Problem] {
        var problems: [Problem] = []
        for (folder, entries) in [
            ("", try repository.treeEntries(at: commit, path: "")),
            (Assets.directory + "/", try repository.treeEntries(at: commit, path: Assets.directory)),
        ] {
            for entry in entries where entry.mode == .link || entry.mode == .commit {
                problems.append(
                    Problem(
                        file: prefix + folder + entry.name, code: "file.link",
                        en: entry.mode == .link
                            ? "is a symbolic link: a consultation holds only plain files, and no clone checks a link out"
                            : "is a submodule: a consultation holds only plain files",
                        fr: entry.mode == .link
                            ? "est un lien symbolique : une consultation ne contient que des fichiers ordinaires, et aucune copie n'extrait de lien"
                            : "est un sous-module : une consultation ne contient que des fichiers ordinaires"))
            }
        }
        return problems
    }

    /// The consultation's id is part of every company's pseudonym: changed, every company would silently become
    /// someone new. The hook refuses it as well.
    static func idChanged(from before: String, to now: String, file: String, text: String) -> Problem {
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("id:") }.map { $0 + 1 }
        return Problem(
            file: file, line: line, key: "id", code: "consultation.id-changed",
            en: "the id changed from '\(before)' to '\(now)': it is part of every pseudonym and cannot change (put back 'id: \(before)')",
            fr:
                "l'identifiant est passé de '\(before)' à '\(now)' : il entre dans chaque pseudonyme et ne peut pas changer (remettez 'id: \(before)')"
        )
    }

    /// Checks the working tree (lenient: ids may still be missing, the index may lag until publish) and HEAD (strict).
    static func check(_ workspace: Workspace) throws(JSFError) -> CheckReport {
        var problems: [Problem] = []
        let head = try workspace.headCommit()
        var worktree: [String: String?] = [:]
        for file in Layout.files { worktree[file] = try workspace.worktreeText(file) }
        let worktreeAssets = try workspace.worktreeAssets()
        // The outlines of both cctp.md, by blob id: the working tree's is HEAD's when the text is the same.
        var committedCCTP: (text: String?, id: ObjectID?) = (nil, nil)
        if let head { committedCCTP = (try workspace.text(Layout.cctpFile, at: head), try workspace.blobIDs(at: head)[Layout.cctpFile]) }
        let worktreeOutline = (worktree[Layout.cctpFile] ?? nil).map { workspace.outline(ofCCTP: $0, committed: committedCCTP) }
        problems += checkFiles(worktree, assets: worktreeAssets, prefix: "", strict: false, outline: worktreeOutline)
        for file in Layout.files where workspace.worktreeHasByteOrderMark(file) {
            problems.append(
                Problem(
                    .warning, file: file, line: 1, code: "file.bom",
                    en: "starts with a byte order mark (BOM), which is no text: jsf leaves it out",
                    fr: "commence par une marque d'ordre des octets (BOM), qui n'est pas du texte : jsf l'ignore"))
        }
        // Against the last published draft (HEAD may already carry a hand-made commit of the change).
        if let published = try workspace.drafts().last?.commit ?? head, let yml = worktree[Layout.consultationFile] ?? nil,
            let now = Consultation.parse(yml).0,
            let committed = try workspace.text(Layout.consultationFile, at: published), let before = Consultation.parse(committed).0,
            before.id != now.id
        {
            problems.append(idChanged(from: before.id, to: now.id, file: Layout.consultationFile, text: yml))
        }
        if let head {
            var committed: [String: String?] = [:]
            for file in Layout.files { committed[file] = file == Layout.cctpFile ? committedCCTP.text : try workspace.text(file, at: head) }
            let committedAssets = try workspace.assets(at: head)
            problems += try gitCall { () throws(GitError) in try treeProblems(workspace.repository, at: head, prefix: "HEAD:") }
            let headOutline = committedCCTP.text.map { workspace.outline(ofCCTP: $0, committed: committedCCTP) }
            let headProblems = checkFiles(committed, assets: committedAssets, prefix: "HEAD:", strict: true, outline: headOutline)
            // A file the working tree did not change would only repeat its findings.
            problems += headProblems.filter { problem in
                let file = String(problem.file.dropFirst("HEAD:".count))
                if file.hasPrefix(Assets.directory) || problem.code.hasPrefix("image.") {
                    return worktreeAssets != committedAssets || (worktree[Layout.cctpFile] ?? nil) != (committed[Layout.cctpFile] ?? nil)
                }
                return problem.code.hasPrefix("index.") || (worktree[file] ?? nil) != (committed[file] ?? nil)
            }
        }
        return CheckReport(
            problems: problems.sorted {
                ($0.severity == .error ? 0 : 1, $0.file, $0.line ?? 0) < ($1.severity == .error ? 0 : 1, $1.file, $1.line ?? 0)
            })
    }

    /// Checks one set of the three files and the images (path under assets/ → bytes); `strict` demands ids and an
    /// index in step.
    public static func checkFiles(_ files: [String: String?], assets: [String: Data] = [:], prefix: String, strict: Bool) -> [Problem] {
        checkFiles(files, assets: assets, prefix: prefix, strict: strict, outline: nil)
    }

    /// The same, given the outline of the cctp.md of `files` when it is known: a text whose headings it found clean
    /// is not parsed again.
    static func checkFiles(_ files: [String: String?], assets: [String: Data], prefix: String, strict: Bool, outline: CCTPOutline?) -> [Problem] {
        let cctpSource = files[Layout.cctpFile] ?? nil
        let known = cctpSource == nil ? nil : outline.flatMap { $0.clean && $0.clauses != nil ? $0 : nil }
        var problems =
            known.map { Assets.problems(assets, images: $0.images, prefix: prefix) }
            ?? Assets.problems(assets, cctp: cctpSource, prefix: prefix)
        for file in Layout.files {
            guard let text = files[file] ?? nil, let nul = text.utf8.firstIndex(of: 0) else { continue }
            let line = text.utf8[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            problems.append(
                Problem(
                    file: prefix + file, line: line, code: "file.nul",
                    en: "holds a NUL byte: a consultation's files are text (a binary file pasted in, or a bad conversion?)",
                    fr:
                        "contient un octet NUL : les fichiers d'une consultation sont du texte (un fichier binaire collé, ou une mauvaise conversion ?)"
                ))
        }
        for file in Layout.files where (files[file] ?? nil) == nil {
            problems.append(Problem(file: prefix + file, code: "file.missing", en: "'\(file)' is missing", fr: "'\(file)' est absent"))
        }
        if let yml = files[Layout.consultationFile] ?? nil {
            problems += Consultation.parse(yml, file: prefix + Layout.consultationFile).1
        }
        guard let cctp = files[Layout.cctpFile] ?? nil else { return problems }
        // A clean outline: `checkText` finds nothing, whether ids are required or not, and the clauses are known.
        let text = known == nil ? CCTPText(parsing: cctp) : nil
        if let text { problems += checkText(text, file: prefix + Layout.cctpFile, requireIDs: strict) }
        guard let indexText = files[Layout.indexFile] ?? nil else { return problems }
        let (index, indexProblems) = ClauseIndex.parse(indexText, file: prefix + Layout.indexFile)
        problems += indexProblems
        guard let index, indexProblems.isEmpty else { return problems }
        let derived: ClauseIndex
        if let text {
            guard let clauses = try? text.clauses() else { return problems }
            derived = ClauseIndex.derive(from: clauses, previous: index, version: 0)
        } else {
            guard let fromOutline = known?.index(previous: index, version: 0) else { return problems }
            derived = fromOutline
        }
        if !derived.sameContent(as: index) {
            let written = Dictionary(index.entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let expected = Set(derived.entries.map(\.id))
            let differences =
                derived.entries.compactMap { entry -> String? in
                    guard let old = written[entry.id] else { return "+\(entry.id)" }
                    return old.sameContent(as: entry) ? nil : "~\(entry.id)"
                } + index.entries.filter { !expected.contains($0.id) }.map { "-\($0.id)" }
            let detail = (differences.isEmpty ? ["order"] : differences).prefix(8).joined(separator: " ")
            problems.append(
                Problem(
                    strict ? .error : .warning, file: prefix + Layout.indexFile, code: "index.stale",
                    en: strict
                        ? "clauses.yml is out of step with cctp.md (\(detail))"
                        : "clauses.yml is out of step with cctp.md (\(detail)); 'jsf publish' regenerates it",
                    fr: strict
                        ? "clauses.yml ne correspond pas à cctp.md (\(detail))"
                        : "clauses.yml ne correspond pas à cctp.md (\(detail)) ; 'jsf publish' le régénère"))
        }
        return problems
    }
}
