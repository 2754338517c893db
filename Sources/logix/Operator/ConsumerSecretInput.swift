import Foundation

/// The consumer secret of `logix integrations add`: never a flag (it would show in `ps` and the shell's
/// history), but `$WOOCOMMERCE_CONSUMER_SECRET`, else the first line of standard input when it is not a
/// terminal, else a prompt that does not echo.
enum ConsumerSecretInput {
    static let variable = "WOOCOMMERCE_CONSUMER_SECRET"

    static func read(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let secret = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty {
            return secret
        }
        if isatty(STDIN_FILENO) != 0 {
            guard let typed = getpass("Consumer secret (cs_…): ").map({ String(cString: $0) }),
                !typed.trimmingCharacters(in: .whitespaces).isEmpty
            else { throw OperatorFailure("no consumer secret given", exitCode: OperatorFailure.badUsage) }
            return typed.trimmingCharacters(in: .whitespaces)
        }
        guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty else {
            throw OperatorFailure(
                "no consumer secret: set \(variable) or give it on standard input", exitCode: OperatorFailure.badUsage)
        }
        return line
    }

    static let webhookVariable = "WOOCOMMERCE_WEBHOOK_SECRET"

    /// The webhook secret an operator chose, from the environment only (a flag would show in `ps`): `nil` when
    /// unset, and Logix makes one when it registers the webhooks.
    static func webhookSecret(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        environment[webhookVariable].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
            $0.isEmpty ? nil : $0
        }
    }
}
