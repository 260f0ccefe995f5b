// PromptPay panel: counts down the QR's time, polls the payment's status and moves on to
// the confirmation page once paid. The page works without it (reload to see the status).
(function () {
  "use strict";
  var POLL_MS = 3000;

  function start(panel) {
    var statusUrl = panel.getAttribute("data-status-url");
    var confirmationUrl = panel.getAttribute("data-confirmation-url");
    var secondsLeft = parseInt(panel.getAttribute("data-seconds-left"), 10) || 0;
    var deadline = Date.now() + secondsLeft * 1000;
    var countdown = panel.querySelector("[data-promptpay-countdown]");
    var state = panel.querySelector("[data-promptpay-state]");
    var finished = panel.getAttribute("data-status") !== "pending";

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
    window.setInterval(tick, 1000);
    if (!finished) { window.setTimeout(poll, POLL_MS); }
  }

  function init() {
    var panels = document.querySelectorAll("[data-promptpay-panel]");
    for (var i = 0; i < panels.length; i++) { start(panels[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
