"""Persons (loket.models.Persoon) as the active bestuur may see them: the one place leidinggevenden and mandaten
search and pick a person.

Persoon is shared by every bestuur, so a bestuur sees only its own persons: those linked to it as leidinggevende
or mandataris, in any period (PersoonQuerySet.van_bestuur).
- A name search finds only the active bestuur's persons.
- A person of another bestuur (or of none) is found only by their full, valid rijksregisternummer (an exact
  match on its keyed hash), and is then shown by name only: never the mask (it holds the birth date).
- A person is picked by uuid (never the integer id), and only if they are the bestuur's, or this session found
  them by their number or created them for this bestuur; any other uuid is not found (the view: 404).
"""

from django import forms

from . import rrn
from .models import Persoon

# {bestuur id: [uuid, ...]}: persons this session may pick for that bestuur although they are not (yet) linked to
# it: found by their full rijksregisternummer, or just created.
SESSIE_SLEUTEL = "loket_personen_gekozen"
MAX_ONTHOUDEN = 50


class PersoonKeuzeForm(forms.Form):
    """`persoon=<uuid>` in a query string or a form: anything else is not a person (never a 500)."""

    persoon = forms.UUIDField()


def zoek(request, tekst, limit=25):
    """Persons matching `tekst` for the active bestuur, each with `gekoppeld` (show the mask only when true)."""
    tekst = (tekst or "").strip()
    if not tekst or request.bestuur is None:
        return []
    personen = Persoon.objects.met_koppeling(request.bestuur)
    if rrn.is_valid(tekst):
        gevonden = list(personen.filter(rrn_hash=rrn.keyed_hash(tekst)))
        onthoud(request, *(p for p in gevonden if not p.gekoppeld))
        return gevonden
    return list(personen.filter(gekoppeld=True).search(tekst)[:limit])


def onthoud(request, *personen):
    """This session may pick these persons for the active bestuur (found by their number, or just created)."""
    if not personen or request.bestuur is None:
        return
    alle = dict(request.session.get(SESSIE_SLEUTEL) or {})
    sleutel = str(request.bestuur.pk)
    lijst = [u for u in alle.get(sleutel, []) if u not in {str(p.uuid) for p in personen}]
    lijst += [str(p.uuid) for p in personen]
    alle[sleutel] = lijst[-MAX_ONTHOUDEN:]
    request.session[SESSIE_SLEUTEL] = alle


def kies(request, waarde):
    """The person `waarde` (a uuid) names, if the active bestuur may pick them; else None.

    The person carries `gekoppeld`: false for a person of another bestuur found by their number (name only)."""
    form = PersoonKeuzeForm({"persoon": waarde})
    if not form.is_valid() or request.bestuur is None:
        return None
    persoon = Persoon.objects.met_koppeling(request.bestuur).filter(uuid=form.cleaned_data["persoon"]).first()
    if persoon is None:
        return None
    onthouden = (request.session.get(SESSIE_SLEUTEL) or {}).get(str(request.bestuur.pk), [])
    if persoon.gekoppeld or str(persoon.uuid) in onthouden:
        return persoon
    return None
