import JeSaisFaire

/// The pre-receive hook's standard input: '<old> <new> <ref>' lines (Hub.parseUpdates), never a crash.
/// Oracle: every line the parser accepts is rebuilt from its fields and parses back to the same updates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let updates = try? Hub.parseUpdates(input) else { return 0 }
    let lines = input.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true).map { String(String.UnicodeScalarView($0)) }
    precondition(updates.count == lines.count, "one update per non-empty line")
    for (update, line) in zip(updates, lines) {
        precondition(line.hasSuffix(" " + update.ref), "the ref is the third field as written")
        precondition(!update.ref.isEmpty, "an empty ref")
        precondition(!update.ref.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F }, "a ref with a space or a control character")
    }
    guard let again = try? Hub.parseUpdates(lines.joined(separator: "\n") + "\n") else {
        preconditionFailure("accepted lines, joined again, are refused")
    }
    precondition(again == updates, "the same lines parse to the same updates")
    return 0
}
