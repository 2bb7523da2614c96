/* mkjpeg - writes a JPEG from raw pixels, for the script tests
 * (tests/gen_bad_inputs.py), since Python's stdlib cannot encode JPEG.
 *   mkjpeg RAW OUT.jpg W H C [progressive]
 * RAW holds W*H pixels of C bytes: 1 = gray, 3 = RGB, 4 = CMYK in the
 * Adobe/Photoshop convention (255 = no ink; libjpeg writes the Adobe marker).
 * Quality 95 with no chroma subsampling, so flat colours come back within a few
 * levels. EXIF and other markers are spliced in by the caller. Exit 2 on error.
 */
#include <stdio.h> /* before jpeglib.h */

#include <jpeglib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: mkjpeg RAW OUT.jpg W H C [progressive]\n");
        return 2;
    }
    int w = atoi(argv[3]), h = atoi(argv[4]), c = atoi(argv[5]);
    bool progressive = argc == 7 && strcmp(argv[6], "progressive") == 0;
    if (w <= 0 || h <= 0 || (c != 1 && c != 3 && c != 4)) {
        fprintf(stderr, "mkjpeg: bad size or components\n");
        return 2;
    }
    size_t n = (size_t)w * (size_t)h * (size_t)c;
    unsigned char *px = malloc(n);
    FILE *in = fopen(argv[1], "rb");
    if (!px || !in || fread(px, 1, n, in) != n) {
        fprintf(stderr, "mkjpeg: cannot read %zu bytes from %s\n", n, argv[1]);
        return 2;
    }
    fclose(in);
    FILE *out = fopen(argv[2], "wb");
    if (!out) {
        fprintf(stderr, "mkjpeg: cannot write %s\n", argv[2]);
        return 2;
    }
    struct jpeg_compress_struct cinfo;
    struct jpeg_error_mgr jerr;
    cinfo.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, out);
    cinfo.image_width = (JDIMENSION)w;
    cinfo.image_height = (JDIMENSION)h;
    cinfo.input_components = c;
    cinfo.in_color_space = c == 1 ? JCS_GRAYSCALE : c == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, 95, TRUE);
    for (int i = 0; i < cinfo.num_components; i++)
        cinfo.comp_info[i].h_samp_factor = cinfo.comp_info[i].v_samp_factor = 1;
    if (progressive)
        jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = px + (size_t)cinfo.next_scanline * (size_t)w * (size_t)c;
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    free(px);
    return fclose(out) == 0 ? 0 : 2;
}
