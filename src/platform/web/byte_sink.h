/* byte_sink.h - a growing buffer for stb_image_write's callback: the web
 * build's encodings, on the page (image_write_web.c) and in the export's
 * worker (worker/jpeg_encoder.c). */
#ifndef SMP_BYTE_SINK_H
#define SMP_BYTE_SINK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct ByteSink {
    uint8_t *data;
    size_t size, cap;
    bool failed; /* out of memory: what came after is lost */
} ByteSink;

static inline void byte_sink_put(void *ctx, void *bytes, int n)
{
    ByteSink *s = ctx;
    if (s->failed || n <= 0)
        return;
    if (s->size + (size_t)n > s->cap) {
        size_t cap = (s->cap ? s->cap * 2 : 1 << 16) + (size_t)n;
        uint8_t *d = realloc(s->data, cap);
        if (!d) {
            s->failed = true;
            return;
        }
        s->data = d, s->cap = cap;
    }
    memcpy(s->data + s->size, bytes, (size_t)n);
    s->size += (size_t)n;
}

#endif
