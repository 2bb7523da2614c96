/* stb_truetype_web.c - the web build's copy of stb_truetype (the desktop links
 * Debian's libstb): the UI font and the export label are rasterised with it. */
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function"
#pragma clang diagnostic ignored "-Wshadow"
#pragma clang diagnostic ignored "-Wsign-compare"
#endif
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
