/* web.h - the browser platform layer (src/platform/web), the web build's
 * counterpart of platform.c: a WebGL2 canvas, the frame loop, input from the
 * DOM (html5.h) and the hooks app.js calls. */
#ifndef SMP_WEB_H
#define SMP_WEB_H

#include "../../app/app.h"

/* The canvas's size in device pixels and the CSS-to-device ratio. */
void web_canvas_size(int *w, int *h, float *ratio);
/* Registers the DOM input callbacks that feed app_event (input_web.c). */
void web_input_init(App *app);

#endif
