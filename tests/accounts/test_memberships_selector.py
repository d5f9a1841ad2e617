"""memberships_with_rights: the switcher's list, read on every logged-in page (one query, nothing kept between
requests)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership
from accounts.selectors import memberships_with_rights
from loket import modules
from loket.models import Bestuurseenheid
from tests import factories


@pytest.mark.django_db
def test_active_besturen_with_rights_by_name_in_one_query(aalst, gent):
    user = factories.user_with_rights(gent, "toezicht")
    factories.user_with_rights(aalst, "toezicht", username=user.username)
    toezicht = modules.get_module("toezicht").role
    opgeheven = Bestuurseenheid.objects.filter(actief=False, classificatie__label="Gemeente").first()
    assert opgeheven is not None
    Membership.objects.create(
        user=user, bestuur=opgeheven, rollen=[toezicht]
    )  # no longer active: not offered
    Membership.objects.create(
        user=user, bestuur=factories.bestuur("Brugge"), rollen=["OnbekendeRol"]
    )  # no right
    user.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        memberships = memberships_with_rights(user)
        assert memberships_with_rights(user) is memberships  # the rest of the request reads the same list
    assert [m.bestuur.naam for m in memberships] == ["Aalst", "Gent"]
    assert len(ctx.captured_queries) == 1
    assert all(m.bestuur.classificatie.label == "Gemeente" for m in memberships)  # loaded with the row
    assert len(ctx.captured_queries) == 1
