// encode_worker.js - encodes an export's PNG for app.js off the page's thread
// (stb_image_write's deflate of a 24 MP export held the page 4-10 s;
// docs/web.md). Message in: {id, rgba, width, height} (opaque sRGB pixels,
// the buffer handed over; refuse: the tests' stand-in for a browser that
// cannot); out: {id, bytes} (the PNG file) or {id, error} (the page then has
// stb encode it).
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

onmessage = async (e) => {
  const {id, rgba, width, height, refuse} = e.data;
  try {
    if (refuse) throw new Error("refused");
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext("2d", {alpha: false, willReadFrequently: true}); // on the CPU: exact
    ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer), width, height), 0, 0);
    if (!holds(ctx, rgba, width, height)) throw new Error("the canvas does not hold the pixels");
    const blob = await canvas.convertToBlob({type: "image/png"});
    if (blob.type !== "image/png") throw new Error("no PNG from the canvas");
    const bytes = await blob.arrayBuffer();
    postMessage({id, bytes}, [bytes]);
  } catch (err) {
    postMessage({id, error: String((err && err.message) || err)});
  }
};
