import Foundation
import HTTPTypes
import HummingbirdTesting
import LogixTestSupport
import NIOCore
import SimHosting
import Testing
import WooSim

/// `logix demo` run as the real binary, as a newcomer runs it: it prints where the dashboard is and a login
/// that works, imports the store's orders, ships orders so that the store's order ends completed, stops
/// cleanly on Ctrl-C, and a second run on the same folder continues with the same user, integration and
/// orders (none created twice).
@Suite struct DemoCommandTests {
    /// What the demo printed in its banner.
    struct Banner {
        let dashboard: String
        let email: String
        let password: String

        init(_ output: String) throws {
            func value(after label: String) throws -> String {
                let line = try #require(
                    output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) })
                return line.trimmingCharacters(in: .whitespaces).dropFirst(label.count)
                    .trimmingCharacters(in: .whitespaces)
            }
            dashboard = try value(after: "Dashboard")
            let login = try value(after: "Sign in").components(separatedBy: " / ")
            try #require(login.count == 2, "\(output)")
            email = login[0]
            password = login[1]
        }
    }

    /// `POST /api/v1/auth/token`'s answer.
    struct Token: Decodable { var token: String }
    /// A page of a list.
    struct Page<Item: Decodable>: Decodable {
        var items: [Item]
        var total: Int
    }
    /// An integration as the API lists it.
    struct Integration: Decodable, Equatable {
        var id: Int64
        var storeURL: String
        enum CodingKeys: String, CodingKey {
            case id
            case storeURL = "store_url"
        }
    }
    /// An order as the API shows it: its Logix status and the store's.
    struct Order: Decodable {
        var id: Int64
        var number: String
        var status: String
        var storeStatus: String
        enum CodingKeys: String, CodingKey {
            case id, number, status
            case storeStatus = "store_status"
        }
    }

    /// The Logix API at `port`, signed in with the banner's login.
    struct API {
        let port: Int
        let token: String

        static func signIn(port: Int, banner: Banner) async throws -> API {
            let body = #"{"email": "\#(banner.email)", "password": "\#(banner.password)"}"#
            let answer = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                try await client.post(
                    "/api/v1/auth/token", headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            }
            try #require(answer.status == .ok, "\(String(buffer: answer.body ?? ByteBuffer()))")
            return API(port: port, token: try decode(Token.self, answer).token)
        }

        func get<Value: Decodable>(_ path: String, as type: Value.Type) async throws -> Value {
            let answer = try await TestClient.withClient(host: "127.0.0.1", port: port) { [token] client in
                try await client.get(path, headers: [.authorization: "Bearer \(token)"])
            }
            try #require(answer.status == .ok, "\(path): \(String(buffer: answer.body ?? ByteBuffer()))")
            return try API.decode(type, answer)
        }

        static func decode<Value: Decodable>(_ type: Value.Type, _ answer: TestClient.Response) throws -> Value {
            try JSONDecoder().decode(type, from: Data((answer.body ?? ByteBuffer()).readableBytesView))
        }
    }

    @Test func theDemoShipsOrdersStopsOnCtrlCAndContinuesWithTheSameData() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logix-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try FreePort.find(host: "127.0.0.1")
        var storePort = try FreePort.find(host: "127.0.0.1")
        while storePort == port { storePort = try FreePort.find(host: "127.0.0.1") }
        let arguments = [
            "demo", "--data-dir", folder.appendingPathComponent("data").path, "--port", String(port), "--store-port",
            String(storePort), "--orders", "24", "--interval", "0.2", "--seed", "7",
        ]

        // First run: a new folder.
        let first = try RunningLogixProcess(arguments, in: folder)
        let output = try await first.waitForOutput(containing: "Ctrl-C stops everything", timeout: 60)
        let banner = try Banner(output)
        #expect(banner.dashboard == "http://127.0.0.1:\(port)/")
        #expect(banner.email == "demo@logix.local")
        #expect(output.contains("demo user demo@logix.local created"), "\(output)")
        // The dashboard is there: signed out, it sends the browser to its sign-in page.
        let dashboard = try await TestClient.withClient(host: "127.0.0.1", port: port) { try await $0.get("/") }
        #expect(dashboard.status == .seeOther)
        #expect(dashboard.headers[.location]?.hasSuffix("/sign-in") == true, "\(dashboard.headers)")
        let api = try await API.signIn(port: port, banner: banner)
        let integrations = try await api.get("/api/v1/woocommerce/integrations", as: Page<Integration>.self).items
        #expect(integrations.map(\.storeURL) == ["http://127.0.0.1:\(storePort)"])
        let imported = try await api.get("/api/v1/orders?per_page=1", as: Page<Order>.self).total
        #expect(imported > 0, "the full sync imported the store's orders")

        // The warehouse ships a whole order; Logix tells the store, whose order becomes completed (as the
        // store's own webhook reports it back to Logix).
        let shipped = try await first.waitForOutput(timeout: 30) { Self.wholeShipment(in: $0) != nil }
        let number = try #require(Self.wholeShipment(in: shipped))
        let order = try await Self.order(number, api: api)
        #expect(["shipped", "delivered"].contains(order.status), "\(order)")
        let completed = try await Self.eventually(seconds: 60) {
            try await api.get("/api/v1/orders/\(order.id)", as: Order.self).storeStatus == "completed"
        }
        #expect(completed, "the store's order #\(number) is completed")

        let beforeStop = try await api.get("/api/v1/orders?per_page=1", as: Page<Order>.self).total
        #expect(beforeStop >= imported)
        first.interrupt()
        let stopped = try await first.waitForExit(timeout: 40)
        Self.expectTidyExit(stopped)
        let data = folder.appendingPathComponent("data")
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("store.json").path))
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("logix.sqlite").path))

        // Second run: the same folder, the same login and integration, the orders still there.
        let second = try RunningLogixProcess(arguments, in: folder)
        let again = try await second.waitForOutput(containing: "Ctrl-C stops everything", timeout: 60)
        let secondBanner = try Banner(again)
        #expect(secondBanner.email == banner.email)
        #expect(secondBanner.password == banner.password)
        #expect(!again.contains("demo user"), "no second user: \(again)")
        #expect(!again.contains("connected as integration"), "\(again)")
        #expect(again.contains("simulated store restored"), "\(again)")
        let secondAPI = try await API.signIn(port: port, banner: secondBanner)
        let integrationsAgain = try await secondAPI.get("/api/v1/woocommerce/integrations", as: Page<Integration>.self)
        #expect(integrationsAgain.items == integrations, "no second integration")
        let total = try await secondAPI.get("/api/v1/orders?per_page=1", as: Page<Order>.self).total
        #expect(total >= beforeStop, "the orders of the first run are all there")
        let kept = try await secondAPI.get("/api/v1/orders/\(order.id)", as: Order.self)
        #expect(kept.number == number)
        #expect(kept.storeStatus == "completed")
        second.interrupt()
        Self.expectTidyExit(try await second.waitForExit(timeout: 40))
    }

    /// A port another program holds, Logix's or the store's, ends the demo with one line naming the flag.
    @Test(arguments: ["--port", "--store-port"])
    func aBusyPortIsOneLineNamingTheFlag(flag: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logix-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let taken = try HeldPort()
        var free = try FreePort.find(host: "127.0.0.1")
        while free == taken.port { free = try FreePort.find(host: "127.0.0.1") }
        let ports = flag == "--port" ? (taken.port, free) : (free, taken.port)
        let outcome = try await LogixProcess.run(
            [
                "demo", "--data-dir", folder.appendingPathComponent("data").path, "--port", String(ports.0),
                "--store-port", String(ports.1), "--orders", "5",
            ], in: folder, timeout: 60)
        #expect(!outcome.crashed, "\(outcome)")
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.errorLines.count == 1, "\(outcome)")
        let line = outcome.errorLines.first ?? ""
        #expect(line.hasPrefix("logix demo: port \(taken.port) on 127.0.0.1 is already in use"), "\(line)")
        #expect(line.contains(flag), "\(line)")
        withExtendedLifetime(taken) {}
    }

    /// The number of the first order the warehouse shipped whole, from its log.
    static func wholeShipment(in output: String) -> String? {
        for line in output.split(separator: "\n") where line.contains(" shipped with ") && !line.contains("partly") {
            guard let start = line.range(of: "order #") else { continue }
            return String(line[start.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }

    /// The Logix order with the store's `number`, among the shipped and delivered ones.
    static func order(_ number: String, api: API) async throws -> Order {
        for status in ["shipped", "delivered"] {
            let page = try await api.get("/api/v1/orders?status=\(status)&per_page=100", as: Page<Order>.self)
            if let found = page.items.first(where: { $0.number == number }) { return found }
        }
        throw TestDatabaseError("no shipped or delivered order #\(number)")
    }

    /// Whether `condition` held within `seconds`, asked every 200 ms: the store's answer comes back from
    /// another process through its webhook, and nothing in this process can await it.
    static func eventually(seconds: Int, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    static func expectTidyExit(_ outcome: LogixProcess.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!outcome.crashed, "\(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.status == 0, "\(outcome)", sourceLocation: sourceLocation)
        #expect(
            outcome.standardOutput.contains("Stopped; the demo is saved"), "\(outcome)", sourceLocation: sourceLocation)
        for sign in ["Fatal error", "Assertion failed", "was not closed", "Backtrace", "backtrace"] {
            #expect(!outcome.standardError.contains(sign), "\(outcome)", sourceLocation: sourceLocation)
        }
    }
}
