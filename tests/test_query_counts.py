"""The number of SQL queries of every benchmarked page does not grow with the data (issue 10).

Each page is requested with a few rows and again after adding ~10x more rows: the counts must be equal (no N+1)
and below an upper bound. Rows are bulk-inserted so the test stays fast.
"""

from collections import namedtuple
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from berichten.models import Bericht, Gesprek, Partij, TypeCommunicatie
from leidinggevenden import functies
from leidinggevenden.models import ContactGegevens, Functionaris
from loket import modules, referentie
from loket.cache import OokInProces
from loket.models import Bestuurseenheid, Persoon
from tests import factories
from toezicht.models import BesluitType, Melding, MeldingBestand

KLEIN, GROOT = 30, 300  # rows per table at the two sizes (GROOT = 10 x KLEIN)
MAX_QUERIES = 20  # the upper bound of any page


def _besturen(n):
    """`n` real Gemeente besturen (reference data) that have organen."""
    return list(
        Bestuurseenheid.objects.filter(classificatie__label="Gemeente", actief=True, organen__isnull=False)
        .distinct()
        .select_related("classificatie")
        .order_by("naam")[:n]
    )


def _meldingen(besturen, n, *, bestanden=0):
    types = list(BesluitType.objects.order_by("label")[:10])
    organen = {b.pk: list(b.organen.all()[:3]) for b in besturen}
    nu = timezone.now()
    rows = []
    for i in range(n):
        bestuur = besturen[i % len(besturen)]
        tijd = nu - timedelta(hours=i)
        rows.append(
            Melding(
                bestuur=bestuur,
                status=Melding.Status.CONCEPT if i % 5 == 4 else Melding.Status.VERSTUURD,
                besluittype=types[i % len(types)],
                beslissingsorgaan=organen[bestuur.pk][i % len(organen[bestuur.pk])],
                datum_zitting=tijd.date(),
                gewijzigd_op=tijd,
                verstuurd_op=None if i % 5 == 4 else tijd,
                links=["https://www.example.org/besluit"],
            )
        )
    meldingen = Melding.objects.bulk_create(rows)
    for melding in meldingen[:1] if bestanden else []:
        MeldingBestand.objects.bulk_create(
            MeldingBestand(
                melding=melding,
                bestand=f"toezicht/x/{j}.pdf",
                naam=f"besluit-{j}.pdf",
                grootte=1000 + j,
                mime_type="application/pdf",
                sha256="0" * 64,
            )
            for j in range(bestanden)
        )
    return meldingen


def _gesprekken(bestuur, n, meldingen):
    nu = timezone.now()
    gesprekken = Gesprek.objects.bulk_create(
        Gesprek(
            bestuur=bestuur,
            dossiernummer=f"DOSSIER.{i:06d}",
            betreft=f"Vraag {i}",
            type_communicatie=TypeCommunicatie.OPVRAGING,
            reactietermijn_dagen=30,
            antwoord_verwacht_tegen=timezone.localdate() + timedelta(days=i % 60 - 30),
            laatste_bericht_op=nu - timedelta(hours=i),
            laatste_bericht_van=Partij.ABB,
            gelezen_door_bestuur=bool(i % 2),
            melding=meldingen[i % len(meldingen)] if meldingen else None,
        )
        for i in range(n)
    )
    Bericht.objects.bulk_create(
        Bericht(gesprek=g, van=Partij.ABB, auteur_naam="ABB", inhoud="Gelieve te antwoorden.")
        for g in gesprekken
    )


def _functionarissen(besturen, per_bestuur):
    for bestuur in besturen:
        lijst = list(functies.functies_voor(bestuur))
        personen = Persoon.objects.bulk_create(
            Persoon(voornaam=f"Voornaam{i}", achternaam=f"Achternaam{i}") for i in range(per_bestuur)
        )
        Functionaris.objects.bulk_create(
            Functionaris(
                bestuur=bestuur,
                functie=lijst[i % len(lijst)].code,
                persoon=persoon,
                start=date(2019, 1, 1) + timedelta(days=i),
            )
            for i, persoon in enumerate(personen)
        )
        ContactGegevens.objects.bulk_create(
            [ContactGegevens(bestuur=bestuur, functie=f.code, email="info@bestuur.example") for f in lijst]
        )


def _count(client, url):
    cache.clear()  # cached filter choices: count the cold path every time
    OokInProces.vergeet()  # also their copies in the process
    referentie.vergeet()  # and the reference-data labels a process keeps
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.fixture
def bestuur_client(aalst, login_as):
    user = factories.user_with_rights(aalst, "toezicht", "berichten")
    return login_as(user, aalst)


@pytest.fixture
def abb_client(client, login_as):
    user = factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE])
    return login_as(user, factories.abb())


def _flat(client, urls, grow):
    """Counts per url before and after `grow()`; equal and bounded."""
    # The first request after a login pushes the session's idle time forward (then once a minute): not counted.
    client.get(next(iter(urls.values()))())
    voor = {naam: _count(client, url()) for naam, url in urls.items()}
    grow()
    na = {naam: _count(client, url()) for naam, url in urls.items()}
    assert voor == na, f"query count grows with the data: {voor} -> {na}"
    assert max(na.values()) <= MAX_QUERIES, na
    print(na)  # shown with -s: the figures in docs/performance.md
    return na


@pytest.mark.django_db
def test_bestuur_pages_flat(aalst, bestuur_client):
    andere = [b for b in _besturen(3) if b != aalst][:2]
    eigen = _meldingen([aalst], KLEIN, bestanden=2)
    _meldingen(andere, KLEIN)
    _gesprekken(aalst, KLEIN // 3, eigen)
    detail = Melding.objects.filter(pk=eigen[0].pk).values_list("uuid", flat=True)

    urls = {
        "dashboard": lambda: "/dashboard/",
        "toezicht page 1": lambda: "/toezicht/",
        "toezicht deep page, filtered": lambda: "/toezicht/?status=verstuurd&page=last",
        "toezicht sorted": lambda: "/toezicht/?sorteer=-type&page=2",
        "melding detail": lambda: f"/toezicht/{detail[0]}/",
        "berichten inbox": lambda: "/berichten/",
    }

    def grow():
        meer = _meldingen([aalst], GROOT - KLEIN)
        _meldingen(andere, GROOT - KLEIN)
        first = Melding.objects.get(pk=eigen[0].pk)
        MeldingBestand.objects.bulk_create(
            MeldingBestand(melding=first, bestand=f"toezicht/y/{j}.pdf", naam=f"bijlage-{j}.pdf", grootte=10)
            for j in range(18)
        )
        _gesprekken(aalst, (GROOT - KLEIN) // 3, meer)

    _flat(bestuur_client, urls, grow)


@pytest.mark.django_db
def test_abb_queue_flat(abb_client):
    besturen = _besturen(12)
    meldingen = _meldingen(besturen[:4], KLEIN)
    urls = {
        "abb queue": lambda: "/toezicht/abb/",
        "abb queue filtered, page 2": lambda: (
            "/toezicht/abb/?classificatie=&review_status=te_behandelen&verstuurd_van=2000-01-01&page=2"
        ),
        "abb queue sorted": lambda: "/toezicht/abb/?sorteer=bestuur&page=2",
        "abb melding detail": lambda: f"/toezicht/abb/{meldingen[1].uuid}/",
    }
    _flat(abb_client, urls, lambda: _meldingen(besturen, GROOT - KLEIN))


@pytest.mark.django_db
def test_vlabel_screen_flat(login_as):
    """The VLABEL screen and its CSV: the same queries at 1x and 10x the tax regulations (MAR labels from memory)."""
    vlabel = login_as(
        factories.user_with_rights(factories.abb(), roles=[modules.ABB_VLABEL_ROLE]), factories.abb()
    )
    besturen = _besturen(12)
    belasting = BesluitType.objects.get(label="Kohierbelasting")

    def maak(n):
        for i, melding in enumerate(_meldingen(besturen, n)):
            melding.besluittype, melding.mar_code = belasting, ("7300", "7304", "7305", "7301")[i % 4]
            melding.save(update_fields=["besluittype", "mar_code"])

    maak(KLEIN)
    urls = {
        "vlabel screen": lambda: "/toezicht/vlabel/",
        "vlabel filtered, sorted, page 2": lambda: (
            "/toezicht/vlabel/?mar_code=7300&mar_code=7304&sorteer=mar&page=2"
        ),
    }
    _flat(vlabel, urls, lambda: maak(GROOT - KLEIN))


@pytest.mark.django_db
def test_public_leidinggevenden_flat(client):
    aalst = factories.bestuur("Aalst")
    besturen = [b for b in _besturen(41) if b != aalst]
    _functionarissen([aalst, *besturen[:3]], 3)
    urls = {
        "publiek index": lambda: "/leidinggevenden/publiek/",
        "publiek bestuur": lambda: f"/leidinggevenden/publiek/besturen/{aalst.uuid}/",
    }

    def grow():
        Functionaris.objects.filter(bestuur=aalst).delete()
        ContactGegevens.objects.filter(bestuur=aalst).delete()
        _functionarissen([aalst, *besturen[3:30]], 30)

    _flat(client, urls, grow)


@pytest.mark.django_db
def test_abb_queue_count_is_bounded(monkeypatch):
    """Above GRENS matching rows the ABB queue shows an estimate ("ongeveer") instead of counting every row."""
    from toezicht.selectors import GeschattePaginator, abb_meldingen

    _meldingen(_besturen(3), 40)  # 32 sent
    assert GeschattePaginator(abb_meldingen(), 25).count == 32
    monkeypatch.setattr(GeschattePaginator, "GRENS", 10)
    paginator = GeschattePaginator(abb_meldingen(), 25)
    if connection.vendor == "postgresql":
        assert paginator.count >= 11 and paginator.geschat
    else:  # no planner estimate on SQLite (the embedded default): the exact count, not called an estimate
        assert paginator.count == 32 and not paginator.geschat


@pytest.mark.django_db
def test_abb_queue_shows_estimate(abb_client, monkeypatch):
    from toezicht.selectors import GeschattePaginator

    _meldingen(_besturen(3), 80)  # 64 sent
    monkeypatch.setattr(GeschattePaginator, "GRENS", 30)  # at least 31 counted: two pages
    response = abb_client.get("/toezicht/abb/")
    html = response.content.decode()
    totaal = html[html.find("Pagina") - 100 : html.find("Pagina") + 200]
    if connection.vendor == "postgresql":
        assert "ongeveer" in html, totaal
    else:  # SQLite has no planner estimate: the exact total, without "ongeveer"
        assert "(64 resultaten)" in html and "ongeveer" not in html, totaal


@pytest.mark.django_db
def test_bestuur_list_shows_estimate_and_skips_exists(aalst, bestuur_client, monkeypatch):
    """The bestuur's own list counts up to GRENS meldingen, above that PostgreSQL's estimate ("ongeveer"), as the
    ABB queue; a page with rows does not ask again whether the bestuur has meldingen."""
    from toezicht.selectors import GeschattePaginator

    _meldingen([aalst], 80)
    bestuur_client.get("/toezicht/")  # the first request after a login pushes the session's idle time forward
    with CaptureQueriesContext(connection) as ctx:
        html = bestuur_client.get("/toezicht/").content.decode()
    assert "(80 resultaten)" in html and "ongeveer" not in html
    assert not any(q["sql"].startswith('SELECT 1 AS "a"') for q in ctx.captured_queries)
    monkeypatch.setattr(GeschattePaginator, "GRENS", 30)
    html = bestuur_client.get("/toezicht/").content.decode()
    if connection.vendor == "postgresql":
        assert "ongeveer" in html
    else:  # SQLite has no planner estimate: the exact total, without "ongeveer"
        assert "(80 resultaten)" in html and "ongeveer" not in html
    # a filter that matches nothing: the page still offers the filters (the bestuur has meldingen)
    html = bestuur_client.get("/toezicht/?status=afgehandeld_niet_bestaand").content.decode()
    assert 'aria-label="Filter de meldingen"' in html


@pytest.mark.django_db
def test_verstuurd_filter_uses_brussels_days():
    """The sargable verstuurd_van/verstuurd_tot filter keeps the meaning "the day in Europe/Brussels"."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.http import QueryDict

    from toezicht.filters import AbbMeldingFilter
    from toezicht.selectors import abb_meldingen

    [melding] = _meldingen(_besturen(1), 1)
    laat = datetime(2025, 3, 10, 23, 30, tzinfo=ZoneInfo("Europe/Brussels"))  # 22:30 UTC
    Melding.objects.filter(pk=melding.pk).update(verstuurd_op=laat)

    def ids(query):
        return list(
            AbbMeldingFilter(QueryDict(query), queryset=abb_meldingen()).qs.values_list("pk", flat=True)
        )

    assert ids("verstuurd_van=2025-03-10&verstuurd_tot=2025-03-10") == [melding.pk]
    assert ids("verstuurd_van=2025-03-11") == []
    assert ids("verstuurd_tot=2025-03-09") == []


@pytest.mark.django_db
def test_public_page_cached_only_for_visitors_without_a_session(
    client, login_as, django_capture_on_commit_callbacks
):
    """A visitor without a session gets the public page from Django's cache (no queries) until what it shows
    changes; a logged-in person always gets a page rendered for them, never the anonymous copy."""
    aalst = factories.bestuur("Aalst")
    _functionarissen([aalst], 3)
    url = f"/leidinggevenden/publiek/besturen/{aalst.uuid}/"
    eerste = client.get(url)
    assert "public" in eerste["Cache-Control"] and "max-age=300" in eerste["Cache-Control"]
    with CaptureQueriesContext(connection) as ctx:
        tweede = client.get(url)
    assert tweede.content == eerste.content and len(ctx.captured_queries) == 0

    user = factories.user_with_rights(aalst, "leidinggevenden")
    aangemeld = login_as(user, aalst)
    with CaptureQueriesContext(connection) as ctx:
        response = aangemeld.get(url)
    assert "Afmelden" in response.content.decode() and "Afmelden" not in eerste.content.decode()
    assert "private" in response["Cache-Control"] and len(ctx.captured_queries) > 0

    with django_capture_on_commit_callbacks(execute=True):
        Functionaris.objects.filter(bestuur=aalst).first().delete()  # one person fewer
    assert client.get(url).content != eerste.content  # the change shows at once


@pytest.mark.django_db
def test_subsidies_dossier_list_flat(aalst, login_as):
    """'Lopende subsidiedossiers' and ABB's 'Subsidie aanvragen': the same queries at 1x and 10x dossiers."""
    from subsidies.models import Aanvraag
    from tests.subsidies.factories import reeks

    reeksen = [reeks(titel=f"Maatregel {i}") for i in range(3)]
    gent = factories.bestuur("Gent")

    def dossiers(n):
        Aanvraag.objects.bulk_create(
            Aanvraag(
                bestuur=aalst if i % 4 else gent,
                maatregel=reeksen[i % 3].maatregel,
                reeks=reeksen[i % 3],
                actieve_stap=reeksen[i % 3].stappen.first(),
                status=["concept", "actief", "ingediend"][i % 3],
                gewijzigd_door_naam="Els Peeters",
            )
            for i in range(n)
        )

    dossiers(KLEIN)
    bestuur_client = login_as(factories.user_with_rights(aalst, "subsidies"), aalst)
    _flat(
        bestuur_client,
        {
            "subsidiedossiers": lambda: "/subsidies/",
            "subsidiedossiers gefilterd, pagina 2": lambda: "/subsidies/?status=actief&page=2",
        },
        lambda: dossiers(GROOT - KLEIN),
    )
    abb = login_as(
        factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE]), factories.abb()
    )
    _flat(
        abb,
        {"abb subsidie aanvragen": lambda: "/subsidies/abb/?classificatie=&page=2"},
        lambda: dossiers(GROOT),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("grens", [1000, 30])
def test_bestuur_list_pages_show_every_melding_once_in_order(aalst, bestuur_client, monkeypatch, grens):
    """Paging the bestuur's list (ids counted and paged in one query within the first GRENS rows, the rows read by
    their ids with a query compiled once): every melding once, newest change first, on the pages a user walks."""
    import re

    from toezicht.models import Melding
    from toezicht.selectors import GeschattePaginator

    _meldingen([aalst], 80)
    monkeypatch.setattr(GeschattePaginator, "GRENS", grens)
    verwacht = [
        str(u)
        for u in Melding.objects.for_bestuur(aalst)
        .actief()
        .order_by("-gewijzigd_op", "-id")
        .values_list("uuid", flat=True)
    ]
    getoond = []
    for pagina in range(1, 5):
        html = bestuur_client.get(f"/toezicht/?page={pagina}").content.decode()
        getoond += re.findall(r'id="kies-([0-9a-f-]{36})"', html)
    assert getoond == verwacht and len(verwacht) == len(set(verwacht))
    # "Volgende" up to the last page; a page number past the end shows the last page (the total may be estimated)
    assert 'rel="next"' in bestuur_client.get("/toezicht/?page=3").content.decode()
    html = bestuur_client.get("/toezicht/?page=99").content.decode()
    assert re.findall(r'id="kies-([0-9a-f-]{36})"', html) == verwacht[75:] and 'rel="next"' not in html


@pytest.mark.django_db
def test_bestuur_list_followed_by_its_next_links_with_a_cursor(aalst, bestuur_client, monkeypatch):
    """Deep in the bestuur's list "Volgende" carries a cursor (keyset, ?na=): following the links shows every
    melding once, newest change first; a cursor that is not one is ignored (the page by its number)."""
    import html as html_module
    import re

    from toezicht.models import Melding
    from toezicht.selectors import LijstPaginator

    _meldingen([aalst], 80)
    monkeypatch.setattr(LijstPaginator, "KEYSET_VANAF", 25)  # from the second page on
    verwacht = [
        str(u)
        for u in Melding.objects.for_bestuur(aalst)
        .actief()
        .order_by("-gewijzigd_op", "-id")
        .values_list("uuid", flat=True)
    ]
    getoond, url, cursors = [], "/toezicht/", 0
    while url:
        html = bestuur_client.get(url).content.decode()
        getoond += re.findall(r'id="kies-([0-9a-f-]{36})"', html)
        volgende = re.search(r'href="([^"]*)" rel="next"', html)
        url = "/toezicht/" + html_module.unescape(volgende.group(1)) if volgende else None
        cursors += bool(url and "na=" in url)
    assert getoond == verwacht and cursors >= 2
    html = bestuur_client.get("/toezicht/?page=2&na=geen-cursor").content.decode()
    assert re.findall(r'id="kies-([0-9a-f-]{36})"', html) == verwacht[25:50]


@pytest.mark.django_db
def test_bestuur_list_compiled_ids_are_the_querysets(aalst, gent):
    """The bestuur list's ids by compiled queries (toezicht.selectors.bestuur_ids: unfiltered or on a status, by
    offset or after a cursor) are the ids of the queryset the view builds: only this bestuur's, not deleted,
    newest change first; the same every call (compiled after the first on PostgreSQL)."""
    from django.utils import timezone

    from toezicht.selectors import bestuur_ids, meldingen_voor
    from toezicht.tabellen import BESTUUR_VELDEN

    Rij = namedtuple("Rij", BESTUUR_VELDEN)
    meldingen = _meldingen([aalst, gent], 120)
    Melding.objects.filter(pk=meldingen[0].pk).update(verwijderd_op=timezone.now())
    for status in (None, "verstuurd", "concept"):
        queryset = meldingen_voor(aalst).order_by("-gewijzigd_op", "-id")
        if status:
            queryset = queryset.filter(status=status)
        verwacht = list(queryset.values_list("pk", flat=True))
        bron = bestuur_ids(aalst.pk, {"status": status} if status else {})
        rijen = list(queryset.values_list(*BESTUUR_VELDEN))
        for _ in range(7):  # past VasteQuery's compiling and psycopg's preparing
            assert bron.tussen(0, 26) == verwacht[:26]
            assert bron.tussen(25, 51) == verwacht[25:51]
            laatste = Melding.objects.get(pk=verwacht[9])
            assert bron.na(laatste.gewijzigd_op, laatste.pk, 26) == verwacht[10:36]
            # the page's rows with their fields in the same query, in order
            assert [tuple(r) for r in bron.tussen(25, 51, rij=Rij)] == rijen[25:51]
            assert [tuple(r) for r in bron.na(laatste.gewijzigd_op, laatste.pk, 26, rij=Rij)] == rijen[10:36]
        assert bron.tussen(1000, 1026) is None  # past the first rows: the paginator asks the queryset


@pytest.mark.django_db
def test_compiled_ids_keep_a_bounded_number_of_shapes(aalst, monkeypatch):
    """LijstIds keeps at most MAX query shapes per process; past that the paginator asks the queryset."""
    from toezicht.selectors import LijstIds, bestuur_ids

    monkeypatch.setattr(LijstIds, "_queries", {})
    monkeypatch.setattr(LijstIds, "MAX", 1)
    assert bestuur_ids(aalst.pk, {}).tussen(0, 26) == []
    assert bestuur_ids(aalst.pk, {}).tussen(25, 51) is None and len(LijstIds._queries) == 1


@pytest.mark.django_db
def test_abb_queue_compiled_ids_are_the_querysets(aalst, gent):
    """The ABB queue's ids by compiled queries (toezicht.selectors.abb_ids: provincie, review status, day and session
    ranges, also on the days the clocks change) are those of AbbMeldingFilter's queryset in the queue's order."""
    from django.http import QueryDict

    from toezicht.filters import AbbMeldingFilter
    from toezicht.selectors import abb_ids, abb_meldingen
    from toezicht.tabellen import ABB_VELDEN

    Rij = namedtuple("Rij", ABB_VELDEN)
    _meldingen([aalst, gent], 90)
    behandelaar = factories.user_with_rights(factories.abb(), first_name="An", last_name="Peeters")
    elke_derde = list(Melding.objects.order_by("-pk").values_list("pk", flat=True)[:40])[::3]
    Melding.objects.filter(pk__in=elke_derde).update(behandelaar=behandelaar)
    Melding.objects.filter(pk__in=Melding.objects.order_by("pk").values("pk")[:30]).update(
        review_status="afgehandeld"
    )
    vandaag = timezone.localdate()
    for query in (
        "",
        f"provincie={aalst.provincie}",
        "review_status=te_behandelen",
        f"review_status=afgehandeld&verstuurd_van={vandaag - timedelta(days=2)}",
        f"verstuurd_tot={vandaag - timedelta(days=1)}&zitting_van={vandaag - timedelta(days=3)}",
        "verstuurd_van=2026-03-29&verstuurd_tot=2026-10-25",
    ):
        filterset = AbbMeldingFilter(QueryDict(query), queryset=abb_meldingen())
        verwacht = list(filterset.qs.order_by("-verstuurd_op", "-id").values_list("pk", flat=True))
        assert filterset.form.is_valid()
        bron = abb_ids({k: v for k, v in filterset.form.cleaned_data.items() if v})
        rijen = list(filterset.qs.order_by("-verstuurd_op", "-id").values_list(*ABB_VELDEN)[25:51])
        for _ in range(7):  # past VasteQuery's compiling and psycopg's preparing
            assert bron.tussen(0, 26) == verwacht[:26], query
            assert bron.tussen(25, 51) == verwacht[25:51], query
            # a page's rows with their fields (and their behandelaar's name) in the same query, in order
            assert [tuple(r) for r in bron.tussen(25, 51, rij=Rij)] == rijen, query
