/* test_plan_json.c - the plan file format: exact round trips, defaults, and the
 * exact message for each kind of broken document. */
#include "core/plan_json.h"
#include "test.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A plan where every field differs from plan_init, with awkward numbers. */
static void make_full_plan(SmpPlan *p)
{
    plan_init(p);
    snprintf(p->photo_path, sizeof p->photo_path, "photos/cli\"ent\\ \t\xc3\xa9 1.jpg");
    snprintf(p->photo_hash, sizeof p->photo_hash, "sha256:%064d", 42);
    p->photo_width = 3024;
    p->photo_height = 4032;
    p->scale.set = true;
    p->scale.a = (PlanPoint){0.1, 1.0 / 3.0};
    p->scale.b = (PlanPoint){2999.9999999999995, -5e-324};
    p->scale.distance_mm = 62.999999999999993;
    PlanLandmarks *l = &p->landmarks;
    l->has_glabella = l->has_eye_left = l->has_eye_right = l->has_midline = true;
    l->glabella = (PlanPoint){1512.25, 2100.125};
    l->eye_left = (PlanPoint){1100, 2200};
    l->eye_right = (PlanPoint){1900.7, 2199.3};
    l->midline_a = (PlanPoint){1512, 0};
    l->midline_b = (PlanPoint){1513, 4032};
    PlanHairline *h = &p->hairline;
    h->count = PLAN_MAX_HAIRLINE_POINTS;
    for (int i = 0; i < h->count; i++)
        h->points[i] = (PlanPoint){900 + i * 11.1, 1300 - i * 0.7 + 1e-9 * i};
    h->symmetric = true;
    h->style = HAIRLINE_MATURE;
    h->transition_mm = 12.3;
    h->macro_irregularity = 0.123456789012345678;
    h->micro_irregularity = 1;
    PlanPoint pts[5] = {{1, 2}, {3.5, -4.25}, {9999999.999999998, -9999999}, {0.1, 0.2}, {7, 8}};
    plan_add_region(p, REGION_SCAR, REGION_STROKE, true, 2.5, pts, 5, NULL);
    plan_add_region(p, REGION_EXCLUDE, REGION_POLYGON, false, 0.1, pts + 1, 3, NULL);
    plan_add_region(p, REGION_TREAT, REGION_STROKE, false, 100, pts + 4, 1, NULL);
    p->growth.front_angle_deg = -87.5;
    p->growth.has_whorl = true;
    p->growth.whorl = (PlanPoint){1500.5, 800.25};
    p->growth.whorl_clockwise = false;
    p->growth.whorl_radius_mm = 35.5;
    p->dots = (PlanDots){123.456, 0.3, 0.85, 1.4, 33.3};
    p->pigment = (PlanPigment){0.55, -0.3};
    p->sessions = 4;
    p->session = 2;
    p->stage = STAGE_AGED;
    p->aged_years = 7.5;
    p->seed = 4294967295u;
}

static bool parse(const char *text, SmpPlan *out, SmpError *err)
{
    return plan_from_json(text, strlen(text), "plan.smp", out, err);
}

static void test_round_trip_full(void)
{
    SmpPlan p, back, defaults;
    make_full_plan(&p);
    CHECK(p.region_count == 3);
    plan_init(&defaults);
    CHECK(!plan_equal(&p, &defaults));
    char *text = NULL, *text2 = NULL;
    size_t len = 0, len2 = 0;
    SmpError err = {{0}};
    CHECK(plan_to_json(&p, &text, &len, &err));
    CHECK(text && strlen(text) == len);
    CHECKF(plan_from_json(text, len, "plan.smp", &back, &err), "%s", err.msg);
    CHECK(plan_equal(&p, &back));
    /* Spot checks, so a plan_equal that forgot a field cannot hide a loss. */
    CHECK(strcmp(back.photo_path, p.photo_path) == 0);
    CHECK(back.scale.b.y == -5e-324 && back.scale.a.y == 1.0 / 3.0);
    CHECK(back.hairline.count == 64 && back.hairline.style == HAIRLINE_MATURE && back.hairline.symmetric);
    CHECK(back.regions[0].kind == REGION_SCAR && back.regions[0].shape == REGION_STROKE && back.regions[0].erase);
    CHECK(back.regions[2].count == 1 && back.regions[2].points[0].x == 7);
    CHECK(back.growth.has_whorl && !back.growth.whorl_clockwise && back.growth.whorl_radius_mm == 35.5);
    CHECK(back.dots.density == 123.456 && back.dots.diameter_max_mm == 0.85);
    CHECK(back.sessions == 4 && back.session == 2 && back.stage == STAGE_AGED && back.aged_years == 7.5);
    CHECK(back.seed == 4294967295u && back.pigment.warmth == -0.3);
    /* Writing what was read gives the same bytes: the format is stable. */
    CHECK(plan_to_json(&back, &text2, &len2, &err));
    CHECK(text2 && len2 == len && memcmp(text, text2, len) == 0);
    CHECK(text[len - 1] == '\n' && strchr(text, '\r') == NULL);
    CHECK(strncmp(text, "{\n  \"smpview_plan\": 2,\n", 23) == 0);
    free(text);
    free(text2);
    plan_free(&p);
    plan_free(&back);
}

/* Pseudo-random bit patterns as coordinates: every double must come back
 * bit-exact, including ones that need all 17 digits. */
static void test_numbers_exact(void)
{
    SmpPlan p, back;
    plan_init(&p);
    uint64_t s = 0x9E3779B97F4A7C15ull;
    int bad = 0;
    for (int round = 0; round < 50; round++) {
        p.hairline.count = PLAN_MAX_HAIRLINE_POINTS;
        for (int i = 0; i < PLAN_MAX_HAIRLINE_POINTS; i++) {
            double v[2];
            for (int k = 0; k < 2; k++) {
                s = s * 6364136223846793005ull + 1442695040888963407ull;
                double u = (double)(s >> 11) / 9007199254740992.0; /* [0, 1), 53 bits */
                v[k] = (u - 0.5) * 2e7 * (k ? 1e-6 : 1);
            }
            p.hairline.points[i] = (PlanPoint){v[0], v[1]};
        }
        char *text;
        size_t len;
        SmpError err;
        if (!plan_to_json(&p, &text, &len, &err) || !plan_from_json(text, len, "p", &back, &err)) {
            bad++;
            continue;
        }
        if (!plan_equal(&p, &back) || memcmp(p.hairline.points, back.hairline.points, sizeof p.hairline.points))
            bad++;
        free(text);
        plan_free(&back);
    }
    CHECK(bad == 0);
    /* Shortest form: 0.35 is written "0.35", not "0.34999999999999998". */
    char *text;
    size_t len;
    plan_init(&p);
    CHECK(plan_to_json(&p, &text, &len, NULL));
    CHECKF(strstr(text, "\"diameter_mm\": [0.35, 0.75]") != NULL, "%s", text);
    CHECK(strstr(text, "\"density\": 90,") != NULL);
    free(text);
}

/* A comma-decimal LC_NUMERIC must not leak into the file. Builds de_DE with
 * localedef into a temporary LOCPATH (Debian's locales package has the
 * sources); where it cannot be built the test says so and counts as skipped. */
static void test_locale_independent(void)
{
    char dir[] = "/tmp/smp_locale_XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char cmd[256];
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
    bool have = system(cmd) == 0 && setenv("LOCPATH", dir, 1) == 0 && setlocale(LC_NUMERIC, "de_DE.UTF-8");
    if (!have) {
        TEST_SKIP("no comma-decimal locale could be built (localedef, locales package); checked only the C locale");
    } else {
        char probe[16];
        snprintf(probe, sizeof probe, "%.1f", 0.5);
        CHECKF(strcmp(probe, "0,5") == 0, "locale not active: %s", probe); /* the test really tests */
    }
    SmpPlan p, back;
    make_full_plan(&p);
    char *text;
    size_t len;
    SmpError err;
    CHECK(plan_to_json(&p, &text, &len, &err));
    CHECKF(strstr(text, "\"density\": 123.456,") != NULL, "density not written with '.'");
    CHECK(strstr(text, "0,") == NULL || strstr(text, "123,456") == NULL);
    CHECKF(plan_from_json(text, len, "p", &back, &err), "%s", err.msg);
    CHECK(plan_equal(&p, &back));
    /* Reading "63.5" must not stop at the '.' under a ',' locale. */
    SmpPlan q;
    CHECKF(parse("{\"smpview_plan\": 1, \"dots\": {\"density\": 63.5}}", &q, &err), "%s", err.msg);
    CHECK(q.dots.density == 63.5);
    free(text);
    plan_free(&p);
    plan_free(&back);
    setlocale(LC_NUMERIC, "C");
    CHECK(test_remove_dir(dir));
}

static void test_defaults(void)
{
    SmpPlan def, p;
    SmpError err;
    plan_init(&def);
    static const char *const same[] = {
        "{\"smpview_plan\": 1}",
        "\xEF\xBB\xBF {\"smpview_plan\": 1.0}\n",
        "{\"smpview_plan\":1,\"photo\":{},\"scale\":{},\"landmarks\":{},\"hairline\":{},\"regions\":[],"
        "\"growth\":{},\"dots\":{},\"pigment\":{},\"sessions\":{},\"stage\":{}}",
        "{\"smpview_plan\":1,\"photo\":null,\"scale\":null,\"landmarks\":null,\"hairline\":null,\"regions\":null,"
        "\"growth\":{\"whorl\":null},\"dots\":{\"density\":null},\"pigment\":null,\"sessions\":null,\"stage\":null,"
        "\"seed\":null}",
        /* Unknown keys anywhere are ignored, whatever their values. */
        "{\"smpview_plan\":1,\"future\":{\"x\":[1,2,{\"y\":null}],\"z\":\"\\u00e9\"},\"dots\":{\"sparkle\":true},"
        "\"comment\":\"made by hand\",\"smpview_plan_extra\":7}",
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        bool ok = parse(same[i], &p, &err);
        CHECKF(ok, "case %zu: %s", i, err.msg);
        CHECKF(ok && plan_equal(&p, &def), "case %zu differs from plan_init", i);
        plan_free(&p);
    }
    /* A style alone brings its presets; explicit numbers win over them. */
    CHECK(parse("{\"smpview_plan\":1,\"hairline\":{\"style\":\"edged\"}}", &p, &err));
    CHECK(p.hairline.style == HAIRLINE_EDGED && p.hairline.transition_mm == 1.5 &&
          p.hairline.micro_irregularity == 0.0);
    CHECK(parse("{\"smpview_plan\":1,\"hairline\":{\"transition_mm\":4,\"style\":\"broken\"}}", &p, &err));
    CHECK(p.hairline.style == HAIRLINE_BROKEN && p.hairline.transition_mm == 4 && p.hairline.macro_irregularity == 0.8);
    /* Sessions: the shown one defaults to the last. */
    CHECK(parse("{\"smpview_plan\":1,\"sessions\":{\"count\":2}}", &p, &err));
    CHECK(p.sessions == 2 && p.session == 2);
    CHECK(parse("{\"smpview_plan\":1,\"sessions\":{\"shown\":1}}", &p, &err));
    CHECK(p.sessions == 3 && p.session == 1);
    /* Region defaults; whorl without "at" keeps its settings but no whorl. */
    CHECKF(parse("{\"smpview_plan\":1,\"regions\":[{\"points\":[[1,2]]}],"
                 "\"growth\":{\"whorl\":{\"clockwise\":false}}}", &p, &err), "%s", err.msg);
    CHECK(p.region_count == 1 && p.regions[0].kind == REGION_TREAT && p.regions[0].shape == REGION_POLYGON &&
          !p.regions[0].erase && p.regions[0].radius_mm == 5.0 && p.regions[0].count == 1);
    CHECK(!p.growth.has_whorl && !p.growth.whorl_clockwise && p.growth.whorl_radius_mm == 40.0);
    plan_free(&p);
    /* Escapes decode to UTF-8, surrogate pairs included. */
    CHECK(parse("{\"smpview_plan\":1,\"photo\":{\"path\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\"}}", &p, &err));
    CHECKF(strcmp(p.photo_path, "a\"b\\c/d\n\xc3\xa9\xf0\x9f\x98\x80") == 0, "%s", p.photo_path);
    /* Limits themselves are accepted. */
    CHECKF(parse("{\"smpview_plan\":1,\"dots\":{\"density\":160,\"diameter_mm\":[2,2],\"elongation\":3},"
                 "\"seed\":4294967295,\"stage\":{\"years\":30},\"sessions\":{\"count\":4,\"shown\":4}}", &p, &err),
           "%s", err.msg);
    CHECK(p.dots.density == 160 && p.seed == 4294967295u && p.session == 4);
}

typedef struct BadCase {
    const char *doc;
    const char *msg;
} BadCase;

#define V "{\"smpview_plan\": 1, "
static const BadCase BAD[] = {
    /* the envelope */
    {"", "plan.smp: the file is empty, not a plan"},
    {"  \n\t ", "plan.smp: the file is empty, not a plan"},
    {"{}", "plan.smp: not a smpview plan (no \"smpview_plan\" format version)"},
    {"[]", "plan.smp: not a smpview plan (expected a JSON object, got an array)"},
    {"\"smpview_plan\"", "plan.smp: not a smpview plan (expected a JSON object, got a string)"},
    {"{\"smpview_plan\": 7}",
     "plan.smp: format version 7 is newer than this smpview supports (2); please update smpview"},
    {"{\"dots\": {\"density\": 900}, \"smpview_plan\": 3}",
     "plan.smp: format version 3 is newer than this smpview supports (2); please update smpview"},
    {"{\"smpview_plan\": \"1\"}", "plan.smp: smpview_plan: expected a whole number from 1 to 1000000000, got a string"},
    {"{\"smpview_plan\": 0}", "plan.smp: smpview_plan: expected a whole number from 1 to 1000000000, got 0"},
    {"{\"smpview_plan\": 1.5}", "plan.smp: smpview_plan: expected a whole number from 1 to 1000000000, got 1.5"},
    {"{\"smpview_plan\": 1, \"smpview_plan\": 1}", "plan.smp: smpview_plan: given twice (each key may appear once)"},
    /* syntax */
    {"{\"smpview_plan\": 1, \"dots\": {", "plan.smp: the JSON ends too early (truncated file?)"},
    {"{\"smpview_plan\": 1, \"seed\": \"abc", "plan.smp: the JSON ends too early (truncated file?)"},
    {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "plan.smp: line 3, column 1: unexpected NUL byte (binary data, not a plan)"},
    {"\xff\xfe\x01junk", "plan.smp: line 1, column 1: invalid JSON"},
    {V "\"dots\": {\"density\": NaN}}", "plan.smp: line 1, column 41: invalid JSON"},
    {V "\"dots\": {\"density\": -Infinity}}",
     "plan.smp: line 1, column 41: invalid value (JSON has numbers, strings, true, false and null)"},
    {V "\"dots\": {\"density\": 0x10}}",
     "plan.smp: line 1, column 41: invalid value (JSON has numbers, strings, true, false and null)"},
    {V "\"dots\": {\"density\": 01}}",
     "plan.smp: line 1, column 41: invalid value (JSON has numbers, strings, true, false and null)"},
    {V "\"seed\": 2,}", "plan.smp: line 1, column 30: unexpected ','"},
    {V "\"seed\": 2 \"x\": 1}", "plan.smp: line 1, column 30: expected ',' or '}'"},
    {V "\"x\": [1 2]}", "plan.smp: line 1, column 29: expected ',' or ']'"},
    {V "\"x\": [1,,2]}", "plan.smp: line 1, column 29: unexpected ','"},
    {V "\"x\" 1}", "plan.smp: line 1, column 25: invalid JSON"},
    {V "\"x\": 1} {}", "plan.smp: line 1, column 29: unexpected data after the plan"},
    {V "'x': 1}", "plan.smp: line 1, column 21: invalid JSON"},
    {V "\"x\": tru}", "plan.smp: line 1, column 26: invalid value (JSON has numbers, strings, true, false and null)"},
    {V "\"x\": \"a\tb\"}", "plan.smp: line 1, column 28: invalid character or escape in a string"},
    {V "\"x\": \"\\u0000\"}", "plan.smp: line 1, column 27: invalid character or escape in a string"},
    {V "\"x\": \"\\ud800x\"}", "plan.smp: line 1, column 27: invalid character or escape in a string"},
    {"{\n  \"smpview_plan\": 1,\n  \"x\": [1,]\n}", "plan.smp: line 3, column 10: unexpected ','"},
    /* wrong types and ranges, with their paths */
    {V "\"photo\": \"a.jpg\"}", "plan.smp: photo: expected an object, got a string"},
    {V "\"photo\": {\"path\": 5}}", "plan.smp: photo.path: expected a string, got a number"},
    {V "\"photo\": {\"width\": -1}}", "plan.smp: photo.width: expected a whole number from 0 to 1000000, got -1"},
    {V "\"scale\": {\"a\": [1, 2]}}", "plan.smp: scale.b: missing (a scale needs both points a and b)"},
    {V "\"scale\": {\"a\": [1, 2], \"b\": [3, 4], \"distance_mm\": 0}}",
     "plan.smp: scale.distance_mm: expected a number from 0.1 to 10000, got 0"},
    {V "\"landmarks\": {\"glabella\": {\"x\": 1, \"y\": 2}}}", "plan.smp: landmarks.glabella: expected [x, y]"},
    {V "\"landmarks\": {\"midline\": [[1, 2]]}}", "plan.smp: landmarks.midline: expected 2 points, got 1"},
    {V "\"hairline\": {\"points\": [[1,2],[3,4],[5,6],[7]]}}", "plan.smp: hairline.points[3]: expected [x, y]"},
    {V "\"hairline\": {\"points\": [[1,2],[3,4],[5,6],\"7,8\"]}}", "plan.smp: hairline.points[3]: expected [x, y]"},
    {V "\"hairline\": {\"points\": [[1,2],[3,4],[5,6],[7,8,9]]}}", "plan.smp: hairline.points[3]: expected [x, y]"},
    {V "\"hairline\": {\"points\": [[1,2],[3,1e999]]}}",
     "plan.smp: hairline.points[1][1]: expected a number from -10000000 to 10000000, got 1e999"},
    {V "\"hairline\": {\"points\": [[1e8,2]]}}",
     "plan.smp: hairline.points[0][0]: expected a number from -10000000 to 10000000, got 1e8"},
    {V "\"hairline\": {\"points\": {}}}", "plan.smp: hairline.points: expected a list of [x, y] points, got an object"},
    {V "\"hairline\": {\"symmetric\": 1}}", "plan.smp: hairline.symmetric: expected true or false, got a number"},
    {V "\"hairline\": {\"style\": \"wavy\"}}",
     "plan.smp: hairline.style: unknown hairline style \"wavy\" (expected soft, broken, edged or mature)"},
    {V "\"hairline\": {\"transition_mm\": 0.4}}",
     "plan.smp: hairline.transition_mm: expected a number from 0.5 to 30, got 0.4"},
    {V "\"hairline\": {\"macro_irregularity\": 1.01}}",
     "plan.smp: hairline.macro_irregularity: expected a number from 0 to 1, got 1.01"},
    {V "\"hairline\": {\"micro_irregularity\": -0.1}}",
     "plan.smp: hairline.micro_irregularity: expected a number from 0 to 1, got -0.1"},
    {V "\"regions\": {}}", "plan.smp: regions: expected a list of regions, got an object"},
    {V "\"regions\": [{\"points\": [[1,2]]}, {\"kind\": \"hair\", \"points\": [[1,2]]}]}",
     "plan.smp: regions[1].kind: unknown region kind \"hair\" (expected treat, exclude or scar)"},
    {V "\"regions\": [{\"shape\": \"circle\", \"points\": [[1,2]]}]}",
     "plan.smp: regions[0].shape: unknown region shape \"circle\" (expected polygon or stroke)"},
    {V "\"regions\": [{\"kind\": \"scar\"}]}", "plan.smp: regions[0].points: missing (a region needs its points)"},
    {V "\"regions\": [{\"points\": [[1,2]]}, {\"points\": []}]}",
     "plan.smp: regions[1].points: expected 1 to 4096 points, got 0"},
    {V "\"regions\": [{\"radius_mm\": 0, \"points\": [[1,2]]}]}",
     "plan.smp: regions[0].radius_mm: expected a number from 0.1 to 100, got 0"},
    {V "\"regions\": [{\"erase\": \"yes\", \"points\": [[1,2]]}]}",
     "plan.smp: regions[0].erase: expected true or false, got a string"},
    {V "\"regions\": [{\"points\": [[1,2],[3,4],[5,null]]}]}", "plan.smp: regions[0].points[2]: expected [x, y]"},
    {V "\"growth\": {\"front_angle_deg\": 400}}",
     "plan.smp: growth.front_angle_deg: expected a number from -360 to 360, got 400"},
    {V "\"growth\": {\"whorl\": {\"at\": [1]}}}", "plan.smp: growth.whorl.at: expected [x, y]"},
    {V "\"growth\": {\"whorl\": {\"radius_mm\": 0.5}}}",
     "plan.smp: growth.whorl.radius_mm: expected a number from 1 to 300, got 0.5"},
    {V "\"dots\": {\"density\": 900}}", "plan.smp: dots.density: expected a number from 1 to 160, got 900"},
    {V "\"dots\": {\"density\": 1e999}}", "plan.smp: dots.density: expected a number from 1 to 160, got 1e999"},
    {V "\"dots\": {\"density\": -1e999}}", "plan.smp: dots.density: expected a number from 1 to 160, got -1e999"},
    {V "\"dots\": {\"density\": \"90\"}}", "plan.smp: dots.density: expected a number from 1 to 160, got a string"},
    {V "\"dots\": {\"density\": true}}", "plan.smp: dots.density: expected a number from 1 to 160, got true"},
    {V "\"dots\": {\"density\": [90]}}", "plan.smp: dots.density: expected a number from 1 to 160, got an array"},
    {V "\"dots\": {\"density\": 50, \"density\": 60}}", "plan.smp: dots.density: given twice (each key may appear once)"},
    {V "\"dots\": {\"diameter_mm\": 0.5}}", "plan.smp: dots.diameter_mm: expected [min, max]"},
    {V "\"dots\": {\"diameter_mm\": [0.05, 0.5]}}",
     "plan.smp: dots.diameter_mm[0]: expected a number from 0.1 to 2, got 0.05"},
    {V "\"dots\": {\"diameter_mm\": [[0.3], 0.5]}}",
     "plan.smp: dots.diameter_mm[0]: expected a number from 0.1 to 2, got an array"},
    {V "\"dots\": {\"diameter_mm\": [0.9, 0.5]}}",
     "plan.smp: dots.diameter_mm: the minimum 0.9 mm is larger than the maximum 0.5 mm"},
    {V "\"dots\": {\"elongation\": 0.9}}", "plan.smp: dots.elongation: expected a number from 1 to 3, got 0.9"},
    {V "\"dots\": {\"angle_spread_deg\": 91}}",
     "plan.smp: dots.angle_spread_deg: expected a number from 0 to 90, got 91"},
    {V "\"pigment\": {\"shade\": 1.5}}", "plan.smp: pigment.shade: expected a number from 0 to 1, got 1.5"},
    {V "\"pigment\": {\"warmth\": -2}}", "plan.smp: pigment.warmth: expected a number from -1 to 1, got -2"},
    {V "\"sessions\": {\"count\": -3}}", "plan.smp: sessions.count: expected a whole number from 2 to 4, got -3"},
    {V "\"sessions\": {\"count\": 3.5}}", "plan.smp: sessions.count: expected a whole number from 2 to 4, got 3.5"},
    {V "\"sessions\": {\"count\": 2, \"shown\": 3}}",
     "plan.smp: sessions.shown: expected a whole number from 1 to 2, got 3"},
    {V "\"sessions\": 3}", "plan.smp: sessions: expected an object, got a number"},
    {V "\"stage\": {\"name\": \"wet\"}}",
     "plan.smp: stage.name: unknown stage \"wet\" (expected fresh, healed or aged)"},
    {V "\"stage\": {\"years\": 31}}", "plan.smp: stage.years: expected a number from 0 to 30, got 31"},
    {V "\"seed\": 4294967296}", "plan.smp: seed: expected a whole number from 0 to 4294967295, got 4294967296"},
    {V "\"seed\": -1}", "plan.smp: seed: expected a whole number from 0 to 4294967295, got -1"},
    {V "\"seed\": 1.5}", "plan.smp: seed: expected a whole number from 0 to 4294967295, got 1.5"},
    {V "\"edge_blend_mm\": 25}", "plan.smp: edge_blend_mm: expected a number from 0 to 20, got 25"},
    {V "\"consent\": {\"marketing\": true}}", "plan.smp: consent.date: missing (YYYY-MM-DD)"},
    {V "\"consent\": {\"date\": \"2026-12-04\"}}", "plan.smp: consent.marketing: missing (true or false)"},
    {V "\"consent\": {\"marketing\": true, \"date\": \"2026-13-04\"}}",
     "plan.smp: consent.date: expected a date as YYYY-MM-DD, got \"2026-13-04\""},
    {V "\"consent\": {\"marketing\": \"yes\", \"date\": \"2026-12-04\"}}",
     "plan.smp: consent.marketing: expected true or false, got a string"},
    {V "\"edge_blend_mm\": \"wide\"}", "plan.smp: edge_blend_mm: expected a number from 0 to 20, got a string"},
    {V "\"client\": 42}", "plan.smp: client: expected a string, got a number"},
    {V "\"client\": \"Ann\\nDrop\"}", "plan.smp: client: control character (code 10) in the client's name"},
    {V "\"client\": \"bell\\u0007\"}", "plan.smp: client: control character (code 7) in the client's name"},
    {V "\"client\": \"del\\u007f\"}", "plan.smp: client: control character (code 127) in the client's name"},
    {V "\"head_corrections\": {}}", "plan.smp: head_corrections: expected a list of head corrections, got an object"},
    {V "\"head_corrections\": [{\"mode\": \"head\", \"radius_px\": 5}]}",
     "plan.smp: head_corrections[0].points: missing (a head correction needs mode, radius_px and points)"},
    {V "\"head_corrections\": [{\"mode\": \"hat\", \"radius_px\": 5, \"points\": [[1, 2]]}]}",
     "plan.smp: head_corrections[0].mode: unknown correction mode \"hat\" (expected head or not_head)"},
    {V "\"head_corrections\": [{\"mode\": \"head\", \"radius_px\": 0, \"points\": [[1, 2]]}]}",
     "plan.smp: head_corrections[0].radius_px: expected a number from 0.5 to 1000, got 0"},
    {V "\"head_corrections\": [{\"mode\": \"not_head\", \"radius_px\": 5, \"points\": []}]}",
     "plan.smp: head_corrections[0].points: expected 1 to 1024 points, got 0"},
    {V "\"head_corrections\": [{\"mode\": \"not_head\", \"radius_px\": 5, \"points\": [[1, 2], [1e999, 2]]}]}",
     "plan.smp: head_corrections[0].points[1][0]: expected a number from -10000000 to 10000000, got 1e999"},
};
#undef V

/* The blend width round-trips; at its default it is not written, so plans
 * made before it existed are saved byte for byte as before. */
static void test_edge_blend(void)
{
    SmpPlan p;
    SmpError err;
    CHECKF(parse("{\"smpview_plan\": 1, \"edge_blend_mm\": 12.5}", &p, &err), "%s", err.msg);
    CHECK(p.edge_blend_mm == 12.5);
    char *text = NULL;
    size_t len = 0;
    SmpPlan back;
    CHECK(plan_to_json(&p, &text, &len, &err) && strstr(text, "\"edge_blend_mm\": 12.5"));
    CHECK(text && plan_from_json(text, len, "p", &back, &err) && back.edge_blend_mm == 12.5 && plan_equal(&p, &back));
    back.edge_blend_mm = 3;
    CHECK(plan_diff(&p, &back) == PLAN_PART_REGIONS);
    free(text);
    plan_free(&back);
    plan_free(&p);
    plan_init(&p);
    CHECK(p.edge_blend_mm == PLAN_DEFAULT_EDGE_BLEND_MM);
    CHECK(plan_to_json(&p, &text, &len, &err) && !strstr(text, "edge_blend_mm"));
    free(text);
    plan_free(&p);
}

/* Consent round-trips; a plan without it writes none. */
static void test_consent(void)
{
    SmpPlan p, back;
    SmpError err;
    CHECKF(parse("{\"smpview_plan\": 1, \"consent\": {\"marketing\": true, \"date\": \"2026-12-04\"}}", &p, &err),
           "%s", err.msg);
    CHECK(p.consent.recorded && p.consent.marketing && !strcmp(p.consent.date, "2026-12-04"));
    char *text = NULL;
    size_t len = 0;
    CHECK(plan_to_json(&p, &text, &len, &err) && plan_from_json(text, len, "p", &back, &err) && plan_equal(&p, &back));
    back.consent.marketing = false;
    CHECK(plan_diff(&p, &back) == PLAN_PART_CONSENT);
    free(text);
    plan_free(&back);
    plan_free(&p);
    plan_init(&p);
    CHECK(!p.consent.recorded && plan_to_json(&p, &text, &len, &err) && !strstr(text, "consent"));
    free(text);
    plan_free(&p);
}

/* The client's name round-trips, quotes, backslashes and non-ASCII included;
 * 127 bytes fit, 128 are refused; a plan without one writes none. */
static void test_client(void)
{
    SmpPlan p, back;
    SmpError err = {{0}};
    CHECKF(parse("{\"smpview_plan\": 1, \"client\": \"Zo\\u00eb \\\"Z\\\" O\\\\Brien #12\"}", &p, &err), "%s", err.msg);
    CHECKF(!strcmp(p.client, "Zo\xc3\xab \"Z\" O\\Brien #12"), "got %s", p.client);
    char *text = NULL;
    size_t len = 0;
    CHECK(plan_to_json(&p, &text, &len, &err) && plan_from_json(text, len, "p", &back, &err));
    CHECK(plan_equal(&p, &back) && !strcmp(back.client, p.client));
    back.client[0] = 0;
    CHECK(plan_diff(&p, &back) == PLAN_PART_CLIENT);
    free(text);
    plan_free(&back);
    plan_free(&p);
    char doc[400];
    for (int n = PLAN_CLIENT_MAX - 1; n <= PLAN_CLIENT_MAX; n++) {
        snprintf(doc, sizeof doc, "{\"smpview_plan\": 1, \"client\": \"%0*d\"}", n, 7);
        bool ok = parse(doc, &p, &err);
        if (n < PLAN_CLIENT_MAX)
            CHECKF(ok && strlen(p.client) == (size_t)n, "%d bytes: %s", n, ok ? "short" : err.msg);
        else
            CHECKF(!ok && !strcmp(err.msg, "plan.smp: client: longer than 127 bytes"), "%d bytes: %s", n,
                   ok ? "accepted" : err.msg);
        plan_free(&p);
    }
    plan_init(&p);
    CHECK(plan_to_json(&p, &text, &len, &err) && !strstr(text, "client"));
    free(text);
    plan_free(&p);
}

/* Head corrections round-trip in order with their mode, radius and points; a plan
 * without any writes none (older plans keep their bytes); plan_diff sees them. */
static void test_head_corrections(void)
{
    SmpPlan p, back;
    SmpError err;
    const char *doc = "{\"smpview_plan\": 1, \"head_corrections\": ["
                      "{\"mode\": \"not_head\", \"radius_px\": 12.5, \"points\": [[10, 20], [30.25, 40]]},"
                      "{\"mode\": \"head\", \"radius_px\": 3, \"points\": [[5, 6]]}]}";
    CHECKF(parse(doc, &p, &err), "%s", err.msg);
    CHECK(p.head_correction_count == 2 && !p.head_corrections[0].head && p.head_corrections[1].head);
    CHECK(p.head_corrections[0].radius_px == 12.5 && p.head_corrections[0].count == 2 &&
          p.head_corrections[0].points[1].x == 30.25 && p.head_corrections[1].points[0].y == 6);
    char *text = NULL;
    size_t len = 0;
    CHECK(plan_to_json(&p, &text, &len, &err) && strstr(text, "\"mode\": \"not_head\""));
    CHECK(text && plan_from_json(text, len, "p", &back, &err) && plan_equal(&p, &back));
    back.head_corrections[1].points[0].x = 5.5; /* negative control: the comparison sees the points */
    CHECK(plan_diff(&p, &back) == PLAN_PART_HEAD_CORRECTIONS);
    free(text);
    plan_free(&back);
    plan_free(&p);
    plan_init(&p);
    CHECK(plan_to_json(&p, &text, &len, &err) && !strstr(text, "head_corrections"));
    free(text);
    /* the editor's entry point keeps the reader's bounds */
    PlanPoint pt = {1, 2};
    CHECK(!plan_add_head_correction(&p, true, 0.1, &pt, 1, &err) && strstr(err.msg, "radius"));
    CHECK(!plan_add_head_correction(&p, true, 5, &pt, 0, &err));
    for (int i = 0; i < PLAN_MAX_HEAD_CORRECTIONS; i++)
        CHECK(plan_add_head_correction(&p, i & 1, 5, &pt, 1, NULL));
    CHECK(!plan_add_head_correction(&p, true, 5, &pt, 1, &err) && strstr(err.msg, "too many"));
    plan_free(&p);
}

static void test_bad_documents(void)
{
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        SmpPlan p;
        SmpError err = {{0}};
        /* The PNG case holds NUL bytes: its length is the literal's. */
        size_t len = strncmp(BAD[i].doc, "\x89PNG", 4) == 0 ? 16 : strlen(BAD[i].doc);
        bool ok = plan_from_json(BAD[i].doc, len, "plan.smp", &p, &err);
        CHECKF(!ok, "case %zu accepted: %s", i, BAD[i].doc);
        CHECKF(ok || strcmp(err.msg, BAD[i].msg) == 0, "case %zu:\n  doc  %s\n  got  %s\n  want %s", i, BAD[i].doc,
               err.msg, BAD[i].msg);
    }
}

/* A failure after some regions were read leaves *out as plan_init made it
 * (LeakSanitizer checks nothing stays allocated). */
static void test_failure_leaves_defaults(void)
{
    SmpPlan p, def;
    SmpError err;
    plan_init(&def);
    const char *doc = "{\"smpview_plan\":1,\"seed\":9,\"regions\":[{\"points\":[[1,2],[3,4]]},"
                      "{\"points\":[[1,2]]},{\"points\":[[1]]}]}";
    CHECK(!parse(doc, &p, &err));
    CHECK(strcmp(err.msg, "plan.smp: regions[2].points[0]: expected [x, y]") == 0);
    CHECK(plan_equal(&p, &def) && p.region_count == 0 && p.seed == 1);
    /* NULL name still gives a readable prefix. */
    CHECK(!plan_from_json("{}", 2, NULL, &p, &err));
    CHECK(strncmp(err.msg, "plan: ", 6) == 0);
}

/* Sizes: limits from plan.h, and absurd inputs refused before big allocations. */
static void test_limits(void)
{
    SmpPlan p;
    SmpError err;
    size_t cap = 8u << 20;
    char *doc = malloc(cap);
    CHECK(doc != NULL);
    if (!doc)
        return;
    /* 65 hairline points. */
    size_t n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"hairline\":{\"points\":[");
    for (int i = 0; i < 65; i++)
        n += (size_t)snprintf(doc + n, cap - n, "%s[%d,1]", i ? "," : "", i);
    n += (size_t)snprintf(doc + n, cap - n, "]}}");
    CHECK(!plan_from_json(doc, n, "plan.smp", &p, &err));
    CHECKF(strcmp(err.msg, "plan.smp: hairline.points: expected 0 to 64 points, got 65") == 0, "%s", err.msg);
    /* 257 regions. */
    n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"regions\":[");
    for (int i = 0; i < 257; i++)
        n += (size_t)snprintf(doc + n, cap - n, "%s{\"points\":[[1,2]]}", i ? "," : "");
    n += (size_t)snprintf(doc + n, cap - n, "]}");
    CHECK(!plan_from_json(doc, n, "plan.smp", &p, &err));
    CHECKF(strcmp(err.msg, "plan.smp: regions: 257 regions is over the limit of 256") == 0, "%s", err.msg);
    /* 256 regions load; a region of 4097 points does not. */
    n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"regions\":[");
    for (int i = 0; i < 256; i++)
        n += (size_t)snprintf(doc + n, cap - n, "%s{\"points\":[[1,2],[3,4],[5,6]]}", i ? "," : "");
    n += (size_t)snprintf(doc + n, cap - n, "]}");
    CHECKF(plan_from_json(doc, n, "plan.smp", &p, &err), "%s", err.msg);
    CHECK(p.region_count == 256);
    plan_free(&p);
    n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"regions\":[{\"points\":[");
    for (int i = 0; i < 4097; i++)
        n += (size_t)snprintf(doc + n, cap - n, "%s[%d,1]", i ? "," : "", i);
    n += (size_t)snprintf(doc + n, cap - n, "]}]}");
    CHECK(!plan_from_json(doc, n, "plan.smp", &p, &err));
    CHECKF(strcmp(err.msg, "plan.smp: regions[0].points: expected 1 to 4096 points, got 4097") == 0, "%s", err.msg);
    /* 129 head corrections, or one of 1025 points, are refused. */
    n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"head_corrections\":[");
    for (int i = 0; i < 129; i++)
        n += (size_t)snprintf(doc + n, cap - n, "%s{\"mode\":\"head\",\"radius_px\":4,\"points\":[[1,2]]}", i ? "," : "");
    n += (size_t)snprintf(doc + n, cap - n, "]}");
    CHECK(!plan_from_json(doc, n, "plan.smp", &p, &err));
    CHECKF(strcmp(err.msg, "plan.smp: head_corrections: 129 head corrections is over the limit of 128") == 0, "%s",
           err.msg);
    n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"head_corrections\":[{\"mode\":\"head\",\"radius_px\":4,\"points\":[");
    for (int i = 0; i < 1025; i++)
        n += (size_t)snprintf(doc + n, cap - n, "%s[%d,1]", i ? "," : "", i);
    n += (size_t)snprintf(doc + n, cap - n, "]}]}");
    CHECK(!plan_from_json(doc, n, "plan.smp", &p, &err));
    CHECKF(strcmp(err.msg, "plan.smp: head_corrections[0].points: expected 1 to 1024 points, got 1025") == 0, "%s",
           err.msg);
    /* Deep nesting is refused by depth, before jsmn ever sees it. */
    n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"x\":");
    for (int i = 0; i < 100000; i++)
        doc[n++] = '[';
    for (int i = 0; i < 100000; i++)
        doc[n++] = ']';
    doc[n++] = '}';
    CHECK(!plan_from_json(doc, n, "plan.smp", &p, &err));
    CHECKF(strcmp(err.msg, "plan.smp: line 1, column 54: nested deeper than 32 levels") == 0, "%s", err.msg);
    /* Brackets hidden from a naive string-aware depth scan: jsmn reads 1" as
     * one primitive, so a '"' there must not start a string for the scan. */
    n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"x\":[1\",");
    for (int i = 0; i < 100000; i++)
        doc[n++] = '[';
    CHECK(!plan_from_json(doc, n, "plan.smp", &p, &err));
    CHECKF(strcmp(err.msg, "plan.smp: line 1, column 57: nested deeper than 32 levels") == 0, "%s", err.msg);
    /* Millions of tiny values: refused by count, before the token array. */
    n = (size_t)snprintf(doc, cap, "{\"smpview_plan\":1,\"x\":[0");
    while (n < cap - 8) {
        doc[n++] = ',';
        doc[n++] = '0';
    }
    doc[n++] = ']';
    doc[n++] = '}';
    CHECK(!plan_from_json(doc, n, "plan.smp", &p, &err));
    CHECKF(strncmp(err.msg, "plan.smp: too large: ", 21) == 0, "%s", err.msg);
    free(doc);
}

static void test_to_json_refuses_non_finite(void)
{
    SmpPlan p;
    char *text = NULL;
    size_t len;
    SmpError err;
    plan_init(&p);
    p.dots.density = NAN;
    CHECK(!plan_to_json(&p, &text, &len, &err) && text == NULL);
    CHECKF(strcmp(err.msg, "dots.density: not a finite number, cannot be saved") == 0, "%s", err.msg);
    plan_init(&p);
    p.hairline.count = 3;
    p.hairline.points[2].y = INFINITY;
    CHECK(!plan_to_json(&p, &text, &len, &err));
    CHECKF(strcmp(err.msg, "hairline.points[2]: not a finite number, cannot be saved") == 0, "%s", err.msg);
}

static void test_sniff(void)
{
    static const char plan[] = "\xEF\xBB\xBF\n  {\"smpview_plan\": 1}";
    CHECK(plan_json_sniff(plan, sizeof plan - 1));
    CHECK(plan_json_sniff("{\"a\": 1, \"smpview_plan\": 1}", 27));
    CHECK(!plan_json_sniff("{\"smpview_plan\"", 10)); /* beyond len */
    CHECK(!plan_json_sniff("", 0));
    CHECK(!plan_json_sniff("{\"a\": 1}", 8));
    CHECK(!plan_json_sniff("[\"smpview_plan\"]", 16));
    CHECK(!plan_json_sniff("\x89PNG\r\n\x1a\n", 8));
    CHECK(!plan_json_sniff("\xff\xd8\xff\xe0", 4));
    /* What the writer produces is recognised. */
    SmpPlan p;
    plan_init(&p);
    char *text;
    size_t len;
    CHECK(plan_to_json(&p, &text, &len, NULL) && plan_json_sniff(text, len));
    free(text);
}

int main(void)
{
    TEST_RUN(test_round_trip_full);
    TEST_RUN(test_numbers_exact);
    TEST_RUN(test_locale_independent);
    TEST_RUN(test_defaults);
    TEST_RUN(test_bad_documents);
    TEST_RUN(test_edge_blend);
    TEST_RUN(test_consent);
    TEST_RUN(test_client);
    TEST_RUN(test_head_corrections);
    TEST_RUN(test_failure_leaves_defaults);
    TEST_RUN(test_limits);
    TEST_RUN(test_to_json_refuses_non_finite);
    TEST_RUN(test_sniff);
    return TEST_SUMMARY();
}
