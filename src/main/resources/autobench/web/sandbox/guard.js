(function () {
  "use strict";
  // AutoBench's preview guard, placed before the answer's own markup so it runs first.
  // 1. WebRTC is the one way out of the page that CSP cannot close (connect-src does not cover
  //    ICE/STUN), so every RTC interface is replaced by a frozen undefined the answer cannot undo.
  // 2. Nested documents (srcdoc, javascript: URLs) would get a fresh window with WebRTC intact;
  //    the header's Trusted Types requirement sends every HTML and script sink through the
  //    default policy below, which refuses frames and javascript: navigations.
  // 3. A heartbeat: the page that frames us pings, we answer; an endless loop stops the answers.
  var w = window, names = Object.getOwnPropertyNames(w), i;
  for (i = 0; i < names.length; i++) {
    if (/^(webkit|moz)?RTC/.test(names[i])) {
      try { delete w[names[i]]; } catch (e) { /* a non-deletable one is made inert below */ }
      Object.defineProperty(w, names[i], { value: undefined, writable: false, enumerable: false, configurable: false });
    }
  }
  if (w.trustedTypes && w.trustedTypes.createPolicy) {
    var frames = /<\s*\/?\s*(i?frame|fencedframe|portal)\b|srcdoc/i;
    w.trustedTypes.createPolicy("default", {
      createHTML: function (s, type, sink) { return frames.test(s) || /srcdoc/i.test(sink) ? null : s; },
      createScript: function (s, type, sink) { return /location|href|navigat/i.test(sink) ? null : s; },
      createScriptURL: function (s) { return s; }
    });
  }
  var parentWindow = w.parent;
  w.addEventListener("message", function (e) {
    var d = e.data;
    if (e.source === parentWindow && d && d.autobench === "ping") parentWindow.postMessage({ autobench: "pong", n: d.n }, "*");
  }, true);
})();
