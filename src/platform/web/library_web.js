// library_web.js - the C side's calls into the page (emcc --js-library):
// main_web.c reports the dot layer's state and each frame's title and error
// to app.js through these (EM_ASM needs -std=gnu*, the code is C11).
mergeInto(LibraryManager.library, {
  web_js_dot_target: function (target) {
    if (Module.onDotTarget) Module.onDotTarget(target);
  },
  web_js_frame: function (title, error, busy) {
    if (Module.onFrame) Module.onFrame(UTF8ToString(title), UTF8ToString(error), busy);
  },
});
