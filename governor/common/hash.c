/*
 * hash.c -- SHA-256 through libcrypto's EVP interface.
 */
#include "config.h"

#include <stdlib.h>

#include <openssl/evp.h>

#include "common/hash.h"

struct gov_sha256 {
	EVP_MD_CTX *ctx;
};

struct gov_sha256 *
gov_sha256_new(void)
{
	struct gov_sha256 *h = malloc(sizeof(*h));

	if (h == NULL || (h->ctx = EVP_MD_CTX_new()) == NULL ||
		EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1)
		abort();
	return h;
}

void
gov_sha256_update(struct gov_sha256 *h, const void *data, size_t len)
{
	if (len > 0 && EVP_DigestUpdate(h->ctx, data, len) != 1)
		abort();
}

void
gov_sha256_final(struct gov_sha256 *h, unsigned char out[GOV_SHA256_LEN])
{
	unsigned int n = 0;

	if (EVP_DigestFinal_ex(h->ctx, out, &n) != 1 || n != GOV_SHA256_LEN)
		abort();
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

void
gov_sha256(const void *data, size_t len, unsigned char out[GOV_SHA256_LEN])
{
	struct gov_sha256 *h = gov_sha256_new();

	gov_sha256_update(h, data, len);
	gov_sha256_final(h, out);
}

void
gov_hex(const unsigned char *bytes, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * len] = '\0';
}

void
gov_sha256_hex(const void *data, size_t len, char out[GOV_SHA256_HEX])
{
	unsigned char d[GOV_SHA256_LEN];

	gov_sha256(data, len, d);
	gov_hex(d, sizeof(d), out);
}
