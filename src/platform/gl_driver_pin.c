/* gl_driver_pin.c - keep the GL driver loaded until exit in sanitizer builds.
 *
 * Mesa's software driver (swrast_dri.so) keeps a few allocations until the
 * process ends, and libEGL/libGLX unload it when the context goes. LeakSanitizer
 * then sees frames from an unloaded module ("<unknown module>") that no
 * suppression can name. Marking the loaded driver RTLD_NODELETE keeps it mapped,
 * so its frames are named and the suppressions in tests/lsan.supp apply.
 * Release builds do nothing here.
 */
#define _GNU_SOURCE
#include "platform.h"

#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define SMP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SMP_ASAN 1
#endif
#endif

#if defined(SMP_ASAN) && defined(__linux__)
#include <dlfcn.h>
#include <link.h>

static int pin_if_driver(struct dl_phdr_info *info, size_t size, void *unused)
{
    (void)size, (void)unused;
    const char *name = info->dlpi_name;
    size_t n = name ? strlen(name) : 0;
    if (n > 7 && strcmp(name + n - 7, "_dri.so") == 0)
        dlopen(name, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE); /* handle kept on purpose */
    return 0;
}

void platform_pin_gl_driver(void)
{
    dl_iterate_phdr(pin_if_driver, NULL);
}
#else
void platform_pin_gl_driver(void) {}
#endif
