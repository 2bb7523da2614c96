// app.js - the page around the wasm app (src/platform/web): puts files into
// its file system (the sample, the file picker, drag and drop), has the
// browser decode photos upright (createImageBitmap, orientation from EXIF)
// and hands the pixels in, offers saved plans and exports as downloads, keeps
// the state folder in IndexedDB, and registers the service worker (offline).
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

// Decodes an image upright into sRGB RGBA and registers it with the C side
// under its bytes' hash (photo_decode_web.c). False when the browser cannot.
async function registerPhoto(bytes, type) {
  let bmp;
  try {
    bmp = await createImageBitmap(new Blob([bytes], {type: type || ""}),
      {imageOrientation: "from-image", premultiplyAlpha: "none", colorSpaceConversion: "default"});
  } catch (e) {
    return false;
  }
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  const g = c.getContext("2d", {colorSpace: "srgb", willReadFrequently: true});
  g.drawImage(bmp, 0, 0);
  const rgba = g.getImageData(0, 0, bmp.width, bmp.height).data;
  bmp.close();
  const f = Module._malloc(bytes.length), p = Module._malloc(rgba.length);
  try {
    if (!f || !p) return false;
    Module.HEAPU8.set(bytes, f);
    Module.HEAPU8.set(rgba, p);
    return Module._web_photo_register(f, bytes.length, c.width, c.height, p) === 0;
  } finally {
    Module._free(f);
    Module._free(p);
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

async function openFiles(files) {
  let last = null;
  for (const f of files) {
    const path = IN + "/" + f.name.replace(/[\/\\]/g, "_");
    await putFile(path, new Uint8Array(await f.arrayBuffer()), f.type);
    last = path;
  }
  if (last) Module.ccall("web_open", null, ["string"], [last]);
}

// Plans and exports the app writes (anywhere but its state folder) become
// downloads, as files saved by a desktop app land in a folder.
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
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([FS.readFile(path)]));
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
}

function remember(dir) { // files present at start are not downloads
  for (const name of FS.readdir(dir)) {
    if (name === "." || name === "..") continue;
    const path = dir + "/" + name, st = FS.stat(path);
    if (FS.isDir(st.mode)) remember(path); else known.set(path, st.mtime.getTime());
  }
}

function syncState(populate) {
  return new Promise((ok) => FS.syncfs(populate, () => ok()));
}

function wireFiles() {
  const input = document.getElementById("file");
  document.getElementById("open").onclick = () => input.click();
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
  setInterval(() => { offerDownloads(WORK); syncState(false); }, 1000);
  if ("serviceWorker" in navigator && params.get("nosw") !== "1") navigator.serviceWorker.register("sw.js");
  window.smp = {putFile, fetchInto, registerPhoto, ready: true};
  if (window.smpOnReady) window.smpOnReady();
}
