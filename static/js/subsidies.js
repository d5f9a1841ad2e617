// Subsidies, progressive enhancement only: the form works without this file (the server checks everything).
// A conditional field ("Indien 'andere': motiveer uw keuze.") is hidden while its condition does not hold.
// What was typed in it stays in the field; the server drops it on sending when the condition does not hold.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-toon-als-veld]").forEach((blok) => {
    const form = blok.closest("form");
    const naam = blok.dataset.toonAlsVeld;
    const waarde = blok.dataset.toonAlsWaarde;
    function update() {
      const gekozen = Array.from(form.querySelectorAll(`[name="${CSS.escape(naam)}"]`)).some(
        (el) => ((el.type === "radio" || el.type === "checkbox") ? el.checked : true) && el.value === waarde,
      );
      blok.hidden = !gekozen;
    }
    form.addEventListener("change", (event) => {
      if (event.target.name === naam) update();
    });
    update();
  });
});
