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
