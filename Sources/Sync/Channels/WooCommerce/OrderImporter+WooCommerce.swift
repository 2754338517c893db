import Logging
import LogixCore
import Storage
import WooCommerce

extension OrderImporter {
    /// An importer reading through a ``WooCommerceChannel`` around `client`, which the caller keeps and shuts
    /// down; refunds are read with the run's concurrency.
    public init(
        client: WooCommerceClient, database: LogixDatabase, integrationID: Int64,
        statusMapping: StatusMapping = .default, options: Options = Options(), clock: any LogixClock = SystemClock(),
        logger: Logger = Logger(label: "logix.sync.orders")
    ) {
        self.init(
            channel: WooCommerceChannel(
                client: client, integrationID: integrationID, statusMapping: statusMapping,
                refundConcurrency: options.concurrency),
            database: database, integrationID: integrationID, options: options, clock: clock, logger: logger)
    }
}
