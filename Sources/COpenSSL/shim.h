#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

/* Pin the API to OpenSSL 3.0 and hide what 3.0 deprecated, so the Swift side
 * sees only the EVP interfaces. Must come before every OpenSSL include. */
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1

#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/ts.h>

#if OPENSSL_VERSION_NUMBER < 0x30000000L
#error "COpenSSL needs OpenSSL 3.0 or later (Debian: libssl-dev)"
#endif

/* Function-like macros do not import into Swift: re-expose the few we use. */

static inline void copenssl_free(void *p) { OPENSSL_free(p); }

static inline long copenssl_BIO_get_mem_data(BIO *b, char **pp) {
    return BIO_get_mem_data(b, pp);
}

#endif /* COPENSSL_SHIM_H */
