// The portal's small behaviours, without inline scripts (CSP): a select that submits its
// form on change (its button is hidden then), and a preview of a chosen photo.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-hide-with-js]").forEach(function (element) {
    element.hidden = true;
  });
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });
  document.querySelectorAll("input[type=file][data-preview]").forEach(function (input) {
    input.addEventListener("change", function () {
      var target = document.getElementById(input.dataset.preview);
      if (!target || !input.files || !input.files[0]) return;
      // A data: address: the pages' policy allows images from data:, not from blob:.
      var reader = new FileReader();
      reader.addEventListener("load", function () {
        target.src = reader.result;
        target.hidden = false;
      });
      reader.readAsDataURL(input.files[0]);
    });
  });
});
