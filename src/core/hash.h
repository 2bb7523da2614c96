/* hash.h - integer hashing for per-dot randomness.
 *
 * Pure functions of their inputs: the same index and seed give the same value on
 * every machine and thread, which is what makes renders reproducible.
 */
#ifndef SMP_HASH_H
#define SMP_HASH_H

#include <stdint.h>

/* A well-mixed 64-bit hash (splitmix64 finaliser). */
static inline uint64_t hash_u64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static inline uint64_t hash_combine(uint64_t a, uint64_t b)
{
    return hash_u64(a ^ hash_u64(b));
}

/* Uniform in [0, 1) from the top 24 bits, exact in a float. */
static inline float hash_unit(uint64_t h)
{
    return (float)(h >> 40) * (1.0f / 16777216.0f);
}

/* The k-th independent uniform value for (key): k selects a "channel" so a dot's
 * size, shade and angle never correlate. */
static inline float hash_channel(uint64_t key, uint32_t k)
{
    return hash_unit(hash_combine(key, 0xA0761D6478BD642Full * (k + 1)));
}

#endif
