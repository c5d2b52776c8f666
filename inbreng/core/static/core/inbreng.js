// Small enhancements only: every page works without this file.

// On a phone, table rows stack; each cell then shows its column's name before it.
function labelTables(root) {
  for (const table of root.querySelectorAll("table.table")) {
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, index) => {
        if (names[index] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", names[index]);
        }
      });
    }
  }
}

// On a phone the main menu and long filter forms fold behind their summary ("Menu", "More
// filters": a native disclosure); on a wide screen they stay open, as a fold does that holds
// a filter in use. Without this file they are simply open everywhere.
const narrowScreen = window.matchMedia("(max-width: 40rem)");
function fitFolds() {
  for (const fold of document.querySelectorAll("details[data-fold-narrow]")) {
    fold.open = !narrowScreen.matches || fold.hasAttribute("data-in-use");
  }
}
narrowScreen.addEventListener("change", fitFolds);

document.addEventListener("DOMContentLoaded", () => {
  fitFolds();
  for (const wrapper of document.querySelectorAll("[data-print-wrapper], [data-needs-script]")) {
    wrapper.hidden = false;
  }
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
  // "Tick all on this page": ticks every box of the group it names (shown with this file only).
  for (const button of document.querySelectorAll("[data-tick-all]")) {
    button.addEventListener("click", () => {
      const group = document.getElementById(button.dataset.tickAll);
      for (const box of group ? group.querySelectorAll("input[type=checkbox]") : []) {
        box.checked = true;
      }
    });
  }
  labelTables(document);
  const summary = document.querySelector(".error-summary[tabindex]");
  if (summary) summary.focus();
});

// Live register search swaps in a new table.
document.addEventListener("htmx:afterSettle", (event) => labelTables(event.target));
