"""Authentication: the government IdP through django-allauth's OpenID Connect provider, and the mock login.

The mock login exists for development and demos only. It needs DEBUG on *and* LOKET_MOCK_LOGIN; production.py
forces it off whatever the environment says.
"""

from .env import env

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's backends (loket/backends.py keeps the paths that existing sessions name).
    "loket.backends.ModelBackend",
    "loket.backends.AllauthBackend",
    "loket.backends.AdminRoleBackend",
]
LOGIN_URL = "accounts:aanmelden"
LOGIN_REDIRECT_URL = "loket:dashboard"
LOGOUT_REDIRECT_URL = "loket:start"

LOKET_MOCK_LOGIN = env.bool("LOKET_MOCK_LOGIN", default=True)

# Session: expires after inactivity (seconds), pushed forward at most once a minute (accounts.middleware.touch_session).
SESSION_COOKIE_AGE = env.int("LOKET_SESSION_IDLE_SECONDS", default=60 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login attempts (IdP login start and callback, mock login) per client address and per username in a window
# of LOKET_LOGIN_RATE_WINDOW seconds; beyond that the Dutch 429 page "Te veel aanmeldpogingen". Counters live in
# the cache (Redis in production). Behind N proxies that append to X-Forwarded-For, set LOKET_TRUSTED_PROXIES=N.
LOKET_LOGIN_RATE_WINDOW = env.int("LOKET_LOGIN_RATE_WINDOW", default=300)
LOKET_LOGIN_RATE_LIMIT_PER_IP = env.int("LOKET_LOGIN_RATE_LIMIT_PER_IP", default=100)
LOKET_LOGIN_RATE_LIMIT_PER_USERNAME = env.int("LOKET_LOGIN_RATE_LIMIT_PER_USERNAME", default=10)
LOKET_TRUSTED_PROXIES = env.int("LOKET_TRUSTED_PROXIES", default=0)

# Keyed hash for the rrn claim (never stored in clear). Defaults to a key derived from SECRET_KEY.
LOKET_RRN_HASH_KEY = env("LOKET_RRN_HASH_KEY", default="")

# --- django-allauth: only social (OIDC) login, no local accounts, no signup form.
ACCOUNT_ADAPTER = "accounts.adapters.NoLocalAccountsAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.LoketSocialAccountAdapter"
SOCIALACCOUNT_LOGIN_ON_GET = True  # "Aanmelden" goes straight to the IdP
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = True  # the id_token is needed for RP-initiated logout
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*"]
ACCOUNT_LOGOUT_ON_GET = False

OIDC_PROVIDER_ID = env("OIDC_PROVIDER_ID", default="acmidm")
OIDC_SERVER_URL = env("OIDC_SERVER_URL", default="")
# abb_databanktoezicht: the ABB supervision roles (lezer, editeur, VLABEL) in the claim abb_databanktoezicht_rol_3d.
OIDC_SCOPES = env.list(
    "OIDC_SCOPES", default=["openid", "rrn", "vo", "profile", "abb_loketLB", "abb_databanktoezicht"]
)
# Where the IdP sends people after the logout at the IdP (must be registered there). Default: the start page.
OIDC_POST_LOGOUT_REDIRECT_URL = env("OIDC_POST_LOGOUT_REDIRECT_URL", default="")
# The logout (POST /afmelden/) redirects to the IdP's end_session_endpoint: browsers check a form's redirects
# against the CSP form-action, so security.py adds the IdP's origin there.
OIDC_ORIGIN = "/".join(OIDC_SERVER_URL.split("/")[:3]) if OIDC_SERVER_URL else ""
# Organisation codes (vo_orgcode) the reference data lack, e.g. ABB itself: "OVO001234=<bestuur uuid>,...".
LOKET_OIDC_ORGCODES = env.dict("LOKET_OIDC_ORGCODES", default={})

SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": (
            [
                {
                    "provider_id": OIDC_PROVIDER_ID,
                    "name": "Vlaamse overheid (ACM/IDM)",
                    "client_id": env("OIDC_CLIENT_ID", default=""),
                    "secret": env("OIDC_CLIENT_SECRET", default=""),
                    "settings": {
                        "server_url": OIDC_SERVER_URL,
                        "token_auth_method": env("OIDC_TOKEN_AUTH_METHOD", default="client_secret_basic"),
                        "scope": OIDC_SCOPES,
                    },
                }
            ]
            if OIDC_SERVER_URL
            else []
        ),
    }
}
