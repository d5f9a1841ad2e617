"""Kept pages (loket/pagecache.py): served again only to the same session, and never after what they show changed."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from accounts.services import sync_memberships
from loket import modules, pagecache
from loket.models import Bestuurseenheid
from tests import factories
from tests.toezicht.factories import MeldingFactory, verstuurde_melding
from toezicht.models import Melding

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


def rendered(client, url):
    """Whether the page was rendered rather than served kept: it read something besides the session (whose idle
    time is pushed forward once a minute, a write on any page)."""
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return any(
        "django_session" not in q["sql"] and not q["sql"].lstrip().startswith(("SAVEPOINT", "RELEASE"))
        for q in ctx.captured_queries
    )


def warm(client, url):
    """The first request sets the CSRF cookie, the second notes which tables the page reads, the third is kept:
    from then on the page comes without a single query. Returns the kept response."""
    client.get(url)
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert queries(client, url)[1] == 0, "the page was not kept"
    return response


@pytest.fixture
def aalst_client(aalst, login_as):
    return login_as(factories.user_with_rights(aalst, "toezicht", first_name="Ann", last_name="Aalst"), aalst)


def test_a_kept_page_is_served_without_queries_and_is_identical(aalst, aalst_client):
    verstuurde_melding(aalst)
    kept = warm(aalst_client, "/toezicht/")
    response, n = queries(aalst_client, "/toezicht/")
    assert n == 0
    assert response.content == kept.content
    assert response["Content-Type"] == kept["Content-Type"]


@pytest.mark.parametrize(
    "change",
    [
        "orm create",
        "queryset update",
        "raw SQL",
    ],
)
def test_every_kind_of_write_shows_at_once(aalst, aalst_client, change):
    melding = verstuurde_melding(aalst)
    warm(aalst_client, "/toezicht/")
    if change == "orm create":
        MeldingFactory(bestuur=aalst, status=Melding.Status.VERSTUURD, verstuurd_op=timezone.now())
        expected = 2
    elif change == "queryset update":
        Melding.objects.filter(pk=melding.pk).update(verwijderd_op=timezone.now())
        expected = 0
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE toezicht_melding SET verwijderd_op = %s WHERE id = %s", [timezone.now(), melding.pk]
            )
        expected = 0
    html = aalst_client.get("/toezicht/").content.decode()
    rows = len(re.findall(r'href="/toezicht/[0-9a-f-]{36}/"', html))
    assert rows == expected, (change, rows)


def test_a_page_that_depends_on_a_table_changed_meanwhile_is_not_served(aalst, aalst_client):
    """What another process does: it gives the table a new version after its commit."""
    warm(aalst_client, "/toezicht/")
    pagecache.tables_changed([Melding._meta.db_table])
    assert rendered(aalst_client, "/toezicht/")


def test_the_flash_message_after_a_post_is_shown_once_and_the_list_is_fresh(aalst, aalst_client):
    concept = MeldingFactory(bestuur=aalst)
    verstuurde_melding(aalst)
    warm(aalst_client, "/toezicht/")
    response = aalst_client.post(reverse("toezicht:verwijderen", args=[concept.uuid]), follow=True)
    html = response.content.decode()
    assert "Het concept is verwijderd." in html and str(concept.uuid) not in html
    again = aalst_client.get("/toezicht/").content.decode()
    assert "Het concept is verwijderd." not in again and str(concept.uuid) not in again


def test_never_served_to_another_person_of_the_same_bestuur(aalst, aalst_client, client):
    warm(aalst_client, "/toezicht/")
    ben = Client()
    ben.force_login(factories.user_with_rights(aalst, "toezicht", first_name="Ben", last_name="Collega"))
    ben.get("/toezicht/")  # like a browser: from now on it holds a CSRF cookie and may get kept pages
    html = ben.get("/toezicht/").content.decode()
    assert "Ben Collega" in html and "Ann Aalst" not in html


def test_never_served_to_another_session_of_the_same_person(aalst):
    user = factories.user_with_rights(aalst, "toezicht")
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    warm(laptop, "/toezicht/")
    phone.get("/dashboard/")  # like a browser: from now on it holds a CSRF cookie and may get kept pages
    assert rendered(phone, "/toezicht/")


def test_switching_bestuur_never_serves_the_other_bestuurs_page(aalst, gent):
    user = factories.user_with_rights(aalst, "toezicht")
    sync_memberships(
        user=user,
        grants={aalst: [modules.get_module("toezicht").role], gent: [modules.get_module("toezicht").role]},
        bron=Membership.Bron.MOCK,
    )
    client = Client()
    client.force_login(user)
    client.post(reverse("accounts:wissel-bestuur"), {"bestuur": str(aalst.uuid)})
    melding = verstuurde_melding(aalst)
    url = f"/toezicht/{melding.uuid}/"
    warm(client, url)
    client.post(reverse("accounts:wissel-bestuur"), {"bestuur": str(gent.uuid)})
    assert client.get(url).status_code == 404  # Aalst's melding while working for Gent


def test_a_right_taken_away_is_refused_at_once(aalst, aalst_client):
    warm(aalst_client, "/toezicht/")
    user = Membership.objects.get(bestuur=aalst).user
    sync_memberships(
        user=user, grants={aalst: [modules.get_module("berichten").role]}, bron=Membership.Bron.MOCK
    )
    assert aalst_client.get("/toezicht/").status_code == 403


def test_a_bestuur_renamed_shows_at_once(aalst, aalst_client):
    warm(aalst_client, "/dashboard/")
    Bestuurseenheid.objects.filter(pk=aalst.pk).update(naam="Aalst-Nieuw")
    assert "Aalst-Nieuw" in aalst_client.get("/dashboard/").content.decode()


def test_a_kept_page_carries_a_csrf_token_that_works(aalst):
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.user_with_rights(aalst, "toezicht"))
    warm(client, "/toezicht/")
    html, n = queries(client, "/toezicht/")
    assert n == 0
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html.content.decode()).group(1)
    response = client.post(reverse("toezicht:nieuw"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302  # a new concept, not a CSRF refusal


def test_a_new_day_renders_again(aalst, login_as):
    """Deadlines ("Termijn verstreken") depend on the day: two minutes later, past midnight in Brussels, well
    within the copy's lifetime, the page is rendered again."""
    voor_middernacht = datetime(2026, 11, 30, 23, 59, tzinfo=ZoneInfo("Europe/Brussels"))
    with time_machine.travel(voor_middernacht, tick=False) as traveller:
        client = login_as(factories.user_with_rights(aalst, "toezicht"), aalst)  # a session of that evening
        warm(client, "/toezicht/")
        traveller.shift(timedelta(minutes=2))
        assert rendered(client, "/toezicht/")


def test_another_persons_login_leaves_kept_lists_alone(aalst, aalst_client, settings):
    """A login writes memberships and the audit trail, not the users table the Toezicht list reads (names)."""
    settings.DEBUG = True  # the mock login
    verstuurde_melding(aalst)

    def login_elsewhere():
        Client().post(
            reverse("accounts:mock-login"),
            {"voornaam": "Bea", "achternaam": "Elders", "bestuur": str(aalst.uuid),
             "rollen": [modules.get_module("toezicht").role]},
        )  # fmt: skip

    login_elsewhere()  # her first login creates her user row
    warm(aalst_client, "/toezicht/")
    login_elsewhere()
    with CaptureQueriesContext(connection) as ctx:
        aalst_client.get("/toezicht/")
    # Only the person and their memberships are read again (memberships were written); the page itself is kept.
    assert ctx.captured_queries and not [q for q in ctx.captured_queries if "toezicht_melding" in q["sql"]]


def test_a_deploy_renders_every_page_again(aalst, aalst_client):
    """Each deploy runs `manage.py migrate`: new templates never serve a page of the previous release."""
    from django.core.management import call_command

    warm(aalst_client, "/toezicht/")
    call_command("migrate", verbosity=0)
    assert rendered(aalst_client, "/toezicht/")


def test_off_without_a_shared_cache(aalst, aalst_client, settings):
    settings.LOKET_PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        aalst_client.get("/toezicht/")
    assert rendered(aalst_client, "/toezicht/")


def test_pages_are_rendered_while_redis_is_away(aalst, settings, caplog):
    """Redis down (nothing listens on the port): login, every page (rendered), a write and logout still work."""
    settings.LOKET_PAGE_CACHE_SECONDS = 300
    settings.DEBUG = True  # the mock login
    settings.CACHES = {"default": {"BACKEND": "loket.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/1"}}
    verstuurde_melding(aalst)
    client = Client()
    response = client.post(
        reverse("accounts:mock-login"),
        {
            "voornaam": "Ann",
            "achternaam": "Peeters",
            "bestuur": str(aalst.uuid),
            "rollen": [modules.get_module("toezicht").role],
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    for _ in range(3):
        response = client.get("/toezicht/")
        assert response.status_code == 200
        assert len(re.findall(r'href="/toezicht/[0-9a-f-]{36}/"', response.content.decode())) == 1
    assert (
        client.post(reverse("toezicht:nieuw")).status_code == 302
    )  # a write: its new version is lost, no error
    assert client.post(reverse("accounts:afmelden")).status_code == 302
    assert client.get("/toezicht/").status_code == 302  # logged out: to the login page
    assert "Cache onbereikbaar" in caplog.text


def test_a_result_is_not_kept_when_its_table_changed_while_computing():
    calls = []

    def compute():
        calls.append(1)
        list(Bestuurseenheid.objects.all()[:1])
        pagecache.tables_changed([Bestuurseenheid._meta.db_table])  # another process commits meanwhile
        return len(calls)

    assert pagecache.kept_while_unchanged("test:sleutel", [Bestuurseenheid], compute) == 1
    assert pagecache.kept_while_unchanged("test:sleutel", [Bestuurseenheid], compute) == 2  # not served


def test_a_result_that_read_another_table_or_wrote_is_not_kept():
    def reads_more():
        return list(Melding.objects.all()[:1])

    pagecache.kept_while_unchanged("test:meer", [Bestuurseenheid], reads_more)
    with CaptureQueriesContext(connection) as ctx:
        pagecache.kept_while_unchanged("test:meer", [Bestuurseenheid], reads_more)
    assert len(ctx.captured_queries) == 1


@pytest.mark.parametrize(
    "sql, read, written",
    [
        ('SELECT "a"."id" FROM "a" INNER JOIN "b" ON ("a"."b_id" = "b"."id")', {"a", "b"}, set()),
        ('INSERT INTO "a" ("x") VALUES (%s)', set(), {"a"}),
        ('UPDATE "a" SET "x" = 1 WHERE "a"."id" IN (SELECT U0."id" FROM "b" U0)', set(), {"a", "b"}),
        ('DELETE FROM "a" WHERE "a"."id" = 1', set(), {"a"}),
        ('DECLARE "c" NO SCROLL CURSOR FOR SELECT "a"."id" FROM "a"', {"a"}, set()),  # QuerySet.iterator()
        ("update a set x = 1", set(), {"a"}),
        ("WITH t AS (SELECT 1) UPDATE a SET x = 1", set(), {"a"}),  # anything but a SELECT counts as a write
        ('SELECT "django_session"."session_data" FROM "django_session"', set(), set()),
    ],
)
def test_statements_are_sorted_into_reads_and_writes(sql, read, written, monkeypatch):
    changed = set()
    monkeypatch.setattr(pagecache, "tables_changed", lambda tables: changed.update(tables))
    render = pagecache._Render(csrf_secret=None)
    token = pagecache._render.set(render)
    try:
        pagecache.track_statement(lambda *a: None, sql, None, False, {"connection": connection})
    finally:
        pagecache._render.reset(token)
    assert render.read == read and changed == written and render.wrote == bool(written)
