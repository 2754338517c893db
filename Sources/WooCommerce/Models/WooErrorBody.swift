/// WooCommerce's (WordPress's) error body: `{"code", "message", "data": {"status", "params"?}}`.
public struct WooErrorBody: Sendable, Hashable, Decodable {
    public var code: String
    public var message: String
    public var status: Int?
    /// For `rest_invalid_param`: each bad parameter and what is wrong with it.
    public var params: [String: String]

    enum CodingKeys: String, CodingKey { case code, message, data }
    enum DataKeys: String, CodingKey { case status, params }

    public init(code: String, message: String, status: Int? = nil, params: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.status = status
        self.params = params
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        message = container.lenientString(.message)
        let data = try? container.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
        status = data?.lenientOptionalInt(.status)
        if let map = try? data?.decodeIfPresent([String: String].self, forKey: .params) {
            params = map
        } else if let list = try? data?.decodeIfPresent([String].self, forKey: .params) {
            params = Dictionary(list.map { ($0, "missing") }, uniquingKeysWith: { first, _ in first })
        } else {
            params = [:]
        }
    }
}
