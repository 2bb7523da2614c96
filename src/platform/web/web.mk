# web.mk - the browser build (docs/web.md), included by the Makefile.
# Debian's emscripten compiles the shared core, app and gfx code for WebGL2;
# src/platform/web holds the platform layer (no SDL: emscripten's SDL2 port is
# a download) and the page. Photos are decoded by the browser, so no codec
# library is linked; one thread (no cross-origin isolation needed): the app's
# jobs run between frames (threads_web.c).
WEB       := $(BUILD)/web
WEB_OBJ_D := $(BUILD)/web-obj
# emcc runs node scripts that need Debian's node modules; its cache (prebuilt
# libc, GL) is Debian's, read only.
EMCC      := NODE_PATH=/usr/share/nodejs emcc
WEB_CFLAGS := -std=c11 -O2 -msimd128 -Wall -Wextra -Wpedantic -Wshadow -Werror \
              -D_POSIX_C_SOURCE=200809L -DSMP_VERSION=\"$(VERSION)\" -I$(WEB_OBJ_D)/inc -MMD -MP
WEB_SRC := $(CORE_SRC) $(APP_SRC) $(GFX_SRC) src/cli/cli.c src/cli/cli_match.c src/cli/cli_views.c \
           src/io/atomic_file.c src/io/bundle.c src/io/photo.c src/io/photo_orient.c src/io/plan_file.c \
           $(wildcard src/platform/web/*.c)
WEB_OBJS := $(patsubst %.c,$(WEB_OBJ_D)/%.o,$(WEB_SRC)) \
            $(patsubst %,$(WEB_OBJ_D)/gen/%.o,bluenoise_tile font_data shaders)
WEB_EXPORTS := _main,_web_start,_web_open,_web_render,_web_export,_web_screenshot,_web_visible_dots,_web_dump_plan,_web_photo_pixels,_web_photo_register,_web_photo_drop,_web_photo_orientation,_web_photo_ready,_web_touch,_web_replay_clock,_web_jobs_run,_malloc,_free
WEB_LDFLAGS := -O2 -msimd128 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 \
               -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=128MB -sMAXIMUM_MEMORY=4GB \
               -sENVIRONMENT=web -sFORCE_FILESYSTEM=1 -sEXIT_RUNTIME=0 \
               -sEXPORTED_FUNCTIONS=$(WEB_EXPORTS) -sEXPORTED_RUNTIME_METHODS=FS,ccall,UTF8ToString -lidbfs.js
WEB_STATIC := $(wildcard src/platform/web/static/*)
WEB_ICONS  := $(WEB)/icon-192.png $(WEB)/icon-512.png

web: $(WEB)/smpview.js $(WEB)/jpeg_encoder.js $(WEB)/index.html $(WEB_ICONS) $(WEB)/sw.js

# jsmn, stb and cglm are header-only: reached through a folder of their own,
# never through the host's /usr/include.
$(WEB_OBJ_D)/inc/.stamp: src/platform/web/web.mk
	@mkdir -p $(dir $@)
	ln -sf /usr/include/jsmn.h /usr/include/stb/stb_truetype.h /usr/include/stb/stb_image_write.h $(dir $@)
	ln -sfn /usr/include/cglm $(dir $@)cglm
	@touch $@

$(WEB_OBJ_D)/%.o: %.c $(WEB_OBJ_D)/inc/.stamp
	@mkdir -p $(dir $@)
	$(EMCC) $(WEB_CFLAGS) -c -o $@ $<

$(WEB_OBJ_D)/gen/%.o: $(BUILD)/gen/%.c $(WEB_OBJ_D)/inc/.stamp
	@mkdir -p $(dir $@)
	$(EMCC) $(WEB_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(WEB)/smpview.js: $(WEB_OBJS) src/platform/web/library_web.js
	@mkdir -p $(dir $@)
	$(EMCC) $(WEB_LDFLAGS) --js-library src/platform/web/library_web.js -o $@ $(WEB_OBJS)

# An export's JPEG encoder for encode_worker.js: stb_image_write in a module of
# its own (the worker has no app), the page's own bytes.
$(WEB)/jpeg_encoder.js: src/platform/web/worker/jpeg_encoder.c src/platform/web/byte_sink.h $(WEB_OBJ_D)/inc/.stamp
	@mkdir -p $(dir $@)
	$(EMCC) $(filter-out -MMD -MP,$(WEB_CFLAGS)) -sMODULARIZE=1 -sEXPORT_NAME=JpegEncoder -sENVIRONMENT=worker \
	    -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sEXPORTED_FUNCTIONS=_jpeg_encode,_malloc,_free -o $@ $<

# The page, the sample plan and its photo (opened on a first visit).
$(WEB)/index.html: $(WEB_STATIC) seeds/front_hairline.smp assets/sample_front.jpg
	@mkdir -p $(WEB)/seeds $(WEB)/assets
	cp seeds/front_hairline.smp $(WEB)/seeds/
	cp assets/sample_front.jpg $(WEB)/assets/
	cp $(WEB_STATIC) $(WEB)/

$(WEB)/icon-%.png: $(BUILD)/tools/mkicon
	@mkdir -p $(dir $@)
	$< $* $@

# The service worker caches every file of the build; its cache name is the
# files' hash, so a new build replaces the old cache.
$(WEB)/sw.js: src/platform/web/sw.js.in $(WEB)/smpview.js $(WEB)/jpeg_encoder.js $(WEB)/index.html $(WEB_ICONS)
	cd $(WEB) && files=$$(find . -type f ! -name sw.js ! -name '*.tmp' | sed 's|^\./||' | sort) && \
	  ver=$$(cat $$files | sha256sum | cut -c1-16) && \
	  list=$$(printf '"%s", ' $$files) && \
	  sed -e "s|@VERSION@|$$ver|" -e "s|@FILES@|$$list|" $(CURDIR)/src/platform/web/sw.js.in > sw.js.tmp && mv sw.js.tmp sw.js

web-test: deps all web
	@bash tests/web/web_test.sh $(BUILD)

-include $(shell find $(WEB_OBJ_D) -name '*.d' 2>/dev/null)
