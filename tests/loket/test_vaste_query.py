"""loket/vaste_query.py: a query compiled once gives what the queryset gives, for every value, in one query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, User
from loket.models import Bestuurseenheid
from loket.vaste_query import VasteQuery
from tests import factories


def _velden(obj):
    return {k: v for k, v in vars(obj).items() if k != "_state"}


def test_same_objects_as_the_queryset_for_each_value(aalst, gent):
    an = factories.user_with_rights(aalst, "toezicht", username="an")
    gert = factories.user_with_rights(gent, "berichten", username="gert")
    factories.user_with_rights(aalst, "mandaten", username="gert")  # Gert in two besturen

    def maak(user_id):
        return Membership.objects.filter(user_id=user_id).select_related("user", "bestuur__classificatie")

    vast = VasteQuery(maak)
    for user in (an, gert, an):
        with CaptureQueriesContext(connection) as queries:
            rijen = sorted(vast(user.pk), key=lambda m: m.pk)
        assert len(queries) == 1
        verwacht = sorted(maak(user.pk), key=lambda m: m.pk)
        assert [_velden(m) for m in rijen] == [_velden(m) for m in verwacht]
        assert [(_velden(m.user), _velden(m.bestuur), _velden(m.bestuur.classificatie)) for m in rijen] == [
            (_velden(m.user), _velden(m.bestuur), _velden(m.bestuur.classificatie)) for m in verwacht
        ]
        assert all(isinstance(m.rollen, list) for m in rijen)  # JSON converted as the queryset does
    assert vast(User.objects.order_by("-pk").first().pk + 1) == []


def test_a_value_equal_to_a_constant_of_the_query_or_used_twice(aalst):
    def maak(naam, nis):
        return (
            Bestuurseenheid.objects.filter(naam=naam, legal_name="Aalst")
            .exclude(nis_code=nis)
            .filter(werkingsgebied=naam)
        )

    vast = VasteQuery(maak)
    for naam, nis in (("Aalst", "0"), ("Gent", "1"), ("Aalst", aalst.nis_code or "x")):
        assert [b.pk for b in vast(naam, nis)] == [b.pk for b in maak(naam, nis)]


def test_a_value_that_changes_the_sql_runs_the_queryset(aalst):
    vast = VasteQuery(lambda naam: Bestuurseenheid.objects.filter(naam=naam))
    assert [b.pk for b in vast(None)] == []  # None: not a value of a fixed shape (IS NULL)
    assert aalst.pk in [b.pk for b in vast("Aalst")]


def test_values_list_rows_are_the_querysets_tuples(aalst, gent):
    def maak(*pks):
        return (
            Bestuurseenheid.objects.filter(pk__in=pks)
            .order_by()
            .values_list("pk", "uuid", "naam", "classificatie__label")
        )

    vast = VasteQuery(maak)
    for pks in ((aalst.pk, gent.pk), (gent.pk, -1)):
        assert sorted(vast(*pks)) == sorted(maak(*pks))


def test_vaste_basis_gives_a_fresh_copy_per_call_and_per_value(db, aalst, gent):
    """VasteBasis keeps one built queryset per value and hands out copies: filtering or evaluating a copy never
    changes the kept one or another caller's copy; each value its own rows."""
    from loket.vaste_query import VasteBasis
    from toezicht.models import Melding

    Melding.objects.create(bestuur=aalst, status="concept")
    Melding.objects.create(bestuur=gent, status="verstuurd")
    basis = VasteBasis(lambda bestuur_id: Melding.objects.filter(bestuur_id=bestuur_id))
    een = basis(aalst.pk)
    assert list(een.values_list("bestuur_id", flat=True)) == [aalst.pk]
    assert list(een.filter(status="verstuurd")) == [] and basis(aalst.pk).count() == 1
    assert basis(aalst.pk) is not een and basis(aalst.pk)._result_cache is None
    assert list(basis(gent.pk).values_list("bestuur_id", flat=True)) == [gent.pk]


def test_a_query_that_can_match_nothing_gives_nothing(db, aalst):
    """A queryset Django knows to be empty (an empty slice, `IN ()`) is not compiled: it answers [] every time."""
    from loket.vaste_query import VasteQuery
    from toezicht.models import Melding

    Melding.objects.create(bestuur=aalst, status="concept")
    leeg = VasteQuery(lambda bestuur_id: Melding.objects.filter(bestuur_id=bestuur_id).values_list("id")[3:3])
    assert leeg(aalst.pk) == [] and leeg(aalst.pk) == []
