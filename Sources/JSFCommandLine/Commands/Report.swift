import ArgumentParser
import JeSaisFaire

struct Report: JSFCommand {
    static let configuration = CommandConfiguration(abstract: "(being written)")

    @OptionGroup var global: GlobalOptions

    func execute(_ runtime: Runtime) throws(JSFError) {}
}
