/* compose_layout.c - the after / split / side export layouts, each half labelled. */
#include "compose_layout.h"

#include "label.h"
#include "raster.h"

#include <string.h>

bool compose_parse_layout(const char *name, ComposeLayout *out, SmpError *err)
{
    static const struct {
        const char *name;
        ComposeLayout layout;
    } names[] = {{"after", LAYOUT_AFTER}, {"split", LAYOUT_SPLIT}, {"side", LAYOUT_SIDE}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (name && strcmp(name, names[i].name) == 0) {
            *out = names[i].layout;
            return true;
        }
    }
    return smp_fail(err, "--layout %s: expected after, split or side", name ? name : "(none)");
}

/* Draws text at the bottom-right of the columns [x0, x0 + w) of img: label_draw
 * works on whole images, so the strip is copied out, labelled and copied back. */
static bool label_columns(SmpImage *img, int x0, int w, const char *text, SmpError *err)
{
    SmpImage strip;
    if (!image_alloc(w, img->height, &strip, err))
        return false;
    for (int y = 0; y < img->height; y++)
        memcpy(image_pixel(&strip, 0, y), image_pixel(img, x0, y), (size_t)w * 4);
    bool ok = label_draw(&strip, text, err);
    for (int y = 0; ok && y < img->height; y++)
        memcpy(image_pixel(img, x0, y), image_pixel(&strip, 0, y), (size_t)w * 4);
    image_free(&strip);
    return ok;
}

bool compose_layout(const SmpImage *before, const SmpImage *after, ComposeLayout layout, SmpImage *out,
                    SmpError *err)
{
    if (before->width != after->width || before->height != after->height)
        return smp_fail(err, "before %dx%d and after %dx%d differ in size", before->width, before->height,
                        after->width, after->height);
    if (layout == LAYOUT_AFTER)
        return image_copy(after, out, err);
    CompareMode mode = layout == LAYOUT_SIDE ? COMPARE_SIDE : COMPARE_SPLIT;
    int half = before->width / 2;
    if (!raster_compare(before, after, mode, half, out, err))
        return false;
    int left_w = layout == LAYOUT_SIDE ? before->width : half;
    bool ok = label_columns(out, 0, left_w, "BEFORE", err) &&
              label_columns(out, left_w, out->width - left_w, "AFTER", err);
    if (!ok)
        image_free(out);
    return ok;
}
