import NIOCore
import NIOHTTP1

/// One keep-alive connection of a ``WebhookLoad``, driven on its event loop: when an answer ends, the next
/// delivery is written at once, without a hop to Swift's executor and back. Those hops cost the Swift generator
/// more than `wrk` spends on a whole request, on the two cores it shares with the receiver it measures.
final class WebhookLoadConnection: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// Why a connection stopped sending.
    enum Ending: Sendable {
        /// The load's count was sent or its time was up.
        case done
        /// The server closed the connection (or it failed) before the load was done.
        case closed
    }

    private let load: WebhookLoad
    private let next: WebhookLoad.Ticket
    private let finished: EventLoopPromise<(WebhookLoad.Result, Ending)>
    private let clock = ContinuousClock()
    private var result = WebhookLoad.Result()
    /// When the request in flight was sent; `nil` when none is.
    private var sentAt: ContinuousClock.Instant?
    private var status = 0
    private var ended = false

    init(
        load: WebhookLoad, next: WebhookLoad.Ticket, finished: EventLoopPromise<(WebhookLoad.Result, Ending)>
    ) {
        self.load = load
        self.next = next
        self.finished = finished
    }

    func channelActive(context: ChannelHandlerContext) {
        sendNext(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body: break
        case .end:
            record(status)
            sendNext(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if sentAt != nil { record(0) }
        end(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func record(_ status: Int) {
        guard let sentAt else { return }
        self.sentAt = nil
        result.latencies.append(sentAt.duration(to: clock.now).seconds)
        if (200..<300).contains(status) {
            result.accepted += 1
        } else {
            result.errors += 1
            result.errorStatuses[status, default: 0] += 1
        }
    }

    private func sendNext(context: ChannelHandlerContext) {
        let index = next.take()
        if let deadline = load.deadline, clock.now >= deadline {
            return finish(context: context)
        }
        if let count = load.count, index >= count { return finish(context: context) }
        let delivery = load.delivery(index, allocator: context.channel.allocator)
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: load.path, headers: load.headers)
        head.headers.add(name: "X-WC-Webhook-Signature", value: delivery.signature)
        head.headers.add(name: "X-WC-Webhook-Delivery-ID", value: delivery.deliveryID)
        head.headers.add(name: "Content-Length", value: String(delivery.body.readableBytes))
        sentAt = clock.now
        status = 0
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(delivery.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func finish(context: ChannelHandlerContext) {
        end(.done)
        context.close(promise: nil)
    }

    private func end(_ ending: Ending) {
        guard !ended else { return }
        ended = true
        finished.succeed((result, ending))
    }
}
