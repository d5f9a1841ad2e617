// The one upload enhancement of the portal, for every form with a file input (progressive: every form works without
// this file, the server checks everything again).
// 1. The size check before anything is sent: the limit comes from the server (data-max-bytes, rendered by
//    loket.uploads for every upload field). A file above it, or an empty one, is named at once next to the field, and
//    the form is not sent until another file is chosen — a 120 MB file is refused in a second, not after two minutes.
// 2. Upload progress: a form with chosen files is sent with XMLHttpRequest so a progress bar can be shown. The
//    protocol is plain HTTP, the same as without JavaScript: the server redirects after a save (the XHR follows it)
//    or answers the form with its errors; that page then replaces this one. No special headers on either side.
(function () {
  "use strict";

  function grootte(bytes) {
    // As the server writes it (Django's filesizeformat in Dutch): "100,0 MB".
    const eenheden = [["GB", 1073741824], ["MB", 1048576], ["KB", 1024]];
    for (const [naam, factor] of eenheden) {
      if (bytes >= factor) {
        return (bytes / factor).toLocaleString("nl-BE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " " + naam;
      }
    }
    return bytes + " bytes";
  }

  function foutVak(input) {
    let vak = document.getElementById(input.id + "-upload-fout");
    if (!vak) {
      vak = document.createElement("span");
      vak.id = input.id + "-upload-fout";
      vak.className = "au-c-help-text au-c-help-text--error";
      vak.setAttribute("aria-live", "polite");
      vak.hidden = true;
      input.after(vak);
      const beschreven = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      input.setAttribute("aria-describedby", beschreven.concat(vak.id).join(" "));
    }
    return vak;
  }

  // Returns true when every chosen file may be sent; shows why not otherwise.
  function controleer(input) {
    const limiet = Number(input.dataset.maxBytes || 0);
    const fouten = [];
    Array.from(input.files || []).forEach((bestand) => {
      if (bestand.size === 0) {
        fouten.push("Het bestand «" + bestand.name + "» is leeg.");
      } else if (limiet && bestand.size > limiet) {
        fouten.push("Het bestand «" + bestand.name + "» is te groot (" + grootte(bestand.size) + "); de limiet is " + grootte(limiet) + ".");
      }
    });
    const vak = foutVak(input);
    if (fouten.length) {
      vak.textContent = fouten.join(" ") + " Kies " + (input.multiple ? "de bestanden" : "het bestand") + " opnieuw.";
      vak.hidden = false;
      input.setAttribute("aria-invalid", "true");
    } else {
      vak.textContent = "";
      vak.hidden = true;
      input.removeAttribute("aria-invalid");
    }
    return fouten.length === 0;
  }

  function voortgang(form, inputs) {
    let vak = form.querySelector("[data-upload-voortgang]");
    if (!vak) {
      vak = document.createElement("div");
      vak.className = "au-c-form-row loket-upload-voortgang";
      vak.setAttribute("data-upload-voortgang", "");
      const id = (form.id || "formulier") + "-voortgang";
      vak.innerHTML = '<label class="au-c-label" for="' + id + '">Bezig met opladen</label>' +
        '<progress id="' + id + '" max="100" value="0"></progress> <span data-upload-status aria-live="polite"></span>';
      const laatste = inputs[inputs.length - 1];
      (laatste.closest(".au-c-form-row") || laatste).after(vak);
    }
    return vak;
  }

  function verstuur(form, inputs, submitter) {
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    const vak = voortgang(form, inputs);
    const balk = vak.querySelector("progress");
    const status = vak.querySelector("[data-upload-status]");
    const knoppen = Array.from(form.querySelectorAll("button[type=submit], input[type=submit]"));
    vak.hidden = false;
    knoppen.forEach((knop) => { knop.disabled = true; });
    form.dataset.bezig = "1";

    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      const procent = Math.round((e.loaded * 100) / e.total);
      balk.value = procent;
      status.textContent = procent + "%";
    });
    xhr.addEventListener("load", () => {
      const type = xhr.getResponseHeader("Content-Type") || "";
      if (!type.startsWith("text/html")) {
        window.location.assign(xhr.responseURL || window.location.href);
        return;
      }
      // The page the browser would have shown: after a redirect its address, else the form's (with its errors).
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.history.pushState(null, "", xhr.responseURL);
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", () => {
      delete form.dataset.bezig;
      knoppen.forEach((knop) => { knop.disabled = false; });
      balk.value = 0;
      status.textContent = "Het opladen is mislukt (geen verbinding?). Uw gegevens en bestanden staan er nog: probeer opnieuw.";
    });
    xhr.send(data);
  }

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file") controleer(input);
  });

  // On the document, so a form's own submit handlers (e.g. berichten's "not yet" button) run first.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    const inputs = Array.from(form.querySelectorAll("input[type=file]"));
    if (!inputs.length) return;
    if (form.dataset.bezig) {
      event.preventDefault(); // already sending: never twice
      return;
    }
    const fout = inputs.find((input) => !controleer(input));
    if (fout) {
      event.preventDefault();
      fout.focus();
      return;
    }
    const gekozen = inputs.some((input) => input.files && input.files.length);
    if (!gekozen || !window.FormData || !window.XMLHttpRequest) return; // nothing to upload: a normal submit
    event.preventDefault();
    verstuur(form, inputs, event.submitter);
  });
})();
