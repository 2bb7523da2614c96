/* test_ui.c - widget ids derived from a name and a parent (ui_id): stable,
 * distinct among siblings and across parents, and unique on every screen of
 * the editor (each tab, each dialog), with a frame that reuses one id as the
 * negative control. */
#include "test.h"

#include "app/app_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_id_is_stable_and_depends_on_name_and_parent(void)
{
    uint32_t panel = ui_id(0, "side panel"), dialog = ui_id(0, "Distance in mm");
    CHECK(panel != 0 && dialog != 0 && panel != dialog);
    CHECK(ui_id(panel, "OK") == ui_id(panel, "OK"));
    CHECK(ui_id(panel, "OK") != ui_id(dialog, "OK"));
    CHECK(ui_id(panel, "OK") != ui_id(panel, "Cancel"));
    CHECK(ui_id(panel, "ab") != ui_id(panel, "ba")); /* order counts, not just the letters */
    /* the keypad's one-character names, all distinct and never 0 */
    static const char *keys[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "<"};
    for (int i = 0; i < 12; i++) {
        CHECK(ui_id(dialog, keys[i]) != 0);
        for (int j = 0; j < i; j++)
            CHECKF(ui_id(dialog, keys[i]) != ui_id(dialog, keys[j]), "keys %s and %s", keys[i], keys[j]);
    }
}

/* Two buttons with one id in a frame: ui_ids_unique says so (and a frame
 * with distinct ids passes), so the check below cannot pass by accident. */
static void test_shared_id_is_noticed(void)
{
    FontAtlas font;
    DrawList dl;
    SmpError err;
    CHECK(font_bake(&font, 1.0f, &err));
    CHECK(draw_init(&dl, 4096, &font));
    Ui ui = {0};
    uint32_t box = ui_id(0, "box");
    ui_begin(&ui, &dl, 1.0f);
    ui_button(&ui, ui_id(box, "Open"), (UiRect){0, 0, 80, 48}, "Open", false);
    ui_button(&ui, ui_id(box, "Save"), (UiRect){80, 0, 80, 48}, "Save", false);
    CHECK(ui.id_count == 2 && ui_ids_unique(&ui));
    ui_button(&ui, ui_id(box, "Open"), (UiRect){160, 0, 80, 48}, "Open again", false);
    CHECK(ui.id_count == 3 && !ui_ids_unique(&ui));
    ui.id_count = 0; /* ui_end asserts uniqueness in make asan */
    ui_end(&ui);
    draw_free(&dl);
    font_free(&font);
}

/* Every tab of the side panel and every dialog, drawn by the editor: many
 * widgets, no id twice. */
static void test_every_screen_has_unique_ids(void)
{
    char dir[] = "/tmp/smp_ui_ids_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    AppConfig cfg = {NULL, dir, NULL, true};
    App *app = NULL;
    SmpError err = {{0}};
    CHECKF(app_create(&cfg, &app, &err), "%s", err.msg);
    if (!app)
        return;
    double now = 1;
    for (int tab = 0; tab < STEP_COUNT; tab++) {
        app->panels.step = (AppStep)tab;
        app_frame(app, now += 0.02, 1280, 800, 1);
        CHECKF(app->ui.id_count >= 20 && ui_ids_unique(&app->ui), "tab %d: %d widgets", tab, app->ui.id_count);
        CHECKF(app->ui.unhinted == 0, "tab %d: %d controls without a hint, first \"%s\"", tab, app->ui.unhinted,
               app->ui.first_unhinted);
    }
    static const AppDialogKind kinds[] = {DLG_SAVE_CHANGES, DLG_RECOVER, DLG_CALIBRATE, DLG_PATH,
                                          DLG_MESSAGE,      DLG_REPLACE, DLG_FORGET, DLG_CLIENT, DLG_CLINIC_TEXT};
    for (int purpose = PATH_OPEN; purpose <= PATH_LOCATE; purpose++)
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            if (kinds[k] != DLG_PATH && purpose > PATH_OPEN)
                continue;
            app->dlg.kind = kinds[k];
            app->dlg.purpose = (AppPathPurpose)purpose;
            app_frame(app, now += 0.02, 1280, 800, 1);
            CHECKF(app->ui.id_count >= 22 && ui_ids_unique(&app->ui), "dialog %d (purpose %d): %d widgets",
                   (int)kinds[k], purpose, app->ui.id_count);
            CHECKF(app->ui.unhinted == 0, "dialog %d (purpose %d): %d controls without a hint, first \"%s\"",
                   (int)kinds[k], purpose, app->ui.unhinted, app->ui.first_unhinted);
        }
    app->dlg.kind = DLG_NONE;
    app_destroy(app);
    CHECK(test_remove_dir(dir));
}

int main(void)
{
    TEST_RUN(test_id_is_stable_and_depends_on_name_and_parent);
    TEST_RUN(test_shared_id_is_noticed);
    TEST_RUN(test_every_screen_has_unique_ids);
    return TEST_SUMMARY();
}
