/* platform.h - the SDL2 side of the app: window, GL context, events, timing,
 * scripted replay, screenshots and frame statistics (docs/app.md).
 * The only module that includes SDL. */
#ifndef SMP_PLATFORM_H
#define SMP_PLATFORM_H

/* Runs `smpview [PHOTO|PLAN] [--size WxH] [--replay SCRIPT] [--screenshot OUT.png]
 * [--stats] [--state-dir DIR]`; returns the process exit status. */
int platform_run(int argc, char **argv);

/* In sanitizer builds, keeps the loaded GL driver mapped until exit so that
 * LeakSanitizer can name its frames (see gl_driver_pin.c); no-op otherwise. */
void platform_pin_gl_driver(void);

#endif
