"""The vendor API (leveranciers): POST /melding by software vendors, and the download of the published page."""

from .env import env

# Requests per vendor per window (fixed window in the cache, shared by every web process with Redis); beyond: 429.
LOKET_VENDOR_RATE_LIMIT = env.int("LOKET_VENDOR_RATE_LIMIT", default=300)
LOKET_VENDOR_RATE_WINDOW = env.int("LOKET_VENDOR_RATE_WINDOW", default=60)
# The largest request body accepted (a melding is a few hundred bytes).
LOKET_VENDOR_MAX_BODY_BYTES = env.int("LOKET_VENDOR_MAX_BODY_BYTES", default=64 * 1024)
# Downloading the published decision page (href): timeouts (seconds), size cap, retries with backoff.
LOKET_VENDOR_DOWNLOAD_CONNECT_TIMEOUT = env.float("LOKET_VENDOR_DOWNLOAD_CONNECT_TIMEOUT", default=5.0)
LOKET_VENDOR_DOWNLOAD_READ_TIMEOUT = env.float("LOKET_VENDOR_DOWNLOAD_READ_TIMEOUT", default=15.0)
LOKET_VENDOR_DOWNLOAD_MAX_BYTES = env.int("LOKET_VENDOR_DOWNLOAD_MAX_BYTES", default=10 * 1024 * 1024)
LOKET_VENDOR_DOWNLOAD_MAX_REDIRECTS = env.int("LOKET_VENDOR_DOWNLOAD_MAX_REDIRECTS", default=5)
LOKET_VENDOR_DOWNLOAD_RETRIES = env.int("LOKET_VENDOR_DOWNLOAD_RETRIES", default=6)
LOKET_VENDOR_DOWNLOAD_BACKOFF_SECONDS = env.int("LOKET_VENDOR_DOWNLOAD_BACKOFF_SECONDS", default=30)
# Private, loopback and link-local addresses are refused (SSRF); only tests and local development allow them.
LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE = env.bool("LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE", default=False)
