import Foundation
import Storage
import WooCommerce

extension IntegrationRecord {
    /// The integration's status mapping, with its import set, from the stored JSON (`{}` is the default).
    public func statusMapping() throws -> StatusMapping {
        try JSONDecoder().decode(StatusMapping.self, from: Data(statusMappingJSON.utf8))
    }

    /// Stores `mapping`: the whole mapping in `status_mapping`, and its import set (or `[]` for the default
    /// set) in `import_statuses`, where it can be read without decoding the mapping.
    public mutating func setStatusMapping(_ mapping: StatusMapping) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        statusMappingJSON = String(decoding: try encoder.encode(mapping), as: UTF8.self)
        let imported = mapping.importedStatuses.map { $0.map(\.rawValue).sorted() } ?? []
        importStatusesJSON = String(decoding: try encoder.encode(imported), as: UTF8.self)
    }
}
