// Answers are saved on change by htmx. When the connection drops, the answer is kept in
// this browser (localStorage) and sent again as soon as the connection comes back, even
// after a reload. The server's version check still refuses a stale answer.
(function () {
  "use strict";
  var KEY = "citizenlabel:pending-answers";

  function pending() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function store(all) { localStorage.setItem(KEY, JSON.stringify(all)); }

  function snapshot(form) {
    var data = { options: [], comment: "" };
    form.querySelectorAll("input[name=options]").forEach(function (input) {
      if (input.checked) { data.options.push(input.value); }
    });
    var comment = form.querySelector("textarea[name=comment]");
    data.comment = comment ? comment.value : "";
    return data;
  }

  function restore(form, data) {
    form.querySelectorAll("input[name=options]").forEach(function (input) {
      input.checked = data.options.indexOf(input.value) !== -1;
    });
    var comment = form.querySelector("textarea[name=comment]");
    if (comment) { comment.value = data.comment; }
  }

  function showOffline(form, offline) {
    var note = form.querySelector(".offline-note");
    if (note) { note.hidden = !offline; }
  }

  function retryAll() {
    var all = pending();
    Object.keys(all).forEach(function (action) {
      var form = document.querySelector('form.answer-form[action="' + action + '"]');
      if (!form) { return; }
      restore(form, all[action]);
      showOffline(form, !navigator.onLine);
      if (navigator.onLine) { htmx.trigger(form, "change"); }
    });
  }

  document.body.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest("form.answer-form");
    if (!form) { return; }
    var all = pending();
    all[form.getAttribute("action")] = snapshot(form);
    store(all);
    showOffline(form, true);
  });

  // A server error (not a refusal, which comes back as a card) is shown as "not saved" and
  // kept for another try, like a lost connection.
  document.body.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form.answer-form");
    if (!form || event.detail.xhr.status < 500) { return; }
    var all = pending();
    all[form.getAttribute("action")] = snapshot(form);
    store(all);
    showOffline(form, true);
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form.answer-form");
    if (!form || !event.detail.xhr || event.detail.xhr.status === 0 ||
        event.detail.xhr.status >= 500) { return; }
    var all = pending();
    delete all[form.getAttribute("action")];
    store(all);
  });

  window.addEventListener("online", retryAll);
  document.addEventListener("DOMContentLoaded", retryAll);
})();
