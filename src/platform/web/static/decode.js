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
// pixels as stored and says how they are shown (its rotation and flip):
// turning them here made a 24 MP portrait open slower than the canvas (1.65-
// 2.2 s against 1.43-1.62 s), so only a frame shown as stored is read. Opaque
// bitmaps only (a frame's alpha may come premultiplied); where the frame does
// not say how it is shown (no rotation), those the file says are stored
// upright; null otherwise or where the browser cannot.
async function framePixels(bmp, orientation) {
  let frame = null;
  try {
    frame = new VideoFrame(bmp, {timestamp: 0});
    const turned = frame.rotation === undefined ? orientation !== 1 : frame.rotation !== 0 || frame.flip;
    const w = frame.visibleRect.width, h = frame.visibleRect.height;
    if (turned || w !== bmp.width || h !== bmp.height) return null;
    const rgba = new Uint8ClampedArray(w * h * 4);
    const [plane] = await frame.copyTo(rgba, {format: "RGBA", colorSpace: "srgb"});
    return plane.offset === 0 && plane.stride === w * 4 ? rgba : null;
  } catch (e) {
    return null; // no VideoFrame, or no RGBA copies from one: the canvas
  } finally {
    if (frame) frame.close();
  }
}

function canvasPixels(bmp) {
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  const g = c.getContext("2d", {colorSpace: "srgb", willReadFrequently: true});
  g.drawImage(bmp, 0, 0);
  return g.getImageData(0, 0, bmp.width, bmp.height).data;
}
