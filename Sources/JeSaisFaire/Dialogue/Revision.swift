import Foundation
internal import Git

public struct RevisionResult: Sendable {
    /// Proposals applied to cctp.md by this run.
    public var applied: [ProposalView]
    /// Every proposal the next draft will integrate (this run's and earlier runs').
    public var pending: [String]
    /// Accepted alternatives not applied yet.
    public var acceptable: [ProposalView]
    /// By proposal id, for the alternatives of this run that replaced a section: the sub-clauses kept, added, removed.
    public var sections: [String: SectionReplacement] = [:]
}

/// `jsf revise`: applies accepted alternatives to the working tree and remembers them for the next draft.
public enum Revision {
    /// The list of proposals the next draft integrates, kept beside the repository (not committed).
    static func pendingPath(_ workspace: Workspace) -> String { workspace.repository.gitDirectory + "/jsf/integrates" }

    public static func pending(_ workspace: Workspace) -> [String] {
        guard let text = try? String(contentsOfFile: pendingPath(workspace), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    static func savePending(_ ids: [String], _ workspace: Workspace) throws(JSFError) {
        let path = pendingPath(workspace)
        do {
            if ids.isEmpty {
                try? FileManager.default.removeItem(atPath: path)
                return
            }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(ids.joined(separator: "\n") + "\n", to: path)
        } catch {
            throw JSFError(
                .repository, Text(en: "cannot record the revision in '\(path)'", fr: "impossible d'enregistrer la révision dans '\(path)'"),
                cause: "\(error)")
        }
    }

    /// True when the text carries what the proposal proposes: its clause text (its section's, for a section),
    /// or its weights.
    static func isApplied(_ proposal: Proposal, in clauses: [Clause], text source: CCTPText) -> Bool {
        let byID = Dictionary(clauses.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let weights = proposal.weights, !weights.allSatisfy({ byID[$0.id]?.weight == $0.weight }) { return false }
        if let text = proposal.proposedText, proposal.weights == nil || byID[proposal.target]?.kind == .clause {
            let proposed = CCTPText(parsing: text)
            if !proposed.headings.isEmpty || proposal.sectionHash != nil {
                // The ids written into the headings when it was applied are not part of what was proposed.
                return source.plainSection(ofClause: proposal.target) == proposed.plainText()
            }
            guard let body = byID[proposal.target]?.body else { return false }
            return body.trimmedLines.trimmingCharacters(in: .whitespacesAndNewlines)
                == text.trimmedLines.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return true
    }

    /// True when what a proposal targets is still in the text and differs from the previous draft's: the agent applied
    /// it and adjusted it by hand since (its clause's text or section, or one of its criteria's weights, changed).
    static func isAdjusted(_ proposal: Proposal, in clauses: [Clause], since previous: [Clause]?) -> Bool {
        let byID = Dictionary(clauses.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        guard let target = byID[proposal.target] else { return false }
        guard let previous else { return true }
        let before = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let weights = proposal.weights, weights.contains(where: { byID[$0.id]?.weight != before[$0.id]?.weight }) { return true }
        guard proposal.proposedText != nil else { return false }
        return target.contentHash != before[proposal.target]?.contentHash
            || clauses.sectionHash(of: proposal.target) != previous.sectionHash(of: proposal.target)
    }

    static func revise(_ workspace: Workspace, apply ids: [String], context: Context) throws(JSFError) -> RevisionResult {
        let listing = try Dialogue.listing(workspace, role: .agent)
        let (views, current) = (listing.views, listing.current)
        guard current != nil else {
            throw JSFError(
                .refused,
                Text(en: "no draft is published yet: there is nothing to revise", fr: "aucune version n'est publiée : il n'y a rien à réviser"))
        }
        var pending = pending(workspace)
        let acceptable = views.filter { view in
            view.proposal.kind == .alternative && view.record.state == .open
                && [.accepted, .partiallyAccepted].contains(view.response?.status) && !pending.contains(view.proposal.id)
        }
        guard !ids.isEmpty else { return RevisionResult(applied: [], pending: pending, acceptable: acceptable) }
        guard var source = try workspace.worktreeText(Layout.cctpFile) else {
            throw JSFError(.refused, Text(en: "cctp.md is missing from the working tree", fr: "cctp.md manque dans la copie de travail"))
        }
        var applied: [ProposalView] = []
        var sections: [String: SectionReplacement] = [:]
        for id in ids {
            let view = try Dialogue.find(id, in: views, invalid: listing.invalid)
            let p = view.proposal
            guard p.kind == .alternative else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "\(p.id) is a \(p.kind.rawValue), not an alternative: there is no text or weight to apply",
                        fr: "\(p.id) est une \(p.kind.label.fr), pas une alternative : il n'y a ni texte ni pondération à appliquer"))
            }
            // Applying it would publish it in the next draft: only its company's specific consent allows that.
            if p.confidential { throw Confidential.applyRefusal(p) }
            guard view.record.state == .open else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "\(p.id) is \(view.record.state.rawValue)", fr: "\(p.id) est \(view.record.state == .withdrawn ? "retirée" : "remplacée")"
                    ))
            }
            guard [.accepted, .partiallyAccepted].contains(view.response?.status) else {
                throw JSFError(
                    .refused,
                    Text(en: "\(p.id) is not accepted (status: \(view.status))", fr: "\(p.id) n'est pas acceptée (statut : \(view.status))"),
                    hints: [
                        Text(
                            en: "accept it first: jsf comment \(p.id) --status accepted -m …",
                            fr: "acceptez-la d'abord : jsf comment \(p.id) --status accepted -m …")
                    ])
            }
            if pending.contains(p.id) || applied.contains(where: { $0.proposal.id == p.id }) {
                throw JSFError(
                    .refused,
                    Text(
                        en: "\(p.id) is already applied; 'jsf publish' will integrate it",
                        fr: "\(p.id) est déjà appliquée ; 'jsf publish' l'intégrera"))
            }
            // The target must still be what the company saw: in the latest draft and in the working tree.
            let text = CCTPText(parsing: source)
            // New headings may still lack ids (publish assigns them): look the target up as publish will see it.
            let clauses = (try? CCTPText(parsing: text.assigningIDs().text).clauses()) ?? []
            guard let clause = clauses.first(where: { $0.id == p.target }) else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "\(p.id) targets '\(p.target)', which is no longer in cctp.md",
                        fr: "\(p.id) vise '\(p.target)', qui n'est plus dans cctp.md"))
            }
            // A text replaces the section the company saw: it must be as it was, sub-clauses included.
            let draft = try Dialogue.draftSource(workspace, version: p.version)
            let sectionThen = draft.flatMap { try? CCTPText(parsing: $0).clauses() }?.sectionHash(of: p.target)
            let sectionNow = clauses.sectionHash(of: p.target)
            let sectionChanged = p.proposedText != nil && sectionThen != sectionNow
            if view.carry == .outdated || clause.contentHash != p.targetHash || sectionChanged {
                var seen = draft.flatMap { Dialogue.clauseBody($0, id: p.target) } ?? ""
                var now = clause.body
                if sectionThen != nil || sectionNow != nil {
                    seen = draft.flatMap { Reading.clauseSource($0, id: p.target, withSubclauses: true) } ?? ""
                    now = Reading.clauseSource(source, id: p.target, withSubclauses: true) ?? ""
                }
                throw JSFError(
                    .refused,
                    Text(
                        en: "'\(p.target)' changed since Company \(p.pseudonym) saw it in v\(p.version): \(p.id) cannot be applied as is",
                        fr:
                            "'\(p.target)' a changé depuis que l'Entreprise \(p.pseudonym) l'a vue dans la v\(p.version) : \(p.id) ne peut pas être appliquée telle quelle"
                    ),
                    hints: [
                        Text(
                            en: "what changed:\n" + WordDiff.redline(seen, now, style: .plain),
                            fr: "ce qui a changé :\n" + WordDiff.redline(seen, now, style: .plain)),
                        Text(
                            en: "edit cctp.md by hand, or ask the company to amend its proposal",
                            fr: "modifiez cctp.md à la main, ou demandez à l'entreprise de modifier sa proposition"),
                    ])
            }
            // An alternative on a section replaces the whole of it; one written before jsf knew sections (no section
            // hash for a target that had sub-clauses) meant the clause's own text.
            let ownTextOnly = p.sectionHash == nil && sectionThen != nil
            if let proposed = p.proposedText, clause.kind == .clause || p.weights == nil, !ownTextOnly,
                sectionNow != nil || !CCTPText(parsing: proposed).headings.isEmpty
            {
                guard let (updated, replacement) = try text.replacingSection(ofClause: p.target, with: proposed) else {
                    throw JSFError(
                        .refused, Text(en: "cannot replace the section '\(p.target)'", fr: "impossible de remplacer la section '\(p.target)'"))
                }
                source = updated
                sections[p.id] = replacement
            } else if let proposed = p.proposedText, clause.kind == .clause || p.weights == nil {
                guard let updated = text.replacingBody(ofClause: p.target, with: proposed) else {
                    throw JSFError(
                        .refused, Text(en: "cannot replace the text of '\(p.target)'", fr: "impossible de remplacer le texte de '\(p.target)'"))
                }
                source = updated
            }
            if let weights = p.weights {
                for (criterion, weight) in weights {
                    guard let updated = CCTPText(parsing: source).settingWeight(ofCriterion: criterion, to: weight) else {
                        throw JSFError(
                            .refused,
                            Text(
                                en: "criterion '\(criterion)' of \(p.id) is not in cctp.md",
                                fr: "le critère '\(criterion)' de \(p.id) n'est pas dans cctp.md"))
                    }
                    source = updated
                }
            }
            applied.append(view)
        }
        do {
            try AtomicFile.write(source, to: workspace.path(Layout.cctpFile))
        } catch {
            throw JSFError(.repository, Text(en: "cannot write cctp.md", fr: "impossible d'écrire cctp.md"), cause: "\(error)")
        }
        pending += applied.map(\.proposal.id)
        try savePending(pending, workspace)
        return RevisionResult(
            applied: applied, pending: pending, acceptable: acceptable.filter { !pending.contains($0.proposal.id) }, sections: sections)
    }
}
