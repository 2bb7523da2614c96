# bench/bench.mk - `make bench`: build the benchmark programs and print figures.
#
# Called by the main Makefile as `$(MAKE) -f bench/bench.mk BUILD=$(BUILD)` after
# `all`; runs alone too: `make -f bench/bench.mk BUILD=build-bench` (the library
# is brought up to date through the main Makefile first).
# Every figure is a median over several runs (the line says how many); targets
# are printed beside them and never fail the build: benchmarks are not tests.
# What each figure means: docs/bench.md.

BUILD ?= build
CC    ?= cc

BENCH_CFLAGS := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Werror -O2 -D_POSIX_C_SOURCE=200809L \
                -Isrc $(shell pkg-config --cflags cglm 2>/dev/null) -MMD -MP
CAIRO_CFLAGS := $(shell pkg-config --cflags cairo)
CAIRO_LIBS   := $(shell pkg-config --libs cairo)
LIB          := $(BUILD)/libsmp.a
BENCH_LIBS   := $(LIB) -lm -lpthread
BDIR         := $(BUILD)/bench

.PHONY: run programs app
# The archive's rules live in the main Makefile (a no-op when it is fresh).
run:
	@$(MAKE) --no-print-directory -f Makefile BUILD=$(BUILD) $(LIB)
	@$(MAKE) --no-print-directory -f bench/bench.mk BUILD=$(BUILD) programs
	@echo "== smpview bench ($(shell nproc) cores; medians; targets are informative) =="
	@$(BDIR)/bench_engine
	@$(BDIR)/bench_render
	@$(BDIR)/bench_matte
	@$(BDIR)/bench_head3d
	@$(BDIR)/bench_match
	@bash bench/bench_memory.sh $(BUILD)
	@bash bench/bench_wasm.sh $(BUILD)
	@bash bench/bench_page.sh $(BUILD)
	@$(MAKE) --no-print-directory -f bench/bench.mk BUILD=$(BUILD) app

programs: $(BDIR)/bench_engine $(BDIR)/bench_render $(BDIR)/bench_matte $(BDIR)/bench_head3d $(BDIR)/bench_match

$(BDIR)/bench_engine: bench/bench_engine.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BENCH_LIBS)

$(BDIR)/bench_matte: bench/bench_matte.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BENCH_LIBS)

$(BDIR)/bench_match: bench/bench_match.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BENCH_LIBS) -lstb

$(BDIR)/bench_head3d: bench/bench_head3d.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BENCH_LIBS)

$(BDIR)/bench_render: bench/bench_render.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(CAIRO_CFLAGS) -o $@ $< $(BENCH_LIBS) $(CAIRO_LIBS)

# The app's figures (drag frame times, start-up): bench/bench_app.sh.
app:
	@bash bench/bench_app.sh $(BUILD)

-include $(wildcard $(BDIR)/*.d)
