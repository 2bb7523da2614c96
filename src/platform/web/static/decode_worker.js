// decode_worker.js - decodes photos for app.js off the page's thread (a 24 MP
// photo's pixels take a while to draw and read back), and hands the pixels
// back without a copy. Message in: {id, bytes, type, orientation}; out: {id, width,
// height} as soon as the size is known, then {id, photo} with photo as
// decode.js's decodePhoto gives it (null: cannot decode).
"use strict";
importScripts("decode.js");

onmessage = async (e) => {
  const {id, bytes, type, orientation} = e.data;
  let photo = null;
  try {
    photo = await decodePhoto(bytes, type, orientation, (width, height) => postMessage({id, width, height}));
  } catch (err) {
    photo = null; // no OffscreenCanvas here: the page decodes it itself
  }
  postMessage({id, photo}, photo ? [photo.rgba.buffer] : []);
};
