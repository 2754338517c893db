import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import Pacing
import Synchronization
import WooCommerce
import WooSim

/// Starts a simulated store and a client for it, and tears both down.
struct StoreHarness {
    let sim: WooSim
    let client: WooCommerceClient

    static func start(
        orders: Int = 60,
        tls: Bool = false,
        stripsAuthorizationHeader: Bool = false,
        authentication: WooAuthenticationMode = .auto,
        keys: KeyChoice = .readWrite,
        retryPolicy: RetryPolicy = RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(5)),
        requestTimeout: Duration = .seconds(20),
        clock: any WooClock = SystemWooClock(),
        seed: UInt64 = 42
    ) async throws -> StoreHarness {
        var configuration = WooSimConfiguration()
        configuration.seed = seed
        configuration.orderCount = orders
        configuration.tls = tls
        configuration.stripsAuthorizationHeader = stripsAuthorizationHeader
        let sim = try await WooSim.start(configuration)
        do {
            let credentials = keys.credentials(for: sim)
            let client = try WooCommerceClient(
                configuration: WooCommerceConfiguration(
                    storeURL: sim.baseURL, credentials: credentials, authentication: authentication,
                    requestTimeout: requestTimeout, retryPolicy: retryPolicy,
                    trustedCertificateAuthoritiesPEM: sim.caCertificatePEM, clock: clock))
            return StoreHarness(sim: sim, client: client)
        } catch {
            await sim.stop()
            throw error
        }
    }

    /// Runs `body` with a fresh store, always stopping it.
    static func with<T>(
        orders: Int = 60,
        tls: Bool = false,
        stripsAuthorizationHeader: Bool = false,
        authentication: WooAuthenticationMode = .auto,
        keys: KeyChoice = .readWrite,
        retryPolicy: RetryPolicy = RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(5)),
        requestTimeout: Duration = .seconds(20),
        clock: any WooClock = SystemWooClock(),
        _ body: (StoreHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(
            orders: orders, tls: tls, stripsAuthorizationHeader: stripsAuthorizationHeader,
            authentication: authentication, keys: keys, retryPolicy: retryPolicy, requestTimeout: requestTimeout,
            clock: clock)
        do {
            let result = try await body(harness)
            try await harness.client.shutdown()
            await harness.sim.stop()
            return result
        } catch {
            try? await harness.client.shutdown()
            await harness.sim.stop()
            throw error
        }
    }
}

/// Which credentials a test's client uses.
enum KeyChoice {
    case readWrite
    case readOnly
    /// The read-write key with another secret.
    case readWriteKey(secret: String)
    case custom(WooCredentials)

    func credentials(for sim: WooSim) -> WooCredentials {
        switch self {
        case .readWrite:
            return WooCredentials(
                consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: sim.readWriteKeys.consumerSecret)
        case .readOnly:
            return WooCredentials(
                consumerKey: sim.readOnlyKeys.consumerKey, consumerSecret: sim.readOnlyKeys.consumerSecret)
        case .readWriteKey(let secret):
            return WooCredentials(consumerKey: sim.readWriteKeys.consumerKey, consumerSecret: secret)
        case .custom(let credentials):
            return credentials
        }
    }
}

/// A clock that records every back-off it is asked for and returns at once, so retry tests are fast and can
/// assert the exact wait (a 429's `Retry-After`).
final class RecordingClock: WooClock {
    private let sleeps = Mutex<[Duration]>([])

    func now() -> Date { Date() }

    func sleep(for duration: Duration) async throws {
        sleeps.withLock { $0.append(duration) }
        try await Task.sleep(for: .milliseconds(1))
    }

    var recordedSleeps: [Duration] { sleeps.withLock { $0 } }
}

/// A webhook receiver on loopback: records every request's headers and raw body, answers 200.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var path: String
        var headers: [(name: String, value: String)]
        var body: Data
    }

    private let received = Mutex<[Received]>([])
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    let port: Int

    private init(port: Int) { self.port = port }

    var url: String { "http://127.0.0.1:\(port)/hooks" }
    var requests: [Received] { received.withLock { $0 } }

    static func start() async throws -> WebhookReceiver {
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let box = Mutex<WebhookReceiver?>(nil)
        let router = Router()
        router.post("/hooks") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 10 * 1024 * 1024)
            let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
            let entry = Received(path: request.uri.path, headers: headers, body: Data(buffer: body))
            box.withLock { $0 }?.received.withLock { $0.append(entry) }
            return .ok
        }
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await app.run() }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw CancellationError()
        }
        let receiver = WebhookReceiver(port: port)
        box.withLock { $0 = receiver }
        receiver.task.withLock { $0 = task }
        return receiver
    }

    /// Waits until `count` requests arrived or `timeout` passed; returns what arrived.
    func waitFor(count: Int, timeout: Duration = .seconds(10)) async throws -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = requests
            if current.count >= count { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
        return requests
    }

    func stop() {
        task.withLock { $0?.cancel() }
    }
}
