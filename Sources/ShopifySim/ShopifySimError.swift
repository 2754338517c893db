/// A control-API or start-up failure of the sim (never a GraphQL answer, which carries its own errors).
public struct ShopifySimError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The HTTP status the control API answers with.
    public let status: Int

    init(_ message: String, status: Int) {
        self.message = message
        self.status = status
    }

    public var description: String { "ShopifySim: \(self.message)" }
}
