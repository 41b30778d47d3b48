extension JUMBFBox {
    /// The box's bytes, header included. A box past 4 GiB would need an XLBox; manifest stores
    /// never get near it, so lengths are written in the 32-bit LBox.
    public var encoded: [UInt8] {
        let body = encodedPayload
        return Self.header(type, payloadCount: body.count) + body
    }

    /// Everything after the 8-byte LBox/TBox header: what a C2PA hashed URI hashes.
    public var encodedPayload: [UInt8] {
        switch self {
        case .content(_, let payload):
            return payload
        case .superbox(let description, let children):
            var out = description.encoded
            for child in children { out += child.encoded }
            return out
        }
    }

    /// The 8-byte LBox/TBox header of a box of `type` around `payloadCount` bytes.
    public static func header(_ type: String, payloadCount: Int) -> [UInt8] {
        let length = UInt32(truncatingIfNeeded: payloadCount + 8)
        return withUnsafeBytes(of: length.bigEndian) { Array($0) } + Array(type.utf8.prefix(4))
    }
}

extension JUMBFDescription {
    /// The `jumd` box, header included.
    public var encoded: [UInt8] {
        var body = type
        body.append(toggles)
        if let label { body += Array(label.utf8) + [0] }
        if let id { withUnsafeBytes(of: id.bigEndian) { body += $0 } }
        if let signature { body += signature }
        if let privateBox { body += privateBox.encoded }
        return JUMBFBox.header("jumd", payloadCount: body.count) + body
    }
}
