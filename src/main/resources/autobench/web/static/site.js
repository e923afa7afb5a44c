// AutoBench: the little behaviour the pages need. Everything works without it (links and forms);
// this runs answers live in place of their posters (scaled 800×600 frames with Stop, full screen and a heartbeat),
// loads and highlights an answer's code when it is opened, copies code, adds keyboard voting, and shows a refused
// vote's reason in place.
(function () {
  "use strict";

  // Live previews. Each frame gets a Stop control that puts its poster back, and a heartbeat: the
  // sandbox page answers our pings (guard.js), so a preview stuck in an endless loop goes quiet.
  // Chromium runs all frames of one preview site in one process, so a stuck preview freezes its
  // neighbour too; removing a frame is what ends its scripts, and a quiet neighbour is restarted.
  var QUIET_MS = 3000;
  var live = [];
  var beat = 0;

  // arena: every answer runs at the size its prompt demands, 800×600 CSS pixels, and is scaled to its
  // column by a transform on the frame. The transform is on the iframe element, so the browser maps
  // pointer events back into the frame's own coordinates: a click lands where the answer drew.
  var FRAME_W = 800;
  var FRAME_H = 600;

  function framedUrl(url) {
    return url + (url.indexOf("?") < 0 ? "?" : "&") + "framed=1";
  }

  function makeFrame(src, title) {
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = title;
    // The sandbox origin's CSP sandboxes the page too; this attribute keeps it sandboxed even if a header were lost.
    frame.setAttribute("sandbox", "allow-scripts allow-pointer-lock");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.width = String(FRAME_W);
    frame.height = String(FRAME_H);
    return frame;
  }

  // Scale (and, in full screen, centre) the 800×600 frame inside its screen box.
  function fit(entry) {
    var box = entry.screen;
    var w = box.clientWidth, h = box.clientHeight;
    if (!w || !h) return;
    var s = Math.min(w / FRAME_W, h / FRAME_H);
    var x = (w - FRAME_W * s) / 2, y = (h - FRAME_H * s) / 2;
    entry.frame.style.transform = "translate(" + x + "px, " + y + "px) scale(" + s + ")";
  }

  var resized = typeof ResizeObserver === "function" ? new ResizeObserver(function (records) {
    records.forEach(function (r) {
      live.forEach(function (entry) { if (entry.screen === r.target) fit(entry); });
    });
  }) : null;

  function controls(entry) {
    var bar = document.createElement("div");
    bar.className = "live-controls";
    var stop = document.createElement("button");
    stop.type = "button";
    stop.className = "stop";
    stop.textContent = "Stop";
    stop.addEventListener("click", function () { stopLive(entry); });
    bar.appendChild(stop);
    if (entry.stage.requestFullscreen) {
      var full = document.createElement("button");
      full.type = "button";
      full.className = "full";
      full.textContent = "Full screen";
      full.setAttribute("aria-pressed", "false");
      full.addEventListener("click", function () {
        if (document.fullscreenElement === entry.stage) document.exitFullscreen();
        else entry.stage.requestFullscreen().catch(function () {});
      });
      bar.appendChild(full);
    }
    var status = document.createElement("span");
    status.className = "live-status";
    status.setAttribute("role", "status");
    bar.appendChild(status);
    return bar;
  }

  document.addEventListener("fullscreenchange", function () {
    live.forEach(function (entry) {
      var full = entry.bar.querySelector("button.full");
      if (full) full.setAttribute("aria-pressed", String(document.fullscreenElement === entry.stage));
      fit(entry);
    });
  });

  // The frame sits in a screen box over the poster; the poster shows until the answer's document has loaded.
  function mount(entry) {
    var screen = document.createElement("div");
    screen.className = "screen";
    screen.appendChild(entry.frame);
    entry.screen = screen;
    entry.stage.appendChild(screen);
    entry.stage.parentNode.insertBefore(entry.bar, entry.stage.nextSibling);
    entry.frame.addEventListener("load", function () { loaded(entry); });
    if (resized) resized.observe(screen);
    fit(entry);
  }

  function loaded(entry) {
    entry.stage.setAttribute("data-loaded", "yes");
    if (entry.poster) entry.poster.hidden = true;
  }

  function watch(entry) {
    entry.heard = Date.now();
    entry.stage.setAttribute("data-live", "running");
    live.push(entry);
    if (!beat) beat = setInterval(heartbeat, 1000);
  }

  function runLive(link, focus) {
    var stage = link.parentNode;
    if (stage.hasAttribute("data-live")) return;
    var entry = { stage: stage, poster: link };
    entry.frame = makeFrame(framedUrl(link.getAttribute("data-run")), link.getAttribute("data-title") || "Answer running live");
    entry.bar = controls(entry);
    mount(entry);
    watch(entry);
    // Focus moves into the frame only when the visitor asked for it: a battle that starts by itself keeps the keys.
    if (focus) entry.frame.focus();
  }

  function stopLive(entry) {
    forget(entry);
    entry.stage.removeAttribute("data-live");
    entry.stage.removeAttribute("data-loaded");
    if (document.fullscreenElement === entry.stage) document.exitFullscreen();
    if (entry.poster) {
      entry.stage.removeChild(entry.screen);
      entry.bar.parentNode.removeChild(entry.bar);
      entry.poster.hidden = false;
      entry.poster.focus();
    } else {
      window.location.href = entry.stopHref;
      return;
    }
    // Neighbours that went quiet with it shared its process: a fresh frame gets a fresh one.
    var now = Date.now();
    live.forEach(function (other) {
      if (now - other.heard < QUIET_MS) return;
      var fresh = makeFrame(other.frame.src, other.frame.title);
      other.screen.replaceChild(fresh, other.frame);
      fresh.addEventListener("load", function () { loaded(other); });
      other.frame = fresh;
      other.heard = now;
      fit(other);
      show(other, false);
    });
  }

  function forget(entry) {
    var i = live.indexOf(entry);
    if (i >= 0) live.splice(i, 1);
    if (resized && entry.screen) resized.unobserve(entry.screen);
    if (!live.length && beat) {
      clearInterval(beat);
      beat = 0;
    }
  }

  function show(entry, quiet) {
    entry.stage.setAttribute("data-live", quiet ? "unresponsive" : "running");
    var status = entry.bar.querySelector(".live-status");
    var text = quiet ? "Not responding (stuck in a loop?). Stop it to let the other preview run again." : "";
    if (status.textContent !== text) status.textContent = text;
  }

  function heartbeat() {
    var now = Date.now();
    live.slice().forEach(function (entry) {
      // A frame swapped out of the page (a fresh battle after a refused vote) is no longer watched.
      if (!entry.frame.isConnected) return forget(entry);
      // The frame's origin is opaque, so "*" is the only target origin that reaches it; the ping carries nothing.
      if (entry.frame.contentWindow) entry.frame.contentWindow.postMessage({ autobench: "ping", n: now }, "*");
      show(entry, now - entry.heard > QUIET_MS);
    });
  }

  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.autobench !== "pong") return;
    live.forEach(function (entry) {
      if (entry.frame.contentWindow === e.source) {
        entry.heard = Date.now();
        show(entry, false);
      }
    });
  });

  // A frame the server already put in the page (the no-JS "Run live" link) is watched too; its Stop is a link.
  document.querySelectorAll(".stage iframe.live").forEach(function (frame) {
    var stage = frame.parentNode;
    var link = stage.parentNode.querySelector("a.stop");
    var entry = { stage: stage, frame: frame, stopHref: link ? link.href : window.location.pathname };
    entry.bar = controls(entry);
    var old = link && link.closest(".live-controls");
    if (old) old.parentNode.removeChild(old);
    mount(entry);
    loaded(entry);
    watch(entry);
  });

  // arena: a battle's answers start at once, unless the visitor asked for less motion or less data;
  // then the posters stay, each with its "Run live".
  function quietPlease() {
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var save = navigator.connection && navigator.connection.saveData;
    return reduce || !!save;
  }

  function autorun(root) {
    if (quietPlease()) return;
    root.querySelectorAll(".stage[data-autorun]:not([data-live]) > a.run[data-run]").forEach(function (link) {
      runLive(link, false);
    });
  }
  autorun(document);

  document.addEventListener("click", function (e) {
    var run = e.target.closest && e.target.closest("a.run[data-run]");
    if (run && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      runLive(run, true);
      return;
    }
    var copy = e.target.closest && e.target.closest("button.copy[data-copy]");
    if (copy) {
      var code = document.getElementById(copy.getAttribute("data-copy"));
      if (!code || !navigator.clipboard) return;
      navigator.clipboard.writeText(code.textContent).then(function () {
        copy.textContent = "Copied";
        setTimeout(function () { copy.textContent = "Copy code"; }, 2000);
      }, function () {
        copy.textContent = "Copy failed: select the code instead";
      });
    }
  });

  // arena: keyboard voting. Each vote button (and "next") lists its keys in data-keys. The digits work
  // anywhere on the battle page outside a text field; the arrows only while focus is on the battle
  // itself and not in a box that scrolls (the prompt), where they belong to scrolling.
  function scrolls(el, stop) {
    for (; el && el !== stop; el = el.parentElement) {
      if (/^(PRE|TEXTAREA|SELECT)$/.test(el.tagName)) return true;
      var o = getComputedStyle(el);
      if ((el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(o.overflowY))
          || (el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(o.overflowX))) return true;
    }
    return false;
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.repeat) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var battle = document.getElementById("battle");
    if (!battle) return;
    if (e.key.indexOf("Arrow") === 0 && (!battle.contains(t) || scrolls(t, battle))) return;
    var targets = battle.querySelectorAll("[data-keys]");
    for (var i = 0; i < targets.length; i++) {
      if (targets[i].disabled) continue;
      if (targets[i].getAttribute("data-keys").split(" ").indexOf(e.key) >= 0) {
        e.preventDefault();
        targets[i].click();
        return;
      }
    }
  });

  // arena: a vote always answers. A refused vote comes back as 403/409 with the reason and a fresh
  // battle; htmx leaves 4xx replies unswapped by default, so the battle's own replies are swapped in.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var xhr = e.detail.xhr;
    var html = /text\/html/.test((xhr && xhr.getResponseHeader("Content-Type")) || "");
    if (xhr && xhr.status >= 400 && xhr.status < 500 && html && e.detail.target && e.detail.target.id === "battle") {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  // No reply at all (the network, a server error): say so in place, and keep the buttons usable.
  function unsent(e) {
    var battle = document.getElementById("battle");
    if (!battle || !battle.contains(e.target)) return;
    var note = battle.querySelector("p.message[data-refusal='unsent']");
    if (!note) {
      note = document.createElement("p");
      note.className = "message";
      note.setAttribute("role", "alert");
      note.setAttribute("data-refusal", "unsent");
      battle.insertBefore(note, battle.firstChild);
    }
    var status = e.detail.xhr && e.detail.xhr.status;
    note.textContent = "Your vote could not be sent" + (status ? " (the server answered " + status + ")" : "")
      + ", so it was not counted. Try again, or open a new battle.";
  }
  document.addEventListener("htmx:sendError", unsent);
  document.addEventListener("htmx:responseError", function (e) {
    if (!(e.detail.xhr && e.detail.xhr.status < 500 && e.detail.target && e.detail.target.id === "battle")) unsent(e);
  });

  // An answer's code is not on its task page: opening "Code" loads it (htmx, from /answer/{id}/code). Once it is
  // in, Prism highlights it as it highlights code present at load.
  document.addEventListener("htmx:afterSwap", function () {
    if (!window.Prism) return;
    var blocks = document.querySelectorAll("details.code code[class*='language-']:not([data-highlighted])");
    for (var i = 0; i < blocks.length; i++) {
      blocks[i].setAttribute("data-highlighted", "");
      window.Prism.highlightElement(blocks[i]);
    }
  });

  // After a vote is swapped in, move focus to the result (or the refusal) so keyboard and screen-reader
  // users follow, and start the fresh battle a refusal brings.
  document.addEventListener("htmx:afterSwap", function () {
    var battle = document.getElementById("battle");
    if (!battle) return;
    autorun(battle);
    var refusal = battle.querySelector("p.message[data-refusal]");
    var next = document.getElementById("next");
    if (refusal) {
      refusal.setAttribute("tabindex", "-1");
      refusal.focus();
    } else if (next) {
      next.focus();
    }
  });
})();
