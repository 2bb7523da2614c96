# tests/fuzz/fuzz.mk - `make fuzz`: libFuzzer targets, included by the top Makefile.
#
#   make fuzz [FUZZ_SECONDS=600]
#
# Builds into build-fuzz/ with clang -fsanitize=fuzzer,address,undefined and runs
# each target for FUZZ_SECONDS (-max_total_time) on a copy of its seed corpus
# (build-fuzz/corpus/TARGET: tests/fuzz/corpus/TARGET and tests/fuzz/regress/TARGET
# are copied in, what the fuzzer adds stays there between runs, tests/ is never
# written). Prints the executions per target; a crash, hang (-timeout) or leak
# stops the run with the input saved in build-fuzz/artifacts/TARGET/.
# A finding's input belongs in tests/fuzz/regress/TARGET/ (tests/test_fuzz_regress.c
# replays those in `make test` and `make asan`).

FUZZ_BUILD   := build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_TIMEOUT ?= 20
FUZZ_CC      := clang
FUZZ_TARGETS := photo plan replay bundle
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := $(WARN) -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
                $(shell pkg-config --cflags libjpeg libpng lcms2 libheif libwebp 2>/dev/null)

# What each target links: the code under test and what it needs, nothing else.
FUZZ_SRC_photo  := src/io/photo.c src/io/photo_jpeg.c src/io/photo_png.c src/io/photo_heif.c \
                   src/io/photo_webp.c src/io/photo_orient.c src/io/photo_icc.c src/io/atomic_file.c \
                   src/core/image.c src/core/error.c src/core/sha256.c
FUZZ_LIBS_photo := $(shell pkg-config --libs libjpeg libpng lcms2 libheif libwebp 2>/dev/null) -lm
FUZZ_SRC_plan   := src/core/plan_json.c src/core/plan_json_write.c src/core/plan_json_text.c \
                   src/core/plan.c src/core/error.c
FUZZ_LIBS_plan  := -lm
FUZZ_SRC_replay := src/app/replay.c src/app/app_key.c
FUZZ_LIBS_replay := -lm
FUZZ_SRC_bundle := src/io/bundle.c src/io/atomic_file.c src/core/error.c
FUZZ_LIBS_bundle := -lm

FUZZ_BINS := $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))

.PHONY: fuzz-build fuzz-run
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-run

fuzz-build: $(FUZZ_BINS)

fuzz-run: fuzz-build
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) \
	 bash tests/fuzz/run.sh $(FUZZ_TARGETS)

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -Isrc -c -o $@ $<

define FUZZ_LINK
$(FUZZ_BUILD)/fuzz_$(1): $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_$(1).o $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(FUZZ_SRC_$(1)))
	$$(FUZZ_CC) -fsanitize=fuzzer $$(FUZZ_SAN) -o $$@ $$^ $$(FUZZ_LIBS_$(1))
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_LINK,$(t))))

# Regenerates the photo seeds (tiny images of every kind the loader handles).
# Built natively: it is a trusted tool, not code under test.
.PHONY: fuzz-corpus
fuzz-corpus: $(FUZZ_BUILD)/make_corpus
	@mkdir -p tests/fuzz/corpus/photo
	$< tests/fuzz/corpus/photo

$(FUZZ_BUILD)/make_corpus: tests/fuzz/make_corpus.c tests/photo_fixtures.h tests/heif_fixture.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(SYS_CFLAGS) -Isrc -o $@ $< $(LDLIBS)

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
