"""loket/personen.py and Persoon.uuid: which models link a person to a bestuur, and the data migration that gave
every existing person a uuid."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from leidinggevenden.models import Functionaris
from loket.models import Persoon, persoon_koppelingen
from mandaten.models import Mandataris

MIGRATIE = ("loket", "0006_persoon_uuid")


def test_a_person_is_linked_through_functionarissen_and_mandatarissen():
    assert {(m, veld) for m, veld in persoon_koppelingen()} == {
        (Functionaris, "persoon"),
        (Mandataris, "persoon"),
    }


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_existing_person_their_own_uuid():
    executor = MigrationExecutor(connection)
    [vorige] = [
        p.key for p in executor.loader.graph.node_map[MIGRATIE].parents if p.key[0] == "loket"
    ]  # the loket migration before the uuid
    executor.migrate([vorige])
    oud = executor.loader.project_state([vorige]).apps.get_model("loket", "Persoon")
    for i in range(3):
        oud.objects.create(voornaam=f"Voor{i}", achternaam="Bestaand")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    uuids = list(Persoon.objects.filter(achternaam="Bestaand").values_list("uuid", flat=True))
    assert len(uuids) == 3 and None not in uuids and len(set(uuids)) == 3
