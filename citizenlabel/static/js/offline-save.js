// Forms saved on change by htmx (self-assessment answers, on-site verification) may lose the
// connection. What did not reach the server is kept in this browser (localStorage) together
// with the version it was based on, and sent again when the connection comes back or the page
// is opened again. The server compares that version with its own: a copy made before someone
// else's save gets the conflict card and never overwrites it. Once the server has answered,
// the copy is cleared. Text areas are saved shortly after typing stops, and kept here at each
// keystroke, so a comment left by reloading the page is not lost.
// A form takes part with data-offline-key="<storage key>" and a hidden "version" input.
(function () {
  "use strict";
  var FORMS = "form[data-offline-key]";
  var TYPING_PAUSE = 800; // ms: one save per pause, not one per keystroke
  var sent = {}; // action -> JSON of what the last request carried
  var timers = {}; // action -> pending save after typing

  function formFor(action) {
    return document.querySelector(FORMS + '[action="' + action + '"]');
  }
  function formOf(elt) {
    return elt && elt.closest ? elt.closest(FORMS) : null;
  }
  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function save(key, all) {
    if (Object.keys(all).length) { localStorage.setItem(key, JSON.stringify(all)); }
    else { localStorage.removeItem(key); }
  }
  function versionInput(form) { return form.querySelector("input[name=version]"); }

  // The form's values and the version they were based on (the version the form was shown at).
  function snapshot(form) {
    var data = { version: versionInput(form).value, fields: {} };
    form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (input) {
      data.fields[input.name] = data.fields[input.name] || [];
      if (input.checked) { data.fields[input.name].push(input.value); }
    });
    form.querySelectorAll("textarea").forEach(function (area) {
      data.fields[area.name] = area.value;
    });
    return data;
  }

  function restore(form, data) {
    versionInput(form).value = data.version;
    form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (input) {
      var chosen = data.fields[input.name];
      if (chosen) { input.checked = chosen.indexOf(input.value) !== -1; }
    });
    form.querySelectorAll("textarea").forEach(function (area) {
      if (area.name in data.fields) { area.value = data.fields[area.name]; }
    });
  }

  function showOffline(form, offline) {
    var note = form.querySelector(".offline-note");
    if (note) { note.hidden = !offline; }
  }

  function keep(form) {
    var key = form.getAttribute("data-offline-key");
    var all = load(key);
    all[form.getAttribute("action")] = snapshot(form);
    save(key, all);
  }

  function send(action) {
    var form = formFor(action);
    if (form && navigator.onLine) { htmx.trigger(form, "change"); }
  }

  function retryAll() {
    document.querySelectorAll(FORMS).forEach(function (form) {
      var data = load(form.getAttribute("data-offline-key"))[form.getAttribute("action")];
      if (!data) { return; }
      restore(form, data);
      showOffline(form, !navigator.onLine);
      send(form.getAttribute("action"));
    });
  }

  // The server answered: its reply (saved, conflict card or refusal) is now on the page, so the
  // copy it answered is dropped. Text typed while it was on its way stays: after our own save
  // it is based on the version we just saved; after a refusal nothing changed, so its base
  // stands; after a conflict the card shows both answers and the user chooses.
  function settle(form, status) {
    var key = form.getAttribute("data-offline-key");
    var action = form.getAttribute("action");
    var all = load(key);
    var mine = all[action];
    if (!mine) { return; }
    var current = formFor(action);
    var newer = JSON.stringify(mine) !== sent[action];
    if (!newer || status === 409 || !current) {
      delete all[action];
    } else if (status < 300) {
      mine.version = versionInput(current).value;
    }
    save(key, all);
  }

  document.addEventListener("input", function (event) {
    var form = formOf(event.target);
    if (!form || event.target.tagName !== "TEXTAREA") { return; }
    var action = form.getAttribute("action");
    keep(form);
    clearTimeout(timers[action]);
    timers[action] = setTimeout(function () { delete timers[action]; send(action); }, TYPING_PAUSE);
  });

  document.addEventListener("change", function (event) {
    var form = formOf(event.target);
    if (form) { keep(form); clearTimeout(timers[form.getAttribute("action")]); }
  }, true);

  document.body.addEventListener("htmx:configRequest", function (event) {
    var form = formOf(event.detail.elt);
    if (form) { sent[form.getAttribute("action")] = JSON.stringify(snapshot(form)); }
  });

  function lost(event) {
    var form = formOf(event.detail.elt);
    if (!form) { return; }
    keep(form);
    showOffline(form, true);
  }
  document.body.addEventListener("htmx:sendError", lost);
  document.body.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr.status >= 500) { lost(event); } // a refusal comes back as a card
  });

  // After a swap the request's form is detached and htmx tells its container instead, so the
  // form is read from the request itself.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var form = formOf(event.detail.requestConfig && event.detail.requestConfig.elt);
    if (!form || !xhr || xhr.status === 0 || xhr.status >= 500) { return; }
    settle(form, xhr.status);
  });

  window.addEventListener("online", retryAll);
  // htmx sets the forms up when the document is parsed: retry only once it has.
  if (document.readyState === "complete") { retryAll(); }
  else { window.addEventListener("load", retryAll); }
})();
