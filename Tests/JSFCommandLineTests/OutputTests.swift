import Foundation
import Testing

let escape = "\u{1B}["

/// These run the built binary (`Sandbox(spawning: true)`): streams, terminals and pipes are a process's.
@Suite("global options and output conventions")
struct OutputTests {
    @Test("-C DIR works before and after the subcommand, attached or not")
    func directoryOption() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpPublished()
        let inside = try box.ok("status", in: "c")
        for arguments in [
            ["-C", "c", "status"], ["status", "-C", "c"], ["-Cc", "status"], ["-C", box.path("c"), "status"],
            ["--color", "never", "-C", "c", "status"],
        ] {
            let run = try box.jsf(arguments)
            #expect(run.status == 0, "\(arguments): \(run)")
            #expect(run.stdout == inside.stdout, "\(arguments)")
        }
        // -C applies to paths too: init DIR is relative to it.
        try FileManager.default.createDirectory(atPath: box.path("work"), withIntermediateDirectories: true)
        let created = try box.jsf(
            "-C", "work", "init", "new", "--id", "new-consultation", "--title", "T", "--buyer", "B",
            "--cpv", "50312000-5")
        #expect(created.status == 0, "\(created)")
        #expect(box.exists("work/new/cctp.md"))
        #expect(!box.exists("new"))
        // From a subdirectory of the consultation, too (git-style discovery).
        try FileManager.default.createDirectory(atPath: box.path("c/annexes"), withIntermediateDirectories: true)
        #expect(try box.ok("status", in: "c/annexes").stdout == inside.stdout)
    }

    @Test("--color always colours, --color never and NO_COLOR do not, a file gets no colour by default")
    func color() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpPublished()
        let plain = try box.ok("log", in: "c")
        #expect(!plain.output.contains(escape))

        let always = try box.ok("--color", "always", "log", in: "c")
        #expect(always.stdout.contains("\(escape)1mdraft"))
        #expect(always.stdout.contains("\(escape)0m"))
        #expect(try box.ok("log", "--color", "always", in: "c").stdout == always.stdout)
        #expect(try box.ok("--color=always", "log", in: "c").stdout == always.stdout)

        // Errors too: the 'error:' prefix in red on stderr.
        let error = try box.jsf("--color", "always", "show", "nope", in: "c")
        #expect(error.status == 1)
        #expect(error.stderr.hasPrefix("\(escape)31merror: \(escape)0m"))
        #expect(error.stderr.contains("\(escape)2mhint: \(escape)0m"))

        #expect(!(try box.ok("--color", "never", "log", in: "c")).output.contains(escape))
        #expect(!(try box.ok("log", "--color", "never", in: "c")).output.contains(escape))
        #expect(!(try box.jsf("--color", "never", "show", "nope", in: "c")).output.contains(escape))
        box.noColor = true
        #expect(!(try box.ok("log", in: "c")).output.contains(escape))
        #expect(!(try box.ok("--color", "auto", "log", in: "c")).output.contains(escape))
        #expect(!(try box.ok("status", in: "c")).output.contains(escape))

        // Through a real pipe, auto means no colour.
        box.noColor = false
        let shell = try spawn(
            "/bin/sh", ["-c", "\"$0\" log | cat", try jsfBinary.get()], in: box.path("c"),
            environment: box.environment())
        #expect(shell.status == 0, "\(shell)")
        #expect(shell.stdout == plain.stdout)
        #expect(!shell.output.contains(escape))

        // A bad value is a usage error.
        #expect(try box.jsf("log", "--color", "sometimes", in: "c").status == 64)
    }

    @Test("LANG=fr_FR.UTF-8 gives French messages; LC_ALL wins over LANG")
    func french() throws {
        let box = try Sandbox(spawning: true)
        try box.setUpPublished()
        box.language = "fr_FR.UTF-8"
        let status = try box.ok("status", in: "c")
        #expect(status.stdout.contains("pouvoir adjudicateur : Commune de Val-d'Orvenne\n"))
        #expect(status.stdout.contains("version : v1 du 4 janvier 2027 — Version 1\n"))
        #expect(status.stdout.contains("tour :    ouvert jusqu'au 20 janvier 2027 à 23 h 59\n"))
        #expect(status.stdout.contains("Rien de non publié."))

        let nothing = try box.jsf("publish", in: "c")
        expectRefusal(
            nothing, status: 1,
            [
                "erreur : rien n'a changé depuis v1 : il n'y a pas de nouvelle version à publier",
                "astuce : modifiez cctp.md, puis lancez 'jsf publish'",
            ])
        #expect(!nothing.stderr.contains("error:"))
        #expect(!nothing.stderr.contains("hint:"))

        let log = try box.ok("log", in: "c")
        #expect(log.stdout.hasPrefix("version  date"))
        #expect(log.stdout.contains("journal"))

        try box.edit("c/cctp.md", replacing: "Il peut être reconduit deux fois", with: "Il peut être reconduit une fois")
        let published = try box.jsf("publish", in: "c")
        #expect(published.status == 0)
        #expect(published.stderr.contains("Version v2 publiée : +0 ~1 -0 clauses ; tour ouvert jusqu'au "))

        // LC_ALL=C overrides a French LANG; LC_MESSAGES comes before LANG.
        let english = try box.jsf("show", "nope", in: "c", environment: ["LC_ALL": "C"])
        #expect(english.stderr.contains("error: no clause 'nope' in HEAD"))
        box.language = "C.UTF-8"
        let messages = try box.jsf("show", "nope", in: "c", environment: ["LC_MESSAGES": "fr_FR.UTF-8"])
        #expect(messages.stderr.contains("erreur : pas de clause 'nope' dans HEAD"))
    }

    @Test("data on stdout, chatter on stderr")
    func streams() throws {
        let box = try Sandbox(spawning: true)
        let created = try box.setUpConsultation()
        #expect(created.stdout.isEmpty)
        let publish = try box.ok("publish", in: "c")
        #expect(publish.stdout == "v1\n")
        #expect(!publish.stderr.isEmpty)
        let check = try box.ok("check", in: "c")
        #expect(check.stdout.isEmpty && check.stderr == "jsf check: all good\n")
        for command in [["status"], ["log"], ["clauses"], ["show"], ["status", "--json"], ["log", "--json"], ["clauses", "--json"]] {
            let run = try box.jsf(command, in: "c")
            #expect(run.status == 0 && !run.stdout.isEmpty && run.stderr.isEmpty, "\(command): \(run)")
        }
    }

    @Test("--help and --version")
    func helpAndVersion() throws {
        let box = try Sandbox(spawning: true)
        let help = try box.jsf("--help")
        #expect(help.status == 0)
        for word in ["identity", "init", "check", "publish", "status", "log", "clauses", "show", "push"] {
            #expect(help.stdout.contains("  \(word)"), "help lacks \(word)")
        }
        let version = try box.jsf("--version")
        #expect(version.status == 0)
        #expect(version.trimmed.range(of: #"^jsf version \d+\.\d+\.\d+$"#, options: .regularExpression) != nil, "\(version)")
        let publishHelp = try box.jsf("publish", "--help")
        #expect(publishHelp.status == 0)
        #expect(publishHelp.stdout.contains("--until"))
    }
}
