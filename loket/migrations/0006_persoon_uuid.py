"""Persoon gets a uuid (the only id of a person in a URL): added empty, filled for the existing rows, then unique."""

import uuid

from django.db import migrations, models


def vul_uuids(apps, schema_editor):
    Persoon = apps.get_model("loket", "Persoon")
    personen = list(Persoon.objects.filter(uuid__isnull=True).only("pk"))
    for persoon in personen:
        persoon.uuid = uuid.uuid4()
    Persoon.objects.bulk_update(personen, ["uuid"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("loket", "0005_merge_0003_bewaarde_upload_0004_merge_20261205_1939"),
    ]

    operations = [
        migrations.AddField(
            model_name="persoon",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(vul_uuids, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="persoon",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
