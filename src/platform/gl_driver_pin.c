/* gl_driver_pin.c - keep the GL driver loaded until exit in sanitizer builds.
 *
 * Mesa (libEGL_mesa, swrast_dri.so) keeps a few allocations until the process
 * ends, and libglvnd unloads those modules when the context goes. LeakSanitizer
 * then sees frames from an unloaded module ("<unknown module>") that no
 * suppression can name. Marking every module loaded once the GL context exists
 * RTLD_NODELETE keeps them mapped, so their frames are named and the
 * suppressions in tests/lsan.supp apply. Release builds do nothing here.
 */
#define _GNU_SOURCE
#include "platform.h"

#include <stddef.h>

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

static int pin_module(struct dl_phdr_info *info, size_t size, void *unused)
{
    (void)size, (void)unused;
    if (info->dlpi_name && info->dlpi_name[0] == '/')
        dlopen(info->dlpi_name, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE); /* handle kept on purpose */
    return 0;
}

void platform_pin_gl_driver(void)
{
    dl_iterate_phdr(pin_module, NULL);
}
#else
void platform_pin_gl_driver(void) {}
#endif
