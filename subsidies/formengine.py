"""The declarative form engine: a step's form is data (a JSON definition), not code.

A definition (loket/data/subsidies/formulieren/…, converted from lblod's form.ttl) has sections with fields:

    {"sleutel": "bankAccount", "label": "IBAN", "type": "iban", "hulp": "…",
     "regels": [{"soort": "verplicht", "melding": "Dit veld is verplicht."},
                {"soort": "iban", "melding": "Geef een geldig IBAN op."}],
     "toon_als": {"veld": "naamOpleidingF", "waarde": "Andere"}}          # conditional (optional)

Types: tekst, tekstvak, getal, bedrag, datum, iban, telefoon, email, urls, bestanden, radio (opties), keuzes
(opties, several), vink (one checkbox), tabel (kolommen: fields; rows added with "Voeg rij toe").
Rules (soort): verplicht, iban, telefoon, email, url, max_lengte (max), positief, minimum / maximum (waarde).
The messages are the definition's own (lblod's Dutch texts); a rule without one gets the engine's default.

`antwoorden(definitie, post)` reads the posted answers (nothing typed is lost, valid or not),
`valideer(definitie, data, bestanden)` returns every error at once, `formulier(...)` builds the Django form that
renders every field through templates/includes/field.html, `weergave(...)` gives label/value pairs (read-only,
PDF, ABB).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.forms.utils import ErrorDict, ErrorList
from django.utils.dateparse import parse_date

TYPES = {
    "tekst",
    "tekstvak",
    "getal",
    "bedrag",
    "datum",
    "iban",
    "telefoon",
    "email",
    "urls",
    "bestanden",
    "radio",
    "keuzes",
    "vink",
    "tabel",
}
STANDAARD_MELDINGEN = {
    "verplicht": "Dit veld is verplicht.",
    "iban": "Geef een geldig IBAN op.",
    "telefoon": "Geef een geldig telefoonnummer in.",
    "email": "Geef een geldig e-mailadres op.",
    "url": "Gelieve een geldige URL op te geven. Zorg dat vooraan in de link altijd http://, https://, ftp:// of "
    "sftp:// staat.",
    "max_lengte": "Max. karakters overschreden.",
    "positief": "Geef een positief aantal op.",
    "minimum": "De waarde is te klein.",
    "maximum": "De waarde is te groot.",
    "getal": "Geef een geldig getal op.",
    "bedrag": "Geef een geldig bedrag op.",
    "datum": "Geef een geldige datum op.",
    "keuze": "Selecteer een waarde uit de lijst.",
    "tabel": "Gelieve de tabel correct in te vullen.",
}
MAX_RIJEN = 50


@dataclass
class Veld:
    sleutel: str
    label: str
    type: str
    hulp: str = ""
    regels: list = field(default_factory=list)
    opties: list = field(default_factory=list)
    toon_als: dict | None = None
    kolommen: list = field(default_factory=list)
    toevoegen: str = "Voeg rij toe"
    verwijderen: str = "Verwijder rij"

    @classmethod
    def uit(cls, data):
        if data.get("type") not in TYPES:
            raise ValueError(f"Onbekend veldtype {data.get('type')!r} in {data.get('sleutel')!r}")
        return cls(
            sleutel=data["sleutel"],
            label=data["label"],
            type=data["type"],
            hulp=data.get("hulp", ""),
            regels=list(data.get("regels", [])),
            opties=list(data.get("opties", [])),
            toon_als=data.get("toon_als"),
            kolommen=[Veld.uit(k) for k in data.get("kolommen", [])],
            toevoegen=data.get("toevoegen", "Voeg rij toe"),
            verwijderen=data.get("verwijderen", "Verwijder rij"),
        )

    def regel(self, soort):
        return next((r for r in self.regels if r["soort"] == soort), None)

    def melding(self, soort):
        regel = self.regel(soort)
        return (regel or {}).get("melding") or STANDAARD_MELDINGEN[soort]

    @property
    def verplicht(self):
        return self.regel("verplicht") is not None

    @property
    def max_lengte(self):
        regel = self.regel("max_lengte")
        return regel["max"] if regel else None


@dataclass
class Sectie:
    titel: str
    hulp: str
    velden: list


class Definitie:
    def __init__(self, data):
        self.secties = [
            Sectie(s["titel"], s.get("hulp", ""), [Veld.uit(v) for v in s.get("velden", [])])
            for s in data.get("secties", [])
        ]
        self.velden = [v for s in self.secties for v in s.velden]
        self.per_sleutel = {v.sleutel: v for v in self.velden}
        for veld in self.velden:
            if veld.toon_als and veld.toon_als["veld"] not in self.per_sleutel:
                raise ValueError(f"Voorwaarde van {veld.sleutel!r} verwijst naar een onbekend veld.")

    def zichtbaar(self, veld, data):
        """A conditional field counts only when the answer it depends on has the given value."""
        if not veld.toon_als:
            return True
        waarde = data.get(veld.toon_als["veld"])
        doel = veld.toon_als["waarde"]
        return doel in waarde if isinstance(waarde, list) else waarde == doel


# --- Reading the posted answers -------------------------------------------------------------------------------


def cel_naam(tabel, rij, kolom):
    return f"{tabel}-{rij}-{kolom}"


def aantal_rijen(veld, post, opgeslagen):
    try:
        n = int(post.get(f"{veld.sleutel}-rijen", ""))
    except ValueError:
        n = len(opgeslagen or [])
    return max(0, min(n, MAX_RIJEN))


def antwoorden(definitie, post, *, vorige=None):
    """Everything the person typed, as the JSON stored on the form (strings as typed, lists, booleans)."""
    vorige = vorige or {}
    data = {}
    for veld in definitie.velden:
        naam = veld.sleutel
        if veld.type == "bestanden":
            continue
        if veld.type == "keuzes":
            data[naam] = [w for w in post.getlist(naam) if w]
        elif veld.type == "vink":
            data[naam] = post.get(naam) in ("on", "true", "1")
        elif veld.type == "urls":
            data[naam] = [regel.strip() for regel in post.get(naam, "").splitlines() if regel.strip()]
        elif veld.type == "tabel":
            rijen = []
            for i in range(aantal_rijen(veld, post, vorige.get(naam))):
                rij = {k.sleutel: post.get(cel_naam(naam, i, k.sleutel), "").strip() for k in veld.kolommen}
                rijen.append(rij)
            data[naam] = rijen
        else:
            data[naam] = post.get(naam, "").strip()
    return data


def zonder_lege_rijen(definitie, data):
    """Rows in which nothing was typed are not answers (they come from "Voeg rij toe")."""
    schoon = dict(data)
    for veld in definitie.velden:
        if veld.type == "tabel":
            schoon[veld.sleutel] = [
                r for r in data.get(veld.sleutel) or [] if any(str(v).strip() for v in r.values())
            ]
    return schoon


def zonder_verborgen(definitie, data):
    """On sending, answers of conditional fields whose condition does not hold are dropped."""
    return {
        k: v
        for k, v in data.items()
        if k not in definitie.per_sleutel or definitie.zichtbaar(definitie.per_sleutel[k], data)
    }


# --- Validation -------------------------------------------------------------------------------------------------


def getal(tekst):
    tekst = str(tekst).strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", tekst):  # 1.250,50
        tekst = tekst.replace(".", "")
    tekst = tekst.replace(",", ".")
    try:
        waarde = Decimal(tekst)
    except InvalidOperation:
        return None
    return waarde if waarde.is_finite() else None


def geldig_iban(tekst):
    iban = re.sub(r"\s+", "", str(tekst)).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    if iban.startswith("BE") and len(iban) != 16:
        return False
    getallen = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return int(getallen) % 97 == 1


def geldig_telefoon(tekst):
    """A Belgian number (national 0xx… or +32 / 0032), or another country's in international form (+…)."""
    nummer = re.sub(r"[\s./\-()]", "", str(tekst))
    if nummer.startswith("0032"):
        nummer = "+32" + nummer[4:]
    if nummer.startswith("+32"):
        nummer = "0" + nummer[3:]
    if nummer.startswith("+"):
        return bool(re.fullmatch(r"\+[1-9]\d{7,14}", nummer))
    if not re.fullmatch(r"0\d{8,9}", nummer):
        return False
    return len(nummer) == 10 if nummer.startswith("04") else len(nummer) == 9


def geldige_url(tekst):
    if not re.match(r"(https?|s?ftp)://", str(tekst), re.I):
        return False
    try:
        URLValidator(schemes=["http", "https", "ftp", "sftp"])(tekst)
    except ValidationError:
        return False
    return True


def _fouten_van_waarde(veld, waarde):
    """The errors of one filled-in value (not the required check)."""
    fouten = []
    t = veld.type
    if t in ("getal", "bedrag"):
        n = getal(waarde)
        if n is None:
            return [veld.melding(t) if veld.regel(t) else STANDAARD_MELDINGEN[t]]
        if veld.regel("positief") and n < 0:
            fouten.append(veld.melding("positief"))
        for soort, fout in (("minimum", lambda g: n < g), ("maximum", lambda g: n > g)):
            regel = veld.regel(soort)
            if regel and fout(Decimal(str(regel["waarde"]))):
                fouten.append(veld.melding(soort))
    elif t == "datum":
        try:
            ok = parse_date(str(waarde)) is not None
        except ValueError:
            ok = False
        if not ok:
            fouten.append(STANDAARD_MELDINGEN["datum"])
    elif t == "radio":
        if waarde not in veld.opties:
            fouten.append(veld.melding("keuze") if veld.regel("keuze") else STANDAARD_MELDINGEN["keuze"])
    elif t == "keuzes":
        if any(w not in veld.opties for w in waarde):
            fouten.append(STANDAARD_MELDINGEN["keuze"])
    elif t == "urls":
        if any(not geldige_url(u) for u in waarde):
            fouten.append(veld.melding("url"))
    checks = {"iban": geldig_iban, "telefoon": geldig_telefoon, "url": geldige_url}
    for soort, ok in checks.items():
        if soort != "url" or t != "urls":
            if (veld.regel(soort) or t == soort) and isinstance(waarde, str) and not ok(waarde):
                fouten.append(veld.melding(soort))
    if (veld.regel("email") or t == "email") and isinstance(waarde, str):
        try:
            validate_email(waarde)
        except ValidationError:
            fouten.append(veld.melding("email"))
    if veld.max_lengte is not None and isinstance(waarde, str) and len(waarde) > veld.max_lengte:
        fouten.append(veld.melding("max_lengte"))
    return list(dict.fromkeys(fouten))


def leeg(waarde):
    return waarde in (None, "", [], False)


def valideer(definitie, data, aantal_bestanden=None):
    """Every error at once: {field name: [messages]}; table cells as "<tabel>-<rij>-<kolom>".

    aantal_bestanden: {file field: number of files it holds} (for required file fields)."""
    aantal_bestanden = aantal_bestanden or {}
    fouten = {}
    for veld in definitie.velden:
        if not definitie.zichtbaar(veld, data):
            continue
        if veld.type == "bestanden":
            if veld.verplicht and not aantal_bestanden.get(veld.sleutel):
                fouten[veld.sleutel] = [veld.melding("verplicht")]
            continue
        if veld.type == "tabel":
            rijen = data.get(veld.sleutel) or []
            cel_fout = False
            for i, rij in enumerate(rijen):
                if not any(str(v).strip() for v in rij.values()):
                    continue  # an empty row added with "Voeg rij toe" is no answer
                for kolom in veld.kolommen:
                    waarde = rij.get(kolom.sleutel, "")
                    if leeg(waarde):
                        meldingen = [kolom.melding("verplicht")] if kolom.verplicht else []
                    else:
                        meldingen = _fouten_van_waarde(kolom, waarde)
                    if meldingen:
                        fouten[cel_naam(veld.sleutel, i, kolom.sleutel)] = meldingen
                        cel_fout = True
            gevuld = [r for r in rijen if any(str(v).strip() for v in r.values())]
            if veld.verplicht and not gevuld:
                fouten[veld.sleutel] = [veld.melding("verplicht")]
            elif cel_fout:
                fouten[veld.sleutel] = [
                    veld.melding("tabel") if veld.regel("tabel") else STANDAARD_MELDINGEN["tabel"]
                ]
            continue
        waarde = data.get(veld.sleutel)
        if leeg(waarde):
            if veld.verplicht:
                fouten[veld.sleutel] = [veld.melding("verplicht")]
            continue
        meldingen = _fouten_van_waarde(veld, waarde)
        if meldingen:
            fouten[veld.sleutel] = meldingen
    return fouten


# --- Rendering ---------------------------------------------------------------------------------------------------

INPUT = {"class": "au-c-input au-c-input--block"}


def _django_veld(veld, *, label=None):
    """A Django form field used only to render (the engine validates): `required` drives the "Verplicht" marker."""
    attrs = dict(INPUT)
    kwargs = {"label": label or veld.label, "required": veld.verplicht, "help_text": _hint(veld)}
    t = veld.type
    if t == "tekstvak":
        return forms.CharField(
            widget=forms.Textarea(attrs={"class": "au-c-textarea au-c-textarea--block", "rows": 5}), **kwargs
        )
    if t == "urls":
        return forms.CharField(
            widget=forms.Textarea(attrs={"class": "au-c-textarea au-c-textarea--block", "rows": 3}), **kwargs
        )
    if t in ("getal", "bedrag"):
        return forms.CharField(widget=forms.TextInput(attrs={**attrs, "inputmode": "decimal"}), **kwargs)
    if t == "datum":
        return forms.CharField(widget=forms.DateInput(attrs={**attrs, "type": "date"}), **kwargs)
    if t == "email":
        return forms.CharField(widget=forms.EmailInput(attrs={**attrs, "autocomplete": "email"}), **kwargs)
    if t == "telefoon":
        return forms.CharField(
            widget=forms.TextInput(attrs={**attrs, "type": "tel", "autocomplete": "tel"}), **kwargs
        )
    if t == "radio":
        return forms.ChoiceField(choices=[(o, o) for o in veld.opties], widget=forms.RadioSelect, **kwargs)
    if t == "keuzes":
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in veld.opties], widget=forms.CheckboxSelectMultiple, **kwargs
        )
    if t == "vink":
        return forms.BooleanField(
            widget=forms.CheckboxInput(attrs={"class": "au-c-control__input"}), **kwargs
        )
    if t == "bestanden":
        from loket.uploads import MultipleFileInput

        return forms.FileField(widget=MultipleFileInput(attrs={"class": "au-c-input"}), **kwargs)
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **kwargs)


def _hint(veld):
    delen = [veld.hulp] if veld.hulp else []
    if veld.max_lengte:
        delen.append(f"Maximaal {veld.max_lengte} karakters.")
    if veld.type == "urls":
        delen.append("Eén link per regel.")
    if veld.type == "bedrag":
        delen.append("Bedrag in euro.")
    if veld.toon_als:
        delen.append(f"Enkel invullen als u «{veld.toon_als['waarde']}» koos.")
    return " ".join(delen)


def _als_formwaarde(veld, waarde):
    if veld.type == "urls":
        return "\n".join(waarde or [])
    return waarde


class StapForm(forms.Form):
    """The rendered form of one step. Not used to validate: `fouten` come from `valideer`."""

    def __init__(self, definitie, data, fouten=None, *, rijen=None):
        self.definitie = definitie
        waarden = {}
        velden = {}
        rijen = rijen or {}
        for veld in definitie.velden:
            if veld.type == "tabel":
                n = rijen.get(veld.sleutel, len(data.get(veld.sleutel) or []))
                opgeslagen = data.get(veld.sleutel) or []
                for i in range(n):
                    for kolom in veld.kolommen:
                        naam = cel_naam(veld.sleutel, i, kolom.sleutel)
                        velden[naam] = _django_veld(kolom, label=f"{kolom.label} (rij {i + 1})")
                        waarden[naam] = (opgeslagen[i] if i < len(opgeslagen) else {}).get(kolom.sleutel, "")
                velden[f"{veld.sleutel}-rijen"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
                waarden[f"{veld.sleutel}-rijen"] = n
                continue
            velden[veld.sleutel] = _django_veld(veld)
            if veld.type != "bestanden":
                waarden[veld.sleutel] = _als_formwaarde(veld, data.get(veld.sleutel))
        super().__init__(initial=waarden)
        self.fields.update(velden)
        self._errors = ErrorDict({naam: ErrorList(m) for naam, m in (fouten or {}).items()})
        for naam in self._errors:
            if naam in self.fields and naam.count("-") == 2:  # a table cell: the include does this for fields
                self.fields[naam].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{naam}-error"}
                )
        self.rijen = {
            v.sleutel: waarden.get(f"{v.sleutel}-rijen", 0) for v in definitie.velden if v.type == "tabel"
        }

    def secties(self, bijlagen=()):
        """What the template renders: sections with their items (one field, a table, a file field)."""
        per_veld = {}
        for bijlage in bijlagen:
            per_veld.setdefault(bijlage.veld, []).append(bijlage)
        result = []
        for sectie in self.definitie.secties:
            items = []
            for veld in sectie.velden:
                if veld.type == "tabel":
                    rijen = [
                        {
                            "nummer": i + 1,
                            "index": i,
                            "cellen": [self[cel_naam(veld.sleutel, i, k.sleutel)] for k in veld.kolommen],
                        }
                        for i in range(self.rijen[veld.sleutel])
                    ]
                    items.append(
                        {
                            "soort": "tabel",
                            "veld": veld,
                            "rijen": rijen,
                            "teller": self[f"{veld.sleutel}-rijen"],
                            "fouten": self._errors.get(veld.sleutel, []),
                        }
                    )
                elif veld.type == "bestanden":
                    items.append(
                        {
                            "soort": "bestanden",
                            "veld": veld,
                            "bf": self[veld.sleutel],
                            "bestaande": per_veld.get(veld.sleutel, []),
                        }
                    )
                else:
                    items.append({"soort": "veld", "veld": veld, "bf": self[veld.sleutel]})
            result.append({"sectie": sectie, "items": items})
        return result


def weergave(definitie, data, bijlagen=()):
    """Read-only: sections with (label, value) pairs; tables as rows; files by name."""
    per_veld = {}
    for bijlage in bijlagen:
        per_veld.setdefault(bijlage.veld, []).append(bijlage)
    result = []
    for sectie in definitie.secties:
        items = []
        for veld in sectie.velden:
            waarde = data.get(veld.sleutel)
            if veld.type == "tabel":
                items.append(
                    {
                        "veld": veld,
                        "tabel": [[r.get(k.sleutel, "") for k in veld.kolommen] for r in waarde or []],
                    }
                )
            elif veld.type == "bestanden":
                items.append({"veld": veld, "bestanden": per_veld.get(veld.sleutel, [])})
            elif veld.type == "vink":
                items.append({"veld": veld, "tekst": "Ja" if waarde else "Nee"})
            elif isinstance(waarde, list):
                items.append({"veld": veld, "tekst": ", ".join(waarde)})
            else:
                items.append({"veld": veld, "tekst": waarde or ""})
        result.append({"sectie": sectie, "items": items})
    return result
