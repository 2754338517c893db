/// Wakes the inbox applier when a delivery was stored, so it is applied within milliseconds rather than at
/// the next poll. Signals coalesce: many deliveries while the applier works cause one more pass.
public final class WebhookSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public func notify() { continuation.yield() }

    /// The wake-ups, for the one applier that waits on them.
    public var wakeUps: AsyncStream<Void> { stream }

    public func finish() { continuation.finish() }
}
