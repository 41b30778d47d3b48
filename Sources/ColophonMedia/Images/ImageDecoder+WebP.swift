extension ImageDecoder {
    /// Decodes a still WebP (lossy VP8, lossless VP8L, or either with alpha) to RGBA with
    /// libwebp, after the header's dimensions pass `limits`. Animated WebP is refused.
    ///
    /// - Throws: ``MediaError`` `.unsupported` when libwebp is not installed or the file is
    ///   animated, `.tooLarge` beyond the limits, `.malformed` when libwebp cannot decode it.
    static func decodeWebP(_ bytes: [UInt8], limits: DecodeLimits) throws(MediaError) -> DecodedImage {
        guard let library = WebPLibrary.shared else {
            throw MediaError(.unsupported, "WebP pixels need libwebp (Debian's libwebp7), which is not installed")
        }
        let file: WebPFile
        do {
            file = try WebPFile(bytes: bytes)
        } catch {
            throw MediaError(error.code, "WebP: \(error.reason)")
        }
        if file.chunks.contains(where: { $0.fourCC == "ANIM" || $0.fourCC == "ANMF" }) {
            throw MediaError(.unsupported, "WebP: animated images are not decoded")
        }
        var width: Int32 = 0
        var height: Int32 = 0
        let known = bytes.withUnsafeBufferPointer { library.getInfo($0.baseAddress, $0.count, &width, &height) }
        guard known != 0, width > 0, height > 0 else {
            throw MediaError(.malformed, "WebP: the bitstream's header cannot be read")
        }
        try limits.check(width: Int(width), height: Int(height), format: "WebP")
        let count = Int(width) * Int(height) * 4
        var failed = false
        let rgba = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let written = bytes.withUnsafeBufferPointer { input in
                library.decodeInto(input.baseAddress, input.count, buffer.baseAddress, count, width * 4)
            }
            if written == nil {
                // Nothing may be read from a buffer the decoder did not fill.
                buffer.initialize(repeating: 0)
                failed = true
            }
            initialized = count
        }
        guard !failed else {
            throw MediaError(.malformed, "WebP: the image data cannot be decoded (truncated or corrupt)")
        }
        var hasAlpha = false
        for index in stride(from: 3, to: count, by: 4) where rgba[index] != 255 {
            hasAlpha = true
            break
        }
        return DecodedImage(
            width: Int(width),
            height: Int(height),
            rgba: rgba,
            // Colour types as PNG numbers them: RGB (2) or RGBA (6).
            source: .init(mediaType: .webp, colorType: hasAlpha ? 6 : 2, bitDepth: 8, hasAlpha: hasAlpha)
        )
    }
}
