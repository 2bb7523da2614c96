/* app_key.c - key names for replay scripts and messages: parsing "ctrl+shift+s" into a key and modifiers, and naming a key. */
#include "app_event.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct KeyName {
    const char *name;
    int key;
} KeyName;

/* SDL's key names (lowercased) plus a few friendly aliases. */
static const KeyName key_names[] = {
    {"space", APP_KEY_SPACE},        {"return", APP_KEY_RETURN},     {"enter", APP_KEY_RETURN},
    {"escape", APP_KEY_ESCAPE},      {"esc", APP_KEY_ESCAPE},        {"backspace", APP_KEY_BACKSPACE},
    {"tab", APP_KEY_TAB},            {"delete", APP_KEY_DELETE},     {"left", APP_KEY_LEFT},
    {"right", APP_KEY_RIGHT},        {"up", APP_KEY_UP},             {"down", APP_KEY_DOWN},
    {"home", APP_KEY_HOME},          {"end", APP_KEY_END},           {"pageup", APP_KEY_PAGEUP},
    {"pagedown", APP_KEY_PAGEDOWN},  {"keypad +", APP_KEY_KP_PLUS}, {"kp_plus", APP_KEY_KP_PLUS},
    {"kp_minus", APP_KEY_KP_MINUS},  {"plus", '+'},                  {"minus", '-'},
};

static bool parse_one(const char *w, int *key)
{
    size_t n = strlen(w);
    if (n == 1 && isprint((unsigned char)w[0])) {
        *key = tolower((unsigned char)w[0]);
        return true;
    }
    if ((w[0] == 'f' || w[0] == 'F') && n >= 2 && n <= 3 && isdigit((unsigned char)w[1]) &&
        (n == 2 || isdigit((unsigned char)w[2]))) {
        int k = w[1] - '0';
        if (n == 3)
            k = k * 10 + (w[2] - '0');
        if (k < 1 || k > 12)
            return false;
        *key = APP_KEY_F1 + k - 1;
        return true;
    }
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (!strcasecmp(w, key_names[i].name)) {
            *key = key_names[i].key;
            return true;
        }
    return false;
}

bool app_key_parse(const char *combo, int *key, int *mods)
{
    *key = APP_KEY_NONE;
    *mods = 0;
    char part[32];
    const char *p = combo;
    for (;;) {
        /* A '+' right at the end is the plus key itself ("ctrl++"). */
        const char *plus = strchr(p, '+');
        if (plus == p && plus[1] == 0)
            plus = NULL;
        size_t n = plus ? (size_t)(plus - p) : strlen(p);
        if (n == 0 || n >= sizeof part)
            return false;
        memcpy(part, p, n);
        part[n] = 0;
        if (!plus)
            return parse_one(part, key);
        if (!strcasecmp(part, "ctrl") || !strcasecmp(part, "control") || !strcasecmp(part, "cmd") ||
            !strcasecmp(part, "gui"))
            *mods |= APP_MOD_CTRL;
        else if (!strcasecmp(part, "shift"))
            *mods |= APP_MOD_SHIFT;
        else if (!strcasecmp(part, "alt"))
            *mods |= APP_MOD_ALT;
        else
            return false;
        p = plus + 1;
    }
}

const char *app_key_name(int key, char buf[8])
{
    buf[0] = 0;
    if (key > ' ' && key < 127) {
        buf[0] = (char)key;
        buf[1] = 0;
        return buf;
    }
    if (key >= APP_KEY_F1 && key <= APP_KEY_F12) {
        snprintf(buf, 8, "f%d", key - APP_KEY_F1 + 1);
        return buf;
    }
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (key_names[i].key == key)
            return key_names[i].name;
    return buf;
}
