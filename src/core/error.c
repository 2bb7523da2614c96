/* error.c - filling an SmpError with a readable reason. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool smp_fail(SmpError *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return false;
}

bool smp_fail_prefix(SmpError *err, const char *prefix)
{
    if (err) {
        char old[SMP_ERROR_MAX];
        memcpy(old, err->msg, sizeof old);
        size_t n = strlen(prefix);
        if (n > SMP_ERROR_MAX - 3)
            n = SMP_ERROR_MAX - 3;
        memcpy(err->msg, prefix, n);
        memcpy(err->msg + n, ": ", 2);
        size_t rest = SMP_ERROR_MAX - n - 3;
        const char *end = memchr(old, '\0', sizeof old);
        size_t old_len = end ? (size_t)(end - old) : sizeof old - 1;
        if (old_len > rest)
            old_len = rest;
        memcpy(err->msg + n + 2, old, old_len);
        err->msg[n + 2 + old_len] = '\0';
    }
    return false;
}
