import ArgumentParser
import Foundation
import JeSaisFaire

struct Status: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "status",
            abstract: bilingual(
                "Show the consultation, your role, the current draft, its round and what is not published yet.",
                "Affiche la consultation, votre rôle, la version courante, son tour et ce qui n'est pas encore publié.")
        )
    }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var format: OutputOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let session = try ReadingSession.open(context)
        let identity = try session.identity()
        let report = try session.status()
        var pseudonym: Pseudonym?
        var mine: [ProposalView] = []
        var mineInvalid: [InvalidProposal] = []
        if let identity, identity.role == .company, report.latest != nil {
            // Its own branch alone, not every company's.
            if let own = try session.ownProposals(of: identity) {
                pseudonym = own.pseudonym
                mine = own.views
                mineInvalid = own.invalid
            }
        }
        let lastFetch = session.lastFetch()
        let age = try FetchAge(session)
        var output = Output(
            consultation: report.consultation.id, title: report.consultation.title, buyer: report.consultation.buyer,
            role: identity?.role.rawValue, draft: report.latest?.name,
            round: report.round.map { .init(version: $0.version, opens: $0.opens.text, closes: $0.closes.text, open: report.roundOpen) },
            unpublished: .init(
                files: report.changedFiles, added: report.unpublished.added, changed: report.unpublished.changed,
                removed: report.unpublished.removed),
            commitsSinceDraft: report.commitsSinceDraft, hub: report.hub, approval: report.approval.map(ApprovalOutput.init))
        output.notOnHub = report.notOnHub.map(\.name)
        if let pseudonym {
            output.pseudonym = pseudonym.code
            output.proposals = mine.map { view in
                Mine(
                    id: view.proposal.id, kind: view.proposal.kind.rawValue, target: view.proposal.target, version: view.proposal.version,
                    status: view.status, state: view.carry.rawValue, answer: view.response?.latest?.text)
            }
            if !mineInvalid.isEmpty { output.invalid = mineInvalid.map { InvalidProposalOutput($0, runtime.console) } }
        }
        output.lastFetch = lastFetch.map { Fetched(date: $0.date, drafts: $0.drafts, answered: $0.answered) }
        if format.json {
            try encodeJSON(runtime, output)
            return
        }
        let c = runtime.console
        let zone = report.consultation.timeZone
        c.out(c.paint(report.consultation.title, .bold) + "  (\(report.consultation.id))")
        c.out(c.t("buyer:   ", "pouvoir adjudicateur : ") + report.consultation.buyer)
        c.out(
            c.t("you:     ", "vous :     ")
                + (identity.map { "\(c.t($0.role.label)) — \($0.role == .company ? $0.name : $0.authorName)" }
                    ?? c.t("no identity (jsf identity init)", "aucune identité (jsf identity init)")))
        if let latest = report.latest {
            c.out(
                c.t("draft:   ", "version : ") + "\(latest.name) " + c.t("of", "du")
                    + " \(HumanDate.day(latest.date, language: c.language, zone: zone)) — \(latest.summary)")
        } else {
            c.out(c.t("draft:   none published yet", "version : aucune publiée"))
        }
        if let round = report.round {
            c.out(
                c.t("round:   ", "tour :    ")
                    + (report.roundOpen
                        ? c.paint(c.t("open", "ouvert"), .green) + c.t(" until ", " jusqu'au ") + round.closes.human(c.language, zone: zone)
                        : c.paint(c.t("closed", "clos"), .yellow) + c.t(" since ", " depuis le ") + round.closes.human(c.language, zone: zone)))
        }
        if let hub = report.hub { c.out("hub:     " + hub) }
        if let age {
            c.out(
                c.t("fetched: ", "récupéré : ") + c.t(age.words)
                    + (age.last.map { " (\(HumanDate.format($0.date, language: c.language, zone: zone)))" } ?? ""))
            if let hint = age.hint { c.hint(hint) }
        }
        if let approval = report.approval {
            c.out(
                c.paint(
                    c.t(
                        "approved: v\(approval.version) on \(HumanDate.format(approval.date, language: c.language, zone: zone)) by \(approval.buyer) (tag final)",
                        "approuvée : v\(approval.version) le \(HumanDate.format(approval.date, language: c.language, zone: zone)) par \(approval.buyer) (étiquette final)"
                    ), .green))
        }
        if let pseudonym, identity?.role == .company {
            c.out(c.t("as:      ", "comme :   ") + c.t(pseudonym.displayName))
            if let lastFetch, !(lastFetch.drafts.isEmpty && lastFetch.answered.isEmpty) {
                var news: [String] = []
                if !lastFetch.drafts.isEmpty { news.append(c.t("new draft ", "nouvelle version ") + lastFetch.drafts.joined(separator: ", ")) }
                if !lastFetch.answered.isEmpty {
                    news.append(c.t("new answers to ", "nouvelles réponses à ") + lastFetch.answered.joined(separator: ", "))
                }
                c.out(c.t("Since your last fetch: ", "Depuis votre dernier fetch : ") + news.joined(separator: "; "))
            }
            if mine.isEmpty {
                if mineInvalid.isEmpty { c.out(c.t("You have made no proposal yet.", "Vous n'avez encore fait aucune proposition.")) }
            } else {
                c.out(c.t("Your proposals:", "Vos propositions :"))
                for view in mine {
                    let p = view.proposal
                    let flag =
                        view.carry == .outdated
                        ? c.paint(c.t("  [outdated: the clause changed, re-examine it]", "  [obsolète : la clause a changé, réexaminez-la]"), .yellow)
                        : view.carry == .orphaned
                            ? c.paint(c.t("  [orphaned: the clause was removed]", "  [orpheline : la clause a été supprimée]"), .yellow) : ""
                    c.out(
                        "  \(p.id)  \(c.t(p.kind.label))  \(p.target)  v\(p.version)  \(c.word(view.status, InboxStatus.label(of: view.status)))\(ProposalPage.integration(view, c))\(flag)"
                    )
                    if let answer = view.response?.latest {
                        c.out("    → " + (answer.text.split(separator: "\n").first.map(String.init) ?? ""))
                    }
                }
            }
            if !mineInvalid.isEmpty {
                c.out(
                    c.t(
                        "Invalid — these break the rules, are not genuine proposals and are not counted:",
                        "Invalides — elles enfreignent les règles, ne sont pas des propositions authentiques et ne sont pas comptées :"))
                for bad in mineInvalid { for line in InvalidProposalOutput.lines(bad, c) { c.out(line) } }
            }
            return
        }
        let u = report.unpublished
        if report.latest == nil {
            c.out(c.t("Nothing published yet.", "Rien n'est encore publié."))
            if identity?.role == .agent {
                c.hint(Text(en: "'jsf publish --until DATE' publishes v1", fr: "'jsf publish --until DATE' publie la v1"))
            }
        } else if !report.notOnHub.isEmpty || report.changedFiles.isEmpty {
            let names = report.notOnHub.map(\.name).joined(separator: ", ")
            if report.notOnHub.isEmpty {
                c.out(c.t("Nothing unpublished.", "Rien de non publié."))
            } else {
                c.out(
                    c.paint(
                        report.notOnHub.count > 1
                            ? c.t(
                                "\(names) are not on the hub yet: run 'jsf push'",
                                "Les versions \(names) ne sont pas encore sur le hub : lancez 'jsf push'")
                            : c.t("\(names) is not on the hub yet: run 'jsf push'", "La \(names) n'est pas encore sur le hub : lancez 'jsf push'"),
                        .yellow))
            }
        }
        if report.latest != nil && !report.changedFiles.isEmpty {
            c.out(c.t("Unpublished changes:", "Modifications non publiées :"))
            for file in report.changedFiles { c.out("  " + c.paint(c.t("modified: ", "modifié : "), .yellow) + file) }
            for id in u.added { c.out("  " + c.paint("+ ", .green) + id) }
            for id in u.changed { c.out("  " + c.paint("~ ", .yellow) + id) }
            for id in u.removed { c.out("  " + c.paint("- ", .red) + id) }
            if identity?.role == .agent {
                c.hint(Text(en: "'jsf check' validates them, 'jsf publish' publishes them", fr: "'jsf check' les valide, 'jsf publish' les publie"))
            }
        }
    }
}
