/* test_plan_file.c - plan files on disk: round trip, failed saves that keep the
 * old file, load errors, and the photo path relative to the plan. */
#include "core/plan_json.h"
#include "io/atomic_file.h"
#include "io/plan_file.h"
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp_dir[64];

static void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", tmp_dir, name);
}

static bool read_bytes(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            }
            buf = b;
        }
    }
    fclose(f);
    *out = buf;
    *len = n;
    return buf != NULL;
}

static bool write_bytes(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(text, 1, strlen(text), f) == strlen(text);
    return fclose(f) == 0 && ok;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void sample_plan(SmpPlan *p, double density)
{
    plan_init(p);
    snprintf(p->photo_path, sizeof p->photo_path, "../photos/front.jpg");
    p->hairline.count = 3;
    p->hairline.points[0] = (PlanPoint){100.25, 400};
    p->hairline.points[1] = (PlanPoint){500, 300.125};
    p->hairline.points[2] = (PlanPoint){900, 400.1};
    PlanPoint pts[4] = {{1, 1}, {50, 1}, {50, 50}, {1, 50}};
    plan_add_region(p, REGION_EXCLUDE, REGION_POLYGON, false, 5, pts, 4, NULL);
    p->dots.density = density;
    p->seed = 77;
}

static void test_save_load_round_trip(void)
{
    char path[128];
    path_in(path, sizeof path, "round.smp");
    SmpPlan p, back;
    SmpError err;
    sample_plan(&p, 101.5);
    CHECKF(plan_save(path, &p, &err), "%s", err.msg);
    CHECKF(plan_load(path, &back, &err), "%s", err.msg);
    CHECK(plan_equal(&p, &back));
    CHECK(back.dots.density == 101.5 && back.region_count == 1 && back.seed == 77);
    char *bytes;
    size_t len;
    CHECK(read_bytes(path, &bytes, &len));
    CHECK(len > 20 && strncmp(bytes, "{\n  \"smpview_plan\": 2,", 22) == 0);
    free(bytes);
    plan_free(&p);
    plan_free(&back);
    CHECK(unlink(path) == 0);
}

/* A failed save at either step leaves the previous file byte-identical and no
 * temporary file behind; the injection is one-shot, so the next save works. */
static void check_failed_save(AtomicFailPoint point)
{
    char sub[128], path[160];
    path_in(sub, sizeof sub, point == ATOMIC_FAIL_WRITE ? "fail_write" : "fail_rename");
    CHECK(mkdir(sub, 0700) == 0);
    snprintf(path, sizeof path, "%s/client.smp", sub);
    SmpPlan a, b, back;
    SmpError err;
    sample_plan(&a, 60);
    sample_plan(&b, 140);
    CHECK(plan_save(path, &a, &err));
    char *before, *after;
    size_t before_len, after_len;
    CHECK(read_bytes(path, &before, &before_len));

    file_atomic_inject_failure(point);
    err.msg[0] = '\0';
    CHECK(!plan_save(path, &b, &err));
    CHECKF(err.msg[0] != '\0', "no reason given");
    CHECK(read_bytes(path, &after, &after_len));
    CHECK(after_len == before_len && memcmp(before, after, before_len) == 0);
    CHECKF(count_entries(sub) == 1, "%d files in %s", count_entries(sub), sub);
    CHECK(plan_load(path, &back, &err) && back.dots.density == 60);
    plan_free(&back);
    free(after);

    CHECKF(plan_save(path, &b, &err), "%s", err.msg);
    CHECK(plan_load(path, &back, &err) && back.dots.density == 140 && plan_equal(&back, &b));
    plan_free(&back);
    free(before);
    plan_free(&a);
    plan_free(&b);
    unlink(path);
    CHECK(rmdir(sub) == 0);
}

static void test_failed_write_keeps_old_file(void) { check_failed_save(ATOMIC_FAIL_WRITE); }
static void test_crash_before_rename_keeps_old_file(void) { check_failed_save(ATOMIC_FAIL_BEFORE_RENAME); }

/* A plan that would not load back is refused before anything is written. */
static void test_invalid_plan_not_saved(void)
{
    char path[128], expect[256];
    path_in(path, sizeof path, "invalid.smp");
    SmpPlan good, bad;
    SmpError err;
    sample_plan(&good, 90);
    CHECK(plan_save(path, &good, &err));
    char *before, *after;
    size_t before_len, after_len;
    CHECK(read_bytes(path, &before, &before_len));
    sample_plan(&bad, 900);
    CHECK(!plan_save(path, &bad, &err));
    snprintf(expect, sizeof expect,
             "%s: not saved, the plan is invalid: dots.density: expected a number from 1 to 160, got 900", path);
    CHECKF(strcmp(err.msg, expect) == 0, "%s", err.msg);
    bad.dots.density = 90;
    bad.pigment.shade = NAN;
    CHECK(!plan_save(path, &bad, &err));
    snprintf(expect, sizeof expect, "%s: pigment.shade: not a finite number, cannot be saved", path);
    CHECKF(strcmp(err.msg, expect) == 0, "%s", err.msg);
    CHECK(read_bytes(path, &after, &after_len));
    CHECK(after_len == before_len && memcmp(before, after, before_len) == 0);
    free(before);
    free(after);
    plan_free(&good);
    plan_free(&bad);
    unlink(path);
}

static void test_load_errors(void)
{
    char path[128], expect[256];
    SmpPlan p, def;
    SmpError err;
    plan_init(&def);
    path_in(path, sizeof path, "missing.smp");
    err.msg[0] = '\0';
    CHECK(!plan_load(path, &p, &err));
    CHECKF(strstr(err.msg, path) != NULL, "message does not name the file: %s", err.msg);
    CHECK(plan_equal(&p, &def));

    /* Messages carry the path as given. */
    path_in(path, sizeof path, "bad.smp");
    CHECK(write_bytes(path, "{\"smpview_plan\": 1, \"hairline\": {\"points\": [[1,2],[3,4],[5,6],[7]]}}"));
    CHECK(!plan_load(path, &p, &err));
    snprintf(expect, sizeof expect, "%s: hairline.points[3]: expected [x, y]", path);
    CHECKF(strcmp(err.msg, expect) == 0, "%s", err.msg);
    CHECK(plan_equal(&p, &def));

    CHECK(write_bytes(path, "{\"smpview_plan\": 3}"));
    CHECK(!plan_load(path, &p, &err));
    snprintf(expect, sizeof expect, "%s: format version 3 is newer than this smpview supports (2); please update smpview",
             path);
    CHECKF(strcmp(err.msg, expect) == 0, "%s", err.msg);

    CHECK(write_bytes(path, ""));
    CHECK(!plan_load(path, &p, &err));
    snprintf(expect, sizeof expect, "%s: the file is empty, not a plan", path);
    CHECKF(strcmp(err.msg, expect) == 0, "%s", err.msg);
    unlink(path);

    /* Over the size cap: refused by size (a sparse file, so this is quick). */
    path_in(path, sizeof path, "huge.smp");
    FILE *f = fopen(path, "wb");
    CHECK(f && fseek(f, (long)PLAN_FILE_MAX_BYTES, SEEK_SET) == 0 && fputc(' ', f) == ' ');
    if (f)
        fclose(f);
    err.msg[0] = '\0';
    CHECK(!plan_load(path, &p, &err));
    CHECKF(strstr(err.msg, path) != NULL, "%s", err.msg);
    unlink(path);
}

typedef struct PathCase {
    const char *plan, *photo, *want;
} PathCase;

static void test_resolve_photo(void)
{
    static const PathCase cases[] = {
        {"plan.smp", "a.jpg", "a.jpg"},
        {"./plan.smp", "./a.jpg", "a.jpg"},
        {"seeds/front.smp", "front.png", "seeds/front.png"},
        {"seeds/front.smp", "../assets/front.png", "seeds/../assets/front.png"},
        {"../plan.smp", "photos/a.jpg", "../photos/a.jpg"},
        {"/home/c/plan.smp", "photos/a.jpg", "/home/c/photos/a.jpg"},
        {"/plan.smp", "a.jpg", "/a.jpg"},
        {"seeds//x/./plan.smp", "a.jpg", "seeds/x/a.jpg"},
        {"dir/plan.smp/", "a.jpg", "dir/a.jpg"},
        {"a/b/plan.smp", "/abs//p.jpg", "/abs/p.jpg"},
        {"a/b/plan.smp", "photos/", "a/b/photos"},
    };
    SmpPlan p;
    plan_init(&p);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[256];
        snprintf(p.photo_path, sizeof p.photo_path, "%s", cases[i].photo);
        bool ok = plan_resolve_photo(cases[i].plan, &p, out, sizeof out);
        CHECKF(ok && strcmp(out, cases[i].want) == 0, "%s + %s: got %s, want %s", cases[i].plan, cases[i].photo,
               ok ? out : "(false)", cases[i].want);
    }
    char out[8];
    p.photo_path[0] = '\0';
    CHECK(!plan_resolve_photo("plan.smp", &p, out, sizeof out) && out[0] == '\0');
    snprintf(p.photo_path, sizeof p.photo_path, "a_long_photo_name.jpg");
    CHECK(!plan_resolve_photo("plan.smp", &p, out, sizeof out) && out[0] == '\0'); /* would not fit */
}

static void test_relative_photo_path(void)
{
    static const PathCase cases[] = {
        {"plan.smp", "a.jpg", "a.jpg"},
        {"./plan.smp", "./a.jpg", "a.jpg"},
        {"seeds/front.smp", "assets/front.png", "../assets/front.png"},
        {"seeds/front.smp", "seeds/front.png", "front.png"},
        {"./seeds/./front.smp", "seeds//img/a.png", "img/a.png"},
        {"seeds/front.smp/", "seeds/a.png", "a.png"},
        {"a/b/../p.smp", "a/x.jpg", "x.jpg"},
        {"../x/p.smp", "../y/a.jpg", "../y/a.jpg"},
        {"/home/c/plans/p.smp", "/home/c/photos/a.jpg", "../photos/a.jpg"},
        {"/home/c/p.smp", "/home/c/a.jpg", "a.jpg"},
        {"/home/c/deep/er/p.smp", "/home/c/a.jpg", "../../a.jpg"},
        {"/home/c/p.smp", "/media/usb/a.jpg", "/media/usb/a.jpg"}, /* only "/" shared: stay absolute */
        {"/plan.smp", "/photos/a.jpg", "photos/a.jpg"},
        {"/home/c/p.smp", "", ""},
        {"p.smp", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[256];
        plan_relative_photo_path(cases[i].plan, cases[i].photo, out, sizeof out);
        CHECKF(strcmp(out, cases[i].want) == 0, "%s -> %s: got %s, want %s", cases[i].plan, cases[i].photo, out,
               cases[i].want);
    }
}

/* Mixed relative/absolute paths go through the current directory; checked on
 * real files: resolving the relative path must reach the same photo. */
static void test_relative_then_resolve_real_files(void)
{
    char cwd[512], sub[128], photos[128], photo_abs[160], plan_abs[160];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    path_in(sub, sizeof sub, "work");
    path_in(photos, sizeof photos, "photos");
    CHECK(mkdir(sub, 0700) == 0 && mkdir(photos, 0700) == 0);
    snprintf(photo_abs, sizeof photo_abs, "%s/a.jpg", photos);
    snprintf(plan_abs, sizeof plan_abs, "%s/p.smp", sub);
    CHECK(write_bytes(photo_abs, "not really a jpeg"));
    CHECK(chdir(sub) == 0);
    static const PathCase cases[] = {
        {"p.smp", "", "../photos/a.jpg"},       /* photo absolute, plan relative */
        {"", "../photos/a.jpg", "../photos/a.jpg"}, /* plan absolute, photo relative */
        {"../p.smp", "../photos/a.jpg", "photos/a.jpg"},
        {"../work/../work/p.smp", "", "../photos/a.jpg"},
        {"p.smp", "../photos/a.jpg", "../photos/a.jpg"},
        {"../../p.smp", "../photos/a.jpg", NULL}, /* climbs above the temp dir: "<tmp name>/photos/a.jpg" */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *plan = cases[i].plan[0] ? cases[i].plan : plan_abs;
        const char *photo = cases[i].photo[0] ? cases[i].photo : photo_abs;
        char rel[256], resolved[512];
        plan_relative_photo_path(plan, photo, rel, sizeof rel);
        if (cases[i].want)
            CHECKF(strcmp(rel, cases[i].want) == 0, "%s -> %s: got %s, want %s", plan, photo, rel, cases[i].want);
        else
            CHECKF(rel[0] != '/' && strstr(rel, "/photos/a.jpg") != NULL, "%s -> %s: got %s", plan, photo, rel);
        SmpPlan p;
        plan_init(&p);
        snprintf(p.photo_path, sizeof p.photo_path, "%s", rel);
        CHECK(plan_resolve_photo(plan, &p, resolved, sizeof resolved));
        CHECKF(access(resolved, R_OK) == 0, "case %zu: %s does not reach the photo", i, resolved);
    }
    CHECK(chdir(cwd) == 0);
    unlink(photo_abs);
    rmdir(photos);
    rmdir(sub);
}

/* A plan opened through a symlink in another folder: the photo is found
 * beside the file the link points to (where saving writes, and what the photo
 * path is made relative to), the same from the link and from the target.
 * Before, reading looked beside the link. Control: a photo of the same name
 * beside the link is not the one chosen. */
static void test_symlinked_plan_uses_target_folder(void)
{
    char real_dir[128], link_dir[128], plan[160], link[160], photo[160], decoy[160];
    path_in(real_dir, sizeof real_dir, "clients");
    path_in(link_dir, sizeof link_dir, "desktop");
    CHECK(mkdir(real_dir, 0700) == 0 && mkdir(link_dir, 0700) == 0);
    snprintf(plan, sizeof plan, "%s/anna.smp", real_dir);
    snprintf(link, sizeof link, "%s/anna.smp", link_dir);
    snprintf(photo, sizeof photo, "%s/front.jpg", real_dir);
    snprintf(decoy, sizeof decoy, "%s/front.jpg", link_dir);
    CHECK(write_bytes(photo, "real") && write_bytes(decoy, "decoy"));
    SmpPlan p;
    plan_init(&p);
    CHECK(write_bytes(plan, "{}") && symlink(plan, link) == 0);
    char rel[256], via_link[512], via_target[512];
    plan_relative_photo_path(link, photo, rel, sizeof rel); /* as a save through the link makes it */
    CHECKF(strcmp(rel, "front.jpg") == 0, "saved through the link as %s", rel);
    snprintf(p.photo_path, sizeof p.photo_path, "%s", rel);
    CHECK(plan_resolve_photo(link, &p, via_link, sizeof via_link));
    CHECK(plan_resolve_photo(plan, &p, via_target, sizeof via_target));
    CHECKF(file_is_same(via_link, photo), "through the link: %s", via_link);
    CHECKF(file_is_same(via_target, photo), "direct: %s", via_target);
    CHECK(!file_is_same(via_link, decoy));
    unlink(link);
    unlink(plan);
    unlink(photo);
    unlink(decoy);
    rmdir(real_dir);
    rmdir(link_dir);
}

int main(void)
{
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/smp_plan_file_XXXXXX");
    if (!mkdtemp(tmp_dir)) {
        printf("FAIL setup: mkdtemp\n");
        return 1;
    }
    TEST_RUN(test_save_load_round_trip);
    TEST_RUN(test_failed_write_keeps_old_file);
    TEST_RUN(test_crash_before_rename_keeps_old_file);
    TEST_RUN(test_invalid_plan_not_saved);
    TEST_RUN(test_load_errors);
    TEST_RUN(test_resolve_photo);
    TEST_RUN(test_relative_photo_path);
    TEST_RUN(test_relative_then_resolve_real_files);
    TEST_RUN(test_symlinked_plan_uses_target_folder);
    if (rmdir(tmp_dir) != 0)
        printf("FAIL cleanup: %s not empty\n", tmp_dir);
    return TEST_SUMMARY();
}
