import JeSaisFaire

/// A proposal (`proposals/<pseudonym>/<n>.md`) and a response (`responses/<id>.md`): front matter split, the YAML
/// reader's checks, the body. Oracle: a file read without error, written again, reads back equal and without error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)

    let (proposal, proposalProblems) = Proposal.parse(text, file: "proposals/X/1.md")
    if let proposal, !proposalProblems.contains(where: { $0.severity == .error }) {
        let written = proposal.markdown()
        let (again, problems) = Proposal.parse(written, file: "proposals/X/1.md")
        precondition(
            !problems.contains(where: { $0.severity == .error }), "a written proposal has problems: \(problems.map(\.description))")
        precondition(again == proposal, "a written proposal reads back different:\n\(written)")
    }

    let (response, responseProblems) = Response.parse(text, file: "responses/X-1.md")
    if let response, !responseProblems.contains(where: { $0.severity == .error }) {
        let written = response.markdown()
        let (again, problems) = Response.parse(written, file: "responses/X-1.md")
        precondition(
            !problems.contains(where: { $0.severity == .error }), "a written response has problems: \(problems.map(\.description))")
        precondition(again == response, "a written response reads back different:\n\(written)")
    }
    return 0
}
