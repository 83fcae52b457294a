import ArgumentParser
import Foundation
import JeSaisFaire

struct Status: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the consultation, your role, the current draft, its round and what is not published yet."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    struct Output: Encodable {
        struct RoundOutput: Encodable {
            var version: Int
            var opens: String
            var closes: String
            var open: Bool
        }

        struct Changes: Encodable {
            var files: [String]
            var added: [String]
            var changed: [String]
            var removed: [String]
        }

        var consultation: String
        var title: String
        var buyer: String
        var role: String?
        var draft: String?
        var round: RoundOutput?
        var unpublished: Changes
        var commitsSinceDraft: Int
        var hub: String?
    }

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let workspace = try Workspace.open(context)
        let identity = try context.identities.load()
        let report = try Reading.status(workspace, clock: context.clock)
        let output = Output(
            consultation: report.consultation.id, title: report.consultation.title, buyer: report.consultation.buyer,
            role: identity?.role.rawValue, draft: report.latest?.name,
            round: report.round.map { .init(version: $0.version, opens: $0.opens, closes: $0.closes, open: report.roundOpen) },
            unpublished: .init(files: report.changedFiles, added: report.unpublished.added, changed: report.unpublished.changed,
                               removed: report.unpublished.removed),
            commitsSinceDraft: report.commitsSinceDraft, hub: report.hub)
        if json {
            try encodeJSON(runtime, output)
            return
        }
        let c = runtime.console
        c.out(c.paint(report.consultation.title, .bold) + "  (\(report.consultation.id))")
        c.out(c.t("buyer:   ", "acheteur : ") + report.consultation.buyer)
        c.out(c.t("you:     ", "vous :     ") + (identity.map { "\(c.t($0.role.label)) — \($0.role == .company ? $0.name : $0.authorName)" }
                                                 ?? c.t("no identity (jsf identity init)", "aucune identité (jsf identity init)")))
        if let latest = report.latest {
            c.out(c.t("draft:   ", "version : ") + "\(latest.name) " + c.t("of", "du") + " \(Timestamp.formatDay(latest.date, timeZone: context.clock.timeZone)) — \(latest.summary)")
        } else {
            c.out(c.t("draft:   none published yet", "version : aucune publiée"))
        }
        if let round = report.round {
            c.out(c.t("round:   ", "tour :    ") + (report.roundOpen
                ? c.paint(c.t("open", "ouvert"), .green) + c.t(" until ", " jusqu'au ") + round.closes
                : c.paint(c.t("closed", "clos"), .yellow) + c.t(" since ", " depuis le ") + round.closes))
        }
        if let hub = report.hub { c.out("hub:     " + hub) }
        let u = report.unpublished
        if report.latest == nil {
            c.out(c.t("Nothing published yet.", "Rien n'est encore publié."))
            if identity?.role == .agent {
                c.hint(Text(en: "'jsf publish --until DATE' publishes v1", fr: "'jsf publish --until DATE' publie la v1"))
            }
        } else if report.changedFiles.isEmpty {
            c.out(c.t("Nothing unpublished.", "Rien de non publié."))
        } else {
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

struct Log: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the published drafts: date, changelog and number of clauses changed."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    struct Output: Encodable {
        var version: String
        var date: String
        var author: String
        var commit: String
        var summary: String
        var message: String
        var clauses: Int
        var changed: Int
        var added: [String]
        var modified: [String]
        var removed: [String]
    }

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let workspace = try Workspace.open(context)
        let summaries = try Reading.log(workspace)
        let zone = context.clock.timeZone
        if json {
            try encodeJSON(runtime, summaries.map { s in
                Output(version: s.draft.name, date: Timestamp.format(s.draft.date, timeZone: zone), author: s.draft.author,
                       commit: s.draft.commit.hex, summary: s.draft.summary, message: s.draft.message, clauses: s.clauses,
                       changed: s.changes.count, added: s.changes.added, modified: s.changes.changed, removed: s.changes.removed)
            })
            return
        }
        let c = runtime.console
        if summaries.isEmpty {
            c.note(c.t("No draft published yet; 'jsf publish' publishes v1.", "Aucune version publiée ; 'jsf publish' publie la v1."))
            return
        }
        c.table([c.t("draft", "version"), "date", c.t("clauses", "clauses"), c.t("changed", "modifiées"), c.t("changelog", "journal")],
                summaries.reversed().map { s in
                    [s.draft.name, Timestamp.format(s.draft.date, timeZone: zone), String(s.clauses),
                     "\(s.changes.count) (+\(s.changes.added.count) ~\(s.changes.changed.count) -\(s.changes.removed.count))", s.draft.summary]
                })
    }
}
