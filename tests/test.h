/* test.h - the smallest test harness that tells you what broke.
 *
 * Each test file defines `static void test_xxx(void)` functions and calls
 * TEST_RUN(test_xxx) from main, then returns TEST_SUMMARY(). Every test prints
 * one line, "ok NAME", "FAIL NAME: file:line: what" or "skip NAME: why", which
 * tests/run.sh counts. A test that cannot run (a tool or locale missing) calls
 * TEST_SKIP("why") and returns: it is reported as skipped, never as passed.
 */
#ifndef SMP_TEST_H
#define SMP_TEST_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static int test_checks_failed_;
static int tests_failed_;
static int tests_passed_;
static int tests_skipped_;
static const char *test_skip_why_;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            if (test_checks_failed_++ == 0)                                                  \
                printf("FAIL %s: %s:%d: %s\n", test_name_, __FILE__, __LINE__, #cond);       \
        }                                                                                    \
    } while (0)

/* CHECK with a printf-style explanation printed on failure. */
#define CHECKF(cond, ...)                                                                    \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            if (test_checks_failed_++ == 0) {                                                \
                printf("FAIL %s: %s:%d: %s: ", test_name_, __FILE__, __LINE__, #cond);       \
                printf(__VA_ARGS__);                                                         \
                printf("\n");                                                                \
            }                                                                                \
        }                                                                                    \
    } while (0)

#define CHECK_NEAR(a, b, tol) CHECKF(fabs((double)(a) - (double)(b)) <= (tol), "%g vs %g (tol %g)", \
                                     (double)(a), (double)(b), (double)(tol))

static const char *test_name_ = "";

/* Marks the running test as skipped (a failed CHECK before it still fails it). */
#define TEST_SKIP(why) (test_skip_why_ = (why))

#define TEST_RUN(fn)                                                                         \
    do {                                                                                     \
        test_name_ = #fn;                                                                    \
        test_checks_failed_ = 0;                                                             \
        test_skip_why_ = NULL;                                                               \
        fn();                                                                                \
        if (test_checks_failed_) tests_failed_++;                                            \
        else if (test_skip_why_) { tests_skipped_++; printf("skip %s: %s\n", #fn, test_skip_why_); } \
        else { tests_passed_++; printf("ok %s\n", #fn); }                                    \
        fflush(stdout);                                                                      \
    } while (0)

#define TEST_SUMMARY() (tests_failed_ ? 1 : 0)

/* Removes a test's temporary folder and everything in it; false when that failed. */
static inline bool test_remove_dir(const char *dir)
{
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0;
}

#endif
