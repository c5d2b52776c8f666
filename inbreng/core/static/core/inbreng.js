// Small enhancements only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  for (const wrapper of document.querySelectorAll("[data-print-wrapper]")) {
    wrapper.hidden = false;
  }
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
  const summary = document.querySelector(".error-summary[tabindex]");
  if (summary) summary.focus();
});
