from django.shortcuts import render

from loket.access import requires_abb, requires_module
from loket.modules import get_module


@requires_module("berichten")
def index(request):
    return render(request, "loket/module_in_opbouw.html", {"module": get_module("berichten")})


@requires_abb()
def abb_index(request):
    return render(request, "loket/module_in_opbouw.html", {"module": get_module("berichten"), "abb": True})
