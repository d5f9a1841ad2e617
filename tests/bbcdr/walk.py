"""URL kwargs for the lead's URL access walk (tests/test_url_access.py)."""

from tests.bbcdr.factories import rapport


def url_kwargs(bestuur):
    r = rapport(bestuur, verstuurd=True)
    return {"rapport_id": r.uuid, "bestand_id": r.xml.uuid, "abb_rapport_id": r.uuid}
