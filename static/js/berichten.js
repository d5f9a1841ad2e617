// Berichtencentrum, progressive enhancement only: the forms work without this file (the server checks everything).
// 1. The send button explains why it cannot be used yet (text and, for a bestuur's answer, an attachment missing).
// 2. Uploads (size check, progress) are the portal's one upload script: static/js/upload.js.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-berichten-antwoord]").forEach(enhance);
});

function enhance(form) {
  const tekst = form.querySelector("textarea[name=inhoud]");
  const bestanden = form.querySelector("input[type=file][name=bijlagen]");
  const knop = form.querySelector("[data-verstuur]");
  const uitleg = form.querySelector("[data-verstuur-uitleg]");
  const bijlageVerplicht = form.hasAttribute("data-bijlage-verplicht");
  if (!tekst || !knop || !uitleg) return;

  function ontbreekt() {
    const wat = [];
    if (!tekst.value.trim()) wat.push("een tekst");
    const bewaard = form.querySelectorAll("[data-bewaarde-bijlage]:checked").length;
    if (bijlageVerplicht && bestanden && bestanden.files.length === 0 && !bewaard) wat.push("minstens één bijlage");
    return wat;
  }

  function update() {
    const wat = ontbreekt();
    if (wat.length) {
      knop.setAttribute("aria-disabled", "true");
      knop.classList.add("is-disabled");
      uitleg.textContent = "U kunt nog niet versturen: voeg " + wat.join(" en ") + " toe.";
    } else {
      knop.removeAttribute("aria-disabled");
      knop.classList.remove("is-disabled");
      uitleg.textContent = "";
    }
  }

  const metVoorwaarden = form.hasAttribute("data-verstuur-voorwaarden");
  if (metVoorwaarden) {
    tekst.addEventListener("input", update);
    form.addEventListener("change", update); // new files chosen, kept files ticked or unticked
    update();
  }

  form.addEventListener("submit", (event) => {
    if (metVoorwaarden && knop.getAttribute("aria-disabled") === "true") {
      // A disabled-looking button stays focusable so the explanation can be read; it never submits.
      event.preventDefault();
      if (!tekst.value.trim()) tekst.focus();
      else if (bestanden) bestanden.focus();
    }
  });
}

// 3. ABB: a search box that narrows the long list of besturen (the select itself works without it).
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("select[data-zoekbaar]");
  if (!select) return;
  const rij = document.createElement("div");
  rij.className = "au-c-form-row";
  const label = document.createElement("label");
  label.className = "au-c-label";
  label.htmlFor = "bestuur-zoeken";
  label.textContent = "Zoek een bestuur in de lijst";
  const zoek = document.createElement("input");
  zoek.type = "search";
  zoek.id = "bestuur-zoeken";
  zoek.className = "au-c-input";
  zoek.setAttribute("aria-controls", select.id);
  const status = document.createElement("span");
  status.className = "au-c-help-text";
  status.setAttribute("aria-live", "polite");
  rij.append(label, zoek, status);
  select.closest(".au-c-form-row").before(rij);
  zoek.addEventListener("input", () => {
    const woorden = zoek.value.toLowerCase().split(/\s+/).filter(Boolean);
    let eerste = null;
    let aantal = 0;
    Array.from(select.options).forEach((option) => {
      if (!option.value) return;
      const past = woorden.every((w) => option.text.toLowerCase().includes(w));
      option.hidden = !past;
      option.disabled = !past;
      if (past) {
        aantal += 1;
        if (!eerste) eerste = option;
      }
    });
    status.textContent = woorden.length ? (aantal === 1 ? "1 bestuur gevonden." : aantal + " besturen gevonden.") : "";
    if (aantal === 1 && eerste) select.value = eerste.value;
  });
});
