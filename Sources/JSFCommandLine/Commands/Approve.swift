import ArgumentParser
import JeSaisFaire

struct Approve: JSFCommand {
    static let configuration = CommandConfiguration(abstract: "(being written)")

    @OptionGroup var global: GlobalOptions

    func execute(_ runtime: Runtime) throws(JSFError) {}
}
