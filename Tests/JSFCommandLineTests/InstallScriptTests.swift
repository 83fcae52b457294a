import Foundation
import TestSupport
import Testing

/// scripts/install, the README's way to put jsf on PATH: under PREFIX (and DESTDIR) it writes the binary, the man
/// pages and the three shells' completions, each where its reader looks, and --uninstall removes exactly those.
@Suite struct InstallScriptTests {
    let script = packageRoot.appendingPathComponent("scripts/install").path

    func run(_ arguments: [String], prefix: String?, destdir: String? = nil, home: String) throws -> ProcessRun {
        var environment = scrubbedEnvironment(home: home)
        if let prefix { environment["PREFIX"] = prefix }
        if let destdir { environment["DESTDIR"] = destdir }
        return try runProcess("/bin/bash", [script] + arguments, in: packageRoot.path, environment: environment)
    }

    func files(under root: String) -> [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
            .sorted()
    }

    func temporaryHome() throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("jsf-install-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    @Test func installsTheBinaryManPagesAndCompletionsUnderPrefixAndUninstallsThem() throws {
        let binary = try jsfBinary.get()
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let prefix = home + "/opt/jsf"
        let installed = try run(["--binary", binary], prefix: prefix, home: home)
        try #require(installed.status == 0, "\(installed)")
        #expect(installed.stderr.contains("installed jsf 0."), "\(installed)")
        #expect(installed.stderr.contains("is not on PATH"), "\(installed)")

        let pages = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("man").path)
            .filter { $0.hasSuffix(".1") }
        let written = files(under: prefix)
        #expect(written.contains("bin/jsf"))
        #expect(written.contains("share/bash-completion/completions/jsf"))
        #expect(written.contains("share/zsh/site-functions/_jsf"))
        #expect(written.contains("share/fish/vendor_completions.d/jsf.fish"))
        for page in pages { #expect(written.contains("share/man/man1/\(page)"), "\(page)") }
        #expect(pages.count > 30)

        // The installed binary runs, and bash loads the installed completion for it.
        let version = try runProcess(prefix + "/bin/jsf", ["--version"], in: home, environment: scrubbedEnvironment(home: home))
        #expect(version.status == 0 && version.stdout.hasPrefix("jsf version 0."), "\(version)")
        let complete = try runProcess(
            "/bin/bash", ["-c", "source '\(prefix)/share/bash-completion/completions/jsf' && complete -p jsf"], in: home,
            environment: scrubbedEnvironment(home: home))
        #expect(complete.status == 0 && complete.stdout.contains("jsf"), "\(complete)")

        // Installing again over it is fine; uninstalling leaves no file.
        #expect(try run(["--binary", binary], prefix: prefix, home: home).status == 0)
        let removed = try run(["--uninstall"], prefix: prefix, home: home)
        #expect(removed.status == 0, "\(removed)")
        #expect(removed.stderr.contains("removed \(written.count) files"), "\(removed)")
        #expect(files(under: prefix).isEmpty, "\(files(under: prefix))")
    }

    @Test func destdirStagesUnderItAndBadArgumentsAreRefused() throws {
        let binary = try jsfBinary.get()
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let staged = try run(["--binary", binary], prefix: "/usr", destdir: home + "/stage", home: home)
        #expect(staged.status == 0, "\(staged)")
        #expect(FileManager.default.isExecutableFile(atPath: home + "/stage/usr/bin/jsf"))
        #expect(!staged.stderr.contains("not on PATH"), "\(staged)")

        let relative = try run(["--binary", binary], prefix: "opt", home: home)
        #expect(relative.status == 64 && relative.stderr.contains("PREFIX must be an absolute path, not 'opt'"), "\(relative)")
        let unknown = try run(["--bogus"], prefix: home + "/x", home: home)
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown argument '--bogus'"), "\(unknown)")
        let notJSF = try run(["--binary", "/bin/false"], prefix: home + "/x", home: home)
        #expect(notJSF.status == 1 && notJSF.stderr.contains("'/bin/false' is not a jsf binary that runs"), "\(notJSF)")
        #expect(!FileManager.default.fileExists(atPath: home + "/x"), "a refused installation writes nothing")
    }
}
