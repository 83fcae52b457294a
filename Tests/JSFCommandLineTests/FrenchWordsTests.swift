import Foundation
import Testing

/// `--kind`, `--cost` and `--status` take the French words of the screens beside the English values of the files,
/// and the files keep the English values (docs/format.md).
@Suite("French words for kinds, costs and statuses on the command line")
struct FrenchWordsTests {
    @Test("propose --kind question --cost baisse, comment --status acceptée, inbox filters in French; files in English")
    func frenchWords() throws {
        let world = try DialogueWorld.cloned()
        let box = world.box
        box.language = "fr_FR.UTF-8"
        box.now = "2027-01-05T10:00:00+01:00"
        let question = try world.propose(
            DialogueWorld.cuisine, ["commandes", "--kind", "Question", "--cost", "inconnu", "-m", "Le délai du mercredi est-il le même ?"])
        let solution = try world.propose(
            DialogueWorld.cuisine, ["livraison", "--kind", "solution", "--cost", "BAISSE", "-m", "Une tournée unique le matin."])
        let precision = try world.propose(
            DialogueWorld.cuisine, ["duree", "--kind", "demande de précision", "--cost", "neutre", "-m", "La reconduction est-elle tacite ?"])
        try world.companyOK(DialogueWorld.cuisine, "push")
        // What is written is the English value of docs/format.md.
        let pseudonym = String(question.split(separator: "-").first!)
        let file = try box.gitOutput("show", "proposals/\(pseudonym):1.md", in: DialogueWorld.cuisineDir)
        #expect(file.contains("kind: clarification") && file.contains("cost: unknown"), "\(file)")
        #expect(try box.gitOutput("show", "proposals/\(pseudonym):2.md", in: DialogueWorld.cuisineDir).contains("cost: down"))

        try world.agentOK("fetch")
        try world.agentOK("comment", question, "--status", "répondue", "-m", "Oui, le même délai.")
        try world.agentOK("comment", solution, "--status", "Acceptée", "-m", "Retenu pour la v2.")

        let clarifications = try world.inbox("agent", ["--kind", "précision"]).proposals.map(\.id)
        #expect(Set(clarifications) == [question, precision])
        #expect(try world.inbox("agent", ["--cost", "baisse"]).proposals.map(\.id) == [solution])
        #expect(try world.inbox("agent", ["--status", "acceptée"]).proposals.map(\.id) == [solution])
        #expect(try world.inbox("agent", ["--status", "ouverte"]).proposals.map(\.id) == [precision])
        #expect(try world.inbox("agent", ["--status", "answered"]).proposals.map(\.id) == [question])

        // A word that is neither is refused as a usage error, naming the values.
        let bad = try world.company(DialogueWorld.cuisine, "propose", "duree", "--kind", "devis", "--cost", "neutre", "-m", "x")
        #expect(bad.status == 64, "\(bad)")
        #expect(bad.stderr.contains("devis"), "\(bad.stderr)")
        let badStatus = try world.agent("inbox", "--status", "perdue")
        #expect(badStatus.status == 64 && badStatus.stderr.contains("perdue"), "\(badStatus)")
    }
}
