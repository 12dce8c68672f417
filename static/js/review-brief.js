// The brief's "Print / save as PDF" button: shown only when scripts run, since
// without them it could do nothing (the browser's own print still works).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
