import ArgumentParser
import JeSaisFaire

struct Import: JSFCommand {
    static let configuration = CommandConfiguration(abstract: "(being written)")

    @OptionGroup var global: GlobalOptions

    func execute(_ runtime: Runtime) throws(JSFError) {}
}
