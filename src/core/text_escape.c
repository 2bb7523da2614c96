/* text_escape.c - one escaper for control characters in printed messages,
 * shared by the CLI and the app so neither can forget a case. */
#include "text_escape.h"

#include <stdbool.h>
#include <stdio.h>

static size_t escape_put(char *out, size_t size, size_t pos, unsigned char c)
{
    if (pos + 4 >= size)
        return 0;
    snprintf(out + pos, 5, "\\x%02x", c);
    return 4;
}

char *smp_escape_controls(const char *in, char *out, size_t size)
{
    if (size == 0)
        return out;
    size_t pos = 0;
    const unsigned char *s = (const unsigned char *)(in ? in : "");
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = s[i];
        bool c1 = c == 0xC2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F;
        if (c < 0x20 || c == 0x7F || c1) {
            size_t n = escape_put(out, size, pos, c);
            if (n && c1)
                n += escape_put(out, size, pos + n, s[++i]);
            if (!n || (c1 && n < 8))
                break;
            pos += n;
            continue;
        }
        if (pos + 1 >= size)
            break;
        out[pos++] = (char)c;
    }
    out[pos] = '\0';
    return out;
}
