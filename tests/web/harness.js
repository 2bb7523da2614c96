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
    const rc = Module.ccall("web_render", "number", ["string", "string", "number"], ["/work/t/seeds/" + seed + ".smp", out, 1]);
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
    if (T.get("offline") === "1") {
      await offline();
      await fetch("/done", {method: "POST"});
      return;
    }
    await screenshots();
    await renders();
    if (T.get("seeds")) await bundle();
    await outside();
  } catch (e) {
    await post("error.txt", String(e && e.stack || e));
  }
  await fetch("/done", {method: "POST"});
};
