// Buying pages: the card field (Stripe Elements) and nothing else; every form works without it
// except paying by card, which needs Stripe.js.
(function () {
  "use strict";

  function setUpCardPayment() {
    var box = document.querySelector("[data-stripe-card]");
    var form = document.getElementById("payment-form");
    if (!box || !form || typeof window.Stripe !== "function") return;
    var stripe = window.Stripe(box.dataset.stripeKey);
    var card = stripe.elements().create("card");
    card.mount("#card-element");
    var tokenInput = form.querySelector("[data-payment-token]");
    var errorBox = box.querySelector("[data-card-error]");
    var button = form.querySelector("[data-pay-button]");

    form.addEventListener("submit", function (event) {
      var chosen = form.querySelector("input[name=gateway]:checked");
      if (!chosen || chosen.value !== "mirumee.payments.stripe" || tokenInput.value) return;
      event.preventDefault();
      button.disabled = true;
      errorBox.hidden = true;
      stripe.createPaymentMethod({ type: "card", card: card }).then(function (result) {
        if (!result || result.error || !result.paymentMethod) {
          errorBox.textContent = box.dataset.cardErrorText;
          errorBox.hidden = false;
          button.disabled = false;
          return;
        }
        tokenInput.value = result.paymentMethod.id;
        form.submit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", setUpCardPayment);
})();
