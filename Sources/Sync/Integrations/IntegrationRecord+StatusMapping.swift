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
        (statusMappingJSON, importStatusesJSON) = try mapping.storedJSON()
    }
}

extension StatusMapping {
    /// The stored form: the whole mapping, and its import set (`[]` for the default set) on its own, where it
    /// can be read without decoding the mapping.
    func storedJSON() throws -> (mapping: String, importStatuses: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let imported = importedStatuses.map { $0.map(\.rawValue).sorted() } ?? []
        return (
            String(decoding: try encoder.encode(self), as: UTF8.self),
            String(decoding: try encoder.encode(imported), as: UTF8.self)
        )
    }
}
