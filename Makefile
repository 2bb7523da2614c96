# smpview - build, test, bench. `make help` lists the targets.
#
# Everything a fresh Debian 12 machine needs is installed by `make deps`
# (apt-get, with sudo when not root); run, test and bench depend on it.

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
SAN     ?=
VERSION := 0.1.0

# Debian packages: to build, to test headless, to bench, for sanitizers/fuzzing.
PKGS_BUILD := make gcc pkg-config libsdl2-dev libstb-dev libcglm-dev libepoxy-dev libjsmn-dev \
              libjpeg62-turbo-dev libpng-dev liblcms2-dev libheif-dev libwebp-dev \
              fonts-dejavu-core
PKGS_TEST  := locales desktop-file-utils shared-mime-info libxml2-utils libgl1-mesa-dri libegl-mesa0 libegl1 glslang-tools python3 clang libclang-rt-14-dev
PKGS_BENCH := libcairo2-dev
# The browser build (make web) and its headless test (make web-test).
PKGS_WEB   := emscripten chromium

FONT_TTF := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

OPT      := -O2
ifeq ($(SAN),1)
OPT      := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
# SMP_ASSERT (src/core/smp_assert.h): internal invariants checked in this build only
OPT      += -DSMP_ASSERTS
endif
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Werror
CPPFLAGS := -D_POSIX_C_SOURCE=200809L -DSMP_VERSION=\"$(VERSION)\" -MMD -MP
CFLAGS   ?= -g
CORE_CFLAGS := $(WARN) $(OPT) $(CFLAGS) $(shell pkg-config --cflags stb cglm 2>/dev/null) -I/usr/include/stb
SYS_PKGS := sdl2 epoxy libjpeg libpng lcms2 libheif libwebp
SYS_CFLAGS  := $(CORE_CFLAGS) $(shell pkg-config --cflags $(SYS_PKGS) 2>/dev/null)
LDLIBS   := $(shell pkg-config --libs $(SYS_PKGS) stb cglm 2>/dev/null) -lm -lpthread
LDFLAGS  := $(OPT)

CORE_SRC := $(wildcard src/core/*.c)
IO_SRC   := $(wildcard src/io/*.c)
APP_SRC  := $(wildcard src/app/*.c)
GFX_SRC  := $(wildcard src/gfx/*.c)
PLAT_SRC := $(filter-out src/platform/main.c,$(wildcard src/platform/*.c))
CLI_SRC  := $(wildcard src/cli/*.c)
GEN_SRC  := $(BUILD)/gen/bluenoise_tile.c $(BUILD)/gen/font_data.c $(BUILD)/gen/shaders.c

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
CORE_OBJ := $(call obj,$(CORE_SRC)) $(BUILD)/obj/gen/bluenoise_tile.o $(BUILD)/obj/gen/font_data.o
LIB_OBJ  := $(CORE_OBJ) $(call obj,$(IO_SRC) $(APP_SRC) $(GFX_SRC) $(PLAT_SRC) $(CLI_SRC)) \
            $(BUILD)/obj/gen/shaders.o
MAIN_OBJ := $(BUILD)/obj/src/platform/main.o
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
SHADERS  := $(wildcard shaders/*.vert shaders/*.frag)
ICON_SIZES := 16 24 32 48 64 128 256
ICON_PNG := $(patsubst %,$(BUILD)/icons/%.png,$(ICON_SIZES))

.PHONY: web web-test
.PHONY: all run test check-test bench asan deps assets install clean help fuzz shaders-check
all: $(BUILD)/smpview $(TEST_BIN) $(BUILD)/imgcmp $(BUILD)/mkjpeg $(ICON_PNG) $(BUILD)/truth/truth_head.png

help:
	@echo "make          build $(BUILD)/smpview"
	@echo "make run      install packages, build, open the app on the bundled sample"
	@echo "make test     install packages, build, run every test headless"
	@echo "make asan     the tests under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "make bench    performance figures (medians) and ratios against cairo"
	@echo "make fuzz     libFuzzer targets, FUZZ_SECONDS each (default 600)"
	@echo "make assets   regenerate the bundled sample photos (identical bytes)"
	@echo "make deps     apt-get install what is missing"
	@echo "make web      the browser build into $(BUILD)/web (docs/web.md); make web-test tests it"
	@echo "make install  PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)"

# ---- packages ---------------------------------------------------------------
deps:
	@bash tools/deps.sh $(PKGS_BUILD) $(PKGS_TEST) $(PKGS_BENCH) $(PKGS_WEB)

# ---- build ------------------------------------------------------------------
# One archive for everything but main(): programs and tests pull what they use.
$(BUILD)/libsmp.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/smpview: $(MAIN_OBJ) $(BUILD)/libsmp.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/src/core/%.o: src/core/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CORE_CFLAGS) -c -o $@ $<

# The footprints' ink quadrature takes 64 square roots a dot: without errno
# (nothing reads it) gcc inlines and vectorises sqrtf, with the same results,
# as clang's wasm target does by default. Only here: the band pass (raster.c)
# built that way measured ~7% slower with a sharp photo (docs/bench.md).
$(BUILD)/obj/src/core/footprint.o: CORE_CFLAGS += -fno-math-errno

$(BUILD)/obj/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(SYS_CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CORE_CFLAGS) -Wno-overlength-strings -c -o $@ $<

# Build-time generators run natively (never under sanitizers: they are trusted
# tools and the blue-noise tile takes a few seconds).
HOST_CC := $(CC) -std=c11 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L
$(BUILD)/tools/%: tools/%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) -o $@ $< -lm

$(BUILD)/gen/bluenoise_tile.c: $(BUILD)/tools/gen_bluenoise
	@mkdir -p $(dir $@)
	$< $@.tmp && mv $@.tmp $@

$(BUILD)/gen/font_data.c: $(BUILD)/tools/embed $(FONT_TTF)
	@mkdir -p $(dir $@)
	$< $@ font_data $(FONT_TTF)

# The dermal dot's constants, generated for the shaders from the C header.
$(BUILD)/tools/gen_footprint_glsl: src/core/footprint_model.h

$(BUILD)/gen/footprint.glsl: $(BUILD)/tools/gen_footprint_glsl
	@mkdir -p $(dir $@)
	$< $@.tmp && mv $@.tmp $@

$(BUILD)/gen/shaders.c: $(BUILD)/tools/embed $(SHADERS) $(BUILD)/gen/footprint.glsl
	@mkdir -p $(dir $@)
	$< $@ shaders $(SHADERS) $(BUILD)/gen/footprint.glsl

# ---- tests ------------------------------------------------------------------
$(BUILD)/tests/%: tests/%.c $(BUILD)/libsmp.a tests/test.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(SYS_CFLAGS) -Isrc -o $@ $< $(BUILD)/libsmp.a $(LDFLAGS) $(LDLIBS)

# Test photos with known head and hair masks (tests/test_matte.c), rendered at build
# time by the sample generator's truth mode (~20 s of one core; never into assets/).
$(BUILD)/truth/truth_head.png: $(BUILD)/tools/gen_sample
	@mkdir -p $(dir $@)
	$< --truth $(dir $@) > /dev/null

# The script tests' one image tool: compares, probes and makes images with the
# app's own loader and writer; compares GPU and CPU dot layers.
$(BUILD)/imgcmp: tests/tools/imgcmp.c tests/tools/dotlayer.c tests/tools/imgtool.h $(BUILD)/libsmp.a
	$(CC) $(CPPFLAGS) $(SYS_CFLAGS) -Isrc -Itests/tools -o $@ tests/tools/imgcmp.c tests/tools/dotlayer.c \
	    $(BUILD)/libsmp.a $(LDFLAGS) $(LDLIBS)

# Helper for tests/cli/bad_inputs.sh: JPEG fixtures Python's stdlib cannot write.
$(BUILD)/mkjpeg: tests/tools/mkjpeg.c
	$(CC) $(CPPFLAGS) $(SYS_CFLAGS) -o $@ $< $(LDFLAGS) $(LDLIBS)

test: deps
	@$(MAKE) --no-print-directory check-test

# The browser test runs here only (not again under make asan): SMP_WEB_TEST.
check-test: all web
	@SMP_WEB_TEST=1 bash tests/run.sh $(BUILD)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan SAN=1 check-test-asan

check-test-asan: all
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 bash tests/run.sh $(BUILD)

# ---- run, bench, assets, install -------------------------------------------
run: deps all
	./$(BUILD)/smpview

bench: deps all
	@$(MAKE) --no-print-directory -f bench/bench.mk BUILD=$(BUILD)

assets: $(BUILD)/tools/gen_sample
	$(BUILD)/tools/gen_sample assets

# Desktop integration: the .desktop entry (photos and plans open with smpview),
# the plan MIME type, the icon (SVG and PNGs) and the man page. The caches
# (MIME, icons, desktop database) are refreshed only for a live install, not
# into a DESTDIR (packages do that in their triggers).
SHARE := $(DESTDIR)$(PREFIX)/share
install: $(BUILD)/smpview $(ICON_PNG)
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/smpview/seeds $(SHARE)/smpview/assets $(SHARE)/doc/smpview \
	           $(SHARE)/applications $(SHARE)/mime/packages $(SHARE)/man/man1 \
	           $(SHARE)/icons/hicolor/scalable/apps $(foreach n,$(ICON_SIZES),$(SHARE)/icons/hicolor/$(n)x$(n)/apps)
	install -m 755 $(BUILD)/smpview $(DESTDIR)$(PREFIX)/bin/smpview
	install -m 644 seeds/*.smp $(SHARE)/smpview/seeds/
	install -m 644 assets/*.jpg $(SHARE)/smpview/assets/
	install -m 644 README.md docs/*.md $(SHARE)/doc/smpview/
	install -m 644 data/smpview.desktop $(SHARE)/applications/smpview.desktop
	install -m 644 data/smpview-mime.xml $(SHARE)/mime/packages/smpview.xml
	install -m 644 data/smpview.svg $(SHARE)/icons/hicolor/scalable/apps/smpview.svg
	$(foreach n,$(ICON_SIZES),install -m 644 $(BUILD)/icons/$(n).png $(SHARE)/icons/hicolor/$(n)x$(n)/apps/smpview.png;)
	sed 's/@VERSION@/$(VERSION)/' docs/smpview.1 >$(SHARE)/man/man1/smpview.1 && chmod 644 $(SHARE)/man/man1/smpview.1
	@if [ -z "$(DESTDIR)" ]; then \
	    update-mime-database $(SHARE)/mime 2>/dev/null || true; \
	    update-desktop-database $(SHARE)/applications 2>/dev/null || true; \
	    gtk-update-icon-cache -q $(SHARE)/icons/hicolor 2>/dev/null || true; \
	fi

# The icon's PNG sizes, drawn by tools/mkicon.c (the shapes of data/smpview.svg).
$(BUILD)/tools/mkicon: tools/mkicon.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(WARN) -O2 -o $@ $< $(shell pkg-config --cflags --libs libpng) -lm

$(BUILD)/icons/%.png: $(BUILD)/tools/mkicon
	@mkdir -p $(dir $@)
	$< $* $@

clean:
	rm -rf build build-asan build-fuzz

# `make web` / `make web-test`: the browser build into $(BUILD)/web (rules in the file).
include src/platform/web/web.mk

# `make fuzz`: libFuzzer targets, built into build-fuzz/ (rules in the file).
include tests/fuzz/fuzz.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
