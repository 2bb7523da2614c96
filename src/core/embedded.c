/* embedded.c - finds a file compiled into the binary by name. */
#include "embedded.h"

#include <string.h>

const EmbeddedFile *embedded_find(const EmbeddedFile *table, const char *name)
{
    for (const EmbeddedFile *f = table; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}
