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
        snprintf(err->msg, sizeof err->msg, "%s: %s", prefix, old);
    }
    return false;
}
