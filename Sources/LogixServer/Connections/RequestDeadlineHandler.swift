import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow to send a request: its headers must arrive within
/// ``timeout`` of the connection being ready for a request (opened, or the previous response sent), and its
/// body within ``timeout`` of its headers. A client that sends its headers and never its body, or trickles
/// either a byte at a time, cannot hold a connection longer than twice the bound.
///
/// The time the server takes to answer is not counted: the deadline stops when the request's end arrives.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private let logger: Logger
    private var deadline: Scheduled<Void>?
    /// A request has started (its head arrived) and not yet ended: the body is awaited.
    private var readingRequest = false

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, waitingFor: "headers") }
    }

    func channelActive(context: ChannelHandlerContext) {
        if deadline == nil { arm(context, waitingFor: "headers") }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            arm(context, waitingFor: "body")
        case .end:
            readingRequest = false
            disarm()
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // The response is sent: the clock runs again for the next request on this connection, unless the
        // client is still sending the body of this one (an early answer, e.g. 413).
        if case .end = unwrapOutboundIn(data), !readingRequest {
            arm(context, waitingFor: "headers")
        }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, waitingFor part: String) {
        disarm()
        let channel = context.channel
        let logger = self.logger
        let timeout = self.timeout
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            logger.info(
                "closing a connection whose client sent no complete request \(part) in time",
                metadata: [
                    "client": "\(channel.remoteAddress?.ipAddress ?? "?")",
                    "timeout_seconds": "\(timeout.nanoseconds / 1_000_000_000)",
                ])
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
