import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import NIOCore
import Testing
import WooSim

/// The language of one set of examples in `examples/`: its folder, its file extension, and the programs a reader
/// needs to run it.
enum ExampleLanguage: String, CaseIterable, Sendable, CustomStringConvertible {
    case curl
    case python
    case javascript

    var description: String { rawValue }

    /// The interpreter that runs a file, as the examples' README says to run it.
    var interpreter: String {
        switch self {
        case .curl: "bash"
        case .python: "python3"
        case .javascript: "node"
        }
    }

    /// Every program the examples call: a missing one fails the test with its name.
    var programs: [String] {
        switch self {
        case .curl: ["bash", "curl", "jq"]
        case .python: ["python3"]
        case .javascript: ["node"]
        }
    }

    /// Where a file's header ends and its code begins.
    var codeStart: String {
        switch self {
        case .curl: "\nset -euo pipefail"
        case .python: "\nimport "
        case .javascript: "\nconst "
        }
    }

    /// `examples/<folder>/NAME.<ext>`, relative to the repository.
    func file(_ name: String) -> String {
        switch self {
        case .curl: "examples/curl/\(name).sh"
        case .python: "examples/python/\(name).py"
        case .javascript: "examples/javascript/\(name).mjs"
        }
    }
}

/// Where the examples run as a reader runs them: a real `logix serve` (its own SQLite file and data folder; the
/// scheduler off, so nothing syncs but what an example starts) with one user made by `logix users add`, and a
/// simulated store over loopback with orders awaiting picking.
struct ExampleScene: Sendable {
    static let email = "warehouse@example.test"
    static let password = "a long enough password"
    /// The SKU of the orders the scene places.
    static let sku = "TEA-EGR-100"

    let folder: URL
    /// Where `logix serve` said it is ready, e.g. `http://127.0.0.1:41234`.
    let logixURL: String
    let port: Int
    let sim: WooSim
    /// The store orders the scene placed (processing: ready to pick once synced).
    let placed: [Int]

    /// The repository, where `examples/` is.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `body` in a new scene, stopped and removed afterwards. `apiRateLimit` is `LOGIX_API_RATE_LIMIT`.
    static func with(apiRateLimit: String? = nil, _ body: (ExampleScene) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "logix-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("logix.sqlite").path
        let added = try await LogixProcess.run(
            ["users", "add", email, "--database-url", database], in: folder, input: "\(password)\n\(password)\n")
        try #require(added.status == 0, "logix users add: \(added)")

        var environment = ["LOGIX_SCHEDULER": "off", "LOGIX_ALLOW_PRIVATE_STORES": "1"]
        if let apiRateLimit { environment["LOGIX_API_RATE_LIMIT"] = apiRateLimit }
        let server = try RunningLogixProcess(
            [
                "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", folder.appendingPathComponent("data").path,
                "--database-url", database,
            ], in: folder, environment: environment)
        let sim = try await WooSim.start(.small)
        do {
            let ready = try await server.waitForOutput(containing: "Logix is ready at", timeout: 60)
            let url = try #require(ready.firstMatch(of: #/http://127\.0\.0\.1:([0-9]+)/#), "\(ready)")
            var placed: [Int] = []
            for quantity in [1, 2, 3] {
                placed.append(
                    try await sim.placeOrder(WooSimNewOrder(lines: [WooSimOrderLine(sku: sku, quantity: quantity)])))
            }
            let scene = ExampleScene(
                folder: folder, logixURL: String(url.output.0), port: try #require(Int(url.output.1)), sim: sim,
                placed: placed)
            try await body(scene)
        } catch {
            await Self.stop(server, sim)
            throw error
        }
        await Self.stop(server, sim)
    }

    private static func stop(_ server: RunningLogixProcess, _ sim: WooSim) async {
        server.interrupt()
        _ = try? await server.waitForExit(timeout: 30)
        await sim.stop()
    }

    /// Runs the example `name` in `language` from the repository's folder, as its README says, with `environment`
    /// (and `LOGIX_URL`, this scene's server).
    func run(_ language: ExampleLanguage, _ name: String, _ environment: [String: String]) async throws
        -> LogixProcess.Outcome
    {
        for program in language.programs { _ = try ScriptProcess.locate(program) }
        var all = environment
        all["LOGIX_URL"] = logixURL
        return try await ScriptProcess.run(
            language.interpreter, [language.file(name)], environment: all, in: Self.repository, timeout: 60)
    }

    /// The API as the scene's user, with `token`: typed answers, for checking what an example changed.
    func api(_ token: String) -> ExampleAPI { ExampleAPI(port: port, token: token) }
}

/// The Logix API over real HTTP as one user, for what the examples' tests check behind them.
struct ExampleAPI: Sendable {
    let port: Int
    let token: String

    /// A `200` answer to `method path`, decoded.
    func get<Value: Decodable>(_ path: String, as type: Value.Type) async throws -> Value {
        let (status, body) = try await request(.get, path)
        try #require(status == .ok, "GET \(path): \(status) \(String(decoding: body, as: UTF8.self))")
        return try JSONDecoder().decode(type, from: body)
    }

    /// `method path` with a JSON body; its status and body.
    func request(_ method: HTTPRequest.Method, _ path: String, json: String? = nil) async throws -> (
        HTTPResponse.Status, Data
    ) {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/json" }
        let answer = try await TestClient.withClient(host: "127.0.0.1", port: port) { [headers] client in
            try await client.execute(
                .init(path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }))
        }
        return (answer.status, Data((answer.body ?? ByteBuffer()).readableBytesView))
    }
}
