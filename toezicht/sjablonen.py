"""Toezicht's helpers for its templates (registered in ToezichtConfig.ready; loket/jinja.py)."""

import jinja2
from markupsafe import Markup

from loket.jinja import registreer_filter, registreer_global


@registreer_filter()
def mar_label(code):
    """A MAR-code with its label from the codelist: "7300 – Opcentiemen op de onroerenden voorheffing"."""
    from .reference import mar_label as label

    return label(code)


@registreer_global()
@jinja2.pass_environment
def staafdiagram(env, titel, rijen, sleutel, groep="Groep", kolom="Aantal meldingen"):
    """A horizontal bar chart as server-side SVG, with the same numbers in a table beside it."""
    label_breedte, staaf_breedte, hoogte = 230, 300, 26
    grootste = max((n for _, n in rijen), default=0) or 1
    staven = [
        {
            "label": label if len(label) <= 34 else label[:33] + "…",
            "volledig": label,
            "n": n,
            "y": i * hoogte,
            "tekst_y": i * hoogte + 17,
            "breedte": round(n / grootste * staaf_breedte, 1),
            "n_x": label_breedte + round(n / grootste * staaf_breedte, 1) + 6,
        }
        for i, (label, n) in enumerate(rijen)
    ]
    return Markup(  # noqa: S704 (rendered by an autoescaping template)
        env.get_template("toezicht/_staafdiagram.html").render(
            titel=titel,
            sleutel=sleutel,
            kolom=kolom,
            groep=groep,
            staven=staven,
            rijen=rijen,
            label_breedte=label_breedte,
            label_x=label_breedte - 8,
            breedte=label_breedte + staaf_breedte + 50,
            hoogte=max(len(rijen), 1) * hoogte,
            totaal=sum(n for _, n in rijen),
        )
    )
