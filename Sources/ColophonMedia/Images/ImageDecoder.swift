internal import CJPEG
internal import CPNG

/// Decodes PNG (libpng), JPEG (libjpeg) and WebP (libwebp, found at run time) to 8-bit RGBA
/// under ``DecodeLimits``.
public enum ImageDecoder {
    /// Decodes an image held in memory.
    public static func decode(_ bytes: [UInt8], limits: DecodeLimits = .standard) throws(MediaError) -> DecodedImage {
        switch MediaType.sniff(bytes) {
        case .png: return try decodePNG(bytes, limits: limits)
        case .jpeg: return try decodeJPEG(bytes, limits: limits)
        case .webp: return try decodeWebP(bytes, limits: limits)
        case nil: throw MediaError(.unsupported, "not a PNG, JPEG or WebP file")
        }
    }

    static func decodePNG(_ bytes: [UInt8], limits: DecodeLimits) throws(MediaError) -> DecodedImage {
        if let fast = decodeFastPath(bytes, limits: limits) { return fast }
        return try referencePNG(bytes, limits: limits)
    }

    /// The fast path alone (libdeflate, for intact 8-bit non-interlaced RGB/RGBA PNGs); nil
    /// when the file is one it hands to libpng.
    public static func decodeFastPath(_ bytes: [UInt8], limits: DecodeLimits = .standard) -> DecodedImage? {
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: UInt32 = 0
        var height: UInt32 = 0
        var info = cpng_info()
        let status = bytes.withUnsafeBufferPointer { input in
            cpng_fast_decode_rgba(
                input.baseAddress,
                input.count,
                UInt32(clamping: limits.maxWidth),
                UInt32(clamping: limits.maxHeight),
                UInt64(limits.maxPixels),
                &pixels,
                &width,
                &height,
                &info
            )
        }
        defer { cpng_free(pixels) }
        guard status == 0, let pixels else { return nil }
        return image(
            pixels,
            width: width,
            height: height,
            source: .init(mediaType: .png, colorType: Int(info.color_type), bitDepth: 8, hasAlpha: info.color_type == 6)
        )
    }

    /// Copies a C decoder's RGBA buffer (which the caller frees) into a ``DecodedImage``.
    static func image(
        _ pixels: UnsafeMutablePointer<UInt8>,
        width: UInt32,
        height: UInt32,
        source: DecodedImage.Source
    ) -> DecodedImage {
        let rgba = Array(UnsafeBufferPointer(start: pixels, count: Int(width) * Int(height) * 4))
        return DecodedImage(width: Int(width), height: Int(height), rgba: rgba, source: source)
    }

    /// Decodes a PNG with libpng alone: the reference the fast path is checked against.
    public static func decodeWithLibpng(
        _ bytes: [UInt8],
        limits: DecodeLimits = .standard
    ) throws(MediaError)
        -> DecodedImage
    {
        try referencePNG(bytes, limits: limits)
    }

    /// libpng: every PNG, and the reference the fast path is tested against.
    static func referencePNG(_ bytes: [UInt8], limits: DecodeLimits) throws(MediaError) -> DecodedImage {
        // The header's own claim, checked first so the refusal says what was claimed.
        if bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) {
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            try limits.check(width: width, height: height, format: "PNG")
        }
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: UInt32 = 0
        var height: UInt32 = 0
        var info = cpng_info()
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { input in
            message.withUnsafeMutableBufferPointer { text in
                cpng_decode_rgba(
                    input.baseAddress,
                    input.count,
                    UInt32(clamping: limits.maxWidth),
                    UInt32(clamping: limits.maxHeight),
                    UInt64(limits.maxPixels),
                    &pixels,
                    &width,
                    &height,
                    &info,
                    text.baseAddress,
                    text.count
                )
            }
        }
        defer { cpng_free(pixels) }
        let reason = String(cString: message.map { UInt8(bitPattern: $0) } + [0])
        guard status == 0, let pixels else {
            throw status == 2 || reason.contains("exceeds") || reason.contains("too large")
                ? MediaError(.tooLarge, "PNG: \(reason)")
                : MediaError(reason.contains("truncated") ? .truncated : .malformed, "PNG: \(reason)")
        }
        let hasAlpha = info.color_type == 4 || info.color_type == 6 || info.has_transparency_chunk != 0
        return image(
            pixels,
            width: width,
            height: height,
            source: .init(
                mediaType: .png,
                colorType: Int(info.color_type),
                bitDepth: Int(info.bit_depth),
                hasAlpha: hasAlpha
            )
        )
    }

    static func decodeJPEG(_ bytes: [UInt8], limits: DecodeLimits) throws(MediaError) -> DecodedImage {
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: UInt32 = 0
        var height: UInt32 = 0
        var components: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { input in
            message.withUnsafeMutableBufferPointer { text in
                cjpeg_decode_rgba(
                    input.baseAddress,
                    input.count,
                    UInt32(clamping: limits.maxWidth),
                    UInt32(clamping: limits.maxHeight),
                    UInt64(limits.maxPixels),
                    UInt64(limits.maxPixels) * 8,
                    &pixels,
                    &width,
                    &height,
                    &components,
                    text.baseAddress,
                    text.count
                )
            }
        }
        defer { cjpeg_free(pixels) }
        let reason = String(cString: message.map { UInt8(bitPattern: $0) } + [0])
        guard status == 0, let pixels else {
            throw status == 2
                ? MediaError(.tooLarge, "JPEG: \(reason)")
                : MediaError(status == 3 ? .truncated : .malformed, "JPEG: \(reason)")
        }
        return image(
            pixels,
            width: width,
            height: height,
            source: .init(mediaType: .jpeg, colorType: Int(components), bitDepth: 8, hasAlpha: false)
        )
    }
}
