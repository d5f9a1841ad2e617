// Berichtencentrum, progressive enhancement only: the forms work without this file (the server checks everything).
// 1. The send button explains why it cannot be used yet (text and, for a bestuur's answer, an attachment missing).
// 2. Upload progress; the answer is shown in place (a refused form keeps the text, and its valid files as kept).
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
    if (form.dataset.bezig) {
      event.preventDefault(); // already sending: never twice
      return;
    }
    if (metVoorwaarden && knop.getAttribute("aria-disabled") === "true") {
      // A disabled-looking button stays focusable so the explanation can be read; it never submits.
      event.preventDefault();
      if (!tekst.value.trim()) tekst.focus();
      else if (bestanden) bestanden.focus();
      return;
    }
    if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;
    event.preventDefault();
    verstuurMetVoortgang(form, bestanden);
  });
}

function verstuurMetVoortgang(form, bestanden) {
  const voortgang = form.querySelector("[data-upload-voortgang]");
  const balk = voortgang ? voortgang.querySelector("progress") : null;
  const knop = form.querySelector("[data-verstuur]");
  const gekozen = bestanden ? Array.from(bestanden.files) : [];
  const xhr = new XMLHttpRequest();
  xhr.open("POST", form.action || window.location.href);
  xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
  if (voortgang && gekozen.length) {
    voortgang.hidden = false;
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable && balk) balk.value = Math.round((e.loaded / e.total) * 100);
    });
  }
  knop.setAttribute("aria-disabled", "true");
  form.dataset.bezig = "1";
  form.removeAttribute("data-warn-unsaved");
  xhr.addEventListener("load", () => {
    // Show the server's answer in place: the page after sending, or the form with its errors (status 400).
    const doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
    const nieuw = doc.querySelector("main");
    const oud = document.querySelector("main");
    if (!nieuw || !oud) {
      window.location.reload();
      return;
    }
    const geweigerd = xhr.status === 400;
    if (!geweigerd && xhr.responseURL && xhr.responseURL !== window.location.href) {
      window.history.pushState(null, "", xhr.responseURL);
    }
    if (doc.title) document.title = doc.title;
    oud.innerHTML = nieuw.innerHTML;
    // A refused form comes back with its valid files listed as kept (server side): nothing to choose again.
    const nieuwForm = oud.querySelector("form[data-berichten-antwoord]");
    if (nieuwForm) enhance(nieuwForm);
    const fout = oud.querySelector("#formulierfouten");
    (fout || oud).focus();
  });
  xhr.addEventListener("error", () => {
    if (voortgang) voortgang.hidden = true;
    delete form.dataset.bezig;
    knop.removeAttribute("aria-disabled");
    const uitleg = form.querySelector("[data-verstuur-uitleg]");
    if (uitleg) uitleg.textContent = "Het opladen is mislukt (geen verbinding?). Uw tekst en bestanden staan er nog: probeer opnieuw.";
  });
  xhr.send(new FormData(form));
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
