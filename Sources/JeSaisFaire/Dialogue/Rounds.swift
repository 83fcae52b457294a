import Foundation
internal import Git

/// Closing a round early (`jsf round close`).
public enum Rounds {
    static func close(_ workspace: Workspace, identity: Identity, context: Context) throws(JSFError) -> Round {
        let repository = workspace.repository
        guard let head = try workspace.headCommit(), try gitCall(nil, { try repository.headReferenceName() }) == Layout.main else {
            throw JSFError(
                .refused, Text(en: "rounds are closed from branch main", fr: "les tours se closent depuis la branche main"),
                hints: [Text(en: "run 'git switch main' first", fr: "lancez d'abord 'git switch main'")])
        }
        var committed = try workspace.consultation(at: head)
        let now = context.clock.now
        guard let latest = try workspace.drafts().last, let index = committed.rounds.firstIndex(where: { $0.version == latest.version }) else {
            throw JSFError(.refused, Text(en: "no round to close: nothing is published yet", fr: "aucun tour à clore : rien n'est encore publié"))
        }
        let zone = committed.timeZone
        guard committed.rounds[index].isOpen(at: now) else {
            let round = committed.rounds[index]
            let (closed, opens) = (round.closes.humanText(zone: zone), round.opens.humanText(zone: zone))
            throw JSFError(
                .refused,
                now < round.opens.date
                    ? Text(
                        en: "the round of v\(latest.version) is not open (it opens on \(opens.en))",
                        fr: "le tour de la v\(latest.version) n'est pas ouvert (il s'ouvre le \(opens.fr))")
                    : Text(
                        en: "the round of v\(latest.version) is not open (it closed on \(closed.en))",
                        fr: "le tour de la v\(latest.version) n'est pas ouvert (il s'est clos le \(closed.fr))"))
        }
        // Written in the consultation's zone, as publish writes the round.
        let closes = Timestamp(now, timeZone: zone)
        committed.rounds[index].closes = closes
        // The agent's unpublished edits of consultation.yml keep their own, with the round closed there too.
        _ = try workspace.commitConsultation(
            committed, over: head, message: "Clôture du tour de la v\(latest.version)\n\nRound-Closes: \(closes)\n",
            failure: Text(en: "cannot record the closing of the round", fr: "impossible d'enregistrer la clôture du tour"),
            identity: identity, context: context
        ) { worktree in
            if let i = worktree.rounds.firstIndex(where: { $0.version == latest.version }) { worktree.rounds[i].closes = closes }
        }
        return committed.rounds[index]
    }
}
