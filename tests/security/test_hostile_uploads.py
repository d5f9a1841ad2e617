"""Hostile uploads against every upload field of the portal.

Each file of the corpus (tests/security/corpus.py, generated in memory) is posted through the real views:
toezicht (melding files), berichten (a bestuur's reply, ABB's reply and ABB's new conversation) and bbcdr (the XML and
the XBRL slot). Whatever happens: never a 500; a refusal carries a Dutch message that names the problem; a stored file
has a random name on disk inside the storage root, a sanitised original name, the exact bytes that were sent, and it
is served only as an attachment with nosniff and a sandboxing CSP. Nothing is written outside the storage root.
"""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bbcdr.models import RapportBestand
from berichten.models import BerichtBijlage, TypeCommunicatie
from loket import modules
from loket.uploads import safe_filename
from tests import factories
from tests.bbcdr.factories import rapport
from tests.berichten.factories import gesprek_met_vraag
from tests.toezicht.factories import MeldingFactory
from toezicht.models import Melding, MeldingBestand

from .corpus import PDF, XML, corpus

MAX_BYTES = 64 * 1024
CORPUS = corpus(MAX_BYTES)
DUTCH_REFUSALS = (
    "is leeg",
    "is te groot",
    "wordt niet aanvaard",
    "komt niet overeen",
    "is geen",
    "niet welgevormd",
    "veiligheidsredenen",
    "XBRL",
    "XML-bestand",
    "bevat een virus",
)
VIRUS = "bevat een virus of andere schadelijke inhoud"
STORAGE_NAME = re.compile(r"^(toezicht|berichten|bbcdr|bestanden)[^/]*/\d{4}/\d{2}/[0-9a-f]{32}$")
OUTSIDE = [
    Path("/tmp/loket-traversal.pdf"),
    Path("/tmp/loket-zip-slip.txt"),
    Path("/etc/loket-absoluut.pdf"),
    Path("/windows/loket-traversal.pdf"),
    Path.cwd().parent / "loket-traversal.pdf",
]


@pytest.fixture
def storage(settings, tmp_path, virusscan):
    """Private storage in a temporary folder, a small size limit, and every upload scanned by the private clamd."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.LOKET_MAX_UPLOAD_BYTES = MAX_BYTES
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
        "bbcdr_outbox": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "outbox")},
        },
    }
    yield root
    for path in OUTSIDE:
        assert not path.exists(), f"written outside the storage: {path}"
    for name in ("loket-traversal.pdf", "loket-zip-slip.txt", "loket-absoluut.pdf"):
        assert not list(tmp_path.rglob(name)) and not (Path.cwd() / name).exists()
    for path in root.rglob("*"):
        if path.is_file():
            assert STORAGE_NAME.match(str(path.relative_to(root))), f"storage name not random: {path}"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def check_outcome(response, stored_rows, entry, storage, client, download_url, typed="", scanned=True):
    """`typed`: text the person typed in the form, kept on a refusal. `scanned`: the field accepts the entry's
    type, so a virus must be refused by the scanner (not by a type rule)."""
    ident, name, content, kind = entry
    assert response.status_code < 500, f"{ident}: {response.status_code}"
    if not stored_rows:
        html = response.content.decode()
        assert response.status_code in (200, 400), f"{ident}: refused without a page ({response.status_code})"
        assert any(fragment in html for fragment in DUTCH_REFUSALS), f"{ident}: no Dutch message in the page"
        assert "<script>alert" not in html and "<img src=x" not in html, f"{ident}: name not escaped"
        if kind == "virus" and scanned:
            assert VIRUS in html and f"«{safe_filename(name)}»" in html, (
                f"{ident}: not refused by the scanner"
            )
        assert typed in html, f"{ident}: what was typed is lost"
        return "geweigerd"
    assert kind not in ("refuse", "virus"), f"{ident} was stored but must be refused"
    assert len(stored_rows) == 1
    row = stored_rows[0]
    # A raw CR/LF in a multipart header ends the header: the server sees a shorter name, still sanitised.
    assert row.naam == safe_filename(row.naam)
    if not set(name) & set('\r\n"'):
        assert row.naam == safe_filename(name)
    assert not set(row.naam) & set("/\\\x00\r\n\x1b\x01\u202e") and len(row.naam) <= 200
    assert STORAGE_NAME.match(row.bestand.name), row.bestand.name
    path = Path(row.bestand.path).resolve()
    assert path.is_relative_to(storage.resolve())
    assert path.read_bytes() == content
    download = client.get(download_url(row))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert (
        download["Content-Type"] not in ("text/html", "image/svg+xml")
        or "sandbox" in download["Content-Security-Policy"]
    )
    assert b"".join(download.streaming_content) == content
    return "bewaard"


IDS = [e[0] for e in CORPUS]


def test_corpus_is_big_enough():
    assert len(CORPUS) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize("entry", CORPUS, ids=IDS)
def test_toezicht_melding_bestanden(entry, storage, login_as, aalst):
    user = factories.user_with_rights(aalst, "toezicht")
    client = login_as(user, aalst)
    melding = MeldingFactory(bestuur=aalst, status=Melding.Status.CONCEPT)
    ident, name, content, _ = entry
    response = client.post(
        reverse("toezicht:bewerken", args=[melding.uuid]),
        {"actie": "bewaar", "opmerking": "Getypte opmerking", "bestanden": [upload(name, content)]},
    )
    rows = list(MeldingBestand.objects.filter(melding=melding))
    check_outcome(
        response,
        rows,
        entry,
        storage,
        client,
        lambda b: reverse("toezicht:bestand", args=[melding.uuid, b.uuid]),
        typed="Getypte opmerking",
    )
    melding.refresh_from_db()
    assert (melding.opmerking == "Getypte opmerking") == bool(rows), (
        f"{ident}: a refused save stored the rest"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("entry", CORPUS, ids=IDS)
def test_berichten_antwoord_van_bestuur(entry, storage, login_as, aalst):
    user = factories.user_with_rights(aalst, "berichten")
    client = login_as(user, aalst)
    gesprek = gesprek_met_vraag(aalst)
    ident, name, content, _ = entry
    response = client.post(
        reverse("berichten:gesprek", args=[gesprek.uuid]),
        {"inhoud": "Hierbij ons antwoord.", "bijlagen": [upload(name, content)]},
    )
    rows = list(BerichtBijlage.objects.filter(bericht__gesprek=gesprek, bericht__van="bestuur"))
    check_outcome(
        response,
        rows,
        entry,
        storage,
        client,
        lambda b: reverse("berichten:bijlage", args=[b.uuid]),
        typed="Hierbij ons antwoord.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("entry", CORPUS, ids=IDS)
def test_berichten_antwoord_van_abb(entry, storage, login_as, aalst):
    abb = factories.abb()
    user = factories.user_with_rights(abb, roles=[modules.ABB_EDITEUR_ROLE])
    client = login_as(user, abb)
    gesprek = gesprek_met_vraag(aalst)
    bestaande = set(BerichtBijlage.objects.values_list("pk", flat=True))
    ident, name, content, _ = entry
    response = client.post(
        reverse("berichten:abb-antwoord", args=[gesprek.uuid]),
        {"inhoud": "Een vraag van ABB.", "bijlagen": [upload(name, content)]},
    )
    rows = list(BerichtBijlage.objects.exclude(pk__in=bestaande).filter(bericht__isnull=False))
    check_outcome(
        response,
        rows,
        entry,
        storage,
        client,
        lambda b: reverse("berichten:abb-bijlage", args=[b.uuid]),
        typed="Een vraag van ABB.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("entry", CORPUS, ids=IDS)
def test_berichten_nieuw_gesprek_van_abb(entry, storage, login_as, aalst):
    abb = factories.abb()
    user = factories.user_with_rights(abb, roles=[modules.ABB_EDITEUR_ROLE])
    client = login_as(user, abb)
    bestaande = set(BerichtBijlage.objects.values_list("pk", flat=True))
    ident, name, content, _ = entry
    response = client.post(
        reverse("berichten:abb-nieuw"),
        {
            "bestuur": aalst.pk,
            "type_communicatie": TypeCommunicatie.OPVRAGING,
            "betreft": "Klacht",
            "dossiernummer": "KLACHT2026.000001",
            "reactietermijn_dagen": "30",
            "inhoud": "Een vraag van ABB.",
            "bijlagen": [upload(name, content)],
        },
    )
    rows = list(BerichtBijlage.objects.exclude(pk__in=bestaande).filter(bericht__isnull=False))
    if not rows and response.status_code == 302:
        pytest.fail(f"{ident}: conversation started without its attachment and without a message")
    check_outcome(
        response,
        rows,
        entry,
        storage,
        client,
        lambda b: reverse("berichten:abb-bijlage", args=[b.uuid]),
        typed="KLACHT2026.000001",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("soort", ["xml", "xbrl"])
@pytest.mark.parametrize("entry", CORPUS, ids=IDS)
def test_bbcdr_bestanden(entry, soort, storage, login_as, aalst):
    user = factories.user_with_rights(aalst, "bbcdr")
    client = login_as(user, aalst)
    r = rapport(aalst, xml=False, xbrl=False)
    ident, name, content, _ = entry
    response = client.post(
        reverse("bbcdr:detail", args=[r.uuid]), {"actie": "bewaar", soort: upload(name, content)}
    )
    rows = list(RapportBestand.objects.filter(rapport=r))
    if rows:  # only well-formed XML without entities (XHTML is XML) can pass; XBRL needs a real instance
        assert entry[0] in ("xml", "html-met-script") and soort == "xml", f"{entry[0]} stored in {soort}"
    check_outcome(
        response,
        rows,
        entry,
        storage,
        client,
        lambda b: reverse("bbcdr:download", args=[r.uuid, b.uuid]),
        scanned=name.endswith(
            (".xml", ".xbrl")
        ),  # the slots take XML only: a .txt or .zip is refused by type
    )


SAFE = [e for e in CORPUS if e[0] in ("pad-traversal", "unicode-naam", "heel-lange-naam")]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", SAFE, ids=[e[0] for e in SAFE])
def test_harmless_content_with_hostile_names_is_stored_in_every_field(entry, storage, login_as, aalst):
    """Guards the tests above: a refusal there must come from the file, not from a form the test filled wrongly."""
    ident, name, content, _ = entry
    bestuur_user = factories.user_with_rights(aalst, "toezicht", "berichten")
    client = login_as(bestuur_user, aalst)
    melding = MeldingFactory(bestuur=aalst, status=Melding.Status.CONCEPT)
    client.post(
        reverse("toezicht:bewerken", args=[melding.uuid]),
        {"actie": "bewaar", "bestanden": [upload(name, content)]},
    )
    assert MeldingBestand.objects.filter(melding=melding).count() == 1
    gesprek = gesprek_met_vraag(aalst)
    r = client.post(
        reverse("berichten:gesprek", args=[gesprek.uuid]),
        {"inhoud": "Antwoord", "bijlagen": [upload(name, content)]},
    )
    assert r.status_code == 302
    abb = factories.abb()
    client = login_as(factories.user_with_rights(abb, roles=[modules.ABB_EDITEUR_ROLE]), abb)
    r = client.post(
        reverse("berichten:abb-antwoord", args=[gesprek.uuid]),
        {"inhoud": "Vraag", "bijlagen": [upload(name, content)]},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("berichten:abb-nieuw"),
        {
            "bestuur": aalst.pk,
            "type_communicatie": TypeCommunicatie.OPVRAGING,
            "betreft": "Klacht",
            "dossiernummer": "KLACHT2026.000001",
            "reactietermijn_dagen": "30",
            "inhoud": "Vraag",
            "bijlagen": [upload(name, content)],
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    client = login_as(factories.user_with_rights(aalst, "bbcdr"), aalst)
    rap = rapport(aalst, xml=False, xbrl=False)
    r = client.post(
        reverse("bbcdr:detail", args=[rap.uuid]),
        {"actie": "bewaar", "xml": upload(name.replace(".pdf", ".xml"), b'<?xml version="1.0"?><r/>')},
    )
    assert r.status_code == 302 and RapportBestand.objects.filter(rapport=rap).count() == 1


FIELDS = [
    "toezicht",
    "berichten-bestuur",
    "berichten-abb-antwoord",
    "berichten-abb-nieuw",
    "bbcdr-xml",
    "bbcdr-xbrl",
]


@pytest.mark.django_db
@pytest.mark.parametrize("field", FIELDS)
def test_scanner_down_refuses_every_upload_field_and_keeps_the_form(
    field, storage, settings, login_as, aalst
):
    """Fail closed: with the daemon unreachable a clean file is refused in every field with "probeer later
    opnieuw", nothing of it is stored, and what was typed is still in the form."""
    settings.LOKET_CLAMD_ADDRESS = str(storage.parent / "geen-clamd.sock")
    typed = "Tekst die blijft staan"
    if field == "toezicht":
        client = login_as(factories.user_with_rights(aalst, "toezicht"), aalst)
        melding = MeldingFactory(bestuur=aalst, status=Melding.Status.CONCEPT, opmerking="")
        url = reverse("toezicht:bewerken", args=[melding.uuid])
        data = {"actie": "bewaar", "opmerking": typed, "bestanden": [upload("besluit.pdf", PDF)]}
    elif field == "berichten-bestuur":
        client = login_as(factories.user_with_rights(aalst, "berichten"), aalst)
        url = reverse("berichten:gesprek", args=[gesprek_met_vraag(aalst).uuid])
        data = {"inhoud": typed, "bijlagen": [upload("besluit.pdf", PDF)]}
    elif field.startswith("berichten-abb"):
        abb = factories.abb()
        client = login_as(factories.user_with_rights(abb, roles=[modules.ABB_EDITEUR_ROLE]), abb)
        if field == "berichten-abb-antwoord":
            url = reverse("berichten:abb-antwoord", args=[gesprek_met_vraag(aalst).uuid])
            data = {"inhoud": typed, "bijlagen": [upload("besluit.pdf", PDF)]}
        else:
            url = reverse("berichten:abb-nieuw")
            data = {
                "bestuur": aalst.pk,
                "type_communicatie": TypeCommunicatie.OPVRAGING,
                "betreft": "Klacht",
                "dossiernummer": "KLACHT2026.000001",
                "reactietermijn_dagen": "30",
                "inhoud": typed,
                "bijlagen": [upload("besluit.pdf", PDF)],
            }
    else:
        client = login_as(factories.user_with_rights(aalst, "bbcdr"), aalst)
        url = reverse("bbcdr:detail", args=[rapport(aalst, xml=False, xbrl=False).uuid])
        soort = field.removeprefix("bbcdr-")
        data = {"actie": "bewaar", soort: upload(f"rapport.{soort}", XML)}
        typed = ""  # the form has no text field
    bestaande = (
        MeldingBestand.objects.count(),
        BerichtBijlage.objects.count(),
        RapportBestand.objects.count(),
    )
    bestanden = sorted(p for p in storage.rglob("*") if p.is_file())  # the factories' own files
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "kon niet op virussen gecontroleerd worden" in html and "Probeer later opnieuw." in html
    assert typed in html
    assert (
        MeldingBestand.objects.count(),
        BerichtBijlage.objects.count(),
        RapportBestand.objects.count(),
    ) == bestaande
    assert sorted(p for p in storage.rglob("*") if p.is_file()) == bestanden
