// Toezicht: progressive enhancement only; the melding form works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("melding-formulier");
  if (!form) return;
  // With htmx, changing the type updates the fields at once: the "Pas formulier aan" button is not needed.
  if (window.htmx) form.querySelectorAll("[data-zonder-js]").forEach((el) => { el.hidden = true; });

  // Files chosen: send the form with XMLHttpRequest to show the upload progress. The server answers a
  // redirect with the X-Loket-Redirect header, and a form with errors as a page that replaces this one.
  const box = form.querySelector(".loket-upload");
  form.addEventListener("submit", (event) => {
    const input = form.querySelector("input[type=file]");
    if (!box || !input || !input.files.length || !window.FormData) return;
    event.preventDefault();
    const data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    const bar = box.querySelector("progress");
    const percent = box.querySelector("[data-percent]");
    const buttons = form.querySelectorAll("button[type=submit]");
    buttons.forEach((b) => { b.disabled = true; });
    box.hidden = false;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Loket-Upload", "1");
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      bar.max = e.total;
      bar.value = e.loaded;
      percent.textContent = `${Math.round((e.loaded * 100) / e.total)}%`;
    });
    xhr.addEventListener("load", () => {
      const target = xhr.getResponseHeader("X-Loket-Redirect");
      if (target) {
        window.location.assign(target);
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", () => {
      buttons.forEach((b) => { b.disabled = false; });
      percent.textContent = "Het opladen is mislukt. Controleer uw verbinding en probeer opnieuw.";
    });
    xhr.send(data);
  });
});
