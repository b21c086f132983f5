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
  // Import: upload in the background to show the upload's progress, then wait for the summary.
  var importForm = document.getElementById("import-form");
  if (importForm) enhanceImport(importForm);

  function enhanceImport(form) {
    var box = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-bar");
    var status = document.getElementById("upload-status");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      var announced = -1;
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.floor((e.loaded * 100) / e.total);
        bar.value = percent;
        bar.textContent = percent + "%";
        // A screen reader hears quarter steps, not every progress event.
        var step = Math.floor(percent / 25) * 25;
        if (step !== announced) { announced = step; status.textContent = "Uploading: " + step + "% sent."; }
      });
      xhr.upload.addEventListener("load", function () {
        bar.value = bar.max;
        status.textContent = "Importing… the report is uploaded; its rows are being read and its cases opened.";
      });
      xhr.addEventListener("load", function () {
        // Success redirects to the summary (and an ended session to the sign-in page): go there.
        if (xhr.status < 300) { status.textContent = "Imported: opening the summary…"; window.location.assign(xhr.responseURL); return; }
        showRefusal(xhr.responseText);
      });
      xhr.addEventListener("error", function () {
        failed("The upload failed: check the connection, then import the file again.");
      });
      box.hidden = false;
      bar.value = 0;
      button.disabled = true;
      status.textContent = "Uploading: 0% sent.";
      xhr.open("POST", form.action);
      xhr.send(new FormData(form));
    });

    function failed(message) {
      box.hidden = true;
      button.disabled = false;
      status.textContent = message;
    }

    // A refusal answers with the import page and its problem next to the fields: show that page's content.
    function showRefusal(html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var fresh = page.querySelector("main");
      if (!fresh) { failed("The import was refused; reload the page and try again."); return; }
      document.querySelector("main").replaceWith(document.adoptNode(fresh));
      document.title = page.title;
      var again = document.getElementById("import-form");
      if (again) enhanceImport(again);
      var problem = document.getElementById("problem");
      if (problem) { problem.setAttribute("tabindex", "-1"); problem.focus(); }
    }
  }
})();
