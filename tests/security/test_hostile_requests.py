"""Issue 16.3: bad input in the address never ends in a 500, and a login never lands on a POST-only URL.

- The requests of the issue (NUL bytes in query parameters and path segments, `?persoon=²`) answer 400 with the
  Dutch page (loket.middleware.OngeldigeInvoerMiddleware) or 404, never 500.
- The toezicht links field refuses a NUL byte with a Dutch message (jsonb cannot hold one).
- `next` only ever points to a page that answers GET (loket.access.veilige_volgende).
- The generic walk: every URL pattern, GET with a NUL byte in each query parameter the view reads (recorded while
  the view answers a normal GET) and in each path segment, by the person the view is for: every answer < 500; and
  POST with a NUL byte in each form field the view reads.
"""

from contextlib import contextmanager
from urllib.parse import quote, urlsplit

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from loket.modules import get_module
from tests import factories
from tests.test_url_access import OWN_PATTERNS, url_of
from tests.toezicht.factories import MeldingFactory
from toezicht.models import Melding

NUL = "a\x00b"
ONGELDIG = "Ongeldige aanvraag"


def aangemeld(user, bestuur=None, client=None):
    client = client or Client(raise_request_exception=False)
    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = (bestuur or user.memberships.first().bestuur).pk
    session.save()
    return client


# ---------------------------------------------------------------- the requests named in the issue


@pytest.mark.django_db
def test_nul_bytes_in_the_issues_requests_are_a_dutch_400(client, aalst):
    urls = [
        "/mandaten/publiek/?q=a%00b",
        "/leidinggevenden/publiek/besturen/%00/",
        f"/mandaten/publiek/{aalst.uuid}/?periode=%00",
        f"/mandaten/publiek/{aalst.uuid}/mandatarissen.csv?periode=%00",
        f"/mandaten/publiek/{aalst.uuid}/mandatarissen.ttl?periode=%00",
        "/leidinggevenden/publiek/?zoek=%00",
        "/toezicht/?%00=1",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 400, url
        assert ONGELDIG in response.content.decode() and 'lang="nl"' in response.content.decode()
    logged_in = aangemeld(factories.user_with_rights(aalst, "mandaten", "leidinggevenden"), aalst)
    for url in [
        "/mandaten/mandatarissen/nieuw/?q=a%00b",
        "/mandaten/?periode=%00",
        "/mandaten/mandatarissen/?periode=%00",
    ]:
        response = logged_in.get(url)
        assert response.status_code == 400 and ONGELDIG in response.content.decode(), url


@pytest.mark.django_db
def test_a_superscript_two_as_person_id_is_not_found(aalst):
    from leidinggevenden import functies

    client = aangemeld(factories.user_with_rights(aalst, "mandaten", "leidinggevenden"), aalst)
    fid = functies.bestuursfunctie_id(aalst, functies.ALGEMEEN_DIRECTEUR)
    for url in [
        "/mandaten/mandatarissen/nieuw/?persoon=%C2%B2",
        f"/leidinggevenden/functies/{fid}/nieuw/periode/?persoon=%C2%B2",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/leidinggevenden/functies/{fid}/nieuw/periode/", {"persoon": "²"}).status_code == 404


@pytest.mark.django_db
def test_a_nul_byte_in_the_links_field_is_refused_in_dutch(aalst):
    client = aangemeld(factories.user_with_rights(aalst, "toezicht"), aalst)
    melding = MeldingFactory(bestuur=aalst, links=["https://www.aalst.be/besluiten"])
    data = {
        "besluittype": melding.besluittype_id,
        "beslissingsorgaan": melding.beslissingsorgaan_id,
        "datum_zitting": melding.datum_zitting.isoformat(),
        "links": "https://www.aalst.be/a\x00b\nhttps://www.aalst.be/goed",
        "opmerking": "Mijn opmerking",
    }
    for actie in ("bewaar", "verzenden"):
        response = client.post(reverse("toezicht:bewerken", args=[melding.uuid]), {**data, "actie": actie})
        html = response.content.decode()
        assert response.status_code in (200, 400), actie
        assert "mag geen stuurtekens (zoals een NUL-teken) bevatten" in html
        assert "Mijn opmerking" in html  # nothing typed is lost
        melding.refresh_from_db()
        assert (
            melding.links == ["https://www.aalst.be/besluiten"] and melding.status == Melding.Status.CONCEPT
        )


# ---------------------------------------------------------------- next only to a page that answers GET


@pytest.mark.django_db
def test_login_from_a_post_only_url_lands_on_a_page(client, settings, aalst):
    settings.DEBUG = True  # the mock login (development only) stands in for the IdP
    response = client.get("/toezicht/nieuw/")
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith(reverse(settings.LOGIN_URL)) and "nieuw" not in login_url
    # Follow the login as a person would: Aanmelden → the mock login → pick Aalst → rights → log in.
    response = client.get(login_url, follow=True)
    next_url = response.context["next"]
    assert next_url == reverse(get_module("toezicht").url_name)
    response = client.post(
        reverse("accounts:mock-login") + f"?next={next_url}",
        {
            "bestuur": aalst.uuid,
            "voornaam": "Ann",
            "achternaam": "Aalst",
            "rollen": ["LoketLB-toezichtGebruiker"],
            "next": next_url,
        },
        follow=True,
    )
    assert response.status_code == 200 and response.request["PATH_INFO"] == "/toezicht/"
    assert Melding.objects.count() == 0  # nothing was created by the detour


@pytest.mark.django_db
def test_next_pointing_to_a_post_only_url_is_ignored(client, settings, aalst):
    settings.DEBUG = True
    for bad in ["/toezicht/nieuw/", "/afmelden/", "https://evil.example/", "/bestaat-niet/"]:
        response = client.post(
            reverse("accounts:mock-login") + f"?next={quote(bad)}",
            {
                "bestuur": aalst.uuid,
                "voornaam": "Ann",
                "achternaam": "Aalst",
                "rollen": ["LoketLB-toezichtGebruiker"],
                "next": bad,
            },
        )
        assert response.status_code == 302 and response["Location"] == reverse("loket:dashboard"), bad
        client.logout()
    response = client.post(
        reverse("accounts:mock-login"),
        {
            "bestuur": aalst.uuid,
            "voornaam": "Ann",
            "achternaam": "Aalst",
            "rollen": ["LoketLB-toezichtGebruiker"],
            "next": "/toezicht/?status=concept",
        },
    )
    assert response["Location"] == "/toezicht/?status=concept"


def test_the_idp_login_keeps_only_a_next_that_answers_get(rf):
    from allauth.core import context

    from accounts.adapters import NoLocalAccountsAdapter

    request = rf.get("/")
    with context.request_context(request):
        adapter = NoLocalAccountsAdapter(request)
        assert adapter.is_safe_url("/toezicht/")
        assert not adapter.is_safe_url("/toezicht/nieuw/")
        assert not adapter.is_safe_url("https://evil.example/toezicht/")


# ---------------------------------------------------------------- the generic walk


@contextmanager
def gelezen_parameters():
    """Records the query-string parameters a view reads (QueryDict.get/[]/getlist/in)."""
    namen = set()
    originelen = {m: getattr(QueryDict, m) for m in ("get", "__getitem__", "getlist", "__contains__")}

    def opname(methode):
        def lees(self, key, *args, **kwargs):
            if isinstance(key, str):
                namen.add(key)
            return originelen[methode](self, key, *args, **kwargs)

        return lees

    for methode in originelen:
        setattr(QueryDict, methode, opname(methode))
    try:
        yield namen
    finally:
        for methode, origineel in originelen.items():
            setattr(QueryDict, methode, origineel)


def client_voor(rule, walk):
    if rule.kind == "public":
        return Client(raise_request_exception=False)
    if rule.kind in ("abb", "admin"):
        return aangemeld(walk["abb_editeur"])
    return aangemeld(walk["rightful"], walk["aalst"])


def nul_walk(walk):
    """[(url, status)] of every GET with a NUL byte, and the number of URL patterns and parameters."""
    from loket.access import access_rule

    antwoorden, parameters = [], 0
    for name, pattern in OWN_PATTERNS:
        rule = access_rule(pattern.callback)
        url = url_of(name, pattern, walk["kwargs"])
        client = client_voor(rule, walk)
        with gelezen_parameters() as namen:
            client.get(url, {"loket-walk": "1"})  # a non-empty query string binds the filter forms
        namen = sorted(namen - {"loket-walk"}) or ["q"]
        segmenten = [s for s in urlsplit(url).path.split("/") if s]
        parameters += len(namen) + len(segmenten)
        for naam in namen:
            antwoorden.append((f"{url}?{naam}=a%00b", client.get(url, {naam: NUL}).status_code))
        for i in range(len(segmenten)):
            kapot = "/" + "/".join(s + "%00" if j == i else s for j, s in enumerate(segmenten)) + "/"
            antwoorden.append((kapot, client.get(kapot).status_code))
    return antwoorden, parameters


def nul_post_walk(walk):
    """[(url, field, status)] of every POST with a NUL byte in each form field the view reads."""
    from loket.access import access_rule

    antwoorden = []
    for name, pattern in OWN_PATTERNS:
        url = url_of(name, pattern, walk["kwargs"])
        client = client_voor(access_rule(pattern.callback), walk)
        with gelezen_parameters() as namen:
            client.post(url, {"loket-walk": "1"})
        for naam in sorted(namen - {"loket-walk"}):
            antwoorden.append((url, naam, client.post(url, {naam: NUL}).status_code))
    return antwoorden


def test_every_url_with_a_nul_byte_in_each_form_field_answers_below_500(walk, capsys):
    """Form fields are the forms' business (Django's CharField refuses a NUL in Dutch, the rest of the form kept):
    a raw read of a posted value (the bestuur switcher, ?periode on every mandaten page) goes through a form too."""
    antwoorden = nul_post_walk(walk)
    fouten = [f"POST {url} {veld}: {status}" for url, veld, status in antwoorden if status >= 500]
    with capsys.disabled():
        print(
            f"\nNUL POST walk: {len(antwoorden)} POSTs with a NUL byte in a form field; {len(fouten)} × 5xx"
        )
    assert len(antwoorden) > len(OWN_PATTERNS) / 2
    assert not fouten, "\n".join(fouten)


def test_every_url_with_a_nul_byte_in_each_parameter_and_segment_answers_below_500(walk, capsys):
    antwoorden, parameters = nul_walk(walk)
    fouten = [f"{url}: {status}" for url, status in antwoorden if status >= 500]
    with capsys.disabled():
        print(
            f"\nNUL walk: {len(OWN_PATTERNS)} URL patterns × their parameters and path segments = {parameters} "
            f"requests with a NUL byte; {len(fouten)} × 5xx; "
            f"{sum(1 for _, s in antwoorden if s == 400)} × 400"
        )
    assert len(antwoorden) == parameters and parameters > 2 * len(OWN_PATTERNS)
    assert not fouten, "\n".join(fouten)
