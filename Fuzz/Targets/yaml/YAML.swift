import JeSaisFaire

/// The YAML files jsf reads (consultation.yml, clauses.yml, an identity, an approval, a catalogue entry) through
/// its strict reader over Yams/libyaml; anchors and aliases included (an alias bomb must stay bounded).
/// Oracle: a file read without error, written again, reads back equal and without error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    roundTrip(text, Consultation.parse(text, file: "consultation.yml"), { $0.yaml() }) { Consultation.parse($0, file: "consultation.yml") }
    roundTrip(text, ClauseIndex.parse(text, file: "clauses.yml"), { $0.yaml() }) { ClauseIndex.parse($0, file: "clauses.yml") }
    roundTrip(text, Identity.parse(text, file: "identity.yml"), { $0.yaml() }) { Identity.parse($0, file: "identity.yml") }
    roundTrip(text, Approval.parse(text, file: "approval.yml"), { $0.yaml() }) { Approval.parse($0, file: "approval.yml") }
    roundTrip(text, CatalogueEntry.parse(text, file: "entry.yml"), { $0.yaml() }) { CatalogueEntry.parse($0, file: "entry.yml") }
    return 0
}

func roundTrip<T: Equatable>(
    _ text: String, _ parsed: (T?, [Problem]), _ write: (T) -> String, _ parse: (String) -> (T?, [Problem])
) {
    guard let value = parsed.0, !parsed.1.contains(where: { $0.severity == .error }) else { return }
    let written = write(value)
    let (again, problems) = parse(written)
    precondition(
        !problems.contains(where: { $0.severity == .error }), "\(T.self) written has problems: \(problems.map(\.description))\n\(written)")
    precondition(again == value, "\(T.self) written reads back different:\n\(written)")
}
