import ArgumentParser
import Foundation
import Logging
import LogixServer
import Storage

/// Why an operator command did not do its work, as the one line it prints on standard error and the exit
/// status a script can rely on: 1 when it failed (the store refused, the thing does not exist), 2 when it was
/// asked something it cannot take (bad usage: a wrong value, a missing confirmation).
struct OperatorFailure: Error, CustomStringConvertible {
    static let failed: Int32 = 1
    static let badUsage: Int32 = 2

    /// The line, without the command's name (a code first where there is one: `not_found: integration not found`).
    let description: String
    let exitCode: Int32

    init(_ description: String, exitCode: Int32 = OperatorFailure.failed) {
        // One line whatever the underlying message holds.
        self.description = description.split(whereSeparator: \.isNewline).joined(separator: " ")
        self.exitCode = exitCode
    }

    /// A failure of a use case, named by the code the API answers for it (the troubleshooting guide has a
    /// section per code), and the store it concerned when the command knows it.
    init(_ error: any Error, store: String? = nil, logger: Logger) {
        let api = ErrorMiddleware.apiError(for: error, logger: logger)
        var line = "\(api.code): \(api.message)"
        if let fields = api.fields, !fields.isEmpty, api.message.hasPrefix("invalid fields") {
            line =
                "\(api.code): "
                + fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                    separator: "; ")
        }
        // The API hides what failed inside Logix from its callers; the operator runs Logix and needs it. A
        // storage error's message is safe to show (it never holds a secret).
        if api.code == "internal_error", let storage = error as? StorageError { line += ": \(storage)" }
        if let store, !line.contains(store) { line += " (store \(store))" }
        // The values a person typed wrong are bad usage; what the store or the data said is a failure.
        let usage = ["invalid_fields", "invalid_request", "invalid_body"].contains(api.code)
        self.init(line, exitCode: usage ? Self.badUsage : Self.failed)
    }
}

/// An error met while working with one store, so that the failure's line can name it.
struct StoreScopedError: Error {
    let store: String
    let underlying: any Error
}
