/* fuzz_checks.h - what the fuzz targets check, shared with tests/test_fuzz_regress.c.
 *
 * Each check feeds one input through a parser the way smpview does and returns
 * NULL when the outcome is clean, or a short description of what went wrong:
 *   - success: the result is consistent (sizes agree, a loaded plan saves and
 *     reads back equal, a replay command is a known kind);
 *   - failure: the message is non-empty, one line, and names the input.
 * Crashes, leaks and undefined behaviour are the sanitizers' job. The libFuzzer
 * targets abort() on a non-NULL answer; the regression test reports it.
 */
#ifndef SMP_FUZZ_CHECKS_H
#define SMP_FUZZ_CHECKS_H

#include "app/replay.h"
#include "core/plan.h"
#include "core/plan_json.h"
#include "io/bundle.h"
#include "io/photo.h"
#include "io/photo_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A full decode of a huge image under ASan takes seconds and proves nothing
 * the probe has not: bigger images are only probed. */
enum { FUZZ_MAX_DECODE_PIXELS = 4000000 };

/* A message as the CLI prints it after "smpview: ": one line naming the input. */
static inline const char *fuzz_message_problem(const SmpError *err, const char *name)
{
    size_t n = strlen(name);
    if (!err->msg[0])
        return "failed without a message";
    if (strchr(err->msg, '\n') || strchr(err->msg, '\r'))
        return "message spans several lines";
    if (strncmp(err->msg, name, n) != 0 || strncmp(err->msg + n, ": ", 2) != 0 || !err->msg[n + 2])
        return "message does not start with the input's name";
    return NULL;
}

static inline const char *fuzz_check_photo(const uint8_t *data, size_t size)
{
    static const char name[] = "fuzz.img";
    (void)exif_orientation_parse(data, size); /* the EXIF reader alone, on raw bytes */
    SmpError err = {{0}};
    PhotoInfo probe;
    if (!photo_probe_memory(data, size, name, &probe, &err))
        return fuzz_message_problem(&err, name);
    if (probe.width <= 0 || probe.height <= 0 || probe.orientation < 1 || probe.orientation > 8 || !probe.format[0])
        return "probe succeeded with an invalid size, orientation or format";
    if ((unsigned long long)probe.width * (unsigned long long)probe.height > PHOTO_MAX_PIXELS)
        return "probe accepted a size over the limit";
    if ((long long)probe.width * probe.height > FUZZ_MAX_DECODE_PIXELS)
        return NULL;
    SmpImage img;
    PhotoInfo info;
    err.msg[0] = '\0';
    if (!photo_load_memory(data, size, name, &img, &info, &err)) {
        if (img.pixels)
            return "failed load left pixels behind";
        return fuzz_message_problem(&err, name);
    }
    const char *problem = NULL;
    if (!img.pixels || img.width <= 0 || img.height <= 0)
        problem = "load succeeded without pixels";
    else if (img.width != info.width || img.height != info.height)
        problem = "loaded size differs from the reported size";
    else if (info.width != probe.width || info.height != probe.height || info.orientation != probe.orientation ||
             strcmp(info.format, probe.format) != 0)
        problem = "probe and load disagree";
    else {
        /* Read every byte: a pixel the decoder never wrote shows up under MSan/valgrind. */
        unsigned sum = 0;
        size_t n = (size_t)img.width * (size_t)img.height * 4;
        for (size_t i = 0; i < n; i++)
            sum += img.pixels[i];
        (void)sum;
    }
    image_free(&img);
    return problem;
}

static inline const char *fuzz_check_plan(const uint8_t *data, size_t size)
{
    static const char name[] = "fuzz.smp";
    (void)plan_json_sniff((const char *)data, size);
    SmpPlan plan;
    SmpError err = {{0}};
    if (!plan_from_json((const char *)data, size, name, &plan, &err))
        return fuzz_message_problem(&err, name);
    /* Whatever loads must save, and read back as the same plan. */
    const char *problem = NULL;
    char *text = NULL;
    size_t len = 0;
    if (!plan_to_json(&plan, &text, &len, &err))
        problem = "a plan that loaded cannot be saved";
    else {
        SmpPlan again;
        if (!plan_from_json(text, len, "saved.smp", &again, &err))
            problem = "a saved plan does not load back";
        else {
            if (!plan_equal(&plan, &again))
                problem = "a saved plan loads back different";
            plan_free(&again);
        }
    }
    free(text);
    plan_free(&plan);
    return problem;
}

/* A bundle splits into parts inside the input, a bare photo name, or fails
 * with "damaged bundle" / "not a bundle". */
static inline const char *fuzz_check_bundle(const uint8_t *data, size_t size)
{
    BundleParts b;
    SmpError err = {{0}};
    if (!bundle_parse(data, size, &b, &err))
        return strstr(err.msg, "bundle") && !strchr(err.msg, '\n') ? NULL : "a refusal that is not one line";
    const uint8_t *end = data + size;
    if (b.plan < data || b.plan + b.plan_size > end || b.photo < data || b.photo + b.photo_size > end)
        return "a part outside the bundle";
    if (strchr(b.photo_name, '/') || strchr(b.photo_name, '\\') || !strcmp(b.photo_name, "..") || !b.photo_name[0])
        return "a photo name that leaves its folder";
    return NULL;
}

static inline const char *fuzz_replay_line(const char *line, size_t len)
{
    ReplayCmd cmd;
    char problem[REPLAY_PROBLEM_MAX];
    if (!replay_parse_line(line, len, &cmd, problem)) {
        if (!problem[0])
            return "replay line refused without a reason";
        if (strchr(problem, '\n') || strchr(problem, '\r'))
            return "replay problem spans several lines";
        return NULL;
    }
    if (cmd.kind < REPLAY_NOP || cmd.kind > REPLAY_QUIT)
        return "replay line parsed to an unknown kind";
    if (memchr(cmd.event.text, 0, sizeof cmd.event.text) == NULL)
        return "replay text is not NUL-terminated";
    return NULL;
}

/* The input as a script: every line, as the replay driver reads them. */
static inline const char *fuzz_check_replay(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *end = s + size;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
        const char *problem = fuzz_replay_line(s, len);
        if (problem)
            return problem;
        s += len + 1;
    }
    return NULL;
}

#endif
