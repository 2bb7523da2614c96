/* jpeg_encoder.c - an export's JPEG, encoded in encode_worker.js off the page's
 * thread: stb_image_write, as image_write_web.c encodes it on the page (the same
 * bytes), in a wasm module of its own (make web: jpeg_encoder.js). The browser's
 * canvas encoder is not used: it subsamples chroma (4:2:0) below quality 1.0,
 * where the desktop keeps it whole (4:4:4) for the dots' colour. */
#include "../byte_sink.h"

#include <emscripten.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function"
#include <stb_image_write.h>
#pragma clang diagnostic pop

/* The JPEG of width x height RGBA pixels (alpha ignored) at quality 1-100, its
 * size into *size; NULL when it could not (out of memory). Free with free(). */
EMSCRIPTEN_KEEPALIVE uint8_t *jpeg_encode(const uint8_t *rgba, int width, int height, int quality, int *size)
{
    ByteSink s = {0};
    if (!stbi_write_jpg_to_func(byte_sink_put, &s, width, height, 4, rgba, quality) || s.failed) {
        free(s.data);
        return NULL;
    }
    *size = (int)s.size;
    return s.data;
}
