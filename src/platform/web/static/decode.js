// decode.js - a photo's bytes to upright sRGB RGBA by the browser's own
// decoder (createImageBitmap with the EXIF orientation applied, drawn on an
// sRGB canvas: ICC profiles converted). Loaded by decode_worker.js, which
// does it off the page's thread, and by the page as the fallback where a
// worker cannot (no OffscreenCanvas in workers).
"use strict";

// {width, height, rgba} or null when the browser cannot decode the bytes.
async function decodePhoto(bytes, type) {
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
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  const g = c.getContext("2d", {colorSpace: "srgb", willReadFrequently: true});
  g.drawImage(bmp, 0, 0);
  const rgba = g.getImageData(0, 0, bmp.width, bmp.height).data;
  bmp.close();
  return {width: c.width, height: c.height, rgba};
}
