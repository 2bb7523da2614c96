/* imgtool.h - shared pieces of the script tests' image tool (imgcmp). */
#ifndef SMP_IMGTOOL_H
#define SMP_IMGTOOL_H

#include "io/photo.h"

#include <stdbool.h>

int imgtool_usage(void);
/* Loads with the app's loader; prints "imgcmp: reason" on failure. */
bool imgtool_load(const char *path, SmpImage *img);
/* argv[0] = "dotlayer"; see dotlayer.c. */
int imgtool_dotlayer(int argc, char **argv);

#endif
