/// Where everything lives in a consultation repository, and who owns each ref (DESIGN.md §2).
public enum Layout {
    public static let consultationFile = "consultation.yml"
    public static let cctpFile = "cctp.md"
    public static let indexFile = "clauses.yml"
    public static let files = [consultationFile, cctpFile, indexFile]

    public static let mainBranch = "main"
    public static let main = "refs/heads/main"
    public static let dialogue = "refs/heads/dialogue"
    public static let published = "refs/heads/published"
    public static let finalTag = "refs/tags/final"
    public static let proposalsPrefix = "refs/heads/proposals/"
    public static let draftTagPrefix = "refs/tags/v"

    public static func draftTag(_ version: Int) -> String { "refs/tags/v\(version)" }

    public static func proposals(of pseudonym: String) -> String { proposalsPrefix + pseudonym }

    /// The draft number of a tag ref such as "refs/tags/v12", nil for any other ref.
    public static func draftVersion(ofTag ref: String) -> Int? {
        guard ref.hasPrefix(draftTagPrefix) else { return nil }
        let digits = ref.dropFirst(draftTagPrefix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.first != "0" else { return nil }
        return Int(digits)
    }

    /// The role allowed to write `ref`; nil when jsf does not manage it.
    public static func owner(of ref: String) -> Role? {
        if ref == main || ref == dialogue || draftVersion(ofTag: ref) != nil { return .agent }
        if ref == published || ref == finalTag { return .buyer }
        if ref.hasPrefix(proposalsPrefix) { return .company }
        return nil
    }

    /// The refspecs a role pushes to the hub.
    public static func pushRefspecs(for role: Role, pseudonym: String? = nil, draftTags: [Int] = []) -> [String] {
        switch role {
        case .agent:
            return ["\(main):\(main)"] + draftTags.map { "\(draftTag($0)):\(draftTag($0))" }
        case .company:
            guard let pseudonym else { return [] }
            return ["\(proposals(of: pseudonym)):\(proposals(of: pseudonym))"]
        case .buyer:
            return ["\(published):\(published)", "\(finalTag):\(finalTag)"]
        }
    }
}
