// AutoBench: the little behaviour the pages need. Everything works without it (links and forms);
// this swaps posters for live previews in place (with Stop and a heartbeat), copies code, and adds keyboard voting.
(function () {
  "use strict";

  // Live previews. Each frame gets a Stop control that puts its poster back, and a heartbeat: the
  // sandbox page answers our pings (guard.js), so a preview stuck in an endless loop goes quiet.
  // Chromium runs all frames of one preview site in one process, so a stuck preview freezes its
  // neighbour too; removing a frame is what ends its scripts, and a quiet neighbour is restarted.
  var QUIET_MS = 3000;
  var live = [];
  var beat = 0;

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
    frame.width = "400";
    frame.height = "300";
    return frame;
  }

  function controls(stopLabel) {
    var bar = document.createElement("div");
    bar.className = "live-controls";
    var stop = document.createElement("button");
    stop.type = "button";
    stop.className = "stop";
    stop.textContent = stopLabel;
    var status = document.createElement("span");
    status.className = "live-status";
    status.setAttribute("role", "status");
    bar.appendChild(stop);
    bar.appendChild(status);
    return bar;
  }

  function watch(entry) {
    entry.heard = Date.now();
    entry.stage.setAttribute("data-live", "running");
    live.push(entry);
    if (!beat) beat = setInterval(heartbeat, 1000);
  }

  function runLive(link) {
    var stage = link.parentNode;
    var frame = makeFrame(framedUrl(link.getAttribute("data-run")), link.getAttribute("data-title") || "Answer running live");
    var bar = controls("Stop");
    stage.replaceChild(frame, link);
    stage.appendChild(bar);
    var entry = { stage: stage, frame: frame, bar: bar, poster: link };
    bar.querySelector("button.stop").addEventListener("click", function () { stop(entry); });
    watch(entry);
    frame.focus();
  }

  function stop(entry) {
    live.splice(live.indexOf(entry), 1);
    entry.stage.removeAttribute("data-live");
    if (entry.poster) {
      entry.stage.replaceChild(entry.poster, entry.frame);
      entry.stage.removeChild(entry.bar);
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
      other.stage.replaceChild(fresh, other.frame);
      other.frame = fresh;
      other.heard = now;
      show(other, false);
    });
    if (!live.length) {
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
    live.forEach(function (entry) {
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
    var link = stage.querySelector("a.stop");
    var bar = controls("Stop");
    if (link) link.parentNode.replaceChild(bar, link);
    else stage.appendChild(bar);
    var entry = { stage: stage, frame: frame, bar: bar, stopHref: link ? link.href : window.location.pathname };
    bar.querySelector("button.stop").addEventListener("click", function () { stop(entry); });
    watch(entry);
  });

  document.addEventListener("click", function (e) {
    var run = e.target.closest && e.target.closest("a.run[data-run]");
    if (run && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      runLive(run);
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

  // Keyboard voting: each vote button (and "next") lists its keys in data-keys.
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var battle = document.getElementById("battle");
    if (!battle) return;
    var targets = battle.querySelectorAll("[data-keys]");
    for (var i = 0; i < targets.length; i++) {
      if (targets[i].getAttribute("data-keys").split(" ").indexOf(e.key) >= 0) {
        e.preventDefault();
        targets[i].click();
        return;
      }
    }
  });

  // After a vote is swapped in, move focus to the result so keyboard and screen-reader users follow.
  document.addEventListener("htmx:afterSwap", function () {
    var next = document.getElementById("next");
    if (next) next.focus();
  });
})();
