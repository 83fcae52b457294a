import ArgumentParser
import JeSaisFaire

struct Show: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "show",
            abstract: bilingual(
                "Show the CCTP of a draft, one clause of it, or one proposal.",
                "Affiche le CCTP d'une version, l'une de ses clauses, ou une proposition."),
            discussion: bilingual(
                """
                CLAUSE is a clause or criterion id, its number in the draft (6.2, 6.2., art. 6.2, Article 6; case and \
                accents do not matter) or an unambiguous prefix of an id, tried in that order: an exact id wins over a \
                number, a number over a prefix (a number with neither digit nor keyword, as II or A, comes after the \
                prefixes). Without --version, HEAD is shown. \
                A clause is shown with its sub-clauses: the whole section, up to the next heading of its level or above, \
                as a company reacts to it (an alternative on it replaces the whole section); --own shows its own text \
                only. --json gives the clause and its sub-clauses apart (a clause only, not a proposal or the whole CCTP). \
                Given a proposal id (PSEUDONYM-N), shows the proposal: its header (pseudonym, kind, target, draft, cost, \
                estimate, status), the justification, the target as it stood in the draft the company saw, a word-level \
                redline of the change it proposes or of what changed since, and the agent's answers; a proposal that breaks \
                the rules is marked INVALID, its reasons first. Redlines are coloured \
                on a terminal and marked [-deleted-]{+inserted+} otherwise.
                """,
                """
                CLAUSE est un identifiant de clause ou de critère, son numéro dans la version (6.2, 6.2., art. 6.2, \
                Article 6 ; casse et accents indifférents) ou un début d'identifiant sans ambiguïté, essayés dans cet \
                ordre : un identifiant exact l'emporte sur un numéro, un numéro sur un début d'identifiant (un numéro \
                sans chiffre ni mot-clé, comme II ou A, vient après les débuts d'identifiant). Sans --version, HEAD est \
                affiché. Une clause est affichée avec ses sous-clauses : toute la section, jusqu'au titre suivant de son \
                niveau ou au-dessus, telle qu'une entreprise y réagit (une variante sur elle remplace toute la section) ; \
                --own n'affiche que son texte propre. --json donne à part la clause et ses sous-clauses (une clause \
                seulement, ni une proposition ni le CCTP entier). Pour un identifiant de proposition (PSEUDONYME-N), \
                affiche la proposition : son en-tête (pseudonyme, type, cible, version, effet sur le coût, estimation, \
                statut), la justification, la cible telle qu'elle était dans la version que l'entreprise a vue, les \
                différences mot à mot du changement qu'elle propose ou de ce qui a changé depuis, et les réponses de \
                l'agent ; une proposition qui enfreint les règles est marquée INVALIDE, ses raisons en premier. Les \
                différences sont en couleur sur un terminal et marquées [-supprimé-]{+inséré+} sinon.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: .t(
            "A clause or criterion id, number (6.2, \"Article 6\") or unambiguous id prefix, or a proposal id.",
            "Un identifiant de clause ou de critère, un numéro (6.2, « Article 6 ») ou un début d'identifiant sans ambiguïté, ou un identifiant de proposition."
        ), completion: .clausesOrProposals)
    var clause: String?

    @Option(
        help: .t("The draft to show (v1, v2, …); default HEAD.", "La version à afficher (v1, v2, …) ; par défaut HEAD.", valueName: "vN"),
        completion: .drafts)
    var version: String?

    @Flag(help: .t("Only the clause's own text, without its sub-clauses.", "Seulement le texte propre de la clause, sans ses sous-clauses."))
    var own = false

    @OptionGroup var format: OutputOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let session = try ReadingSession.open(runtime.context)
        let workspace = session.workspace
        // An id shaped like a proposal's may also be a clause's ("tranches-2"): the branch decides.
        if let clause, let (pseudonym, _) = Proposal.parseID(clause.uppercased()),
            try session.hasProposals(of: pseudonym)
        {
            try refuseJSON(Text(en: "a proposal", fr: "une proposition"), instead: "jsf inbox --json")
            try ProposalPage.show(clause, session: session, runtime: runtime)
            return
        }
        let (name, commit) = try session.revision(version)
        let source = try workspace.cctp(at: commit, name: name)
        guard let clause else {
            try refuseJSON(Text(en: "the whole CCTP", fr: "le CCTP entier"), instead: "jsf clauses --json")
            runtime.console.out(source.hasSuffix("\n") ? String(source.dropLast()) : source)
            return
        }
        let index = try workspace.index(at: commit)
        let entry = try ClauseLookup.find(clause, in: index.entries, version: name)
        func text(of id: String, withSubclauses: Bool = false) throws(JSFError) -> String {
            guard let text = workspace.clauseSource(source, at: commit, id: id, withSubclauses: withSubclauses) else {
                throw JSFError(
                    .refused,
                    Text(
                        en: "clause '\(id)' is in the index of \(name) but not in its text",
                        fr: "la clause '\(id)' est dans l'index de \(name) mais pas dans son texte"),
                    hints: [Text(en: "run 'jsf check'", fr: "lancez 'jsf check'")])
            }
            return String(text.dropLast())
        }
        if format.json {
            var subclauses: [Clause] = []
            if !own {
                for sub in index.subclauses(of: entry.id) { subclauses.append(Clause(sub, text: try text(of: sub.id))) }
            }
            try encodeJSON(
                runtime, Output(version: name, commit: commit.hex, clause: Clause(entry, text: try text(of: entry.id)), subclauses: subclauses))
            return
        }
        runtime.console.out(try text(of: entry.id, withSubclauses: !own))
    }

    /// --json shows a clause; `what` has no JSON here, `instead` has.
    func refuseJSON(_ what: Text, instead: String) throws(JSFError) {
        guard format.json else { return }
        throw JSFError(
            .usage,
            Text(en: "'jsf show --json' shows a clause, not \(what.en)", fr: "'jsf show --json' montre une clause, pas \(what.fr)"),
            hints: [Text(en: "'\(instead)' gives it as JSON", fr: "'\(instead)' le donne en JSON")])
    }
}
