import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// libwebp's decoder, found at run time: the machine image ships the library (libwebp7) but not
/// its headers, and a build must not need more than the image has. Two entry points are used,
/// both part of libwebp's stable simple API since 0.1: the header's dimensions, then a decode
/// into a buffer this side owns (so no libwebp allocation is ever freed here).
struct WebPLibrary: @unchecked Sendable {
    /// `int WebPGetInfo(const uint8_t* data, size_t size, int* width, int* height)`
    typealias GetInfo =
        @convention(c) (
            UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
        ) -> Int32
    /// `uint8_t* WebPDecodeRGBAInto(const uint8_t* data, size_t size, uint8_t* out, size_t out_size, int stride)`
    typealias DecodeInto =
        @convention(c) (
            UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt8>?, Int, Int32
        ) -> UnsafeMutablePointer<UInt8>?

    let getInfo: GetInfo
    let decodeInto: DecodeInto

    /// The sonames tried, newest first.
    static let names = ["libwebp.so.7", "libwebp.so.6", "libwebp.so"]

    /// The library, or nil when no libwebp is installed.
    static let shared: WebPLibrary? = {
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let info = dlsym(handle, "WebPGetInfo"), let decode = dlsym(handle, "WebPDecodeRGBAInto") else {
                dlclose(handle)
                continue
            }
            // The handle stays open for the life of the process: the functions live in it.
            return WebPLibrary(
                getInfo: unsafeBitCast(info, to: GetInfo.self),
                decodeInto: unsafeBitCast(decode, to: DecodeInto.self)
            )
        }
        return nil
    }()
}
