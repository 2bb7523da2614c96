/* sha256.h - SHA-256 (FIPS 180-4), for content hashes of photos.
 *
 * Pure C11, no allocation, no system libraries. Feed any number of
 * sha256_update calls between sha256_init and sha256_final; the context holds
 * everything, so separate contexts are safe on separate threads. Not meant for
 * secrets (no constant-time guarantees are needed to notice a swapped photo).
 */
#ifndef SMP_SHA256_H
#define SMP_SHA256_H

#include <stddef.h>
#include <stdint.h>

enum { SHA256_DIGEST_SIZE = 32, SHA256_HEX_SIZE = 65 };

typedef struct Sha256 {
    uint32_t state[8];
    uint64_t total_bytes;
    uint8_t block[64];
    size_t block_len;
} Sha256;

void sha256_init(Sha256 *ctx);
void sha256_update(Sha256 *ctx, const void *data, size_t size);
void sha256_final(Sha256 *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);

/* One call for a buffer in memory. */
void sha256_digest(const void *data, size_t size, uint8_t digest[SHA256_DIGEST_SIZE]);

/* Lowercase hex, NUL-terminated (64 digits + NUL). */
void sha256_to_hex(const uint8_t digest[SHA256_DIGEST_SIZE], char hex[SHA256_HEX_SIZE]);

#endif
