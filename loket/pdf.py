"""The one PDF helper: a template rendered to an accessible PDF (PDF/UA-1) with WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string


def _static_only_fetcher(url, *args, **kwargs):
    """Resources may come from our static folder only: no network, no arbitrary files."""
    import weasyprint

    static_root = (settings.BASE_DIR / "static").as_uri()
    if not url.startswith(static_root + "/"):
        raise ValueError(f"Bron niet toegelaten in PDF: {url}")
    return weasyprint.default_url_fetcher(url, *args, **kwargs)


def render_pdf(template_name, context):
    import weasyprint  # slow import (about 1 s): only when a PDF is made

    html = render_to_string(template_name, context)
    document = weasyprint.HTML(
        string=html, base_url=(settings.BASE_DIR / "static").as_uri() + "/", url_fetcher=_static_only_fetcher
    )
    return document.write_pdf(pdf_variant="pdf/ua-1")
