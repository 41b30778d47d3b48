/// A witness's answer to an add-checkpoint request, as C2SP tlog-witness defines it.
public struct WitnessReply: Hashable, Sendable {
    /// 200 with cosignature lines; 400, 403, 404, 409 (with the witness's size), 422.
    public var status: Int
    public var contentType: String
    public var body: String

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// The media type of a 409's body: the size the witness last cosigned.
    public static let sizeType = "text/x.tlog.size"
}
