import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

extension PostgresSettings {
    /// Why a connection failed, in words an operator can act on: PostgresNIO's own errors describe themselves
    /// only generically (to keep queries out of logs), and TLS failures arrive as BoringSSL codes.
    func explain(_ error: any Error) -> String {
        switch error {
        case let error as PSQLError:
            return explain(error)
        case let error as NIOSSLError:
            if case .handshakeFailed(let reason) = error { return explainHandshake(reason) }
            return "TLS failed: \(error)"
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "certificate verify failed: the server's certificate is not for \(host) (sslmode=verify-full)"
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve the host name \(host)" }
            guard !error.connectionErrors.isEmpty else { return "cannot reach \(host):\(port)" }
            return error.connectionErrors.map { explain($0.error) }.joined(separator: "; ")
        case let error as IOError:
            return "cannot reach \(host):\(port): \(String(cString: strerror(error.errnoCode)))"
        case ChannelError.connectTimeout(let timeout):
            return "no answer from \(host):\(port) within \(timeout.nanoseconds / 1_000_000_000) seconds"
        default:
            return String(describing: error)
        }
    }

    private func explain(_ error: PSQLError) -> String {
        switch error.code {
        case .sslUnsupported:
            return "the server does not support TLS but sslmode=\(sslMode.rawValue)"
        case .server:
            let message = error.serverInfo?[.message] ?? "no message"
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return "the server refused: \(message)\(state)"
        case .serverClosedConnection where error.underlying == nil:
            return "the connection to \(host):\(port) closed before PostgreSQL answered"
        default:
            // The code names the failure; what caused it, if anything, says more.
            guard let underlying = error.underlying else { return "\(error.code)" }
            return explain(underlying)
        }
    }

    private func explainHandshake(_ reason: BoringSSLError) -> String {
        let text = "\(reason)"
        guard text.contains("CERTIFICATE_VERIFY_FAILED") else { return "TLS handshake failed: \(text)" }
        let roots =
            switch rootCertificates {
            case .file(let path, _): "sslrootcert \(path)"
            case .system: "the system's trusted roots"
            case nil: "no root certificate"
            }
        return "certificate verify failed: the server's certificate does not lead to \(roots) "
            + "(sslmode=\(sslMode.rawValue))"
    }
}
