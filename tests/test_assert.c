/* test_assert.c - SMP_ASSERT is on in the sanitizer build (make asan) and off
 * everywhere else, where its condition is not even evaluated. */
#include "test.h"

#include "core/smp_assert.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#else
#define SANITIZED 0
#endif

static void test_active_exactly_in_the_sanitizer_build(void) { CHECK(SMP_ASSERTS_ACTIVE == SANITIZED); }

static void test_broken_invariant_aborts_or_is_skipped(void)
{
    int evaluated = 0;
    SMP_ASSERT(++evaluated == 1); /* holds */
    CHECK(evaluated == SMP_ASSERTS_ACTIVE);
    pid_t pid = fork();
    if (pid == 0) {
        /* the child: a broken invariant; stderr closed so its message stays quiet */
        fclose(stderr);
        int n = 2;
        SMP_ASSERT(n == 3);
        _exit(0);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    if (SMP_ASSERTS_ACTIVE)
        CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "status 0x%x", status);
    else
        CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status 0x%x", status);
}

int main(void)
{
    TEST_RUN(test_active_exactly_in_the_sanitizer_build);
    TEST_RUN(test_broken_invariant_aborts_or_is_skipped);
    return TEST_SUMMARY();
}
