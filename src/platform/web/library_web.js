// library_web.js - the C side's calls into the page (emcc --js-library):
// main_web.c reports the dot layer's state and each frame's title and error
// to app.js through these, and input_web.c has its touches from here
// (EM_ASM needs -std=gnu*, the code is C11).
mergeInto(LibraryManager.library, {
  web_js_dot_target: function (target) {
    if (Module.onDotTarget) Module.onDotTarget(target);
  },
  // Touches to web_touch (input_web.c) with their fractional coordinates;
  // handled here, so no mouse events are made from them and nothing scrolls.
  web_js_touch_init: function () {
    const canvas = Module.canvas, kinds = {touchstart: 0, touchmove: 1, touchend: 2, touchcancel: 2};
    const on = (e) => {
      e.preventDefault();
      const box = canvas.getBoundingClientRect();
      for (const t of e.changedTouches) Module["_web_touch"](kinds[e.type], t.identifier, t.clientX - box.left, t.clientY - box.top);
    };
    for (const type in kinds) canvas.addEventListener(type, on, {passive: false});
  },
  web_js_photo_wanted: function (file, size) {
    return Module.onPhotoWanted && Module.onPhotoWanted(HEAPU8.slice(file, file + size)) ? 1 : 0;
  },
  web_js_photo_copy: function (slot, dest, bytes) {
    return Module.onPhotoCopy && Module.onPhotoCopy(slot, dest, bytes) ? 1 : 0;
  },
  // An export's PNG (jpegQuality 0) or JPEG encoded off the page's thread
  // (app.js encoder; image_write_web.c): 0 where the page cannot.
  web_js_encode_start: function (pixels, width, height, jpegQuality) {
    return Module.encoder ? Module.encoder.start(pixels, width, height, jpegQuality) : 0;
  },
  web_js_encode_size: function (id) { return Module.encoder.size(id); },
  web_js_encode_take: function (id, dest) { Module.encoder.take(id, dest); },
  web_js_encode_drop: function (id) { Module.encoder.drop(id); },
  web_js_frame: function (title, error, busy, drawing, forgets) {
    if (Module.onFrame) Module.onFrame(UTF8ToString(title), UTF8ToString(error), busy, drawing, forgets);
  },
});
