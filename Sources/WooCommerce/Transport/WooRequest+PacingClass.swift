import Foundation
import NIOHTTP1

extension WooRequest {
    /// Requests of comparable cost to the store, whose latencies the pacer compares with each other: the method,
    /// the route with ids as `{id}`, whether `_fields` trims the answer, and the answer's size in half-powers of
    /// two. A store spends its time per order rendered, so a 100-order page is rightly ten times slower than a
    /// 5-order page of the same listing and must not read as a queue; the answer's size tells them apart
    /// (within a class sizes differ by at most √2).
    func pacingClass(responseBytes: Int) -> String {
        let route = path.split(separator: "/").map { $0.allSatisfy(\.isNumber) ? "{id}" : String($0) }
            .joined(separator: "/")
        let fields = query.contains { $0.name == "_fields" }
        let sizeClass = responseBytes > 0 ? Int((2 * log2(Double(responseBytes))).rounded(.down)) : 0
        return "\(method.rawValue) \(route) \(sizeClass)" + (fields ? " fields" : "")
    }
}
