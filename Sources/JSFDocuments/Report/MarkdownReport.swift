import Foundation
import JeSaisFaire

/// The report as pandoc-friendly Markdown: a YAML metadata block (title, lang, date), one top-level heading per
/// section, pipe tables for the totals, redlines in fenced blocks with git's `[-deleted-]{+inserted+}` markers.
/// Short texts from the repository are backslash-escaped; long ones (justifications, answers) keep their own
/// Markdown in block quotes, with raw HTML neutralised.
public enum MarkdownReport {
    public static func render(_ report: DialogueReport, language: Language) -> String {
        var r = Renderer(w: ReportWords(language: language, names: report.clauseNames, zone: report.consultation.timeZone), report: report)
        r.document()
        return r.out
    }

    /// A block of the repository's Markdown, kept as written, raw HTML and entities neutralised, its headings made bold
    /// lines (the report's outline stays its own), each line prefixed.
    static func block(_ text: String, prefix: String) -> String {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for heading in MarkdownHTML.headings(lines.joined(separator: "\n")).reversed() {
            let first = lines[heading.lines.lowerBound - 1]
            let lead = String(decoding: first.utf8.prefix(heading.column - 1), as: UTF8.self)
            lines.replaceSubrange(heading.lines.lowerBound - 1...heading.lines.upperBound - 1, with: [lead + "**" + heading.content + "**"])
        }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        let safe = lines.joined(separator: "\n").replacingOccurrences(of: "&", with: "\\&").replacingOccurrences(of: "<", with: "\\<")
        return safe.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? String(prefix.reversed().drop(while: { $0 == " " }).reversed()) : prefix + $0 }
            .joined(separator: "\n")
    }

    /// A YAML double-quoted scalar on one line.
    static func yaml(_ text: String) -> String {
        YAMLValue.doubleQuoted(String(String.UnicodeScalarView(text.unicodeScalars.map { "\n\r\t".unicodeScalars.contains($0) ? " " : $0 })))
    }

    /// The redline with git's word-diff markers.
    static func redline(_ ops: [ReportDiffOp]) -> String {
        ops.map { op in
            switch op.op {
            case .delete: return "[-" + op.text + "-]"
            case .insert: return "{+" + op.text + "+}"
            case .equal: return op.text
            }
        }.joined()
    }

    /// A fence longer than any run of backticks in `text`.
    static func fence(for text: String) -> String {
        var longest = 0
        var run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    struct Renderer {
        let w: ReportWords
        let report: DialogueReport
        var out = ""

        mutating func line(_ s: String = "") { out += s + "\n" }
        func i(_ s: String) -> String { MarkdownInline.escape(s) }
        var colon: String { w.t(":", " :") }

        mutating func document() {
            let c = report.consultation
            line("---")
            line("title: \(MarkdownReport.yaml(c.title))")
            line("subtitle: \(MarkdownReport.yaml(w.documentTitle))")
            line("lang: \(w.language.rawValue)")
            line("date: \(MarkdownReport.yaml(w.date(report.generated)))")
            line("---")
            line()
            line("*\(i(w.kicker))*")
            line()
            header()
            summary()
            drafts()
            clauses()
            register()
            totals()
            line("---")
            line()
            line("*\(i(w.footer))*")
        }

        /// A bold label, then the repository's text quoted.
        mutating func quoted(_ label: String, _ text: String, indent: String = "") {
            line("\(indent)**\(i(label))**")
            line()
            line(MarkdownReport.block(text, prefix: indent + "> "))
            line()
        }

        mutating func item(_ term: String, _ value: String, indent: String = "") {
            line("\(indent)- **\(i(term))\(colon)** \(value)")
        }

        mutating func header() {
            let c = report.consultation
            item(w.identifier, "`\(c.id)`")
            item(w.buyer, i(c.buyer))
            item(
                w.cpvCodes,
                c.cpv.map { code in
                    "`\(code.code)`"
                        + (w.cpvText(code).map { " — " + i($0) } ?? "")
                }.joined(separator: w.t("; ", " ; ")))
            let places =
                c.departements.map { d in d.name.map { "\($0) (\(d.code))" } ?? d.code }
                + c.regions.map { r in w.t("Region ", "Région ") + (r.name.map { "\($0) (\(r.code))" } ?? r.code) }
            item(w.territory, i(places.isEmpty ? w.national : places.joined(separator: ", ")))
            if let procedure = c.procedure { item(w.procedure, i(procedure)) }
            if let amount = c.estimatedAmount { item(w.estimatedAmount, i(w.amount(amount))) }
            var current = report.currentDraft ?? w.noDraft
            if let draft = report.currentDraft, let latest = report.latestDraft, draft != latest {
                current += " — " + w.limited(to: draft, latest: latest)
            }
            item(w.currentDraft, i(current))
            if let a = report.approval {
                item(w.approval, i(w.approvalText(a)))
                if let note = a.note { item(w.approvalNote, i(note), indent: "    ") }
            } else if report.currentDraft != nil {
                item(w.approval, i(w.notApproved))
            }
            item(w.generated, i(w.date(report.generated)))
            line()
            line(i(w.introduction))
            line()
            if report.audience == "internal" {
                line("**\(i(w.internalCopy))**")
                line()
            }
        }

        func clauseList(_ list: [String]) -> String {
            list.isEmpty ? i(w.none) : list.map { "\(i(w.clauseName($0))) (`\($0)`)" }.joined(separator: w.t("; ", " ; "))
        }

        func ids(_ list: [String]) -> String { list.isEmpty ? i(w.none) : list.map { "`\($0)`" }.joined(separator: ", ") }

        mutating func summary() {
            let s = report.summary
            line("# \(i(w.sectionSummary)) {#summary .unnumbered}")
            line()
            line("*\(i(w.summaryIntro))*")
            line()
            line("- \(i(w.participantsLine(s.participants)))")
            line("- \(i(w.proposalsLine(s)))")
            line()
            summaryList(w.summaryIntegrated(s.integrated.count), s.integrated, withStatus: false, level: "##")
            line("## \(i(w.unresolved))")
            line()
            if s.unanswered.isEmpty && s.outdated.isEmpty && s.orphaned.isEmpty {
                line(i(w.nothingUnresolved))
                line()
            } else {
                summaryList(w.summaryUnanswered(s.unanswered.count), s.unanswered, withStatus: false, level: "###")
                summaryList(w.summaryOutdated(s.outdated.count), s.outdated, withStatus: true, level: "###")
                summaryList(w.summaryOrphaned(s.orphaned.count), s.orphaned, withStatus: true, level: "###")
            }
            line("## \(i(w.declarationsTitle))")
            line()
            // Under eligibility: open nothing is declared; what was declared before it opened is still shown.
            let shown = s.declarations.filter { s.eligibility != .open || $0.cpv != nil }
            if s.eligibility == .open {
                line(i(w.openToAll))
                line()
            }
            if !shown.isEmpty {
                line("*\(i(w.declarationsIntro))*")
                line()
                for d in shown { line("- \(i(w.declaration(d)))") }
                line()
            } else if s.eligibility != .open {
                line(i(w.none.capitalizedFirst + "."))
                line()
            }
        }

        mutating func summaryList(_ title: String, _ items: [ReportSummaryItem], withStatus: Bool, level: String) {
            line("\(level) \(i(title))")
            line()
            if items.isEmpty {
                line(i(w.none.capitalizedFirst + "."))
            }
            for item in items { line("- \(i(w.summaryItem(item, clause: w.clauseName(item.clause), withStatus: withStatus)))") }
            line()
        }

        mutating func drafts() {
            line("# 1. \(i(w.sectionDrafts)) {#drafts}")
            line()
            if report.drafts.isEmpty {
                line(i(w.emptyRegister))
                line()
            }
            for d in report.drafts {
                line("## \(d.name) — \(i(w.date(d.date))) {#draft-\(d.version)}")
                line()
                line(i(d.summary))
                line()
                for (term, fact) in w.facts(of: d, first: d.version == report.drafts.first?.version) {
                    switch fact {
                    case .published(let date, let author): item(term, i(w.date(date) + " — " + author))
                    case .text(let text): item(term, i(text))
                    case .ids(let list): item(term, ids(list))
                    case .clauses(let list): item(term, clauseList(list))
                    }
                }
                line()
            }
        }

        mutating func clauses() {
            line("# 2. \(i(w.sectionClauses)) {#clauses}")
            line()
            if report.clauses.isEmpty {
                line(i(w.noClause))
                line()
            }
            line("*\(i(w.redlineMarkers))*")
            line()
            for clause in report.clauses {
                line("## \(i(w.clauseName(number: clause.number, title: clause.title))) (`\(clause.id)`) {#clause-\(clause.id)}")
                line()
                var flags: [String] = []
                if clause.kind == .criterion { flags.append(w.criterion(clause.weight)) }
                if let removed = clause.removedIn { flags.append(w.removedIn(removed)) }
                if !flags.isEmpty {
                    line("*\(i(flags.joined(separator: " ; ")))*")
                    line()
                }
                for p in clause.proposals { proposal(p) }
                if !clause.revisions.isEmpty {
                    line("### \(i(w.revisionsHeading)) — \(i(w.clauseName(number: clause.number, title: clause.title)))")
                    line()
                    for r in clause.revisions { revision(r) }
                }
            }
        }

        mutating func proposal(_ p: ReportProposal) {
            line("### \(p.id) — \(i(w.company(p.pseudonym))) — \(i(w.kindLabel(p.kind)))")
            line()
            item(w.kind, i(w.kindLabel(p.kind)))
            item(w.cost, i(w.costLabel(p.cost)))
            if let estimate = p.estimate { item(w.estimate, i(estimate)) }
            item(w.draft, "v\(p.version)")
            item(w.made, i(w.date(p.created)))
            item(w.status, i(w.statusLabel(p.status) + (p.withdrawn.map { " — " + w.date($0) } ?? "")))
            item(w.state, i(w.stateLabel(p.state)))
            if let supersedes = p.supersedes { item(w.supersedes, "`\(supersedes)`") }
            if p.confidential == "included" { item(w.confidentiality, i(w.confidentialIncluded)) }
            if let shared = p.shared { item(w.confidentiality, i(w.sharedOn(shared))) }
            if let weights = p.weights, !weights.isEmpty {
                item(w.proposedWeights, weights.map { "\(i(w.clauseName($0.id)))\(i(w.t(": ", " : ")))\($0.weight) %" }.joined(separator: ", "))
            }
            line()
            if p.confidential == "withheld" {
                line("*\(i(w.confidentialWithheld))*")
                line()
            } else {
                quoted(p.kind == .clarification ? w.question : w.justification, p.justification)
                if let text = p.proposedText { quoted(w.proposedText, text) }
            }
            line("**\(i(w.agentAnswers))**")
            line()
            if p.answers.isEmpty {
                line(i(w.noAnswer))
            } else {
                for (n, a) in p.answers.enumerated() {
                    line("\(n + 1). \(i(w.date(a.date))) — *\(i(w.statusLabel(a.status)))*" + i(w.answerNotes(a)))
                    line()
                    line(MarkdownReport.block(w.answerText(a), prefix: "    > "))
                    line()
                }
            }
            if let version = p.integratedIn {
                line("**\(i(w.integratedIn(version)))**")
                line()
            }
            line()
        }

        mutating func revision(_ r: ReportRevision) {
            line("#### \(i(w.revisionHeading(r))) — \(i(w.revisionKinds(r)))")
            line()
            if let old = r.oldTitle, let new = r.newTitle {
                line(i(w.retitled(old, new)))
                line()
            }
            if r.changes.contains(.reweighted) {
                line(i(w.reweighted(r.oldWeight, r.newWeight)))
                line()
            }
            if !r.integrates.isEmpty {
                line(i(w.integratesHere(r.integrates)))
                line()
            }
            if !r.redline.isEmpty {
                let text = MarkdownReport.redline(r.redline)
                let fence = MarkdownReport.fence(for: text)
                line("\(fence) {.redline}")
                line(text.hasSuffix("\n") ? String(text.dropLast()) : text)
                line(fence)
                line()
            }
        }

        mutating func register() {
            line("# 3. \(i(w.sectionRegister)) {#register}")
            line()
            line("*\(i(w.registerIntro))*")
            line()
            if report.register.isEmpty {
                line(i(w.emptyRegister))
                line()
            }
            for entry in report.register {
                let date = i(w.undated(entry.date))
                switch entry.kind {
                case .draft:
                    var text = "- **\(date)** — \(i(w.draftPublished(entry.version ?? 0)))\(colon) \(i(entry.summary ?? ""))"
                    if let round = entry.round { text += " (\(i(w.opensRound(round))))" }
                    line(text)
                    line()
                case .roundClosed:
                    line("- **\(date)** — \(i(w.roundClosed(entry)))\(colon) \(i(w.roundClosedContent(entry)))")
                    line()
                case .approval:
                    line("- **\(date)** — \(i(w.approvalEntry(entry)))")
                    line()
                    if let note = entry.note { quoted(w.approvalNote, note, indent: "    ") }
                case .answer:
                    line("- **\(date)** — \(i(w.answerTo(entry, clause: w.clauseName(entry.clause ?? ""))))")
                    line()
                    if let question = entry.question { quoted(w.question, question, indent: "    ") }
                    line("    **\(i(w.answer))** (\(i(w.statusOf(entry))))")
                    line()
                    line(MarkdownReport.block(entry.answer ?? "", prefix: "    > "))
                    line()
                }
            }
        }

        mutating func totals() {
            let t = report.totals
            line("# 4. \(i(w.sectionTotals)) {#totals}")
            line()
            for (term, count, names) in w.summary(t) {
                item(term, "\(count)" + (names.isEmpty ? "" : " — " + names.map(i).joined(separator: ", ")))
            }
            line()
            guard t.proposals > 0 else {
                line(i(w.noProposalYet))
                line()
                return
            }
            line("## \(i(w.byKind))")
            line()
            line("| \(i(w.kind)) | \(i(w.count)) |")
            line("|:--|--:|")
            for kind in ProposalKind.allCases { line("| \(i(w.kindPlural(kind))) | \(t.kinds.count(kind)) |") }
            line()
            line("## \(i(w.byStatus))")
            line()
            line("| \(i(w.status)) | \(i(w.count)) |")
            line("|:--|--:|")
            for (status, n) in w.sortedStatuses(t.statuses) { line("| \(i(w.statusLabel(status))) | \(n) |") }
            line()
            line("## \(i(w.byClause))")
            line()
            var head = "| \(i(w.clause)) | \(i(w.total)) |"
            var rule = "|:--|--:|"
            for kind in ProposalKind.allCases {
                head += " \(i(w.kindPlural(kind))) |"
                rule += "--:|"
            }
            for cost in CostImpact.allCases {
                head += " \(i(w.costColumn(cost))) |"
                rule += "--:|"
            }
            line(head)
            line(rule)
            for c in t.clauses {
                var row = "| \(i(w.clauseName(number: c.number, title: c.title))) | \(c.proposals) |"
                for kind in ProposalKind.allCases { row += " \(c.kinds.count(kind)) |" }
                for cost in CostImpact.allCases { row += " \(c.costs.count(cost)) |" }
                line(row)
            }
            line()
        }
    }
}
