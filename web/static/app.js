// Optional enhancements; every action works without this file.
(function () {
  // Copy buttons: <button data-copy="#id">
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.querySelector(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        var label = button.textContent; button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    });
  });
  // "Select all" on the inbox.
  var all = document.getElementById("select-all");
  if (all) {
    all.hidden = false;
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=case_id]").forEach(function (box) { box.checked = all.checked; });
    });
  }
  // Live preview of a template while it is edited.
  var editor = document.getElementById("template-source");
  var target = document.getElementById("template-preview");
  if (editor && target) {
    var timer = null;
    editor.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var form = new FormData(editor.form); form.set("action", "preview");
        fetch(editor.form.action, { method: "POST", body: form, headers: { "X-Preview": "1" }, credentials: "same-origin" })
          .then(function (r) { return r.text(); }).then(function (html) { target.innerHTML = html; });
      }, 400);
    });
  }
})();
