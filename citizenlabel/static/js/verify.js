// The on-site verification is saved on change by htmx. A commune's office may lose the
// connection: the verification is then kept in this browser (localStorage) and sent again
// as soon as the connection comes back, even after a reload. The server's version check
// still refuses a verification that someone else saved meanwhile.
(function () {
  "use strict";
  var KEY = "citizenlabel:pending-verifications";
  var FORM = "form.verify-form";

  function pending() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function store(all) { localStorage.setItem(KEY, JSON.stringify(all)); }

  function snapshot(form) {
    var data = { evidence_status: "", options: [], reason: "" };
    form.querySelectorAll("input[name=evidence_status]").forEach(function (input) {
      if (input.checked) { data.evidence_status = input.value; }
    });
    form.querySelectorAll("input[name=options]").forEach(function (input) {
      if (input.checked) { data.options.push(input.value); }
    });
    var reason = form.querySelector("textarea[name=reason]");
    data.reason = reason ? reason.value : "";
    return data;
  }

  function restore(form, data) {
    form.querySelectorAll("input[name=evidence_status]").forEach(function (input) {
      input.checked = input.value === data.evidence_status;
    });
    form.querySelectorAll("input[name=options]").forEach(function (input) {
      input.checked = data.options.indexOf(input.value) !== -1;
    });
    var reason = form.querySelector("textarea[name=reason]");
    if (reason) { reason.value = data.reason; }
  }

  function showOffline(form, offline) {
    var note = form.querySelector(".offline-note");
    if (note) { note.hidden = !offline; }
  }

  function retryAll() {
    var all = pending();
    Object.keys(all).forEach(function (action) {
      var form = document.querySelector(FORM + '[action="' + action + '"]');
      if (!form) { return; }
      restore(form, all[action]);
      showOffline(form, !navigator.onLine);
      if (navigator.onLine) { htmx.trigger(form, "change"); }
    });
  }

  document.body.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest(FORM);
    if (!form) { return; }
    var all = pending();
    all[form.getAttribute("action")] = snapshot(form);
    store(all);
    showOffline(form, true);
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest(FORM);
    if (!form || !event.detail.xhr || event.detail.xhr.status === 0) { return; }
    var all = pending();
    delete all[form.getAttribute("action")];
    store(all);
  });

  window.addEventListener("online", retryAll);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", retryAll);
  } else {
    retryAll();
  }
})();
