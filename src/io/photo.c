/* photo.c - recognise a photo by its bytes and hand it to its decoder.
 *
 * A file is read whole (up to PHOTO_MAX_FILE_BYTES) and decoded from memory:
 * one code path for files, tests and fuzzing. A probe reads only the first
 * PHOTO_PROBE_BYTES, which hold the header of every format in practice, and
 * reads the whole file only when the header did not fit.
 *
 * Formats we do not decode are named when their magic is known, so the user
 * learns "it is a GIF" rather than "bad file"; anything else that looks like
 * text says so (a renamed note or HTML page is a common mistake).
 */
#include "photo_internal.h"

#include "../core/sha256.h"
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PHOTO_PROBE_BYTES (1024u * 1024u)

typedef enum PhotoFormat {
    PHOTO_UNKNOWN,
    PHOTO_JPEG,
    PHOTO_PNG,
    PHOTO_HEIF,
    PHOTO_WEBP,
    PHOTO_OTHER, /* recognised but not decoded: the name says which */
} PhotoFormat;

typedef struct PhotoSniff {
    PhotoFormat format;
    const char *name; /* "jpeg", "png", "heic", "gif", "text", ... */
} PhotoSniff;

bool photo_check_size(long long width, long long height, SmpError *err)
{
    if (width <= 0 || height <= 0)
        return smp_fail(err, "invalid image size %lldx%lld", width, height);
    if ((unsigned long long)width * (unsigned long long)height > PHOTO_MAX_PIXELS)
        return smp_fail(err, "%lldx%lld pixels is over the %llu-megapixel limit", width, height,
                        PHOTO_MAX_PIXELS / 1000000ull);
    if (width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE)
        return smp_fail(err, "%lldx%lld pixels is too long a side (the limit is %d pixels)", width, height,
                        PHOTO_MAX_SIDE);
    return true;
}

/* ISO BMFF: the ftyp brand tells HEIC from AVIF from a phone video. */
static PhotoSniff photo_sniff_ftyp(const uint8_t *d, size_t n)
{
    static const char *heic[] = {"heic", "heix", "heim", "heis", "hevc", "hevx"};
    static const char *heif[] = {"mif1", "msf1", "mif2"};
    const uint8_t *brand = d + 8;
    for (size_t i = 0; i < sizeof heic / sizeof heic[0]; i++)
        if (memcmp(brand, heic[i], 4) == 0)
            return (PhotoSniff){PHOTO_HEIF, "heic"};
    if (memcmp(brand, "avif", 4) == 0 || memcmp(brand, "avis", 4) == 0)
        return (PhotoSniff){PHOTO_HEIF, "avif"};
    for (size_t i = 0; i < sizeof heif / sizeof heif[0]; i++)
        if (memcmp(brand, heif[i], 4) == 0)
            return (PhotoSniff){PHOTO_HEIF, "heif"};
    (void)n;
    if (memcmp(brand, "qt  ", 4) == 0)
        return (PhotoSniff){PHOTO_OTHER, "quicktime video"};
    if (memcmp(brand, "crx ", 4) == 0)
        return (PhotoSniff){PHOTO_OTHER, "canon raw"};
    return (PhotoSniff){PHOTO_OTHER, "mp4 video"};
}

/* Printable ASCII, whitespace and UTF-8 bytes throughout the first bytes. */
static bool photo_looks_like_text(const uint8_t *d, size_t n)
{
    if (n > 512)
        n = 512;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = d[i];
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            return false;
        if (c == 0x7f)
            return false;
    }
    return n > 0;
}

static PhotoSniff photo_sniff(const uint8_t *d, size_t n)
{
    static const struct {
        const char *magic;
        size_t len;
        PhotoFormat format;
        const char *name;
    } table[] = {
        {"\xFF\xD8\xFF", 3, PHOTO_JPEG, "jpeg"},
        {"\x89PNG\r\n\x1A\n", 8, PHOTO_PNG, "png"},
        {"GIF87a", 6, PHOTO_OTHER, "gif"},
        {"GIF89a", 6, PHOTO_OTHER, "gif"},
        {"II*\0", 4, PHOTO_OTHER, "tiff"},
        {"MM\0*", 4, PHOTO_OTHER, "tiff"},
        {"8BPS", 4, PHOTO_OTHER, "psd"},
        {"%PDF", 4, PHOTO_OTHER, "pdf"},
        {"PK\x03\x04", 4, PHOTO_OTHER, "zip"},
        {"\xFF\x0A", 2, PHOTO_OTHER, "jpeg xl"},
        {"\0\0\0\x0CJXL \r\n\x87\n", 12, PHOTO_OTHER, "jpeg xl"},
        {"\0\0\0\x0CjP  \r\n\x87\n", 12, PHOTO_OTHER, "jpeg 2000"},
        {"\xFF\x4F\xFF\x51", 4, PHOTO_OTHER, "jpeg 2000"},
        {"\0\0\1\0", 4, PHOTO_OTHER, "ico"},
        {"BM", 2, PHOTO_OTHER, "bmp"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (n >= table[i].len && memcmp(d, table[i].magic, table[i].len) == 0)
            return (PhotoSniff){table[i].format, table[i].name};
    if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
        return (PhotoSniff){PHOTO_WEBP, "webp"};
    if (n >= 12 && memcmp(d + 4, "ftyp", 4) == 0)
        return photo_sniff_ftyp(d, n);
    if (photo_looks_like_text(d, n))
        return (PhotoSniff){PHOTO_OTHER, "text"};
    return (PhotoSniff){PHOTO_UNKNOWN, NULL};
}

/* Decoder messages quote the libraries, whose text may hold a newline (libheif
 * ends some with one): the user is promised one line. */
static void photo_one_line(SmpError *err)
{
    if (!err)
        return;
    size_t n = strlen(err->msg);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)err->msg[i] < 0x20 || err->msg[i] == 0x7f)
            err->msg[i] = ' ';
}

/* min_side > 0: a JPEG may be decoded smaller (photo_load_small). */
static bool photo_decode(const uint8_t *data, size_t size, const char *name, int min_side, SmpImage *out,
                         PhotoInfo *info, SmpError *err)
{
    PhotoInfo local;
    PhotoInfo *pi = info ? info : &local;
    memset(pi, 0, sizeof *pi);
    pi->orientation = 1;
    if (!data || size == 0)
        return smp_fail(err, "%s: empty file", name);
    PhotoSniff s = photo_sniff(data, size);
    bool ok;
    switch (s.format) {
    case PHOTO_JPEG:
        ok = min_side > 0 ? photo_decode_jpeg_small(data, size, min_side, out, pi, err)
                          : photo_decode_jpeg(data, size, out, pi, err);
        break;
    case PHOTO_PNG: ok = photo_decode_png(data, size, out, pi, err); break;
    case PHOTO_HEIF: ok = photo_decode_heif(data, size, out, pi, err); break;
    case PHOTO_WEBP: ok = photo_decode_webp(data, size, out, pi, err); break;
    case PHOTO_OTHER:
        return smp_fail(err, "%s: unsupported format (%s); open a JPEG, PNG, HEIC or WebP photo", name, s.name);
    default:
        return smp_fail(err, "%s: unsupported format (not an image smpview recognises); open a JPEG, PNG, HEIC or "
                             "WebP photo",
                        name);
    }
    if (!ok) {
        photo_one_line(err);
        return smp_fail_prefix(err, name);
    }
    snprintf(pi->format, sizeof pi->format, "%s", s.name);
    return true;
}

bool photo_load_memory(const uint8_t *data, size_t size, const char *name, SmpImage *out, PhotoInfo *info,
                       SmpError *err)
{
    out->width = out->height = 0;
    out->pixels = NULL;
    return photo_decode(data, size, name ? name : "photo", 0, out, info, err);
}

bool photo_probe_memory(const uint8_t *data, size_t size, const char *name, PhotoInfo *info, SmpError *err)
{
    return photo_decode(data, size, name ? name : "photo", 0, NULL, info, err);
}

/* "sha256:<64 hex>" */
static void format_hash(const uint8_t digest[SHA256_DIGEST_SIZE], char out[80])
{
    char hex[SHA256_HEX_SIZE];
    sha256_to_hex(digest, hex);
    snprintf(out, 80, "sha256:%s", hex);
}

/* Reads the file once: its hash (when asked) and its pixels (min_side: as photo_decode). */
static bool load_file(const char *path, int min_side, SmpImage *out, PhotoInfo *info, char hash[80], SmpError *err)
{
    out->width = out->height = 0;
    out->pixels = NULL;
    char *data;
    size_t size;
    if (!file_read_all(path, PHOTO_MAX_FILE_BYTES, &data, &size, err))
        return false;
    if (hash) {
        uint8_t digest[SHA256_DIGEST_SIZE];
        sha256_digest(data, size, digest);
        format_hash(digest, hash);
    }
    bool ok = photo_decode((const uint8_t *)data, size, path, min_side, out, info, err);
    free(data);
    return ok;
}

bool photo_load_hashed(const char *path, SmpImage *out, PhotoInfo *info, char hash[80], SmpError *err)
{
    return load_file(path, 0, out, info, hash, err);
}

bool photo_load(const char *path, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    return load_file(path, 0, out, info, NULL, err);
}

bool photo_load_small(const char *path, int min_side, SmpImage *out, SmpError *err)
{
    return load_file(path, min_side, out, NULL, NULL, err);
}

/* Opens path for reading only if it is a regular file. The open does not
 * block (a FIFO would wait for a writer, a device may never answer), and the
 * type comes from the opened descriptor, so a swap between check and use
 * cannot slip a special file in. */
static FILE *photo_open_regular(const char *path, SmpError *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        smp_fail(err, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        smp_fail(err, "%s: cannot read: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        smp_fail(err, "%s: cannot open: %s", path,
                 S_ISDIR(st.st_mode) ? "it is a directory" : "not a regular file (a device, FIFO or socket)");
        close(fd);
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags != -1)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        smp_fail(err, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
    }
    return f;
}

bool photo_check_regular(const char *path, SmpError *err)
{
    FILE *f = photo_open_regular(path, err);
    if (!f)
        return false;
    fclose(f);
    return true;
}

/* Reads at most max bytes from the start of path. */
static bool photo_read_prefix(const char *path, size_t max, uint8_t **out, size_t *out_size, bool *whole,
                              SmpError *err)
{
    *out = NULL;
    *out_size = 0;
    FILE *f = photo_open_regular(path, err);
    if (!f)
        return false;
    uint8_t *buf = malloc(max + 1);
    if (!buf) {
        fclose(f);
        return smp_fail(err, "%s: out of memory", path);
    }
    size_t n = fread(buf, 1, max + 1, f);
    bool failed = ferror(f) != 0;
    int saved = errno;
    fclose(f);
    if (failed) {
        free(buf);
        return smp_fail(err, "%s: cannot read: %s", path, strerror(saved));
    }
    *whole = n <= max;
    *out = buf;
    *out_size = n <= max ? n : max;
    return true;
}

bool photo_probe(const char *path, PhotoInfo *info, SmpError *err)
{
    uint8_t *head;
    size_t size;
    bool whole = true;
    if (!photo_read_prefix(path, PHOTO_PROBE_BYTES, &head, &size, &whole, err))
        return false;
    bool ok = photo_decode(head, size, path, 0, NULL, info, err);
    PhotoFormat format = photo_sniff(head, size).format;
    free(head);
    if (ok || whole || format == PHOTO_OTHER || format == PHOTO_UNKNOWN)
        return ok;
    /* The header did not fit in the prefix (a huge EXIF block, say): the
     * answer from the whole file is the one that counts. */
    char *data;
    if (!file_read_all(path, PHOTO_MAX_FILE_BYTES, &data, &size, err))
        return false;
    ok = photo_decode((const uint8_t *)data, size, path, 0, NULL, info, err);
    free(data);
    return ok;
}

bool photo_hash_file(const char *path, char out[80], SmpError *err)
{
    out[0] = '\0';
    FILE *f = photo_open_regular(path, err);
    if (!f)
        return false;
    Sha256 ctx;
    sha256_init(&ctx);
    uint8_t buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, buf, n);
    bool failed = ferror(f) != 0;
    int saved = errno;
    fclose(f);
    if (failed)
        return smp_fail(err, "%s: cannot read: %s", path, strerror(saved));
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_final(&ctx, digest);
    format_hash(digest, out);
    return true;
}
