// Long forms (institutional profile, good practice, launch, candidacy) are saved by their
// button only: leaving the page with changes that are not saved asks first. A form takes part
// with data-warn-unsaved; it carries data-unsaved="true" from the start when the page shows
// input the server did not store (it came back with an error).
(function () {
  "use strict";
  var FORMS = "form[data-warn-unsaved]";
  var leavingBySaving = false;

  function changed(event) {
    var form = event.target.closest ? event.target.closest(FORMS) : null;
    if (form) { form.setAttribute("data-unsaved", "true"); }
  }
  document.addEventListener("input", changed);
  document.addEventListener("change", changed);

  document.addEventListener("submit", function (event) {
    if (event.target.matches(FORMS)) { leavingBySaving = true; }
  });
  // Coming back through the browser's history must not keep the flag of a finished save.
  window.addEventListener("pageshow", function () { leavingBySaving = false; });

  window.addEventListener("beforeunload", function (event) {
    if (leavingBySaving || !document.querySelector(FORMS + '[data-unsaved="true"]')) { return; }
    event.preventDefault();
    event.returnValue = ""; // older browsers need a value to ask
  });
})();
