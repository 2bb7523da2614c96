/* photo_look.h - how the camera saw the client: blur, grain and sheen of a photo.
 *
 * So that dots look photographed with the client, the renderer needs three
 * things about the photo around the treated area (a box in photo pixels):
 *  - blur: the photo's own Gaussian blur sigma in px, from the gradient ratio
 *    of its edges before and after a known re-blur (Zhuo & Sim 2011);
 *  - grain: the noise sigma of its luma in 8-bit sRGB steps, from the median
 *    of a Laplacian-like difference kernel (Immerkaer 1996, made robust to
 *    edges and skin texture by the median);
 *  - sheen: the specular part of the skin's light (dichromatic model: the
 *    low-saturation excess over the diffuse skin chromaticity), as a low
 *    resolution map (at most 1/4 byte per photo pixel) that the compositor
 *    upsamples. Pigment absorbs from the diffuse part only.
 * The estimates read a bounded number of pixels (tiles, subsampled cells), so
 * their cost does not grow with the megapixels. Pure functions of the pixels:
 * same photo + box = same figures. Nothing here keeps state.
 */
#ifndef SMP_PHOTO_LOOK_H
#define SMP_PHOTO_LOOK_H

#include "dots.h"
#include "image.h"

/* A box in photo pixels, [x0, x1) x [y0, y1); clipped to the photo. */
typedef struct PhotoBox {
    int x0, y0, x1, y1;
} PhotoBox;

typedef struct PhotoLook {
    float blur_px;     /* Gaussian sigma of the photo's own blur, px (0: none or unknown) */
    float blur_var;    /* its signed variance, px^2: negative where the camera sharpened
                        * edges beyond a plain blur (a blur of s then reads s^2 + blur_var) */
    float grain_sigma; /* luma noise sigma, 8-bit sRGB steps */
} PhotoLook;

/* The photo's specular sheen in linear light, achromatic, sampled at cell
 * centres: map pixel (i, j) covers photo pixels [x0 + i cell, x0 + (i+1) cell)
 * x [y0 + j cell, ...). Values are sheen x 255. Free with photo_look_sheen_free. */
typedef struct SheenMap {
    int x0, y0, width, height, cell;
    uint8_t *values;
} SheenMap;

/* The pixels the dots can reach (their centres, grown by the largest dot),
 * clipped to a w x h photo: the treated area the estimates look around. */
PhotoBox photo_look_box_of_dots(const DotList *dots, double px_per_mm, int w, int h);

/* Blur and grain around box (grown by a margin: "in and around"). Never
 * fails: a box with no usable edges gives blur_px 0, a flat one grain 0. */
void photo_look_estimate(const SmpImage *photo, PhotoBox box, PhotoLook *out);

/* Sheen map over box. A box outside the photo gives an empty map (width 0). */
bool photo_look_sheen(const SmpImage *photo, PhotoBox box, SheenMap *out, SmpError *err);
void photo_look_sheen_free(SheenMap *map);

/* Bilinear sheen (linear light, 0..1) at photo pixel centre (x, y); 0 outside. */
float photo_look_sheen_at(const SheenMap *map, int x, int y);
/* The same for pixels x0..x1 (inclusive) of row y, times scale, into out[0..x1-x0]:
 * the compositor's per-row upsampling. False (out untouched) when the span
 * has no sheen at all, which is most rows of most photos. */
bool photo_look_sheen_span(const SheenMap *map, int y, int x0, int x1, float scale, float *out);

#endif
