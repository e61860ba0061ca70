// Attest: small progressive enhancements. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";

  // Asset form: show only the sections and fields of the chosen kind.
  function syncKindSections(form) {
    var kindField = form.querySelector("[name=kind]");
    if (!kindField) return;
    var kind = kindField.value;
    form.querySelectorAll(".kind-section").forEach(function (section) {
      section.hidden = section.dataset.kind !== kind;
    });
    form.querySelectorAll(".kind-section .field[data-kinds]").forEach(function (field) {
      field.hidden = field.dataset.kinds.split(" ").indexOf(kind) === -1;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("asset-form");
    if (form) {
      syncKindSections(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "kind") syncKindSections(form);
      });
    }
    // Forms marked data-confirm ask before submitting.
    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (event) {
        if (!window.confirm(f.dataset.confirm)) event.preventDefault();
      });
    });
  });
})();
