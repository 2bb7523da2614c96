// app.js - the page around the wasm app (src/platform/web): puts files into
// its file system (the sample, the file picker, drag and drop), has the
// browser decode photos upright off the page's thread (decode_worker.js)
// and hands the pixels in, shares saved plans and exports (or offers them as
// downloads), runs the app's jobs between frames, keeps the state folder in
// IndexedDB, keeps the photos opened in it there too (by content hash), and
// registers the service worker (offline).
"use strict";

const params = new URLSearchParams(location.search);
const WORK = "/work", STATE = "/work/state", IN = "/work/in";
// Photos opened in the page, kept on the device (IndexedDB) so an autosave or
// a recent plan still finds them after a reload: PHOTOS/<sha256 of the
// file>/<its name>, plans opened or saved with it beside it. keep=0 (tests):
// in memory only, as before. WebCrypto is there in secure contexts only.
const PHOTOS = "/work/photos";
const keeping = params.get("keep") !== "0" && !!(self.crypto && crypto.subtle);
const reopen = params.get("reopen") !== "0"; // tests: the control, a kept photo read but not opened again
const stored = new Map(); // content hash -> path of the kept photo
const known = new Map(); // path -> mtime of files the page wrote or already offered

var Module = {
  canvas: document.getElementById("canvas"),
  print: (t) => console.log(t),
  printErr: (t) => console.warn(t),
  onDotTarget: (t) => {
    window.smpDotTarget = t;
    if (t === 3) banner("This device's graphics cannot draw the dots: the view shows the photo only. Exports still have them.");
  },
  onFrame: (title, error, busy, drawing, forgets) => {
    lastFrame = performance.now();
    drawingSince = drawing ? drawingSince || lastFrame : 0;
    window.smpDrawing = drawing;
    if (document.title !== title) document.title = title;
    window.smpBusy = busy;
    window.smpError = error;
    if (forgets !== window.smpForgets) { // "Forget client" ran: its photos leave IndexedDB now
      if (window.smpForgets !== undefined) { pagePixels.fill(null); dropUnreachablePhotos(); syncState(false); }
      window.smpForgets = forgets;
    }
  },
  onPhotoWanted: (bytes) => { // a photo the page kept, opened again by the app: decoded now,
    if (!isKept(bytes)) return false; // then the app opens it again by itself
    readLater = readLater.then(() => registerPhoto(bytes, "")).then((ok) => { if (ok && reopen) Module._web_photo_ready(); });
    return true;
  },
  onPhotoCopy: (slot, dest, bytes) => { // photo_decode_web.c: the pixels of a photo registered in `slot`, again
    const rgba = pagePixels[slot];
    if (!rgba || rgba.length !== bytes) return false;
    Module.HEAPU8.set(rgba, dest);
    return true;
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
// worker can (an old browser), here (decode.js). orientation as decode.js's
// decodePhoto takes it; onSize(width, height) hears the photo's size before
// its pixels come.
let decoder = null, decodes = 0, readLater = Promise.resolve();
const waiting = new Map(); // id -> {ok, onSize}
function decodeOffThread(bytes, type, orientation, onSize) {
  if (decoder === null) {
    try {
      decoder = new Worker("decode_worker.js");
      decoder.onmessage = (e) => {
        const w = waiting.get(e.data.id);
        if (e.data.width) return w.onSize(e.data.width, e.data.height);
        if (e.data.photo) window.smpWorkerDecodes = (window.smpWorkerDecodes || 0) + 1; // for the tests
        if (e.data.photo && e.data.photo.via === "frame") window.smpFrameReads = (window.smpFrameReads || 0) + 1;
        w.ok(e.data.photo);
        waiting.delete(e.data.id);
      };
      decoder.onerror = () => { // the worker could not start: decode here from now on
        decoder = false;
        for (const w of waiting.values()) w.ok(null);
        waiting.clear();
      };
    } catch (e) {
      decoder = false;
    }
  }
  if (!decoder) return Promise.resolve(null);
  const id = ++decodes;
  return new Promise((ok) => { waiting.set(id, {ok, onSize}); decoder.postMessage({id, bytes, type, orientation}); });
}

// Decodes an image upright into sRGB RGBA and registers it with the C side
// under its bytes' hash (photo_decode_web.c), which takes the copy in its
// heap for the photo's open: the browser's pixels are kept here for the C
// side's later copies (onPhotoCopy), one a slot. False when the browser cannot.
const pagePixels = [];
async function registerPhoto(bytes, type) {
  const f = Module._malloc(bytes.length); // the file: its orientation read now, its hash at the end
  if (!f) return false;
  try {
    Module.HEAPU8.set(bytes, f);
    const decoded = await decodeIntoHeap(bytes, type, Module._web_photo_orientation(f, bytes.length));
    const slot = decoded ? Module._web_photo_register(f, bytes.length, decoded.at) : -1;
    if (slot < 0) return false;
    pagePixels[slot] = decoded.rgba;
    return true;
  } finally {
    Module._free(f);
  }
}

// The photo's pixels in the C side's image: {at: where, rgba: the browser's
// pixels}, or null. orientation: the file's EXIF orientation (decode.js).
async function decodeIntoHeap(bytes, type, orientation) {
  let room = null;
  const photo = (await decodeOffThread(bytes, type, orientation, (w, h) => { room = heapRoom(w, h); })) ||
    (await decodePhoto(bytes, type, orientation));
  const made = room && await room;
  const fits = made && photo && made.width === photo.width && made.height === photo.height;
  if (made && !fits) Module._web_photo_drop(made.p);
  if (!photo) return null;
  const at = fits ? made.p : Module._web_photo_pixels(photo.width, photo.height);
  if (!at) return null;
  await copyIntoHeap(photo.rgba, at);
  return {at, rgba: photo.rgba};
}

// A task of its own after what the page has waiting (the browser draws a
// frame between two tasks when one is due), without a timer's clamp or a
// wait for the screen's refresh.
const resumes = [], yieldChannel = new MessageChannel();
yieldChannel.port1.onmessage = () => resumes.shift()();
const yieldToPage = () => new Promise((ok) => { resumes.push(ok); yieldChannel.port2.postMessage(0); });

// A photo's RGBA goes into the wasm heap a slice a task: a 24 MP photo's
// 96 MB in one go stopped the page for 0.1-2 s (docs/web.md, Figures); 8 MB
// slices, into fresh heap pages, took 25-60 ms each. each(from, to) runs
// over [0, bytes) a slice a task; Module.HEAPU8 is read anew in each, as the
// heap may have grown.
const COPY_SLICE = 2 << 20;
async function inSlices(bytes, each) {
  for (let at = 0; at < bytes; at += COPY_SLICE) {
    if (at) await yieldToPage();
    each(at, Math.min(at + COPY_SLICE, bytes));
  }
}

// The C side's image for a photo of w x h (null: no room), its fresh heap
// pages touched while the worker still reads the pixels: a copy into fresh
// pages cost 0.3 s of the page's time for 24 MP, into touched ones a
// fraction of it (docs/web.md).
async function heapRoom(width, height) {
  const p = Module._web_photo_pixels(width, height);
  if (!p) return null;
  await inSlices(width * height * 4, (from, to) => Module.HEAPU8.fill(0, p + from, p + to));
  return {p, width, height};
}

async function copyIntoHeap(rgba, p) {
  await inSlices(rgba.length, (from, to) => Module.HEAPU8.set(rgba.subarray(from, to), p + from));
}

// An export is encoded in encode_worker.js, the page drawing meanwhile
// (image_write_web.c; stb_image_write in the page held it 4-10 s for 24 MP):
// its RGBA is copied out of the heap a slice a task (the C side keeps it
// until the file is written), then handed over, with the JPEG's quality (0:
// a PNG). Where no worker can start, start() says 0, and where the worker
// cannot encode the size is -1: the C side has stb encode it. encode=page (tests): the
// control, stb on the page's thread; encode=refused: the worker says no.
// A worker that died without a word (out of memory) would hold the export
// up for good: after ENCODE_GIVE_UP_MS its encoding counts as failed.
const encodings = new Map(); // id -> {size: 0 while encoding, then the file's bytes or -1; bytes}
const ENCODE_GIVE_UP_MS = 120000;
let encodeWorker = null, encodingsStarted = 0;
function startEncodeWorker() {
  try {
    encodeWorker = new Worker("encode_worker.js");
    encodeWorker.onmessage = (e) => {
      const job = encodings.get(e.data.id);
      if (!job) return; // dropped meanwhile
      job.bytes = e.data.bytes ? new Uint8Array(e.data.bytes) : null;
      job.size = job.bytes ? job.bytes.length : -1;
      if (job.bytes) window.smpWorkerEncodes = (window.smpWorkerEncodes || 0) + 1; // for the tests
    };
    encodeWorker.onerror = () => { // it could not start: stb from now on
      encodeWorker = false;
      for (const job of encodings.values()) job.size = -1;
    };
  } catch (e) {
    encodeWorker = false;
  }
}
Module.encoder = {
  start(pixels, width, height, jpegQuality) {
    if (params.get("encode") === "page") return 0;
    if (encodeWorker === null) startEncodeWorker();
    if (!encodeWorker) return 0;
    const id = ++encodingsStarted, rgba = new Uint8Array(width * height * 4), job = {size: 0, bytes: null};
    encodings.set(id, job);
    setTimeout(() => { if (!job.size) job.size = -1; }, ENCODE_GIVE_UP_MS);
    const refuse = params.get("encode") === "refused";
    inSlices(rgba.length, (from, to) => {
      if (encodings.has(id)) rgba.set(Module.HEAPU8.subarray(pixels + from, pixels + to), from);
    }).then(() => {
      if (encodings.has(id) && encodeWorker) encodeWorker.postMessage({id, rgba, width, height, jpegQuality, refuse}, [rgba.buffer]);
    });
    return id;
  },
  size: (id) => encodings.get(id).size,
  take(id, dest) {
    Module.HEAPU8.set(encodings.get(id).bytes, dest);
    encodings.delete(id);
  },
  drop: (id) => encodings.delete(id),
};

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

// ---- photos kept on the device (IndexedDB, PHOTOS) ----
async function sha256Hex(bytes) {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Puts a photo opened in the page where the app opens it: kept under its
// content hash (the same photo once, under the name it first came with: an
// iPad names every photo "image.jpg"); returns its path.
async function keepPhoto(name, bytes, type) {
  if (!keeping) {
    await putFile(IN + "/" + name, bytes, type);
    return IN + "/" + name;
  }
  const hash = await sha256Hex(bytes);
  if (stored.has(hash) && FS.analyzePath(stored.get(hash)).exists) {
    await registerPhoto(bytes, type); // the C side keeps a few decoded photos only
    return stored.get(hash);
  }
  const path = PHOTOS + "/" + hash + "/" + name;
  await putFile(path, bytes, type);
  stored.set(hash, path);
  syncState(false); // now, not in a second: Safari may kill the tab any time
  return path;
}

function isKept(bytes) {
  for (const path of stored.values()) {
    if (FS.stat(path).size !== bytes.length) continue;
    const kept = FS.readFile(path);
    if (kept.every((v, i) => v === bytes[i])) return true;
  }
  return false;
}

const dirOf = (path) => path.slice(0, path.lastIndexOf("/"));
const baseOf = (path) => path.slice(path.lastIndexOf("/") + 1);

// A plan opened in the page goes beside its photo when that photo is kept
// (so it is kept too and its photo found after a reload), naming it by its
// kept name; else where it was before (the app then asks for the photo).
// Its photo: photoPath (a bundle's), else the photo of the same pick with the
// name it gives (picked: name -> kept path), else the kept one with its hash.
async function keepPlan(name, bytes, photoPath, picked) {
  let plan = null;
  try { plan = JSON.parse(dec.decode(bytes)); } catch (e) { /* the app says what is wrong */ }
  const hash = plan && plan.photo && /^sha256:([0-9a-f]{64})$/.exec(plan.photo.hash || "");
  photoPath = photoPath || (plan && plan.photo && picked && picked.get(baseOf(String(plan.photo.path)))) ||
    (hash && stored.get(hash[1]));
  if (!keeping || !photoPath) {
    await putFile(IN + "/" + name, bytes, "");
    return IN + "/" + name;
  }
  if (plan.photo.path !== baseOf(photoPath)) {
    plan.photo.path = baseOf(photoPath);
    bytes = enc.encode(JSON.stringify(plan, null, 2) + "\n");
  }
  const path = dirOf(photoPath) + "/" + name;
  await putFile(path, bytes, "");
  syncState(false);
  return path;
}

// The store's bound: a kept photo stays while the app can still reach it
// after a reload, i.e. while the autosave, a recent plan (ten at most) or
// the last folder names it; Forget client takes those away, so its photos go.
function reachablePhotos() {
  const hashes = new Set(), text = (p) => { try { return dec.decode(FS.readFile(p)); } catch (e) { return ""; } };
  const add = (path) => { const m = /^\/work\/photos\/([0-9a-f]{64})\//.exec(path); if (m) hashes.add(m[1]); };
  const planPhotos = (planPath) => {
    add(planPath);
    let plan;
    try { plan = JSON.parse(text(planPath)); } catch (e) { return; }
    for (const ph of [plan.photo, ...(plan.views || []).map((v) => v.photo)])
      if (ph && ph.path) add(PATH.normalize(ph.path.startsWith("/") ? ph.path : dirOf(planPath) + "/" + ph.path));
  };
  planPhotos(STATE + "/autosave.smp");
  for (const line of text(STATE + "/recent.txt").split("\n")) if (line) planPhotos(line);
  add(text(STATE + "/last_folder.txt").trim() + "/");
  return hashes;
}

function removeTree(path) {
  if (!FS.isDir(FS.stat(path).mode)) return FS.unlink(path);
  for (const name of FS.readdir(path)) if (name !== "." && name !== "..") removeTree(path + "/" + name);
  FS.rmdir(path);
}

function dropUnreachablePhotos() {
  const keep = reachablePhotos();
  for (const hash of FS.readdir(PHOTOS)) {
    if (hash === "." || hash === ".." || keep.has(hash)) continue;
    removeTree(PHOTOS + "/" + hash);
    stored.delete(hash);
  }
}

// At start: the store cut to its bound; in each folder kept, plans stay
// beside the photo, temporary files of saves cut short go, and where a tab
// closed before an export was removed, the photo is the file with the
// folder's hash (hashed only then: it takes a while on a tablet).
async function tidyPhotos() {
  dropUnreachablePhotos();
  for (const hash of FS.readdir(PHOTOS)) {
    if (hash === "." || hash === "..") continue;
    const dir = PHOTOS + "/" + hash, others = [];
    for (const name of FS.readdir(dir)) {
      if (name === "." || name === "..") continue;
      if (/^\..*\.tmp-/.test(name)) removeTree(dir + "/" + name); // atomic_file.c's temporary files
      else if (!isPlan(name)) others.push(dir + "/" + name);
    }
    for (const path of others)
      if (others.length === 1 || (await sha256Hex(FS.readFile(path))) === hash) stored.set(hash, path);
      else removeTree(path);
    if (!stored.has(hash)) removeTree(dir);
  }
}

// Recover, the app's first question after a reload, opens the autosave's
// photo: the browser decodes it before the app starts.
async function prepareRecovery() {
  let plan;
  try { plan = JSON.parse(dec.decode(FS.readFile(STATE + "/autosave.smp"))); } catch (e) { return; }
  const path = plan.photo && plan.photo.path;
  if (path && path.startsWith(PHOTOS + "/") && FS.analyzePath(path).exists) await registerPhoto(FS.readFile(path), "");
}

let bundles = 0;
async function openBundle(b, name) {
  name = name.replace(/\.smpb$/i, "") + ".smp";
  if (keeping) return keepPlan(name, b.plan, await keepPhoto(b.photoName, b.photo, ""));
  const dir = IN + "/bundle" + ++bundles;
  await putFile(dir + "/" + b.photoName, b.photo, "");
  await putFile(dir + "/" + name, b.plan, "");
  return dir + "/" + name;
}

// Photos first, so a plan opened with its photo finds it kept; the app opens
// the last plan (or the last photo).
async function openFiles(files) {
  let last = null;
  try {
    const list = [];
    for (const f of files) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      list.push({name: f.name.replace(/[\/\\]/g, "_"), bytes, type: f.type, bundle: unpackBundle(bytes)});
    }
    const picked = new Map();
    for (const f of list.filter((x) => !x.bundle && !isPlan(x.name))) picked.set(f.name, last = await keepPhoto(f.name, f.bytes, f.type));
    for (const f of list.filter((x) => x.bundle || isPlan(x.name)))
      last = f.bundle ? await openBundle(f.bundle, f.name) : await keepPlan(f.name, f.bytes, null, picked);
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
    if (path.startsWith(PHOTOS + "/") && !isPlan(name)) { // an export beside a kept photo: not kept
      FS.unlink(path);
      known.delete(path);
    }
  }
}

function remember(dir) { // files present at start are not downloads
  for (const name of FS.readdir(dir)) {
    if (name === "." || name === "..") continue;
    const path = dir + "/" + name, st = FS.stat(path);
    if (FS.isDir(st.mode)) remember(path); else known.set(path, st.mtime.getTime());
  }
}

// The app's jobs (photo opens, mattes, exports: threads_web.c) run in tasks
// of their own once the frame that started them is on screen: each task runs
// the steps of each job (a photo open and the mattes are cut into steps) that
// fit in STEPS_MS. While steps remain the next task follows at once
// (yieldToPage), unless one as long would run into the next frame: then it
// waits for that frame. Tasks back to back starved chromium's frames for
// 150-250 ms (docs/web.md).
// With nothing to run, the next look is after the next frame. While a photo
// is being drawn (its tiles going to the GPU, after an open or a zoom) the
// jobs wait, up to PHOTO_FIRST_MS: the client sees the photo first, and its
// frames are not stretched by the mattes' steps in between.
const STEPS_MS = 20, FRAME_MS = 16, PHOTO_FIRST_MS = 1000;
let lastFrame = 0; // when the app's frame loop last ran (onFrame)
let drawingSince = 0; // since when the app has been drawing its photo (0: it is not)
const stepsMs = params.get("onego") === "1" ? Infinity : STEPS_MS; // tests: the control, each job in one go
// tests: the steps' spread over tasks, the longest task, the steps run while
// the photo was being drawn and how soon after it began the first of them ran
const jobs = {photoFirstMs: PHOTO_FIRST_MS, reset() {
  Object.assign(this, {tasks: 0, steps: 0, most: 0, longestMs: 0, stepsWhileDrawing: 0, soonestWhileDrawingMs: Infinity});
}};
jobs.reset();
function jobTask() {
  if (drawingSince && performance.now() - drawingSince < PHOTO_FIRST_MS) return runJobs();
  const t = performance.now(), n = Module._web_jobs_run(stepsMs);
  if (!n) return runJobs();
  jobs.tasks++, jobs.steps += n, jobs.most = Math.max(jobs.most, n);
  if (drawingSince) {
    jobs.stepsWhileDrawing += n;
    jobs.soonestWhileDrawingMs = Math.min(jobs.soonestWhileDrawingMs, t - drawingSince);
  }
  const now = performance.now();
  jobs.longestMs = Math.max(jobs.longestMs, now - t);
  if (now - lastFrame + (now - t) > FRAME_MS) runJobs(); // another task like it would run into the frame
  else yieldToPage().then(jobTask);
}
function runJobs() {
  requestAnimationFrame(() => setTimeout(jobTask, 0));
}

// One FS.syncfs at a time (two would race over the same IndexedDB entries);
// one asked for while another runs runs once after it.
let syncing = null, syncAgain = false;
function syncState(populate) {
  if (syncing && !populate) {
    syncAgain = true;
    return syncing;
  }
  syncing = new Promise((ok) => FS.syncfs(populate, () => ok())).then(() => {
    syncing = null;
    if (syncAgain) {
      syncAgain = false;
      return syncState(false);
    }
  });
  return syncing;
}

// Asked once: the browser may then not evict the site's data (Safari drops
// it after weeks unvisited otherwise).
function askPersistentStorage() {
  if (!navigator.storage || !navigator.storage.persisted) return;
  navigator.storage.persisted().then((yes) => yes || navigator.storage.persist())
    .then((yes) => { window.smpPersisted = yes; }, () => {});
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
  mkdirs(PHOTOS);
  FS.mount(IDBFS, {}, STATE);
  FS.mount(IDBFS, {}, PHOTOS);
  await syncState(true);
  await tidyPhotos();
  syncState(false);
  askPersistentStorage();
  FS.chdir(WORK);
  await fetchInto("seeds/front_hairline.smp", WORK + "/seeds/front_hairline.smp");
  await fetchInto("assets/sample_front.jpg", WORK + "/assets/sample_front.jpg");
  remember(WORK);
  await prepareRecovery();
  const noFloat = parseInt(params.get("nofloat") || "0", 10) || 0; // tests: 1 no float, 2 no half float
  if (Module.ccall("web_start", "number", ["string", "string", "number"], [WORK + "/seeds/front_hairline.smp", STATE, noFloat]))
    banner("smpview needs WebGL2 (a current Safari, Chrome, Firefox or Edge).");
  wireFiles();
  runJobs();
  setInterval(() => { offerDownloads(WORK); syncState(false); }, 1000);
  if ("serviceWorker" in navigator && params.get("nosw") !== "1") navigator.serviceWorker.register("sw.js");
  window.smp = {putFile, fetchInto, registerPhoto, bundleOfCurrent, unpackBundle, openFiles, deliver, jobs, pagePixels,
    sync: () => syncState(false), keeping, ready: true};
  if (window.smpOnReady) window.smpOnReady();
}
