// PromptPay panel: counts the QR's time down each second. On a page that polls with htmx
// (the storefront's order page: the panel has hx-get) htmx swaps in the panel's new state;
// elsewhere (the QR page of its own) this script polls data-status-url and moves on to the
// confirmation page once paid. Without JavaScript the panel still shows its state and the
// time left as text.
(function () {
  "use strict";
  var POLL_MS = 3000;

  function start(panel) {
    if (panel.promptpayStarted) { return; }
    panel.promptpayStarted = true;
    var statusUrl = panel.getAttribute("data-status-url");
    var confirmationUrl = panel.getAttribute("data-confirmation-url");
    var secondsLeft = parseInt(panel.getAttribute("data-seconds-left"), 10) || 0;
    var deadline = Date.now() + secondsLeft * 1000;
    var countdown = panel.querySelector("[data-promptpay-countdown]");
    var state = panel.querySelector("[data-promptpay-state]");
    var finished = panel.getAttribute("data-status") !== "pending";
    var ticker = null;

    function show(status) {
      var text = { paid: "data-text-paid", expired: "data-text-expired", refunded: "data-text-expired",
                   needs_review: "data-text-review" }[status];
      if (text && state) { state.textContent = state.getAttribute(text); }
      if (status !== "pending") {
        finished = true;
        panel.setAttribute("data-status", status);
        var qr = panel.querySelector(".promptpay-qr");
        if (qr && status !== "paid") { qr.remove(); }
      }
    }

    function tick() {
      if (!document.body.contains(panel)) { window.clearInterval(ticker); return; }
      if (!countdown || finished) { return; }
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      countdown.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    }

    function poll() {
      if (finished) { return; }
      fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (!body) { return; }
          show(body.status);
          if (body.paid && confirmationUrl) { window.location.assign(confirmationUrl); }
        })
        .catch(function () { /* offline for a moment: the next poll tries again */ })
        .then(function () { if (!finished) { window.setTimeout(poll, POLL_MS); } });
    }

    tick();
    ticker = window.setInterval(tick, 1000);
    if (statusUrl && !finished) { window.setTimeout(poll, POLL_MS); }
  }

  function init(root) {
    var panels = (root || document).querySelectorAll("[data-promptpay-panel]");
    for (var i = 0; i < panels.length; i++) { start(panels[i]); }
  }
  // htmx swaps a new panel in at each poll; it announces new content with htmx:load.
  document.addEventListener("htmx:load", function (event) {
    var element = event.target;
    if (element && element.matches && element.matches("[data-promptpay-panel]")) { start(element); }
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", function () { init(); }); }
  else { init(); }
})();
