import JeSaisFaire

/// The YAML files jsf reads (consultation.yml, clauses.yml, an identity, an approval, a catalogue entry) through
/// its strict reader over Yams/libyaml; anchors and aliases included (an alias bomb must stay bounded).
/// Oracle: a file read without error, written again, reads back equal and without error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    roundTrip(text, read: { Consultation.parse($0, file: "consultation.yml") }, write: { $0.yaml() })
    roundTrip(text, read: { ClauseIndex.parse($0, file: "clauses.yml") }, write: { $0.yaml() })
    roundTrip(text, read: { Identity.parse($0, file: "identity.yml") }, write: { $0.yaml() })
    roundTrip(text, read: { Approval.parse($0, file: "approval.yml") }, write: { $0.yaml() })
    roundTrip(text, read: { CatalogueEntry.parse($0, file: "entry.yml") }, write: { $0.yaml() })
    return 0
}

func roundTrip<T: Equatable>(_ text: String, read: (String) -> (T?, [Problem]), write: (T) -> String) {
    let (value, problems) = read(text)
    guard let value, !problems.contains(where: { $0.severity == .error }) else { return }
    let written = write(value)
    let (again, problemsAgain) = read(written)
    precondition(
        !problemsAgain.contains(where: { $0.severity == .error }),
        "\(T.self) written has problems: \(problemsAgain.map(\.description))\n\(written)")
    precondition(again == value, "\(T.self) written reads back different:\n\(written)")
}
