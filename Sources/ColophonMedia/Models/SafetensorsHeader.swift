/// The JSON header of a `.safetensors` file: `u64le N`, N bytes of JSON, then tensor data.
/// Read with hard limits because the length is attacker-controlled: a header claiming 2^62
/// bytes must be refused before anything is allocated.
public struct SafetensorsHeader: Sendable {
    /// One tensor entry.
    public struct Tensor: Hashable, Sendable {
        public var name: String
        public var dtype: String
        public var shape: [Int]
        /// Offsets relative to the start of the data section.
        public var begin: Int
        public var end: Int
    }

    /// The same cap as the reference reader.
    public static let maxHeaderBytes = 100_000_000

    /// N, the header's byte length; the data section starts at 8 + N.
    public let headerLength: Int
    /// The header bytes as stored (kept whole as the record's header blob).
    public let headerBytes: [UInt8]
    /// `__metadata__`, string to string, in written order.
    public let metadata: [(key: String, value: String)]
    public let tensors: [Tensor]

    /// Reads the header given the file's first bytes (at least 8 + N of them) and its total
    /// size.
    public init(prefix: [UInt8], fileSize: Int) throws(MediaError) {
        guard prefix.count >= 8, fileSize >= 8 else {
            throw MediaError(
                .truncated,
                "safetensors: \(min(prefix.count, fileSize)) bytes, fewer than the 8 of the length"
            )
        }
        let length = try Self.headerLength(prefix, fileSize: fileSize)
        guard prefix.count >= 8 + length else {
            throw MediaError(.truncated, "safetensors: header of \(length) bytes, \(prefix.count - 8) read")
        }
        let header = Array(prefix[8..<(8 + length)])
        guard String(validating: header, as: UTF8.self) != nil else {
            throw MediaError(.malformed, "safetensors: header is not UTF-8")
        }
        let json: LooseJSON
        do {
            json = try LooseJSON.parse(header)
        } catch {
            throw MediaError(.malformed, "safetensors: header is not JSON (\(error.reason))")
        }
        guard let members = json.members else {
            throw MediaError(.malformed, "safetensors: header is not a JSON object")
        }
        var metadata: [(key: String, value: String)] = []
        var tensors: [Tensor] = []
        let dataLength = fileSize - 8 - length
        for member in members {
            if member.key == "__metadata__" {
                guard let entries = member.value.members else {
                    throw MediaError(.malformed, "safetensors: __metadata__ is not an object")
                }
                for entry in entries {
                    guard let value = entry.value.string else {
                        throw MediaError(.malformed, "safetensors: __metadata__ value \(entry.key) is not a string")
                    }
                    metadata.append((entry.key, value))
                }
                continue
            }
            tensors.append(try Self.tensor(member, dataLength: dataLength))
        }
        self.headerLength = length
        self.headerBytes = header
        self.metadata = metadata
        self.tensors = tensors
    }

    /// N from the first eight bytes, checked against the limit and the file size.
    public static func headerLength(_ prefix: [UInt8], fileSize: Int) throws(MediaError) -> Int {
        var length: UInt64 = 0
        for index in (0..<8).reversed() { length = length << 8 | UInt64(prefix[index]) }
        guard length <= UInt64(maxHeaderBytes) else {
            throw MediaError(.tooLarge, "safetensors: header length \(length) exceeds the \(maxHeaderBytes)-byte limit")
        }
        guard length >= 2 else {
            throw MediaError(.malformed, "safetensors: header length \(length) cannot hold a JSON object")
        }
        guard Int(length) <= fileSize - 8 else {
            throw MediaError(
                .truncated,
                "safetensors: header length \(length) runs past the end of a \(fileSize)-byte file"
            )
        }
        return Int(length)
    }

    private static func tensor(_ member: LooseJSON.Member, dataLength: Int) throws(MediaError) -> Tensor {
        let value = member.value
        guard let dtype = value["dtype"]?.string,
            let shape = value["shape"]?.array?.map({ $0.integerLiteral.flatMap { Int($0) } }),
            let offsets = value["data_offsets"]?.array?.compactMap({ $0.integerLiteral.flatMap { Int($0) } }),
            offsets.count == 2, shape.allSatisfy({ ($0 ?? -1) >= 0 })
        else {
            throw MediaError(.malformed, "safetensors: tensor \(member.key) lacks a dtype, shape or data_offsets")
        }
        guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataLength else {
            throw MediaError(
                .malformed,
                "safetensors: tensor \(member.key) spans \(offsets[0])..<\(offsets[1]) outside the \(dataLength)-byte data section"
            )
        }
        return Tensor(
            name: member.key,
            dtype: dtype,
            shape: shape.compactMap { $0 },
            begin: offsets[0],
            end: offsets[1]
        )
    }

    /// A metadata value.
    public func value(_ key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }
}
