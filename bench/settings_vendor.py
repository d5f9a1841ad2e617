"""bench.settings for bench/vendor.py: the decision pages are served on loopback, so the download may use it.
Only the vendor benchmark uses this module (production forces LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE off)."""

from bench.settings import *  # noqa: F403

LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE = True
