/* png_message.h - libpng's error and warning callbacks, shared by the PNG
 * reader (photo_png.c) and writer (image_write.c).
 *
 * The error pointer handed to png_create_*_struct is a char[PNG_MESSAGE_MAX]
 * buffer: an error copies libpng's message there and longjmps back to the
 * caller's setjmp; warnings are dropped (our own checks say what matters).
 */
#ifndef SMP_PNG_MESSAGE_H
#define SMP_PNG_MESSAGE_H

#include <png.h>

enum { PNG_MESSAGE_MAX = 200 };

void png_message_on_error(png_structp png, png_const_charp msg);
void png_message_on_warning(png_structp png, png_const_charp msg);

#endif
