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
#include <openssl/rsa.h>

#if OPENSSL_VERSION_NUMBER < 0x30000000L
#error "COpenSSL needs OpenSSL 3.0 or later (Debian: libssl-dev)"
#endif

/* Function-like macros do not import into Swift: re-expose the few we use. */

static inline void copenssl_free(void *p) { OPENSSL_free(p); }

static inline long copenssl_BIO_get_mem_data(BIO *b, char **pp) {
    return BIO_get_mem_data(b, pp);
}

/* The extended key usages of a certificate as dotted OIDs, each followed by a newline, in
 * `buffer`: returns how many, -1 when the certificate has no EKU, -2 when they do not fit. */
static inline int copenssl_eku_oids(X509 *cert, char *buffer, int size) {
    EXTENDED_KEY_USAGE *usages = X509_get_ext_d2i(cert, NID_ext_key_usage, NULL, NULL);
    if (usages == NULL) return -1;
    int count = sk_ASN1_OBJECT_num(usages);
    int used = 0;
    for (int index = 0; index < count; index++) {
        int length = OBJ_obj2txt(buffer + used, size - used, sk_ASN1_OBJECT_value(usages, index), 1);
        if (length <= 0 || used + length + 1 >= size) { count = -2; break; }
        used += length;
        buffer[used++] = '\n';
        buffer[used] = 0;
    }
    EXTENDED_KEY_USAGE_free(usages);
    return count;
}

/* RFC 2253 name printing that keeps UTF-8 as UTF-8. */
static inline unsigned long copenssl_name_flags(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }

/* Typed stack helpers (the sk_X509_* macros do not import). */
static inline STACK_OF(X509) *copenssl_x509_stack_new(void) { return sk_X509_new_null(); }
static inline int copenssl_x509_stack_push(STACK_OF(X509) *stack, X509 *cert) { return sk_X509_push(stack, cert); }
static inline void copenssl_x509_stack_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }
static inline int copenssl_x509_stack_count(STACK_OF(X509) *stack) { return sk_X509_num(stack); }
static inline X509 *copenssl_x509_stack_get(STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }

#endif /* COPENSSL_SHIM_H */
