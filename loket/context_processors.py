from django.conf import settings

from . import modules


def loket(request):
    rights = getattr(request, "rights", None)
    return {
        "active_bestuur": getattr(request, "bestuur", None),
        "rights": rights,
        "menu_modules": rights.modules if rights else [],
        "helpdesk_telefoon": settings.LOKET_HELPDESK_TELEFOON,
        "helpdesk_email": settings.LOKET_HELPDESK_EMAIL,
        "mock_login_enabled": mock_login_enabled(),
        "all_modules": modules.MODULES,
        "switchable": _switchable(request),
        "impersonator": getattr(request, "impersonator", None),
    }


def _switchable(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "impersonator", None) is not None:
        return []  # while an admin works as a bestuur, the switcher offers nothing
    return getattr(request, "memberships", [])


def mock_login_enabled():
    return bool(settings.DEBUG and settings.LOKET_MOCK_LOGIN)
