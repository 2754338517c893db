/// Where a client may connect for a store's host, decided by the caller before the client's first connection
/// (``WooCommerceConfiguration/addressDecision``).
///
/// The client then connects only to the address decided here — TLS still sends and verifies the host name —
/// so a name that answers differently later (DNS rebinding) cannot move the connection elsewhere.
public enum WooAddressDecision: Sendable, Equatable {
    /// Resolve the host as usual (no restriction).
    case resolveNormally
    /// Connect to this IP address (IPv4 dotted or IPv6 without brackets).
    case connect(to: String)
    /// The host resolves to no usable address; may heal (DNS).
    case unresolved(String)
    /// The host's address is not allowed; never sent to, never heals.
    case refused(String)
}
