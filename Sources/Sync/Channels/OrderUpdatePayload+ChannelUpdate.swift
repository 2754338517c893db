import Foundation
import WooCommerce

extension OrderUpdatePayload {
    /// The queued update in the seam's terms: the meta values carried as JSON text.
    var channelUpdate: ChannelOrderUpdate {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let meta = try metaData?.map { entry in
                ChannelMeta(key: entry.key, json: String(decoding: try encoder.encode(entry.value), as: UTF8.self))
            }
            return ChannelOrderUpdate(externalID: externalID, status: status, meta: meta)
        }
    }
}
