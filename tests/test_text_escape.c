/* test_text_escape.c - control characters in printed paths come out escaped,
 * printable text (UTF-8 included) comes out as it went in. */
#include "core/text_escape.h"
#include "core/utf8.h"
#include "test.h"

#include <string.h>

static void test_escapes_controls(void)
{
    char out[128];
    CHECK(strcmp(smp_escape_controls("a\033[2Jb", out, sizeof out), "a\\x1b[2Jb") == 0);
    CHECK(strcmp(smp_escape_controls("x\ny\r\t\x7f", out, sizeof out), "x\\x0ay\\x0d\\x09\\x7f") == 0);
    /* C1 controls as UTF-8 (CSI is U+009B) */
    CHECK(strcmp(smp_escape_controls("p\xc2\x9b" "2J", out, sizeof out), "p\\xc2\\x9b2J") == 0);
    /* controls: printable text, accents and U+00A0 (0xC2 0xA0) unchanged */
    CHECK(strcmp(smp_escape_controls("Zoë/photo 1.jpg", out, sizeof out), "Zoë/photo 1.jpg") == 0);
    CHECK(strcmp(smp_escape_controls("a\xc2\xa0" "b", out, sizeof out), "a\xc2\xa0" "b") == 0);
    CHECK(strcmp(smp_escape_controls(NULL, out, sizeof out), "") == 0);
}

/* A short buffer cuts between escapes, never inside one, and stays terminated. */
static void test_truncates_whole_escapes(void)
{
    char out[8];
    CHECK(strcmp(smp_escape_controls("ab\033cd", out, sizeof out), "ab\\x1bc") == 0);
    char tiny[4]; /* "\\x1b" needs 5 bytes with its NUL */
    CHECK(strcmp(smp_escape_controls("\033", tiny, sizeof tiny), "") == 0);
    char c1[8];
    CHECK(strcmp(smp_escape_controls("\xc2\x9b", c1, sizeof c1), "") == 0); /* needs 8 + NUL */
    char c1ok[9];
    CHECK(strcmp(smp_escape_controls("\xc2\x9b", c1ok, sizeof c1ok), "\\xc2\\x9b") == 0);
}

/* utf8_next: code points of 1 to 4 bytes; broken, overlong and surrogate
 * sequences read as U+FFFD, advancing at least a byte. */
static void test_utf8_next(void)
{
    const char *s = "a\xC3\xAD\xE2\x82\xAC\xF0\x9F\x98\x80";
    CHECK(utf8_next(&s) == 'a' && utf8_next(&s) == 0xED && utf8_next(&s) == 0x20AC && utf8_next(&s) == 0x1F600);
    CHECK(*s == 0);
    const char *bad[] = {"\xFF", "\xC3(", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *b = bad[i];
        CHECKF(utf8_next(&b) == 0xFFFD && b > bad[i], "case %zu", i);
    }
}

int main(void)
{
    TEST_RUN(test_escapes_controls);
    TEST_RUN(test_truncates_whole_escapes);
    TEST_RUN(test_utf8_next);
    return TEST_SUMMARY();
}
