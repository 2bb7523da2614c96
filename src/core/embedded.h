/* embedded.h - files compiled into the binary by tools/embed.c (the UI/label
 * font from Debian's fonts-dejavu-core, and the GLSL shaders). */
#ifndef SMP_EMBEDDED_H
#define SMP_EMBEDDED_H

#include <stddef.h>

typedef struct EmbeddedFile {
    const char *name;
    const unsigned char *data; /* followed by a 0 byte */
    size_t size;
} EmbeddedFile;

extern const EmbeddedFile font_data_files[]; /* [0] = DejaVuSans.ttf */
extern const EmbeddedFile shaders_files[];   /* terminated by {NULL} */

/* The file called name in table, or NULL. */
const EmbeddedFile *embedded_find(const EmbeddedFile *table, const char *name);

#endif
