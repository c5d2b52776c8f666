// The interview screen, keyboard only: one key per answer, Enter for the next question,
// Backspace or the left arrow for the previous one. Without this file the form still works.
(function () {
  "use strict";
  var form = document.querySelector("form[data-interview]");
  if (!form) { return; }
  function typing(target) {
    return target && (target.tagName === "TEXTAREA" ||
      (target.tagName === "INPUT" && (target.type === "text" || target.type === "number")));
  }
  function submit(button) {
    if (form.requestSubmit) { form.requestSubmit(button); } else { button.click(); }
  }
  var first = form.querySelector("input[name=answer]:checked") ||
    form.querySelector("input[name=answer], textarea[name=answer]");
  if (first) { first.focus(); }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) { return; }
    var target = event.target;
    var next = form.querySelector("[data-next]");
    var back = form.querySelector("[data-back]");
    if (typing(target)) {
      if (event.key === "Enter" && target.tagName === "TEXTAREA" && event.ctrlKey) {
        event.preventDefault();
        submit(next);
      }
      return;
    }
    if (event.ctrlKey) { return; }
    if (event.key === "Enter") {
      if (target && target.tagName === "BUTTON") { return; }
      event.preventDefault();
      submit(next);
      return;
    }
    if ((event.key === "Backspace" || event.key === "ArrowLeft") && back) {
      event.preventDefault();
      submit(back);
      return;
    }
    var key = event.key.length === 1 ? event.key.toLowerCase() : "";
    if (!key) { return; }
    var option = form.querySelector('input[name=answer][data-key="' + key + '"]');
    if (!option) { return; }
    event.preventDefault();
    if (option.type === "checkbox") { option.checked = !option.checked; } else { option.checked = true; }
    option.focus();
  });
})();
