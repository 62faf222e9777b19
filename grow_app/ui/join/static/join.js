// grow's participant page, improved: live updates of the question, the contributions and the
// vote, without a reload. The page works without this script (plain forms).
(function () {
  "use strict";
  var body = document.body;
  var stateUrl = body.getAttribute("data-state");
  if (!stateUrl || !window.fetch || !window.DOMParser) {
    return;
  }
  var version = body.getAttribute("data-version");
  var busy = false;
  var deferred = false;
  var POLL_MS = 1500;

  function isBusy(region) {
    // Never pull a form away from someone using it: not while it has the focus, not while a
    // text is typed in it.
    var active = document.activeElement;
    if (active && active !== body && region.contains(active)) {
      return true;
    }
    var areas = region.querySelectorAll("textarea");
    for (var i = 0; i < areas.length; i++) {
      if (areas[i].value.trim()) {
        return true;
      }
    }
    return false;
  }

  function apply(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var regions = fresh.querySelectorAll("[data-live]");
    var waiting = false;
    for (var i = 0; i < regions.length; i++) {
      var next = regions[i];
      var current = document.getElementById(next.id);
      if (!current || current.innerHTML === next.innerHTML) {
        continue;
      }
      if (isBusy(current)) {
        waiting = true;
        if (next.id === "vraag" && next.getAttribute("data-question") !== current.getAttribute("data-question")) {
          document.getElementById("verder").hidden = false;
        }
        continue;
      }
      current.replaceWith(document.importNode(next, true));
      if (next.id === "vraag") {
        document.getElementById("verder").hidden = true;
      }
    }
    deferred = waiting;
    setupVote();
  }

  function refresh() {
    return fetch(window.location.pathname, { cache: "no-store", credentials: "same-origin" }).then(
      function (reply) {
        if (!reply.ok) {
          window.location.reload();
          return null;
        }
        return reply.text().then(apply);
      }
    );
  }

  function poll() {
    if (busy || document.hidden) {
      return;
    }
    busy = true;
    fetch(stateUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (reply) {
        if (reply.status === 404 || reply.status === 410) {
          window.location.reload(); // the code was closed: show the Dutch page
          return null;
        }
        return reply.ok ? reply.json() : null;
      })
      .then(function (data) {
        if (data && data.version !== version) {
          version = data.version;
          return refresh();
        }
        return null;
      })
      .catch(function () {
        // Offline for a moment (a phone changing networks): the next poll tries again.
      })
      .then(function () {
        busy = false;
      });
  }

  function setupVote() {
    var form = document.querySelector("form.vote");
    if (!form || form.getAttribute("data-ready")) {
      return;
    }
    form.setAttribute("data-ready", "1");
    var budget = parseInt(form.getAttribute("data-budget"), 10);
    var left = form.querySelector("[data-left]");
    function count() {
      var spent = 0;
      var inputs = form.querySelectorAll("input[type=number]");
      for (var i = 0; i < inputs.length; i++) {
        var value = parseInt(inputs[i].value, 10);
        spent += isNaN(value) || value < 0 ? 0 : value;
      }
      left.textContent = left.getAttribute("data-left").replace("{left}", String(budget - spent));
      left.hidden = false;
    }
    form.addEventListener("input", count);
    count();
  }

  document.addEventListener("focusout", function () {
    if (deferred) {
      setTimeout(function () {
        if (deferred) {
          refresh();
        }
      }, 300);
    }
  });
  document.addEventListener("visibilitychange", poll);
  setInterval(poll, POLL_MS);
  setupVote();
})();
