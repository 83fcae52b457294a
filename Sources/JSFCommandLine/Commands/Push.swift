import ArgumentParser
import Foundation
import JeSaisFaire

struct Push: JSFCommand {
    static let configuration = CommandConfiguration(
        abstract: "Push the refs your role owns to the hub (origin).",
        discussion: """
            An agent pushes main, the draft tags and the dialogue branch; a company its proposal branch; \
            a buyer the published branch and the final tag. Refs of others are never pushed.
            """
    )

    @OptionGroup var global: GlobalOptions

    func execute(_ runtime: Runtime) throws(JSFError) {
        let session = try Session.open(runtime.context, as: nil)
        let pushed = try session.push()
        let c = runtime.console
        if pushed.isEmpty {
            c.note(c.t("Nothing to push.", "Rien à pousser."))
        } else {
            for spec in pushed { c.out(String(spec.split(separator: ":").first ?? "")) }
            c.note(c.t("Pushed \(pushed.count) ref(s) to origin.", "\(pushed.count) référence(s) poussée(s) vers origin."))
        }
    }
}
