/* smp_assert.h - SMP_ASSERT(cond) for internal invariants: things no input
 * can cause, only a bug in our own code (bad input gets an error message, never
 * an assert).
 *
 * Active in the sanitizer build (make asan, SAN=1, which defines SMP_ASSERTS):
 * a broken invariant prints "smpview: internal error: FILE:LINE: COND" and
 * aborts. Compiled out otherwise: COND is type-checked but never evaluated, so
 * it may be costly and must have no side effects.
 */
#ifndef SMP_ASSERT_H
#define SMP_ASSERT_H

#ifdef SMP_ASSERTS
#include <stdio.h>
#include <stdlib.h>

static inline void smp_assert_fail(const char *cond, const char *file, int line)
{
    fprintf(stderr, "smpview: internal error: %s:%d: %s\n", file, line, cond);
    fflush(stderr);
    abort();
}

#define SMP_ASSERTS_ACTIVE 1
#define SMP_ASSERT(cond) ((cond) ? (void)0 : smp_assert_fail(#cond, __FILE__, __LINE__))
#else
#define SMP_ASSERTS_ACTIVE 0
#define SMP_ASSERT(cond) ((void)sizeof(!(cond)))
#endif

#endif
