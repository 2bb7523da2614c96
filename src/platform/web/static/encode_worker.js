// encode_worker.js - encodes an export for app.js off the page's thread
// (stb_image_write's deflate of a 24 MP export held the page 4-10 s;
// docs/web.md): a PNG by the browser's canvas, a JPEG by stb_image_write as
// the page would (jpeg_encoder.js, a wasm module of its own: the canvas's
// JPEG subsamples chroma). Message in: {id, rgba, width, height, jpegQuality}
// (opaque sRGB pixels for a PNG, the buffer handed over; jpegQuality 0: a PNG;
// refuse: the tests' stand-in for a browser that cannot); out: {id, bytes}
// (the file) or {id, error} (the page then has stb encode it).
"use strict";

// Where a browser cannot make a canvas that big (Safari's area limit) or
// changes the pixels, a few pixels read back differ: an error, rather than
// a blank or altered export.
function holds(ctx, rgba, width, height) {
  const probes = [[0, 0], [width - 1, 0], [0, height - 1], [width - 1, height - 1], [width >> 1, height >> 1]];
  return probes.every(([x, y]) => {
    const got = ctx.getImageData(x, y, 1, 1).data, at = (y * width + x) * 4;
    return got.every((v, i) => v === rgba[at + i]);
  });
}

let encoderLoaded = false;

async function jpeg(rgba, width, height, quality) {
  if (!encoderLoaded) importScripts("jpeg_encoder.js"), encoderLoaded = true;
  const E = await JpegEncoder(); // one a JPEG: its heap, grown to the picture, goes with it
  const pixels = E._malloc(rgba.length), size = E._malloc(4);
  if (!pixels || !size) throw new Error("out of memory");
  E.HEAPU8.set(rgba, pixels);
  const file = E._jpeg_encode(pixels, width, height, quality, size);
  if (!file) throw new Error("out of memory");
  return E.HEAPU8.slice(file, file + E.HEAP32[size >> 2]).buffer;
}

async function png(rgba, width, height) {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext("2d", {alpha: false, willReadFrequently: true}); // on the CPU: exact
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer), width, height), 0, 0);
  if (!holds(ctx, rgba, width, height)) throw new Error("the canvas does not hold the pixels");
  const blob = await canvas.convertToBlob({type: "image/png"});
  if (blob.type !== "image/png") throw new Error("no PNG from the canvas");
  return blob.arrayBuffer();
}

onmessage = async (e) => {
  const {id, rgba, width, height, jpegQuality, refuse} = e.data;
  try {
    if (refuse) throw new Error("refused");
    const bytes = jpegQuality > 0 ? await jpeg(rgba, width, height, jpegQuality) : await png(rgba, width, height);
    postMessage({id, bytes}, [bytes]);
  } catch (err) {
    postMessage({id, error: String((err && err.message) || err)});
  }
};
