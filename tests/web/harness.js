// harness.js - the web test's driver inside the page (served only by
// tests/web/server.py as /test.html, never part of the build): waits for the
// app, screenshots the view (with and without its dots), renders the seeds
// with the CLI's code, tries to reach another origin, and posts every result
// to the server (POST /result/NAME, then /done).
"use strict";
const T = new URLSearchParams(location.search);
const violations = [];
addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective + " " + e.blockedURI));

async function post(name, body) {
  await fetch("/result/" + name, {method: "POST", body});
}
const frames = (n) => new Promise((ok) => {
  const step = () => (--n <= 0 ? ok() : requestAnimationFrame(step));
  requestAnimationFrame(step);
});
async function idle() { // no job running for 10 frames in a row
  for (let quiet = 0, i = 0; quiet < 10 && i < 3000; i++) {
    await frames(1);
    quiet = window.smpBusy ? 0 : quiet + 1;
  }
}
function key(type, k, code) {
  dispatchEvent(new KeyboardEvent(type, {key: k, code, bubbles: true}));
}
async function fileOut(path, name) {
  await post(name, FS.readFile(path));
}

async function screenshots() {
  await idle();
  await frames(5);
  await post("dot_target.txt", String(window.smpDotTarget));
  if (Module._web_screenshot(stringToNew("/work/t_view.png")) === 0) await fileOut("/work/t_view.png", "view.png");
  key("keydown", " ", "Space"); // hold "before": the photo alone
  await frames(5);
  if (Module._web_screenshot(stringToNew("/work/t_before.png")) === 0) await fileOut("/work/t_before.png", "before.png");
  key("keyup", " ", "Space");
}

function stringToNew(s) { // a C string the page never frees (a few per test)
  const n = s.length * 4 + 1, p = Module._malloc(n);
  Module.HEAPU8.set(new TextEncoder().encode(s + "\0"), p);
  return p;
}

async function renders() {
  for (const seed of (T.get("seeds") || "").split(",").filter(Boolean)) {
    const plan = await (await fetch("t/seeds/" + seed + ".smp")).text();
    const photo = JSON.parse(plan).photo.path.replace(/^\.\.\//, "");
    await window.smp.fetchInto("t/" + photo, "/work/t/" + photo);
    await window.smp.fetchInto("t/seeds/" + seed + ".smp", "/work/t/seeds/" + seed + ".smp");
    const out = "/work/t/out/" + seed + ".png";
    FS.mkdirTree("/work/t/out");
    const rc = Module.ccall("web_render", "number", ["string", "string", "string", "number"],
      ["/work/t/seeds/" + seed + ".smp", "", out, 1]);
    if (rc === 0) await fileOut(out, "render_" + seed + ".png");
    else await post("render_" + seed + ".err", "status " + rc);
  }
}

// The sample plan saved with its photo as one file, opened again; and the
// same file cut short, which must be refused with a message.
async function bundle() {
  const blob = window.smp.bundleOfCurrent("client.smpb");
  if (!blob) return post("bundle.txt", "no bundle");
  const bytes = new Uint8Array(await blob.arrayBuffer());
  await post("client.smpb", bytes);
  await window.smp.openFiles([new File([bytes], "client.smpb")]);
  await idle();
  const opened = "title=" + document.title + " dots=" + Module._web_visible_dots() + " error=" + window.smpError;
  await window.smp.openFiles([new File([bytes.subarray(0, bytes.length - 1000)], "cut.smpb")]);
  const banner = document.getElementById("banner");
  await post("bundle.txt", opened + "\ncut_banner=" + (banner.hidden ? "" : banner.textContent) + "\n");
}

// Photos made by the test (EXIF orientations, an ICC profile, the real CMYK
// one), decoded by the browser, rendered bare with the CLI's code; and how
// the worker read each one's pixels (decode.js: a video frame's or a canvas').
async function photos() {
  for (const name of (T.get("photos") || "").split(",").filter(Boolean)) {
    const path = "/work/fx/" + name, out = "/work/fx/out_" + name + ".png", frames = window.smpFrameReads || 0;
    await window.smp.fetchInto("o/fx/" + name, path);
    await post("photo_" + name + ".via", (window.smpFrameReads || 0) > frames ? "frame\n" : "canvas\n");
    const rc = Module.ccall("web_render", "number", ["string", "string", "string", "number"], ["", path, out, 1]);
    if (rc === 0) await fileOut(out, "photo_" + name + ".png");
    else await post("photo_" + name + ".err", "status " + rc + " " + window.smpError);
  }
  await decodedAgain((T.get("photos") || "").split(",").filter(Boolean).pop()); // the last: still registered
}

// A photo rendered a second time: its first render took the pixels the page
// registered (photo_decode_web.c), so this one copies the page's own. The
// control: with the page's copies dropped, the same render fails.
async function decodedAgain(name) {
  if (!name) return;
  const path = "/work/fx/" + name, out = "/work/fx/again_" + name + ".png";
  const render = () => Module.ccall("web_render", "number", ["string", "string", "string", "number"], ["", path, out, 1]);
  const again = render();
  if (again === 0) await fileOut(out, "photo_again.png");
  window.smp.pagePixels.fill(null);
  const lost = render();
  await post("again.txt", "again_rc=" + again + " lost_rc=" + lost + " lost_error=" + window.smpError + "\n");
  await window.smp.fetchInto("o/fx/" + name, path); // registered again for what follows
}

// ---- replays: a tests/ui script run in the page through DOM events ----
// (touches, mouse, keys: what input_web.c and library_web.js turn into
// AppEvents), one line a frame on the replay clock, as `smpview --replay`.
const KEYS = {tab: ["Tab", "Tab"], space: [" ", "Space"], return: ["Enter", "Enter"], enter: ["Enter", "Enter"],
  escape: ["Escape", "Escape"], esc: ["Escape", "Escape"], backspace: ["Backspace", "Backspace"],
  delete: ["Delete", "Delete"], left: ["ArrowLeft", "ArrowLeft"], right: ["ArrowRight", "ArrowRight"],
  up: ["ArrowUp", "ArrowUp"], down: ["ArrowDown", "ArrowDown"], home: ["Home", "Home"], end: ["End", "End"],
  pageup: ["PageUp", "PageUp"], pagedown: ["PageDown", "PageDown"], plus: ["+", "Equal"], minus: ["-", "Minus"],
  kp_plus: ["+", "NumpadAdd"], kp_minus: ["-", "NumpadSubtract"]};

function keyEvent(type, combo) {
  const parts = combo.split(/\+(?!$)/), name = parts.pop().toLowerCase(), mods = parts.map((m) => m.toLowerCase());
  const [k, code] = KEYS[name] || (/^f\d+$/.test(name) ? [name.toUpperCase(), name.toUpperCase()] : [name, ""]);
  dispatchEvent(new KeyboardEvent(type, {key: mods.includes("shift") && k.length === 1 ? k.toUpperCase() : k, code,
    ctrlKey: mods.some((m) => m === "ctrl" || m === "control"), metaKey: mods.some((m) => m === "cmd" || m === "gui"),
    shiftKey: mods.includes("shift"), altKey: mods.includes("alt"), bubbles: true}));
}

const fingers = new Map(); // id -> Touch on the canvas now
function touchEvent(type, id, x, y) {
  const canvas = document.getElementById("canvas");
  const t = new Touch({identifier: id, target: canvas, clientX: x, clientY: y});
  if (type === "touchend") fingers.delete(id); else fingers.set(id, t);
  const now = [...fingers.values()];
  canvas.dispatchEvent(new TouchEvent(type, {touches: now, targetTouches: now, changedTouches: [t],
    bubbles: true, cancelable: true}));
}

function mouseEvent(type, x, y, button) {
  const b = {left: 0, middle: 1, right: 2}[button || "left"];
  const target = type === "mouseup" ? window : document.getElementById("canvas");
  target.dispatchEvent(new MouseEvent(type, {clientX: x, clientY: y, button: b, bubbles: true}));
}

// Runs one line; its files go to dir.
async function replayLine(words, dir) {
  const [cmd, ...a] = words, n = a.map(Number);
  const finger = {finger_down: "touchstart", finger_move: "touchmove", finger_up: "touchend"}[cmd];
  const mouse = {mouse_down: "mousedown", mouse_move: "mousemove", mouse_up: "mouseup"}[cmd];
  if (finger) touchEvent(finger, n[0], n[1], n[2]);
  else if (mouse) mouseEvent(mouse, n[0], n[1], a[2]);
  else if (cmd === "key") { keyEvent("keydown", a[0]); keyEvent("keyup", a[0]); }
  else if (cmd === "key_down" || cmd === "key_up") keyEvent(cmd === "key_up" ? "keyup" : "keydown", a[0]);
  else if (cmd === "wait") await frames(Math.max(n[0] - 1, 0));
  else if (cmd === "dump") Module.ccall("web_dump_plan", "number", ["string"], [dir + "/" + a[0]]);
  else if (cmd === "screenshot") {
    await frames(1); // drawn with this line's state, as the desktop's screenshot
    Module._web_screenshot(stringToNew(dir + "/" + a[0]));
    return;
  } else throw new Error("replay: no web equivalent for '" + words.join(" ") + "'");
  await frames(1);
}

// tests/ui/SCRIPT on a fresh 800x600 view of the test photo.png, as
// `smpview photo.png --size 800x600 --replay SCRIPT`.
async function replay(script) {
  const dir = "/work/t/replay";
  const canvas = document.getElementById("canvas");
  canvas.style.width = "800px";
  canvas.style.height = "600px";
  document.getElementById("bar").hidden = true;
  await window.smp.fetchInto("o/photo.png", dir + "/photo.png");
  await idle(); // the sample plan opened at start is in
  Module.ccall("web_open", null, ["string"], [dir + "/photo.png"]);
  await idle();
  if (!document.title.startsWith("photo.png")) throw new Error("replay: photo.png did not open: " + document.title);
  Module._web_replay_clock();
  const text = await (await fetch("t/tests/ui/" + script)).text();
  for (const line of text.split("\n")) {
    const words = line.trim().split(/\s+/);
    if (!words[0] || words[0].startsWith("#")) continue;
    while (window.smpBusy) await frames(1); // the desktop waits for a job as well
    await replayLine(words, dir);
  }
  await idle();
  const files = FS.readdir(dir).filter((f) => !f.startsWith(".") && f !== "photo.png" && !f.includes(".tmp"));
  for (const f of files) await fileOut(dir + "/" + f, "replay_" + f);
  await post("replay_done.txt", files.join(" ") + "\n");
}

// Opens a big photo as the file picker would and times it from the pick: to
// its name in the title (shown_ms), to the photo drawn whole with the detail
// the view needs (drawn_ms: the open, what the technician and the client wait
// for), and to the mattes found after it (mattes_ms: the page idle again);
// the waits between frames over the open and over the whole; and counts the
// app's job steps, the tasks they ran in and the steps run while the photo
// was being drawn (and how soon after it began: app.js holds them back for
// its first PHOTO_FIRST_MS).
// What stops the page's thread is told apart from what the software GL costs:
// the longest task on the page's thread (the browser's long tasks, over 50
// ms), and the longest wait between frames of the idle page before the open.
// Notes each wait between frames ({ms, at}) from now until stop(), which notes
// the wait up to it too (the frame that ended a loop, if not ticked yet).
function watchFrames() {
  const gaps = [];
  let last = performance.now(), running = true;
  const tick = (t) => { gaps.push({ms: t - last, at: t}); last = t; if (running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  return {gaps, stop() { running = false; gaps.push({ms: performance.now() - last, at: performance.now()}); }};
}

// The longest of a list of waits, its 95th percentile, and how many were over 50 ms.
function waits(list) {
  const ms = list.map((g) => g.ms).sort((a, b) => a - b);
  return {max: ms.length ? ms[ms.length - 1] : 0, p95: ms[Math.floor(ms.length * 0.95)] || 0, over50: ms.filter((g) => g > 50.5).length};
}

async function bigOpen(name) {
  const bytes = new Uint8Array(await (await fetch("o/" + name)).arrayBuffer());
  await idle();
  let idleGap = 0;
  for (let i = 0, t = performance.now(); i < 30; i++) {
    await frames(1);
    idleGap = Math.max(idleGap, performance.now() - t);
    t = performance.now();
  }
  let longestTask = 0;
  const noteLongTasks = (entries) => { for (const e of entries) longestTask = Math.max(longestTask, e.duration); };
  const longTasks = new PerformanceObserver((l) => noteLongTasks(l.getEntries()));
  longTasks.observe({type: "longtask"});
  const jobs = window.smp.jobs;
  jobs.reset(); // the open's own figures
  const watch = watchFrames(), gaps = watch.gaps;
  const t0 = performance.now();
  await window.smp.openFiles([new File([bytes], name, {type: "image/jpeg"})]);
  const tFiles = performance.now() - t0;
  let shownMs = -1, drawnMs = -1, drawingSeen = false;
  for (let i = 0; i < 6000 && (window.smpBusy || !document.title.startsWith(name)); i++) {
    await frames(1);
    const shown = document.title.startsWith(name);
    drawingSeen = drawingSeen || (shown && !!window.smpDrawing);
    if (shownMs < 0 && shown) shownMs = performance.now() - t0;
    if (drawnMs < 0 && shown && !window.smpDrawing) drawnMs = performance.now() - t0;
  }
  const ms = performance.now() - t0;
  watch.stop();
  noteLongTasks(longTasks.takeRecords());
  longTasks.disconnect();
  const all = waits(gaps), open = waits(gaps.filter((g) => g.at <= t0 + drawnMs));
  await post("bigopen.txt", "drawn_ms=" + drawnMs.toFixed(0) + " open_max_frame_gap_ms=" + open.max.toFixed(0) +
    " open_frame_gap_p95_ms=" + open.p95.toFixed(0) + " open_gaps_over_50ms=" + open.over50 +
    " mattes_ms=" + ms.toFixed(0) + " max_frame_gap_ms=" + all.max.toFixed(0) +
    " frame_gap_p95_ms=" + all.p95.toFixed(0) + " gaps_over_50ms=" + all.over50 +
    " frames=" + gaps.length + " title=" + document.title + " error=" + window.smpError + " files_ms=" + tFiles.toFixed(0) + " shown_ms=" + shownMs.toFixed(0) +
    " drawing_seen=" + drawingSeen + " steps_while_drawing=" + jobs.stepsWhileDrawing +
    " soonest_step_while_drawing_ms=" + (jobs.stepsWhileDrawing ? jobs.soonestWhileDrawingMs.toFixed(0) : "none") +
    " photo_first_ms=" + jobs.photoFirstMs + " frame_reads=" + (window.smpFrameReads || 0) +
    " worker_decodes=" + (window.smpWorkerDecodes || 0) + " job_steps=" + jobs.steps + " job_tasks=" + jobs.tasks +
    " most_steps_a_task=" + jobs.most + " longest_job_task_ms=" + jobs.longestMs.toFixed(0) + " longest_task_ms=" + longestTask.toFixed(0) +
    " idle_frame_gap_ms=" + idleGap.toFixed(0) + "\n");
}

// Exports the picture as PNG (web_export: as the Export dialog does) and
// times it to the file written: the longest wait between frames, the waits
// over 50 ms and the frames drawn meanwhile, the export job's steps and the
// tasks they ran in (its mattes are found in steps), and whether the worker
// encoded it (app.js encoder); posts NAME.txt and the file as NAME.png.
async function exportPicture(name, ext = "png") {
  await idle();
  window.smp.jobs.reset();
  const out = "/work/t/" + name + "." + ext, encodes = window.smpWorkerEncodes || 0;
  FS.mkdirTree("/work/t");
  const watch = watchFrames(), t0 = performance.now();
  Module.ccall("web_export", null, ["string"], [out]);
  for (let i = 0; i < 12000 && (i < 2 || window.smpBusy); i++) await frames(1);
  const ms = performance.now() - t0;
  watch.stop();
  const written = FS.analyzePath(out).exists, w = waits(watch.gaps);
  await post(name + ".txt", "written=" + written + " export_ms=" + ms.toFixed(0) +
    " max_frame_gap_ms=" + w.max.toFixed(0) + " gaps_over_50ms=" + w.over50 + " frames=" + watch.gaps.length + " job_steps=" + window.smp.jobs.steps + " job_tasks=" + window.smp.jobs.tasks +
    " longest_job_task_ms=" + window.smp.jobs.longestMs.toFixed(0) + " worker_encodes=" + ((window.smpWorkerEncodes || 0) - encodes) +
    " error=" + window.smpError + "\n");
  if (written) await fileOut(out, name + "." + ext);
}

// Web Share (app.js deliver): with a browser that shares the file's type the
// file goes to the share sheet, with its name and type; otherwise, or when the
// share is refused for want of a tap, a download; a sheet the user closed
// leaves nothing. Controls: chromium's own navigator (no file sharing on
// Linux) downloads.
async function share() {
  const seen = [], click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () { seen.push("download " + this.download); };
  const stub = (name, value) => Object.defineProperty(navigator, name, {value, configurable: true, writable: true});
  const png = new Blob([FS.readFile("/work/t_view.png")]);
  const results = [];
  const run = async (label, name) => { seen.length = 0; results.push(label + ": " + await window.smp.deliver(png, name) + " " + seen.join(",")); };
  try {
    await run("native", "view.png");
    stub("canShare", (d) => d.files.every((f) => f.type.startsWith("image/")));
    stub("share", async (d) => { seen.push("share " + d.files.map((f) => f.name + " " + f.type + " " + f.size).join(",")); });
    await run("sharing", "view.png");
    await run("sharing_other_type", "client.smpb");
    stub("share", async () => { throw new DOMException("no tap", "NotAllowedError"); });
    await run("refused", "view.png");
    stub("share", async () => { throw new DOMException("closed", "AbortError"); });
    await run("closed", "view.png");
  } finally {
    delete navigator.canShare;
    delete navigator.share;
    HTMLAnchorElement.prototype.click = click;
  }
  await post("share.txt", "png_size=" + png.size + "\n" + results.join("\n") + "\n");
}

// ---- photos kept across a reload (app.js keepPhoto; docs/web.md) ----
// The page's IndexedDB as IDBFS stores it: one line a file ("KEY SIZE"),
// with the text of the state's small files.
function idbFiles(db) {
  return new Promise((ok) => {
    const r = indexedDB.open(db);
    r.onerror = () => ok(["error " + db]);
    r.onsuccess = () => {
      const d = r.result;
      if (!d.objectStoreNames.contains("FILE_DATA")) { d.close(); return ok([]); }
      const store = d.transaction("FILE_DATA").objectStore("FILE_DATA"), keys = store.getAllKeys(), vals = store.getAll();
      vals.onsuccess = () => {
        d.close();
        ok(keys.result.map((k, i) => {
          const c = vals.result[i].contents;
          return k + (c ? " " + c.length + (/\.txt$/.test(k) ? " " + JSON.stringify(new TextDecoder().decode(c)) : "") : "");
        }));
      };
    };
  });
}
async function idbDump() {
  return (await idbFiles("/work/state")).concat(await idbFiles("/work/photos")).join("\n") + "\n";
}

// The current plan rendered with the CLI's code (its dots on its photo).
async function renderCurrent(name) {
  FS.mkdirTree("/work/t");
  if (Module.ccall("web_dump_plan", "number", ["string"], ["/work/t/current.smp"]) ||
      Module.ccall("web_render", "number", ["string", "string", "string", "number"], ["/work/t/current.smp", "", "/work/t/current.png", 1]))
    return post(name + ".err", "no plan to render: " + document.title + " " + window.smpError);
  await fileOut("/work/t/current.png", name);
}

function persistLayout() { // as the replays: 800x600, the top bar's buttons where forget_client.txt has them
  const canvas = document.getElementById("canvas");
  canvas.style.width = "800px";
  canvas.style.height = "600px";
  document.getElementById("bar").hidden = true;
}
const nextPhase = (n) => { location.href = location.href.replace(/persist=\d/, "persist=" + n); };

// A bundle of the sample plan on second.jpg (the sample photo saved again:
// other bytes), as "Save plan with photo" makes them.
async function secondBundle() {
  const photo = new Uint8Array(await (await fetch("o/second.jpg")).arrayBuffer());
  const plan = JSON.parse(await (await fetch("t/seeds/front_hairline.smp")).text());
  plan.photo.path = "second.jpg";
  plan.photo.hash = "";
  const enc = new TextEncoder(), text = enc.encode(JSON.stringify(plan));
  return new File([enc.encode("SMPVIEW-BUNDLE 1\nplan " + text.length + "\n"), text,
    enc.encode("\nphoto second.jpg " + photo.length + "\n"), photo, enc.encode("\n")], "client.smpb");
}

// 1: a bundle opened (a recent plan kept beside its photo); a photo opened
// as the file picker would (twice, under two names: kept once), a hairline
// drawn so an autosave is made, then a reload. A photo folder nothing names
// is planted first: the next start drops it.
async function persist1() {
  persistLayout();
  await idle();
  await window.smp.openFiles([await secondBundle()]);
  await idle();
  // a plan picked with the photo it names (by name: no hash in it)
  const plan = JSON.parse(await (await fetch("t/seeds/front_hairline.smp")).text());
  plan.photo.path = "third.jpg";
  plan.photo.hash = "";
  const third = new Uint8Array(await (await fetch("o/third.jpg")).arrayBuffer());
  await window.smp.openFiles([new File([JSON.stringify(plan)], "client3.smp"), new File([third], "third.jpg", {type: "image/jpeg"})]);
  await idle();
  const picked = "picked: title=" + document.title + " dots=" + Module._web_visible_dots() + "\n";
  const bytes = new Uint8Array(await (await fetch("o/photo.jpg")).arrayBuffer());
  await window.smp.putFile("/work/photos/" + "0".repeat(64) + "/old.jpg", bytes, "image/jpeg");
  for (const name of ["image.jpg", "copy.jpg"]) {
    await window.smp.openFiles([new File([bytes], name, {type: "image/jpeg"})]);
    await idle();
  }
  for (const line of ["key d", "key tab", "key 1", "key h", "finger_down 1 300 300", "finger_up 1 300 300", "finger_down 2 500 300", "finger_up 2 500 300"])
    await replayLine(line.split(" "), "/work/t");
  for (let i = 0; i < 600 && !FS.analyzePath("/work/state/autosave.smp").exists; i++) await frames(1);
  await window.smp.sync();
  await renderCurrent("before.png");
  await post("persist1.txt", "title=" + document.title + " error=" + window.smpError + " keeping=" + window.smp.keeping +
    " persisted=" + window.smpPersisted + "\n" + picked + await idbDump());
  nextPhase(2);
}

// 2: after the reload, Recover; the plan is rendered again, then the client
// is forgotten (the top bar's button, F) and the page reloads once more.
async function persist2() {
  persistLayout();
  await idle();
  const asked = document.title;
  keyEvent("keydown", "r");
  keyEvent("keyup", "r");
  await idle();
  const recovered = "title=" + document.title + " error=" + window.smpError + " at_start=" + asked;
  await renderCurrent("after.png");
  const before = await idbDump();
  mouseEvent("mousedown", 535, 28);
  mouseEvent("mouseup", 535, 28);
  await frames(3);
  keyEvent("keydown", "f");
  keyEvent("keyup", "f");
  await frames(3);
  await window.smp.sync();
  const forgotten = " forgotten_title=" + document.title + "\n--- before forget\n" + before + "--- after forget\n" + await idbDump();
  // the recent plan of phase 1, opened once as the app's open dialog does:
  // its photo is read when first asked for, and the plan then opens by
  // itself (reopen=0, the control: it does not)
  const dir = FS.readdir("/work/photos").find((d) => FS.analyzePath("/work/photos/" + d + "/client.smp").exists);
  const state = () => "title=" + document.title + " dots=" + Module._web_visible_dots() + " error=" + window.smpError + "\n";
  Module.ccall("web_open", null, ["string"], ["/work/photos/" + dir + "/client.smp"]);
  await idle();
  const first = state();
  for (let i = 0; i < 600 && !(document.title.startsWith("client.smp") && Module._web_visible_dots() > 0); i++) await frames(1);
  await idle();
  await post("persist2.txt", recovered + forgotten + "--- recent plan\n" + first + state());
  nextPhase(3);
}

async function persist3() { // what a reload after Forget client finds
  await idle();
  await post("persist3.txt", "title=" + document.title + "\n" + await idbDump());
}

async function outside() { // another origin: must be refused by the page's policy
  const port = T.get("outside");
  if (!port) return;
  let reached = "no";
  try { await fetch("http://127.0.0.1:" + port + "/leak", {mode: "no-cors"}); reached = "yes"; } catch (e) { /* refused */ }
  await frames(2);
  await post("outside.txt", "fetch_succeeded=" + reached + " violations=" + violations.length + "\n" + violations.join("\n"));
}

// With the service worker installed, the network goes (the server answers no
// GET); index.html in a frame must still start the app from the cache.
async function offline() {
  if (T.get("nosw") !== "1") await navigator.serviceWorker.ready; // nosw: the control, no cache
  // This page has no worker in front of it: its own photo decoder (the
  // worker script and what it imports) must be in before the network goes.
  for (let i = 0; i < 3000 && !window.smpWorkerDecodes; i++) await frames(1);
  await fetch("/offline", {method: "POST"});
  const f = document.createElement("iframe");
  f.src = "index.html";
  f.style.cssText = "position:fixed;left:0;top:0;width:400px;height:300px";
  document.body.appendChild(f);
  let target = 0;
  for (let i = 0; i < 400 && !target; i++) { // ~20 s
    await frames(3);
    target = (f.contentWindow && f.contentWindow.smpDotTarget) || 0;
  }
  await post("offline.txt", "dot_target=" + target);
}

window.smpOnReady = async () => {
  try {
    const phase = T.get("persist");
    if (phase) {
      await [persist1, persist2, persist3][phase - 1]();
      if (phase !== "3") return; // the page reloads itself
      await fetch("/done", {method: "POST"});
      return;
    }
    if (T.get("bigopen")) {
      await bigOpen(T.get("bigopen"));
      if (T.get("export")) await exportPicture("bigexport");
      await fetch("/done", {method: "POST"});
      return;
    }
    if (T.get("replay")) {
      await replay(T.get("replay"));
      await fetch("/done", {method: "POST"});
      return;
    }
    if (T.get("offline") === "1") {
      await offline();
      await fetch("/done", {method: "POST"});
      return;
    }
    await screenshots();
    await share();
    await renders();
    if (T.get("export")) {
      await exportPicture("export");
      await exportPicture("export_jpg", "jpg");
    }
    await photos();
    if (T.get("seeds")) await bundle();
    await outside();
  } catch (e) {
    await post("error.txt", String(e && e.stack || e));
  }
  await fetch("/done", {method: "POST"});
};
