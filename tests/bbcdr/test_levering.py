"""Packaging and delivery: one zip with a manifest in the outbox, idempotent, retried, never losing the report."""

import hashlib
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import storages

from bbcdr import services, tasks
from bbcdr.models import Rapport
from loket import outbox
from loket.models import AuditEvent
from tests.bbcdr.factories import bbcdr_user, corpus, rapport

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(aalst):
    return rapport(aalst, user=bbcdr_user(aalst), verstuurd=True)


def outbox_files(tmp_path):
    folder = tmp_path / "outbox"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_package_holds_the_pair_and_a_manifest(sent, tmp_path, aalst):
    naam = tasks.lever_rapport.delay(sent.pk).get()
    sent.refresh_from_db()
    assert sent.levering_status == Rapport.Levering.GELEVERD and sent.pakket_naam == naam
    data = (tmp_path / "outbox" / naam).read_bytes()
    assert hashlib.sha256(data).hexdigest() == sent.pakket_sha256
    with zipfile.ZipFile(tmp_path / "outbox" / naam) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "xbrl/geldig.xbrl", "xml/geldig.xml"]
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("xml/geldig.xml") == corpus("geldig.xml").read()
    assert manifest["bestuur"]["naam"] == "Gemeente Aalst"
    assert manifest["bestuur"]["kbo"] == aalst.kbo and manifest["bestuur"]["ovo"] == aalst.ovo
    assert manifest["rapport"] == str(sent.uuid)
    assert manifest["verstuurd_op"].startswith(sent.verstuurd_op.astimezone().strftime("%Y-"))
    hashes = {b["soort"]: b["sha256"] for b in manifest["bestanden"]}
    assert hashes == {"xml": sent.xml.sha256, "xbrl": sent.xbrl.sha256}
    assert hashes["xml"] == hashlib.sha256(corpus("geldig.xml").read()).hexdigest()
    assert AuditEvent.objects.filter(actie="bbcdr.rapport.geleverd").count() == 1


def test_running_twice_gives_one_package_with_the_same_hash(sent, tmp_path):
    tasks.lever_rapport.delay(sent.pk)
    sent.refresh_from_db()
    first = (sent.pakket_naam, sent.pakket_sha256)
    tasks.lever_rapport.delay(sent.pk)
    sent.refresh_from_db()
    assert (sent.pakket_naam, sent.pakket_sha256) == first
    assert outbox_files(tmp_path) == [first[0]]


def test_rerun_after_a_crash_between_writing_and_recording_does_not_deliver_twice(sent, tmp_path):
    tasks.lever_rapport.delay(sent.pk)
    sent.refresh_from_db()
    first = (sent.pakket_naam, sent.pakket_sha256)
    # The worker died after writing the zip but before recording it: the task runs again from scratch.
    Rapport.objects.filter(pk=sent.pk).update(levering_status=Rapport.Levering.IN_WACHTRIJ, pakket_sha256="")
    tasks.lever_rapport.delay(sent.pk)
    sent.refresh_from_db()
    assert (sent.pakket_naam, sent.pakket_sha256) == first
    assert sent.levering_status == Rapport.Levering.GELEVERD
    assert outbox_files(tmp_path) == [first[0]]


def test_a_concept_is_never_packaged(aalst, tmp_path):
    concept = rapport(aalst)
    assert tasks.lever_rapport.delay(concept.pk).get() is None
    assert outbox_files(tmp_path) == []


class BrokenOutbox:
    calls = 0

    def exists(self, name):
        BrokenOutbox.calls += 1
        raise ConnectionError("outbox onbereikbaar")


@pytest.fixture
def worker_retries(monkeypatch):
    """Like a worker: retries are run (eagerly) instead of surfacing as exceptions."""
    monkeypatch.setitem(tasks.lever_rapport.app.conf, "task_eager_propagates", False)


def test_failure_is_retried_then_visible_and_the_report_is_kept(sent, monkeypatch, worker_retries):
    BrokenOutbox.calls = 0
    monkeypatch.setattr("bbcdr.pakket.outbox_storage", lambda: BrokenOutbox())
    services.plan_levering(sent.pk)  # as on commit after sending: must not raise
    sent.refresh_from_db()
    assert BrokenOutbox.calls == tasks.MAX_POGINGEN + 1  # first try + retries
    assert sent.status == Rapport.Status.VERSTUURD and sent.bestanden.count() == 2
    assert sent.levering_status == Rapport.Levering.MISLUKT
    assert "outbox onbereikbaar" in sent.levering_fout
    assert sent.levering_pogingen == tasks.MAX_POGINGEN + 1
    assert AuditEvent.objects.filter(actie="bbcdr.rapport.levering_mislukt").count() == 1


def test_first_failure_is_recorded_for_a_retry(sent, monkeypatch):
    monkeypatch.setattr("bbcdr.pakket.outbox_storage", lambda: BrokenOutbox())
    services.plan_levering(sent.pk)  # eager mode surfaces the retry: recorded, not raised
    sent.refresh_from_db()
    assert sent.levering_status == Rapport.Levering.OPNIEUW and sent.levering_pogingen == 1
    assert "outbox onbereikbaar" in sent.levering_fout


def test_broker_outage_never_breaks_the_send_and_the_outbox_delivers_later(sent, monkeypatch):
    """The report stays in the queue (not failed for good) and the outbox sweeper delivers it once the broker
    is back (loket/outbox.py, the beat job loket-outbox)."""

    def down(*args, **kwargs):
        raise OSError("broker onbereikbaar")

    with monkeypatch.context() as m:
        m.setattr(tasks.lever_rapport, "apply_async", down)
        services.plan_levering(sent.pk)
    sent.refresh_from_db()
    assert sent.status == Rapport.Status.VERSTUURD
    assert sent.levering_status == Rapport.Levering.IN_WACHTRIJ
    assert outbox.sweep(marge=timedelta(0))["bbcdr.levering"] == (1, 1)
    sent.refresh_from_db()
    assert sent.levering_status == Rapport.Levering.GELEVERD
    assert outbox.sweep(marge=timedelta(0))["bbcdr.levering"] == (0, 0)


def test_delivery_succeeds_after_a_transient_failure(sent, monkeypatch, tmp_path, worker_retries):
    real = storages["bbcdr_outbox"]
    state = {"fails": 2}

    class Flaky:
        def __getattr__(self, name):
            return getattr(real, name)

        def save(self, name, content):
            if state["fails"]:
                state["fails"] -= 1
                raise TimeoutError("tijdelijk")
            return real.save(name, content)

    monkeypatch.setattr("bbcdr.pakket.outbox_storage", lambda: Flaky())
    tasks.lever_rapport.delay(sent.pk)
    sent.refresh_from_db()
    assert sent.levering_status == Rapport.Levering.GELEVERD and sent.levering_fout == ""
    assert outbox_files(tmp_path) == [sent.pakket_naam]


def test_status_and_error_are_shown_to_the_bestuur(sent, login_as, aalst):
    Rapport.objects.filter(pk=sent.pk).update(
        levering_status=Rapport.Levering.MISLUKT,
        levering_fout="Technische fout: outbox onbereikbaar",
        levering_pogingen=6,
    )
    client = login_as(bbcdr_user(aalst), aalst)
    from django.urls import reverse

    page = client.get(reverse("bbcdr:detail", kwargs={"rapport_id": sent.uuid})).content.decode()
    assert "De levering aan de Vlaamse overheid is mislukt." in page
    assert "outbox onbereikbaar" in page and "Uw rapport is wel verstuurd en blijft bewaard." in page
    assert "Levering mislukt" in client.get(reverse("bbcdr:index")).content.decode()


def test_changed_stored_file_is_not_packaged(sent, tmp_path, worker_retries):
    with open(sent.xml.bestand.path, "ab") as handle:
        handle.write(b"<!-- gewijzigd -->")
    services.plan_levering(sent.pk)
    sent.refresh_from_db()
    assert sent.levering_status == Rapport.Levering.MISLUKT
    assert "veranderd sinds het verstuurd werd" in sent.levering_fout
    assert outbox_files(tmp_path) == []


def test_delivery_to_s3_outbox_is_idempotent(sent, settings):
    """Production shape: the outbox is a prefix in an S3 bucket (moto in-process, no network)."""
    import boto3
    from moto import mock_aws

    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="loket-outbox")
        settings.STORAGES = {
            **settings.STORAGES,
            "bbcdr_outbox": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "loket-outbox",
                    "region_name": "us-east-1",
                    "location": "bbcdr-outbox",
                    "access_key": "testing",
                    "secret_key": "testing",
                    "default_acl": "private",
                    "file_overwrite": False,
                },
            },
        }
        tasks.lever_rapport.delay(sent.pk)
        Rapport.objects.filter(pk=sent.pk).update(levering_status=Rapport.Levering.IN_WACHTRIJ)
        tasks.lever_rapport.delay(sent.pk)
        sent.refresh_from_db()
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket="loket-outbox")["Contents"]]
        assert keys == [f"bbcdr-outbox/{sent.pakket_naam}"]
        body = s3.get_object(Bucket="loket-outbox", Key=keys[0])["Body"].read()
        assert hashlib.sha256(body).hexdigest() == sent.pakket_sha256
