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

// Evidence upload: drag and drop onto the form, with a progress bar (XHR reports upload progress).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-upload]").forEach(function (form) {
      var input = form.querySelector("input[type=file]");
      var bar = form.querySelector("progress");
      var result = form.querySelector(".upload-result");
      ["dragenter", "dragover"].forEach(function (name) {
        form.addEventListener(name, function (e) { e.preventDefault(); form.classList.add("dragging"); });
      });
      ["dragleave", "drop"].forEach(function (name) {
        form.addEventListener(name, function (e) { e.preventDefault(); form.classList.remove("dragging"); });
      });
      form.addEventListener("drop", function (e) {
        if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
      });
      form.addEventListener("submit", function (e) {
        if (!window.XMLHttpRequest || !input.files.length) return;
        e.preventDefault();
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("Accept", "application/json");
        bar.hidden = false; bar.value = 0;
        xhr.upload.addEventListener("progress", function (ev) {
          if (ev.lengthComputable) bar.value = Math.round(100 * ev.loaded / ev.total);
        });
        xhr.addEventListener("load", function () {
          var body = {};
          try { body = JSON.parse(xhr.responseText); } catch (err) { body = {detail: "Unexpected answer from the server."}; }
          if (xhr.status === 201) { window.location.hash = "evidence"; window.location.reload(); }
          else { result.textContent = body.detail || ("Upload failed (" + xhr.status + ")."); bar.hidden = true; }
        });
        xhr.addEventListener("error", function () { result.textContent = "The upload did not reach the server; try again."; });
        xhr.send(new FormData(form));
      });
    });
  });
})();
