/* test_fuzz_regress.c - every fuzz seed and every input a fuzzer ever broke us
 * with, replayed through the same checks as the libFuzzer targets
 * (tests/fuzz/fuzz_checks.h): a clean success, or a one-line message naming
 * the input. Runs in `make test` and, under ASan/UBSan, in `make asan`.
 *
 * Inputs: tests/fuzz/corpus/{photo,plan,replay}/ (seeds) and
 * tests/fuzz/regress/{photo,plan,replay}/ (findings and inputs of the kinds that
 * break parsers, named after the hazard). A missing or empty directory fails:
 * a replay of nothing must not pass.
 */
#include "test.h"

#include "fuzz/fuzz_checks.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef const char *(*FuzzCheck)(const uint8_t *data, size_t size);

static uint8_t *read_all(const char *path, size_t *size)
{
    *size = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    fclose(f);
    *size = n;
    return buf;
}

/* Runs check over every file of tests/fuzz/<kind>/<target>/; returns how many,
 * or -1 when the directory cannot be opened (which every caller fails on). */
static int run_dir(const char *kind, const char *target, FuzzCheck check)
{
    const char *root = getenv("SMP_ROOT");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", root && root[0] ? root : ".", kind, target);
    DIR *d = opendir(dir);
    if (!d) {
        printf("note: cannot open %s (is SMP_ROOT the repository?)\n", dir);
        return -1;
    }
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t size;
        uint8_t *data = read_all(path, &size);
        CHECKF(data != NULL, "cannot read %s", path);
        if (!data)
            continue;
        const char *problem = check(data, size);
        CHECKF(problem == NULL, "%s/%s/%s: %s", kind, target, e->d_name, problem);
        free(data);
        count++;
    }
    closedir(d);
    return count;
}

static void test_fuzz_seeds_photo(void) { CHECK(run_dir("corpus", "photo", fuzz_check_photo) >= 8); }
static void test_fuzz_seeds_plan(void) { CHECK(run_dir("corpus", "plan", fuzz_check_plan) >= 3); }
static void test_fuzz_seeds_replay(void) { CHECK(run_dir("corpus", "replay", fuzz_check_replay) >= 2); }
static void test_fuzz_regress_photo(void) { CHECK(run_dir("regress", "photo", fuzz_check_photo) >= 2); }
static void test_fuzz_regress_plan(void) { CHECK(run_dir("regress", "plan", fuzz_check_plan) >= 8); }
static void test_fuzz_regress_replay(void) { CHECK(run_dir("regress", "replay", fuzz_check_replay) >= 4); }
static void test_fuzz_regress_bundle(void) { CHECK(run_dir("regress", "bundle", fuzz_check_bundle) >= 8); }

/* The bundle seeds are whole bundles (else the fuzzer starts from refusals). */
static const char *bundle_whole(const uint8_t *data, size_t size)
{
    BundleParts b;
    return bundle_parse(data, size, &b, NULL) ? fuzz_check_bundle(data, size) : "not a whole bundle";
}
static void test_fuzz_seeds_bundle(void) { CHECK(run_dir("corpus", "bundle", bundle_whole) >= 2); }

/* Negative control: a missing folder is told apart from a folder of inputs. */
static void test_fuzz_missing_dir_fails(void) { CHECK(run_dir("regress", "no_such_target", fuzz_check_plan) == -1); }

/* The checks themselves must notice a bad message, or the replay proves nothing. */
static void test_fuzz_checks_catch_bad_messages(void)
{
    SmpError e = {{0}};
    CHECK(fuzz_message_problem(&e, "x.jpg") != NULL);
    snprintf(e.msg, sizeof e.msg, "x.jpg: corrupt (line one\nline two)");
    CHECK(fuzz_message_problem(&e, "x.jpg") != NULL);
    snprintf(e.msg, sizeof e.msg, "y.jpg: corrupt");
    CHECK(fuzz_message_problem(&e, "x.jpg") != NULL);
    snprintf(e.msg, sizeof e.msg, "x.jpg: corrupt");
    CHECK(fuzz_message_problem(&e, "x.jpg") == NULL);
    static const uint8_t text[] = "not an image at all\n";
    CHECK(fuzz_check_photo(text, sizeof text - 1) == NULL);
    CHECK(fuzz_check_plan(text, sizeof text - 1) == NULL);
    CHECK(fuzz_check_replay(text, sizeof text - 1) == NULL);
    CHECK(fuzz_check_bundle(text, sizeof text - 1) == NULL);
    CHECK(bundle_whole(text, sizeof text - 1) != NULL);
}

int main(void)
{
    TEST_RUN(test_fuzz_checks_catch_bad_messages);
    TEST_RUN(test_fuzz_seeds_bundle);
    TEST_RUN(test_fuzz_regress_bundle);
    TEST_RUN(test_fuzz_seeds_photo);
    TEST_RUN(test_fuzz_seeds_plan);
    TEST_RUN(test_fuzz_seeds_replay);
    TEST_RUN(test_fuzz_regress_photo);
    TEST_RUN(test_fuzz_regress_plan);
    TEST_RUN(test_fuzz_regress_replay);
    TEST_RUN(test_fuzz_missing_dir_fails);
    return TEST_SUMMARY();
}
