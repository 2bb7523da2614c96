/* photo_icc.c - embedded colour profiles to sRGB through lcms2.
 *
 * iPhones tag photos Display P3, cameras Adobe RGB; shown as if sRGB, skin goes
 * too saturated or too dull, and pigment shades are judged against skin. So a
 * profile that opens and matches the pixels is honoured, relative colorimetric
 * (what browsers use for photos), with black-point compensation so shadows keep
 * detail. A profile that is broken or does not match is ignored and the pixels
 * are taken as sRGB: a colour profile must never stop a photo from opening.
 *
 * Each transform has its own lcms2 context with a silent error handler, so no
 * global lcms2 state is touched and library complaints never reach stderr.
 */
#include "photo_internal.h"

#include <lcms2.h>
#include <stdlib.h>
#include <string.h>

struct IccTransform {
    cmsContext ctx;
    cmsHTRANSFORM xform;
    IccPixels kind;
    int width;
    uint8_t *scratch; /* a copy of the source row: lcms2 output may not alias its input when formats differ */
};

static void icc_quiet(cmsContext ctx, cmsUInt32Number code, const char *text)
{
    (void)ctx;
    (void)code;
    (void)text;
}

/* Gray expanded to RGBA is read as one gray channel followed by three bytes
 * lcms2 skips (G, B, A). */
#define ICC_TYPE_GRAY_IN_RGBA (COLORSPACE_SH(PT_GRAY) | CHANNELS_SH(1) | BYTES_SH(1) | EXTRA_SH(3))

static cmsUInt32Number icc_input_format(IccPixels kind)
{
    switch (kind) {
    case ICC_PIXELS_GRAY_IN_RGBA: return ICC_TYPE_GRAY_IN_RGBA;
    case ICC_PIXELS_CMYK: return TYPE_CMYK_8;
    case ICC_PIXELS_CMYK_INVERTED: return TYPE_CMYK_8_REV;
    default: return TYPE_RGB_8 | EXTRA_SH(1);
    }
}

static cmsColorSpaceSignature icc_space_of(IccPixels kind)
{
    switch (kind) {
    case ICC_PIXELS_GRAY_IN_RGBA: return cmsSigGrayData;
    case ICC_PIXELS_CMYK:
    case ICC_PIXELS_CMYK_INVERTED: return cmsSigCmykData;
    default: return cmsSigRgbData;
    }
}

/* Profiles that describe sRGB need no work; converting would only cost time
 * (a 200 MP photo) and add rounding. Judged by the description, which every
 * common sRGB profile carries ("sRGB IEC61966-2.1", "sRGB built-in", ...). */
static bool icc_is_srgb(cmsHPROFILE p)
{
    char desc[128] = "";
    cmsGetProfileInfoASCII(p, cmsInfoDescription, "en", "US", desc, sizeof desc);
    return strncmp(desc, "sRGB", 4) == 0;
}

static bool icc_usable(cmsHPROFILE p, IccPixels kind)
{
    if (cmsGetColorSpace(p) != icc_space_of(kind))
        return false;
    cmsProfileClassSignature cls = cmsGetDeviceClass(p);
    if (cls != cmsSigInputClass && cls != cmsSigDisplayClass && cls != cmsSigOutputClass &&
        cls != cmsSigColorSpaceClass)
        return false;
    return kind == ICC_PIXELS_CMYK || kind == ICC_PIXELS_CMYK_INVERTED || !icc_is_srgb(p);
}

IccTransform *icc_transform_create(const uint8_t *profile, size_t profile_size, IccPixels kind, int width)
{
    if (!profile || profile_size < 128 || profile_size > 0xFFFFFFFFu || width <= 0)
        return NULL;
    IccTransform *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->kind = kind;
    t->width = width;
    t->ctx = cmsCreateContext(NULL, NULL);
    if (!t->ctx) {
        free(t);
        return NULL;
    }
    cmsSetLogErrorHandlerTHR(t->ctx, icc_quiet);
    cmsHPROFILE in = cmsOpenProfileFromMemTHR(t->ctx, profile, (cmsUInt32Number)profile_size);
    cmsHPROFILE srgb = cmsCreate_sRGBProfileTHR(t->ctx);
    if (in && srgb && icc_usable(in, kind))
        t->xform = cmsCreateTransformTHR(t->ctx, in, icc_input_format(kind), srgb, TYPE_RGBA_8,
                                         INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
    if (in)
        cmsCloseProfile(in);
    if (srgb)
        cmsCloseProfile(srgb);
    t->scratch = t->xform ? malloc((size_t)width * 4) : NULL;
    if (!t->scratch) {
        icc_transform_free(t);
        return NULL;
    }
    return t;
}

void icc_transform_row(IccTransform *t, const uint8_t *src, uint8_t *dst)
{
    size_t n = (size_t)t->width * 4;
    memcpy(t->scratch, src, n);
    cmsDoTransform(t->xform, t->scratch, dst, (cmsUInt32Number)t->width);
    bool has_alpha = t->kind == ICC_PIXELS_RGBA || t->kind == ICC_PIXELS_GRAY_IN_RGBA;
    for (size_t i = 3; i < n; i += 4)
        dst[i] = has_alpha ? t->scratch[i] : 255;
}

void icc_transform_free(IccTransform *t)
{
    if (!t)
        return;
    if (t->xform)
        cmsDeleteTransform(t->xform);
    if (t->ctx)
        cmsDeleteContext(t->ctx);
    free(t->scratch);
    free(t);
}

void icc_convert_image(const uint8_t *profile, size_t profile_size, IccPixels kind, SmpImage *img)
{
    IccTransform *t = icc_transform_create(profile, profile_size, kind, img->width);
    if (!t)
        return;
    for (int y = 0; y < img->height; y++) {
        uint8_t *row = img->pixels + (size_t)y * (size_t)img->width * 4;
        icc_transform_row(t, row, row);
    }
    icc_transform_free(t);
}

bool icc_profile_from_primaries(const float xy[8], uint8_t **out, size_t *out_size)
{
    *out = NULL;
    *out_size = 0;
    for (int i = 0; i < 8; i++)
        if (!(xy[i] > 0.0f && xy[i] < 1.0f)) /* also rejects NaN */
            return false;
    cmsContext ctx = cmsCreateContext(NULL, NULL);
    if (!ctx)
        return false;
    cmsSetLogErrorHandlerTHR(ctx, icc_quiet);
    /* sRGB's piecewise curve: IEC 61966-2-1, as lcms2 parametric type 4 */
    const cmsFloat64Number srgb_curve[5] = {2.4, 1.0 / 1.055, 0.055 / 1.055, 1.0 / 12.92, 0.04045};
    cmsToneCurve *curve = cmsBuildParametricToneCurve(ctx, 4, srgb_curve);
    cmsCIExyY white = {xy[6], xy[7], 1.0};
    cmsCIExyYTRIPLE prim = {{xy[0], xy[1], 1.0}, {xy[2], xy[3], 1.0}, {xy[4], xy[5], 1.0}};
    cmsToneCurve *curves[3] = {curve, curve, curve};
    cmsHPROFILE p = curve ? cmsCreateRGBProfileTHR(ctx, &white, &prim, curves) : NULL;
    cmsUInt32Number n = 0;
    bool ok = p && cmsSaveProfileToMem(p, NULL, &n) && n > 0;
    if (ok) {
        *out = malloc(n);
        ok = *out && cmsSaveProfileToMem(p, *out, &n);
        if (ok)
            *out_size = n;
        else {
            free(*out);
            *out = NULL;
        }
    }
    if (p)
        cmsCloseProfile(p);
    if (curve)
        cmsFreeToneCurve(curve);
    cmsDeleteContext(ctx);
    return ok;
}
