import Foundation
import JeSaisFaire

/// The report as one self-contained HTML file: inline CSS and SVG, no script, no external asset; readable on
/// screen and on paper (each section starts a page; nothing relies on colour); every text from the repository
/// HTML-escaped.
public enum HTMLReport {
    public static func render(_ report: DialogueReport, language: Language) -> String {
        var r = Renderer(w: ReportWords(language: language, names: report.clauseNames, zone: report.consultation.timeZone), report: report)
        r.document()
        return r.out
    }

    /// Escapes text for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newlines have no place in HTML text.
                if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// The redline as HTML: <del> and <ins>, equal text escaped.
    static func redline(_ ops: [ReportDiffOp], w: ReportWords) -> String {
        var out = ""
        for op in ops {
            switch op.op {
            case .delete: out += "<del><span class=\"sr\">[\(escape(w.deletedMark))</span>\(escape(op.text))<span class=\"sr\">]</span></del>"
            case .insert: out += "<ins><span class=\"sr\">[\(escape(w.insertedMark))</span>\(escape(op.text))<span class=\"sr\">]</span></ins>"
            case .equal: out += escape(op.text)
            }
        }
        return out
    }

    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { font-family: "DejaVu Serif", "Liberation Serif", Georgia, serif; color: #111; background: #fff; line-height: 1.45;
               max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; font-size: 11pt; }
        h1 { font-size: 1.8rem; margin: .2rem 0 1rem; }
        h2 { font-size: 1.4rem; border-bottom: 2px solid #111; padding-bottom: .2rem; margin-top: 2.5rem; }
        h3 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; }
        h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
        h5 { font-size: .95rem; margin: 1rem 0 .3rem; }
        .kicker { font-variant: small-caps; letter-spacing: .03em; margin: 0; }
        .clause-id { font-weight: normal; font-family: "DejaVu Sans Mono", monospace; font-size: .8em; }
        .intro, .note, .legend { font-style: italic; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.2rem; margin: .8rem 0; }
        dl.meta dt { font-weight: bold; }
        dl.meta dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
        th, td { border: 1px solid #777; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #e8e8e8; }
        tbody th { background: #f4f4f4; font-weight: bold; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .text { white-space: pre-wrap; overflow-wrap: anywhere; }
        .md { overflow-wrap: anywhere; }
        .md > :first-child { margin-top: 0; }
        .md > :last-child { margin-bottom: 0; }
        .md p { margin: .3rem 0; }
        .md .raw { white-space: pre-wrap; font-family: "DejaVu Sans Mono", monospace; font-size: .9em; }
        .md pre { white-space: pre-wrap; font-size: .9em; }
        .md blockquote { background: none; }
        .md .url { font-family: "DejaVu Sans Mono", monospace; font-size: .85em; }
        #summary { border: 1px solid #777; padding: .2rem 1rem .6rem; margin: 1.2rem 0; }
        #summary h2 { margin-top: .8rem; }
        #summary h3 { margin: .8rem 0 .3rem; font-size: 1rem; }
        blockquote { margin: .4rem 0 .8rem; padding: .3rem .8rem; border-left: 4px solid #777; background: #f7f7f7; }
        table.facts { width: auto; min-width: 60%; }
        table.facts th { width: 18rem; }
        .proposal { border: 1px solid #999; padding: .2rem 1rem .6rem; margin: 1rem 0; break-inside: avoid; }
        .redline { white-space: pre-wrap; overflow-wrap: anywhere; font-family: "DejaVu Sans Mono", monospace; font-size: .85rem;
                   border: 1px solid #999; padding: .6rem .8rem; background: #fcfcfc; }
        del { text-decoration: line-through; text-decoration-thickness: 2px; background: #fbdcdc; color: #7a0000; }
        ins { text-decoration: underline; text-decoration-thickness: 2px; background: #d9f2d9; color: #004d00; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        ol.answers { padding-left: 1.4rem; }
        ol.answers li { margin-bottom: .5rem; }
        figure { margin: 1rem 0; }
        figcaption { font-style: italic; margin-top: .3rem; }
        svg { max-width: 100%; height: auto; }
        nav ol { columns: 2; }
        footer { margin-top: 3rem; border-top: 1px solid #777; padding-top: .5rem; font-size: .9em; }
        a { color: inherit; }
        @page { margin: 1.8cm 1.5cm 2cm;
                @bottom-center { content: PAGE_FOOTER; font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 9pt; } }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          main > section { break-before: page; }
          h2, h3, h4, h5 { break-after: avoid; }
          nav { display: none; }
          del, ins, thead th, tbody th, blockquote, .redline { background: none; color: inherit; }
          tr, .proposal, figure { break-inside: avoid; }
        }
        """

    struct Renderer {
        let w: ReportWords
        let report: DialogueReport
        var out = ""

        mutating func line(_ s: String) { out += s + "\n" }
        func e(_ s: String) -> String { HTMLReport.escape(s) }
        func time(_ iso: String) -> String { "<time datetime=\"\(e(iso))\">\(e(w.date(iso)))</time>" }

        mutating func document() {
            let c = report.consultation
            line("<!DOCTYPE html>")
            line("<html lang=\"\(w.language.rawValue)\">")
            line("<head>")
            line("<meta charset=\"utf-8\">")
            line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            line("<meta name=\"generator\" content=\"jsf\">")
            line("<title>\(e(w.documentTitle)) — \(e(c.title))</title>")
            line("<style>\n\(HTMLReport.css.replacingOccurrences(of: "PAGE_FOOTER", with: w.pageFooter))\n</style>")
            line("</head>")
            line("<body>")
            header()
            line("<main>")
            drafts()
            clauses()
            register()
            totals()
            line("</main>")
            line("<footer><p>\(e(w.footer))</p></footer>")
            line("</body>")
            line("</html>")
        }

        mutating func header() {
            let c = report.consultation
            line("<header>")
            line("<p class=\"kicker\">\(e(w.documentTitle))</p>")
            line("<h1>\(e(c.title))</h1>")
            line("<p class=\"intro\">\(e(w.kicker))</p>")
            line("<dl class=\"meta\">")
            meta(w.identifier, "<code>\(e(c.id))</code>")
            meta(w.buyer, e(c.buyer))
            meta(
                w.cpvCodes,
                c.cpv.map { code in
                    "<code>\(e(code.code))</code>"
                        + (w.cpvText(code).map { " — " + e($0) } ?? "")
                }.joined(separator: "<br>"))
            meta(w.territory, territory())
            if let procedure = c.procedure { meta(w.procedure, e(procedure)) }
            if let amount = c.estimatedAmount { meta(w.estimatedAmount, e(w.amount(amount))) }
            var current = report.currentDraft.map(e) ?? e(w.noDraft)
            if let draft = report.currentDraft, let latest = report.latestDraft, draft != latest {
                current += " — " + e(w.limited(to: draft, latest: latest))
            }
            meta(w.currentDraft, current)
            if let a = report.approval {
                meta(
                    w.approval,
                    e(w.approvalText(a)) + (a.note.map { "<br>\(e(w.approvalNote))\(e(w.t(": ", " : ")))<span class=\"text\">\(e($0))</span>" } ?? "")
                )
            } else if report.currentDraft != nil {
                meta(w.approval, e(w.notApproved))
            }
            meta(w.generated, time(report.generated))
            line("</dl>")
            line("<p class=\"note\">\(e(w.introduction))</p>")
            if report.audience == "internal" { line("<p class=\"note\"><strong>\(e(w.internalCopy))</strong></p>") }
            summary()
            line("<nav aria-label=\"\(e(w.contents))\"><h2>\(e(w.contents))</h2><ol>")
            for (anchor, title) in [
                ("drafts", w.sectionDrafts), ("clauses", w.sectionClauses), ("register", w.sectionRegister), ("totals", w.sectionTotals),
            ] {
                line("<li><a href=\"#\(anchor)\">\(e(title))</a></li>")
            }
            line("</ol></nav>")
            line("</header>")
        }

        func territory() -> String {
            let c = report.consultation
            let places =
                c.departements.map { d in e(d.name.map { "\($0) (\(d.code))" } ?? d.code) }
                + c.regions.map { r in e(w.t("Region ", "Région ") + (r.name.map { "\($0) (\(r.code))" } ?? r.code)) }
            return places.isEmpty ? e(w.national) : places.joined(separator: ", ")
        }

        mutating func meta(_ term: String, _ html: String) {
            line("<dt>\(e(term))</dt><dd>\(html)</dd>")
        }

        mutating func summary() {
            let s = report.summary
            line("<section id=\"summary\" aria-labelledby=\"summary-title\">")
            line("<h2 id=\"summary-title\">\(e(w.sectionSummary))</h2>")
            line("<p class=\"legend\">\(e(w.summaryIntro))</p>")
            line("<ul>")
            line("<li>\(e(w.participantsLine(s.participants)))</li>")
            line("<li>\(e(w.proposalsLine(s)))</li>")
            line("</ul>")
            summaryList(w.summaryIntegrated(s.integrated.count), s.integrated, withStatus: false)
            line("<h3>\(e(w.unresolved))</h3>")
            if s.unanswered.isEmpty && s.outdated.isEmpty && s.orphaned.isEmpty {
                line("<p>\(e(w.nothingUnresolved))</p>")
            } else {
                summaryList(w.summaryUnanswered(s.unanswered.count), s.unanswered, withStatus: false, level: 4)
                summaryList(w.summaryOutdated(s.outdated.count), s.outdated, withStatus: true, level: 4)
                summaryList(w.summaryOrphaned(s.orphaned.count), s.orphaned, withStatus: true, level: 4)
            }
            line("<h3>\(e(w.declarationsTitle))</h3>")
            let shown = s.declarations.filter { s.eligibility != .open || $0.cpv != nil }
            if s.eligibility == .open { line("<p>\(e(w.openToAll))</p>") }
            if !shown.isEmpty {
                line("<p class=\"legend\">\(e(w.declarationsIntro))</p>")
                line("<ul>")
                for d in shown { line("<li>\(e(w.declaration(d)))</li>") }
                line("</ul>")
            } else if s.eligibility != .open {
                line("<p>\(e(w.none.capitalizedFirst)).</p>")
            }
            line("</section>")
        }

        mutating func summaryList(_ title: String, _ items: [ReportSummaryItem], withStatus: Bool, level: Int = 3) {
            line("<h\(level)>\(e(title))</h\(level)>")
            if items.isEmpty {
                line("<p>\(e(w.none.capitalizedFirst)).</p>")
                return
            }
            line("<ul>")
            for item in items {
                line(
                    "<li><a href=\"#proposal-\(e(item.proposal))\">\(e(w.summaryItem(item, clause: w.clauseName(item.clause), withStatus: withStatus)))</a></li>"
                )
            }
            line("</ul>")
        }

        mutating func drafts() {
            line("<section id=\"drafts\" aria-labelledby=\"drafts-title\">")
            line("<h2 id=\"drafts-title\">1. \(e(w.sectionDrafts))</h2>")
            if report.drafts.isEmpty { line("<p>\(e(w.emptyRegister))</p>") }
            for d in report.drafts {
                line("<article class=\"draft\" id=\"draft-\(d.version)\">")
                line("<h3>\(e(d.name)) — \(time(d.date))</h3>")
                line("<p class=\"text\">\(e(d.summary))</p>")
                line("<dl class=\"meta\">")
                for (term, fact) in w.facts(of: d, first: d.version == report.drafts.first?.version) {
                    switch fact {
                    case .published(let date, let author): meta(term, time(date) + " — " + e(author))
                    case .text(let text): meta(term, e(text))
                    case .ids(let list): meta(term, ids(list))
                    case .clauses(let list): meta(term, clauseList(list))
                    }
                }
                line("</dl>")
                line("</article>")
            }
            line("</section>")
        }

        /// Clauses by number and title, their ids after.
        func clauseList(_ list: [String]) -> String {
            list.isEmpty
                ? e(w.none) : list.map { "\(e(w.clauseName($0))) <span class=\"clause-id\">(\(e($0)))</span>" }.joined(separator: "<br>")
        }

        /// A text of the repository in Markdown, rendered.
        func md(_ text: String, quoted: Bool = true) -> String {
            quoted ? "<blockquote class=\"md\">\n\(MarkdownHTML.render(text))</blockquote>" : "<div class=\"md\">\n\(MarkdownHTML.render(text))</div>"
        }

        func ids(_ list: [String]) -> String {
            list.isEmpty ? e(w.none) : list.map { "<code>\(e($0))</code>" }.joined(separator: ", ")
        }

        mutating func clauses() {
            line("<section id=\"clauses\" aria-labelledby=\"clauses-title\">")
            line("<h2 id=\"clauses-title\">2. \(e(w.sectionClauses))</h2>")
            if report.clauses.isEmpty { line("<p>\(e(w.noClause))</p>") }
            line("<p class=\"legend\">\(e(w.redlineLegend))</p>")
            for clause in report.clauses {
                line("<article class=\"clause\" id=\"clause-\(e(clause.id))\">")
                line("<h3>\(e(w.clauseName(number: clause.number, title: clause.title))) <span class=\"clause-id\">(\(e(clause.id)))</span></h3>")
                var flags: [String] = []
                if clause.kind == .criterion { flags.append(w.criterion(clause.weight)) }
                if let removed = clause.removedIn { flags.append(w.removedIn(removed)) }
                if !flags.isEmpty { line("<p><em>\(e(flags.joined(separator: " ; ")))</em></p>") }
                if !clause.proposals.isEmpty {
                    line("<h4>\(e(w.proposalsHeading(clause.proposals.count)))</h4>")
                    for p in clause.proposals { proposal(p) }
                }
                if !clause.revisions.isEmpty {
                    line("<h4>\(e(w.revisionsHeading))</h4>")
                    for revision in clause.revisions { self.revision(revision) }
                }
                line("</article>")
            }
            line("</section>")
        }

        mutating func proposal(_ p: ReportProposal) {
            line("<section class=\"proposal\" id=\"proposal-\(e(p.id))\" aria-labelledby=\"proposal-\(e(p.id))-title\">")
            line("<h5 id=\"proposal-\(e(p.id))-title\">\(e(p.id)) — \(e(w.company(p.pseudonym))) — \(e(w.kindLabel(p.kind)))</h5>")
            line("<table class=\"facts\"><tbody>")
            row(w.kind, e(w.kindLabel(p.kind)))
            row(w.cost, e(w.costLabel(p.cost)))
            if let estimate = p.estimate { row(w.estimate, "<span class=\"text\">\(e(estimate))</span>") }
            row(w.draft, "v\(p.version)")
            row(w.made, time(p.created))
            row(w.status, e(w.statusLabel(p.status)) + (p.withdrawn.map { " — " + time($0) } ?? ""))
            row(w.state, e(w.stateLabel(p.state)))
            if let supersedes = p.supersedes { row(w.supersedes, "<code>\(e(supersedes))</code>") }
            if p.confidential == "included" { row(w.confidentiality, e(w.confidentialIncluded)) }
            if let shared = p.shared { row(w.confidentiality, e(w.sharedOn(shared))) }
            line("</tbody></table>")
            if p.confidential == "withheld" {
                line("<p class=\"note\"><em>\(e(w.confidentialWithheld))</em></p>")
            } else {
                line("<p><strong>\(e(p.kind == .clarification ? w.question : w.justification))</strong></p>")
                line(md(p.justification))
            }
            if let text = p.proposedText {
                line("<p><strong>\(e(w.proposedText))</strong></p>")
                line(md(text))
            }
            if let weights = p.weights, !weights.isEmpty {
                line(
                    "<p><strong>\(e(w.proposedWeights))</strong>\(e(w.t(": ", " : ")))"
                        + weights.map { "\(e(w.clauseName($0.id)))\(e(w.t(": ", " : ")))\($0.weight) %" }.joined(separator: ", ") + "</p>")
            }
            line("<p><strong>\(e(w.agentAnswers))</strong></p>")
            if p.answers.isEmpty {
                line("<p>\(e(w.noAnswer))</p>")
            } else {
                line("<ol class=\"answers\">")
                for a in p.answers {
                    line(
                        "<li>\(time(a.date)) — <em>\(e(w.statusLabel(a.status)))</em>" + e(w.answerNotes(a))
                            + md(w.answerText(a), quoted: false) + "</li>")
                }
                line("</ol>")
            }
            if let version = p.integratedIn { line("<p><strong>\(e(w.integratedIn(version)))</strong></p>") }
            line("</section>")
        }

        mutating func row(_ header: String, _ html: String) {
            line("<tr><th scope=\"row\">\(e(header))</th><td>\(html)</td></tr>")
        }

        mutating func revision(_ r: ReportRevision) {
            line("<h5>\(e(w.revisionHeading(r))) — \(e(w.revisionKinds(r)))</h5>")
            if let old = r.oldTitle, let new = r.newTitle { line("<p>\(e(w.retitled(old, new)))</p>") }
            if r.changes.contains(.reweighted) { line("<p>\(e(w.reweighted(r.oldWeight, r.newWeight)))</p>") }
            if !r.integrates.isEmpty { line("<p>\(e(w.integratesHere(r.integrates)))</p>") }
            if !r.redline.isEmpty { line("<div class=\"redline\">\(HTMLReport.redline(r.redline, w: w))</div>") }
        }

        mutating func register() {
            line("<section id=\"register\" aria-labelledby=\"register-title\">")
            line("<h2 id=\"register-title\">3. \(e(w.sectionRegister))</h2>")
            line("<p class=\"legend\">\(e(w.registerIntro))</p>")
            if report.register.isEmpty {
                line("<p>\(e(w.emptyRegister))</p>")
                line("</section>")
                return
            }
            line("<table class=\"register\">")
            line(
                "<thead><tr><th scope=\"col\">\(e(w.date))</th><th scope=\"col\">\(e(w.information))</th><th scope=\"col\">\(e(w.content))</th></tr></thead>"
            )
            line("<tbody>")
            for entry in report.register {
                let date = entry.date.isEmpty ? e(w.undated(entry.date)) : time(entry.date)
                switch entry.kind {
                case .draft:
                    var content = "<div class=\"text\">\(e(entry.summary ?? ""))</div>"
                    if let round = entry.round { content += "<div>\(e(w.opensRound(round).capitalizedFirst))</div>" }
                    line("<tr class=\"draft\"><td>\(date)</td><td>\(e(w.draftPublished(entry.version ?? 0)))</td><td>\(content)</td></tr>")
                case .roundClosed:
                    line(
                        "<tr class=\"round\"><td>\(date)</td><td>\(e(w.roundClosed(entry)))</td><td>\(e(w.roundClosedContent(entry)))</td></tr>")
                case .approval:
                    let content = entry.note.map { "<p><strong>\(e(w.approvalNote))</strong></p>" + md($0) } ?? ""
                    line("<tr class=\"approval\"><td>\(date)</td><td>\(e(w.approvalEntry(entry)))</td><td>\(content)</td></tr>")
                case .answer:
                    var content = ""
                    if let question = entry.question {
                        content += "<p><strong>\(e(w.question))</strong></p>" + md(question)
                    }
                    content += "<p><strong>\(e(w.answer))</strong> (\(e(w.statusOf(entry))))</p>" + md(entry.answer ?? "")
                    line(
                        "<tr class=\"answer\"><td>\(date)</td><td>\(e(w.answerTo(entry, clause: w.clauseName(entry.clause ?? ""))))</td><td>\(content)</td></tr>"
                    )
                }
            }
            line("</tbody></table>")
            line("</section>")
        }

        mutating func totals() {
            let t = report.totals
            line("<section id=\"totals\" aria-labelledby=\"totals-title\">")
            line("<h2 id=\"totals-title\">4. \(e(w.sectionTotals))</h2>")
            line("<table class=\"summary\"><tbody>")
            for (term, count, names) in w.summary(t) {
                row(term, "\(count)" + (names.isEmpty ? "" : " — " + names.map(e).joined(separator: ", ")))
            }
            line("</tbody></table>")
            if t.proposals == 0 {
                line("<p>\(e(w.noProposalYet))</p>")
                line("</section>")
                return
            }
            line("<h3>\(e(w.byKind))</h3>")
            line("<table><thead><tr><th scope=\"col\">\(e(w.kind))</th><th scope=\"col\" class=\"num\">\(e(w.count))</th></tr></thead><tbody>")
            for kind in ProposalKind.allCases {
                line("<tr><th scope=\"row\">\(e(w.kindPlural(kind)))</th><td class=\"num\">\(t.kinds.count(kind))</td></tr>")
            }
            line("</tbody></table>")
            line("<h3>\(e(w.byStatus))</h3>")
            line("<table><thead><tr><th scope=\"col\">\(e(w.status))</th><th scope=\"col\" class=\"num\">\(e(w.count))</th></tr></thead><tbody>")
            for (status, n) in w.sortedStatuses(t.statuses) {
                line("<tr><th scope=\"row\">\(e(w.statusLabel(status)))</th><td class=\"num\">\(n)</td></tr>")
            }
            line("</tbody></table>")
            line("<h3>\(e(w.byClause))</h3>")
            var head = "<tr><th scope=\"col\">\(e(w.clause))</th><th scope=\"col\" class=\"num\">\(e(w.total))</th>"
            for kind in ProposalKind.allCases { head += "<th scope=\"col\" class=\"num\">\(e(w.kindPlural(kind)))</th>" }
            for cost in CostImpact.allCases { head += "<th scope=\"col\" class=\"num\">\(e(w.costColumn(cost)))</th>" }
            line("<table class=\"by-clause\"><thead>\(head)</tr></thead><tbody>")
            for c in t.clauses {
                var cells =
                    "<th scope=\"row\"><a href=\"#clause-\(e(c.id))\">\(e(w.clauseName(number: c.number, title: c.title)))</a></th><td class=\"num\">\(c.proposals)</td>"
                for kind in ProposalKind.allCases { cells += "<td class=\"num\">\(c.kinds.count(kind))</td>" }
                for cost in CostImpact.allCases { cells += "<td class=\"num\">\(c.costs.count(cost))</td>" }
                line("<tr>\(cells)</tr>")
            }
            line("</tbody></table>")
            line("<figure>")
            line(ReportChart.svg(t.clauses, w: w))
            line("<figcaption>\(e(w.chartCaption))</figcaption>")
            line("</figure>")
            line("</section>")
        }
    }
}
