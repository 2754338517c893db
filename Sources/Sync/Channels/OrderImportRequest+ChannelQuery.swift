import WooCommerce

extension OrderImportRequest {
    /// The request's status filter by the platform's own names, as ``ChannelOrderQuery`` takes it; empty for all.
    var storeStatuses: [String] { statuses?.map(\.rawValue) ?? [] }
}
