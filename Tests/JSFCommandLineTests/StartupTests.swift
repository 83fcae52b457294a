import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import JSFCommandLine

/// What jsf does before a command runs: the version, the command tree, the system's CA certificates (issue 13).
@Suite("start-up: --version, command names, no certificate load before a transfer")
struct StartupTests {
    @Test("jsf --version prints 'jsf version N' on stdout, after -C and --color too, as git does")
    func version() throws {
        let box = try Sandbox(spawning: true)
        let expected = "jsf version \(JSF.version)\n"
        for arguments in [
            ["--version"], ["-C", "nowhere", "--version"], ["--color", "never", "--version"], ["-Cnowhere", "--version"],
            ["--version", "status"],
        ] {
            let run = try box.jsf(arguments)
            #expect(run.status == 0, "\(arguments): \(run)")
            #expect(run.stdout == expected, "\(arguments): \(run)")
            #expect(run.stderr.isEmpty, "\(arguments): \(run)")
        }
        // In-process too (the tests' JSF.main); after a command name, --version is that command's (unknown to status).
        let inProcess = try Sandbox()
        #expect(try inProcess.ok("--version").stdout == expected)
        let misplaced = try box.jsf("status", "--version")
        #expect(misplaced.status == 64, "\(misplaced)")
        #expect(misplaced.stderr.contains("--version"), "\(misplaced)")
    }

    @Test("jsf --help tells of --version, in English and in French")
    func versionInHelp() throws {
        let box = try Sandbox()
        func flat(_ run: Run) -> String { run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let english = try box.ok("--help")
        #expect(flat(english).contains("jsf --version prints the version of jsf."), "\(english)")
        box.language = "fr_FR.UTF-8"
        let french = try box.ok("--help")
        #expect(flat(french).contains("jsf --version affiche la version de jsf."), "\(french)")
    }

    @Test("every command names itself, so that parsing needs no reflection on type names")
    func commandNames() {
        var unnamed: [String] = []
        var names: [String] = []
        func walk(_ command: ParsableCommand.Type, _ path: String) {
            let configuration = command.configuration
            guard let name = configuration.commandName else {
                unnamed.append("\(path) \(command)")
                return
            }
            names.append((path + " " + name).trimmingCharacters(in: .whitespaces))
            for sub in configuration.subcommands { walk(sub, path + " " + name) }
        }
        walk(JSF.self, "")
        #expect(unnamed.isEmpty, "commands without commandName: \(unnamed)")
        #expect(names.contains("jsf status") && names.contains("jsf round close") && names.contains("jsf consultation add-buyer"))
        #expect(Set(names).count == names.count, "a name twice: \(names)")
    }

    /// strace shows which files the process opens; skipped where strace is missing or not allowed to trace.
    @Test("the system's CA bundle is read for a transfer only, not by a command that opens a repository")
    func certificatesOnlyForTransfers() throws {
        let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let strace else {
            print("skipped: strace is not installed")
            return
        }
        let probe = try runProcess(strace, ["-f", "-e", "trace=none", "/bin/true"], in: "/", environment: [:])
        guard probe.status == 0 else {
            print("skipped: strace cannot trace here: \(probe.stderr)")
            return
        }
        let box = try Sandbox(spawning: true)
        try box.setUpPublished()
        let binary = try jsfBinary.get()
        /// The certificate files a run of jsf with `arguments` opened (the CA bundle, a file under /etc/ssl).
        func certificatesOpened(_ arguments: [String]) throws -> [String] {
            let log = box.path("strace-\(UUID().uuidString).log")
            _ = try runProcess(
                strace, ["-f", "-e", "trace=open,openat", "-o", log, binary] + arguments, in: box.path("."),
                environment: box.environment())
            let trace = try String(contentsOfFile: log, encoding: .utf8)
            return trace.split(separator: "\n").filter { $0.contains("/etc/ssl/") || $0.contains("ca-certificates") }.map(String.init)
        }
        #expect(try box.ok("status", in: "c").status == 0)
        #expect(try certificatesOpened(["-C", "c", "status"]).isEmpty)
        #expect(try certificatesOpened(["status"]).isEmpty) // outside a consultation
        // A clone is a transfer: what libgit2 reads at its init to verify an https server, it reads here.
        let cloned = try certificatesOpened(["clone", box.path("c"), "copy"])
        if FileManager.default.fileExists(atPath: "/etc/ssl/certs/ca-certificates.crt") {
            #expect(!cloned.isEmpty, "the clone did not load the CA certificates")
        }
    }
}
