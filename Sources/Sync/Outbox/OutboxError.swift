/// A reason the outbox gave an item up that is not the store's answer (which is a `WooCommerceError`).
///
/// A struct around a private code, like `WooCommerceError`, so kinds can be added later.
public struct OutboxError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case invalidPayload
            case unmappedSKU
            case batchItemFailed
        }
        fileprivate let code: Code

        /// The stored payload cannot be read.
        public static let invalidPayload = Kind(code: .invalidPayload)
        /// The SKU is not (or no longer) in the integration's SKU map.
        public static let unmappedSKU = Kind(code: .unmappedSKU)
        /// The store refused one item of a batch it otherwise answered with 200.
        public static let batchItemFailed = Kind(code: .batchItemFailed)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    /// A readable account, safe to store and show.
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
