import Foundation

/// Proposals by kind.
public struct KindCounts: Sendable, Equatable, Codable {
    public var solution = 0
    public var clarification = 0
    public var alternative = 0

    public init() {}

    mutating func add(_ kind: ProposalKind) {
        switch kind {
        case .solution: solution += 1
        case .clarification: clarification += 1
        case .alternative: alternative += 1
        }
    }

    public func count(_ kind: ProposalKind) -> Int {
        switch kind {
        case .solution: return solution
        case .clarification: return clarification
        case .alternative: return alternative
        }
    }
}

/// Proposals by cost impact.
public struct CostCounts: Sendable, Equatable, Codable {
    public var up = 0
    public var down = 0
    public var neutral = 0
    public var unknown = 0

    public init() {}

    mutating func add(_ cost: CostImpact) {
        switch cost {
        case .up: up += 1
        case .down: down += 1
        case .neutral: neutral += 1
        case .unknown: unknown += 1
        }
    }

    public func count(_ cost: CostImpact) -> Int {
        switch cost {
        case .up: return up
        case .down: return down
        case .neutral: return neutral
        case .unknown: return unknown
        }
    }
}

/// How many proposals there are of each kind and of each cost impact: the inbox's counts per clause and the
/// report's totals.
public struct ProposalCounts: Sendable, Equatable {
    public var kinds = KindCounts()
    public var costs = CostCounts()

    public init() {}

    /// The counts of proposals given by their kind and cost impact.
    public init(_ proposals: some Sequence<(kind: ProposalKind, cost: CostImpact)>) {
        for proposal in proposals {
            kinds.add(proposal.kind)
            costs.add(proposal.cost)
        }
    }
}
