"""Reference-data labels kept in process memory for the life of a release.

Codelists, besturen, classifications, bestuursorganen and decision types change only through `load_reference_data`
(a deploy), so the choices of filter bars and the labels of lists need not be read from the database on every page.
`per_release` memoises a function of hashable arguments; every save or delete of a reference model in this process
(the loader, the tests' factories) empties all of them, and so does a new process (each deploy starts new ones).
The values are plain tuples of ids and labels, never model instances (nothing request-specific is kept).
"""

import functools
import threading

_MEMOS = []
_lock = threading.Lock()


def per_release(fn):
    waarden = {}

    @functools.wraps(fn)
    def wrapped(*args):
        try:
            return waarden[args]
        except KeyError:
            waarde = fn(*args)
            with _lock:
                waarden[args] = waarde
            return waarde

    wrapped.leeg = waarden.clear
    _MEMOS.append(waarden)
    return wrapped


def vergeet():
    """Empty every memo (reference data changed in this process)."""
    with _lock:
        for waarden in _MEMOS:
            waarden.clear()


def volg(*models):
    """Every save or delete of these models empties the memos (connected in the apps' ready())."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def ontvanger(sender, **kwargs):
        vergeet()

    for model in models:
        for signaal in (post_save, post_delete):
            signaal.connect(
                ontvanger, sender=model, weak=False, dispatch_uid=f"referentie:{model._meta.label}"
            )
        for veld in model._meta.many_to_many:
            m2m_changed.connect(
                ontvanger, sender=veld.remote_field.through, weak=False, dispatch_uid=f"referentie:{veld}"
            )


@per_release
def bestuur_labels():
    """(pk, label, search words) of every bestuur: "Gemeente Gent (Oost-Vlaanderen)"-style labels as lists show
    them, with the classification and provincie as words to search on."""
    from .models import Bestuurseenheid

    rijen = []
    for bestuur in Bestuurseenheid.objects.select_related("classificatie").order_by(
        "naam", "classificatie__label"
    ):
        label = bestuur.volledige_naam
        if not bestuur.actief:
            label = f"{label} (opgeheven)"
        woorden = " ".join(
            (label, bestuur.naam, bestuur.classificatie.label, bestuur.provincie or "")
        ).lower()
        rijen.append((bestuur.pk, label, woorden))
    return tuple(rijen)


@per_release
def bestuur_kolommen():
    """{pk: (volledige naam, provincie, classificatie)} of every bestuur: what lists show of a bestuur."""
    from .models import Bestuurseenheid

    return {
        b.pk: (b.volledige_naam, b.provincie, b.classificatie.label)
        for b in Bestuurseenheid.objects.select_related("classificatie")
    }


def zoek_besturen(tekst, limiet=None):
    """The besturen whose label, classification or provincie hold every word typed (as a word start), exact label
    first: [(pk, label)], at most `limiet`. In memory: no query."""
    import re

    tekst = (tekst or "").strip().lower()
    woorden = [w for w in re.split(r"[^\w]+", tekst) if w][:10]
    if not woorden:
        return []
    exact, rest = [], []
    for pk, label, zoekwoorden in bestuur_labels():
        if label.lower() == tekst:
            exact.append((pk, label))
        elif all(re.search(rf"(?<!\w){re.escape(w)}", zoekwoorden) for w in woorden):
            rest.append((pk, label))
    gevonden = exact + rest
    return gevonden[:limiet] if limiet else gevonden
