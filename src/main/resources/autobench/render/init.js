// Runs before any page script, in every frame of a render (see docs/rendering.md).
// __SEED__ is replaced with the submission's seed. Kept small: it runs for every frame.
(() => {
  // Seeded Math.random (mulberry32) so posters are reproducible per submission.
  let state = (__SEED__) >>> 0;
  const random = function random() {
    state = (state + 0x6D2B79F5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  Object.defineProperty(Math, 'random', { value: random, writable: false, configurable: false });

  // Playwright's fake clock (installed after this script) empties performance's entry lists;
  // keep a way to read the real first paint for the render's timing.
  const entries = performance.getEntriesByType.bind(performance);
  Object.defineProperty(window, '__autobenchFirstPaint', { enumerable: false, value: () => {
    const p = entries('paint').find(e => e.name === 'first-paint');
    return p ? Math.round(p.startTime) : null;
  } });

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
  const LIMIT = 250; // below the renderer's own cap of 300, so the notice below is kept
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
