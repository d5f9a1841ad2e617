"""accounts.claims without an IdP: how claim values map to besturen and roles."""

import pytest

from accounts.claims import Weigering, lees_claims, veilige_claims, verberg_rrn, vind_bestuur
from loket.rrn import keyed_hash
from tests import factories
from tests.oidc.idp import AALST_OVO, RRN_JAN, default_claims


def test_orgcodes_match_by_ovo_case_insensitively_and_by_kbo_with_or_without_dots(db):
    aalst = factories.bestuur("Aalst")
    assert vind_bestuur(AALST_OVO.lower()) == aalst
    assert vind_bestuur("0207437468") == aalst
    assert vind_bestuur("0207.437.468") == aalst
    assert vind_bestuur("OVO999999") is None and vind_bestuur("") is None


def test_a_single_role_may_come_as_a_string(db):
    aanmelding = lees_claims(default_claims(abb_loketLB_rol_3d="LoketLB-toezichtGebruiker"))
    assert aanmelding.grants == {factories.bestuur("Aalst"): ["LoketLB-toezichtGebruiker"]}
    assert aanmelding.rrn_hash == keyed_hash(RRN_JAN)


def test_missing_vo_orgcode_is_an_unknown_organisation(db):
    with pytest.raises(Weigering) as exc:
        lees_claims(default_claims(vo_orgcode=None))
    assert exc.value.reden == Weigering.ORGANISATIE_ONBEKEND


def test_roles_only_for_a_merged_away_bestuur_grant_nothing(db):
    with pytest.raises(Weigering) as exc:
        lees_claims(default_claims(abb_loketLB_rol_3d=["LoketLB-toezichtGebruiker:OVO002030"]))  # Borsbeek
    assert exc.value.reden == Weigering.GEEN_ROL


def test_the_rrn_is_hidden_in_logs_and_hashed_in_stored_claims():
    assert veilige_claims({"rrn": RRN_JAN, "vo_orgcode": "x"}) == {"rrn": "(verborgen)", "vo_orgcode": "x"}
    extra = verberg_rrn({"userinfo": {"rrn": RRN_JAN}, "id_token": {"sub": "s"}})
    assert extra == {"userinfo": {"rrn_hash": keyed_hash(RRN_JAN)}, "id_token": {"sub": "s"}}
