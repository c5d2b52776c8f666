"""Settings for the page benchmark (`python -m bench.pages`): the benchmark's own database
(see bench/settings.py), DEBUG off, static files compressed and served by WhiteNoise as in
production, and one extra page, the floor (`bench/floor/`), that exists only here.

The web server (gunicorn) and the benchmark process both run with these settings, so a
session the benchmark creates is one the server accepts.
"""

from __future__ import annotations

from bench.settings import *  # noqa: F403
from bench.settings import BENCH_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
# django.test.Client (for the query counts) calls itself "testserver".
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
TEMPLATES = [{**TEMPLATES[0], "DIRS": [BENCH_DIR.parent.parent / "bench" / "templates"]}]
STATIC_ROOT = BENCH_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Staff sign in with a second factor here as in production: the benchmark's sessions carry
# a verified TOTP device, so the middleware's device lookup is part of every page's cost.
INBRENG_DEMO = False
