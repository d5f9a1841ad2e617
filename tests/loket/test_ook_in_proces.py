"""loket.cache.OokInProces: a value of the shared cache also kept a few seconds in the process."""

from django.core.cache import cache

from loket.cache import OokInProces


def test_a_value_is_read_from_the_cache_once_per_period(monkeypatch):
    klok = [1000.0]
    monkeypatch.setattr("loket.cache.time.monotonic", lambda: klok[0])
    memo = OokInProces(10)
    cache.set("test:ook-in-proces", "eerste", 60)
    assert memo.get("test:ook-in-proces") == "eerste"
    cache.set("test:ook-in-proces", "tweede", 60)  # another process changed it
    klok[0] += 9
    assert memo.get("test:ook-in-proces") == "eerste"  # kept here for 10 s
    klok[0] += 2
    assert memo.get("test:ook-in-proces") == "tweede"  # then read again
    cache.delete("test:ook-in-proces")
    klok[0] += 11
    assert memo.get("test:ook-in-proces") is None  # nothing kept for what the cache does not have


def test_get_or_set_makes_a_value_once_and_forget_empties_every_memo():
    memo = OokInProces(60)
    gemaakt = []

    def maak():
        gemaakt.append(1)
        return ("keuze",)

    assert memo.get_or_set("test:ook-in-proces:keuzes", maak, 300) == ("keuze",)
    assert memo.get_or_set("test:ook-in-proces:keuzes", maak, 300) == ("keuze",)
    assert len(gemaakt) == 1 and cache.get("test:ook-in-proces:keuzes") == ("keuze",)
    memo.set("test:ook-in-proces:getal", 7, 300)
    assert cache.get("test:ook-in-proces:getal") == 7 and memo.get("test:ook-in-proces:getal") == 7
    cache.clear()
    assert memo.get("test:ook-in-proces:getal") == 7  # still kept in the process
    OokInProces.vergeet()
    assert memo.get("test:ook-in-proces:getal") is None


def test_at_most_maximum_keys_are_kept():
    memo = OokInProces(60, maximum=3)
    for i in range(10):
        memo.set(f"test:ook-in-proces:{i}", i, 60)
        assert len(memo._waarden) <= 3


def test_a_value_set_here_shows_at_once_and_never_the_old_one(monkeypatch):
    """The public pages' versions: a change made in this process shows at once; if the cache refuses the new value,
    the old one is not kept here either (the next read asks the cache)."""
    memo = OokInProces(60)
    memo.set("test:ook-in-proces:versie", "oud", None)
    assert memo.get("test:ook-in-proces:versie") == "oud"
    memo.set("test:ook-in-proces:versie", "nieuw", None)
    assert memo.get("test:ook-in-proces:versie") == "nieuw"

    def weg(*args, **kwargs):
        raise ConnectionError("Redis is weg")

    monkeypatch.setattr(cache, "set", weg)
    try:
        memo.set("test:ook-in-proces:versie", "nog nieuwer", None)
    except ConnectionError:
        pass
    assert "test:ook-in-proces:versie" not in memo._waarden
