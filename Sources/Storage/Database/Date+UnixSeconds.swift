import Foundation

extension Date {
    /// The time as every table stores it: whole seconds since 1970 (`BIGINT`), rounded down, identical on both
    /// engines.
    var unixSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
}
