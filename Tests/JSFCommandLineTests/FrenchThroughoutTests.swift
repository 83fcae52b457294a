import Foundation
import Testing

/// Under a French LANG, everything a person reads is French: the parser's usage errors, `--help` of every command,
/// every refusal; and the screens show the French words of kinds, costs and statuses while JSON keeps the English
/// values.
@Suite("French throughout: usage errors, help, refusals")
struct FrenchThroughoutTests {
    /// Words that only an English sentence has (none is French, none names a jsf ref, file or option).
    static let englishWords: Set<String> = [
        "the", "is", "are", "was", "were", "be", "been", "not", "no", "of", "for", "with", "to", "in", "into", "from", "by", "and",
        "or", "this", "that", "these", "which", "when", "there", "it", "its", "your", "you", "yet", "only", "already", "should",
        "must", "cannot", "does", "did", "has", "have", "please", "provide", "missing", "unexpected", "invalid", "expected",
        "unknown", "value", "values", "error", "hint", "warning", "usage", "see", "more", "information", "run", "use", "give",
        "found", "mean", "file", "directory", "repository", "help", "show", "none", "first", "at", "an", "any", "but", "specified",
        "take", "takes", "one", "following", "such", "exist", "exists", "name", "named", "here",
    ]

    /// The English words of `text`, leaving out what a French message quotes as it is: '…', «…», `…` and "…" spans,
    /// paths, file names, options, `<values>`, the usage line, and the `Cause :` line of an underlying library.
    static func english(in text: String) -> [String] {
        var found: [String] = []
        var usage = false
        for line in text.split(separator: "\n") {
            // The usage line is code: the command's name and its options, wrapped under its first word.
            usage = line.hasPrefix("Utilisation : ") || (usage && line.hasPrefix("              "))
            if usage || line.hasPrefix("Cause : ") { continue }
            var plain = ""
            var quote: Character?
            var previous: Character = " "
            for character in line {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "'" && !previous.isLetter {
                    quote = "'"
                } else if character == "«" {
                    quote = "»"
                } else if character == "`" || character == "\"" {
                    quote = character
                } else {
                    plain.append(character)
                }
                previous = character
            }
            for token in plain.split(whereSeparator: \.isWhitespace) {
                if token.contains(where: { "/.=<>_@$".contains($0) }) || token.hasPrefix("-") || token.hasPrefix("[") { continue }
                for word in token.split(whereSeparator: { !$0.isLetter }) where englishWords.contains(word.lowercased()) {
                    found.append(String(word))
                }
            }
        }
        return found
    }

    @Test("the detector finds English and passes French with quoted values")
    func detector() {
        #expect(
            FrenchThroughoutTests.english(in: "error: The value 'x' is invalid for '--kind <kind>'") == [
                "error", "The", "value", "is", "invalid", "for",
            ])
        #expect(FrenchThroughoutTests.english(in: "erreur : la valeur 'the value' n'est pas valable pour '--kind <kind>'").isEmpty)
        #expect(FrenchThroughoutTests.english(in: "astuce : lancez `jsf fetch` dans /tmp/the/directory, d'abord").isEmpty)
        #expect(FrenchThroughoutTests.english(in: "2 unexpected arguments: 'a', 'b'") == ["unexpected"])
    }

    @Test("ArgumentParser's own usage errors in French, values and usage kept; English unchanged")
    func parserErrors() throws {
        let box = try Sandbox()
        box.language = "fr_FR.UTF-8"
        let cases: [([String], String)] = [
            (
                ["inbox", "--kind", "devis"],
                "erreur : la valeur 'devis' n'est pas valable pour '--kind <kind>' ; valeurs possibles : 'solution', 'clarification' ou 'alternative'"
            ),
            (["show", "a", "b", "c"], "erreur : 2 arguments inattendus : 'b', 'c'"),
            (["withdraw", "A-1", "B-2"], "erreur : argument inattendu 'B-2'"),
            (["comment"], "erreur : argument manquant '<id>'"),
            (["status", "--frob"], "erreur : option inconnue '--frob'"),
            (["status", "--jsn"], "erreur : option inconnue '--jsn' ; vouliez-vous dire '--json' ?"),
            (["inbox", "--kind"], "erreur : valeur manquante pour '--kind <kind>'"),
            (["status", "--json=oui"], "erreur : l'option '--json' ne prend pas de valeur, mais 'oui' a été donné"),
            (["inbox", "--round", "deux"], "erreur : la valeur 'deux' n'est pas valable pour '--round <n>'"),
            (["comment", "X-1", "-m", "a", "-F", "f"], "erreur : donnez la réponse avec -m ou -F, pas les deux"),
            (["inbox", "--status", "perdue"], "erreur : 'perdue' n'est pas un statut ; employez l'un de open, answered"),
        ]
        for (arguments, expected) in cases {
            let run = try box.jsf(arguments)
            #expect(run.status == 64, "\(arguments): \(run)")
            #expect(run.stdout.isEmpty, "\(arguments): \(run)")
            #expect(run.stderr.hasPrefix(expected), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("\nUtilisation : jsf \(arguments[0])"), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("Voir 'jsf \(arguments[0]) --help' pour en savoir plus."), "\(arguments): \(run.stderr)")
            #expect(
                FrenchThroughoutTests.english(in: run.stderr).isEmpty, "\(arguments): \(FrenchThroughoutTests.english(in: run.stderr))\n\(run.stderr)"
            )
        }
        // The option's help line, in French too.
        let kind = try box.jsf("inbox", "--kind", "devis")
        #expect(kind.stderr.contains("\nAide :  --kind <kind>  Seulement les propositions de ce type"), "\(kind.stderr)")
        // A usage line that wraps keeps hanging under its first word.
        let usage = kind.stderr.split(separator: "\n").drop { !$0.hasPrefix("Utilisation : ") }.dropFirst().first
        if let usage, !usage.hasPrefix("  Voir") { #expect(usage.hasPrefix(String(repeating: " ", count: 14)), "\(kind.stderr)") }

        box.language = "C.UTF-8"
        let english = try box.jsf("inbox", "--kind", "devis")
        #expect(english.status == 64)
        #expect(english.stderr.hasPrefix("error: The value 'devis' is invalid for '--kind <kind>'"), "\(english.stderr)")
        #expect(english.stderr.contains("\nUsage: jsf inbox"), "\(english.stderr)")
    }

    /// The commands as `--experimental-dump-help` describes them: path, abstract, discussion, each argument's help.
    struct Described: Equatable {
        var path: String
        var texts: [String]
    }

    static func described(_ json: Any, path: String = "jsf") -> [Described] {
        guard let command = json as? [String: Any] else { return [] }
        var texts = [command["abstract"] as? String ?? "", command["discussion"] as? String ?? ""]
        for argument in command["arguments"] as? [[String: Any]] ?? [] {
            texts.append(argument["abstract"] as? String ?? "")
            texts.append(argument["discussion"] as? String ?? "")
        }
        var all = [Described(path: path, texts: texts)]
        for sub in command["subcommands"] as? [[String: Any]] ?? [] {
            all += described(sub, path: path + " " + (sub["commandName"] as? String ?? "?"))
        }
        return all
    }

    @Test("--help follows the locale: every abstract, discussion and option help of every command exists in French")
    func helpInFrench() throws {
        let box = try Sandbox()
        func dump(_ language: String) throws -> [Described] {
            box.language = language
            let run = try box.jsf("--experimental-dump-help")
            try #require(run.status == 0, "\(run)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return FrenchThroughoutTests.described(json?["command"] as Any)
        }
        let english = try dump("C.UTF-8")
        let french = try dump("fr_FR.UTF-8")
        try #require(english.count == french.count && english.count > 30, "\(english.count) commands in English, \(french.count) in French")
        // ArgumentParser's own flags are translated where they are rendered (--help, man/fr), not in the dump.
        let builtIn: Set<String> = [
            "Show help information.", "Show subcommand help information.", "Show the version.", "Dump help information as JSON.",
        ]
        for (en, fr) in zip(english, french) {
            try #require(en.path == fr.path && en.texts.count == fr.texts.count, "\(en.path) / \(fr.path)")
            for (e, f) in zip(en.texts, fr.texts) where !e.isEmpty && !builtIn.contains(e) {
                #expect(e != f, "untranslated in '\(en.path)': \(e)")
                #expect(!f.isEmpty, "no French in '\(en.path)' for: \(e)")
            }
        }
        // The rendered help: its frame in French, each command.
        box.language = "fr_FR.UTF-8"
        for command in french {
            let run = try box.jsf(Array(command.path.split(separator: " ").dropFirst().map(String.init)) + ["--help"])
            #expect(run.status == 0, "\(command.path): \(run)")
            #expect(run.stdout.contains("UTILISATION : "), "\(command.path): \(run.stdout)")
            for english in ["OVERVIEW:", "USAGE:", "OPTIONS:", "ARGUMENTS:", "SUBCOMMANDS:", "Show help information.", "(default:", "(values:"] {
                #expect(!run.stdout.contains(english), "\(command.path): '\(english)' in\n\(run.stdout)")
            }
        }
        let root = try box.jsf("--help")
        #expect(root.stdout.hasPrefix("PRÉSENTATION : Rédiger ensemble"), "\(root.stdout)")
        #expect(root.stdout.contains("Voir 'jsf help <sous-commande>' pour l'aide détaillée."), "\(root.stdout)")
        box.language = "C.UTF-8"
        #expect(try box.jsf("--help").stdout.hasPrefix("OVERVIEW: Write better tender specifications together"))
    }

    @Test("help in two languages at once: commands run in-process together each read their own invocation's")
    func helpConcurrently() async throws {
        let box = try Sandbox()
        let fr = box.environment()
        let root = box.root
        let results = try await withThrowingTaskGroup(of: (Bool, String).self) { group in
            for n in 0..<16 {
                let french = n % 2 == 0
                var environment = fr
                environment["LANG"] = french ? "fr_FR.UTF-8" : "C.UTF-8"
                let env = environment
                group.addTask {
                    let run = try runInProcess(["inbox", "--help"], in: root, environment: env)
                    return (french, run.stdout)
                }
            }
            var all: [(Bool, String)] = []
            for try await result in group { all.append(result) }
            return all
        }
        for (french, help) in results {
            #expect(help.contains(french ? "Seulement vos propres propositions" : "Only your own proposals"), "\(french): \(help)")
        }
    }

    @Test("every command's refusals under LANG=fr_FR.UTF-8 are French: no English sentence on stderr")
    func refusalsInFrench() throws {
        let world = try DialogueWorld.cloned()
        let box = world.box
        box.language = "fr_FR.UTF-8"
        box.now = "2027-01-05T10:00:00+01:00"
        let agent = DialogueWorld.agentDir
        let company = DialogueWorld.cuisineDir
        let cuisine = DialogueWorld.cuisine
        try box.write("empty/.keep", "")
        let refusals: [(user: String, directory: String, arguments: [String])] = [
            // Bad arguments and values.
            ("agent", agent, ["inbox", "--kind", "devis"]), ("agent", agent, ["propose", "x", "--cost", "cher"]),
            ("agent", agent, ["show", "a", "b"]), ("agent", agent, ["comment"]), ("agent", agent, ["status", "--frob"]),
            ("agent", agent, ["inbox", "--round", "deux"]), ("agent", agent, ["export", "v1", "--format", "rtf"]),
            ("agent", agent, ["allowed-signers", "--role", "maire"]), ("agent", agent, ["publish", "--until", "demain"]),
            ("agent", agent, ["show", "inexistante"]), ("agent", agent, ["show", "--version", "v9"]),
            ("agent", agent, ["diff", "v1", "v9"]), ("agent", agent, ["comment", "ZZZZZZZZ-9", "-m", "x"]),
            ("agent", agent, ["export", "v9"]), ("agent", agent, ["report", "--version", "v9"]),
            ("agent", agent, ["publish"]),
            ("agent", agent, ["consultation", "remove-buyer", "--name", "Personne"]),
            ("agent", agent, ["consultation", "add-buyer", "--name", "PFRA"]),
            ("agent", agent, ["revise", "--apply", "ZZZZZZZZ-9"]), ("agent", agent, ["-C", "nulle-part", "status"]),
            ("agent", ".", ["init", "autre", "--id", "Pas Bon", "--title", "T", "--buyer", "B", "--cpv", "55524000-9"]),
            ("agent", ".", ["init", "autre", "--id", "ok-2027", "--title", "T", "--buyer", "B", "--cpv", "12345678-0"]),
            ("agent", ".", ["init", "autre", "--id", "ok-2027", "--title", "T", "--buyer", "B", "--cpv", "55524000-9", "--territory", "999"]),
            ("agent", ".", ["clone", box.path("nulle-part.git")]), ("agent", ".", ["discover", box.path("nulle-part.git")]),
            ("agent", ".", ["import", "absent.docx"]), ("agent", ".", ["hub", "init", agent]),
            ("nobody", ".", ["identity", "show"]),
            (
                "nobody", ".",
                ["identity", "init", "--role", "company", "--name", "X", "--siret", "123", "--cpv", "55524000-9", "--departement", "35"]
            ),
            ("nobody", ".", ["identity", "init", "--role", "agent", "--name", "X"]),
            (
                "nobody", ".",
                ["identity", "init", "--role", "company", "--name", "X", "--siret", "73282932000074", "--cpv", "1", "--departement", "35"]
            ),
            // No consultation here.
            ("agent", "empty", ["status"]), ("agent", "empty", ["inbox"]), ("agent", "empty", ["log"]), ("agent", "empty", ["check"]),
            ("agent", "empty", ["clauses"]), ("agent", "empty", ["show"]), ("agent", "empty", ["diff"]), ("agent", "empty", ["fetch"]),
            ("agent", "empty", ["push"]), ("agent", "empty", ["verify"]), ("agent", "empty", ["publish"]), ("agent", "empty", ["export"]),
            ("agent", "empty", ["report"]), ("agent", "empty", ["revise"]), ("agent", "empty", ["round", "close"]),
            ("agent", "empty", ["allowed-signers"]), ("agent", "empty", ["comment", "X-1", "-m", "x"]),
            ("agent", "empty", ["consultation", "add-buyer", "--name", "PFRA", "--key-string", "ssh-ed25519 AAAA"]),
            (cuisine, "empty", ["propose", "x", "--kind", "solution", "--cost", "neutre", "-m", "x"]),
            (cuisine, "empty", ["withdraw", "X-1"]), ("buyer", "empty", ["approve", "-m", "x"]),
            // The wrong role.
            (cuisine, company, ["publish"]), (cuisine, company, ["comment", "\(world.pa)-1", "-m", "x"]),
            (cuisine, company, ["round", "close"]), (cuisine, company, ["revise", "--apply", "\(world.pa)-1"]),
            (cuisine, company, ["consultation", "add-buyer", "--name", "PFRA", "--key-string", "ssh-ed25519 AAAA"]),
            (cuisine, company, ["approve", "-m", "x"]),
            ("agent", agent, ["propose", "objet", "--kind", "solution", "--cost", "neutre", "-m", "x"]),
            ("agent", agent, ["withdraw", "\(world.pa)-1"]), ("agent", agent, ["approve", "-m", "x"]), ("agent", agent, ["inbox", "--mine"]),
            // Bad values once the role is right.
            (cuisine, company, ["propose", "inexistante", "--kind", "solution", "--cost", "neutre", "-m", "x"]),
            (cuisine, company, ["propose", "objet", "--kind", "alternative", "--cost", "neutre", "--weight", "30", "-m", "x"]),
            (cuisine, company, ["withdraw", "\(world.pa)-9"]), (cuisine, company, ["show", "\(world.pa)-9"]),
            // Mending: errata, signatures, dry runs, integrations by hand, the catalogue.
            ("agent", agent, ["comment", "\(world.pa)-1", "--erratum", "-m", "x"]),
            ("agent", agent, ["comment", "ZZZZZZZZ-9", "--signed-by", "Agent", "--dry-run", "-m", "x"]),
            ("agent", agent, ["publish", "--dry-run"]), ("agent", agent, ["publish", "--integrates", "ZZZZZZZZ-9"]),
            ("agent", agent, ["catalogue", "register"]), ("agent", "empty", ["catalogue", "register"]),
            (cuisine, company, ["catalogue", "register", box.path("catalogue.git")]), ("buyer", "empty", ["approve", "--yes", "-m", "x"]),
        ]
        for (user, directory, arguments) in refusals {
            let run = try box.jsf(arguments, as: user, in: directory)
            let line = "jsf \(arguments.joined(separator: " ")) (\(user) in \(directory))"
            #expect(run.status != 0, "\(line) did not fail:\n\(run)")
            #expect(!run.stderr.isEmpty, "\(line): nothing on stderr")
            let english = FrenchThroughoutTests.english(in: run.stderr)
            #expect(english.isEmpty, "\(line): English \(english) in\n\(run.stderr)")
        }
    }

    @Test("status, inbox and show say kinds, costs and statuses in French; --json keeps the English values")
    func screenWords() throws {
        let world = try DialogueWorld.cloned()
        let box = world.box
        box.language = "fr_FR.UTF-8"
        box.now = "2027-01-05T10:00:00+01:00"
        let question = try world.propose(
            DialogueWorld.cuisine, ["commandes", "--kind", "question", "--cost", "hausse", "-m", "Le délai est-il le même ?"])
        try world.companyOK(DialogueWorld.cuisine, "push")
        try world.agentOK("fetch")
        try world.agentOK("comment", question, "--status", "acceptée", "-m", "Oui.")
        try world.companyOK(DialogueWorld.cuisine, "fetch")

        let inbox = try world.agentOK("inbox")
        let line = try #require(inbox.stdout.split(separator: "\n").first { $0.contains(question) })
        #expect(line.contains("demande de précision  hausse") && line.contains("acceptée"), "\(inbox.stdout)")
        #expect(!line.contains("clarification") && !line.contains(" up ") && !line.contains("accepted"), "\(line)")
        let json = try world.agentOK("inbox", "--json")
        #expect(json.stdout.contains("\"kind\" : \"clarification\"") && json.stdout.contains("\"status\" : \"accepted\""), "\(json.stdout)")
        #expect(json.stdout.contains("\"cost\" : \"up\""), "\(json.stdout)")

        let show = try world.agentOK("show", question)
        let header = show.stdout.split(separator: "\n").map(String.init)
        for (key, values) in [("type", ["demande de précision"]), ("coût", ["hausse"]), ("statut", ["acceptée"]), ("état", ["à jour", "résolue"])] {
            #expect(
                header.contains { line in line.hasPrefix(key + " ") && values.contains { line.hasSuffix("  " + $0) } }, "\(key) in\n\(show.stdout)")
        }
        let status = try world.companyOK(DialogueWorld.cuisine, "status")
        #expect(status.stdout.contains("\(question)  demande de précision  commandes  v1  acceptée"), "\(status.stdout)")
        #expect(status.stdout.contains("pouvoir adjudicateur : Commune de Val-d'Orvenne"), "\(status.stdout)")

        // An erratum: marked in French in inbox and show.
        try world.agentOK("comment", question, "--erratum", "--signed-by", "Claire Martin", "-m", "Non, il change.")
        let corrected = try world.agentOK("inbox")
        let marked = try #require(corrected.stdout.split(separator: "\n").first { $0.contains(question) })
        #expect(marked.contains("[réponse corrigée le ") && !marked.contains("corrected"), "\(marked)")
        let thread = try world.agentOK("show", question)
        #expect(thread.stdout.contains("[corrigée le ") && thread.stdout.contains("erratum de la réponse du "), "\(thread.stdout)")
        #expect(thread.stdout.contains("signée par Claire Martin") && !thread.stdout.contains("signed by"), "\(thread.stdout)")

        box.language = "C.UTF-8"
        let english = try world.agentOK("inbox")
        #expect(english.stdout.contains("\(question)  clarification  up  v1  accepted"), "\(english.stdout)")
    }
}
