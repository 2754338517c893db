import Hummingbird
import NIOCore

/// Per-request state: the channel, so a fault can close the connection without answering.
struct ShopifyRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    var maxUploadSize: Int { 8 * 1024 * 1024 }
}

/// Thrown after a fault closed the connection: nobody is left to answer.
struct ConnectionDropped: Error {}
