/* platform.h - the SDL2 side of the app: window, GL context, events, timing,
 * scripted replay, screenshots and frame statistics (docs/app.md).
 * The only module that includes SDL. */
#ifndef SMP_PLATFORM_H
#define SMP_PLATFORM_H

/* Runs `smpview [PHOTO|PLAN] [--size WxH] [--replay SCRIPT] [--screenshot OUT.png]
 * [--stats] [--state-dir DIR]`; returns the process exit status. */
int platform_run(int argc, char **argv);

#endif
