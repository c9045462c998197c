/*
 * hash.h -- SHA-256, the only use of OpenSSL's libcrypto in wisgov.
 */
#ifndef GOV_COMMON_HASH_H
#define GOV_COMMON_HASH_H

#include <stddef.h>

#define GOV_SHA256_LEN 32
#define GOV_SHA256_HEX (2 * GOV_SHA256_LEN + 1)

struct gov_sha256;

/* Incremental hashing; gov_sha256_new never returns NULL (aborts on OOM). */
struct gov_sha256 *gov_sha256_new(void);
void gov_sha256_update(struct gov_sha256 *h, const void *data, size_t len);
/* Write the digest and free h. */
void gov_sha256_final(struct gov_sha256 *h, unsigned char out[GOV_SHA256_LEN]);

/* One-shot digest of data, as bytes or as lower-case hex. */
void gov_sha256(const void *data, size_t len, unsigned char out[GOV_SHA256_LEN]);
void gov_sha256_hex(const void *data, size_t len, char out[GOV_SHA256_HEX]);
void gov_hex(const unsigned char *bytes, size_t len, char *out);

#endif
