import Logging
import LogixCore
import Storage
import WooCommerce

extension OrderReconciler {
    /// A reconciler reading through a ``WooCommerceChannel`` around `client`, which the caller keeps and shuts
    /// down.
    public init(
        client: WooCommerceClient, database: LogixDatabase, integrationID: Int64,
        statusMapping: StatusMapping = .default, lease: Duration = .seconds(120),
        clock: any LogixClock = SystemClock(), logger: Logger = Logger(label: "logix.sync.reconcile")
    ) {
        self.init(
            channel: WooCommerceChannel(client: client, integrationID: integrationID, statusMapping: statusMapping),
            database: database, integrationID: integrationID, lease: lease, clock: clock, logger: logger)
    }
}
