"""The project's URLs plus /bench/floor/: a bare Django view through the full middleware stack (the floor).

Wired only through bench.settings, never in loket.urls: production does not have this URL.
"""

from django.http import HttpResponse
from django.urls import path

from loket.access import public
from loket.urls import handler403, handler404, handler500  # noqa: F401
from loket.urls import urlpatterns as loket_urlpatterns


@public
def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *loket_urlpatterns]
