import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage and the client's address,
/// which the per-address rate limit keys on.
struct ServerContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text, for rate limits and logs.
    var clientAddress: String {
        remoteAddress?.ipAddress ?? "unknown"
    }
}
