// AutoBench: the little behaviour the pages need. Everything works without it (links and forms);
// this swaps posters for live previews in place, copies code, and adds keyboard voting.
(function () {
  "use strict";

  function runLive(link) {
    var frame = document.createElement("iframe");
    frame.src = link.getAttribute("data-run");
    frame.title = link.getAttribute("data-title") || "Answer running live";
    // The sandbox origin's CSP sandboxes the page too; this attribute keeps it sandboxed even if a header were lost.
    frame.setAttribute("sandbox", "allow-scripts allow-pointer-lock");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.width = "400";
    frame.height = "300";
    var stage = link.parentNode;
    stage.replaceChild(frame, link);
    frame.focus();
  }

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
