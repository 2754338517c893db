import Foundation

/// A secret an operator command needs (a WooCommerce consumer secret, a Shopify access token or API secret):
/// never a flag, which would show in `ps` and the shell's history, but an environment variable, else the next
/// line of standard input when it is not a terminal, else a prompt that does not echo.
struct SecretInput {
    /// The environment variable that holds it.
    var variable: String
    /// What it is, as a person calls it (`consumer secret`).
    var name: String
    /// How it starts, shown in the prompt (`cs_…`).
    var hint: String

    static let consumerSecret = SecretInput(
        variable: "WOOCOMMERCE_CONSUMER_SECRET", name: "consumer secret", hint: "cs_…")
    static let shopifyAccessToken = SecretInput(
        variable: "SHOPIFY_ACCESS_TOKEN", name: "Admin API access token", hint: "shpat_…")
    static let shopifyAPISecret = SecretInput(variable: "SHOPIFY_API_SECRET", name: "API secret", hint: "shpss_…")

    func read(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let secret = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty {
            return secret
        }
        if isatty(STDIN_FILENO) != 0 {
            let prompt = name.prefix(1).uppercased() + name.dropFirst() + " (\(hint)): "
            guard let typed = getpass(prompt).map({ String(cString: $0) }),
                !typed.trimmingCharacters(in: .whitespaces).isEmpty
            else { throw OperatorFailure("no \(name) given", exitCode: OperatorFailure.badUsage) }
            return typed.trimmingCharacters(in: .whitespaces)
        }
        guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty else {
            throw OperatorFailure(
                "no \(name): set \(variable) or give it on standard input", exitCode: OperatorFailure.badUsage)
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
