// decode.js - a photo's bytes to upright sRGB RGBA by the browser's own
// decoder (createImageBitmap with the EXIF orientation applied, drawn on an
// sRGB canvas: ICC profiles converted). Loaded by decode_worker.js, which
// does it off the page's thread, and by the page as the fallback where a
// worker cannot (no OffscreenCanvas in workers).
"use strict";

// {width, height, rgba} or null when the browser cannot decode the bytes.
async function decodePhoto(bytes, type) {
  let bmp;
  try {
    bmp = await createImageBitmap(new Blob([bytes], {type: type || ""}),
      {imageOrientation: "from-image", premultiplyAlpha: "none", colorSpaceConversion: "default"});
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
