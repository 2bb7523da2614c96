// decode.js - a photo's bytes to upright sRGB RGBA by the browser's own
// decoder (createImageBitmap with the EXIF orientation applied and ICC
// profiles converted), its pixels read as a video frame's or drawn on an sRGB
// canvas and read back. Loaded by decode_worker.js, which
// does it off the page's thread, and by the page as the fallback where a
// worker cannot (no OffscreenCanvas in workers).
"use strict";

// {width, height, rgba, via: how they were read} or null when the browser
// cannot decode the bytes. upright: the file says it is stored as shown (no
// EXIF orientation but 1), so its pixels may be read the quick way, which
// leaves the orientation out. onSize(width, height), when given, hears the
// upright size as soon as the bitmap is made, before its pixels are read.
async function decodePhoto(bytes, type, upright, onSize) {
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
  const frame = opaque && upright && await framePixels(bmp);
  const photo = {width: bmp.width, height: bmp.height, rgba: frame || canvasPixels(bmp), via: frame ? "frame" : "canvas"};
  bmp.close();
  return photo;
}

// The bitmap's pixels read as a video frame's: one copy, where drawing it on
// a canvas and reading that back took twice as long (24 MP: 0.6-0.8 s against
// 1.4 s). The bitmap is the same, so are the pixels, but for its EXIF
// orientation: chromium's frame leaves it out (orientations 2-4 came out
// unturned). So: opaque bitmaps stored upright only (a frame's alpha may come
// premultiplied); null where the browser cannot.
async function framePixels(bmp) {
  let frame = null;
  try {
    frame = new VideoFrame(bmp, {timestamp: 0});
    const rgba = new Uint8ClampedArray(bmp.width * bmp.height * 4);
    const [plane] = await frame.copyTo(rgba, {format: "RGBA", colorSpace: "srgb"});
    const whole = frame.displayWidth === bmp.width && frame.displayHeight === bmp.height &&
      plane.offset === 0 && plane.stride === bmp.width * 4;
    return whole ? rgba : null;
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
