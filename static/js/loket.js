// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary after a failed submit, so screen readers announce it.
  const errors = document.getElementById("formulierfouten");
  if (errors) errors.focus();

  // Warn before leaving a form with unsaved changes (forms opt in with data-warn-unsaved).
  document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => {
    let dirty = false;
    form.addEventListener("input", () => { dirty = true; });
    form.addEventListener("change", () => { dirty = true; });
    form.addEventListener("submit", () => { dirty = false; });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  });
});

// Bestuur search fields (data-bestuur-zoek): a suggestion list of at most 20 besturen while typing. Without this
// script the field is a plain text search.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-bestuur-zoek]").forEach((input) => {
    const lijst = document.createElement("datalist");
    lijst.id = `${input.id || input.name}-keuzes`;
    input.after(lijst);
    input.setAttribute("list", lijst.id);
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(async () => {
        try {
          const antwoord = await fetch(`/besturen/zoek/?q=${encodeURIComponent(q)}`, { credentials: "same-origin" });
          if (antwoord.ok) lijst.innerHTML = await antwoord.text();
        } catch (e) { /* no suggestions: the field still searches on submit */ }
      }, 200);
    });
  });
});
