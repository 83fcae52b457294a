import ArgumentParser
import JeSaisFaire

struct Clauses: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "clauses",
            abstract: bilingual(
                "Show the clause index (clauses.yml) of a draft, or of HEAD.", "Affiche l'index des clauses (clauses.yml) d'une version, ou de HEAD."),
            discussion: bilingual(
                "The JSON output has the fields of clauses.yml: id, number, title, level, parent, kind, weight, hash, introduced, changed.",
                "La sortie JSON a les champs de clauses.yml : id, number, title, level, parent, kind, weight, hash, introduced, changed.")
        )
    }

    @OptionGroup var global: GlobalOptions

    @Option(
        help: .t("The draft to show (v1, v2, …); default HEAD.", "La version à afficher (v1, v2, …) ; par défaut HEAD.", valueName: "vN"),
        completion: .drafts)
    var version: String?

    @OptionGroup var format: OutputOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let session = try ReadingSession.open(runtime.context)
        let (name, commit) = try session.revision(version)
        let index = try session.workspace.index(at: commit)
        if format.json {
            let output = Output(version: name, commit: commit.hex, clauses: index.entries.map(Clause.init))
            if let data = output.prettyJSON() {
                runtime.console.outRaw(data)
            } else {
                try encodeJSON(runtime, output)
            }
            return
        }
        let c = runtime.console
        c.table(
            ["id", c.t("number", "numéro"), c.t("kind", "type"), c.t("weight", "poids"), c.t("changed", "modifiée"), c.t("title", "titre")],
            index.entries.map { e in
                [
                    e.id, e.number, e.kind == .criterion ? c.t("criterion", "critère") : "clause", e.weight.map(String.init) ?? "",
                    "v\(e.changed)", String(repeating: "  ", count: max(0, e.level - 1)) + e.title,
                ]
            })
    }
}
