import ArgumentParser
import JeSaisFaire

struct Show: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the CCTP of a draft, one clause of it, or one proposal.",
        discussion: """
            CLAUSE is a clause or criterion id, its number in the draft (6.2, 6.2., art. 6.2, Article 6; case and \
            accents do not matter) or an unambiguous prefix of an id, tried in that order: an exact id wins over a \
            number, a number over a prefix (a number with neither digit nor keyword, as II or A, comes after the \
            prefixes). Without --version, HEAD is shown. \
            Given a proposal id (PSEUDONYM-N), shows the proposal: its header (pseudonym, kind, target, draft, cost, \
            estimate, status), the justification, the target as it stood in the draft the company saw, a word-level \
            redline of the change it proposes or of what changed since, and the agent's answers. Redlines are coloured \
            on a terminal and marked [-deleted-]{+inserted+} otherwise.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A clause or criterion id, number (6.2, \"Article 6\") or unambiguous id prefix, or a proposal id.")
    var clause: String?

    @Option(help: ArgumentHelp("The draft to show (v1, v2, …); default HEAD.", valueName: "vN"))
    var version: String?

    func execute(_ runtime: Runtime) throws(JSFError) {
        let session = try ReadingSession.open(runtime.context)
        let workspace = session.workspace
        // An id shaped like a proposal's may also be a clause's ("tranches-2"): the branch decides.
        if let clause, let (pseudonym, _) = Proposal.parseID(clause.uppercased()),
            try session.hasProposals(of: pseudonym)
        {
            try ProposalPage.show(clause, session: session, runtime: runtime)
            return
        }
        let (name, commit) = try session.revision(version)
        let source = try workspace.cctp(at: commit, name: name)
        guard let clause else {
            runtime.console.out(source.hasSuffix("\n") ? String(source.dropLast()) : source)
            return
        }
        let entry = try ClauseLookup.find(clause, in: workspace.index(at: commit).entries, version: name)
        guard let text = Reading.clauseSource(source, id: entry.id) else {
            throw JSFError(
                .refused,
                Text(
                    en: "clause '\(entry.id)' is in the index of \(name) but not in its text",
                    fr: "la clause '\(entry.id)' est dans l'index de \(name) mais pas dans son texte"),
                hints: [Text(en: "run 'jsf check'", fr: "lancez 'jsf check'")])
        }
        runtime.console.out(String(text.dropLast()))
    }
}
