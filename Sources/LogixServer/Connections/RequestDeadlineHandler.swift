import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow to send a request: its headers must arrive within
/// ``timeout`` of the connection being ready for a request (opened, or the previous response sent), and its
/// body within ``timeout`` of its headers. A client that sends its headers and never its body, or trickles
/// either a byte at a time, cannot hold a connection longer than twice the bound.
///
/// The time the server takes to answer is not counted: the deadline stops when the request's end arrives.
///
/// A request moves the deadline twice, so the connection keeps one timer and moves only the deadline: the
/// timer, when it fires, closes the connection if the deadline has passed, or waits again until it. Scheduling
/// and cancelling a timer for each move cost 5 % of the receiver's CPU at thousands of requests a second
/// (issue 14).
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private let logger: Logger
    /// What the connection waits for and until when; `nil` while the server answers.
    private var deadline: (part: String, at: NIODeadline)?
    /// The connection's one timer, while it runs.
    private var timer: Scheduled<Void>?
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
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            arm(context, waitingFor: "body")
        case .end:
            readingRequest = false
            deadline = nil
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
        let at = NIODeadline.now() + timeout
        deadline = (part, at)
        // A running timer fires no later than the new deadline (deadlines only move later) and waits again.
        if timer == nil { schedule(context, at: at) }
    }

    private func schedule(_ context: ChannelHandlerContext, at time: NIODeadline) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: time) {
            bound.value.handler.timer = nil
            bound.value.handler.fire(bound.value.context)
        }
    }

    /// The timer fired: nothing awaited, the deadline moved (wait again), or the client ran out of time.
    private func fire(_ context: ChannelHandlerContext) {
        guard let deadline else { return }
        guard deadline.at <= .now() else {
            schedule(context, at: deadline.at)
            return
        }
        let channel = context.channel
        logger.info(
            "closing a connection whose client sent no complete request \(deadline.part) in time",
            metadata: [
                "client": "\(channel.remoteAddress?.ipAddress ?? "?")",
                "timeout_seconds": "\(timeout.nanoseconds / 1_000_000_000)",
            ])
        channel.close(promise: nil)
    }

    private func stop() {
        deadline = nil
        timer?.cancel()
        timer = nil
    }
}
