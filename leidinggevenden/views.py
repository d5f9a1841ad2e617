from django.shortcuts import render

from loket.access import requires_module
from loket.modules import get_module


@requires_module("leidinggevenden")
def index(request):
    return render(request, "loket/module_in_opbouw.html", {"module": get_module("leidinggevenden")})
