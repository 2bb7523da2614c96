# page.sh - runs one page of the browser build (sourced, not run), for
# tests/web/web_test.sh and bench/bench_page.sh. Needs root (the repository)
# and tests/lib.sh's TMP, fail, IMGCMP and SMPVIEW; sets web (the build's web
# folder) and chrome (empty: no chromium).
web=$SMP_BUILD/web
chrome=$(command -v chromium || command -v chromium-browser)

# page NAME QUERY [PAGE]: serves the build, runs chromium on PAGE?QUERY
# (test.html: the app with harness.js) until the page posts /done (or 300 s
# pass); results land in $TMP/NAME.
page() {
    local name=$1 query=$2 path=${3:-test.html} out=$TMP/$1
    mkdir -p "$out"
    python3 "$root/tests/web/server.py" "$web" "$root" "$out" "$out/port" &
    local srv=$!
    for _ in $(seq 100); do [ -f "$out/port" ] && break; sleep 0.1; done
    local port
    port=$(cat "$out/port" 2>/dev/null) || { fail "web_${name}_server" "did not start"; kill "$srv"; return; }
    "$chrome" --headless=new --no-sandbox --disable-gpu-sandbox --use-angle=swiftshader --enable-unsafe-swiftshader \
        --ignore-gpu-blocklist --window-size=1280,800 --no-first-run --disable-extensions --user-data-dir="$out/profile" \
        "http://127.0.0.1:$port/$path?$query" >"$out/chrome.log" 2>&1 &
    local chr=$!
    for _ in $(seq 3000); do kill -0 "$srv" 2>/dev/null || break; sleep 0.1; done
    kill "$srv" 2>/dev/null && fail "web_${name}_finished" "the page did not finish in 300 s"
    kill "$chr" 2>/dev/null
    wait "$chr" 2>/dev/null
    [ -n "${WEB_TEST_KEEP:-}" ] && cp -r "$out" "$WEB_TEST_KEEP/"
    [ -f "$out/error.txt" ] && fail "web_${name}_page" "$(head -c 400 "$out/error.txt")"
}

# big_photo NAME: a 24 MP JPEG (6000x4000, a head drawn by imgcmp) as
# $TMP/NAME/big24.jpg, where page NAME serves it from.
big_photo() {
    mkdir -p "$TMP/$1"
    "$IMGCMP" make-photo "$TMP/$1/big.png" 6000 4000 &&
        "$SMPVIEW" render --photo "$TMP/$1/big.png" --no-label -o "$TMP/$1/big24.jpg" 2>/dev/null
}
