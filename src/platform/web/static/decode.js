// decode.js - a photo's bytes to upright sRGB RGBA by the browser's own
// decoder (createImageBitmap with the EXIF orientation applied and ICC
// profiles converted), its pixels read as a video frame's or drawn on an sRGB
// canvas and read back. Loaded by decode_worker.js, which
// does it off the page's thread, and by the page as the fallback where a
// worker cannot (no OffscreenCanvas in workers).
"use strict";

// {width, height, rgba, via: how they were read} or null when the browser
// cannot decode the bytes. orientation: the file's EXIF orientation (1-8; 0
// when it could not be read), for a browser whose video frames do not say
// how they are turned. onSize(width, height), when given, hears the upright
// size as soon as the bitmap is made, before its pixels are read.
async function decodePhoto(bytes, type, orientation, onSize) {
  // A JPEG has no alpha: asking chromium for its pixels not premultiplied
  // (which keeps a PNG's or WebP's transparent edges) gave the same pixels
  // but took 0.7-1.2 s instead of 0.3-0.4 s for a 24 MP JPEG (docs/web.md).
  const opaque = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  let bmp;
  try {
    bmp = await createImageBitmap(new Blob([bytes], {type: type || ""}),
      {imageOrientation: "from-image", colorSpaceConversion: "default", ...(opaque ? {} : {premultiplyAlpha: "none"})});
  } catch (e) {
    return null;
  }
  if (onSize) onSize(bmp.width, bmp.height);
  const frame = opaque && await framePixels(bmp, orientation);
  const photo = {width: bmp.width, height: bmp.height, rgba: frame || canvasPixels(bmp), via: frame ? "frame" : "canvas"};
  bmp.close();
  return photo;
}

// The bitmap's pixels read as a video frame's: one copy, where drawing it on
// a canvas and reading that back took twice as long (24 MP: 0.6-0.8 s against
// 1.4 s). A frame made from a bitmap with an EXIF orientation keeps the
// pixels as stored and says how they are shown (its rotation and flip), so
// they are turned here. Opaque bitmaps only (a frame's alpha may come
// premultiplied); where the frame does not say (no rotation), those the file
// says are stored upright; null otherwise or where the browser cannot.
async function framePixels(bmp, orientation) {
  let frame = null;
  try {
    frame = new VideoFrame(bmp, {timestamp: 0});
    const rotation = frame.rotation || 0, flip = !!frame.flip, sideways = rotation % 180 !== 0;
    const w = frame.visibleRect.width, h = frame.visibleRect.height;
    const told = frame.rotation !== undefined || orientation === 1;
    const fits = (sideways ? h : w) === bmp.width && (sideways ? w : h) === bmp.height;
    if (!told || !fits || rotation % 90 !== 0) return null;
    const rgba = new Uint8ClampedArray(w * h * 4);
    const [plane] = await frame.copyTo(rgba, {format: "RGBA", colorSpace: "srgb"});
    if (plane.offset !== 0 || plane.stride !== w * 4) return null;
    return rotation || flip ? turnAsShown(rgba, w, h, rotation, flip) : rgba;
  } catch (e) {
    return null; // no VideoFrame, or no RGBA copies from one: the canvas
  } finally {
    if (frame) frame.close();
  }
}

// w x h RGBA as stored, turned as a video frame with this rotation (degrees
// clockwise) and flip (horizontal, after the rotation) is shown. In blocks
// of shown rows, so that the stored rows they read stay in the cache.
function turnAsShown(rgba, w, h, rotation, flip) {
  const sideways = rotation % 180 !== 0, sw = sideways ? h : w, sh = sideways ? w : h;
  const src = new Uint32Array(rgba.buffer), out = new Uint8ClampedArray(rgba.length), dst = new Uint32Array(out.buffer);
  const stored = (x, y) => { // the stored pixel shown at (x, y), as an index
    if (flip) x = sw - 1 - x;
    const [u, v] = rotation === 90 ? [y, h - 1 - x] : rotation === 180 ? [w - 1 - x, h - 1 - y] :
      rotation === 270 ? [w - 1 - y, x] : [x, y];
    return v * w + u;
  };
  const step = stored(1, 0) - stored(0, 0), BLOCK = 64, starts = new Int32Array(BLOCK);
  for (let y0 = 0; y0 < sh; y0 += BLOCK) {
    const rows = Math.min(BLOCK, sh - y0);
    for (let r = 0; r < rows; r++) starts[r] = stored(0, y0 + r);
    for (let x = 0, at = 0; x < sw; x++, at += step)
      for (let r = 0, to = y0 * sw + x; r < rows; r++, to += sw) dst[to] = src[starts[r] + at];
  }
  return out;
}

function canvasPixels(bmp) {
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  const g = c.getContext("2d", {colorSpace: "srgb", willReadFrequently: true});
  g.drawImage(bmp, 0, 0);
  return g.getImageData(0, 0, bmp.width, bmp.height).data;
}
