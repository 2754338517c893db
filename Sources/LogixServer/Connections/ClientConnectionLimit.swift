import Foundation
import Logging
import NIOCore

/// How many connections each client address holds open, shared by every connection of the server: a client
/// over ``limit`` has its new connection closed at once, so a few slow or greedy clients cannot take every
/// connection the server can serve.
final class ClientConnectionLimit: @unchecked Sendable {
    /// The most connections one address may hold; 0 for no limit.
    let limit: Int
    /// Guards ``counts``, which event loops of several connections change.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection from `address`; false (and nothing counted) if the address holds ``limit``.
    func admit(_ address: String) -> Bool {
        lock.withLock {
            let current = counts[address, default: 0]
            guard limit == 0 || current < limit else { return false }
            counts[address] = current + 1
            return true
        }
    }

    /// Forgets a closed connection from `address`.
    func release(_ address: String) {
        lock.withLock {
            let remaining = counts[address, default: 1] - 1
            counts[address] = remaining > 0 ? remaining : nil
        }
    }

    /// How many connections `address` holds now.
    func count(_ address: String) -> Int {
        lock.withLock { counts[address, default: 0] }
    }
}

/// Admits a connection against the server's ``ClientConnectionLimit`` when it opens, and releases it when it
/// closes; one over the limit is closed before any request is read.
final class ClientConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let limit: ClientConnectionLimit
    private let logger: Logger
    /// The address counted for this connection, once admitted.
    private var admitted: String?
    private var decided = false

    init(limit: ClientConnectionLimit, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { decide(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        decide(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Nothing from a refused connection goes on, in the moment before it is closed.
        guard admitted != nil || limit.limit == 0 else { return }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        releaseOnce()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        releaseOnce()
    }

    private func decide(_ context: ChannelHandlerContext) {
        guard !decided else { return }
        decided = true
        guard limit.limit > 0 else { return }
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if limit.admit(address) {
            admitted = address
        } else {
            logger.info(
                "refusing a connection: the client holds the most connections allowed",
                metadata: ["client": "\(address)", "limit": "\(limit.limit)"])
            context.close(promise: nil)
        }
    }

    private func releaseOnce() {
        if let admitted {
            limit.release(admitted)
            self.admitted = nil
        }
    }
}
