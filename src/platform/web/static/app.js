// app.js - the page around the wasm app (src/platform/web): puts files into
// its file system (the sample, the file picker, drag and drop), has the
// browser decode photos upright off the page's thread (decode_worker.js)
// and hands the pixels in, shares saved plans and exports (or offers them as
// downloads), runs the app's jobs between frames, keeps the state folder in
// IndexedDB, and registers the service worker (offline).
"use strict";

const params = new URLSearchParams(location.search);
const WORK = "/work", STATE = "/work/state", IN = "/work/in";
const known = new Map(); // path -> mtime of files the page wrote or already offered

var Module = {
  canvas: document.getElementById("canvas"),
  print: (t) => console.log(t),
  printErr: (t) => console.warn(t),
  onDotTarget: (t) => {
    window.smpDotTarget = t;
    if (t === 3) banner("This device's graphics cannot draw the dots: the view shows the photo only. Exports still have them.");
  },
  onFrame: (title, error, busy) => {
    if (document.title !== title) document.title = title;
    window.smpBusy = busy;
    window.smpError = error;
  },
  onRuntimeInitialized: () => { start().catch((e) => banner("smpview could not start: " + e)); },
};

function banner(text) {
  const b = document.getElementById("banner");
  b.textContent = text;
  b.hidden = false;
}

function mkdirs(path) {
  let p = "";
  for (const part of path.split("/").filter(Boolean)) {
    p += "/" + part;
    try { FS.mkdir(p); } catch (e) { /* exists */ }
  }
}

// Photos are decoded in decode_worker.js, off the page's thread; where no
// worker can (an old browser), here (decode.js).
let decoder = null, decodes = 0;
const waiting = new Map(); // id -> resolve
function decodeOffThread(bytes, type) {
  if (decoder === null) {
    try {
      decoder = new Worker("decode_worker.js");
      decoder.onmessage = (e) => {
        if (e.data.photo) window.smpWorkerDecodes = (window.smpWorkerDecodes || 0) + 1; // for the tests
        waiting.get(e.data.id)(e.data.photo);
        waiting.delete(e.data.id);
      };
      decoder.onerror = () => { // the worker could not start: decode here from now on
        decoder = false;
        for (const ok of waiting.values()) ok(null);
        waiting.clear();
      };
    } catch (e) {
      decoder = false;
    }
  }
  if (!decoder) return Promise.resolve(null);
  const id = ++decodes;
  return new Promise((ok) => { waiting.set(id, ok); decoder.postMessage({id, bytes, type}); });
}

// Decodes an image upright into sRGB RGBA and registers it with the C side
// under its bytes' hash (photo_decode_web.c). False when the browser cannot.
async function registerPhoto(bytes, type) {
  const photo = (await decodeOffThread(bytes, type)) || (await decodePhoto(bytes, type));
  if (!photo) return false;
  const p = Module._web_photo_pixels(photo.width, photo.height); // the C side's image: one copy
  if (!p) return false;
  await copyIntoHeap(photo.rgba, p);
  const f = Module._malloc(bytes.length);
  try {
    if (!f) return false;
    Module.HEAPU8.set(bytes, f);
    return Module._web_photo_register(f, bytes.length, p) === 0;
  } finally {
    Module._free(f);
  }
}

// A photo's RGBA goes into the wasm heap a slice a frame: a 24 MP photo's
// 96 MB in one go stopped the page for 0.1-2 s (docs/web.md, Figures).
const COPY_SLICE = 8 << 20;
const nextFrame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
async function copyIntoHeap(rgba, p) {
  for (let at = 0; at < rgba.length; at += COPY_SLICE) {
    if (at) await nextFrame();
    Module.HEAPU8.set(rgba.subarray(at, at + COPY_SLICE), p + at); // HEAPU8 anew: the heap may have grown
  }
}

const isPlan = (name) => /\.smp$/i.test(name);

// Writes a file into the page's file system; photos are decoded first.
async function putFile(path, bytes, type) {
  mkdirs(path.slice(0, path.lastIndexOf("/")));
  if (!isPlan(path)) await registerPhoto(bytes, type);
  FS.writeFile(path, bytes);
  known.set(path, FS.stat(path).mtime.getTime());
}

async function fetchInto(url, path) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ": " + r.status);
  await putFile(path, new Uint8Array(await r.arrayBuffer()), r.headers.get("content-type"));
}

// ---- bundles: a plan and its photo in one file (docs/plan-format.md) ----
const MAGIC = "SMPVIEW-BUNDLE 1\n";
const enc = new TextEncoder(), dec = new TextDecoder();

function packBundle(planText, photoName, photo) {
  const plan = enc.encode(planText);
  const parts = [enc.encode(MAGIC + "plan " + plan.length + "\n"), plan,
    enc.encode("\nphoto " + photoName + " " + photo.length + "\n"), photo, enc.encode("\n")];
  return new Blob(parts);
}

// {plan, photoName, photo} or null when bytes are not a bundle; throws when damaged.
function unpackBundle(bytes) {
  if (dec.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return null;
  let at = MAGIC.length;
  const header = () => {
    const nl = bytes.indexOf(10, at);
    if (nl < 0) throw new Error("damaged bundle (no header line)");
    const words = dec.decode(bytes.subarray(at, nl)).split(" ");
    at = nl + 1;
    return words;
  };
  const body = (n) => {
    if (!(n >= 0) || at + n > bytes.length) throw new Error("damaged bundle (truncated)");
    const b = bytes.subarray(at, at + n);
    at += n + 1;
    return b;
  };
  const h1 = header();
  if (h1[0] !== "plan") throw new Error("damaged bundle (no plan)");
  const plan = body(parseInt(h1[1], 10));
  const h2 = header();
  // "photo NAME COUNT": the count is the last word, so a name may hold spaces.
  const photoName = h2.slice(1, -1).join(" ");
  if (h2[0] !== "photo" || h2.length < 3 || !/^[^\/\\]+$/.test(photoName)) throw new Error("damaged bundle (no photo)");
  return {plan, photoName, photo: body(parseInt(h2[h2.length - 1], 10))};
}

let bundles = 0;
async function openBundle(b, name) {
  const dir = IN + "/bundle" + ++bundles;
  await putFile(dir + "/" + b.photoName, b.photo, "");
  const plan = dir + "/" + name.replace(/\.smpb$/i, "") + ".smp";
  await putFile(plan, b.plan, "");
  return plan;
}

async function openFiles(files) {
  let last = null;
  try {
    for (const f of files) {
      const name = f.name.replace(/[\/\\]/g, "_"), bytes = new Uint8Array(await f.arrayBuffer());
      const b = unpackBundle(bytes);
      last = b ? await openBundle(b, name) : IN + "/" + name;
      if (!b) await putFile(last, bytes, f.type);
    }
  } catch (e) {
    banner(String(e.message || e));
    return;
  }
  if (last) Module.ccall("web_open", null, ["string"], [last]);
}

// The current plan with its photo, as one downloadable file.
function bundleOfCurrent(name) {
  const dir = WORK + "/.bundle";
  mkdirs(dir);
  if (Module.ccall("web_dump_plan", "number", ["string"], [dir + "/plan.smp"])) return null;
  const plan = JSON.parse(dec.decode(FS.readFile(dir + "/plan.smp")));
  const photoPath = PATH.normalize(dir + "/" + plan.photo.path);
  const photoName = photoPath.slice(photoPath.lastIndexOf("/") + 1);
  plan.photo.path = photoName;
  return packBundle(JSON.stringify(plan, null, 2) + "\n", photoName, FS.readFile(photoPath));
}

const TYPES = {png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", smp: "application/json"};

// A file leaves the page through the share sheet where the browser shares
// files (a tablet: AirDrop, Files, mail), else as a download; also when the
// share needs a tap that is long gone (an export that took a while).
// Resolves to "shared", "cancelled" or "downloaded".
async function deliver(blob, name) {
  const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  const file = new File([blob], name, {type: TYPES[ext] || "application/octet-stream"});
  if (navigator.canShare && navigator.canShare({files: [file]})) {
    try {
      await navigator.share({files: [file], title: name});
      return "shared";
    } catch (e) {
      if (e.name === "AbortError") return "cancelled"; // the user closed the sheet
    }
  }
  const a = document.createElement("a");
  a.href = URL.createObjectURL(file);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  return "downloaded";
}

function saveBundle() {
  const name = (document.title.split(" - ")[0].replace(/^\*\s*/, "").replace(/\.smp$/i, "") || "plan") + ".smpb";
  const blob = bundleOfCurrent(name);
  if (!blob) return banner("Nothing to save yet: open a photo first.");
  deliver(blob, name);
}

// Plans and exports the app writes (anywhere but its state folder) are
// shared or downloaded, as files saved by a desktop app land in a folder.
function offerDownloads(dir) {
  for (const name of FS.readdir(dir)) {
    if (name === "." || name === ".." || name.startsWith(".") || name.includes(".tmp")) continue;
    const path = dir + "/" + name, st = FS.stat(path);
    if (FS.isDir(st.mode)) {
      if (path !== STATE) offerDownloads(path);
      continue;
    }
    const t = st.mtime.getTime();
    if (known.get(path) === t) continue;
    known.set(path, t);
    deliver(new Blob([FS.readFile(path)]), name);
  }
}

function remember(dir) { // files present at start are not downloads
  for (const name of FS.readdir(dir)) {
    if (name === "." || name === "..") continue;
    const path = dir + "/" + name, st = FS.stat(path);
    if (FS.isDir(st.mode)) remember(path); else known.set(path, st.mtime.getTime());
  }
}

// The app's jobs (photo opens, mattes, exports: threads_web.c) run in a task
// of their own once the frame that started them is on screen: one step of
// each (a photo open and the mattes are cut into steps) a frame.
const oneGo = params.get("onego") === "1" ? 1 : 0; // tests: the control, each job in one go
const jobs = {tasks: 0, steps: 0, most: 0, longestMs: 0}; // tests: the steps' spread over tasks, the longest task
function runJobs() {
  requestAnimationFrame(() => setTimeout(() => {
    const t = performance.now(), n = Module._web_jobs_run(oneGo);
    if (n) {
      jobs.tasks++, jobs.steps += n, jobs.most = Math.max(jobs.most, n);
      jobs.longestMs = Math.max(jobs.longestMs, performance.now() - t);
    }
    runJobs();
  }, 0));
}

function syncState(populate) {
  return new Promise((ok) => FS.syncfs(populate, () => ok()));
}

function wireFiles() {
  const input = document.getElementById("file");
  document.getElementById("open").onclick = () => input.click();
  document.getElementById("bundle").onclick = saveBundle;
  input.onchange = () => { openFiles(input.files); input.value = ""; };
  addEventListener("dragover", (e) => { e.preventDefault(); document.body.classList.add("dragging"); });
  addEventListener("dragleave", () => document.body.classList.remove("dragging"));
  addEventListener("drop", (e) => {
    e.preventDefault();
    document.body.classList.remove("dragging");
    openFiles(e.dataTransfer.files);
  });
}

async function start() {
  mkdirs(STATE);
  mkdirs(IN);
  FS.mount(IDBFS, {}, STATE);
  await syncState(true);
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
  FS.chdir(WORK);
  await fetchInto("seeds/front_hairline.smp", WORK + "/seeds/front_hairline.smp");
  await fetchInto("assets/sample_front.jpg", WORK + "/assets/sample_front.jpg");
  remember(WORK);
  const noFloat = parseInt(params.get("nofloat") || "0", 10) || 0; // tests: 1 no float, 2 no half float
  if (Module.ccall("web_start", "number", ["string", "string", "number"], [WORK + "/seeds/front_hairline.smp", STATE, noFloat]))
    banner("smpview needs WebGL2 (a current Safari, Chrome, Firefox or Edge).");
  wireFiles();
  runJobs();
  setInterval(() => { offerDownloads(WORK); syncState(false); }, 1000);
  if ("serviceWorker" in navigator && params.get("nosw") !== "1") navigator.serviceWorker.register("sw.js");
  window.smp = {putFile, fetchInto, registerPhoto, bundleOfCurrent, unpackBundle, openFiles, deliver, jobs, ready: true};
  if (window.smpOnReady) window.smpOnReady();
}
