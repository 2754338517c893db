import Storage

/// Makes the channel for an integration's store — the implementation its `platform` names, with its
/// credentials opened from the vault and the server's connection rules. The caller shuts the channel down.
public protocol SalesChannelProvider: Sendable {
    func channel(for integration: IntegrationRecord) throws -> any SalesChannel
}
