import ArgumentParser
import Foundation
import Hummingbird
import Logging
import LogixServer
import NIOHTTP1
import ServiceLifecycle
import Storage

/// `logix bench dashboard`: how fast the dashboard answers with a realistic amount of data. Seeds a fresh SQLite
/// file with ``DashboardSeed`` (a user, three stores, `--orders` orders with lines, shipments, review flags and
/// store updates), serves it in-process as `logix serve` does, signs in through the sign-in form, crawls the
/// dashboard from `/` along same-origin links, and requests every page found `--repeat` times: the median and
/// p99 per page kind (`/orders/{id}` is one kind), the slowest, and the API's main reads beside them.
///
/// Issue 12's bar: every page under 100 ms of server time with 10,000 orders, in a release build.
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Seed 10,000 orders, crawl the dashboard in-process and time every page.")

    @Option(help: "Orders to seed across the three stores.") var orders: Int = 10_000
    @Option(name: .customLong("repeat"), help: "Requests per page found.") var repetitions: Int = 20
    @Option(name: .customLong("max-paths"), help: "Distinct paths to visit at most.") var maxPaths: Int = 120
    @Option(name: .customLong("per-kind"), help: "Distinct paths of one page kind to visit at most.")
    var perKind: Int = 3
    @Option(help: "The SQLite file to seed and keep (default: a temporary one, removed at the end).")
    var database: String?

    func validate() throws {
        guard orders >= 0 else { throw ValidationError("--orders must not be negative") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard maxPaths >= 1, perKind >= 1 else { throw ValidationError("--max-paths and --per-kind must be positive") }
    }

    static let password = "bench-dashboard-password"

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logix-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = database ?? directory.appendingPathComponent("logix.sqlite").path
        if database != nil {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        var logger = Logger(label: "logix.bench")
        logger.logLevel = .warning
        var configuration = try ServerConfiguration(environment: [
            "LOGIX_DATABASE_URL": path, "LOGIX_DATA_DIR": directory.path, "LOGIX_PORT": "0",
            "LOGIX_ALLOW_PRIVATE_STORES": "1", "LOGIX_SCHEDULER": "off",
            "LOGIX_JWT_SECRET": String(repeating: "b", count: 40),
        ])
        // One client asks for everything, faster than a person would: no limit should answer for the server.
        configuration.apiRateLimit = TokenBucket.Rule(perSecond: 1_000_000, burst: 1_000_000)
        configuration.tokenRateLimit = TokenBucket.Rule(perSecond: 1_000_000, burst: 1_000_000)
        configuration.maxConnectionsPerClient = 0
        let services = try await ServerServices.open(configuration: configuration, logger: logger)
        let app = buildApplication(services: services)
        // The server runs beside the measurement and shuts down gracefully after it, as on SIGTERM.
        let server = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            do {
                try await measure(services: services)
            } catch {
                await server.triggerGracefulShutdown()
                throw error
            }
            await server.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    private func measure(services: ServerServices) async throws {
        let baseURL = try await waitForPort(services)
        let clock = ContinuousClock()
        let seedStart = clock.now
        let email = "bench@example.test"
        var options = DashboardSeed.Options()
        options.email = email
        options.passwordHash = try await services.passwords.hash(Self.password)
        options.orders = orders
        let seeded = try await DashboardSeed(database: services.database, options: options).run()
        let seedSeconds = Self.seconds(seedStart.duration(to: clock.now))
        print(
            "seeded \(seeded.orders) orders (\(seeded.lines) lines, \(seeded.shipments) shipments, "
                + "\(seeded.flagged) flagged) in \(String(format: "%.1f", seedSeconds)) s; outbox "
                + seeded.outbox.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))

        let visitor = DashboardVisitor(baseURL: baseURL)
        do {
            var timings: [String: Timings] = [:]
            let refusal = try await visitor.signIn(email: email, password: Self.password)
            if let refusal {
                print("dashboard not measured: \(refusal)")
            } else {
                // The orders filter is a GET form, which a crawl does not submit: its searches are added.
                let searches = [
                    "/orders?search=lovelace", "/orders?search=ada.lovelace", "/orders?search=1500",
                    "/orders?search=%231500",
                ]
                var crawled = try await crawl(visitor)
                for search in searches {
                    if try await visitor.get(search).status == 200 { crawled.append(search) }
                }
                print("crawled \(crawled.count) paths of \(Set(crawled.map(PageKind.of)).count) page kinds")
                for path in crawled {
                    for _ in 0..<repetitions {
                        let visit = try await visitor.get(path)
                        timings[PageKind.of(path), default: Timings()].record(visit)
                    }
                }
            }
            let api = try await measureAPI(visitor, email: email, integrationIDs: seeded.integrationIDs)
            try await visitor.shutdown()
            report(dashboard: timings, api: api, seeded: seeded, seedSeconds: seedSeconds, signedIn: refusal == nil)
        } catch {
            try? await visitor.shutdown()
            throw error
        }
    }

    /// Breadth-first from `/` and the navigation's pages (found even while `/` is not there yet): every
    /// same-origin link of every page, GET only (forms are not submitted), at most `perKind` paths of one kind (an
    /// order page stands for all) and `maxPaths` in all.
    private func crawl(_ visitor: DashboardVisitor) async throws -> [String] {
        var queue = ["/", "/stores", "/orders", "/outbox", "/inventory", "/inventory?search=APP"]
        var seen = Set(queue)
        var perKindCount: [String: Int] = [:]
        var visited: [String] = []
        while !queue.isEmpty && visited.count < maxPaths {
            let path = queue.removeFirst()
            let kind = PageKind.of(path)
            guard perKindCount[kind, default: 0] < perKind else { continue }
            let visit = try await visitor.get(path)
            guard visit.status == 200 else {
                print("  \(path) answered \(visit.status), left out")
                continue
            }
            perKindCount[kind, default: 0] += 1
            visited.append(path)
            guard visit.headers.first(name: "Content-Type")?.contains("text/html") ?? false else { continue }
            for link in visitor.links(in: visit.body) where !seen.contains(link) {
                seen.insert(link)
                // Assets, the API and its documents are not dashboard pages (the API is measured apart).
                let path = link.split(separator: "?", maxSplits: 1).first.map(String.init) ?? link
                if path.hasPrefix("/assets/") || path.hasPrefix("/api/") || path == "/sign-in"
                    || ["/openapi.json", "/metrics", "/health"].contains(path)
                {
                    continue
                }
                queue.append(link)
            }
        }
        return visited
    }

    /// The API's reads beside the pages, with a bearer token from `auth/token`.
    private func measureAPI(_ visitor: DashboardVisitor, email: String, integrationIDs: [Int64]) async throws
        -> [String: Timings]
    {
        let answer = try await visitor.postJSON(
            "/api/v1/auth/token", #"{"email":"\#(email)","password":"\#(Self.password)"}"#)
        struct Token: Decodable { var token: String }
        guard answer.status == 200, let token = try? JSONDecoder().decode(Token.self, from: Data(answer.body.utf8))
        else {
            print("API not measured: auth/token answered \(answer.status)")
            return [:]
        }
        let orderList = try await visitor.get("/api/v1/orders?per_page=1", bearer: token.token)
        struct Page: Decodable {
            struct Item: Decodable { var id: Int64 }
            var items: [Item]?
            var data: [Item]?
        }
        let page = try? JSONDecoder().decode(Page.self, from: Data(orderList.body.utf8))
        let firstOrder = (page?.items ?? page?.data)?.first?.id
        var paths = [
            "/api/v1/orders?per_page=100", "/api/v1/orders?per_page=100&page=50", "/api/v1/orders?status=ready",
            "/api/v1/woocommerce/integrations", "/api/v1/outbox?state=dead", "/api/v1/inventory",
        ]
        if let firstOrder { paths.append("/api/v1/orders/\(firstOrder)") }
        if let store = integrationIDs.first { paths.append("/api/v1/woocommerce/integrations/\(store)/sync-logs") }
        var timings: [String: Timings] = [:]
        for path in paths {
            for _ in 0..<repetitions {
                let visit = try await visitor.get(path, bearer: token.token)
                // The query is what tells these apart; only ids in the path are generalised.
                let parts = path.split(separator: "?", maxSplits: 1)
                let key = PageKind.of(String(parts[0])) + (parts.count > 1 ? "?\(parts[1])" : "")
                timings[key, default: Timings()].record(visit)
            }
        }
        return timings
    }

    private func report(
        dashboard: [String: Timings], api: [String: Timings], seeded: DashboardSeed.Summary, seedSeconds: Double,
        signedIn: Bool
    ) {
        func table(_ title: String, _ timings: [String: Timings]) {
            guard !timings.isEmpty else { return }
            print("\n\(title)")
            print(
                "  " + "page".padding(toLength: 48, withPad: " ", startingAt: 0) + "   median      p99   server  status"
            )
            for (kind, figures) in timings.sorted(by: { $0.value.percentile(0.99) > $1.value.percentile(0.99) }) {
                let server = figures.serverMedian.map { Self.milliseconds($0) } ?? "     –"
                let median = Self.milliseconds(figures.percentile(0.5))
                let p99 = Self.milliseconds(figures.percentile(0.99))
                print(
                    "  \(kind.padding(toLength: 48, withPad: " ", startingAt: 0)) \(median) ms \(p99) ms \(server) ms"
                        + "  \(figures.statuses)")
            }
        }
        table("dashboard pages (\(repetitions) requests each, round trip on loopback)", dashboard)
        table("API", api)
        let slowest = dashboard.max { $0.value.percentile(0.99) < $1.value.percentile(0.99) }
        if let slowest {
            print("\nslowest page: \(slowest.key), p99 \(Self.milliseconds(slowest.value.percentile(0.99))) ms")
        }
        let all = dashboard.values.flatMap(\.milliseconds).sorted()
        let apiAll = api.values.flatMap(\.milliseconds).sorted()
        BenchReport.printJSON([
            "orders": seeded.orders,
            "seed_s": seedSeconds,
            "signed_in": signedIn,
            "page_kinds": dashboard.count,
            "requests": all.count + apiAll.count,
            "median_ms": Timings.percentile(all, 0.5),
            "p99_ms": Timings.percentile(all, 0.99),
            "slowest_page": slowest?.key ?? "-",
            "slowest_p99_ms": slowest?.value.percentile(0.99) ?? 0,
            "all_pages_under_100ms": dashboard.values.allSatisfy { $0.percentile(0.99) < 100 },
            "api_median_ms": Timings.percentile(apiAll, 0.5),
            "api_p99_ms": Timings.percentile(apiAll, 0.99),
            "peak_rss_mb": ProcessMemory.peakResidentMegabytes() ?? -1,
        ])
    }

    private func waitForPort(_ services: ServerServices) async throws -> String {
        for _ in 0..<500 {
            let url = services.publicURL.value
            if !url.hasSuffix(":0") { return url }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ValidationError("the server did not start")
    }

    /// `3.14159` → ` 3.14`, right-aligned in six places.
    static func milliseconds(_ value: Double) -> String {
        let text = String(format: "%.2f", value)
        return String(repeating: " ", count: max(0, 6 - text.count)) + text
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The times of one page kind's requests.
struct Timings: Sendable {
    private(set) var milliseconds: [Double] = []
    private(set) var server: [Double] = []
    private var statusCounts: [Int: Int] = [:]

    mutating func record(_ visit: DashboardVisitor.Visit) {
        milliseconds.append(BenchDashboardCommand.seconds(visit.roundTrip) * 1000)
        if let figure = visit.serverMilliseconds { server.append(figure) }
        statusCounts[visit.status, default: 0] += 1
    }

    func percentile(_ p: Double) -> Double { Self.percentile(milliseconds.sorted(), p) }

    /// The median `Server-Timing` figure, when the server sent one.
    var serverMedian: Double? { server.isEmpty ? nil : Self.percentile(server.sorted(), 0.5) }

    /// `200` or `200×18 404×2`.
    var statuses: String {
        statusCounts.count == 1
            ? "\(statusCounts.keys.first!)"
            : statusCounts.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - (p > 0 ? 1 : 0))]
    }
}
