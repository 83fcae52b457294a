import ArgumentParser
import Foundation
import JeSaisFaire

struct AllowedSigners: JSFCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "allowed-signers",
            abstract: bilingual(
                "Write git's allowed-signers file, so that plain git checks jsf's signatures.",
                "Écrit le fichier allowed-signers de git, pour que git seul vérifie les signatures de jsf."),
            discussion: bilingual(
                """
                Lists the agent's and the buyers' keys (every key main listed; a removed key with valid-before, the time of \
                its removal) and each company's key.pub. With it, \
                'git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile=FILE verify-commit COMMIT' and 'git tag -v v1' succeed \
                on everything jsf wrote. A signature is good for git when its key is anywhere in the file: to check who \
                signed, write one file per role (--role agent for main, the v<N> tags and dialogue; --role buyer for \
                published and final; a company's branch is signed by its own key.pub).
                """,
                """
                Liste les clés de l'agent et des acheteurs de la PFRA (toute clé que main a listée ; une clé retirée avec \
                valid-before, l'heure de son retrait) et la key.pub de chaque entreprise. Avec lui, 'git -c \
                gpg.format=ssh -c gpg.ssh.allowedSignersFile=FICHIER verify-commit COMMIT' et 'git tag -v v1' réussissent \
                sur tout ce que jsf a écrit. Pour git, une signature est bonne dès que sa clé figure dans le fichier : \
                pour vérifier qui a signé, écrivez un fichier par rôle (--role agent pour main, les étiquettes v<N> et \
                dialogue ; --role buyer pour published et final ; la branche d'une entreprise est signée par sa propre \
                key.pub).
                """
            )
        )
    }

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .shortAndLong,
        help: .t("Write to this file instead of standard output.", "Écrit dans ce fichier plutôt que sur la sortie standard.", valueName: "file"))
    var output: String?

    @Option(
        help: .t(
            "Only the keys of this role (repeatable): agent, buyer or company.",
            "Seulement les clés de ce rôle (répétable) : agent, buyer (acheteur de la PFRA) ou company (entreprise).", valueName: "role"))
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
