/* The level page's onboarding plan in the Wagtail editor: each requirement
   row shows only the fields its kind uses (a lesson row asks for a lesson, an
   evaluations row for the kind of work, how many and the score). Without this
   script every field shows and the server still checks each kind. */
(function () {
  "use strict";
  const OPTIONAL = ["lesson", "course", "quiz", "standard", "evaluation_kind", "evaluations_needed", "min_percent"];
  const BY_KIND = {
    lesson: ["lesson"],
    course: ["course"],
    quiz: ["quiz", "min_percent"],
    acknowledge: ["standard"],
    evaluations: ["evaluation_kind", "evaluations_needed", "min_percent"],
    sign_off: [],
  };
  const KIND_SELECT = 'select[name^="requirements-"][name$="-kind"]';

  function sync(select) {
    const row = select.closest("[data-inline-panel-child]");
    if (!row) return;
    const prefix = select.name.slice(0, -"kind".length);
    const shown = BY_KIND[select.value] || OPTIONAL;
    OPTIONAL.forEach((name) => {
      const input = row.querySelector(`[name="${prefix}${name}"]`);
      const wrapper = input && input.closest(".w-panel__wrapper");
      if (wrapper) wrapper.style.display = shown.includes(name) ? "" : "none";
    });
  }

  function syncAll() {
    document.querySelectorAll(KIND_SELECT).forEach(sync);
  }

  document.addEventListener("change", (event) => {
    if (event.target.matches && event.target.matches(KIND_SELECT)) sync(event.target);
  });
  // Rows added with "Add requirement" arrive later: sync them as they appear.
  const start = () => {
    syncAll();
    new MutationObserver((changes) => {
      if (changes.some((change) => change.addedNodes.length)) syncAll();
    }).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
