/* app_hints.c - the controls' one-line explanations (tooltips) and when they
 * show: the words a technician reads to learn what a control does. */
#include "app_internal.h"

#include <string.h>

typedef struct HintEntry {
    const char *label; /* the label, or how it starts */
    const char *hint;
} HintEntry;

static const HintEntry hints[] = {
    /* top bar */
    {"Open", "Open a client's photo or a saved plan (Ctrl+O)"},
    {"Save as", "Save the plan under a new name (Ctrl+Shift+S)"},
    {"Save", "Save the plan: the photo itself is never changed (Ctrl+S)"},
    {"Export", "Write a picture for the client or for marketing (Ctrl+E)"},
    {"Undo", "Take back the last change (Ctrl+Z)"},
    {"Redo", "Do again what Undo took back (Ctrl+Y)"},
    {"Fit", "Show the whole photo in the window (F)"},
    {"Help", "Every tool, gesture and shortcut on one page (F1)"},
    {"Forget client", "Close this client's photo and clear what the app remembers of them"},
    {"Panel", "Fold the side panel to its column of steps, giving the photo the room; tap again to unfold (D)"},
    {"Show client", "Full screen for the client: no guides or handles, before and after (S)"},
    /* tools */
    {"Pan", "Move the photo: drag it; pinch or scroll to zoom (P)"},
    {"Line", "Draw the hairline: tap to add points, drag to move them (H)"},
    {"Brush", "Paint where to treat, exclude or cover a scar (B)"},
    {"Eraser", "Take paint away from the painted areas (E)"},
    {"Scale", "Tell the app the size: tap two points a known distance apart (C)"},
    {"Marks", "Place the face marks: brow centre, eye corners, midline (L)"},
    {"Whorl", "Tap where the hair turns at the crown: dots follow it (W)"},
    {"Split", "Before on one side, after on the other: drag the divider (S)"},
    {"Before", "Hold to see the photo without the treatment (space)"},
    /* the guided steps (the row at the top of the side panel; Scale and Line
     * share their tools' hints) */
    {"Photo", "Step 1: open the client's photo"},
    {"Areas", "Step 4: paint where to treat, what to leave, and scars"},
    {"Look", "Step 5: the dots' density, size, darkness and warmth"},
    {"Show", "Step 6: show the client, export the pictures, save the plan"},
    {"Open photo or plan", "Open a client's photo or a saved plan (Ctrl+O)"},
    {"Clinic text", "Your clinic's name or handle at the top-right of every export (kept for next time)"},
    {"Buttons and text", "Make buttons and text bigger or smaller on this device (automatic: from the screen)"},
    {"View 0", "The plan's own photo: where the hairline and areas are edited"},
    {"View ", "Show this photo of the client with the plan's dots, as exported; areas can be painted on it"},
    {"Name the client", "Give this plan the client's name or a reference, to find it again in Open"},
    {"Change the client's name", "Change the name or reference this plan is listed under in Open"},
    {"Set the scale", "Choose the Scale tool: tap two points a known distance apart (C)"},
    {"Export image", "Write a picture for the client or for marketing (Ctrl+E)"},
    {"Save plan", "Save the plan: the photo itself is never changed (Ctrl+S)"},
    /* side panel */
    {"Dots", "How the dots look: how many, how big, how dark"},
    {"Hairline", "The front line: its shape, softness and direction"},
    {"Regions", "Painted areas, the head and hair found, and matching the stubble"},
    {"More below", "Scroll down to the rest: it does not all fit here"},
    {"Back to top", "Scroll back up to the start"},
    {"Density", "How many dots in each square centimetre of skin"},
    {"Dot size (mm), smallest", "The smallest dots, in millimetres on the skin"},
    {"Dot size (mm), largest", "The largest dots, in millimetres on the skin"},
    {"Dot shape", "1 is round; higher draws dots longer, like cut stubble"},
    {"Direction spread", "How much the dots' direction varies around the hair's growth"},
    {"Darkness", "How dark the pigment is, from soft grey to black"},
    {"Warmth", "The pigment's tone: cool ash to warm brown; match the client's hair"},
    {"Sessions", "How many sessions the treatment takes; each adds dots"},
    {"Session shown", "Which session the picture shows: earlier ones are lighter"},
    {"Fresh", "Right after a session: darker dots, red skin for a few days"},
    {"Healed", "About a month later: the settled, final look"},
    {"Aged", "Years later: softer, lighter and a little cooler"},
    {"Years since", "How many years after the treatment the aged picture shows"},
    {"New dot pattern", "Place the dots again at random, same settings"},
    {"Soft", "A natural, soft hairline: dots thin out gradually"},
    {"Broken", "A soft line broken up with small gaps, less regular"},
    {"Edged", "A crisp, defined line, like a fresh barber's edge-up"},
    {"Mature", "A higher line with the temples set back, as in older men"},
    {"Softness", "How wide the line's fade is: where dots thin out toward the face"},
    {"Waviness", "How much the line wanders instead of following the points exactly"},
    {"Stray dots", "A few lone dots in front of the line, as real hairlines have"},
    {"Growth direction", "The way hair grows at the front, in degrees"},
    {"Symmetric", "Mirror one half of the hairline onto the other, across the midline"},
    {"Keep left", "Keep the left half of the hairline and mirror it to the right"},
    {"Keep right", "Keep the right half of the hairline and mirror it to the left"},
    {"Whorl turns", "Which way the hair turns around the crown's whorl"},
    {"Mark an ear", "Mark the client's ear (one is enough in a side photo): it tells left from right and the head's turn"},
    {"Fit the head again", "Drop the head's corrections and fit it to the photo again (Undo takes it back)"},
    {"Delete", "Remove the selected hairline point (Delete), or hold a finger on it"},
    {"Treat", "Paint areas to treat with dots"},
    {"Exclude", "Paint areas to keep free of dots (ears, moles, hair you keep)"},
    {"Scar", "Paint a scar: its paler skin gets denser or darker dots"},
    {"Brush size", "The brush's width on the skin, in millimetres"},
    {"Dots: hairline + painted", "Now: dots fill behind the hairline and the painted areas. Tap for painted areas only"},
    {"Dots: only painted", "Now: dots only in painted areas. Tap to add the hairline's area"},
    {"Edge blend", "How wide the treated area fades into the skin around it, in mm"},
    {"Show head & hair", "Tint what the app took for head and for hair (M)"},
    {"Head brush", "Correct where the app thinks the head is (K)"},
    {"Head", "Paint what the app missed as head"},
    {"Not head", "Paint what is not head (wall, clothes) so no dots land there"},
    {"Match stubble", "Sample the client's stubble and propose dots that blend with it"},
    {"Eyedropper", "Tap on the client's stubble to sample it (i)"},
    {"Apply", "Use the proposed dot settings (Undo takes them back)"},
    /* show client */
    {"After", "The treatment alone, full screen"},
    {"Before | After", "Before and after in one picture, with a divider to drag"},
    {"Side by side", "Before and after next to each other"},
    {"Stage:", "Tap for the next stage: fresh, healed, aged"},
    {"Session ", "Tap for the next session"},
    {"Done", "Back to editing (Esc)"},
    /* dialogs */
    {"OK", "Confirm"},
    {"Cancel", "Close without changing anything (Esc)"},
    {"Use photo", "Use this photo for the plan"},
    {"Folder", "Browse the folders on this device"},
    {"Clients", "Your clients' plans, newest change first: type to search by name"},
    {"Use logo", "Place this picture in the corner of exports"},
    {"Logo", "Choose the clinic's logo for the corner of exports, or remove it"},
    {"Save  (S)", "Save the changes, then go on"},
    {"Don't save", "Go on and lose the changes since the last save"},
    {"Recover", "Bring back the work that was not saved"},
    {"Discard", "Delete the unsaved copy for good"},
    {"Replace", "Write over the existing file"},
    {"Forget", "Forget this client now"},
    {"Label SIMULATION", "Print SIMULATION on the picture (always on for social media crops)"},
    {"Area", "Export the whole photo, or only what the window shows"},
    {"Layout", "After alone, before | after, side by side, a sheet of every session and stage, or of every view"},
    {"Crop", "The full photo, or a social media crop around the head"},
    {"Face", "For marketing: show the face, hide the eyes, or crop the face away"},
    {"Marketing consent", "Record whether the client agreed to marketing use, with today's date"},
    {"0", "Type the distance"}, {"1", "Type the distance"}, {"2", "Type the distance"},
    {"3", "Type the distance"}, {"4", "Type the distance"}, {"5", "Type the distance"},
    {"6", "Type the distance"}, {"7", "Type the distance"}, {"8", "Type the distance"},
    {"9", "Type the distance"}, {".", "Decimal point"}, {"<", "Delete the last digit"},
    {"Close", "Close this page (Esc)"},
};

#define HAIRLINE_STYLES \
    "Hairline styles: Soft fades in, Edged is crisp, Broken is irregular, Mature sits higher at the temples."

/* The craft's words, explained the first time a control that uses them is
 * pressed (figures from ../shared/domain.md); at most 64 (a bit each). */
static const HintEntry terms[] = {
    {"Density", "Density: dots per cm² of skin. A full result is about 50-120; natural scalps have 65-110 follicles."},
    {"Dot shape", "Dot shape: 1 is round; higher stretches dots along the growth direction, like cut stubble."},
    {"Direction spread", "Direction spread: how far each dot's angle strays from the growth direction."},
    {"Darkness", "Darkness: how diluted the pigment is: grey heals softer and lighter than black."},
    {"Warmth", "Warmth: ash is a cool grey; brown is warmer, for lighter or warmer hair colours."},
    {"Sessions", "Sessions: SMP is built in 2-4 visits, 10-30 days apart, from light and sparse to dark and dense."},
    {"Session shown", "Session shown: which visit's result the picture shows."},
    {"Fresh", "Fresh: the first days after a visit: dots bolder and darker, some redness around them."},
    {"Healed", "Healed: about a month on: dots smaller, softer and lighter (up to half the darkness fades)."},
    {"Aged", "Aged: years on: dots fade further, soften and turn slightly cool."},
    {"Softness", "Softness: how wide the hairline's fade is, from single dots to full density (0.5-1 cm)."},
    {"Waviness", "Waviness: gentle irregular bends, so the line never looks drawn with a ruler."},
    {"Stray dots", "Stray dots: a few single dots ahead of the line, as a natural hairline has."},
    {"Soft", HAIRLINE_STYLES},
    {"Edged", HAIRLINE_STYLES},
    {"Broken", HAIRLINE_STYLES},
    {"Mature", HAIRLINE_STYLES},
    {"Symmetric", "Symmetric: one half of the hairline mirrored onto the other about the face's midline."},
    {"Growth direction", "Growth direction: the way the hair grows; dots lie along it."},
    {"Whorl", "Whorl: the spiral at the crown from which the hair grows outward (usually clockwise)."},
    {"Edge blend", "Edge blend: how far the dots fade out into the client's own hair or stubble."},
    {"Scar", "Scar: scar tissue is paler; dots there are denser and darker so it blends, never fully hidden."},
    {"Exclude", "Exclude: no dots here (ears, brows, or what the client does not want treated)."},
    {"Match stubble", "Match: samples the client's own stubble and proposes dots that look like it."},
    {"Eyedropper", "Eyedropper: tap the client's stubble to match the dots to it."},
    {"Head brush", "Head brush: correct where the app found head skin; dots go only on head skin."},
    {"Show head & hair", "Head & hair: the skin and the existing hair the app found in the photo."},
};
_Static_assert(sizeof terms / sizeof terms[0] <= 64, "one bit per term");

/* The table entry a label starts with (the longest), or -1. */
static int lookup(const HintEntry *table, size_t n, const char *label)
{
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(table[i].label);
        if (len > best_len && !strncmp(label, table[i].label, len))
            best = (int)i, best_len = len;
    }
    return best;
}

static void explain_first_use(App *app)
{
    int t = app->ui.pressed_label[0] ? lookup(terms, sizeof terms / sizeof terms[0], app->ui.pressed_label) : -1;
    if (t < 0 || app->explained & (1ull << t) || app->show_client)
        return;
    app->explained |= 1ull << t;
    app_set_status(app, terms[t].hint);
    app_state_set_explained(app, app->explained);
}

const char *app_hint_of(const char *label)
{
    int i = lookup(hints, sizeof hints / sizeof hints[0], label);
    return i < 0 ? NULL : hints[i].hint;
}

/* The hint's box above the control (below when there is no room), inside the window. */
static void draw_hint(App *app, UiRect at, const char *text)
{
    Ui *ui = &app->ui;
    float s = ui->scale, pad = 10 * s, W = (float)app->frame.width, H = (float)app->frame.height;
    float max_w = fminf(520 * s, W - 4 * pad);
    float line = app->font.line_h[FONT_SMALL] + 4 * s;
    int lines = app_wrap_text(app, 0, 0, max_w, text, 0, 4, false);
    float w = fminf(font_text_width(&app->font, FONT_SMALL, text), max_w) + 2 * pad, h = lines * line + 2 * pad;
    float x = fminf(fmaxf(at.x + at.w / 2 - w / 2, 4 * s), W - w - 4 * s);
    float y = at.y - h - 6 * s >= 0 ? at.y - h - 6 * s : fminf(at.y + at.h + 6 * s, H - h);
    draw_rect(ui->dl, x - s, y - s, w + 2 * s, h + 2 * s, ui->theme.accent);
    draw_rect(ui->dl, x, y, w, h, RGBA(24, 26, 31, 250));
    app_wrap_text(app, x + pad, y + pad, max_w, text, ui->theme.text, 4, true);
}

void app_hint_frame(App *app)
{
    Ui *ui = &app->ui;
    AppHint *h = &app->hint;
    explain_first_use(app);
    if (ui->hover_id != h->id)
        h->id = ui->hover_id, h->since = app->now;
    bool touch = ui->down && app->gesture.touch_input;
    /* a mouse press hides it; so does the client's before picture */
    if (!ui->hover_id || !ui->hover_hint || (ui->down && !touch) || app->before_held)
        return;
    if (app->now - h->since < (touch ? APP_HINT_HOLD_S : APP_HINT_HOVER_S))
        return;
    if (touch && ui->hover_kind == UI_KIND_BUTTON && ui->active == ui->hover_id)
        ui->active = 0; /* held to read the hint: lifting the finger does not press it */
    draw_hint(app, ui->hover_rect, ui->hover_hint);
    char line[sizeof h->logged];
    snprintf(line, sizeof line, "hint: %s", ui->hover_hint);
    app_status_log_shown(h->logged, sizeof h->logged, line);
}
