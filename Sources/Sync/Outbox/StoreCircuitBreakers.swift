import Foundation

/// One ``CircuitBreaker`` per integration, shared by every sender task of the process.
///
/// Per process, not per cluster: each node finds out about a dead store on its own, at the cost of a few
/// requests, and needs no shared state to do so.
public actor StoreCircuitBreakers {
    public let configuration: CircuitBreaker.Configuration
    private var breakers: [Int64: CircuitBreaker] = [:]

    public init(configuration: CircuitBreaker.Configuration = CircuitBreaker.Configuration()) {
        self.configuration = configuration
    }

    /// Whether a request to the integration's store may go now.
    public func decide(integrationID: Int64, at now: Date) -> CircuitBreaker.Decision {
        breakers[integrationID, default: CircuitBreaker(configuration: configuration)].decide(at: now)
    }

    public func recordSuccess(integrationID: Int64, at now: Date) {
        breakers[integrationID, default: CircuitBreaker(configuration: configuration)].recordSuccess(at: now)
    }

    public func recordFailure(integrationID: Int64, at now: Date) {
        breakers[integrationID, default: CircuitBreaker(configuration: configuration)].recordFailure(at: now)
    }

    /// The integration's breaker as it stands (a closed one if its store was never used), for health and metrics.
    public func breaker(integrationID: Int64) -> CircuitBreaker {
        breakers[integrationID] ?? CircuitBreaker(configuration: configuration)
    }
}
