import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

@testable import WooSim

/// A raw HTTP client for the tests (AsyncHTTPClient, not the WooCommerce client module): what goes over
/// the wire is exactly what the test wrote.
struct SimHTTPClient: Sendable {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var text: String { String(decoding: self.body, as: UTF8.self) }

        /// The body parsed as JSON (objects as `[String: Any]`).
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(self.body), options: [.fragmentsAllowed])
        }

        func object() throws -> [String: Any] {
            try #require(try self.json() as? [String: Any])
        }

        func array() throws -> [[String: Any]] {
            try #require(try self.json() as? [[String: Any]])
        }

        func header(_ name: String) -> String? { self.headers.first(name: name) }
    }

    let client: HTTPClient

    /// A client that trusts exactly the sim's CA when it has one (verification stays on).
    init(trusting caPEM: String? = nil) throws {
        var configuration = HTTPClient.Configuration()
        if let caPEM {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
            configuration.tlsConfiguration = tls
        }
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws {
        try await self.client.shutdown()
    }

    func send(
        _ method: HTTPMethod = .GET, _ url: String, headers: [(String, String)] = [], body: String? = nil,
        timeout: TimeAmount = .seconds(60)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            if !request.headers.contains(name: "Content-Type") {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
        }
        let response = try await self.client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: buffer))
    }
}

/// Signs requests with OAuth 1.0a for the tests, using the verifier's own base-string rules.
enum TestSigner {
    static func signedURL(
        method: String, url: String, keys: WooSimKeys, parameters: [(String, String)] = [],
        signatureMethod: String = "HMAC-SHA256", timestamp: Int64 = StoreTime.now(),
        nonce: String = UUID().uuidString.replacingOccurrences(of: "-", with: "")
    ) -> String {
        var all = parameters
        all += [
            ("oauth_consumer_key", keys.consumerKey), ("oauth_timestamp", String(timestamp)), ("oauth_nonce", nonce),
            ("oauth_signature_method", signatureMethod),
        ]
        var php = PHPParameters()
        for (key, value) in all { php.add(name: key, value: value) }
        let base = OAuth1Verifier.baseString(method: method, url: url, parameters: php)
        let signature = OAuth1Verifier.sign(base, secret: keys.consumerSecret, method: signatureMethod)
        all.append(("oauth_signature", signature))
        let query = all.map { "\(PHPParameters.rawURLEncode($0.0))=\(PHPParameters.rawURLEncode($0.1))" }
        return url + "?" + query.joined(separator: "&")
    }
}

/// Starts a sim for one test (history ending 2026-11-24T00:00:00Z) and always stops it.
func withSim<T>(
    orders: Int = 250, seed: UInt64 = 42, tls: Bool = false, stripsAuthorizationHeader: Bool = false,
    _ body: (WooSim, SimHTTPClient) async throws -> T
) async throws -> T {
    var configuration = WooSimConfiguration()
    configuration.referenceDate = Date(timeIntervalSince1970: 1_795_478_400)
    configuration.orderCount = orders
    configuration.seed = seed
    configuration.tls = tls
    configuration.stripsAuthorizationHeader = stripsAuthorizationHeader
    let sim = try await WooSim.start(configuration)
    let client = try SimHTTPClient(trusting: sim.caCertificatePEM)
    do {
        let result = try await body(sim, client)
        try await client.shutdown()
        await sim.stop()
        return result
    } catch {
        try? await client.shutdown()
        await sim.stop()
        throw error
    }
}

extension WooSim {
    /// `apiRoot + path`, signed with OAuth 1.0a (plain http only accepts OAuth).
    func signed(
        _ method: String = "GET", _ path: String, _ parameters: [(String, String)] = [], keys: WooSimKeys? = nil
    )
        -> String
    {
        TestSigner.signedURL(
            method: method, url: self.apiRoot + path, keys: keys ?? self.readWriteKeys, parameters: parameters)
    }
}
