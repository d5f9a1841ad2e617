"""The declarative form engine: validation with the real Dutch messages, conditional fields, tables."""

import json
from pathlib import Path

import pytest
from django.http import QueryDict

from subsidies import formengine
from tests.subsidies.factories import DEFINITIE, GELDIG

D = formengine.Definitie(DEFINITIE)


def test_every_error_at_once_with_the_definitions_messages():
    fouten = formengine.valideer(
        D, {"naam": "", "iban": "BE00 1234", "telefoon": "12", "motivatie": "x" * 21, "keuze": "A"}
    )
    assert fouten == {
        "naam": ["Dit veld is verplicht."],
        "iban": ["Geef een geldig IBAN op."],
        "telefoon": ["Geef een geldig telefoonnummer in."],
        "motivatie": ["Max. karakters overschreden."],
    }
    assert formengine.valideer(D, GELDIG) == {}


@pytest.mark.parametrize(
    "nummer, ok",
    [
        ("053 77 30 00", True),
        ("+32 53 77 30 00", True),
        ("0032477123456", True),
        ("0477/12.34.56", True),
        ("047712345", False),
        ("05377300", False),
        ("+31 20 123 4567", True),
        ("abc", False),
    ],
)
def test_belgian_phone(nummer, ok):
    assert formengine.geldig_telefoon(nummer) is ok


@pytest.mark.parametrize(
    "iban, ok",
    [
        ("BE68 5390 0754 7034", True),
        ("be68539007547034", True),
        ("BE68 5390 0754 7035", False),
        ("NL91ABNA0417164300", True),
        ("BE6853900754703", False),
    ],
)
def test_iban(iban, ok):
    assert formengine.geldig_iban(iban) is ok


def test_conditional_field_counts_only_when_its_condition_holds():
    assert "andere" not in formengine.valideer(D, {**GELDIG, "keuze": "A"})
    assert formengine.valideer(D, {**GELDIG, "keuze": "Andere"})["andere"] == ["Dit veld is verplicht."]
    # On sending, the answer to a hidden conditional field is dropped.
    assert "andere" not in formengine.zonder_verborgen(D, {**GELDIG, "keuze": "A", "andere": "oud"})


def test_radio_outside_the_list():
    assert formengine.valideer(D, {**GELDIG, "keuze": "Z"})["keuze"] == ["Selecteer een waarde uit de lijst."]


def test_table_rows_cells_and_empty_rows():
    post = QueryDict(mutable=True)
    post.update(
        {
            "tabel-rijen": "3",
            "tabel-0-instantie": "Vlaanderen",
            "tabel-0-bedrag": "1.250,50",
            "tabel-1-instantie": "Provincie",
            "tabel-1-bedrag": "veel",
        }
    )
    data = formengine.antwoorden(D, post)
    assert len(data["tabel"]) == 3  # nothing typed is lost, also the empty row
    fouten = formengine.valideer(D, {**data, **GELDIG})
    assert fouten == {
        "tabel-1-bedrag": ["Geef een geldig bedrag op."],
        "tabel": ["Gelieve de tabel correct in te vullen."],
    }
    assert len(formengine.zonder_lege_rijen(D, data)["tabel"]) == 2


def test_required_files_count():
    d = formengine.Definitie(
        {
            "secties": [
                {
                    "titel": "B",
                    "velden": [
                        {
                            "sleutel": "f",
                            "label": "Begroting",
                            "type": "bestanden",
                            "regels": [{"soort": "verplicht", "melding": "Dit veld is verplicht."}],
                        }
                    ],
                }
            ]
        }
    )
    assert formengine.valideer(d, {}, {}) == {"f": ["Dit veld is verplicht."]}
    assert formengine.valideer(d, {}, {"f": 1}) == {}


def test_unknown_type_is_refused():
    with pytest.raises(ValueError):
        formengine.Definitie(
            {"secties": [{"titel": "x", "velden": [{"sleutel": "a", "label": "a", "type": "html"}]}]}
        )


def test_form_renders_every_field_with_label_required_marker_and_error():
    form = formengine.StapForm(
        D, {"naam": "", "tabel": [{"instantie": "x"}]}, {"naam": ["Dit veld is verplicht."]}
    )
    assert form["naam"].field.required and form["naam"].errors == ["Dit veld is verplicht."]
    assert form["tabel-0-instantie"].value() == "x"
    assert form["tabel-rijen"].value() == 1


def test_reference_forms_load_and_carry_the_real_messages():
    data_dir = Path(__file__).resolve().parents[2] / "loket" / "data" / "subsidies" / "formulieren"
    blbt = json.loads((data_dir / "lokaal-bestuurlijk-talent/proposal/20240318151410.json").read_text())
    d = formengine.Definitie(blbt)
    assert [s.titel for s in d.secties] == [
        "Informatie over het bestuur",
        "Informatie over het voorgedragen personeelslid",
        "Informatie over het vormingstraject",
        "Op te laden bestanden",
    ]
    fouten = formengine.valideer(d, {"bankAccountF": "BE12", "kandidaatSchetsF": "x" * 1501})
    assert fouten["bankAccountF"] == ["Geef een geldig IBAN op."]
    assert fouten["kandidaatSchetsF"] == ["Max. karakters overschreden."]
    assert fouten["kboNummerF"] == ["Dit veld is verplicht."]
    safer = formengine.Definitie(
        json.loads((data_dir / "safer-spaces/aanvraag/20250314100240-init.json").read_text())
    )
    tabel = safer.per_sleutel["overzichtErkenningenListing"]
    assert tabel.type == "tabel" and tabel.toevoegen == "Voeg rij toe"
    assert [k.label for k in tabel.kolommen] == [
        "Subsidiërende instantie",
        "Reden van erkenning/subsidie",
        "Bedrag",
    ]
