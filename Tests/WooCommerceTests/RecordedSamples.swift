import Foundation

/// The bodies and headers recorded from a real WooCommerce 10.0.2 store, in `../shared/woocommerce-samples`.
enum RecordedSamples {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/woocommerce-samples")

    static var responses: URL { root.appendingPathComponent("responses") }
    static var webhooks: URL { root.appendingPathComponent("webhooks") }

    /// Names (without `.json`) of every recorded response body.
    static func responseNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: responses.path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    static func body(_ name: String) throws -> Data {
        try Data(contentsOf: responses.appendingPathComponent(name + ".json"))
    }

    static func headersText(_ name: String) throws -> String {
        try String(contentsOf: responses.appendingPathComponent(name + ".headers.txt"), encoding: .utf8)
    }

    /// The HTTP status from the `HTTP 200 OK` line of a headers file.
    static func status(_ name: String) throws -> Int {
        let text = try headersText(name)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("HTTP ") }),
            let status = Int(line.split(separator: " ")[1])
        else { throw SampleError.noStatus(name) }
        return status
    }

    /// The request line's URL (`GET https://…`).
    static func requestURL(_ name: String) throws -> (method: String, url: URLComponents) {
        let first = try headersText(name).split(separator: "\n")[0].split(separator: " ")
        guard first.count == 2, let url = URLComponents(string: String(first[1])) else {
            throw SampleError.noRequestLine(name)
        }
        return (String(first[0]), url)
    }

    /// A recorded webhook request.
    struct WebhookRecord: Decodable {
        var method: String
        var path: String
        var headers: [[String]]
        var bodyBase64: String

        enum CodingKeys: String, CodingKey {
            case method, path, headers
            case bodyBase64 = "body_b64"
        }

        var body: Data { Data(base64Encoded: bodyBase64) ?? Data() }
        var headerPairs: [(name: String, value: String)] { headers.map { ($0[0], $0[1]) } }
    }

    static func webhookNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: webhooks.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func webhook(_ name: String) throws -> WebhookRecord {
        try JSONDecoder().decode(
            WebhookRecord.self, from: Data(contentsOf: webhooks.appendingPathComponent(name + ".json")))
    }

    /// The recorded webhooks' secret (see the samples' README).
    static let webhookSecret = "wcreal-webhook-secret-2025"
    /// The read-write test key of the recording store (throwaway, loopback only).
    static let readWriteKey = "ck_1a3516d643401d0aa72f92ad3e471ba79c81cf2c"
    static let readWriteSecret = "cs_0b37b1e7d48c82a9def90ebdd42d8519c374bfda"

    enum SampleError: Error {
        case noStatus(String)
        case noRequestLine(String)
    }
}
