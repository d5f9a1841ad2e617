// Toezicht: progressive enhancement only; the melding form works without this file (uploads: static/js/upload.js).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("melding-formulier");
  if (!form) return;
  // With htmx, changing the type updates the fields at once: the "Pas formulier aan" button is not needed.
  if (window.htmx) form.querySelectorAll("[data-zonder-js]").forEach((el) => { el.hidden = true; });
});
