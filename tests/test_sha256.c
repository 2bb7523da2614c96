/* test_sha256.c - SHA-256 against the FIPS 180-2 example vectors and the
 * NIST long-message vector, fed in every kind of chunking. */
#include "test.h"

#include "core/sha256.h"

#include <stdlib.h>
#include <string.h>

static void hex_of(const void *data, size_t size, char hex[SHA256_HEX_SIZE])
{
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(data, size, d);
    sha256_to_hex(d, hex);
}

static void test_known_vectors(void)
{
    static const struct {
        const char *msg, *hex;
    } v[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
        {"The quick brown fox jumps over the lazy dog",
         "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char hex[SHA256_HEX_SIZE];
        hex_of(v[i].msg, strlen(v[i].msg), hex);
        CHECKF(strcmp(hex, v[i].hex) == 0, "\"%s\": %s", v[i].msg, hex);
    }
}

/* One million 'a' (NIST), fed in odd-sized pieces that straddle block edges. */
static void test_million_a_in_pieces(void)
{
    char chunk[997];
    memset(chunk, 'a', sizeof chunk);
    Sha256 ctx;
    sha256_init(&ctx);
    size_t left = 1000000;
    size_t sizes[] = {1, 63, 64, 65, 997, 0, 55, 56};
    for (size_t i = 0; left > 0; i++) {
        size_t n = sizes[i % 8];
        if (n > left)
            n = left;
        sha256_update(&ctx, chunk, n);
        left -= n;
    }
    uint8_t d[SHA256_DIGEST_SIZE];
    char hex[SHA256_HEX_SIZE];
    sha256_final(&ctx, d);
    sha256_to_hex(d, hex);
    CHECKF(strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") == 0, "%s", hex);
}

/* The padding branches (length 55, 56, 63, 64, ...) must agree whether the
 * message arrives whole or one byte at a time; a wrong split shows here. */
static void test_chunking_never_changes_the_digest(void)
{
    uint8_t msg[200];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 37 + 11);
    for (size_t len = 0; len <= sizeof msg; len++) {
        uint8_t whole[SHA256_DIGEST_SIZE], bytewise[SHA256_DIGEST_SIZE];
        sha256_digest(msg, len, whole);
        Sha256 ctx;
        sha256_init(&ctx);
        for (size_t i = 0; i < len; i++)
            sha256_update(&ctx, msg + i, 1);
        sha256_final(&ctx, bytewise);
        CHECKF(memcmp(whole, bytewise, sizeof whole) == 0, "length %zu", len);
    }
    /* and different lengths really give different digests */
    uint8_t a[SHA256_DIGEST_SIZE], b[SHA256_DIGEST_SIZE];
    sha256_digest(msg, 55, a);
    sha256_digest(msg, 56, b);
    CHECK(memcmp(a, b, sizeof a) != 0);
}

int main(void)
{
    TEST_RUN(test_known_vectors);
    TEST_RUN(test_million_a_in_pieces);
    TEST_RUN(test_chunking_never_changes_the_digest);
    return TEST_SUMMARY();
}
