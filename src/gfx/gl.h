/* gl.h - the one place OpenGL comes from. Desktop: libepoxy (Debian
 * libepoxy-dev) resolves GL 3.3 core entry points; a WebGL2 build includes
 * <GLES3/gl3.h> instead and swaps the shaders' "#version 330 core" line for
 * "#version 300 es" (see gfx_shader_source in gfx.c). */
#ifndef SMP_GL_H
#define SMP_GL_H

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#define SMP_GLSL_VERSION "#version 300 es"
#else
#include <epoxy/gl.h>
#define SMP_GLSL_VERSION "#version 330 core"
#endif

#endif
