// Runs before any page script, in every frame of a render (see docs/rendering.md).
// __SEED__, __EPOCH__, __REPORT__ and __CONSOLE_LIMIT__ are filled in by InitScript.
// Kept small: it runs for every frame.
(() => {
  // Seeded randomness so posters are reproducible per submission: one generator (mulberry32),
  // two streams of it. Math.random has the first; crypto.getRandomValues and randomUUID (pages use
  // them for colours and ids) the second, so that a library calling them does not shift the page's
  // Math.random sequence. crypto.subtle is left alone: it draws nothing.
  const stream = (seed) => {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6D2B79F5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    };
  };
  const SEED = (__SEED__);
  const next = stream(SEED);
  const random = function random() { return next() / 4294967296; };
  Object.defineProperty(Math, 'random', { value: random, writable: false, configurable: false });
  const nextForCrypto = stream(SEED ^ 0x9E3779B9);
  const byte = () => nextForCrypto() & 0xff;
  if (window.Crypto && window.crypto) {
    const realGet = Crypto.prototype.getRandomValues;
    try {
      Object.defineProperty(Crypto.prototype, 'getRandomValues', { configurable: true, writable: true, value: function getRandomValues(a) {
        realGet.call(this, a); // the real checks and errors (float arrays, more than 64 KiB), then ours
        const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
        for (let i = 0; i < bytes.length; i++) bytes[i] = byte();
        return a;
      } });
      Object.defineProperty(Crypto.prototype, 'randomUUID', { configurable: true, writable: true, value: function randomUUID() {
        const b = Array.from({ length: 16 }, byte);
        b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
        const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      } });
    } catch (e) {}
  }

  // Page time: a paused clock that moves only when the renderer calls advance(ms). Frames are
  // then taken at exact page times, the same on every render, without waiting in real time.
  // The top frame owns the clock; frames of the same origin inside it (srcdoc, same-site pages)
  // run on it too. A frame that cannot reach it (data: URLs, sandboxed frames: opaque origins)
  // gets a clock of its own, which the renderer advances by the same steps (PageClock).
  const CLOCK = Symbol.for('autobench.clock');
  let core = null;
  if (window.top !== window) {
    try { core = window.top[CLOCK] || null; } catch (e) { core = null; }
  }
  if (!core) {
    const FRAME = 16; // an integer, so the next frame is always strictly later (1000 / 60 rounds onto itself)
    const realPost = (() => { const ch = new MessageChannel(); let queue = []; ch.port1.onmessage = () => queue.shift()();
      return (f) => { queue.push(f); ch.port2.postMessage(0); }; })();
    let now = 0;
    let nextId = 1;
    let frameStep = FRAME;
    const timers = new Map();
    const add = (kind, fn, delay, args, win, rethrow) => {
      const id = nextId++;
      const at = kind === 'frame' ? (Math.floor(now / frameStep) + 1) * frameStep : now + Math.max(4, Number(delay) || 0);
      timers.set(id, { id, kind, fn, at, every: kind === 'interval' ? Math.max(4, Number(delay) || 0) : 0, args, win, doc: win.document, rethrow });
      return id;
    };
    const alive = (t) => { try { return !t.win.closed && t.win.document === t.doc; } catch (e) { return false; } };
    // Each frame's hook that puts its CSS animations, transitions, Web Animations and SMIL at page
    // time (below): run before the first timer, after every one, and when the step ends.
    const syncs = [];
    const sync = () => {
      for (const s of syncs) {
        if (!alive(s)) continue;
        try { s.fn(now); } catch (e) {}
      }
    };
    // advance(ms, budget): with a budget (real milliseconds), the step ends early once a timer or
    // frame has run past it, at that timer's page time, and says how far it got: the rest is run by
    // the next step, in the same order. A frame that suddenly takes seconds to draw (a heavy WebGL
    // scene) then costs one frame, not a whole piece of 16 ms frames, before the renderer slows it.
    const realNow = performance.now.bind(performance);
    const advance = async (ms, budget) => {
      const start = now;
      const target = now + ms;
      const began = realNow();
      let drawsBefore = gl.draws;
      sync();
      for (;;) {
        let first = null;
        for (const t of timers.values()) if (t.at <= target && (!first || t.at < first.at || (t.at === first.at && t.id < first.id))) first = t;
        if (!first) break;
        const live = alive(first);
        if (first.every && live) first.at += first.every; else timers.delete(first.id);
        if (!live) continue; // a frame that was removed or moved on: its callbacks go with its document
        now = Math.max(now, first.at - first.every);
        try { first.fn.apply(first.win, first.kind === 'frame' ? [now] : first.args); } catch (e) { first.rethrow(e); }
        await new Promise(realPost); // a real task boundary: promises settle, events are handled
        sync();
        if (budget > 0) {
          if (gl.draws !== drawsBefore) { finishDrawing(); drawsBefore = gl.draws; }
          if (realNow() - began > budget) return now - start;
        }
      }
      now = target;
      sync();
      return ms;
    };
    // coarse(ms): a page too slow to draw every 16 ms frame in software gets one frame per ms
    // instead (RenderJob decides), as a slow machine would drop frames; 0 goes back to 16 ms.
    const coarse = (ms) => { frameStep = ms > FRAME ? ms : FRAME; };
    core = { add, cancel: (id) => timers.delete(id), now: () => now, advance, coarse,
      onSync: (win, fn) => syncs.push({ win, doc: win.document, fn }) };
    Object.defineProperty(window, CLOCK, { value: core });
  }
  {
    const RealDate = Date;
    const EPOCH = __EPOCH__;
    const RealSetTimeout = window.setTimeout.bind(window);
    const rethrow = (e) => RealSetTimeout(() => { throw e; }); // a real uncaught error of this frame, reported as such
    const callable = (fn) => typeof fn === 'function' ? fn : () => (0, eval)(String(fn));
    const add = (kind, fn, delay, args) => core.add(kind, fn, delay, args, window, rethrow);
    window.setTimeout = (fn, delay, ...args) => add('timeout', callable(fn), delay, args);
    window.setInterval = (fn, delay, ...args) => add('interval', callable(fn), delay, args);
    window.requestAnimationFrame = (fn) => add('frame', fn, 0, []);
    window.requestIdleCallback = (fn) => add('timeout', () => fn({ didTimeout: false, timeRemaining: () => 0 }), 50, []);
    window.clearTimeout = window.clearInterval = window.cancelAnimationFrame = window.cancelIdleCallback = (id) => core.cancel(id);
    performance.now = () => core.now();
    function FakeDate(...a) {
      if (!new.target) return new RealDate(EPOCH + core.now()).toString();
      return a.length ? new RealDate(...a) : new RealDate(EPOCH + Math.floor(core.now()));
    }
    FakeDate.prototype = RealDate.prototype;
    FakeDate.now = () => EPOCH + Math.floor(core.now());
    FakeDate.parse = RealDate.parse;
    FakeDate.UTC = RealDate.UTC;
    window.Date = FakeDate;

    // CSS animations and transitions, the Web Animations API and SMIL run on page time too: each
    // animation is paused when first seen (the renderer syncs once right after the load event) and then sought to (page time - its start) at every sync,
    // so a title typed by a CSS animation is typed in the poster, as a visitor would see it after
    // the same time. One that reaches its end is finished for real, so animationend and
    // transitionend handlers run. The page's own pause() and play() are honoured; a CSS
    // animation-play-state change after the animation was first seen is not (see docs/rendering.md).
    if (window.Animation && document.getAnimations) {
      const seen = new WeakMap(); // animation -> { origin } | { held } | { done }
      const realPause = Animation.prototype.pause;
      const realPlay = Animation.prototype.play;
      const realFinish = Animation.prototype.finish;
      try {
        Animation.prototype.pause = function pause() { const r = realPause.apply(this, arguments); seen.set(this, { held: true }); return r; };
        Animation.prototype.play = function play() {
          const r = realPlay.apply(this, arguments);
          seen.set(this, { origin: core.now() - (Number(this.currentTime) || 0) / (this.playbackRate || 1) });
          return r;
        };
        Animation.prototype.finish = function finish() { seen.set(this, { done: true }); return realFinish.apply(this, arguments); };
      } catch (e) {}
      const smil = new WeakMap();
      core.onSync(window, (now) => {
        for (const a of document.getAnimations()) {
          let s = seen.get(a);
          if (!s) {
            // Never seen, so never paused, played or finished by the page (those are hooked):
            // one already finished ran out in real time while the page loaded; page time has not
            // moved since it began, so it starts over from page time now.
            s = a.playState === 'paused' ? { held: true } : { origin: now };
            seen.set(a, s);
          }
          if (s.held || s.done) continue;
          const rate = a.playbackRate || 1;
          const t = (now - s.origin) * rate;
          const end = a.effect ? a.effect.getComputedTiming().endTime : Infinity;
          if (rate > 0 && Number.isFinite(end) && t >= end) {
            s.done = true;
            realFinish.call(a);
            continue;
          }
          if (a.playState !== 'paused') realPause.call(a);
          a.currentTime = t;
        }
        for (const svg of document.getElementsByTagName('svg')) {
          if (svg.ownerSVGElement || !svg.pauseAnimations) continue;
          if (!smil.has(svg)) smil.set(svg, now - svg.getCurrentTime() * 1000);
          svg.pauseAnimations();
          svg.setCurrentTime((now - smil.get(svg)) / 1000);
        }
      });
    }
  }

  // Reports to the renderer (console lines starting with its unguessable prefix): taken before the
  // page can wrap console.
  const report = console.info.bind(console);
  // A module script that failed to load or link (a library that is not kept, a typo in an import)
  // runs none of its code: the renderer hears of it, so a page left empty by it is not called "ok".
  window.addEventListener('error', (e) => {
    const t = e.target;
    if (t && t !== window && t.tagName === 'SCRIPT' && t.type === 'module') {
      report('__REPORT__ module-failed ' + String(t.src || 'an inline module script').slice(0, 300));
    }
  }, true);

  // WebGL: which canvases hold a context and how many draw calls were made, so that a blank 3D
  // scene is told apart from a page that drew one (the probe's webgl(), below).
  const GL = Symbol.for('autobench.webgl');
  const gl = { canvases: new Set(), draws: 0 };
  Object.defineProperty(window, GL, { value: gl });
  const contexts = new Set(); // for finishDrawing, below; not on the page-visible object, nor is it
  const realGetContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function getContext(type) {
    const c = realGetContext.apply(this, arguments);
    if (c && /webgl/i.test(String(type))) { gl.canvases.add(this); contexts.add(c); }
    return c;
  };
  // Waits until the GPU process has drawn what the page's WebGL contexts were given (the clock's
  // budgeted steps): otherwise a heavy scene's frames queue up there while its script runs on,
  // and the wait falls on the next picture, seconds or tens of seconds later, beyond any budget.
  const finishes = [window.WebGLRenderingContext, window.WebGL2RenderingContext].filter(Boolean)
    .map((k) => [k, k.prototype.finish]);
  const finishDrawing = () => {
    for (const c of contexts) {
      try {
        const f = finishes.find(([k]) => c instanceof k);
        if (f && !c.isContextLost()) f[1].call(c);
      } catch (e) {}
    }
  };
  for (const proto of [window.WebGLRenderingContext, window.WebGL2RenderingContext].filter(Boolean).map((k) => k.prototype)) {
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements']) {
      const real = proto[name];
      if (typeof real !== 'function') continue;
      proto[name] = function () { gl.draws++; return real.apply(this, arguments); };
    }
  }

  // Could the page change what it draws when clicked, dragged or typed at? This is the one
  // definition (the renderer asks the top frame's probe, below, by name): an animated page that
  // cannot react is not run a second time for the input check. Listeners are watched as they are
  // registered (addEventListener and the on... properties); frames inside the page report to the top.
  const INPUT = /^(click|dblclick|auxclick|contextmenu|mouse\w+|pointer\w+|touch\w+|key\w+|wheel|scroll|input|beforeinput|change|select\w*|drag\w*|drop|focus\w*|blur|gesture\w+)$/;
  const LISTENS = Symbol.for('autobench.listens');
  const heard = () => { window[LISTENS] = true; try { window.top[LISTENS] = true; } catch (e) {} };
  const addListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type) {
    if (INPUT.test(String(type))) heard();
    return addListener.apply(this, arguments);
  };
  const handlerNames = new Set();
  for (const target of [window, Window.prototype, Document.prototype, HTMLElement.prototype, SVGElement.prototype, Element.prototype]) {
    for (const name of Object.getOwnPropertyNames(target)) {
      if (!name.startsWith('on') || !INPUT.test(name.slice(2))) continue;
      handlerNames.add(name);
      const d = Object.getOwnPropertyDescriptor(target, name);
      if (!d || !d.set || !d.configurable) continue;
      Object.defineProperty(target, name, { ...d, set(v) { if (v) heard(); return d.set.call(this, v); } });
    }
  }
  if (window.top === window) {
    // Inline on... attributes for the same events as the listeners; form controls, frames, media,
    // editable or focusable elements, SMIL begun by events; styles that react to hover or focus
    // (an unreadable sheet counts). Returns why, or null.
    const inline = [...handlerNames].map((n) => '[' + n + ']').join(',');
    const controls = 'iframe,frame,object,embed,input,select,textarea,button,details,video,audio,'
      + '[contenteditable],[tabindex],[begin*=click],[begin*=mouse],[begin*=key],[begin*=focus]';
    const reacting = /:(hover|active|focus|focus-within|focus-visible|checked|target)/;
    const scan = (rules, depth) => {
      for (const r of rules) {
        if (r.selectorText && reacting.test(r.selectorText)) return true;
        if (depth < 8 && r.cssRules && scan(r.cssRules, depth + 1)) return true;
      }
      return false;
    };
    const reacts = () => {
      if (window[LISTENS]) return 'input listeners';
      if (document.designMode === 'on') return 'design mode';
      if (document.querySelector(inline + ',' + controls)) return 'controls or inline handlers';
      for (const sheet of document.styleSheets) {
        try { if (scan(sheet.cssRules, 0)) return 'hover or focus styles'; } catch (e) { return 'unreadable styles'; }
      }
      return null;
    };
    // The visible WebGL canvases (CSS pixels of the viewport) and the draw calls made so far.
    const webgl = () => ({ draws: gl.draws, canvases: [...gl.canvases].filter((c) => c.isConnected).map((c) => {
      const r = c.getBoundingClientRect();
      return { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) };
    }).filter((r) => r.w >= 16 && r.h >= 16) });
    Object.defineProperty(window, Symbol.for('autobench.probe'), { value: Object.freeze({ reacts, webgl }) });
  }

  // javascript: URLs: the navigate event below never sees them, and one whose code ends in a
  // string replaces the page's document with that string. The document's CSP header (NetworkGuard)
  // requires Trusted Types, so every such navigation passes through this default policy, which
  // lets the code run (href="javascript:void(0)" handlers keep working) but makes its result
  // undefined. Every other sink gets its string unchanged.
  if (window.trustedTypes && trustedTypes.createPolicy) {
    try {
      trustedTypes.createPolicy('default', { createHTML: (s) => s, createScriptURL: (s) => s,
        createScript: (s, type, sink) => (sink === 'Location href' ? s + '\n;void 0' : s) });
    } catch (e) {}
  }

  // The page may not leave its document (top-level navigation is blocked). Requests to the
  // network are answered "no content" by the renderer, but about:blank and the like never reach
  // it; the Navigation API can cancel them all before they start (javascript: URLs: see above). Same-document
  // changes (hash, pushState) stay allowed. Our own navigations come from the browser and cannot
  // be cancelled, so they are not affected. The renderer hears of the first few as blocked.
  if (window.top === window && window.navigation) {
    let told = 0;
    navigation.addEventListener('navigate', (e) => {
      if (e.destination.sameDocument || !e.cancelable) return;
      e.preventDefault();
      if (told++ < 20) report('__REPORT__ navigation ' + String(e.destination.url).slice(0, 300));
    });
  }

  // Dialogs never block: answering them in the page avoids a browser round trip per alert.
  window.alert = () => {};
  window.confirm = () => false;
  window.prompt = () => null;
  window.print = () => {};
  // Popups and closing the window: no new pages, and the render's page must stay open.
  window.open = () => null;
  window.close = () => {};

  // Service workers must fail loudly, not resolve to nothing (Playwright's own block does that).
  if (navigator.serviceWorker) {
    const refuse = () => Promise.reject(new DOMException(
        'Service workers are disabled in the AutoBench renderer', 'SecurityError'));
    try { Object.defineProperty(ServiceWorkerContainer.prototype, 'register', { value: refuse }); } catch (e) {}
    try { Object.defineProperty(navigator.serviceWorker, 'register', { value: refuse }); } catch (e) {}
  }

  // Console spam would flood the protocol pipe; keep the first lines and say what was dropped.
  const LIMIT = __CONSOLE_LIMIT__; // InitScript: below the renderer's own cap, so the notice below is kept
  let count = 0;
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']) {
    const original = console[name];
    if (typeof original !== 'function') continue;
    console[name] = function (...args) {
      count++;
      if (count <= LIMIT) return original.apply(this, args);
      if (count === LIMIT + 1) original.call(console, '[autobench] console output truncated after ' + LIMIT + ' lines');
    };
  }
})();
