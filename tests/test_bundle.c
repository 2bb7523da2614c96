/* test_bundle.c - plan-with-photo bundles (.smpb): split exactly as written,
 * damaged ones refused with their reason, and unpacked beside themselves
 * without ever touching files that were there (io/bundle.h). */
#include "io/atomic_file.h"
#include "io/bundle.h"
#include "io/plan_file.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp_dir[64];

static const char PLAN[] = "{\"smpview_plan\": 2, \"photo\": {\"path\": \"p.jpg\"}}\n";
static const unsigned char PHOTO[] = {0xff, 0xd8, 0xff, '\n', 0, 'x', 0xff, 0xd9};

/* A bundle as the page's packBundle writes it; name and counts overridable. */
static size_t pack(unsigned char *out, const char *name, long plan_n, long photo_n)
{
    size_t n = (size_t)sprintf((char *)out, "SMPVIEW-BUNDLE 1\nplan %ld\n", plan_n < 0 ? (long)strlen(PLAN) : plan_n);
    memcpy(out + n, PLAN, strlen(PLAN));
    n += strlen(PLAN);
    n += (size_t)sprintf((char *)out + n, "\nphoto %s %ld\n", name, photo_n < 0 ? (long)sizeof PHOTO : photo_n);
    memcpy(out + n, PHOTO, sizeof PHOTO);
    n += sizeof PHOTO;
    out[n++] = '\n';
    return n;
}

static void test_parse_gives_the_exact_parts(void)
{
    unsigned char b[512];
    size_t n = pack(b, "p.jpg", -1, -1);
    BundleParts parts;
    SmpError err = {0};
    CHECKF(bundle_parse(b, n, &parts, &err), "%s", err.msg);
    CHECK(parts.plan_size == strlen(PLAN) && !memcmp(parts.plan, PLAN, parts.plan_size));
    CHECK(parts.photo_size == sizeof PHOTO && !memcmp(parts.photo, PHOTO, sizeof PHOTO));
    CHECK(!strcmp(parts.photo_name, "p.jpg"));
    n = pack(b, "IMG 12 (1).jpg", -1, -1); /* a name with spaces: the count is the last word */
    CHECKF(bundle_parse(b, n, &parts, &err), "%s", err.msg);
    CHECK(!strcmp(parts.photo_name, "IMG 12 (1).jpg") && parts.photo_size == sizeof PHOTO);
}

/* Each damage is refused with the reason the page gives too. */
static void test_damaged_bundles_are_refused(void)
{
    struct {
        const char *name;
        long plan_n, photo_n;
        size_t cut;
        const char *why;
    } cases[] = {
        {"p.jpg", -1, -1, 9, "(truncated)"},               /* the photo's last bytes missing */
        {"p.jpg", -1, -1, 12, "(no photo)"},               /* cut inside the photo's header */
        {"p.jpg", 10000, -1, 0, "(truncated)"},            /* a plan count past the end */
        {"p.jpg", -1, 999999, 0, "(truncated)"},           /* a photo count past the end */
        {"p.jpg", -1, 4, 0, "(truncated)"},                /* no newline after the body */
        {"../p.jpg", -1, -1, 0, "(no photo)"},             /* a name leaving the folder */
        {"..", -1, -1, 0, "(no photo)"},
        {"a\\b.jpg", -1, -1, 0, "(no photo)"},
        {"", -1, -1, 0, "(no photo)"},                     /* no name */
        {"p.jpg", -1, -1, 0, NULL},                        /* the control: whole */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char b[512];
        size_t n = pack(b, cases[i].name, cases[i].plan_n, cases[i].photo_n) - cases[i].cut;
        BundleParts parts;
        SmpError err = {0};
        bool ok = bundle_parse(b, n, &parts, &err);
        if (!cases[i].why)
            CHECKF(ok, "%s", err.msg);
        else
            CHECKF(!ok && strstr(err.msg, "damaged bundle") && strstr(err.msg, cases[i].why), "case %zu: %s", i,
                   ok ? "accepted" : err.msg);
    }
    const char *counts[] = {"plan -1\n", "plan 99999999999999999999999\n", "plan 0x10\n", "plan\n"};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        char b[128];
        size_t n = (size_t)snprintf(b, sizeof b, "SMPVIEW-BUNDLE 1\n%s{}\n", counts[i]);
        BundleParts parts;
        SmpError err = {0};
        CHECKF(!bundle_parse((unsigned char *)b, n, &parts, &err) && strstr(err.msg, "(no plan)"), "%s", counts[i]);
    }
}

static bool holds(const char *path, const void *bytes, size_t size)
{
    char *have = NULL;
    size_t n = 0;
    bool same = file_read_all(path, 1 << 20, &have, &n, NULL) && n == size && !memcmp(have, bytes, size);
    free(have);
    return same;
}

static void write_bundle(const char *path, const char *photo_name)
{
    unsigned char b[512];
    size_t n = pack(b, photo_name, -1, -1);
    SmpError err;
    CHECKF(file_write_atomic(path, b, n, &err), "%s", err.msg);
}

static void test_unpacked_beside_it_and_reused(void)
{
    char bundle[128], plan[4096], want[128];
    snprintf(bundle, sizeof bundle, "%s/Client A.SMPB", tmp_dir);
    write_bundle(bundle, "p.jpg");
    SmpError err = {0};
    CHECKF(bundle_unpack(bundle, plan, sizeof plan, &err), "%s", err.msg);
    snprintf(want, sizeof want, "%s/Client A/Client A.smp", tmp_dir);
    CHECKF(!strcmp(plan, want), "%s", plan);
    CHECK(holds(plan, PLAN, strlen(PLAN)));
    snprintf(want, sizeof want, "%s/Client A/p.jpg", tmp_dir);
    CHECK(holds(want, PHOTO, sizeof PHOTO));
    /* Opened again: the same folder, nothing new. */
    char again[4096];
    CHECKF(bundle_unpack(bundle, again, sizeof again, &err), "%s", err.msg);
    CHECK(!strcmp(again, plan));
    snprintf(want, sizeof want, "%s/Client A-2", tmp_dir);
    struct stat st;
    CHECK(stat(want, &st) != 0);
}

/* A folder of the bundle's name with other work in it is never touched. */
static void test_a_taken_folder_is_left_alone(void)
{
    char bundle[128], folder[128], mine[160], plan[4096], want[160];
    snprintf(bundle, sizeof bundle, "%s/taken.smpb", tmp_dir);
    write_bundle(bundle, "p.jpg");
    snprintf(folder, sizeof folder, "%s/taken", tmp_dir);
    CHECK(mkdir(folder, 0777) == 0);
    snprintf(mine, sizeof mine, "%s/taken.smp", folder);
    SmpError err = {0};
    CHECK(file_write_atomic(mine, "{\"other\": 1}", 12, &err));
    CHECKF(bundle_unpack(bundle, plan, sizeof plan, &err), "%s", err.msg);
    snprintf(want, sizeof want, "%s/taken-2/taken.smp", tmp_dir);
    CHECKF(!strcmp(plan, want), "%s", plan);
    CHECK(holds(mine, "{\"other\": 1}", 12));
    snprintf(want, sizeof want, "%s/p.jpg", folder);
    struct stat st;
    CHECK(stat(want, &st) != 0);
}

static void test_refusals_name_the_file(void)
{
    char bundle[128], plan[4096];
    snprintf(bundle, sizeof bundle, "%s/same.smpb", tmp_dir);
    write_bundle(bundle, "same.smp"); /* the photo would be written over the plan */
    SmpError err = {0};
    CHECK(!bundle_unpack(bundle, plan, sizeof plan, &err));
    CHECKF(strstr(err.msg, bundle) && strstr(err.msg, "named like the plan"), "%s", err.msg);
    struct stat st;
    snprintf(plan, sizeof plan, "%s/same", tmp_dir);
    CHECK(stat(plan, &st) != 0);
    /* plan_load on a bundle says what it is and what to do. */
    SmpPlan p;
    CHECK(!plan_load(bundle, &p, &err));
    CHECKF(strstr(err.msg, "a bundle") && strstr(err.msg, "smpview unpack"), "%s", err.msg);
    CHECK(bundle_sniff(bundle));
    CHECK(!bundle_sniff("/nonexistent/x.smpb"));
}

/* Removes what the tests unpacked (the test's own names only). */
static void cleanup(void)
{
    const char *files[] = {"Client A/Client A.smp", "Client A/p.jpg", "Client A.SMPB", "taken/taken.smp",
                           "taken-2/taken.smp", "taken-2/p.jpg", "taken.smpb", "same.smpb"};
    const char *dirs[] = {"Client A", "taken", "taken-2"};
    char path[256];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp_dir, files[i]);
        unlink(path);
    }
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp_dir, dirs[i]);
        rmdir(path);
    }
    if (rmdir(tmp_dir) != 0)
        printf("FAIL cleanup: %s not empty\n", tmp_dir);
}

int main(void)
{
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/smp_bundle_XXXXXX");
    if (!mkdtemp(tmp_dir)) {
        printf("FAIL setup: mkdtemp\n");
        return 1;
    }
    TEST_RUN(test_parse_gives_the_exact_parts);
    TEST_RUN(test_damaged_bundles_are_refused);
    TEST_RUN(test_unpacked_beside_it_and_reused);
    TEST_RUN(test_a_taken_folder_is_left_alone);
    TEST_RUN(test_refusals_name_the_file);
    cleanup();
    return TEST_SUMMARY();
}
