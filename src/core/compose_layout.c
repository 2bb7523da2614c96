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
    } names[] = {{"after", LAYOUT_AFTER}, {"split", LAYOUT_SPLIT}, {"side", LAYOUT_SIDE}, {"sheet", LAYOUT_SHEET},
                 {"views", LAYOUT_VIEWS}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (name && strcmp(name, names[i].name) == 0) {
            *out = names[i].layout;
            return true;
        }
    }
    return smp_fail(err, "--layout %s: expected after, split, side, sheet or views", name ? name : "(none)");
}

/* Draws text at the top-left of the columns [x0, x0 + w) of img: label_draw_at
 * works on whole images, so the strip is copied out, labelled and copied back. */
static bool label_columns(SmpImage *img, int x0, int w, const char *text, SmpError *err)
{
    SmpImage strip;
    if (!image_alloc(w, img->height, &strip, err))
        return false;
    for (int y = 0; y < img->height; y++)
        memcpy(image_pixel(&strip, 0, y), image_pixel(img, x0, y), (size_t)w * 4);
    bool ok = label_draw_at(&strip, text, LABEL_TOP_LEFT, err);
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
    if (layout == LAYOUT_AFTER || layout == LAYOUT_SHEET)
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

/* The mean of each f x f block of src into out (w x h). */
static void shrink_box(const SmpImage *src, int f, SmpImage *out)
{
    for (int y = 0; y < out->height; y++)
        for (int x = 0; x < out->width; x++) {
            unsigned sum[4] = {0};
            for (int j = 0; j < f; j++)
                for (int i = 0; i < f; i++) {
                    const uint8_t *p = image_pixel(src, x * f + i, y * f + j);
                    for (int c = 0; c < 4; c++)
                        sum[c] += p[c];
                }
            uint8_t *o = image_pixel(out, x, y);
            for (int c = 0; c < 4; c++)
                o[c] = (uint8_t)((sum[c] + (unsigned)(f * f) / 2) / (unsigned)(f * f));
        }
}

bool compose_shrink(const SmpImage *src, int max_w, SmpImage *out, SmpError *err)
{
    int f = max_w > 0 ? (src->width + max_w - 1) / max_w : 1;
    f = f < 1 ? 1 : f;
    if (!image_alloc(src->width / f > 0 ? src->width / f : 1, src->height / f > 0 ? src->height / f : 1, out, err))
        return false;
    if (src->width < f || src->height < f)
        memset(out->pixels, 255, (size_t)out->width * out->height * 4);
    else
        shrink_box(src, f, out);
    return true;
}

bool compose_sheet(const SmpImage *cells, const char *const *captions, int count, int cols, SmpImage *out,
                   SmpError *err)
{
    if (count < 1 || cols < 1 || !cells[0].pixels)
        return smp_fail(err, "a contact sheet needs at least one picture");
    int w = cells[0].width, h = cells[0].height, gap = w / 40 + 2, rows = (count + cols - 1) / cols;
    if (!image_create(cols * w + (cols + 1) * gap, rows * h + (rows + 1) * gap, out, err))
        return false;
    memset(out->pixels, 255, (size_t)out->width * out->height * 4);
    SmpImage cell;
    if (!image_alloc(w, h, &cell, err)) {
        image_free(out);
        return false;
    }
    bool ok = true;
    for (int k = 0; ok && k < count; k++) {
        if (!cells[k].pixels || cells[k].width != w || cells[k].height != h)
            continue;
        memcpy(cell.pixels, cells[k].pixels, (size_t)w * h * 4);
        ok = label_draw_at(&cell, captions[k], LABEL_TOP_LEFT, err);
        int ox = gap + (k % cols) * (w + gap), oy = gap + (k / cols) * (h + gap);
        for (int y = 0; ok && y < h; y++)
            memcpy(image_pixel(out, ox, oy + y), image_pixel(&cell, 0, y), (size_t)w * 4);
    }
    image_free(&cell);
    if (!ok)
        image_free(out);
    return ok;
}

void compose_place_logo(SmpImage *img, const SmpImage *logo)
{
    if (!logo || !logo->pixels || logo->width < 1 || logo->height < 1)
        return;
    int fx = (logo->width + img->width / 5 - 1) / (img->width / 5 > 0 ? img->width / 5 : 1);
    int fy = (logo->height + img->height / 8 - 1) / (img->height / 8 > 0 ? img->height / 8 : 1);
    int f = fx > fy ? fx : fy;
    f = f < 1 ? 1 : f;
    int w = logo->width / f, h = logo->height / f, margin = img->height / 50 + 2;
    int ox = margin, oy = img->height - margin - h;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            if (ox + x >= img->width || oy + y < 0)
                continue;
            unsigned sum[4] = {0};
            for (int j = 0; j < f; j++)
                for (int i = 0; i < f; i++) {
                    const uint8_t *p = image_pixel(logo, x * f + i, y * f + j);
                    for (int c = 0; c < 3; c++)
                        sum[c] += p[c] * p[3];
                    sum[3] += p[3];
                }
            uint8_t *o = image_pixel(img, ox + x, oy + y);
            for (int c = 0; sum[3] && c < 3; c++) /* premultiplied mean over the block */
                o[c] = (uint8_t)((sum[c] + o[c] * ((unsigned)(255 * f * f) - sum[3]) + (unsigned)(255 * f * f) / 2) /
                                 (unsigned)(255 * f * f));
        }
}
