import Foundation

/// Where a proposal stands in the dialogue: open, the agent's latest answer, or withdrawn or superseded by its company.
/// The cases are in the order of the dialogue.
public enum ProposalStatus: String, Sendable, Codable, CaseIterable {
    case open, answered, accepted
    case partiallyAccepted = "partially-accepted"
    case noted, rejected, integrated, withdrawn, superseded

    public init(_ status: ResponseStatus) {
        switch status {
        case .answered: self = .answered
        case .accepted: self = .accepted
        case .partiallyAccepted: self = .partiallyAccepted
        case .rejected: self = .rejected
        case .noted: self = .noted
        case .integrated: self = .integrated
        }
    }
}
