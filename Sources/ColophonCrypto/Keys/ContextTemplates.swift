internal import COpenSSL
import Synchronization

/// Initialised signing and verifying contexts of one key, copied for each operation.
///
/// Initialising a context makes OpenSSL 3 look the algorithm up by name, under a read-write
/// lock that two cores verifying at once fight over; copying an initialised context does not.
/// The templates are never used directly, only copied, so concurrent operations never share
/// a context (openssl-threads(7)). Contexts are held as addresses, the one form of a C
/// pointer that may cross the lock.
final class ContextTemplates: Sendable {
    private let templates = Mutex<[String: Int]>([:])

    deinit {
        templates.withLock { templates in
            for address in templates.values {
                EVP_MD_CTX_free(OpaquePointer(bitPattern: address))
            }
        }
    }

    /// A fresh context for `verify` (else sign) with `digest`, copied from the template,
    /// which is made on first use. The caller frees it.
    func context(for key: OpaquePointer, verify: Bool, digest: String?) -> OpaquePointer? {
        let name = (verify ? "verify:" : "sign:") + (digest ?? "")
        let keyAddress = Int(bitPattern: key)
        let copy = templates.withLock { templates -> Int? in
            var address = templates[name]
            if address == nil {
                guard let made = EVP_MD_CTX_new() else { return nil }
                let key = OpaquePointer(bitPattern: keyAddress)
                let status =
                    verify
                    ? EVP_DigestVerifyInit_ex(made, nil, digest, nil, nil, key, nil)
                    : EVP_DigestSignInit_ex(made, nil, digest, nil, nil, key, nil)
                guard status == 1 else {
                    EVP_MD_CTX_free(made)
                    return nil
                }
                address = Int(bitPattern: made)
                templates[name] = address
            }
            guard let address, let fresh = EVP_MD_CTX_new() else { return nil }
            guard EVP_MD_CTX_copy_ex(fresh, OpaquePointer(bitPattern: address)) == 1 else {
                EVP_MD_CTX_free(fresh)
                return nil
            }
            return Int(bitPattern: fresh)
        }
        return copy.flatMap { OpaquePointer(bitPattern: $0) }
    }
}
