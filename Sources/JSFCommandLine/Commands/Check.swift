import ArgumentParser
import JeSaisFaire

struct Check: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: bilingual("Validate the consultation: the working tree and HEAD.", "Valide la consultation : la copie de travail et HEAD."),
            discussion: bilingual(
                """
                Checks consultation.yml (keys and types, CPV codes, départements and régions, rounds), cctp.md \
                (clause ids well formed and unique, criteria weights present and summing to 100, and a warning when a \
                criterion's text states another weight than its own) and clauses.yml \
                (in step with cctp.md). In the working tree, headings without ids and a lagging index are fine: \
                'jsf publish' assigns and regenerates them; in HEAD they are errors. A CPV check digit that \
                disagrees with the 3-7-1 rule is a warning only. Exits 1 when there is an error, listing every problem.
                """,
                """
                Vérifie consultation.yml (clés et types, codes CPV, départements et régions, tours), cctp.md \
                (identifiants de clauses bien formés et uniques, pondérations des critères présentes et de somme 100, et \
                un avertissement quand le texte d'un critère annonce une autre pondération que la sienne) et clauses.yml \
                (en accord avec cctp.md). Dans la copie de travail, des titres sans identifiant et un index en retard \
                sont admis : 'jsf publish' les attribue et le régénère ; dans HEAD ce sont des erreurs. Une clé de \
                contrôle CPV contraire à la règle 3-7-1 n'est qu'un avertissement. Sort avec 1 en cas d'erreur, en \
                listant chaque problème.
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var format: OutputOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let session = try ReadingSession.open(runtime.context)
        let report = try session.check()
        let c = runtime.console
        if format.json {
            try encodeJSON(
                runtime,
                Output(
                    passed: report.passed, errors: report.errors.count, warnings: report.warnings.count,
                    problems: report.problems.map {
                        .init(
                            severity: $0.severity.rawValue, file: $0.file, line: $0.line, key: $0.key,
                            code: $0.code, message: c.t($0.message))
                    }))
        } else {
            for problem in report.problems { c.out(c.describe(problem, err: false)) }
            c.note(
                report.problems.isEmpty
                    ? c.t("jsf check: all good", "jsf check : tout est en ordre")
                    : c.t(
                        "jsf check: \(report.errors.count) error(s), \(report.warnings.count) warning(s)",
                        "jsf check : \(report.errors.count) erreur(s), \(report.warnings.count) avertissement(s)"))
        }
        if !report.passed { throw JSFError.quiet() }
    }
}
