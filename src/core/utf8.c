/* UTF-8 decoding (utf8.h). */
#include "utf8.h"

#include <stdbool.h>

uint32_t utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    int n = p[0] < 0x80 ? 0 : p[0] >= 0xF0 && p[0] < 0xF5 ? 3 : p[0] >= 0xE0 ? 2 : p[0] >= 0xC2 && p[0] < 0xE0 ? 1 : -1;
    uint32_t cp = n == 0 ? p[0] : n == 1 ? p[0] & 0x1F : n == 2 ? p[0] & 0x0F : p[0] & 0x07;
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s += i;
            return 0xFFFD;
        }
        cp = cp << 6 | (p[i] & 0x3F);
    }
    *s += n < 0 ? 1 : n + 1;
    bool overlong = (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000);
    return n < 0 || overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000) ? 0xFFFD : cp;
}
