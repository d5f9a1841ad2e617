import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings.base")
application = get_wsgi_application()


def _warm_en_bevries():
    """Load what every request needs (the URLs, the template engine) and move everything loaded so far out of the
    garbage collector's reach (gc.freeze): the ~100,000 objects of Django and the apps live as long as the
    process, yet the collector's oldest generation walked all of them again every few dozen list pages (~0.3 ms
    a page on average, docs/performance.md). Imported in each web process (gunicorn loads the application after
    forking), so nothing is shared between processes by it."""
    from django.template import engines
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (loads the URLconf)
    engines.all()  # makes the template engines
    gc.collect()
    gc.freeze()


_warm_en_bevries()
