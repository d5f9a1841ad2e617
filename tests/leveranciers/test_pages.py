"""ABB manages vendors (key shown once, besturen added/removed, audited); the bestuur sees its vendors and the
vendor's meldingen in its toezicht list ("Automatisch bij publicatie", filter bron)."""

import re

from django.urls import reverse

from leveranciers import services
from leveranciers.models import STATUS_CONCEPT, Leverancier
from loket.models import AuditEvent
from tests import factories
from tests.toezicht.factories import MeldingFactory


def test_abb_admin_creates_a_vendor_and_sees_its_key_once(client, login_as, abb_editeur, aalst):
    abb = login_as(abb_editeur, factories.abb())
    fout = abb.post(reverse("leveranciers:abb-nieuw"), {"naam": "Notulensoft", "uri": "geen uri"})
    assert (
        "Geef een geldige URI op" in fout.content.decode() and 'value="Notulensoft"' in fout.content.decode()
    )
    response = abb.post(
        reverse("leveranciers:abb-nieuw"), {"naam": "Notulensoft", "uri": "http://data.lblod.info/vendors/n"}
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    sleutel = re.search(r'id="sleutel"[^>]*value="([^"]+)"', response.content.decode()).group(1)
    leverancier = Leverancier.objects.get(uri="http://data.lblod.info/vendors/n")
    assert services.sleutel_klopt(leverancier, sleutel)
    detail = abb.get(reverse("leveranciers:abb-detail", args=[leverancier.uuid])).content.decode()
    assert sleutel not in detail

    gevonden = abb.get(
        reverse("leveranciers:abb-detail", args=[leverancier.uuid]), {"q": "Aalst"}
    ).content.decode()
    assert aalst.volledige_naam in gevonden
    abb.post(
        reverse("leveranciers:abb-besturen", args=[leverancier.uuid]),
        {"bestuur": aalst.uuid, "actie": "voeg_toe"},
    )
    assert list(leverancier.besturen.all()) == [aalst]
    nieuw = abb.post(reverse("leveranciers:abb-sleutel", args=[leverancier.uuid]))
    nieuwe_sleutel = re.search(r'id="sleutel"[^>]*value="([^"]+)"', nieuw.content.decode()).group(1)
    leverancier.refresh_from_db()
    assert not services.sleutel_klopt(leverancier, sleutel) and services.sleutel_klopt(
        leverancier, nieuwe_sleutel
    )
    abb.post(
        reverse("leveranciers:abb-besturen", args=[leverancier.uuid]),
        {"bestuur": aalst.uuid, "actie": "verwijder"},
    )
    assert not leverancier.besturen.exists()
    acties = list(AuditEvent.objects.filter(object_id=str(leverancier.pk)).values_list("actie", flat=True))
    for actie in (
        "leveranciers.leverancier.aangemaakt",
        "leveranciers.bestuur.toegevoegd",
        "leveranciers.sleutel.vernieuwd",
        "leveranciers.bestuur.verwijderd",
    ):
        assert actie in acties
    assert not any(sleutel in (e.omschrijving + str(e.na)) for e in AuditEvent.objects.all())


def test_bestuur_sees_its_vendors_and_their_meldingen_with_the_bron_filter(
    client, login_as, aalst, gent, leverancier
):
    services.voeg_bestuur_toe(leverancier=leverancier, bestuur=aalst)
    ander, _ = services.maak_leverancier(naam="Alleen voor Gent", uri="http://data.lblod.info/vendors/gent")
    services.voeg_bestuur_toe(leverancier=ander, bestuur=gent)
    user = factories.user_with_rights(aalst, "toezicht")
    c = login_as(user, aalst)
    pagina = c.get(reverse("leveranciers:index")).content.decode()
    assert "Notulensoft" in pagina and "Alleen voor Gent" not in pagina

    services.registreer(
        leverancier=leverancier,
        bestuur=aalst,
        href="https://example.org/p.html",
        submitted_resource="https://example.org/besluit/1",
        gevraagde_status=STATUS_CONCEPT,
    )
    MeldingFactory(bestuur=aalst, gewijzigd_door=user, opmerking="met de hand")
    cel = f"<td>{user.get_full_name()}</td>"
    lijst = c.get(reverse("toezicht:index")).content.decode()
    assert "Automatisch bij publicatie (Notulensoft)" in lijst and cel in lijst
    vendor = c.get(reverse("toezicht:index"), {"bron": "leverancier"}).content.decode()
    assert "Automatisch bij publicatie (Notulensoft)" in vendor and cel not in vendor
    manueel = c.get(reverse("toezicht:index"), {"bron": "manueel"}).content.decode()
    assert "Automatisch bij publicatie (Notulensoft)" not in manueel and cel in manueel
