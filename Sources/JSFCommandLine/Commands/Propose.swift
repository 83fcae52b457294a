import ArgumentParser
import Foundation
import JeSaisFaire

/// The kind and the cost effect in English (the values of the files) or in French (question, précision; hausse,
/// baisse, neutre, inconnu), as the screens write them.
extension ProposalKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(word: argument) }
}

extension CostImpact: ExpressibleByArgument {
    public init?(argument: String) { self.init(word: argument) }
}

extension ResponseStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(word: argument) }
}

struct Propose: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "propose",
            abstract: bilingual(
                "React to a clause or criterion of the current draft, under your pseudonym.",
                "Réagit à une clause ou à un critère de la version courante, sous votre pseudonyme."),
            discussion: bilingual(
                """
                Writes <n>.md on your branch proposals/<pseudonym> without touching the working tree or the index, with \
                the draft it reacts to and the target's content hash; 'jsf push' sends it to the hub.

                A solution says how you would meet the clause; a clarification asks a question (the answer goes to every \
                participant); an alternative proposes another clause text (--text-file) or another weighting: one criterion's \
                weight (--weight, the other criteria rebalanced so that the total stays 100) or every weight at once \
                (--weights prix=30,valeur-technique=60,8.3=10: each criterion named once, by id, number or prefix, with a \
                whole weight, summing to 100). Every proposal says why and whether the cost would go up or down.

                An alternative text replaces the clause's whole section: its own text and its sub-clauses ('jsf show' \
                shows it), up to the next heading of its level or above. Write the text that follows the clause's heading, \
                and the sub-clauses as deeper headings: a sub-clause keeps its id when its heading keeps its {#id}, or \
                else has the title of one (the one with the same number first); other headings are new (on a clause \
                without sub-clauses, they become its sub-clauses in the order written); sub-clauses left out are removed. \
                jsf says so on standard error, with the section replaced. Refused: a heading of the clause's level or \
                above, an {#id} of a clause outside the section.

                The justification comes from -m, -F (- for standard input), or an editor ($VISUAL, $EDITOR). Limits: \
                20,000 characters of justification, 50,000 of proposed text, 200 of estimate. jsf refuses a text that names \
                your company (name or a prefix of two words of it, SIRET or SIREN, email, phone, web domain, street address, \
                town with its postal code, from your identity; however written: case, accents, hyphens, digit groups, \
                (at) and (dot)…), quoting what matched, unless --allow-identifying is given. Refused too: a closed round, an unknown target (the closest clauses by number and title are \
                listed), --weight or --weights on a clause, weights that do not name every criterion once or do not sum to \
                100, a company not concerned by the consultation.

                --confidential (secret des affaires) seals the justification, the estimate, the weights and the proposed \
                text to the keys of the agent and buyers that consultation.yml lists, and to your own: <n>.md then holds \
                only its kind, target, draft and cost direction, and <n>.sealed the rest. The others see that it exists; \
                'jsf consent ID --share' makes it public if you consent.

                TARGET is a clause or criterion id, its number in the current draft (6.2, 6.2., art. 6.2, Article 6; case \
                and accents do not matter) or an unambiguous prefix of an id, tried in that order: an exact id wins over a \
                number, a number over a prefix.
                """,
                """
                Écrit <n>.md sur votre branche proposals/<pseudonyme> sans toucher à la copie de travail ni à l'index, \
                avec la version à laquelle elle réagit et l'empreinte du contenu de la cible ; 'jsf push' l'envoie au \
                hub.

                Une solution dit comment vous rempliriez la clause ; une demande de précision pose une question (la \
                réponse va à chaque participant) ; une variante propose un autre texte de clause (--text-file) ou une \
                autre pondération : celle d'un critère (--weight, les autres critères rééquilibrés pour que le total \
                reste 100) ou toutes à la fois (--weights prix=30,valeur-technique=60,8.3=10 : chaque critère nommé une \
                fois, par identifiant, numéro ou début d'identifiant, avec une pondération entière, de somme 100). Chaque \
                proposition dit pourquoi, et si le coût monterait ou baisserait.

                Le texte d'une variante remplace toute la section de la clause : son texte propre et ses sous-clauses \
                ('jsf show' la montre), jusqu'au titre suivant de son niveau ou au-dessus. Écrivez le texte qui suit le \
                titre de la clause, et les sous-clauses en titres plus profonds : une sous-clause garde son identifiant \
                quand son titre garde son {#id}, ou sinon porte le titre de l'une d'elles (celle de même numéro d'abord) \
                ; les autres titres sont nouveaux (sur une clause sans sous-clauses, ils deviennent ses sous-clauses dans \
                l'ordre écrit) ; les sous-clauses omises sont supprimées. jsf le dit sur la sortie d'erreur, avec la \
                section remplacée. Refusés : un titre du niveau de la clause ou au-dessus, un {#id} d'une clause hors de \
                la section.

                La justification vient de -m, de -F (- pour l'entrée standard) ou d'un éditeur ($VISUAL, $EDITOR). \
                Limites : 20 000 caractères de justification, 50 000 de texte proposé, 200 d'estimation. jsf refuse un \
                texte qui nomme votre entreprise (nom ou début de deux mots du nom, SIRET ou SIREN, adresse électronique, \
                téléphone, domaine web, adresse postale, commune avec son code postal, d'après votre identité ; quelle que \
                soit l'écriture : casse, accents, tirets, groupes de chiffres, (at) et (dot)…), en citant ce qui a été \
                reconnu, sauf si --allow-identifying est donné. Refusés aussi : un tour clos, une cible inconnue \
                (les clauses les plus proches par numéro et titre sont listées), --weight ou --weights sur une clause, \
                des pondérations qui ne nomment pas chaque critère une fois ou ne font pas 100, une entreprise que la \
                consultation ne concerne pas.

                --confidential (secret des affaires) scelle la justification, l'estimation, les pondérations et le texte \
                proposé pour les clés de l'agent et des acheteurs que liste consultation.yml, et pour la vôtre : <n>.md ne \
                contient plus que son type, sa cible, sa version et le sens du coût, et <n>.sealed le reste. Les autres \
                voient qu'elle existe ; 'jsf consent ID --share' la rend publique si vous y consentez.

                CIBLE est un identifiant de clause ou de critère, son numéro dans la version courante (6.2, 6.2., art. \
                6.2, Article 6 ; casse et accents indifférents) ou un début d'identifiant sans ambiguïté, essayés dans \
                cet ordre : un identifiant exact l'emporte sur un numéro, un numéro sur un début d'identifiant.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: .t(
            "The clause or criterion of the current draft: id, number (6.2, \"art. 6.2\") or unambiguous id prefix.",
            "La clause ou le critère de la version courante : identifiant, numéro (6.2, « art. 6.2 ») ou début d'identifiant sans ambiguïté."),
        completion: .clauses)
    var target: String

    @Option(
        help: .t(
            "solution, clarification or alternative; in French too: question or précision, variante.",
            "solution, précision (ou question) ou variante ; en anglais aussi : solution, clarification, alternative."))
    var kind: ProposalKind

    @Option(
        help: .t(
            "The effect on cost: up, down, neutral or unknown; in French too: hausse, baisse, neutre, inconnu.",
            "L'effet sur le coût : hausse, baisse, neutre ou inconnu ; en anglais aussi : up, down, neutral, unknown."))
    var cost: CostImpact

    @Option(
        parsing: .unconditional,
        help: .t(
            "An estimate of the cost effect, in words (\"-8 % sur le forfait\").",
            "Une estimation de l'effet sur le coût, en mots (« -8 % sur le forfait »)."))
    var estimate: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: .t("The justification.", "La justification."))
    var message: String?

    @Option(
        name: .customShort("F"),
        help: .t(
            "Read the justification from a file (- for standard input).", "Lit la justification dans un fichier (- pour l'entrée standard).",
            valueName: "file"))
    var file: String?

    @Option(
        name: .customLong("text-file"),
        help: .t("The proposed clause text of an alternative.", "Le texte de clause proposé par une variante.", valueName: "file"))
    var textFile: String?

    @Option(
        help: .t(
            "The proposed weight of an alternative criterion (0–100); the others are rebalanced.",
            "La pondération proposée d'un critère, pour une variante (0–100) ; les autres sont rééquilibrés."))
    var weight: Int?

    @Option(
        help: .t(
            "Every criterion's proposed weight, summing to 100 (prix=30,valeur-technique=60,8.3=10).",
            "La pondération proposée de chaque critère, de somme 100 (prix=30,valeur-technique=60,8.3=10).", valueName: "criterion=weight,…"))
    var weights: String?

    @Option(
        help: .t(
            "Amend one of your proposals: the new one supersedes it.", "Modifie l'une de vos propositions : la nouvelle la remplace.", valueName: "id"
        ), completion: .proposals)
    var amend: String?

    @Flag(
        name: .customLong("allow-identifying"),
        help: .t("Publish even if the text names your company.", "Publie même si le texte nomme votre entreprise."))
    var allowIdentifying = false

    @Flag(
        help: .t(
            "Seal the justification, estimate, weights and proposed text to the agent's and buyers' keys (secret des affaires).",
            "Scelle la justification, l'estimation, les pondérations et le texte proposé pour les clés de l'agent et des acheteurs (secret des affaires)."
        ))
    var confidential = false

    func validate() throws {
        if message != nil && file != nil {
            throw usageError("give the justification with -m or -F, not both", "donnez la justification avec -m ou -F, pas les deux")
        }
    }

    func execute(_ runtime: Runtime) throws(JSFError) {
        let context = runtime.context
        let c = runtime.console
        let session = try Session.open(context, as: [.company])
        let justification = try readJustification(runtime)
        let proposed = try textFile.map { path throws(JSFError) in try readInputFile(path, context: context) }
        let request = ProposeRequest(
            target: target, kind: kind, cost: cost, estimate: estimate, justification: justification,
            proposedText: proposed, weight: weight, weights: weights, amend: amend, allowIdentifying: allowIdentifying)
        var sealed = request
        sealed.confidential = confidential
        let result = try session.propose(sealed)
        let p = result.proposal
        c.out(p.id)
        c.note(
            c.t(
                "Recorded \(p.id): \(p.kind.label.en) on \(result.targetEntry.id) (\(result.targetEntry.number) \(result.targetEntry.title)), draft v\(p.version), \(p.cost.label.en).",
                "\(p.id) enregistrée : \(p.kind.label.fr) sur \(result.targetEntry.id) (\(result.targetEntry.number) \(result.targetEntry.title)), version v\(p.version), \(p.cost.label.fr)."
            ))
        if let weights = p.weights, let before = result.previousWeights {
            c.note(c.t("Resulting weights:", "Pondérations résultantes :"))
            for (id, weight) in weights {
                let old = before.first { $0.id == id }?.weight ?? 0
                c.note("  \(id): \(old) → \(weight)")
            }
        }
        if let section = result.section { noteSection(section, replaced: result.replacedSection, entry: result.targetEntry, c) }
        if let amended = p.supersedes { c.note(c.t("It supersedes \(amended).", "Elle remplace \(amended).")) }
        if p.confidential {
            c.note(
                c.t(
                    "It is confidential: the others see only its kind, target and cost direction; the agent and buyers read it. 'jsf consent \(p.id) --share' makes it public.",
                    "Elle est confidentielle : les autres n'en voient que le type, la cible et le sens du coût ; l'agent et les acheteurs la lisent. 'jsf consent \(p.id) --share' la rend publique."
                ))
        }
        c.hint(Text(en: "'jsf push' sends it to the hub", fr: "'jsf push' l'envoie au hub"))
    }

    /// An alternative on a section: what it replaces, and what becomes of each sub-clause.
    func noteSection(_ section: SectionReplacement, replaced: String?, entry: IndexEntry, _ c: Console) {
        let name = "\(entry.number) \(entry.title)"
        if section.before.isEmpty {
            c.note(
                c.t(
                    "Its headings become sub-clauses of \(name), in the order written.",
                    "Ses titres deviennent des sous-clauses de \(name), dans l'ordre écrit."))
        } else {
            c.note(
                c.t(
                    "It replaces the whole section \(name): its own text and its \(section.before.count) sub-clause(s). The section it replaces:",
                    "Elle remplace toute la section \(name) : son texte propre et ses \(section.before.count) sous-clause(s). La section qu'elle remplace :"
                ))
            for line in (replaced ?? "").split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                c.note(line.isEmpty ? "" : "    " + line)
            }
        }
        if !section.kept.isEmpty { c.note(c.t("Kept: ", "Conservées : ") + section.kept.joined(separator: ", ")) }
        if !section.added.isEmpty { c.note(c.t("New: ", "Nouvelles : ") + section.added.joined(separator: ", ")) }
        if !section.removed.isEmpty {
            c.note(c.t("Removed: ", "Supprimées : ") + section.removed.map { "\($0.number) \($0.title) (\($0.id))" }.joined(separator: ", "))
        }
    }

    func readJustification(_ runtime: Runtime) throws(JSFError) -> String {
        try readText(
            message: message, file: file, runtime: runtime, what: Text(en: "justification", fr: "justification"),
            template: runtime.console.t(
                "# jsf: Write the justification of your \(kind.rawValue) on '\(target)' below.\n# jsf: Lines starting with '# jsf:' are ignored; an empty text cancels.\n",
                "# jsf: Écrivez ci-dessous la justification de votre \(kind.label.fr) sur '\(target)'.\n# jsf: Les lignes commençant par '# jsf:' sont ignorées ; un texte vide annule.\n"
            ))
    }
}
