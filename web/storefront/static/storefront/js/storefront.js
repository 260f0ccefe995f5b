// The shop's own behaviour: small, optional (every page works without it), no inline script.
(function () {
  "use strict";

  function enhance(root) {
    root.querySelectorAll("[data-submit-on-change]").forEach(function (field) {
      if (field.dataset.enhanced) return;
      field.dataset.enhanced = "1";
      field.addEventListener("change", function () {
        if (field.form.requestSubmit) field.form.requestSubmit();
        else field.form.submit();
      });
    });
    root.querySelectorAll("[data-hide-with-js]").forEach(function (element) {
      element.hidden = true;
    });
    // On wide screens the filters sit beside the products: open them.
    if (window.matchMedia("(min-width: 64rem)").matches) {
      root.querySelectorAll("details.facets").forEach(function (details) {
        details.open = true;
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");
    enhance(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
})();
