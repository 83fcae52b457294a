import ArgumentParser
import Foundation
import JeSaisFaire

struct AllowedSigners: JSFCommand {
    static let configuration = CommandConfiguration(
        commandName: "allowed-signers",
        abstract: "Write git's allowed-signers file, so that plain git checks jsf's signatures.",
        discussion: """
            Lists the agent's and the buyers' keys (every key main listed; a removed key with valid-before, the time of \
            its removal) and each company's key.pub. With it, \
            'git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=FILE verify-commit COMMIT' and 'git tag -v v1' succeed \
            on everything jsf wrote. A signature is good for git when its key is anywhere in the file: to check who \
            signed, write one file per role (--role agent for main, the v<N> tags and dialogue; --role buyer for \
            published and final; a company's branch is signed by its own key.pub).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Only the keys of this role (repeatable): agent, buyer or company.", valueName: "role"))
    var role: [Role] = []

    func execute(_ runtime: Runtime) throws(JSFError) {
        let session = try ReadingSession.open(runtime.context)
        let text = try session.allowedSigners(roles: role.isEmpty ? Set(Role.allCases) : Set(role))
        guard let output else {
            runtime.console.outRaw(Data(text.utf8))
            return
        }
        let path = runtime.context.absolute(output)
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw JSFError(.refused, Text(en: "cannot write '\(output)'", fr: "impossible d'écrire '\(output)'"), cause: "\(error)")
        }
        runtime.console.note(runtime.console.t("Wrote \(path).", "\(path) écrit."))
    }
}
