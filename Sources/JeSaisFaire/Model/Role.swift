/// Who is at the keyboard: the agent who owns the consultation, a company reacting to it, or a PFRA buyer approving it.
public enum Role: String, Sendable, CaseIterable, Codable {
    case agent, company, buyer

    public var label: Text {
        switch self {
        case .agent: return Text(en: "agent", fr: "agent")
        case .company: return Text(en: "company", fr: "entreprise")
        case .buyer: return Text(en: "buyer", fr: "acheteur de la PFRA")
        }
    }
}
