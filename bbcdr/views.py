from django.shortcuts import render

from loket.access import requires_abb, requires_module
from loket.modules import get_module


@requires_module("bbcdr")
def index(request):
    return render(request, "loket/module_in_opbouw.html", {"module": get_module("bbcdr")})


@requires_abb()
def abb_index(request):
    return render(request, "loket/module_in_opbouw.html", {"module": get_module("bbcdr"), "abb": True})
