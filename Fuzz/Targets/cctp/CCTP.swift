import JeSaisFaire

/// cctp.md: the clause parser (cmark-gfm headings, attribute blocks, setext and ATX), `jsf check`'s rules of a
/// text, the clause list and the clauses.yml derived from it, and the edits publish and the dialogue make.
/// Input: a cctp.md, optionally followed by a NUL byte and the proposed text of a section.
/// Oracles: assigning ids keeps every heading and gives each id-less one its new id; the index written from the
/// clauses reads back identical; editing a clause's body or a criterion's weight leaves the headings in place.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0) ?? size
    let source = String(decoding: bytes[..<split], as: UTF8.self)
    let proposed = split < size ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : nil

    let text = CCTPText(parsing: source)
    _ = Checker.checkText(text, file: "cctp.md", requireIDs: true)

    let (withIDs, assigned) = text.assigningIDs()
    let reparsed = CCTPText(parsing: withIDs)
    precondition(reparsed.headings.count == text.headings.count, "assigning ids changed the number of headings")
    var next = assigned.makeIterator()
    for (before, after) in zip(text.headings, reparsed.headings) {
        precondition(after.level == before.level, "assigning ids changed a heading's level")
        if let id = before.id {
            precondition(after.id == id, "assigning ids changed an existing id")
        } else if after.id != nil {
            precondition(after.id == next.next(), "a heading got an id other than the one assigned")
        }
    }

    guard let clauses = try? reparsed.clauses() else { return 0 }
    let index = ClauseIndex.derive(from: clauses, previous: nil, version: 1)
    let (read, problems) = ClauseIndex.parse(index.yaml())
    precondition(problems.isEmpty, "the written clauses.yml has problems: \(problems.map(\.description))")
    precondition(read == index, "the written clauses.yml reads back different")
    _ = ClauseIndex.derive(from: clauses, previous: index, version: 2)

    guard let first = clauses.first else { return 0 }
    if let replaced = reparsed.replacingBody(ofClause: first.id, with: "Body.\n\nSecond paragraph.") {
        let after = CCTPText(parsing: replaced)
        precondition(after.headings.map(\.id) == reparsed.headings.map(\.id), "replacing a body changed the headings")
    }
    if let criterion = clauses.first(where: { $0.kind == .criterion }),
        let reweighted = reparsed.settingWeight(ofCriterion: criterion.id, to: 42)
    {
        let after = CCTPText(parsing: reweighted)
        precondition(after.headings.map(\.id) == reparsed.headings.map(\.id), "setting a weight changed the headings")
        let heading = after.headings.first { $0.id == criterion.id }
        precondition(heading?.attributes["weight"] == "42", "the weight set is not the weight read")
    }
    if let proposed {
        for clause in clauses.prefix(3) {
            _ = try? reparsed.sectionReplacement(ofClause: clause.id, with: proposed)
            _ = try? reparsed.replacingSection(ofClause: clause.id, with: proposed)
            _ = index.sectionHash(of: clause.id)
            _ = index.subclauses(of: clause.id)
        }
    }
    return 0
}
