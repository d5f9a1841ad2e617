"""A URLconf with a view that declares no access rule: the middleware must refuse it."""

from django.http import HttpResponse
from django.urls import include, path


def onbeschermd(request):
    return HttpResponse("geheim")


urlpatterns = [path("onbeschermd/", onbeschermd), path("", include("loket.urls"))]
