/* png_message.c - libpng's error and warning callbacks, one copy for the PNG
 * reader and writer (see png_message.h). */
#include "png_message.h"

#include <stdio.h>

void png_message_on_error(png_structp png, png_const_charp msg)
{
    char *message = png_get_error_ptr(png);
    snprintf(message, PNG_MESSAGE_MAX, "%s", msg ? msg : "unknown error");
    png_longjmp(png, 1);
}

void png_message_on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}
